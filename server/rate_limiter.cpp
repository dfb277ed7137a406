#include "rate_limiter.hpp"

namespace smartcp::log {

bool RateLimiter::allow(const std::string& client, TimeMs now) {
  if (per_minute_ <= 0) return true;
  std::lock_guard lock(mutex_);
  std::int64_t minute = now / 60'000;
  // A fixed window: the map only ever holds the current minute's clients.
  if (minute != minute_ || counts_.size() >= kMaxClients) {
    counts_.clear();
    minute_ = minute;
  }
  return ++counts_[client] <= per_minute_;
}

}  // namespace smartcp::log
