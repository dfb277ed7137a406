#include "client_address.hpp"

#include <arpa/inet.h>

#include <algorithm>

#include "text.hpp"

namespace smartcp::log {

bool AddressRange::contains(const Address& a) const {
  if (a.v6 != base.v6) return false;
  const int full = prefix / 8, rest = prefix % 8;
  if (!std::equal(base.bytes.begin(), base.bytes.begin() + full, a.bytes.begin())) return false;
  if (rest == 0) return true;
  const auto mask = static_cast<unsigned char>(0xFF << (8 - rest));
  return (base.bytes[static_cast<std::size_t>(full)] & mask) == (a.bytes[static_cast<std::size_t>(full)] & mask);
}

std::optional<Address> parse_address(std::string_view text) {
  text = trimmed(text);
  if (text.size() > 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);  // [::1]
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  const std::string copy(text);
  Address a;
  if (inet_pton(AF_INET, copy.c_str(), a.bytes.data()) == 1) return a;
  a.v6 = true;
  if (inet_pton(AF_INET6, copy.c_str(), a.bytes.data()) == 1) return a;
  return std::nullopt;
}

std::optional<AddressRange> parse_range(std::string_view text) {
  text = trimmed(text);
  const std::size_t slash = text.find('/');
  auto base = parse_address(text.substr(0, slash));
  if (!base) return std::nullopt;
  const int bits = base->v6 ? 128 : 32;
  int prefix = bits;
  if (slash != std::string_view::npos) {
    const std::string_view digits = text.substr(slash + 1);
    if (digits.empty() || digits.size() > 3 || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
    prefix = std::stoi(std::string(digits));
    if (prefix > bits) return std::nullopt;
  }
  return AddressRange{*base, prefix};
}

std::string to_string(const Address& a) {
  char out[INET6_ADDRSTRLEN] = {};
  return inet_ntop(a.v6 ? AF_INET6 : AF_INET, a.bytes.data(), out, sizeof out) ? out : std::string();
}

std::string client_address(const std::string& remote, std::string_view forwarded_for, const std::vector<AddressRange>& trusted) {
  const auto is_trusted = [&](const Address& a) {
    return std::any_of(trusted.begin(), trusted.end(), [&](const AddressRange& r) { return r.contains(a); });
  };
  std::optional<Address> client = parse_address(remote);
  if (!client || !is_trusted(*client)) return remote;
  // Each trusted hop vouches for the one left of it.
  while (!forwarded_for.empty() && is_trusted(*client)) {
    const std::size_t comma = forwarded_for.rfind(',');
    const std::string_view hop = comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1);
    forwarded_for = comma == std::string_view::npos ? std::string_view() : forwarded_for.substr(0, comma);
    auto address = parse_address(hop);
    if (!address) break;  // a proxy wrote something else: count it against the last known hop
    client = address;
  }
  return to_string(*client);
}

}  // namespace smartcp::log
