// The clean-up plan: what must go when consent is missing or withdrawn.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "smartcp/decision.hpp"

namespace smartcp {

// What the page holds now. Cookie names are all `document.cookie` tells; their domain and path are
// unknown, so deletions cover every variant the cookie may have been set with.
struct Inventory {
  std::string host;  // location.hostname
  std::string path = "/";  // location.pathname
  bool secure = false;     // https
  std::vector<std::string> cookies;
  std::vector<std::pair<std::string, std::string>> local_storage;    // key, value
  std::vector<std::pair<std::string, std::string>> session_storage;  // key, value
};

struct CookieDeletion {
  std::string name;
  Decision decision;
  std::vector<std::string> assignments;  // each one a string to assign to document.cookie
};

struct StorageAction {
  Kind kind;
  std::string key;
  Decision decision;  // refuse: delete the key; redact: write decision.redaction->value
};

struct CleanupPlan {
  std::vector<CookieDeletion> cookies;
  std::vector<StorageAction> storage;
  bool empty() const { return cookies.empty() && storage.empty(); }
};

// `extra_domains` are domains cookies may have been set on besides the host's own (e.g. Smartsupp's
// cookieDomain); `extra_paths` likewise.
CleanupPlan plan_cleanup(const Inventory& inventory, const Decider& decider,
                         const std::vector<std::string>& extra_domains = {},
                         const std::vector<std::string>& extra_paths = {});

// The domains a cookie visible on `host` may carry: host-only (empty string), the host, and each
// parent domain up to (not including) the top-level label.
std::vector<std::string> cookie_domain_variants(const std::string& host);
// The paths a cookie visible at `path` may carry: "/" and each directory prefix of `path`.
std::vector<std::string> cookie_path_variants(const std::string& path);

}  // namespace smartcp
