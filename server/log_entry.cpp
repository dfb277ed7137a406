#include "log_entry.hpp"

#include <algorithm>

#include "json_util.hpp"  // the core's reading of JSON integers, as the consent record uses it

namespace smartcp::log {
namespace {

constexpr TimeMs kDayMs = 24LL * 60 * 60 * 1000;
constexpr std::size_t kMaxUrl = 2048;

const char* const kFields[] = {"id", "revision", "categories", "method", "timestamp", "lang", "textHash", "gpc", "url"};

// origin + pathname as the widget sends it: http(s), a host, an optional port, a path; no query,
// fragment or credentials. Gives the host (location.hostname) or nothing.
std::optional<std::string> host_of(const std::string& url) {
  if (url.size() > kMaxUrl) return std::nullopt;
  std::string_view rest = url;
  if (rest.rfind("https://", 0) == 0) rest.remove_prefix(8);
  else if (rest.rfind("http://", 0) == 0) rest.remove_prefix(7);
  else return std::nullopt;
  std::size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = rest.substr(slash);
  if (path.find_first_of("?#") != std::string_view::npos) return std::nullopt;
  if (!std::all_of(path.begin(), path.end(), [](char c) { return c > 0x20 && c < 0x7f; })) return std::nullopt;
  if (authority.empty() || authority.find('@') != std::string_view::npos) return std::nullopt;
  std::string_view host = authority;
  if (host.front() == '[') {
    std::size_t close = host.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    std::string_view after = host.substr(close + 1);
    if (!after.empty() && after.front() != ':') return std::nullopt;
    host = host.substr(0, close + 1);
  } else if (std::size_t colon = host.find(':'); colon != std::string_view::npos) {
    std::string_view port = host.substr(colon + 1);
    if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        std::stoi(std::string(port)) > 65535) {
      return std::nullopt;
    }
    host = host.substr(0, colon);
  }
  if (host.empty()) return std::nullopt;
  return std::string(host);
}

ParsedEntry fail(std::string why) { return {std::nullopt, std::move(why)}; }

}  // namespace

bool is_valid_id(std::string_view id) {
  return id.size() >= 8 && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
         });
}

ParsedEntry parse_log_entry(std::string_view body, TimeMs now) {
  if (body.size() > kMaxEntryBytes) return fail("the entry is over 8 KiB");
  Json j = Json::parse(body.begin(), body.end(), nullptr, false);
  if (j.is_discarded()) return fail("the body is not JSON");
  if (!j.is_object()) return fail("the body is not a JSON object");
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (std::none_of(std::begin(kFields), std::end(kFields), [&](const char* f) { return it.key() == f; })) {
      return fail("unexpected field \"" + it.key() + '"');
    }
  }
  for (const char* f : kFields) {
    if (!j.contains(f)) return fail(std::string("missing field \"") + f + '"');
  }
  auto wrong = [](const char* field, const char* what) { return fail(std::string("field \"") + field + "\" must be " + what); };

  LogEntry e;
  ConsentRecord& r = e.record;
  if (!j["id"].is_string()) return wrong("id", "a string");
  r.id = j["id"].get<std::string>();
  auto revision = detail::as_integer(j["revision"]);
  if (!revision || *revision < 0 || *revision > 1'000'000'000) return wrong("revision", "an integer from 0 to 1000000000");
  r.revision = static_cast<int>(*revision);

  const Json& c = j["categories"];
  if (!c.is_object() || c.size() != 3) return wrong("categories", "an object of functional, analytics and marketing");
  r.categories = 0;
  for (const char* name : {"functional", "analytics", "marketing"}) {
    auto it = c.find(name);
    if (it == c.end() || !it->is_boolean()) return wrong("categories", "an object of functional, analytics and marketing, each true or false");
    if (it->get<bool>()) r.categories |= *parse_category(name);
  }
  if (!j["method"].is_string()) return wrong("method", "a string");
  auto method = parse_method(j["method"].get_ref<const std::string&>());
  if (!method) return wrong("method", "one of accept-all, reject-all, custom, gpc, api");
  r.method = *method;
  auto timestamp = detail::as_integer(j["timestamp"]);
  if (!timestamp) return wrong("timestamp", "an integer (milliseconds since 1970)");
  r.timestamp = *timestamp;
  if (r.timestamp > now + kDayMs) return fail("timestamp is more than a day in the future");
  if (!j["lang"].is_string()) return wrong("lang", "a string");
  r.lang = j["lang"].get<std::string>();
  if (!j["textHash"].is_string()) return wrong("textHash", "a string");
  r.text_hash = j["textHash"].get<std::string>();
  if (!j["gpc"].is_boolean()) return wrong("gpc", "true or false");
  r.gpc = j["gpc"].get<bool>();
  if (!j["url"].is_string()) return wrong("url", "a string");
  e.url = j["url"].get<std::string>();
  auto host = host_of(e.url);
  if (!host) return wrong("url", "the page's origin and path (http or https, no query or fragment, at most 2048 characters)");
  r.site = *host;
  std::transform(r.site.begin(), r.site.end(), r.site.begin(), [](char ch) { return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch; });

  // The consent record's own rules; expiry is the cookie's business, not the log's.
  r.expires = r.timestamp + 1;
  std::string why = validate(r);
  r.expires = 0;
  if (!why.empty()) return fail(why);
  return {std::move(e), {}};
}

Json to_json(const LogEntry& e) {
  const ConsentRecord& r = e.record;
  return {
      {"id", r.id},
      {"revision", r.revision},
      {"categories",
       {{"functional", true},
        {"analytics", (r.categories & category::analytics) != 0},
        {"marketing", (r.categories & category::marketing) != 0}}},
      {"method", to_string(r.method)},
      {"timestamp", r.timestamp},
      {"lang", r.lang},
      {"textHash", r.text_hash},
      {"gpc", r.gpc},
      {"url", e.url},
  };
}

}  // namespace smartcp::log
