#include "http_api.hpp"

#include <httplib.h>

#include <algorithm>
#include <memory>

#include "client_address.hpp"
#include "stats.hpp"

namespace smartcp::log {
namespace {

constexpr TimeMs kDayMs = 24LL * 60 * 60 * 1000;
constexpr std::size_t kExportPage = 500;

void json_reply(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::detail::error_handler_t::replace), "application/json");
}

void error_reply(httplib::Response& res, int status, const std::string& why) { json_reply(res, status, {{"error", why}}); }

// Sets the CORS answer for the request's Origin. False when the request comes from an origin that is
// not allowed (a request without Origin is not a browser's cross-origin one and passes).
bool cors(const httplib::Request& req, httplib::Response& res, const Settings& settings) {
  if (!req.has_header("Origin")) return true;
  const std::string origin = req.get_header_value("Origin");
  const auto& list = settings.origins;
  if (std::find(list.begin(), list.end(), "*") != list.end()) {
    res.set_header("Access-Control-Allow-Origin", "*");
    return true;
  }
  res.set_header("Vary", "Origin");
  if (std::find(list.begin(), list.end(), origin) == list.end()) return false;
  res.set_header("Access-Control-Allow-Origin", origin);
  return true;
}

bool same_secret(const std::string& a, const std::string& b) {
  // Compares in time that depends on the length only.
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

// The admin endpoints: off without a configured token, 401 without the right one.
bool admin(const httplib::Request& req, httplib::Response& res, const Settings& settings) {
  if (settings.token.empty()) {
    error_reply(res, 403, "the admin endpoints are off: the server has no SMARTCP_LOG_TOKEN");
    return false;
  }
  const std::string header = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  if (header.rfind(prefix, 0) != 0 || !same_secret(header.substr(prefix.size()), settings.token)) {
    res.set_header("WWW-Authenticate", "Bearer");
    error_reply(res, 401, "Authorization: Bearer <SMARTCP_LOG_TOKEN> is required");
    return false;
  }
  return true;
}

Json with_receipt(const StoredEntry& stored) {
  Json entry = Json::parse(stored.entry, nullptr, false);
  if (!entry.is_object()) entry = Json::object();
  Json out = {{"received", utc_iso(stored.received)}};
  for (auto it = entry.begin(); it != entry.end(); ++it) out[it.key()] = it.value();
  return out;
}

std::string csv_field(const std::string& text) {
  // Quoted when needed; a leading = + - @ is prefixed so that a spreadsheet does not run it.
  std::string value = text;
  if (!value.empty() && std::string("=+-@").find(value.front()) != std::string::npos) value.insert(0, "'");
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

constexpr const char* kCsvHeader = "received,id,revision,method,functional,analytics,marketing,timestamp,lang,textHash,gpc,url\r\n";

// X-Forwarded-For as one list: a proxy may add its own header line after the client's.
std::string forwarded_for(const httplib::Request& req) {
  std::string all;
  const std::size_t count = req.get_header_value_count("X-Forwarded-For");
  for (std::size_t i = 0; i < count; ++i) all += (i ? "," : "") + req.get_header_value("X-Forwarded-For", i);
  return all;
}

// Counts the request against the client's rate; false (with the 429 answer set) when it is over.
bool within_rate(RateLimiter& limiter, const Settings& settings, const httplib::Request& req, httplib::Response& res, TimeMs now) {
  const std::string client = client_address(req.remote_addr, forwarded_for(req), settings.trusted_proxies);
  if (limiter.allow(client, now)) return true;
  res.set_header("Retry-After", "60");
  error_reply(res, 429, "too many requests from this client; try again in a minute");
  return false;
}

}  // namespace

std::string csv_line(const StoredEntry& stored) {
  Json e = Json::parse(stored.entry, nullptr, false);
  if (!e.is_object()) e = Json::object();
  auto str = [&](const char* key) { return e.contains(key) && e[key].is_string() ? e[key].get<std::string>() : std::string(); };
  auto num = [&](const char* key) { return e.contains(key) && e[key].is_number() ? e[key].dump() : std::string(); };
  auto flag = [](const Json& j, const char* key) { return j.is_object() && j.value(key, false) ? "true" : "false"; };
  const Json categories = e.contains("categories") ? e["categories"] : Json::object();
  std::string line = utc_iso(stored.received) + ',' + csv_field(str("id")) + ',' + num("revision") + ',' + csv_field(str("method")) + ',' +
                     flag(categories, "functional") + ',' + flag(categories, "analytics") + ',' + flag(categories, "marketing") + ',' +
                     num("timestamp") + ',' + csv_field(str("lang")) + ',' + csv_field(str("textHash")) + ',' + flag(e, "gpc") + ',' +
                     csv_field(str("url")) + "\r\n";
  return line;
}

void install_routes(httplib::Server& server, Store& store, const Settings& settings, RateLimiter& limiter, Clock now) {
  server.set_payload_max_length(kMaxEntryBytes);

  server.Options(R"(/consent(/[^/]*)?)", [&settings](const httplib::Request& req, httplib::Response& res) {
    if (!cors(req, res, settings)) return error_reply(res, 403, "this origin may not send consent entries");
    res.set_header("Access-Control-Allow-Methods", "POST, GET");
    res.set_header("Access-Control-Allow-Headers", "Content-Type");
    res.set_header("Access-Control-Max-Age", "86400");
    res.status = 204;
  });

  server.Post("/consent", [&, now](const httplib::Request& req, httplib::Response& res) {
    if (!cors(req, res, settings)) return error_reply(res, 403, "this origin may not send consent entries");
    const TimeMs t = now();
    if (!within_rate(limiter, settings, req, res, t)) return;
    ParsedEntry parsed = parse_log_entry(req.body, t);
    if (!parsed.entry) return error_reply(res, 400, parsed.error);
    try {
      store.add(*parsed.entry, t);
    } catch (const StoreError& e) {
      return error_reply(res, 503, "the log cannot be written now; the entry was not stored");
    }
    json_reply(res, 201, {{"id", parsed.entry->record.id}, {"received", utc_iso(t)}});
  });

  server.Get(R"(/consent/([^/]*))", [&, now](const httplib::Request& req, httplib::Response& res) {
    if (!cors(req, res, settings)) return error_reply(res, 403, "this origin may not read consent entries");
    if (!within_rate(limiter, settings, req, res, now())) return;
    const std::string id = req.matches[1];
    if (!is_valid_id(id)) return error_reply(res, 400, "the id must be 8 to 64 letters, digits or '-'");
    std::vector<StoredEntry> found;
    try {
      found = store.find(id);
    } catch (const StoreError&) {
      return error_reply(res, 503, "the log cannot be read now");
    }
    if (found.empty()) return error_reply(res, 404, "no entry with this id");
    Json out = Json::array();
    for (const StoredEntry& s : found) out.push_back(with_receipt(s));
    res.set_header("Cache-Control", "no-store");
    json_reply(res, 200, out);
  });

  server.Delete(R"(/consent/([^/]*))", [&](const httplib::Request& req, httplib::Response& res) {
    if (!admin(req, res, settings)) return;
    const std::string id = req.matches[1];
    if (!is_valid_id(id)) return error_reply(res, 400, "the id must be 8 to 64 letters, digits or '-'");
    try {
      if (store.erase(id) == 0) return error_reply(res, 404, "no entry with this id");
    } catch (const StoreError&) {
      return error_reply(res, 503, "the log cannot be written now; nothing was erased");
    }
    res.status = 204;
  });

  server.Get("/stats", [&, now](const httplib::Request& req, httplib::Response& res) {
    if (!admin(req, res, settings)) return;
    std::string to = req.has_param("to") ? req.get_param_value("to") : utc_day(now());
    std::string from = req.has_param("from") ? req.get_param_value("from") : utc_day(now() - 29 * kDayMs);
    if (!is_day(from)) return error_reply(res, 400, "from must be a date, YYYY-MM-DD");
    if (!is_day(to)) return error_reply(res, 400, "to must be a date, YYYY-MM-DD");
    if (from > to) return error_reply(res, 400, "from is after to");
    try {
      json_reply(res, 200, {{"from", from}, {"to", to}, {"days", summarize(store.stats(from, to))}});
    } catch (const StoreError&) {
      error_reply(res, 503, "the log cannot be read now");
    }
  });

  server.Get("/export", [&](const httplib::Request& req, httplib::Response& res) {
    if (!admin(req, res, settings)) return;
    const std::string format = req.has_param("format") ? req.get_param_value("format") : "ndjson";
    if (format != "ndjson" && format != "csv") return error_reply(res, 400, "format must be ndjson or csv");
    const bool csv = format == "csv";
    res.set_header("Content-Disposition", csv ? "attachment; filename=consent-log.csv" : "attachment; filename=consent-log.ndjson");
    // Pages of the log, one at a time, so that memory does not grow with it.
    auto cursor = std::make_shared<std::int64_t>(csv ? -1 : 0);
    res.set_chunked_content_provider(csv ? "text/csv" : "application/x-ndjson", [&store, cursor, csv](std::size_t, httplib::DataSink& sink) {
      std::string chunk;
      if (*cursor < 0) {
        chunk = kCsvHeader;
        *cursor = 0;
      }
      std::vector<StoredEntry> page;
      try {
        page = store.after(*cursor, kExportPage);
      } catch (const StoreError&) {
        return false;  // ends the response early: the client sees a broken transfer, not a short file
      }
      for (const StoredEntry& s : page) {
        chunk += csv ? csv_line(s) : with_receipt(s).dump(-1, ' ', false, nlohmann::detail::error_handler_t::replace) + '\n';
        *cursor = s.seq;
      }
      if (!chunk.empty() && !sink.write(chunk.data(), chunk.size())) return false;
      if (page.size() < kExportPage) sink.done();
      return true;
    });
  });

  server.Get("/health", [](const httplib::Request&, httplib::Response& res) { json_reply(res, 200, {{"ok", true}}); });

  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    const char* why = res.status == 413 ? "the body is over 8 KiB" : res.status == 404 ? "no such endpoint" : "the request cannot be served";
    error_reply(res, res.status, why);
  });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    error_reply(res, 500, "internal error");
  });
}

}  // namespace smartcp::log
