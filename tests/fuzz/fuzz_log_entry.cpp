// The consent-log server's request body: whatever a client sends is refused with a reason or read
// into an entry that reads back the same from what the server stores. The stats query's dates too, and
// X-Forwarded-For behind a trusted proxy: the client found is the proxy or an address in canonical form.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "client_address.hpp"
#include "log_entry.hpp"
#include "store.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace smartcp::log;
  const std::string body(reinterpret_cast<const char*>(data), size);
  constexpr smartcp::TimeMs now = 1'795'000'000'000;
  ParsedEntry parsed = parse_log_entry(body, now);
  if (parsed.entry) {
    if (!parsed.error.empty()) std::abort();
    ParsedEntry again = parse_log_entry(to_json(*parsed.entry).dump(), now);
    if (!again.entry || to_json(*again.entry) != to_json(*parsed.entry)) std::abort();
  } else if (parsed.error.empty()) {
    std::abort();  // a refusal always says why
  }
  if (is_day(body) && utc_day(0).size() != body.size()) std::abort();
  static const std::vector<AddressRange> trusted{*parse_range("10.0.0.0/8"), *parse_range("::1")};
  const std::string client = client_address("10.1.2.3", body, trusted);
  const auto address = parse_address(client);
  if (!address || to_string(*address) != client) std::abort();
  if (auto range = parse_range(body); range && (range->prefix < 0 || range->prefix > (range->base.v6 ? 128 : 32))) std::abort();
  return 0;
}
