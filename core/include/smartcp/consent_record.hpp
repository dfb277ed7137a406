// The consent record: the visitor's choice as proof, stored in the `smartcp_consent` cookie.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "smartcp/json.hpp"

#include "smartcp/cookie.hpp"
#include "smartcp/types.hpp"

namespace smartcp {

enum class Method : std::uint8_t { accept_all, reject_all, custom, gpc, api };
std::string_view to_string(Method method);
std::optional<Method> parse_method(std::string_view text);

struct ConsentRecord {
  static constexpr std::string_view kCookieName = "smartcp_consent";
  static constexpr std::size_t kMaxCookieValue = 1024;
  static constexpr int kFormatVersion = 2;

  std::string id;        // random, made by the caller: [A-Za-z0-9-]{8,64}
  std::string site;      // the host the choice was made on (location.hostname): a record is valid only there
  int revision = 1;
  Categories categories = category::functional;
  Method method = Method::reject_all;
  TimeMs timestamp = 0;
  TimeMs expires = 0;
  std::string lang;       // the language of the texts the visitor saw
  std::string text_hash;  // hex digest of those texts
  bool gpc = false;       // Global Privacy Control applied to this choice

  Json to_json() const;
};

// The cookie value: `2.<base64url(JSON)>.<checksum>`. The checksum finds accidental edits and
// truncation; it is not a signature (a widget running in the page holds no secret, and anyone can
// compute it), so validation also checks that every field is well-formed and consistent, and that the
// record was made on this site. That a page's scripts cannot write the cookie is the guard's doing.
std::string encode_cookie_value(const ConsentRecord& record);

enum class RecordStatus : std::uint8_t { valid, missing, invalid, outdated, expired };
std::string_view to_string(RecordStatus status);

struct RecordReading {
  RecordStatus status = RecordStatus::missing;
  std::string reason;  // for anything but valid
  std::optional<ConsentRecord> record;  // for valid, outdated and expired
};

// Reads a cookie value on `site`. A different revision means outdated, a past expiry expired: both ask
// again. A record of another site is invalid.
RecordReading read_cookie_value(std::string_view value, int current_revision, TimeMs now, std::string_view site);

// Checks a record's fields (also used for records being created). Empty when valid, else the reason.
std::string validate(const ConsentRecord& record);

}  // namespace smartcp
