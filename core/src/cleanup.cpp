#include "smartcp/cleanup.hpp"

#include <algorithm>
#include <cctype>

namespace smartcp {

namespace {

constexpr std::size_t kMaxPathVariants = 24;
constexpr std::size_t kMaxRemembered = 64;

bool is_ip_address(const std::string& host) {
  return host.find(':') != std::string::npos ||
         std::all_of(host.begin(), host.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

void add_unique(std::vector<std::string>& list, std::string value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

// One deletion, with what the name prefix requires and, on https, the partitioned (CHIPS) twin: a
// partitioned cookie is a separate cookie, deleted only by a partitioned assignment.
void add_deletion(std::vector<std::string>& out, const std::string& name, const std::string& domain,
                  const std::string& path, bool secure) {
  const bool needs_secure = starts_with(name, "__Secure-");
  std::string assignment = name + "=; Max-Age=0; Path=" + path;
  if (!domain.empty()) assignment += "; Domain=" + domain;
  if (needs_secure) assignment += "; Secure";
  add_unique(out, assignment);
  if (secure) add_unique(out, needs_secure ? assignment + "; Partitioned" : assignment + "; Secure; Partitioned");
}

}  // namespace

std::vector<std::string> cookie_domain_variants(const std::string& raw_host) {
  const std::string host = lower(raw_host);
  std::vector<std::string> out{""};  // host-only
  if (host.empty() || is_ip_address(host) || host.find('.') == std::string::npos) return out;
  // Every parent domain but the top-level label: a browser refuses public suffixes by itself, so
  // trying one is harmless, and no list of public suffixes has to ship.
  std::size_t start = 0;
  while (true) {
    const auto dot = host.find('.', start);
    if (dot == std::string::npos) break;
    add_unique(out, host.substr(start));
    start = dot + 1;
  }
  return out;
}

std::vector<std::string> cookie_path_variants(const std::string& path) {
  std::vector<std::string> out{"/"};
  if (path.empty() || path[0] != '/') return out;
  // "/shop/cart/item.html": "/shop", "/shop/", "/shop/cart", "/shop/cart/", "/shop/cart/item.html".
  for (std::size_t slash = path.find('/', 1); out.size() < kMaxPathVariants; slash = path.find('/', slash + 1)) {
    const std::string prefix = path.substr(0, slash);
    if (prefix.size() > 1) {
      add_unique(out, prefix);
      if (slash != std::string::npos && out.size() < kMaxPathVariants) add_unique(out, prefix + '/');
    }
    if (slash == std::string::npos) break;
  }
  return out;
}

std::vector<std::string> cookie_deletions(const std::string& name, const CookieScope& scope,
                                          const std::vector<std::pair<std::string, std::string>>& remembered) {
  std::vector<std::string> out;
  // Cookie name prefixes constrain what a browser accepts, deletions included.
  if (starts_with(name, "__Host-")) {
    out.push_back(name + "=; Max-Age=0; Path=/; Secure");
    out.push_back(out.front() + "; Partitioned");
    return out;
  }
  std::vector<std::string> domains = cookie_domain_variants(scope.host);
  for (const std::string& d : scope.extra_domains) {
    if (!d.empty()) add_unique(domains, lower(d[0] == '.' ? d.substr(1) : d));
  }
  std::vector<std::string> paths = cookie_path_variants(scope.path);
  for (const std::string& p : scope.extra_paths) {
    if (!p.empty() && p[0] == '/') add_unique(paths, p);
  }
  for (const std::string& domain : domains) {
    for (const std::string& path : paths) add_deletion(out, name, domain, path, scope.secure);
  }
  // Where the guard saw it written, with the trailing-slash twin of each path.
  std::size_t count = 0;
  for (const auto& [domain, path] : remembered) {
    if (++count > kMaxRemembered) break;
    if (path.empty() || path[0] != '/') continue;
    const std::string d = lower(!domain.empty() && domain[0] == '.' ? domain.substr(1) : domain);
    add_deletion(out, name, d, path, scope.secure);
    if (path.size() > 1) add_deletion(out, name, d, path.back() == '/' ? path.substr(0, path.size() - 1) : path + '/', scope.secure);
  }
  return out;
}

CleanupPlan plan_cleanup(const Inventory& inventory, const Decider& decider) {
  CleanupPlan plan;
  for (const std::string& name : inventory.cookies) {
    if (name.empty()) continue;  // a nameless cookie cannot be addressed by name
    Decision decision = decider.decide(name, Kind::cookie);
    // The consent cookie is refused to pages but is the widget's own: never cleaned up.
    if (decision.verdict != Verdict::refuse || decision.reason == Reason::reserved) continue;
    plan.cookies.push_back({name, std::move(decision), cookie_deletions(name, inventory.scope)});
  }
  auto storage = [&](Kind kind, const std::vector<std::pair<std::string, std::string>>& items) {
    for (const auto& [key, value] : items) {
      Decision decision = decider.decide(key, kind, value);
      if (decision.verdict != Verdict::allow) plan.storage.push_back({kind, key, std::move(decision)});
    }
  };
  storage(Kind::local_storage, inventory.local_storage);
  storage(Kind::session_storage, inventory.session_storage);
  return plan;
}

}  // namespace smartcp
