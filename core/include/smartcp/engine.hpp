// The core behind one façade with plain arguments: what language bindings expose and what the shared
// test vectors drive, so native and WebAssembly builds are checked against each other. The guard's hot
// path gets packed decisions (smartcp::pack) and strings only when a write must change; the rest JSON.
// No method throws or aborts, whatever it is given.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "smartcp/catalog.hpp"
#include "smartcp/config.hpp"
#include "smartcp/decision.hpp"

namespace smartcp {

class Engine {
 public:
  Engine();
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Loads a configuration (replacing the previous one; consent is kept).
  // -> {"ok": bool, "issues": [{"severity","path","message"}], "config": {effective config}}
  std::string configure(std::string_view config_json);
  // -> the effective config.
  std::string config() const;

  // Functional is always granted.
  void set_consent(bool analytics, bool marketing);
  // -> {"functional","analytics","marketing"} booleans.
  std::string consent() const;

  // ---- The guard's hot path. `kind`: 0 cookie, 1 localStorage, 2 sessionStorage, 3 indexedDB,
  // 4 cacheStorage; another is refused (invalid-input).

  // A write of `name`, without its value.
  std::uint32_t decide(std::string_view name, int kind) const;
  // A write with its value: when the verdict is redact, `value_out` is what to write instead.
  std::uint32_t decide_value(std::string_view name, int kind, std::string_view value, std::string& value_out) const;
  // A `document.cookie` assignment at `now_ms`, read as the browser reads it. Deletions are allowed
  // (reason deletion). `cookie_out`: what to assign instead when the lifetime is capped or the value
  // redacted, else empty (assign it as written). `scope_out`: "<domain>\n<path>" of a cookie that names
  // either, for the clean-up to remember, else empty.
  std::uint32_t decide_cookie(std::string_view cookie_string, double now_ms, std::string& cookie_out,
                              std::string& scope_out) const;

  // ---- The same decisions as JSON, for tests, the shared vectors and the playground.
  // -> {"verdict","reason","source","name","kind","category","categories","vendor","platform","pattern"?,
  //     "value"?,"removed"?}
  std::string decide_write(std::string_view name, std::string_view kind, std::string_view value) const;
  // -> decide_write's fields and "cookie" (what to assign; absent when refused), "deletion", "capped".
  std::string decide_cookie(std::string_view cookie_string, double now_ms) const;

  // What a packed decision's entry is, for the dialog and SmartCP.observed():
  // -> {"source","vendor","vendorLabel","platform","name","categories","retentionDays","purposeId"|"purpose"} or null.
  std::string describe(std::uint32_t packed, std::string_view lang) const;

  // ---- Clean-up. The assignments that delete cookie `name` wherever it may live, one per line.
  // `scope_json`: {"host","path","secure","remembered":[[domain, path], …]} (remembered: where the guard
  // saw this cookie written). Smartsupp's cookieDomain and cookiePath are added.
  std::string cookie_deletions(std::string_view name, std::string_view scope_json) const;

  // ---- The consent record.
  // {"id","site","method","analytics","marketing","now","lang","textHash","gpc","secure"}
  // -> {"ok":true,"record":{…},"value":"…","cookie":"smartcp_consent=…; …"} or {"ok":false,"error":"…"}
  std::string create_record(std::string_view request_json) const;
  // -> {"status":"valid"|"missing"|"invalid"|"outdated"|"expired","reason"?,"record"?}
  std::string read_record(std::string_view cookie_value, double now_ms, std::string_view site) const;

  // -> Consent Mode v2 signals for the current consent.
  std::string consent_mode() const;
  // -> {"applies","refused":[…],"complete","signals":{default signals}}
  std::string gpc(bool signal) const;

  // The entries the dialog and the declaration list, with the vendors' processors:
  // -> {"entries":[{"name","kinds","vendor","vendorLabel","platform","categories","retentionDays",
  //      "purpose"|"purposeId","fields","builtin","source"}], "vendors":{id: {label, processor}}}
  // Built-in vendors' entries, the site's own (purpose in `lang`, else English, else any), and the
  // tracker database's entries of the platforms the site declares.
  std::string catalog(std::string_view lang) const;

  // The tracker endpoint a URL goes to, as this site's config sets it:
  // -> {"platform","category","googleTag","signal","held"} or null (not a tracker's, or allowed by `hosts`).
  std::string classify_url(std::string_view url) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace smartcp
