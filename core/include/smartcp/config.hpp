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
// Google Consent Mode: off (no signals), basic (Google's tags wait for consent like any tracker's),
// advanced (they load at once with the default signals).
enum class ConsentModeKind : std::uint8_t { off, basic, advanced };

// The site owner's word on a platform of the tracker database.
struct PlatformSetting {
  std::uint16_t platform = 0;
  bool off = false;       // its entries and endpoints are not applied
  bool generic = false;   // the site runs it: its generic entries apply too
  Categories categories = 0;  // what all of its keys and endpoints need instead of the database's; 0: no change
};

// A tracker endpoint of the site owner's: a host (with its subdomains), optionally with a path prefix.
struct HostRule {
  std::string match;
  Categories categories = category::functional;
  bool allow = false;  // never held, whatever the built-in list says
};

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
  std::string layout = "box";          // the banner: box (a corner card) | bar (full width) | modal (centred, page dimmed)
  // Where the banner sits: bottom-right | bottom-left | top-right | top-left | bottom | top (a box centred
  // on that edge; a bar takes the edge), or auto (the default; see banner_position).
  std::string position = "auto";
  std::string reopen_button = "bottom-left";  // bottom-left | bottom-right | none
  ConsentModeKind consent_mode = ConsentModeKind::basic;  // Google Consent Mode v2 signals
  int wait_for_update_ms = 500;
  bool debug = false;            // explain decisions in the console
  Json catalog = Json::array();  // validated owner entries, as given
  Json texts = Json::object();   // lang -> id -> text
  std::vector<PlatformSetting> platforms;
  std::vector<std::uint16_t> declared;  // platforms listed in the cookie declaration
  std::vector<HostRule> hosts;

  static constexpr std::size_t kMaxHosts = 200;

  // The banner's position with "auto" resolved: bottom-left beside a configured Smartsupp chat, whose
  // bubble sits bottom-right, so that the banner never covers it; else bottom-right.
  std::string banner_position() const;

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
