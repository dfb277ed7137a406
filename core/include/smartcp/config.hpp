// The site owner's configuration: parsed, validated, normalised. Every invalid value falls back to its
// default and is reported with its path; nothing in the input can make parsing fail as a whole.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "smartcp/json.hpp"

#include "smartcp/pattern.hpp"
#include "smartcp/types.hpp"

namespace smartcp {

enum class UnknownKeys : std::uint8_t { allow, analytics, marketing, block };
enum class GpcMode : std::uint8_t { marketing, all, ignore };

struct SmartsuppConfig {
  std::string key;
  std::string cookie_prefix;
  Categories requires_categories = category::functional;  // what loading the chat needs
  Json options = Json::object();  // passed to _smartsupp as they are
  std::string script_url;  // the chat's loader, when not Smartsupp's own (self-hosted or proxied)
};

struct SmartlookConfig {
  std::string key;
  std::string region = "eu";
  Categories requires_categories = category::analytics;  // what loading the recorder needs
  std::string script_url;  // the recorder, when not Smartlook's own (self-hosted or proxied)
};

struct Config {
  static constexpr std::size_t kMaxBytes = 64 * 1024;
  static constexpr int kMaxDepth = 16;
  static constexpr int kMaxCookieDays = 395;  // 13 months, the CNIL's ceiling

  std::optional<SmartsuppConfig> smartsupp;
  std::optional<SmartlookConfig> smartlook;
  int revision = 1;
  std::string lang = "en";  // the language when neither <html lang> nor the browser gives a supported one
  int expiry_days = 182;
  int max_cookie_days = kMaxCookieDays;
  UnknownKeys unknown_keys = UnknownKeys::allow;
  GpcMode gpc = GpcMode::marketing;
  std::string log_endpoint;
  std::string policy_url;
  std::string theme = "auto";          // auto | light | dark
  std::string reopen_button = "bottom-left";  // bottom-left | bottom-right | none
  bool consent_mode = true;            // push Google Consent Mode v2 signals
  int wait_for_update_ms = 500;
  Json catalog = Json::array();  // validated owner entries, as given
  Json texts = Json::object();   // lang -> id -> text

  // The effective configuration with every default filled in, for the JS side.
  Json to_json() const;
};

struct ConfigResult {
  Config config;
  std::vector<Issue> issues;
  bool ok() const;  // no errors (warnings allowed)
};

ConfigResult parse_config(std::string_view json_text);

// The placeholder values a configuration fixes: CHAT_KEY (when a Smartsupp key is set) and
// COOKIE_PREFIX (Smartsupp's cookie name prefix, empty by default).
Bindings bindings_for(const Config& config);

}  // namespace smartcp
