#include "smartcp/config.hpp"
#include "smartcp/tracker_database.hpp"

#include <gtest/gtest.h>

namespace smartcp {
namespace {

std::vector<std::string> paths(const ConfigResult& r) {
  std::vector<std::string> out;
  for (const Issue& i : r.issues) out.push_back(i.path);
  return out;
}

const Issue* issue_at(const ConfigResult& r, std::string_view path) {
  for (const Issue& i : r.issues) {
    if (i.path == path) return &i;
  }
  return nullptr;
}

TEST(Config, EmptyInputGivesDefaultsSilently) {
  for (const char* text : {"", "  \n", "{}"}) {
    ConfigResult r = parse_config(text);
    EXPECT_TRUE(r.ok());
    EXPECT_TRUE(r.issues.empty()) << text;
    EXPECT_EQ(r.config.revision, 1);
    EXPECT_EQ(r.config.expiry_days, 182);
    EXPECT_EQ(r.config.max_cookie_days, 395);
    EXPECT_EQ(r.config.lang, "en");
    EXPECT_EQ(r.config.unknown_keys, UnknownKeys::allow);
    EXPECT_EQ(r.config.gpc, GpcMode::marketing);
    EXPECT_FALSE(r.config.smartsupp.has_value());
  }
}

TEST(Config, TheDesignExample) {
  ConfigResult r = parse_config(R"({"vendors":{"smartsupp":{"key":"CHAT_KEY"},"smartlook":{"key":"PROJECT_KEY"}}})");
  EXPECT_TRUE(r.issues.empty());
  ASSERT_TRUE(r.config.smartsupp);
  EXPECT_EQ(r.config.smartsupp->key, "CHAT_KEY");
  EXPECT_EQ(r.config.smartsupp->requires_categories, category::functional);
  ASSERT_TRUE(r.config.smartlook);
  EXPECT_EQ(r.config.smartlook->key, "PROJECT_KEY");
  EXPECT_EQ(r.config.smartlook->region, "eu");
  EXPECT_EQ(r.config.smartlook->requires_categories, category::functional | category::analytics);
}

TEST(Config, EveryFieldParses) {
  ConfigResult r = parse_config(R"({
    "vendors": {"smartsupp": {"key": "k", "cookieDomain": ".shop.cz", "cookiePath": "/", "cookiePrefix": "s_",
                              "category": "marketing", "gaKey": "UA-1", "hideWidget": true, "scriptUrl": "/vendor/chat.js"},
                "smartlook": {"key": "p", "region": "us", "category": ["analytics", "marketing"],
                              "scriptUrl": "https://cdn.shop.cz/recorder.js"}},
    "revision": 7, "lang": "pl", "expiryDays": 30, "maxCookieDays": 200, "unknownKeys": "block", "gpc": "all",
    "logEndpoint": "https://log.example.com/consent", "policyUrl": "/privacy", "theme": "dark",
    "layout": "bar", "reopenButton": "bottom-right", "consentMode": false, "waitForUpdate": 800,
    "catalog": [{"name": "_ga", "kind": "cookie", "category": "analytics"}],
    "texts": {"pl": {"title": "Ciasteczka"}}})");
  EXPECT_TRUE(r.issues.empty()) << r.issues[0].path << ": " << r.issues[0].message;
  const Config& c = r.config;
  EXPECT_EQ(c.smartsupp->cookie_prefix, "s_");
  EXPECT_EQ(c.smartsupp->requires_categories, category::functional | category::marketing);
  EXPECT_EQ(c.smartsupp->options["gaKey"], "UA-1");
  EXPECT_EQ(c.smartsupp->options["cookieDomain"], ".shop.cz");
  EXPECT_EQ(c.smartsupp->script_url, "/vendor/chat.js");
  EXPECT_FALSE(c.smartsupp->options.contains("scriptUrl")) << "SmartCP's own field is not passed to _smartsupp";
  EXPECT_EQ(c.smartlook->region, "us");
  EXPECT_EQ(c.smartlook->script_url, "https://cdn.shop.cz/recorder.js");
  EXPECT_EQ(c.to_json()["vendors"]["smartlook"]["scriptUrl"], "https://cdn.shop.cz/recorder.js");
  EXPECT_EQ(c.smartlook->requires_categories, category::all);
  EXPECT_EQ(c.revision, 7);
  EXPECT_EQ(c.lang, "pl");
  EXPECT_EQ(c.expiry_days, 30);
  EXPECT_EQ(c.max_cookie_days, 200);
  EXPECT_EQ(c.unknown_keys, UnknownKeys::block);
  EXPECT_EQ(c.gpc, GpcMode::all);
  EXPECT_EQ(c.log_endpoint, "https://log.example.com/consent");
  EXPECT_EQ(c.policy_url, "/privacy");
  EXPECT_EQ(c.theme, "dark");
  EXPECT_EQ(c.layout, "bar");
  EXPECT_EQ(c.reopen_button, "bottom-right");
  EXPECT_EQ(c.consent_mode, ConsentModeKind::off);
  EXPECT_EQ(c.wait_for_update_ms, 800);
  EXPECT_EQ(c.catalog.size(), 1u);
  EXPECT_EQ(c.texts["pl"]["title"], "Ciasteczka");

  auto j = c.to_json();
  EXPECT_EQ(j["vendors"]["smartsupp"]["key"], "k");
  EXPECT_EQ(j["vendors"]["smartsupp"]["hideWidget"], true);
  EXPECT_EQ(j["unknownKeys"], "block");
  EXPECT_EQ(j["gpc"], "all");
}

TEST(Config, InvalidValuesFallBackAndNameTheField) {
  ConfigResult r = parse_config(R"j({"revision": -1, "lang": "german", "expiryDays": 400, "maxCookieDays": "x",
    "unknownKeys": "maybe", "gpc": 3, "logEndpoint": "javascript:alert(1)", "policyUrl": "//evil.example",
    "theme": "pink", "layout": "corner", "reopenButton": "top", "consentMode": "yes", "waitForUpdate": 1.5})j");
  EXPECT_FALSE(r.ok());
  // In the order the owner wrote them.
  EXPECT_EQ(paths(r), (std::vector<std::string>{"revision", "lang", "expiryDays", "maxCookieDays", "unknownKeys", "gpc",
                                                "logEndpoint", "policyUrl", "theme", "layout", "reopenButton", "consentMode",
                                                "waitForUpdate"}));
  const Config defaults;
  EXPECT_EQ(r.config.revision, defaults.revision);
  EXPECT_EQ(r.config.lang, "en");
  EXPECT_EQ(r.config.expiry_days, 182);
  EXPECT_EQ(r.config.gpc, GpcMode::marketing);
  EXPECT_TRUE(r.config.log_endpoint.empty());
  EXPECT_EQ(r.config.theme, "auto");
  EXPECT_EQ(r.config.layout, "box");
  EXPECT_EQ(issue_at(r, "layout")->message, "must be one of \"box\", \"bar\", \"modal\"; using the default \"box\"");
  EXPECT_EQ(issue_at(r, "expiryDays")->message, "must be a whole number from 1 to 395; using the default 182");
  EXPECT_EQ(issue_at(r, "lang")->message, "must be a language tag such as \"pl\" or \"de\" (the 24 official EU languages are built in; add others through texts); using the default \"en\"");
  EXPECT_EQ(parse_config(R"({"lang": "de-AT"})").config.lang, "de-AT") << "any language tag; its texts come from `texts`";
}

TEST(Config, BannerPositionKeepsClearOfTheChatUnlessTheOwnerChose) {
  EXPECT_EQ(parse_config("{}").config.to_json()["position"], "bottom-right");
  EXPECT_EQ(parse_config(R"({"vendors": {"smartsupp": {"key": "k"}}})").config.to_json()["position"], "bottom-left")
      << "the chat's bubble sits bottom-right";
  EXPECT_EQ(parse_config(R"({"position": "top", "vendors": {"smartsupp": {"key": "k"}}})").config.to_json()["position"], "top");
  EXPECT_EQ(parse_config(R"({"position": "top-left", "layout": "bar"})").config.banner_position(), "top-left");
  ConfigResult r = parse_config(R"({"position": "middle", "vendors": {"smartsupp": {"key": "k"}}})");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(issue_at(r, "position")->message,
            "must be one of \"auto\", \"bottom-right\", \"bottom-left\", \"top-right\", \"top-left\", \"bottom\", \"top\"; "
            "using the default \"auto\"");
  EXPECT_EQ(r.config.to_json()["position"], "bottom-left");
  EXPECT_EQ(Config{}.to_json()["position"], "bottom-right") << "an engine never configured";
}

TEST(Config, TrackerDatabaseSettings) {
  ConfigResult r = parse_config(R"({"platforms": {"hotjar": "marketing", "WordPress": true, "Google Analytics": false,
      "Facebook": {"category": ["analytics", "marketing"], "generic": true}, "Nope": true, "Matomo": 3,
      "Piwik": {"category": "ads"}, "Mixpanel": {"colour": 1}},
      "declare": ["Google Analytics", "google analytics", "Unknown", 4],
      "hosts": {"stats.example.com": "analytics", "ads.example.net/pixel": "marketing", "cdn.example.org": false,
                "Bad Host": "analytics", "x.example": "ads"},
      "consentMode": "advanced", "debug": true})");
  const Config& c = r.config;
  const TrackerDatabase& db = TrackerDatabase::instance();
  ASSERT_EQ(c.platforms.size(), 5u);
  EXPECT_EQ(db.platform(c.platforms[0].platform), "Hotjar");  // the database's spelling
  EXPECT_EQ(c.platforms[0].categories, category::functional | category::marketing);
  EXPECT_TRUE(c.platforms[1].generic);
  EXPECT_TRUE(c.platforms[2].off);
  EXPECT_EQ(c.platforms[3].categories, category::all);
  EXPECT_TRUE(c.platforms[3].generic);
  EXPECT_EQ(db.platform(c.platforms[4].platform), "Mixpanel");  // an unknown field inside is only a warning
  EXPECT_EQ(issue_at(r, "platforms.Nope")->severity, Issue::Severity::warning);
  EXPECT_EQ(issue_at(r, "platforms.Matomo")->severity, Issue::Severity::error);
  EXPECT_NE(issue_at(r, "platforms.Piwik.category"), nullptr);
  EXPECT_EQ(issue_at(r, "platforms.Mixpanel.colour")->severity, Issue::Severity::warning);
  ASSERT_EQ(c.declared.size(), 1u);  // named twice, declared once
  EXPECT_EQ(db.platform(c.declared[0]), "Google Analytics");
  EXPECT_NE(issue_at(r, "declare[2]"), nullptr);
  EXPECT_NE(issue_at(r, "declare[3]"), nullptr);
  ASSERT_EQ(c.hosts.size(), 3u);
  EXPECT_EQ(c.hosts[1].match, "ads.example.net/pixel");
  EXPECT_EQ(c.hosts[1].categories, category::functional | category::marketing);
  EXPECT_TRUE(c.hosts[2].allow);
  EXPECT_NE(issue_at(r, "hosts.Bad Host"), nullptr);
  EXPECT_NE(issue_at(r, "hosts.x.example"), nullptr);
  EXPECT_EQ(c.consent_mode, ConsentModeKind::advanced);
  EXPECT_TRUE(c.debug);

  const Json j = c.to_json();
  EXPECT_EQ(j["platforms"]["Hotjar"], Json::parse(R"({"category":"marketing","generic":false})"));
  EXPECT_EQ(j["platforms"]["Google Analytics"], false);
  EXPECT_EQ(j["platforms"]["WordPress"], Json::parse(R"({"category":null,"generic":true})"));
  EXPECT_EQ(j["declare"], Json::array({"Google Analytics"}));
  EXPECT_EQ(j["hosts"]["cdn.example.org"], false);
  EXPECT_EQ(j["consentMode"], "advanced");
  EXPECT_EQ(parse_config(R"({"consentMode": true})").config.consent_mode, ConsentModeKind::basic);
  EXPECT_EQ(Config().to_json()["consentMode"], "basic");
  EXPECT_NE(issue_at(parse_config(R"({"platforms": []})"), "platforms"), nullptr);
  EXPECT_NE(issue_at(parse_config(R"({"declare": {}})"), "declare"), nullptr);
  EXPECT_NE(issue_at(parse_config(R"({"hosts": ["a.b"]})"), "hosts"), nullptr);
}

TEST(Config, VendorProblems) {
  ConfigResult r = parse_config(R"({"vendors": {"smartsupp": {"key": "has space"}, "smartlook": {"region": "eu"},
                                                "hotjar": {"key": "x"}}})");
  EXPECT_FALSE(r.config.smartsupp);
  EXPECT_FALSE(r.config.smartlook);
  EXPECT_NE(issue_at(r, "vendors.smartsupp.key"), nullptr);
  EXPECT_EQ(issue_at(r, "vendors.smartlook.key")->message, "is missing; the vendor is not loaded");
  EXPECT_EQ(issue_at(r, "vendors.hotjar")->severity, Issue::Severity::warning);

  ConfigResult more = parse_config(R"({"vendors": {"smartsupp": {"key": "k", "cookiePrefix": "a b", "cookieDomain": 1,
                                                   "category": "ads"}, "smartlook": {"key": "p", "region": "asia", "x": 1}}})");
  EXPECT_FALSE(more.config.smartsupp);  // its category is invalid: not loaded rather than loaded wrongly
  ASSERT_TRUE(more.config.smartlook);
  EXPECT_EQ(more.config.smartlook->region, "eu");
  EXPECT_NE(issue_at(more, "vendors.smartsupp.category"), nullptr);
  EXPECT_NE(issue_at(more, "vendors.smartlook.region"), nullptr);
  EXPECT_EQ(issue_at(more, "vendors.smartlook.x")->severity, Issue::Severity::warning);

  ConfigResult fields = parse_config(R"({"vendors": {"smartsupp": {"key": "k", "cookiePrefix": "a b", "cookieDomain": 1}}})");
  ASSERT_TRUE(fields.config.smartsupp);
  EXPECT_TRUE(fields.config.smartsupp->cookie_prefix.empty());
  EXPECT_FALSE(fields.config.smartsupp->options.contains("cookieDomain"));
  EXPECT_NE(issue_at(fields, "vendors.smartsupp.cookiePrefix"), nullptr);
  EXPECT_NE(issue_at(fields, "vendors.smartsupp.cookieDomain"), nullptr);

  ConfigResult scripts = parse_config(R"j({"vendors": {"smartsupp": {"key": "k", "scriptUrl": "javascript:alert(1)"},
                                                       "smartlook": {"key": "p", "scriptUrl": "//evil.example/r.js"}}})j");
  ASSERT_TRUE(scripts.config.smartsupp && scripts.config.smartlook);  // loaded from the vendor's own address
  EXPECT_TRUE(scripts.config.smartsupp->script_url.empty());
  EXPECT_FALSE(scripts.config.smartsupp->options.contains("scriptUrl"));
  EXPECT_TRUE(scripts.config.smartlook->script_url.empty());
  EXPECT_EQ(issue_at(scripts, "vendors.smartsupp.scriptUrl")->message, "must be an http(s) URL or a path starting with '/'; ignored");
  EXPECT_NE(issue_at(scripts, "vendors.smartlook.scriptUrl"), nullptr);

  EXPECT_NE(issue_at(parse_config(R"({"vendors": []})"), "vendors"), nullptr);
  EXPECT_NE(issue_at(parse_config(R"({"vendors": {"smartsupp": "k"}})"), "vendors.smartsupp"), nullptr);
  ConfigResult off = parse_config(R"({"vendors": {"smartsupp": null, "smartlook": false}})");
  EXPECT_TRUE(off.issues.empty());
  EXPECT_FALSE(off.config.smartsupp);
}

TEST(Config, UnknownFieldsAreWarnings) {
  ConfigResult r = parse_config(R"({"revison": 2, "colour": "red"})");
  EXPECT_TRUE(r.ok());
  ASSERT_EQ(r.issues.size(), 2u);
  EXPECT_EQ(r.issues[0].severity, Issue::Severity::warning);
  EXPECT_EQ(r.issues[0].message, "is not a known field and is ignored");
  EXPECT_EQ(r.config.revision, 1);
}

TEST(Config, BrokenDocumentsFallBackToDefaults) {
  ConfigResult syntax = parse_config(R"({"revision": 2,})");
  ASSERT_EQ(syntax.issues.size(), 1u);
  EXPECT_EQ(syntax.issues[0].path, "");
  EXPECT_NE(syntax.issues[0].message.find("is not valid JSON: parse error at line 1, column 16: syntax error while parsing object key"), std::string::npos)
      << syntax.issues[0].message;
  EXPECT_EQ(syntax.config.revision, 1);

  ConfigResult array = parse_config("[1]");
  EXPECT_EQ(array.issues[0].message, "must be a JSON object, not an array");

  ConfigResult big = parse_config("{\"x\": \"" + std::string(70000, 'a') + "\"}");
  EXPECT_NE(big.issues[0].message.find("more than the limit of 65536"), std::string::npos);

  ConfigResult deep = parse_config(std::string(100, '[') + std::string(100, ']'));
  EXPECT_NE(deep.issues[0].message.find("nested more than 16 levels"), std::string::npos);
  ConfigResult ok_depth = parse_config(R"({"texts": {"en": {"title": "t"}}})");
  EXPECT_TRUE(ok_depth.issues.empty());
}

TEST(Config, ExpiryNeverOutlivesTheCookieCap) {
  ConfigResult r = parse_config(R"({"expiryDays": 300, "maxCookieDays": 100})");
  EXPECT_EQ(r.config.expiry_days, 100);
  EXPECT_EQ(r.issues[0].path, "expiryDays");
  EXPECT_EQ(r.issues[0].severity, Issue::Severity::warning);
}

TEST(Config, GpcAcceptsBooleans) {
  EXPECT_EQ(parse_config(R"({"gpc": true})").config.gpc, GpcMode::marketing);
  EXPECT_EQ(parse_config(R"({"gpc": false})").config.gpc, GpcMode::ignore);
  EXPECT_EQ(parse_config(R"({"gpc": "ignore"})").config.gpc, GpcMode::ignore);
  EXPECT_EQ(parse_config(R"({"reopenButton": false})").config.reopen_button, "none");
  EXPECT_EQ(parse_config(R"({"unknownKeys": "analytics"})").config.unknown_keys, UnknownKeys::analytics);
  EXPECT_EQ(parse_config(R"({"unknownKeys": "marketing"})").config.unknown_keys, UnknownKeys::marketing);
  EXPECT_EQ(parse_config(R"({"logEndpoint": null})").issues.size(), 0u);
  EXPECT_EQ(parse_config(R"({"policyUrl": "http://example.com/p"})").config.policy_url, "http://example.com/p");
  EXPECT_FALSE(parse_config(R"({"policyUrl": "/a b"})").ok());
}

TEST(Config, CatalogEntriesAreValidatedOneByOne) {
  ConfigResult r = parse_config(R"({"vendors": {"smartsupp": {"key": "k"}}, "catalog": [
      {"name": "_ga", "kind": "cookie", "category": "analytics"},
      {"name": "_fbp", "kind": "cookie"},
      {"name": "ssupp_<CHAT_KEY>x", "kind": "localStorage", "category": "marketing"}]})");
  EXPECT_EQ(r.config.catalog.size(), 2u);  // the broken one is dropped, the others kept
  EXPECT_EQ(paths(r), std::vector<std::string>{"catalog[1].category"});
  EXPECT_NE(issue_at(parse_config(R"({"catalog": {}})"), "catalog"), nullptr);
  std::string many = "[";
  for (int i = 0; i < 1001; ++i) many += std::string(i ? "," : "") + "{}";
  EXPECT_NE(issue_at(parse_config("{\"catalog\": " + many + "]}"), "catalog"), nullptr);
}

TEST(Config, TextsKeepValidOnes) {
  ConfigResult r = parse_config(R"({"texts": {"en": {"title": "T", "description": 5}, "de": {"title": "X"}, "cs": "x", "not a tag": {}}})");
  EXPECT_EQ(r.config.texts["en"]["title"], "T");
  EXPECT_FALSE(r.config.texts["en"].contains("description"));
  EXPECT_NE(issue_at(r, "texts.en.description"), nullptr);
  EXPECT_EQ(r.config.texts["de"]["title"], "X") << "a language of the site's own";
  EXPECT_EQ(issue_at(r, "texts.de"), nullptr);
  EXPECT_EQ(issue_at(r, "texts.not a tag")->severity, Issue::Severity::warning);
  EXPECT_NE(issue_at(r, "texts.cs"), nullptr);
  EXPECT_NE(issue_at(parse_config(R"({"texts": []})"), "texts"), nullptr);
  EXPECT_NE(issue_at(parse_config("{\"texts\": {\"en\": {\"t\": \"" + std::string(2001, 'x') + "\"}}}"), "texts.en.t"), nullptr);
}

TEST(Config, Bindings) {
  Bindings none = bindings_for(Config{});
  EXPECT_EQ(none.at("COOKIE_PREFIX"), "");
  EXPECT_EQ(none.count("CHAT_KEY"), 0u);
  Bindings set = bindings_for(parse_config(R"({"vendors": {"smartsupp": {"key": "k", "cookiePrefix": "p_"}}})").config);
  EXPECT_EQ(set.at("CHAT_KEY"), "k");
  EXPECT_EQ(set.at("COOKIE_PREFIX"), "p_");
}

}  // namespace
}  // namespace smartcp
