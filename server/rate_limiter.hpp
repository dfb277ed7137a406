// Entries per client and minute, counted in memory only: the client's address is never stored.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "smartcp/cookie.hpp"  // TimeMs

namespace smartcp::log {

class RateLimiter {
 public:
  // At most `per_minute` requests per client in each minute; 0 turns the limit off.
  explicit RateLimiter(int per_minute) : per_minute_(per_minute) {}
  bool allow(const std::string& client, TimeMs now);

 private:
  static constexpr std::size_t kMaxClients = 100'000;  // beyond that, the oldest minute is forgotten
  int per_minute_;
  std::mutex mutex_;
  std::int64_t minute_ = -1;
  std::unordered_map<std::string, int> counts_;
};

}  // namespace smartcp::log
