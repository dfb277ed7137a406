#include "smartcp/engine.hpp"

#include <cmath>

#include "json_util.hpp"
#include "smartcp/cleanup.hpp"
#include "smartcp/consent_mode.hpp"
#include "smartcp/consent_record.hpp"
#include "smartcp/cookie.hpp"
#include "smartcp/tracker_database.hpp"

namespace smartcp {

namespace {

constexpr std::size_t kMaxRequestBytes = 64 * 1024;
constexpr double kMaxTime = 100'000'000'000'000.0;  // year 5138: anything later is an error

std::optional<TimeMs> to_time(double ms) {
  if (!std::isfinite(ms) || ms < 0 || ms > kMaxTime) return std::nullopt;
  return static_cast<TimeMs>(ms);
}

// The results are built member by member: nlohmann's initializer lists cost the module about 1 KB per
// ten members at each place they are written.
std::string error_json(std::string message) {
  Json out = Json::object();
  out["ok"] = false;
  out["error"] = std::move(message);
  return detail::dump(out);
}

Json issues_json(const std::vector<Issue>& issues) {
  Json out = Json::array();
  for (const Issue& i : issues) {
    Json& issue = out.emplace_back(Json::object());
    issue["severity"] = i.severity == Issue::Severity::error ? "error" : "warning";
    issue["path"] = i.path;
    issue["message"] = i.message;
  }
  return out;
}

Json nullable(const std::optional<int>& value) { return value ? Json(*value) : Json(nullptr); }

std::string_view platform_name(const TrackerEntry* t) {
  return t ? TrackerDatabase::instance().platform(t->platform) : std::string_view();
}

Json decision_json(const Decision& d, std::string_view name, Kind kind) {
  Json out = Json::object();
  out["verdict"] = to_string(d.verdict);
  out["reason"] = to_string(d.reason);
  out["source"] = to_string(d.source);
  out["name"] = name;
  out["kind"] = to_string(kind);
  out["category"] = first_category_name(d.refused ? d.refused : d.required);
  out["categories"] = category_names(d.required);
  out["vendor"] = d.vendor ? Json(d.vendor->id) : d.entry && !d.entry->vendor.empty() ? Json(d.entry->vendor) : Json(nullptr);
  out["platform"] = d.tracker ? Json(platform_name(d.tracker)) : Json(nullptr);
  if (d.entry) out["pattern"] = d.entry->pattern.source();
  if (d.tracker) out["pattern"] = std::string(d.tracker->name) + (d.tracker->wildcard ? "*" : "");
  if (d.verdict == Verdict::redact) {
    out["value"] = d.redaction->value;
    out["removed"] = d.redaction->removed;
  }
  return out;
}

Decision invalid_input() {
  Decision d;
  d.verdict = Verdict::refuse;
  d.reason = Reason::invalid_input;
  return d;
}

}  // namespace

struct Engine::State {
  Config config;
  Catalog catalog;
  Decider decider{catalog, config};

  // A cookie write, decided: the parsed cookie (with what to write instead, if anything).
  struct CookieOutcome {
    Decision decision;
    CookieString cookie;
    bool deletion = false;
    bool capped = false;
    bool rewritten = false;
  };
  CookieOutcome decide_cookie(std::string_view text, TimeMs now) const {
    CookieOutcome o;
    o.cookie = parse_cookie_string(text);
    const std::string name(o.cookie.apparent_name());
    o.deletion = o.cookie.is_deletion(now);
    if (o.deletion && name != ConsentRecord::kCookieName) {
      o.decision = decider.classify(name, Kind::cookie);
      o.decision.reason = Reason::deletion;  // deleting is always allowed
      return o;
    }
    o.decision = decider.decide(name, Kind::cookie, o.cookie.value);
    if (o.decision.verdict == Verdict::refuse) return o;
    if (o.decision.verdict == Verdict::redact) o.cookie.value = o.decision.redaction->value;
    int max_days = config.max_cookie_days;
    if (o.decision.retention_days) max_days = std::min(max_days, *o.decision.retention_days);
    o.capped = cap_lifetime(o.cookie, now, max_days);
    o.rewritten = o.capped || o.decision.verdict == Verdict::redact;
    return o;
  }
};

// The defaults, as configure("") sets them, without the JSON answer configure() writes for its caller.
Engine::Engine() : state_(std::make_unique<State>()) {
  std::vector<Issue> issues;
  state_->catalog = build_catalog(state_->config, issues);
}
Engine::~Engine() = default;

std::string Engine::configure(std::string_view config_json) {
  ConfigResult result = parse_config(config_json);
  state_->config = std::move(result.config);
  state_->catalog = build_catalog(state_->config, result.issues);
  Json out = Json::object();
  out["ok"] = result.ok();
  out["issues"] = issues_json(result.issues);
  out["config"] = state_->config.to_json();
  return detail::dump(out);
}

std::string Engine::config() const { return detail::dump(state_->config.to_json()); }

void Engine::set_consent(bool analytics, bool marketing) {
  state_->decider.set_granted(static_cast<Categories>((analytics ? category::analytics : 0) | (marketing ? category::marketing : 0)));
}

std::string Engine::consent() const {
  const Categories g = state_->decider.granted();
  return detail::dump(detail::category_flags(g));
}

std::uint32_t Engine::decide(std::string_view name, int kind) const {
  if (kind < 0 || kind >= kKindCount) return pack(invalid_input(), state_->catalog);
  return pack(state_->decider.decide(name, static_cast<Kind>(kind)), state_->catalog);
}

std::uint32_t Engine::decide_value(std::string_view name, int kind, std::string_view value, std::string& value_out) const {
  value_out.clear();
  if (kind < 0 || kind >= kKindCount) return pack(invalid_input(), state_->catalog);
  Decision d = state_->decider.decide(name, static_cast<Kind>(kind), value);
  if (d.verdict == Verdict::redact) value_out = std::move(d.redaction->value);
  return pack(d, state_->catalog);
}

std::uint32_t Engine::decide_cookie(std::string_view cookie_string, double now_ms, std::string& cookie_out,
                                    std::string& scope_out) const {
  cookie_out.clear();
  scope_out.clear();
  auto now = to_time(now_ms);
  if (!now) return pack(invalid_input(), state_->catalog);
  State::CookieOutcome o = state_->decide_cookie(cookie_string, *now);
  if (o.decision.verdict == Verdict::refuse) return pack(o.decision, state_->catalog);
  if (o.rewritten) cookie_out = serialize(o.cookie);
  if (!o.deletion && (o.cookie.domain || o.cookie.path)) scope_out = o.cookie.domain.value_or("") + '\n' + o.cookie.path.value_or("");
  return pack(o.decision, state_->catalog);
}

std::string Engine::decide_write(std::string_view name, std::string_view kind_name, std::string_view value) const {
  auto kind = parse_kind(kind_name);
  if (!kind) return error_json("kind must be \"cookie\", \"localStorage\", \"sessionStorage\", \"indexedDB\" or \"cacheStorage\"");
  return detail::dump(decision_json(state_->decider.decide(name, *kind, value), name, *kind));
}

std::string Engine::decide_cookie(std::string_view cookie_string, double now_ms) const {
  auto now = to_time(now_ms);
  if (!now) return error_json("now must be a time in milliseconds since 1970");
  const State::CookieOutcome o = state_->decide_cookie(cookie_string, *now);
  Json out = decision_json(o.decision, o.cookie.apparent_name(), Kind::cookie);
  out["deletion"] = o.deletion;
  // Unchanged assignments pass through byte for byte.
  if (o.decision.verdict != Verdict::refuse) out["cookie"] = o.rewritten ? serialize(o.cookie) : std::string(cookie_string);
  out["capped"] = o.capped;
  return detail::dump(out);
}

namespace {

// What a packed decision's entry is (see Engine::describe); null when it has none.
Json entry_json(const Catalog& catalog, std::uint32_t packed, std::string_view lang) {
  const auto source = static_cast<Source>((packed >> 5) & 7u);
  const std::size_t index = packed >> 16;
  if (index == 0) return nullptr;
  if (source == Source::database) {
    const TrackerDatabase& db = TrackerDatabase::instance();
    if (index > db.size()) return nullptr;
    const TrackerEntry& t = db.entry(index - 1);
    const std::string platform(db.platform(t.platform));
    const Categories categories = catalog.categories_of(t);
    // The purpose text: the platform's own for this category when the project wrote one, else the class's.
    Json out = Json::object();
    out["source"] = to_string(source);
    out["vendor"] = nullptr;
    out["vendorLabel"] = platform;
    out["platform"] = platform;
    out["name"] = std::string(t.name) + (t.wildcard ? "*" : "");
    Json& kinds = out["kinds"] = Json::array();
    for (Kind k : {Kind::cookie, Kind::local_storage, Kind::session_storage}) kinds.push_back(to_string(k));
    out["categories"] = category_names(categories);
    out["retentionDays"] = t.retention_days ? Json(t.retention_days) : Json(nullptr);
    out["purposeId"] = platform + '|' + std::string(first_category_name(categories));
    out["purposeClass"] = to_string(t.purpose);
    return out;
  }
  if ((source != Source::site_catalog && source != Source::vendor_catalog) || index > catalog.entries().size()) return nullptr;
  const Entry& e = catalog.entries()[index - 1];
  const Vendor* vendor = catalog.vendor_of(e);
  Json out = Json::object();
  out["source"] = to_string(source);
  out["vendor"] = e.vendor.empty() ? Json(nullptr) : Json(e.vendor);
  out["vendorLabel"] = vendor ? vendor->label : e.vendor;
  out["platform"] = nullptr;
  out["name"] = e.pattern.display();
  out["categories"] = category_names(e.categories);
  out["retentionDays"] = nullable(e.retention_days);
  Json kinds = Json::array();
  for (int k = 0; k < kKindCount; ++k) {
    if (e.applies_to & kind_bit(static_cast<Kind>(k))) kinds.push_back(to_string(static_cast<Kind>(k)));
  }
  out["kinds"] = std::move(kinds);
  if (e.builtin) {
    out["purposeId"] = e.purpose_id;
  } else {
    std::string text;
    for (std::string_view l : {lang, std::string_view("en")}) {
      if (auto it = e.purpose.find(l); it != e.purpose.end()) {
        text = it->second;
        break;
      }
    }
    if (text.empty() && !e.purpose.empty()) text = e.purpose.begin()->second;
    out["purpose"] = text;
  }
  return out;
}

}  // namespace

std::string Engine::describe(std::uint32_t packed, std::string_view lang) const {
  return detail::dump(entry_json(state_->catalog, packed, lang));
}

std::string Engine::cookie_deletions(std::string_view name, std::string_view scope_json) const {
  auto parsed = detail::parse_bounded(scope_json, kMaxRequestBytes, 4);
  if (!parsed.error.empty() || !parsed.value.is_object()) return "";
  const Json& in = parsed.value;
  CookieScope scope;
  auto text = [&](const char* key, std::string& out) {
    if (const Json* it = detail::member(in, key); it && it->is_string()) out = it->get<std::string>();
  };
  text("host", scope.host);
  text("path", scope.path);
  if (const Json* it = detail::member(in, "secure"); it && it->is_boolean()) scope.secure = it->get<bool>();
  if (const auto& s = state_->config.smartsupp) {
    if (const Json* d = detail::member(s->options, "cookieDomain"); d && d->is_string()) scope.extra_domains.push_back(d->get<std::string>());
    if (const Json* p = detail::member(s->options, "cookiePath"); p && p->is_string()) scope.extra_paths.push_back(p->get<std::string>());
  }
  std::vector<std::pair<std::string, std::string>> remembered;
  if (const Json* it = detail::member(in, "remembered"); it && it->is_array()) {
    for (const Json& pair : *it) {
      if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string()) {
        remembered.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
      }
    }
  }
  std::string out;
  for (const std::string& assignment : smartcp::cookie_deletions(std::string(name), scope, remembered)) {
    if (!out.empty()) out += '\n';
    out += assignment;
  }
  return out;
}

std::string Engine::create_record(std::string_view request_json) const {
  auto parsed = detail::parse_bounded(request_json, kMaxRequestBytes, 4);
  if (!parsed.error.empty()) return error_json("the request " + parsed.error);
  const Json& in = parsed.value;
  if (!in.is_object()) return error_json("the request must be an object");
  auto string_field = [&](const char* key) -> std::optional<std::string> {
    const Json* it = detail::member(in, key);
    if (!it || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
  };
  auto bool_field = [&](const char* key, bool fallback) -> std::optional<bool> {
    const Json* it = detail::member(in, key);
    if (!it) return fallback;
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
  auto site = string_field("site");
  if (!site) return error_json("site must be a string: the page's host name");
  auto analytics = bool_field("analytics", false);
  auto marketing = bool_field("marketing", false);
  auto gpc_signal = bool_field("gpc", false);
  auto secure = bool_field("secure", false);
  if (!analytics || !marketing || !gpc_signal || !secure) return error_json("analytics, marketing, gpc and secure must be true or false");
  const Json* now_it = detail::member(in, "now");
  auto now = now_it && now_it->is_number() ? to_time(now_it->get<double>()) : std::nullopt;
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
  record.site = *site;
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
  Json out = Json::object();
  out["ok"] = true;
  out["record"] = record.to_json();
  out["value"] = value;
  out["cookie"] = cookie;
  return detail::dump(out);
}

std::string Engine::read_record(std::string_view cookie_value, double now_ms, std::string_view site) const {
  auto now = to_time(now_ms);
  if (!now) return error_json("now must be a time in milliseconds since 1970");
  const RecordReading reading = read_cookie_value(cookie_value, state_->config.revision, *now, site);
  Json out = Json::object();
  out["status"] = to_string(reading.status);
  if (reading.status != RecordStatus::valid) out["reason"] = reading.reason;
  if (reading.record) out["record"] = reading.record->to_json();
  return detail::dump(out);
}

std::string Engine::consent_mode() const { return detail::dump(consent_mode_signals(state_->decider.granted())); }

std::string Engine::gpc(bool signal) const {
  const GpcPolicy policy = gpc_policy(state_->config.gpc, signal);
  Json out = Json::object();
  out["applies"] = policy.applies;
  out["refused"] = category_names(policy.refused);
  out["complete"] = policy.complete;
  out["signals"] = consent_mode_signals(category::functional);
  return detail::dump(out);
}

std::string Engine::catalog(std::string_view lang) const {
  const Catalog& catalog = state_->catalog;
  Json entries = Json::array();
  for (const Entry& e : catalog.entries()) {
    const Source source = e.builtin ? Source::vendor_catalog : Source::site_catalog;
    Json item = entry_json(catalog, static_cast<std::uint32_t>(((catalog.index_of(e) + 1) << 16) | (static_cast<unsigned>(source) << 5)), lang);
    Json fields = Json::object();
    for (const FieldRule& f : e.fields) fields[f.field] = category_names(f.categories);
    item["fields"] = std::move(fields);
    item["builtin"] = e.builtin;
    entries.push_back(std::move(item));
  }
  // The database's entries of the platforms the site declares.
  const TrackerDatabase& db = TrackerDatabase::instance();
  for (std::uint16_t platform : state_->config.declared) {
    const auto [first, last] = db.entries_of(platform);
    for (std::size_t i = first; i < last; ++i) {
      if (!catalog.applies(db.entry(i))) continue;
      Json item = entry_json(catalog, static_cast<std::uint32_t>(((i + 1) << 16) | (static_cast<unsigned>(Source::database) << 5)), lang);
      item["fields"] = Json::object();
      item["builtin"] = true;
      entries.push_back(std::move(item));
    }
  }
  Json vendors = Json::object();
  for (const Vendor& v : catalog.vendors()) {
    const Processor& p = v.processor;
    Json& vendor = vendors[v.id] = Json::object();
    vendor["label"] = v.label;
    vendor["defaultCategories"] = category_names(v.default_categories);
    vendor["prefixes"] = v.prefixes;
    Json& processor = vendor["processor"] = nullptr;
    if (!p.name.empty()) {
      processor = Json::object();
      processor["name"] = p.name;
      processor["companyId"] = p.company_id;
      processor["address"] = p.address;
      processor["dpo"] = p.dpo;
      processor["dataLocation"] = p.data_location;
    }
  }
  Json out = Json::object();
  out["entries"] = std::move(entries);
  out["vendors"] = std::move(vendors);
  return detail::dump(out);
}

std::string Engine::classify_url(std::string_view url) const {
  const Config& config = state_->config;
  const TrackerDatabase& db = TrackerDatabase::instance();
  const auto parts = split_url(url);
  if (!parts) return "null";
  // The site's own rules first: the longest matching one.
  const HostRule* own = nullptr;
  for (const HostRule& rule : config.hosts) {
    const std::size_t slash = rule.match.find('/');
    const std::string_view host = std::string_view(rule.match).substr(0, slash);
    const std::string_view path = slash == std::string::npos ? std::string_view() : std::string_view(rule.match).substr(slash);
    const std::string& h = parts->host;
    const bool host_matches = h == host || (h.size() > host.size() && h.compare(h.size() - host.size(), host.size(), host) == 0 &&
                                            h[h.size() - host.size() - 1] == '.');
    if (host_matches && parts->rest.compare(0, path.size(), path) == 0 && (!own || rule.match.size() > own->match.size())) own = &rule;
  }
  const TrackerHost* builtin = db.match_url(url);
  auto answer = [&](Categories categories, bool google_tag, bool held) {
    Json out = Json::object();
    out["platform"] = builtin ? Json(db.platform(builtin->platform)) : Json(nullptr);
    out["category"] = detail::category_json(categories);
    out["googleTag"] = google_tag;
    out["signal"] = builtin ? builtin->signal : 0;
    out["held"] = held;
    return detail::dump(out);
  };
  if (own) {
    if (own->allow) return "null";
    return answer(own->categories, false, own->categories != category::functional);
  }
  if (!builtin || state_->catalog.platform_off(builtin->platform)) return "null";
  const Categories categories = state_->catalog.platform_categories(builtin->platform, builtin->categories);
  const bool advanced = builtin->google_tag && config.consent_mode == ConsentModeKind::advanced;
  return answer(categories, builtin->google_tag, categories != category::functional && !advanced);
}

}  // namespace smartcp
