#include "smartcp/catalog.hpp"

#include <gtest/gtest.h>

#include "smartcp/config.hpp"

namespace smartcp {
namespace {


// The catalog a config implies, with no problems expected.
Catalog built(std::string_view config_json = "{}") {
  const ConfigResult config = parse_config(config_json);
  for (const Issue& i : config.issues) ADD_FAILURE() << i.path << ": " << i.message;
  std::vector<Issue> issues;
  Catalog catalog = build_catalog(config.config, issues);
  for (const Issue& i : issues) ADD_FAILURE() << i.path << ": " << i.message;
  return catalog;
}
Catalog builtin() { return built(); }

Entry entry(std::string_view json_text, const Bindings& bindings = {}) {
  std::vector<Issue> issues;
  auto e = parse_entry(Json::parse(json_text), "catalog[0]", bindings, issues);
  for (const Issue& i : issues) ADD_FAILURE() << i.path << ": " << i.message;
  return *e;
}

TEST(Catalog, BuiltinVendorsComeFromTheTables) {
  Catalog catalog = builtin();
  ASSERT_EQ(catalog.vendors().size(), 3u);
  EXPECT_EQ(catalog.vendors()[0].id, "smartcp");
  EXPECT_EQ(catalog.vendors()[1].id, "smartsupp");
  EXPECT_EQ(catalog.vendors()[2].id, "smartlook");
  EXPECT_EQ(catalog.vendors()[1].processor.company_id, "036 68 681");
  for (const Entry& e : catalog.entries()) {
    EXPECT_TRUE(e.builtin);
    EXPECT_EQ(e.purpose_id, e.vendor + ":" + e.pattern.source()) << "each built-in entry has its purpose text by id";
    EXPECT_TRUE(e.purpose.empty());
  }
}

TEST(Catalog, BuiltFromAConfig) {
  const Config config = parse_config(R"({"vendors":{"smartsupp":{"key":"k","cookiePrefix":"p_"}},
      "catalog":[{"name":"_ga","kind":"cookie","category":"analytics"}]})").config;
  std::vector<Issue> issues;
  const Catalog c = build_catalog(config, issues);
  EXPECT_TRUE(issues.empty());
  EXPECT_EQ(c.entries().back().pattern.source(), "_ga");  // the owner's entries come after the vendors'
  EXPECT_EQ(c.classify("_ga", Kind::cookie).source, Source::site_catalog);
  EXPECT_FALSE(c.entries().back().builtin);
  EXPECT_NE(c.match("ssupp_k", Kind::local_storage), nullptr);
  EXPECT_EQ(c.match("ssupp_other", Kind::local_storage), nullptr);
  EXPECT_NE(c.match("p_ssupp.vid", Kind::cookie), nullptr);
  EXPECT_EQ(c.vendor_of(*c.match("p_ssupp.vid", Kind::cookie))->id, "smartsupp");
  EXPECT_EQ(c.vendor_of(c.entries().back()), nullptr);
}

TEST(Catalog, CoversTheSeedsKeys) {
  Catalog c = builtin();
  // Smartsupp's GDPR page: functional, analytics (while Smartlook records), marketing.
  struct Case { const char* name; Kind kind; Categories categories; };
  const Case cases[] = {
      {"ssupp.vid", Kind::cookie, category::functional},
      {"_ss.enableSounds", Kind::local_storage, category::functional},
      {"ssupp_KEY", Kind::local_storage, category::functional},
      {"ssupp_KEYmessage", Kind::local_storage, category::functional},
      {"ssupp_KEYopened", Kind::local_storage, category::functional},
      {"ssupp_KEYvid", Kind::local_storage, category::functional},
      {"SL_C_23361dd035530_KEY", Kind::cookie, category::functional | category::analytics},
      {"SL_C_23361dd035530_SID", Kind::cookie, category::functional | category::analytics},
      {"SL_C_23361dd035530_VID", Kind::cookie, category::functional | category::analytics},
      {"ssupp.visits", Kind::cookie, category::functional | category::marketing},
      {"ssupp_KEYvisits", Kind::local_storage, category::functional | category::marketing},
  };
  for (const Case& k : cases) {
    const Entry* e = c.match(k.name, k.kind);
    ASSERT_NE(e, nullptr) << k.name;
    EXPECT_EQ(e->categories, k.categories) << k.name;
  }
  // ssupp_<CHAT_KEY> is listed under marketing too: its marketing part is the `visits` field.
  const Entry* state = c.match("ssupp_KEY", Kind::local_storage);
  ASSERT_EQ(state->fields.size(), 1u);
  EXPECT_EQ(state->fields[0].field, "visits");
  EXPECT_EQ(state->fields[0].categories, category::marketing);
}

TEST(Catalog, CoversTodaysKeys) {
  Catalog c = builtin();
  for (const char* name : {"SL_L_23361dd035530_SID", "SL_L_23361dd035530_RECORDINGS_BEACON_DATA", "smartlook_queued_chunks",
                           "smartlook_ban_expire", "smartlook_ban_reason", "smartlook_debug", "smartlook_setup_retry_after",
                           "smartlook_picker"}) {
    const Entry* e = c.match(name, Kind::local_storage);
    ASSERT_NE(e, nullptr) << name;
    EXPECT_EQ(e->vendor, "smartlook");
    EXPECT_EQ(e->categories, category::functional | category::analytics) << name;
  }
  ASSERT_NE(c.match("SL_C_23361dd035530_DOMAIN", Kind::cookie), nullptr);
  const Entry* cards = c.match("ssupp_KEY_cards", Kind::local_storage);
  ASSERT_NE(cards, nullptr);
  EXPECT_EQ(cards->pattern.source(), "ssupp_<CHAT_KEY>_cards");
  const Entry* manual = c.match("w1_ssupp_KEY", Kind::local_storage);
  ASSERT_NE(manual, nullptr);
  EXPECT_EQ(manual->pattern.source(), "<WIDGET_ID>_ssupp_<CHAT_KEY>");
  ASSERT_NE(c.match("smartcp_consent", Kind::cookie), nullptr);
}

TEST(Catalog, MostSpecificPatternWins) {
  Catalog c = builtin();
  // ssupp_<CHAT_KEY> also matches "ssupp_KEYvisits" with CHAT_KEY = "KEYvisits"; the longer literal wins.
  EXPECT_EQ(c.match("ssupp_KEYvisits", Kind::local_storage)->pattern.source(), "ssupp_<CHAT_KEY>visits");
  EXPECT_EQ(c.match("ssupp_KEYmessage", Kind::local_storage)->pattern.source(), "ssupp_<CHAT_KEY>message");
  EXPECT_EQ(c.match("ssupp_KEY", Kind::local_storage)->pattern.source(), "ssupp_<CHAT_KEY>");
}

TEST(Catalog, TiesGoToFewerPlaceholdersThenToTheLaterEntry) {
  Catalog c;
  c.add_entry(entry(R"({"name": "ab<X>", "kind": "cookie", "category": "analytics"})"));
  c.add_entry(entry(R"({"name": "ab*", "kind": "cookie", "category": "marketing"})"));
  // Same literal length (2) and one variable each: the later entry wins.
  EXPECT_EQ(c.match("abc", Kind::cookie)->pattern.source(), "ab*");
  c.add_entry(entry(R"({"name": "a<X>c*", "kind": "cookie", "category": "analytics"})"));
  EXPECT_EQ(c.match("abc", Kind::cookie)->pattern.source(), "ab*");  // same literals, more variables: loses
  c.add_entry(entry(R"({"name": "abc", "kind": "cookie", "category": "analytics"})"));
  EXPECT_EQ(c.match("abc", Kind::cookie)->pattern.source(), "abc");
  c.add_entry(entry(R"({"name": "abc", "kind": "cookie", "category": "marketing"})"));
  EXPECT_EQ(c.match("abc", Kind::cookie)->categories, category::functional | category::marketing);  // the later one
}

TEST(Catalog, TheSitesEntriesComeBeforeTheVendorsThenTheDatabase) {
  // A broad entry of the site's wins over the vendors' more specific ones: the owner said so.
  Catalog c = built(R"({"vendors":{"smartsupp":{"key":"KEY"}},
      "catalog":[{"name":"ssupp*","kind":["cookie","localStorage"],"category":"marketing"},
                 {"name":"_ga","kind":"cookie","category":"functional","purpose":"ours"}]})");
  Match state = c.classify("ssupp_KEY", Kind::local_storage);
  EXPECT_EQ(state.source, Source::site_catalog);
  EXPECT_EQ(state.categories, category::functional | category::marketing);
  EXPECT_EQ(c.classify("_ga", Kind::cookie).categories, category::functional);  // over the database's analytics
  EXPECT_EQ(c.classify("_gid", Kind::cookie).source, Source::database);
  // Vendor entries, then vendor prefixes, then the database.
  Catalog plain = builtin();
  EXPECT_EQ(plain.classify("ssupp.vid", Kind::cookie).source, Source::vendor_catalog);
  EXPECT_EQ(plain.classify("smartlook_new", Kind::local_storage).source, Source::vendor_prefix);
  EXPECT_EQ(plain.classify("unknown_key", Kind::local_storage).source, Source::unknown);
}

TEST(Catalog, KindMustMatch) {
  Catalog c = builtin();
  EXPECT_EQ(c.match("ssupp.vid", Kind::local_storage), nullptr);
  EXPECT_EQ(c.match("ssupp_KEY", Kind::cookie), nullptr);
  Catalog multi;
  multi.add_entry(entry(R"({"name": "x", "kind": ["localStorage", "sessionStorage"], "category": "analytics"})"));
  EXPECT_NE(multi.match("x", Kind::local_storage), nullptr);
  EXPECT_NE(multi.match("x", Kind::session_storage), nullptr);
  EXPECT_EQ(multi.match("x", Kind::cookie), nullptr);
  EXPECT_EQ(multi.match("x", Kind::indexed_db), nullptr);
}

TEST(Catalog, WebStorageIsOneKindUnlessListedSeparately) {
  Catalog c;
  c.add_entry(entry(R"({"name": "a", "kind": "localStorage", "category": "analytics"})"));
  ASSERT_NE(c.match("a", Kind::session_storage), nullptr);  // covers sessionStorage too
  EXPECT_EQ(c.match("a", Kind::cookie), nullptr);
  c.add_entry(entry(R"({"name": "b", "kind": "sessionStorage", "category": "marketing"})"));
  EXPECT_NE(c.match("b", Kind::local_storage), nullptr);
  // Listed for both kinds separately: each entry decides its own.
  c.add_entry(entry(R"({"name": "a", "kind": "sessionStorage", "category": "marketing"})"));
  EXPECT_EQ(c.match("a", Kind::local_storage)->categories, category::functional | category::analytics);
  EXPECT_EQ(c.match("a", Kind::session_storage)->categories, category::functional | category::marketing);
  // Smartsupp's chat state needs its field rules in sessionStorage too.
  Catalog s = built(R"({"vendors":{"smartsupp":{"key":"KEY"}}})");
  const Entry* state = s.match("ssupp_KEY", Kind::session_storage);
  ASSERT_NE(state, nullptr);
  EXPECT_EQ(state->fields.size(), 1u);
  EXPECT_EQ(s.match("ssupp_KEYvisits", Kind::session_storage)->categories, category::functional | category::marketing);
}

TEST(Catalog, BoundChatKeyNarrowsTheMatch) {
  Catalog c = built(R"({"vendors":{"smartsupp":{"key":"abc"}}})");
  EXPECT_NE(c.match("ssupp_abc", Kind::local_storage), nullptr);
  EXPECT_EQ(c.match("ssupp_other", Kind::local_storage), nullptr);
  EXPECT_EQ(c.vendor_for("ssupp_other")->id, "smartsupp");  // still the vendor's by prefix
}

TEST(Catalog, CookiePrefixIsApplied) {
  Catalog c = built(R"({"vendors":{"smartsupp":{"key":"abc","cookiePrefix":"shop_"}}})");
  EXPECT_NE(c.match("shop_ssupp.vid", Kind::cookie), nullptr);
  EXPECT_EQ(c.match("ssupp.vid", Kind::cookie), nullptr);
}

TEST(Catalog, TheDatabaseKnowsTheCommonTrackers) {
  Catalog c = builtin();
  struct Case { const char* name; Kind kind; const char* platform; Categories categories; };
  const Case cases[] = {
      {"_ga", Kind::cookie, "Google Analytics", category::analytics},
      {"_ga_ABC123", Kind::cookie, "Google Analytics", category::analytics},  // the wildcard entry _ga_
      {"_gid", Kind::local_storage, "Google Analytics", category::analytics},
      {"_gcl_au", Kind::cookie, "Google", category::marketing},
      {"_fbp", Kind::cookie, "Facebook", category::marketing},
      {"_fbc", Kind::session_storage, "Facebook", category::marketing},
      {"_hjid", Kind::cookie, "Hotjar", category::analytics},
      {"_hjSessionUser_123", Kind::cookie, "Hotjar", category::analytics},  // the database says functional; the policy says what Hotjar is for
      {"_clck", Kind::cookie, "Microsoft Clarity", category::analytics},
      {"_uetsid", Kind::cookie, "Bing / Microsoft", category::marketing},
      {"_ttp", Kind::cookie, "TikTok", category::marketing},
      {"hubspotutk", Kind::cookie, "Hubspot", category::marketing},
      {"__hstc", Kind::cookie, "Hubspot", category::marketing},
      {"_pk_id.1.abcd", Kind::cookie, "Piwik", category::analytics},
      {"mp_12345_mixpanel", Kind::local_storage, "Mixpanel", category::analytics},
      {"ajs_anonymous_id", Kind::local_storage, "Segment", category::analytics},
  };
  const TrackerDatabase& db = TrackerDatabase::instance();
  for (const Case& k : cases) {
    const Match m = c.classify(k.name, k.kind);
    ASSERT_EQ(m.source, Source::database) << k.name;
    EXPECT_EQ(db.platform(m.tracker->platform), k.platform) << k.name;
    EXPECT_EQ(m.categories, k.categories | category::functional) << k.name;
  }
  EXPECT_EQ(c.classify("_ga", Kind::indexed_db).source, Source::unknown);  // the database knows cookies and Web Storage
  EXPECT_EQ(c.classify("_ga", Kind::cookie).retention_days, 730);
}

TEST(Catalog, GenericNamesApplyOnlyWhereTheSiteRunsThePlatform) {
  // Names a site uses for its own keys: Instagram's "sessionid" is Django's too, "_s" a prefix of many.
  Catalog plain = builtin();
  EXPECT_EQ(plain.classify("sessionid", Kind::cookie).source, Source::unknown);
  EXPECT_EQ(plain.classify("_shop_session", Kind::cookie).source, Source::unknown);
  EXPECT_EQ(plain.classify("token", Kind::local_storage).source, Source::unknown);
  Catalog runs = built(R"({"platforms":{"instagram":true}})");  // names are matched without regard to case
  EXPECT_EQ(runs.classify("sessionid", Kind::cookie).categories, category::functional | category::marketing);
}

TEST(Catalog, TheSiteOverridesOrSwitchesOffAPlatform) {
  Catalog c = built(R"({"platforms":{"Hotjar":"marketing","Google Analytics":false,"Facebook":{"category":"analytics"}}})");
  EXPECT_EQ(c.classify("_hjid", Kind::cookie).categories, category::functional | category::marketing);
  EXPECT_EQ(c.classify("_ga", Kind::cookie).source, Source::unknown);
  EXPECT_EQ(c.classify("_fbp", Kind::cookie).categories, category::functional | category::analytics);
  EXPECT_EQ(c.classify("_gcl_au", Kind::cookie).source, Source::database);  // Google's own entries stay
}

TEST(Catalog, VendorByLongestPrefix) {
  Catalog c = builtin();
  EXPECT_EQ(c.vendor_for("ssupp_new_key")->id, "smartsupp");
  EXPECT_EQ(c.vendor_for("_ss.volume")->id, "smartsupp");
  EXPECT_EQ(c.vendor_for("SL_C_123")->id, "smartlook");
  EXPECT_EQ(c.vendor_for("smartlook_x")->id, "smartlook");
  EXPECT_EQ(c.vendor_for("smartcp_x")->id, "smartcp");
  EXPECT_EQ(c.vendor_for("_ga"), nullptr);
  EXPECT_EQ(c.vendor("nope"), nullptr);
}

TEST(Catalog, EndpointsMatchByHostThenPath) {
  const TrackerDatabase& db = TrackerDatabase::instance();
  auto platform = [&](const char* url) {
    const TrackerHost* h = db.match_url(url);
    return h ? std::string(db.platform(h->platform)) : std::string("-");
  };
  EXPECT_EQ(platform("https://www.googletagmanager.com/gtag/js?id=G-ABC"), "Google Analytics");
  EXPECT_EQ(platform("https://www.googletagmanager.com/gtag/js?id=AW-123"), "Google Ads");
  EXPECT_EQ(platform("https://region1.google-analytics.com/g/collect?v=2"), "Google Analytics");
  EXPECT_EQ(platform("//connect.facebook.net/en_US/fbevents.js"), "Facebook");
  EXPECT_EQ(platform("https://WWW.FACEBOOK.COM/tr?id=1&ev=PageView"), "Facebook");
  EXPECT_EQ(platform("https://www.facebook.com/login"), "-");
  EXPECT_EQ(platform("https://www.google.com/recaptcha/api.js"), "-");
  EXPECT_EQ(platform("https://notgoogle-analytics.com/x"), "-");
  EXPECT_EQ(platform("https://user:pw@static.hotjar.com:443/c/hotjar-1.js"), "Hotjar");
  EXPECT_EQ(platform("wss://ws.hotjar.com/api/v2/client/ws"), "Hotjar");
  EXPECT_EQ(platform("/local/script.js"), "-");
  EXPECT_EQ(platform("javascript:alert(1)"), "-");
  EXPECT_TRUE(db.match_url("https://www.googletagmanager.com/gtag/js")->google_tag);
  EXPECT_EQ(db.match_url("https://connect.facebook.net/x.js")->signal, 1);
  EXPECT_GE(db.hosts().size(), 60u);
}

TEST(Catalog, CopiesKeepWorkingIndexes) {
  Catalog original = builtin();
  Catalog copy = original;
  Catalog moved = std::move(original);
  original = copy;  // assignment after a move
  for (const Catalog* c : {&copy, &moved, &original}) {
    const Entry* e = c->match("ssupp.vid", Kind::cookie);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(c->index_of(*e) < c->entries().size(), true);
  }
}

TEST(CatalogEntry, ReportsEveryProblemWithItsPath) {
  std::vector<Issue> issues;
  auto e = parse_entry(Json::parse(R"({"name": "a<", "kind": "disk", "category": "ads", "vendor": 5,
                                       "retentionDays": 0, "purpose": 3, "fields": [], "extra": 1})"),
                       "catalog[3]", {}, issues);
  EXPECT_FALSE(e.has_value());
  std::vector<std::string> paths;
  for (const Issue& i : issues) paths.push_back(i.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"catalog[3].name", "catalog[3].kind", "catalog[3].category", "catalog[3].vendor",
                                             "catalog[3].retentionDays", "catalog[3].purpose", "catalog[3].fields",
                                             "catalog[3].extra"}));
  EXPECT_EQ(issues.back().severity, Issue::Severity::warning);
}

TEST(CatalogEntry, AcceptsTheOwnersShapes) {
  Entry e = entry(R"({"name": "_ga_<ID>", "kind": "cookie", "categories": ["analytics", "marketing"], "vendor": "Google",
                      "retentionDays": 395, "purpose": "Measures visits", "fields": {"a": "marketing"}})");
  EXPECT_EQ(e.categories, category::all);
  EXPECT_EQ(e.vendor, "Google");
  EXPECT_EQ(e.retention_days, 395);
  EXPECT_EQ(e.purpose.at("en"), "Measures visits");
  ASSERT_EQ(e.fields.size(), 1u);
  std::vector<Issue> issues;
  EXPECT_FALSE(parse_entry(Json::parse("[]"), "catalog[0]", {}, issues));
  EXPECT_FALSE(parse_entry(Json::parse(R"({"name": "x", "kind": "cookie"})"), "c", {}, issues));
  EXPECT_EQ(issues.back().path, "c.category");
  EXPECT_FALSE(parse_entry(Json::parse(R"({"name": "x", "kind": [], "category": "analytics"})"), "c", {}, issues));
  EXPECT_FALSE(parse_entry(Json::parse(R"({"name": "x", "kind": "cookie", "category": [], "purpose": {"en": 1}})"), "c", {}, issues));
  EXPECT_FALSE(parse_entry(Json::parse(R"({"kind": ["cookie", 1], "category": ["analytics", 2]})"), "c", {}, issues));
  EXPECT_FALSE(parse_entry(Json::parse(R"({"name": "x", "category": "analytics", "purpose": ")" + std::string(2001, 'p') + R"("})"), "c", {}, issues));
}

}  // namespace
}  // namespace smartcp
