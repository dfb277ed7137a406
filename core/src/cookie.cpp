#include "smartcp/cookie.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>

namespace smartcp {

namespace {

constexpr std::int64_t kMaxSeconds = std::numeric_limits<std::int64_t>::max() / 1000;

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t");
  return s.substr(first, last - first + 1);
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t year;
  unsigned month, day;
};

Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

// The delimiters of cookie dates as Chromium splits them: ':' is not one (it belongs to the time).
bool is_date_delimiter(unsigned char c) {
  return c == 0x09 || (c >= 0x20 && c <= 0x2F) || (c >= 0x3B && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
         (c >= 0x7B && c <= 0x7E);
}

// All digits, at most `max` of them (longer runs saturate), as a number; nothing when not all digits.
std::optional<std::int64_t> digits_value(std::string_view token) {
  if (token.empty()) return std::nullopt;
  std::int64_t value = 0;
  for (char c : token) {
    if (!is_digit(c)) return std::nullopt;
    if (value < 1'000'000'000) value = value * 10 + (c - '0');
  }
  return value;
}

// h:m:s, each one or two digits, and nothing else.
bool parse_time(std::string_view token, int& h, int& m, int& s) {
  int parts[3];
  for (int i = 0; i < 3; ++i) {
    std::size_t n = 0;
    while (n < token.size() && is_digit(token[n])) ++n;
    if (n < 1 || n > 2) return false;
    parts[i] = static_cast<int>(*digits_value(token.substr(0, n)));
    token.remove_prefix(n);
    if (i < 2) {
      if (token.empty() || token[0] != ':') return false;
      token.remove_prefix(1);
    }
  }
  if (!token.empty()) return false;
  h = parts[0];
  m = parts[1];
  s = parts[2];
  return true;
}

int parse_month(std::string_view token) {
  static constexpr std::array<std::string_view, 12> months = {"jan", "feb", "mar", "apr", "may", "jun",
                                                              "jul", "aug", "sep", "oct", "nov", "dec"};
  if (token.size() < 3) return 0;
  for (std::size_t i = 0; i < months.size(); ++i) {
    if (iequals(token.substr(0, 3), months[i])) return static_cast<int>(i) + 1;
  }
  return 0;
}

// Max-Age as Chromium reads it: an optional sign and digits (saturating), nothing else.
std::optional<std::int64_t> parse_max_age(std::string_view value) {
  bool negative = false;
  if (!value.empty() && (value[0] == '-' || value[0] == '+')) {
    negative = value[0] == '-';
    value.remove_prefix(1);
  }
  if (value.empty()) return std::nullopt;
  std::int64_t seconds = 0;
  for (char c : value) {
    if (!is_digit(c)) return std::nullopt;
    if (seconds < kMaxSeconds) seconds = std::min<std::int64_t>(kMaxSeconds, seconds * 10 + (c - '0'));
  }
  return negative ? -seconds : seconds;
}

}  // namespace

bool CookieString::is_deletion(TimeMs now) const {
  if (max_age) return *max_age <= 0;
  return expires && *expires <= now;
}

std::string_view CookieString::apparent_name() const {
  if (!name.empty()) return name;
  return std::string_view(value).substr(0, value.find('='));
}

std::optional<TimeMs> CookieString::expiry(TimeMs now) const {
  if (max_age) {
    const std::int64_t seconds = std::min(*max_age, kMaxSeconds);
    const TimeMs delta = seconds * 1000;
    if (delta > 0 && now > std::numeric_limits<TimeMs>::max() - delta) return std::numeric_limits<TimeMs>::max();
    return now + delta;
  }
  return expires;
}

std::optional<TimeMs> parse_cookie_date(std::string_view text) {
  // Chromium's reading of RFC 6265 section 5.1.1: tokens between delimiters; a word starting with a month
  // name is the month; a token with ':' is the time (a malformed one makes the date invalid, a second one
  // is ignored); a number of at most 2 digits is the day, then one of at most 5 digits the year.
  bool found_time = false, found_day = false, found_month = false, found_year = false;
  int hour = 0, minute = 0, second = 0, month = 0;
  std::int64_t day = 0, year = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_date_delimiter(static_cast<unsigned char>(text[i]))) ++i;
    const std::size_t start = i;
    while (i < text.size() && !is_date_delimiter(static_cast<unsigned char>(text[i]))) ++i;
    const std::string_view token = text.substr(start, i - start);
    if (token.empty()) continue;
    if (!is_digit(token[0])) {
      if (!found_month && (month = parse_month(token)) != 0) found_month = true;
      continue;
    }
    if (token.find(':') != std::string_view::npos) {
      if (found_time) continue;
      if (!parse_time(token, hour, minute, second)) return std::nullopt;
      found_time = true;
      continue;
    }
    const auto number = digits_value(token);
    if (!number) continue;
    if (!found_day && token.size() <= 2) {
      day = *number;
      found_day = true;
    } else if (!found_year && token.size() <= 5) {
      year = *number;
      found_year = true;
    }
  }
  if (!found_time || !found_day || !found_month || !found_year) return std::nullopt;
  if (year >= 70 && year <= 99) year += 1900;
  else if (year >= 0 && year <= 69) year += 2000;
  if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  const std::int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  const Civil check = civil_from_days(days);
  if (check.day != static_cast<unsigned>(day)) return std::nullopt;  // 31 February and the like
  // Before 1601 a browser's clock ends: such a date is the earliest time, long past.
  constexpr std::int64_t kDays1601 = -134774;
  if (days < kDays1601) return static_cast<TimeMs>(kDays1601) * kMsPerDay;
  return (days * 86400 + hour * 3600 + minute * 60 + second) * 1000;
}

std::string format_http_date(TimeMs time) {
  static constexpr std::array<const char*, 7> weekdays = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
  static constexpr std::array<const char*, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  // Floor division so that times before 1970 format correctly too.
  std::int64_t seconds = time / 1000 - (time % 1000 < 0 ? 1 : 0);
  std::int64_t days = seconds / 86400 - (seconds % 86400 < 0 ? 1 : 0);
  const std::int64_t of_day = seconds - days * 86400;
  const Civil c = civil_from_days(days);
  const auto weekday = static_cast<std::size_t>(((days % 7) + 7) % 7);
  auto two = [](std::int64_t v) { return std::string{static_cast<char>('0' + v / 10 % 10), static_cast<char>('0' + v % 10)}; };
  std::string year = std::to_string(c.year);
  if (year.size() < 4) year.insert(0, 4 - year.size(), '0');
  return std::string(weekdays[weekday]) + ", " + two(c.day) + ' ' + months[c.month - 1] + ' ' + year + ' ' +
         two(of_day / 3600) + ':' + two(of_day / 60 % 60) + ':' + two(of_day % 60) + " GMT";
}

CookieString parse_cookie_string(std::string_view text) {
  CookieString cookie;
  const auto semicolon = text.find(';');
  const std::string_view pair = text.substr(0, semicolon);
  if (const auto eq = pair.find('='); eq == std::string_view::npos) {
    cookie.value = std::string(trim(pair));  // RFC 6265bis: a nameless cookie
  } else {
    cookie.name = std::string(trim(pair.substr(0, eq)));
    cookie.value = std::string(trim(pair.substr(eq + 1)));
  }
  if (semicolon == std::string_view::npos) return cookie;

  std::string_view rest = text.substr(semicolon + 1);
  while (!rest.empty()) {
    const auto next = rest.find(';');
    const std::string_view attribute = trim(rest.substr(0, next));
    rest = next == std::string_view::npos ? std::string_view() : rest.substr(next + 1);
    if (attribute.empty()) continue;
    const auto eq = attribute.find('=');
    const std::string_view key = trim(attribute.substr(0, eq));
    const std::string_view value = eq == std::string_view::npos ? std::string_view() : trim(attribute.substr(eq + 1));
    // As Chromium does: the last Expires and the last Max-Age decide, even when they cannot be read
    // (then the cookie has none of that attribute).
    if (iequals(key, "expires")) {
      cookie.expires = parse_cookie_date(value);
    } else if (iequals(key, "max-age")) {
      cookie.max_age = parse_max_age(value);
    } else if (iequals(key, "domain")) {
      if (!value.empty()) cookie.domain = std::string(value);
    } else if (iequals(key, "path")) {
      cookie.path = std::string(value);
    } else if (iequals(key, "samesite")) {
      cookie.same_site = std::string(value);
    } else if (iequals(key, "secure")) {
      cookie.secure = true;
    } else if (iequals(key, "httponly")) {
      cookie.http_only = true;
    } else if (iequals(key, "partitioned")) {
      cookie.partitioned = true;
    } else {
      cookie.other_attributes.emplace_back(attribute);
    }
  }
  return cookie;
}

std::string serialize(const CookieString& cookie) {
  std::string out;
  // A nameless cookie whose value holds '=' keeps a leading '=' so it is not read back as a name.
  if (!cookie.name.empty() || cookie.value.find('=') != std::string::npos) {
    out += cookie.name;
    out += '=';
  }
  out += cookie.value;
  if (cookie.expires) out += "; Expires=" + format_http_date(*cookie.expires);
  if (cookie.max_age) out += "; Max-Age=" + std::to_string(*cookie.max_age);
  if (cookie.domain) out += "; Domain=" + *cookie.domain;
  if (cookie.path) out += "; Path=" + *cookie.path;
  if (cookie.same_site) out += "; SameSite=" + *cookie.same_site;
  if (cookie.secure) out += "; Secure";
  if (cookie.http_only) out += "; HttpOnly";
  if (cookie.partitioned) out += "; Partitioned";
  for (const std::string& other : cookie.other_attributes) out += "; " + other;
  return out;
}

bool cap_lifetime(CookieString& cookie, TimeMs now, int max_days) {
  if (max_days <= 0 || cookie.is_deletion(now)) return false;
  const std::int64_t max_seconds = static_cast<std::int64_t>(max_days) * 86400;
  bool changed = false;
  if (cookie.max_age && *cookie.max_age > max_seconds) {
    cookie.max_age = max_seconds;
    changed = true;
  }
  const TimeMs limit = now + max_seconds * 1000;
  if (cookie.expires && *cookie.expires > limit) {
    cookie.expires = limit;
    changed = true;
  }
  return changed;
}

}  // namespace smartcp
