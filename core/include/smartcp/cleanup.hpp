// The clean-up plan: what must go when consent is missing or withdrawn.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "smartcp/decision.hpp"

namespace smartcp {

// Where a page's cookies may live. `document.cookie` gives names only, so a deletion covers every
// domain and path a cookie may have been set with: those a page at `host` and `path` can address, and
// those the guard saw cookies written with (`remembered`, by name).
struct CookieScope {
  std::string host;        // location.hostname
  std::string path = "/";  // location.pathname
  bool secure = false;     // https
  std::vector<std::string> extra_domains;  // e.g. Smartsupp's cookieDomain
  std::vector<std::string> extra_paths;    // e.g. Smartsupp's cookiePath
};

// What the page holds now.
struct Inventory {
  CookieScope scope;
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

CleanupPlan plan_cleanup(const Inventory& inventory, const Decider& decider);

// The assignments that delete cookie `name` wherever it may live: every domain and path variant of
// `scope`, and each (domain, path) in `remembered` ("" for host-only), with the attributes its name
// prefix (__Host-, __Secure-) and CHIPS partitioning require.
std::vector<std::string> cookie_deletions(const std::string& name, const CookieScope& scope,
                                          const std::vector<std::pair<std::string, std::string>>& remembered = {});

// The domains a cookie visible on `host` may carry: host-only (empty string), the host, and each
// parent domain up to (not including) the top-level label.
std::vector<std::string> cookie_domain_variants(const std::string& host);
// The paths a cookie visible at `path` may carry: "/" and each directory prefix of `path`, with and
// without a trailing slash ("/shop" and "/shop/"), and the path itself.
std::vector<std::string> cookie_path_variants(const std::string& path);

}  // namespace smartcp
