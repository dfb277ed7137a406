#include "smartcp/engine.hpp"

#include <cmath>

#include "json_util.hpp"
#include "smartcp/cleanup.hpp"
#include "smartcp/consent_mode.hpp"
#include "smartcp/consent_record.hpp"
#include "smartcp/cookie.hpp"

namespace smartcp {


namespace {

constexpr std::size_t kMaxRequestBytes = 64 * 1024;
constexpr std::size_t kMaxInventoryBytes = 32 * 1024 * 1024;  // several origins' worth of storage
constexpr double kMaxTime = 100'000'000'000'000.0;              // year 5138: anything later is an error

std::optional<TimeMs> to_time(double ms) {
  if (!std::isfinite(ms) || ms < 0 || ms > kMaxTime) return std::nullopt;
  return static_cast<TimeMs>(ms);
}

std::string error_json(std::string message) { return detail::dump(Json{{"ok", false}, {"error", std::move(message)}}); }

Json issues_json(const std::vector<Issue>& issues) {
  Json out = Json::array();
  for (const Issue& i : issues) {
    out.push_back({{"severity", i.severity == Issue::Severity::error ? "error" : "warning"}, {"path", i.path}, {"message", i.message}});
  }
  return out;
}

Json decision_json(const Decision& d, std::string_view name, Kind kind) {
  Json out{
      {"verdict", to_string(d.verdict)},
      {"reason", to_string(d.reason)},
      {"source", to_string(d.source)},
      {"name", name},
      {"kind", to_string(kind)},
      {"category", first_category_name(d.refused ? d.refused : d.required)},
      {"categories", category_names(d.required)},
      {"vendor", d.vendor ? Json(d.vendor->id) : d.entry && !d.entry->vendor.empty() ? Json(d.entry->vendor) : Json(nullptr)},
  };
  if (d.entry) out["pattern"] = d.entry->pattern.source();
  if (d.verdict == Verdict::redact) {
    out["value"] = d.redaction->value;
    out["removed"] = d.redaction->removed;
  }
  return out;
}

}  // namespace

struct Engine::State {
  Config config;
  Catalog catalog;
  Decider decider{catalog, config};
};

Engine::Engine() : state_(std::make_unique<State>()) { configure(""); }
Engine::~Engine() = default;

std::string Engine::configure(std::string_view config_json) {
  ConfigResult result = parse_config(config_json);
  state_->config = std::move(result.config);
  state_->catalog = build_catalog(state_->config, result.issues);
  return detail::dump(Json{{"ok", result.ok()}, {"issues", issues_json(result.issues)}, {"config", state_->config.to_json()}});
}

std::string Engine::config() const { return detail::dump(state_->config.to_json()); }

void Engine::set_consent(bool analytics, bool marketing) {
  state_->decider.set_granted(static_cast<Categories>((analytics ? category::analytics : 0) | (marketing ? category::marketing : 0)));
}

std::string Engine::consent() const {
  const Categories g = state_->decider.granted();
  return detail::dump(Json{{"functional", true},
                                   {"analytics", (g & category::analytics) != 0},
                                   {"marketing", (g & category::marketing) != 0}});
}

std::uint32_t Engine::decide(std::string_view name, int kind) const {
  if (kind < 0 || kind > 2) {
    Decision invalid;
    invalid.verdict = Verdict::refuse;
    invalid.reason = Reason::invalid_input;
    return pack(invalid, state_->catalog);
  }
  return pack(state_->decider.decide(name, static_cast<Kind>(kind)), state_->catalog);
}

std::string Engine::decide_write(std::string_view name, std::string_view kind_name, std::string_view value) const {
  auto kind = parse_kind(kind_name);
  if (!kind) return error_json("kind must be \"cookie\", \"localStorage\" or \"sessionStorage\"");
  return detail::dump(decision_json(state_->decider.decide(name, *kind, value), name, *kind));
}

std::string Engine::decide_cookie(std::string_view cookie_string, double now_ms) const {
  auto now = to_time(now_ms);
  if (!now) return error_json("now must be a time in milliseconds since 1970");
  CookieString cookie = parse_cookie_string(cookie_string);
  const bool deletion = cookie.is_deletion(*now);
  Decision d;
  if (deletion) {
    d = state_->decider.classify(cookie.name, Kind::cookie);
    d.reason = Reason::deletion;  // deleting is always allowed
  } else {
    d = state_->decider.decide(cookie.name, Kind::cookie, cookie.value);
  }
  Json out = decision_json(d, cookie.name, Kind::cookie);
  out["deletion"] = deletion;
  bool capped = false;
  if (d.verdict != Verdict::refuse) {
    if (d.verdict == Verdict::redact) cookie.value = d.redaction->value;
    int max_days = state_->config.max_cookie_days;
    if (d.entry && d.entry->retention_days) max_days = std::min(max_days, *d.entry->retention_days);
    capped = !deletion && cap_lifetime(cookie, *now, max_days);
    // Unchanged assignments pass through byte for byte.
    out["cookie"] = (capped || d.verdict == Verdict::redact) ? serialize(cookie) : std::string(cookie_string);
  }
  out["capped"] = capped;
  return detail::dump(out);
}

std::string Engine::plan_cleanup(std::string_view inventory_json) const {
  auto parsed = detail::parse_bounded(inventory_json, kMaxInventoryBytes, 4);
  if (!parsed.error.empty()) return error_json("the inventory " + parsed.error);
  const Json& in = parsed.value;
  if (!in.is_object()) return error_json("the inventory must be an object");
  Inventory inventory;
  auto text = [&](const char* key, std::string& out) {
    auto it = in.find(key);
    if (it == in.end()) return true;
    if (!it->is_string()) return false;
    out = it->get<std::string>();
    return true;
  };
  if (!text("host", inventory.host)) return error_json("host must be a string");
  if (!text("path", inventory.path)) return error_json("path must be a string");
  if (auto it = in.find("secure"); it != in.end()) {
    if (!it->is_boolean()) return error_json("secure must be true or false");
    inventory.secure = it->get<bool>();
  }
  if (auto it = in.find("cookies"); it != in.end()) {
    if (!it->is_array()) return error_json("cookies must be a list of names");
    for (const Json& name : *it) {
      if (!name.is_string()) return error_json("cookies must be a list of names");
      inventory.cookies.push_back(name.get<std::string>());
    }
  }
  auto storage = [&](const char* key, std::vector<std::pair<std::string, std::string>>& out) {
    auto it = in.find(key);
    if (it == in.end()) return true;
    if (!it->is_object()) return false;
    for (auto item = it->begin(); item != it->end(); ++item) {
      if (!item.value().is_string()) return false;
      out.emplace_back(item.key(), item.value().get<std::string>());
    }
    return true;
  };
  if (!storage("localStorage", inventory.local_storage)) return error_json("localStorage must be an object of strings");
  if (!storage("sessionStorage", inventory.session_storage)) return error_json("sessionStorage must be an object of strings");

  std::vector<std::string> domains, paths;
  if (const auto& s = state_->config.smartsupp) {
    if (auto d = s->options.find("cookieDomain"); d != s->options.end() && d->is_string()) domains.push_back(d->get<std::string>());
    if (auto p = s->options.find("cookiePath"); p != s->options.end() && p->is_string()) paths.push_back(p->get<std::string>());
  }
  const CleanupPlan plan = smartcp::plan_cleanup(inventory, state_->decider, domains, paths);
  Json cookies = Json::array();
  for (const CookieDeletion& c : plan.cookies) {
    cookies.push_back({{"name", c.name},
                       {"category", first_category_name(c.decision.refused)},
                       {"reason", to_string(c.decision.reason)},
                       {"assignments", c.assignments}});
  }
  Json storage_actions = Json::array();
  for (const StorageAction& a : plan.storage) {
    Json item{{"kind", to_string(a.kind)},
                      {"key", a.key},
                      {"action", a.decision.verdict == Verdict::redact ? "set" : "delete"},
                      {"category", first_category_name(a.decision.refused)},
                      {"reason", to_string(a.decision.reason)}};
    if (a.decision.verdict == Verdict::redact) {
      item["value"] = a.decision.redaction->value;
      item["removed"] = a.decision.redaction->removed;
    }
    storage_actions.push_back(std::move(item));
  }
  return detail::dump(Json{{"ok", true}, {"cookies", std::move(cookies)}, {"storage", std::move(storage_actions)}});
}

std::string Engine::create_record(std::string_view request_json) const {
  auto parsed = detail::parse_bounded(request_json, kMaxRequestBytes, 4);
  if (!parsed.error.empty()) return error_json("the request " + parsed.error);
  const Json& in = parsed.value;
  if (!in.is_object()) return error_json("the request must be an object");
  auto string_field = [&](const char* key) -> std::optional<std::string> {
    auto it = in.find(key);
    if (it == in.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
  };
  auto bool_field = [&](const char* key, bool fallback) -> std::optional<bool> {
    auto it = in.find(key);
    if (it == in.end()) return fallback;
    if (!it->is_boolean()) return std::nullopt;
    return it->get<bool>();
  };

  ConsentRecord record;
  const Config& config = state_->config;
  auto method_name = string_field("method");
  auto method = method_name ? parse_method(*method_name) : std::nullopt;
  if (!method) return error_json("method must be accept-all, reject-all, custom, gpc or api");
  auto id = string_field("id");
  if (!id) return error_json("id must be a string");
  auto analytics = bool_field("analytics", false);
  auto marketing = bool_field("marketing", false);
  auto gpc_signal = bool_field("gpc", false);
  auto secure = bool_field("secure", false);
  if (!analytics || !marketing || !gpc_signal || !secure) return error_json("analytics, marketing, gpc and secure must be true or false");
  auto now_it = in.find("now");
  auto now = now_it != in.end() && now_it->is_number() ? to_time(now_it->get<double>()) : std::nullopt;
  if (!now) return error_json("now must be a time in milliseconds since 1970");

  const GpcPolicy gpc = gpc_policy(config.gpc, *gpc_signal);
  Categories categories = category::functional;
  switch (*method) {
    case Method::accept_all:
      // A bulk "accept all" does not override the browser's opt-out; only an explicit switch does.
      categories = static_cast<Categories>(category::all & ~gpc.refused);
      break;
    case Method::reject_all: break;
    case Method::gpc:
      if (!gpc.applies) return error_json("method gpc needs the GPC signal and a config that honours it");
      categories = static_cast<Categories>(category::all & ~gpc.refused);
      if (!gpc.complete) categories &= static_cast<Categories>(~category::analytics);  // not answered: not granted
      break;
    case Method::custom:
    case Method::api:
      if (*analytics) categories |= category::analytics;
      if (*marketing) categories |= category::marketing;
      break;
  }
  record.id = *id;
  record.method = *method;
  record.categories = categories;
  record.revision = config.revision;
  record.timestamp = *now;
  record.expires = *now + static_cast<TimeMs>(config.expiry_days) * kMsPerDay;
  record.lang = string_field("lang").value_or(config.lang);
  record.text_hash = string_field("textHash").value_or("");
  record.gpc = gpc.applies;
  if (std::string why = validate(record); !why.empty()) return error_json(why);

  const std::string value = encode_cookie_value(record);
  std::string cookie = std::string(ConsentRecord::kCookieName) + '=' + value +
                       "; Max-Age=" + std::to_string(static_cast<std::int64_t>(config.expiry_days) * 86400) + "; Path=/; SameSite=Lax";
  if (*secure) cookie += "; Secure";
  return detail::dump(Json{{"ok", true}, {"record", record.to_json()}, {"value", value}, {"cookie", cookie}});
}

std::string Engine::read_record(std::string_view cookie_value, double now_ms) const {
  auto now = to_time(now_ms);
  if (!now) return error_json("now must be a time in milliseconds since 1970");
  const RecordReading reading = read_cookie_value(cookie_value, state_->config.revision, *now);
  Json out{{"status", to_string(reading.status)}};
  if (reading.status != RecordStatus::valid) out["reason"] = reading.reason;
  if (reading.record) out["record"] = reading.record->to_json();
  return detail::dump(out);
}

std::string Engine::consent_mode() const { return detail::dump(consent_mode_signals(state_->decider.granted())); }

std::string Engine::gpc(bool signal) const {
  const GpcPolicy policy = gpc_policy(state_->config.gpc, signal);
  return detail::dump(Json{{"applies", policy.applies},
                                   {"refused", category_names(policy.refused)},
                                   {"complete", policy.complete},
                                   {"signals", consent_mode_signals(category::functional)}});
}

std::string Engine::catalog(std::string_view lang) const {
  Json entries = Json::array();
  auto text_for = [&](const Texts& texts) -> std::string {
    for (std::string_view l : {lang, std::string_view("en")}) {
      if (auto it = texts.find(l); it != texts.end()) return it->second;
    }
    return texts.empty() ? std::string() : texts.begin()->second;
  };
  for (const Entry& e : state_->catalog.entries()) {
    Json kinds = Json::array();
    for (Kind k : {Kind::cookie, Kind::local_storage, Kind::session_storage}) {
      if (e.kinds & kind_bit(k)) kinds.push_back(to_string(k));
    }
    Json fields = Json::object();
    for (const FieldRule& f : e.fields) fields[f.field] = category_names(f.categories);
    const Vendor* vendor = state_->catalog.vendor_of(e);
    entries.push_back({{"name", e.pattern.display()},
                       {"kinds", std::move(kinds)},
                       {"vendor", e.vendor.empty() ? Json(nullptr) : Json(e.vendor)},
                       {"vendorLabel", vendor ? vendor->label : e.vendor},
                       {"categories", category_names(e.categories)},
                       {"retentionDays", e.retention_days ? Json(*e.retention_days) : Json(nullptr)},
                       {"purpose", text_for(e.purpose)},
                       {"fields", std::move(fields)},
                       {"builtin", e.builtin}});
  }
  Json vendors = Json::object();
  for (const Vendor& v : state_->catalog.vendors()) {
    vendors[v.id] = {{"label", v.label},
                     {"defaultCategories", category_names(v.default_categories)},
                     {"prefixes", v.prefixes},
                     {"processor", v.processor.is_null() ? Json(nullptr) : v.processor}};
  }
  return detail::dump(Json{{"entries", std::move(entries)}, {"vendors", std::move(vendors)}});
}

}  // namespace smartcp
