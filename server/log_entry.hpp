// One entry of the consent log: what the widget sends to `logEndpoint` after each choice
// (js/integrations/consent-log.js), read strictly and checked with the consent record's own rules.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "smartcp/consent_record.hpp"
#include "smartcp/json.hpp"
#include "smartcp/types.hpp"

namespace smartcp::log {

struct LogEntry {
  ConsentRecord record;  // `site` is the URL's host; `expires` is not sent and stays 0
  std::string url;       // origin and path of the page the choice was made on, nothing more
};

struct ParsedEntry {
  std::optional<LogEntry> entry;
  std::string error;  // when there is no entry: which field is wrong and why
};

inline constexpr std::size_t kMaxEntryBytes = 8 * 1024;

// Reads a request body. `now` bounds the timestamp: a choice more than a day in the future is refused.
ParsedEntry parse_log_entry(std::string_view body, TimeMs now);

// The entry as the widget sent it, in a fixed field order: what the log stores and gives back.
Json to_json(const LogEntry& entry);

// An id as the widget makes them: 8 to 64 letters, digits or '-'.
bool is_valid_id(std::string_view id);

}  // namespace smartcp::log
