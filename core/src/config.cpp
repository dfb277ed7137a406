#include "smartcp/config.hpp"

#include <algorithm>
#include <functional>

#include "json_util.hpp"
#include "smartcp/catalog.hpp"
#include "smartcp/tracker_database.hpp"

namespace smartcp {


namespace {

constexpr std::size_t kMaxKey = 128;
constexpr std::size_t kMaxUrl = 2000;
constexpr std::size_t kMaxText = 2000;

bool is_key(const std::string& s) {
  return !s.empty() && s.size() <= kMaxKey && std::all_of(s.begin(), s.end(), is_token_char);
}

// http(s) URLs and site-relative paths; never `javascript:` or `data:`.
bool is_safe_url(const std::string& s) {
  if (s.empty() || s.size() > kMaxUrl) return false;
  if (std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; })) return false;
  if (s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0) return s.size() > 8;
  return s[0] == '/' && s.rfind("//", 0) != 0;  // a path, not a protocol-relative URL
}

class ConfigParser {
 public:
  explicit ConfigParser(std::vector<Issue>& issues) : issues_(issues) {}

  void parse(const Json& root, Config& config) {
    if (!root.is_object()) {
      detail::error(issues_, "", std::string("must be a JSON object, not ") + std::string(detail::describe(root)));
      return;
    }
    for (const auto& it : detail::members(root)) {
      const std::string& key = it.first;
      const Json& value = it.second;
      if (key == "vendors") parse_vendors(value, config);
      else if (key == "revision") integer(value, key, 0, 1'000'000'000, config.revision);
      else if (key == "lang") language(value, key, config.lang);
      else if (key == "expiryDays") integer(value, key, 1, Config::kMaxCookieDays, config.expiry_days);
      else if (key == "maxCookieDays") integer(value, key, 1, Config::kMaxCookieDays, config.max_cookie_days);
      else if (key == "unknownKeys") unknown_keys(value, config.unknown_keys);
      else if (key == "gpc") gpc(value, config.gpc);
      else if (key == "logEndpoint") url(value, key, config.log_endpoint);
      else if (key == "policyUrl") url(value, key, config.policy_url);
      else if (key == "theme") choice(value, key, {"auto", "light", "dark"}, config.theme);
      else if (key == "layout") choice(value, key, {"box", "bar", "modal"}, config.layout);
      else if (key == "position") choice(value, key, {"auto", "bottom-right", "bottom-left", "top-right", "top-left", "bottom", "top"}, config.position);
      else if (key == "reopenButton") reopen_button(value, config.reopen_button);
      else if (key == "consentMode") consent_mode(value, config.consent_mode);
      else if (key == "debug") boolean(value, key, config.debug);
      else if (key == "platforms") platforms(value, config.platforms);
      else if (key == "declare") declare(value, config.declared);
      else if (key == "hosts") hosts(value, config.hosts);
      else if (key == "waitForUpdate") integer(value, key, 0, 10'000, config.wait_for_update_ms);
      else if (key == "texts") texts(value, config.texts);
      else if (key == "catalog") {
        catalog_ = &value;  // after vendors: entries may use the placeholders vendors bind
      } else {
        detail::warning(issues_, key, "is not a known field and is ignored");
      }
    }
    if (config.expiry_days > config.max_cookie_days) {
      detail::warning(issues_, "expiryDays", "is more than maxCookieDays; the consent cookie lives maxCookieDays");
      config.expiry_days = config.max_cookie_days;
    }
    if (catalog_) parse_catalog(*catalog_, config);
  }

 private:
  void integer(const Json& value, const std::string& path, int min, int max, int& out) {
    auto v = detail::as_integer(value);
    if (v && *v >= min && *v <= max) {
      out = static_cast<int>(*v);
    } else {
      detail::error(issues_, path, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                                       "; using the default " + std::to_string(out));
    }
  }

  void boolean(const Json& value, const std::string& path, bool& out) {
    if (value.is_boolean()) {
      out = value.get<bool>();
    } else {
      detail::error(issues_, path, std::string("must be true or false; using the default ") + (out ? "true" : "false"));
    }
  }

  void choice(const Json& value, const std::string& path, std::initializer_list<const char*> options, std::string& out) {
    if (value.is_string()) {
      for (const char* option : options) {
        if (value.get_ref<const std::string&>() == option) {
          out = option;
          return;
        }
      }
    }
    std::string list;
    for (const char* option : options) list += (list.empty() ? "\"" : ", \"") + std::string(option) + '"';
    detail::error(issues_, path, "must be one of " + list + "; using the default \"" + out + '"');
  }

  void language(const Json& value, const std::string& path, std::string& out) {
    if (value.is_string() && is_language_tag(value.get_ref<const std::string&>())) {
      out = value.get<std::string>();
    } else {
      detail::error(issues_, path, "must be a language tag such as \"pl\" or \"de\" (the 24 official EU languages are built in; add others through texts); using the default \"" + out + '"');
    }
  }

  void url(const Json& value, const std::string& path, std::string& out) {
    if (value.is_null()) return;
    if (value.is_string() && is_safe_url(value.get_ref<const std::string&>())) {
      out = value.get<std::string>();
    } else {
      detail::error(issues_, path, "must be an http(s) URL or a path starting with '/'; ignored");
    }
  }

  void unknown_keys(const Json& value, UnknownKeys& out) {
    std::string text = "allow";
    choice(value, "unknownKeys", {"allow", "analytics", "marketing", "block"}, text);
    out = text == "analytics" ? UnknownKeys::analytics
        : text == "marketing" ? UnknownKeys::marketing
        : text == "block"     ? UnknownKeys::block
                              : UnknownKeys::allow;
  }

  void gpc(const Json& value, GpcMode& out) {
    if (value.is_boolean()) {  // true: the conventional treatment; false: ignore the signal
      out = value.get<bool>() ? GpcMode::marketing : GpcMode::ignore;
      return;
    }
    std::string text = "marketing";
    choice(value, "gpc", {"marketing", "all", "ignore"}, text);
    out = text == "all" ? GpcMode::all : text == "ignore" ? GpcMode::ignore : GpcMode::marketing;
  }

  void consent_mode(const Json& value, ConsentModeKind& out) {
    if (value.is_boolean()) {  // true: the default, basic; false: no signals
      out = value.get<bool>() ? ConsentModeKind::basic : ConsentModeKind::off;
      return;
    }
    std::string text = "basic";
    choice(value, "consentMode", {"basic", "advanced"}, text);
    out = text == "advanced" ? ConsentModeKind::advanced : ConsentModeKind::basic;
  }

  std::optional<std::uint16_t> platform(const std::string& name, const std::string& path) {
    auto found = TrackerDatabase::instance().find_platform(name);
    if (!found) detail::warning(issues_, path, "is not a platform SmartCP knows (docs/platforms.md lists them) and is ignored");
    return found;
  }

  void platforms(const Json& value, std::vector<PlatformSetting>& out) {
    if (!value.is_object()) {
      detail::error(issues_, "platforms", "must be an object such as {\"Hotjar\": \"analytics\", \"WordPress\": true}");
      return;
    }
    for (const auto& it : detail::members(value)) {
      const std::string path = detail::member_path("platforms", it.first);
      auto index = platform(it.first, path);
      if (!index) continue;
      PlatformSetting setting;
      setting.platform = *index;
      const Json& v = it.second;
      if (v.is_boolean()) {
        setting.off = !v.get<bool>();
        setting.generic = v.get<bool>();
      } else if (v.is_string()) {
        auto c = detail::parse_categories(v, path, issues_);
        if (!c) continue;
        setting.categories = *c | category::functional;
      } else if (v.is_object()) {
        bool ok = true;
        for (const auto& field : detail::members(v)) {
          const std::string field_path = detail::member_path(path, field.first);
          if (field.first == "category") {
            auto c = detail::parse_categories(field.second, field_path, issues_);
            if (c) setting.categories = *c | category::functional;
            ok = ok && c;
          } else if (field.first == "generic" && field.second.is_boolean()) {
            setting.generic = field.second.get<bool>();
          } else if (field.first == "generic") {
            detail::error(issues_, field_path, "must be true or false");
            ok = false;
          } else {
            detail::warning(issues_, field_path, "is not a known field and is ignored");
          }
        }
        if (!ok) continue;
      } else {
        detail::error(issues_, path, "must be true (the site runs it), false (off), a category, or {\"category\", \"generic\"}; ignored");
        continue;
      }
      out.push_back(setting);
    }
  }

  void declare(const Json& value, std::vector<std::uint16_t>& out) {
    if (!value.is_array()) {
      detail::error(issues_, "declare", "must be a list of platform names such as [\"Google Analytics\"]");
      return;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string path = detail::index_path("declare", i);
      if (!value[i].is_string()) {
        detail::error(issues_, path, "must be a platform's name");
        continue;
      }
      if (auto index = platform(value[i].get<std::string>(), path); index && std::find(out.begin(), out.end(), *index) == out.end()) {
        out.push_back(*index);
      }
    }
  }

  // "host" or "host/path-prefix": lower-case letters, digits, '-' and '.', then anything from a '/'.
  static bool is_host_match(const std::string& s) {
    const std::size_t slash = s.find('/');
    const std::string host = s.substr(0, slash);
    if (host.empty() || host.size() > 253 || s.size() > 500 || host.front() == '.' || host.back() == '.') return false;
    const bool host_ok = std::all_of(host.begin(), host.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    });
    return host_ok && std::none_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; });
  }

  void hosts(const Json& value, std::vector<HostRule>& out) {
    if (!value.is_object()) {
      detail::error(issues_, "hosts", "must be an object such as {\"stats.example.com\": \"analytics\"}");
      return;
    }
    if (value.size() > Config::kMaxHosts) {
      detail::error(issues_, "hosts", "has more than " + std::to_string(Config::kMaxHosts) + " entries; the list is ignored");
      return;
    }
    for (const auto& it : detail::members(value)) {
      const std::string path = detail::member_path("hosts", it.first);
      if (!is_host_match(it.first)) {
        detail::error(issues_, path, "must be a lower-case host name, optionally followed by a path such as /collect; ignored");
        continue;
      }
      HostRule rule;
      rule.match = it.first;
      if (it.second.is_boolean() && !it.second.get<bool>()) {
        rule.allow = true;
      } else if (auto c = detail::parse_categories(it.second, path, issues_)) {
        rule.categories = *c | category::functional;
      } else {
        continue;
      }
      out.push_back(std::move(rule));
    }
  }

  void reopen_button(const Json& value, std::string& out) {
    if (value.is_boolean() && !value.get<bool>()) {
      out = "none";
      return;
    }
    choice(value, "reopenButton", {"bottom-left", "bottom-right", "none"}, out);
  }

  std::optional<Categories> requirement(const Json& vendor, const std::string& path, Categories fallback) {
    const Json* it = detail::member(vendor, "category");
    if (!it) return fallback;
    return detail::parse_categories(*it, detail::member_path(path, "category"), issues_);
  }

  std::optional<std::string> vendor_key(const Json& vendor, const std::string& path) {
    const std::string key_path = detail::member_path(path, "key");
    const Json* key = detail::member(vendor, "key");
    if (!key) {
      detail::error(issues_, key_path, "is missing; the vendor is not loaded");
    } else if (!key->is_string() || !is_key(key->get_ref<const std::string&>())) {
      detail::error(issues_, key_path, "must be the vendor's key: 1 to 128 letters, digits, '_' or '-'; the vendor is not loaded");
    } else {
      return key->get<std::string>();
    }
    return std::nullopt;
  }

  void parse_vendors(const Json& value, Config& config) {
    if (!value.is_object()) {
      detail::error(issues_, "vendors", "must be an object such as {\"smartsupp\": {\"key\": \"…\"}}");
      return;
    }
    for (const auto& it : detail::members(value)) {
      const std::string path = detail::member_path("vendors", it.first);
      const Json& vendor = it.second;
      if (it.first != "smartsupp" && it.first != "smartlook") {
        detail::warning(issues_, path, "is not a built-in vendor and is ignored; list its keys under \"catalog\"");
        continue;
      }
      if (vendor.is_null() || (vendor.is_boolean() && !vendor.get<bool>())) continue;  // explicitly off
      if (!vendor.is_object()) {
        detail::error(issues_, path, "must be an object with a \"key\"; the vendor is not loaded");
        continue;
      }
      if (it.first == "smartsupp") parse_smartsupp(vendor, path, config);
      else parse_smartlook(vendor, path, config);
    }
  }

  void parse_smartsupp(const Json& vendor, const std::string& path, Config& config) {
    auto key = vendor_key(vendor, path);
    auto needs = requirement(vendor, path, category::functional);
    if (!key || !needs) return;
    SmartsuppConfig s;
    s.key = *key;
    s.requires_categories = *needs | category::functional;
    for (const auto& it : detail::members(vendor)) {
      if (it.first == "category") continue;
      if (it.first == "scriptUrl") {  // SmartCP's, not Smartsupp's: not passed on
        url(it.second, detail::member_path(path, "scriptUrl"), s.script_url);
        continue;
      }
      if (it.first == "cookiePrefix") {
        const Json& prefix = it.second;
        const bool ok = prefix.is_string() && prefix.get_ref<const std::string&>().size() <= 64 &&
                        std::all_of(prefix.get_ref<const std::string&>().begin(), prefix.get_ref<const std::string&>().end(),
                                    [](char c) { return is_token_char(c) || c == '.'; });
        if (!ok) {
          detail::error(issues_, detail::member_path(path, "cookiePrefix"), "must be up to 64 letters, digits, '_', '-' or '.'; ignored");
          continue;
        }
        s.cookie_prefix = prefix.get<std::string>();
      }
      if ((it.first == "cookieDomain" || it.first == "cookiePath") && !it.second.is_string()) {
        detail::error(issues_, detail::member_path(path, it.first), "must be a string; ignored");
        continue;
      }
      s.options[it.first] = it.second;  // the rest goes to _smartsupp as it is
    }
    config.smartsupp = std::move(s);
  }

  void parse_smartlook(const Json& vendor, const std::string& path, Config& config) {
    auto key = vendor_key(vendor, path);
    auto needs = requirement(vendor, path, category::analytics);
    if (!key || !needs) return;
    SmartlookConfig s;
    s.key = *key;
    s.requires_categories = *needs | category::functional;
    for (const auto& it : detail::members(vendor)) {
      const std::string field_path = detail::member_path(path, it.first);
      if (it.first == "region") choice(it.second, field_path, {"eu", "us"}, s.region);
      else if (it.first == "scriptUrl") url(it.second, field_path, s.script_url);
      else if (it.first != "key" && it.first != "category") detail::warning(issues_, field_path, "is not a known field and is ignored");
    }
    config.smartlook = std::move(s);
  }

  void texts(const Json& value, Json& out) {
    if (!value.is_object()) {
      detail::error(issues_, "texts", "must be an object such as {\"en\": {\"title\": \"…\"}}");
      return;
    }
    for (const auto& lang : detail::members(value)) {
      const std::string lang_path = detail::member_path("texts", lang.first);
      if (!is_language_tag(lang.first)) {
        detail::warning(issues_, lang_path, "is not a language tag (such as \"de\" or \"pt-BR\") and is ignored");
        continue;
      }
      if (!lang.second.is_object()) {
        detail::error(issues_, lang_path, "must be an object of text id to text");
        continue;
      }
      Json& target = out[lang.first] = Json::object();
      for (const auto& text : detail::members(lang.second)) {
        const std::string text_path = detail::member_path(lang_path, text.first);
        if (!text.second.is_string()) {
          detail::error(issues_, text_path, "must be a string; the built-in text is used");
        } else if (text.second.get_ref<const std::string&>().size() > kMaxText) {
          detail::error(issues_, text_path, "is longer than 2000 characters; the built-in text is used");
        } else {
          target[text.first] = text.second.get<std::string>();
        }
      }
    }
  }

  void parse_catalog(const Json& value, Config& config) {
    if (!value.is_array()) {
      detail::error(issues_, "catalog", "must be a list of entries");
      return;
    }
    if (value.size() > Catalog::kMaxEntries) {
      detail::error(issues_, "catalog", "has more than " + std::to_string(Catalog::kMaxEntries) + " entries; the list is ignored");
      return;
    }
    const Bindings bindings = bindings_for(config);
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (parse_entry(value[i], detail::index_path("catalog", i), bindings, issues_)) {
        config.catalog.push_back(value[i]);
      }
    }
  }

  std::vector<Issue>& issues_;
  const Json* catalog_ = nullptr;
};

}  // namespace

bool ConfigResult::ok() const {
  return std::none_of(issues.begin(), issues.end(), [](const Issue& i) { return i.severity == Issue::Severity::error; });
}

ConfigResult parse_config(std::string_view json_text) {
  ConfigResult result;
  if (json_text.find_first_not_of(" \t\r\n") == std::string_view::npos) return result;  // no config: defaults
  auto parsed = detail::parse_bounded(json_text, Config::kMaxBytes, Config::kMaxDepth);
  if (!parsed.error.empty()) {
    detail::error(result.issues, "", "the config " + parsed.error + "; using the defaults");
    return result;
  }
  ConfigParser(result.issues).parse(parsed.value, result.config);
  return result;
}

Bindings bindings_for(const Config& config) {
  Bindings bindings;
  bindings["COOKIE_PREFIX"] = config.smartsupp ? config.smartsupp->cookie_prefix : std::string();
  if (config.smartsupp) bindings["CHAT_KEY"] = config.smartsupp->key;
  return bindings;
}

std::string Config::banner_position() const {
  if (position != "auto") return position;
  return smartsupp ? "bottom-left" : "bottom-right";
}

Json Config::to_json() const {
  auto names = [](Categories c) { return category_names(c); };
  Json vendors = Json::object();
  if (smartsupp) {
    Json s = smartsupp->options;
    s["key"] = smartsupp->key;
    s["category"] = names(smartsupp->requires_categories);
    if (!smartsupp->script_url.empty()) s["scriptUrl"] = smartsupp->script_url;
    vendors["smartsupp"] = std::move(s);
  }
  if (smartlook) {
    Json& s = vendors["smartlook"] = Json::object();
    s["key"] = smartlook->key;
    s["region"] = smartlook->region;
    s["category"] = names(smartlook->requires_categories);
    if (!smartlook->script_url.empty()) s["scriptUrl"] = smartlook->script_url;
  }
  // The database only for a config that names platforms: building its index is most of a first configure.
  auto platform_name = [](std::uint16_t p) { return std::string(TrackerDatabase::instance().platform(p)); };
  Json platform_settings = Json::object();
  for (const PlatformSetting& p : platforms) {
    Json& v = platform_settings[platform_name(p.platform)];
    if (p.off) v = false;
    else {
      v = Json::object();
      v["category"] = p.categories ? detail::category_json(p.categories) : Json(nullptr);
      v["generic"] = p.generic;
    }
  }
  Json declared_names = Json::array();
  for (std::uint16_t p : declared) declared_names.push_back(platform_name(p));
  Json host_rules = Json::object();
  for (const HostRule& h : hosts) host_rules[h.match] = h.allow ? Json(false) : detail::category_json(h.categories);
  static const char* const unknown_names[] = {"allow", "analytics", "marketing", "block"};
  static const char* const gpc_names[] = {"marketing", "all", "ignore"};
  auto nullable = [](const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); };
  // Member by member: nlohmann's initializer lists cost the module about 1 KB per ten members.
  Json out = Json::object();
  out["vendors"] = std::move(vendors);
  out["revision"] = revision;
  out["lang"] = lang;
  out["expiryDays"] = expiry_days;
  out["maxCookieDays"] = max_cookie_days;
  out["unknownKeys"] = unknown_names[static_cast<int>(unknown_keys)];
  out["gpc"] = gpc_names[static_cast<int>(gpc)];
  out["logEndpoint"] = nullable(log_endpoint);
  out["policyUrl"] = nullable(policy_url);
  out["theme"] = theme;
  out["layout"] = layout;
  out["position"] = banner_position();
  out["reopenButton"] = reopen_button;
  out["consentMode"] = consent_mode == ConsentModeKind::off ? Json(false) : Json(consent_mode == ConsentModeKind::advanced ? "advanced" : "basic");
  out["waitForUpdate"] = wait_for_update_ms;
  out["debug"] = debug;
  out["platforms"] = std::move(platform_settings);
  out["declare"] = std::move(declared_names);
  out["hosts"] = std::move(host_rules);
  out["catalog"] = catalog;
  out["texts"] = texts;
  return out;
}

}  // namespace smartcp
