// The consent-log server's HTTP API on cpp-httplib:
//   POST   /consent          one entry as the widget sends it          201 | 400 | 403 | 413 | 429 | 503
//   GET    /consent/{id}     every entry with that id, oldest first    200 | 400 | 404
//   DELETE /consent/{id}     erasure (admin token)                     204 | 401 | 403 | 404
//   GET    /stats?from=&to=  choices per day and revision (admin)      200 | 400 | 401 | 403
//   GET    /export?format=ndjson|csv  every entry, streamed (admin)    200 | 400 | 401 | 403
//   GET    /health
#pragma once

#include <functional>

#include "rate_limiter.hpp"
#include "settings.hpp"
#include "store.hpp"

namespace httplib {
class Server;
}

namespace smartcp::log {

using Clock = std::function<TimeMs()>;

void install_routes(httplib::Server& server, Store& store, const Settings& settings, RateLimiter& limiter, Clock now);

// One entry as a line of the CSV export, cells quoted as spreadsheets expect and never read as formulas.
std::string csv_line(const StoredEntry& stored);

}  // namespace smartcp::log
