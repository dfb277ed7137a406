// Which client a request counts against in the rate limit. Behind a reverse proxy every connection
// comes from the proxy, so for a proxy the operator trusts the client is the address the proxies added to
// X-Forwarded-For: read from the right, the first one that is not itself a trusted proxy. Entries further
// left are the client's own word and never read; a header from anyone else is ignored.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smartcp::log {

struct Address {
  bool v6 = false;
  std::array<unsigned char, 16> bytes{};  // IPv4 in the first 4
};

// An address or a network: "10.0.0.1", "10.0.0.0/8", "::1", "fd00::/8".
struct AddressRange {
  Address base;
  int prefix = 0;  // bits that must match
  bool contains(const Address& a) const;
};

// An IPv4 or IPv6 address, trimmed, IPv6 optionally in brackets; nothing for anything else.
std::optional<Address> parse_address(std::string_view text);
std::optional<AddressRange> parse_range(std::string_view text);
std::string to_string(const Address& a);  // the canonical text: "::1", "203.0.113.7"

std::string client_address(const std::string& remote, std::string_view forwarded_for, const std::vector<AddressRange>& trusted);

}  // namespace smartcp::log
