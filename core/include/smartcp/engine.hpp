// The core behind one façade with plain arguments and JSON results: what language bindings expose and
// what the shared test vectors drive, so native and WebAssembly builds are checked against each other.
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

  // The hot path: a write of `name` (kind 0 cookie, 1 localStorage, 2 sessionStorage), packed as
  // smartcp::pack describes. An unknown kind is refused.
  std::uint32_t decide(std::string_view name, int kind) const;
  // A write with its value (may redact JSON fields).
  // -> {"verdict","reason","source","name","kind","category","categories","vendor","value"?,"removed"?}
  std::string decide_write(std::string_view name, std::string_view kind, std::string_view value) const;
  // A `document.cookie` assignment at time `now_ms`. Adds "cookie" (what to assign instead, lifetime
  // capped, value redacted), "deletion" and "capped".
  std::string decide_cookie(std::string_view cookie_string, double now_ms) const;

  // {"host","path","secure","cookies":[names],"localStorage":{k:v},"sessionStorage":{k:v}}
  // -> {"cookies":[{"name","category","reason","assignments":[…]}],
  //     "storage":[{"kind","key","action":"delete"|"set","value"?,"category","reason"}]}
  std::string plan_cleanup(std::string_view inventory_json) const;

  // {"id","method","analytics","marketing","now","lang","textHash","gpc","secure"}
  // -> {"ok":true,"record":{…},"value":"…","cookie":"smartcp_consent=…; …"} or {"ok":false,"error":"…"}
  std::string create_record(std::string_view request_json) const;
  // -> {"status":"valid"|"missing"|"invalid"|"outdated"|"expired","reason"?,"record"?}
  std::string read_record(std::string_view cookie_value, double now_ms) const;

  // -> Consent Mode v2 signals for the current consent.
  std::string consent_mode() const;
  // -> {"applies","refused":[…],"complete","signals":{default signals}}
  std::string gpc(bool signal) const;
  // -> [{"name","kind","vendor","vendorLabel","categories","retentionDays"|null,"purpose","fields"}] for
  //    `lang` (falling back to English); vendors: {id: {label, processor}}.
  std::string catalog(std::string_view lang) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace smartcp
