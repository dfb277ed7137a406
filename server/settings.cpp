#include "settings.hpp"

#include <cerrno>
#include <cstdlib>

#include "text.hpp"

namespace smartcp::log {
namespace {

void integer(const char* name, const char* text, int min, int max, int& out, std::vector<std::string>& warnings) {
  if (!text || !*text) return;
  char* end = nullptr;
  errno = 0;
  long value = std::strtol(text, &end, 10);
  if (errno || *end || value < min || value > max) {
    warnings.push_back(std::string(name) + " must be an integer from " + std::to_string(min) + " to " + std::to_string(max) +
                       "; using " + std::to_string(out));
    return;
  }
  out = static_cast<int>(value);
}

// Calls `each` with every trimmed, non-empty item of a comma-separated list.
template <typename Each>
void for_each_item(const std::string& all, Each each) {
  for (std::size_t start = 0; start <= all.size();) {
    std::size_t comma = all.find(',', start);
    if (comma == std::string::npos) comma = all.size();
    const std::string item(trimmed(std::string_view(all).substr(start, comma - start)));
    if (!item.empty()) each(item);
    start = comma + 1;
  }
}

}  // namespace

Settings read_settings(const char* (*get)(const char*), std::vector<std::string>& warnings) {
  Settings s;
  if (const char* db = get("SMARTCP_LOG_DB"); db && *db) s.db = db;
  if (const char* token = get("SMARTCP_LOG_TOKEN"); token && *token) {
    if (std::string(token).size() < 16) warnings.push_back("SMARTCP_LOG_TOKEN is shorter than 16 characters; the admin endpoints stay off");
    else s.token = token;
  }
  if (const char* host = get("SMARTCP_LOG_HOST"); host && *host) s.host = host;
  integer("PORT", get("PORT"), 0, 65535, s.port, warnings);
  integer("SMARTCP_LOG_RATE", get("SMARTCP_LOG_RATE"), 0, 1'000'000, s.rate_per_minute, warnings);
  integer("SMARTCP_LOG_RETENTION_DAYS", get("SMARTCP_LOG_RETENTION_DAYS"), 1, 36'500, s.retention_days, warnings);
  if (const char* origins = get("SMARTCP_LOG_ORIGINS"); origins && *origins) {
    std::vector<std::string> list;
    for_each_item(origins, [&](const std::string& origin) {
      bool ok = origin == "*" || ((origin.rfind("http://", 0) == 0 || origin.rfind("https://", 0) == 0) && origin.back() != '/' &&
                                  origin.find('/', origin.find("//") + 2) == std::string::npos);
      if (ok) list.push_back(origin);
      else warnings.push_back("SMARTCP_LOG_ORIGINS: \"" + origin + "\" is not an origin (https://host[:port]); left out");
    });
    if (list.empty()) warnings.push_back("SMARTCP_LOG_ORIGINS names no valid origin; only same-origin requests are answered with CORS off");
    s.origins = list;
  }
  if (const char* proxies = get("SMARTCP_LOG_TRUSTED_PROXIES"); proxies && *proxies) {
    for_each_item(proxies, [&](const std::string& proxy) {
      if (auto range = parse_range(proxy)) s.trusted_proxies.push_back(*range);
      else warnings.push_back("SMARTCP_LOG_TRUSTED_PROXIES: \"" + proxy + "\" is not an IP address or network (10.0.0.0/8); left out");
    });
  }
  return s;
}

}  // namespace smartcp::log
