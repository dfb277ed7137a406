// The server's settings, from the environment. A value that cannot be read is named in a warning and
// its default is used instead.
#pragma once

#include <string>
#include <vector>

#include "client_address.hpp"

namespace smartcp::log {

struct Settings {
  std::string db = "data/consent-log.sqlite";  // SMARTCP_LOG_DB: a file path or a postgresql:// URL
  std::string token;                           // SMARTCP_LOG_TOKEN: admin endpoints are off without it
  std::string host = "127.0.0.1";              // SMARTCP_LOG_HOST
  int port = 8787;                             // PORT (0: any free port)
  std::vector<std::string> origins{"*"};       // SMARTCP_LOG_ORIGINS: comma-separated, or *
  int rate_per_minute = 60;                    // SMARTCP_LOG_RATE: requests per client and minute, 0 = off
  std::vector<AddressRange> trusted_proxies;   // SMARTCP_LOG_TRUSTED_PROXIES: comma-separated addresses or networks
  int retention_days = 3 * 365;                // SMARTCP_LOG_RETENTION_DAYS
};

// `get` reads one variable (std::getenv in the server, a map in tests).
Settings read_settings(const char* (*get)(const char*), std::vector<std::string>& warnings);

}  // namespace smartcp::log
