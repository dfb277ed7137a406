// Cookie strings as scripts assign them to `document.cookie`: parsing, lifetime caps, serialisation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smartcp {

// Milliseconds since the Unix epoch, as JavaScript's Date.now().
using TimeMs = std::int64_t;
constexpr TimeMs kMsPerDay = 86'400'000;

struct CookieString {
  std::string name;
  std::string value;
  std::optional<TimeMs> expires;         // from the last Expires, when a browser can read it
  std::optional<std::int64_t> max_age;  // seconds, from the last Max-Age, when readable (wins over Expires)
  std::optional<std::string> domain;
  std::optional<std::string> path;
  std::optional<std::string> same_site;  // as written: Strict, Lax, None
  bool secure = false;
  bool partitioned = false;
  bool http_only = false;                   // kept so serialisation round-trips; browsers ignore it here
  std::vector<std::string> other_attributes;  // unknown attributes, kept as written

  // True when this assignment deletes the cookie: Max-Age <= 0, or Expires not after `now`.
  bool is_deletion(TimeMs now) const;
  // The name a reader of document.cookie sees: the name, or for a nameless cookie ("=a" or "a", shown
  // as "a") its value up to the first '='.
  std::string_view apparent_name() const;
  // The expiry time this assignment asks for, if not a session cookie.
  std::optional<TimeMs> expiry(TimeMs now) const;
};

// Parses like a browser (RFC 6265 section 5.2, as Chromium reads it): the first `;` ends the name-value
// pair, a pair without `=` is a value with an empty name, white space around names and values is
// trimmed; the last Expires and the last Max-Age decide even when unreadable; unknown attributes are
// kept. Never fails.
CookieString parse_cookie_string(std::string_view text);

// Serialises back to what a script assigns: `name=value; Expires=…; Max-Age=…; Domain=…; …`.
std::string serialize(const CookieString& cookie);

// Caps the lifetime at `max_days` from `now`. Returns true when something was changed.
bool cap_lifetime(CookieString& cookie, TimeMs now, int max_days);

// RFC 6265 section 5.1.1 cookie-date parsing as Chromium does it (five-digit years, a malformed time
// invalidates the date, dates before 1601 are the earliest time). Nothing when it is not a date.
std::optional<TimeMs> parse_cookie_date(std::string_view text);
// IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT".
std::string format_http_date(TimeMs time);

}  // namespace smartcp
