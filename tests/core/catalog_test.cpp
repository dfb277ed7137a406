#include "smartcp/catalog.hpp"

#include <gtest/gtest.h>

#include "smartcp/config.hpp"

namespace smartcp {
namespace {


Catalog builtin(const Bindings& bindings = {{"COOKIE_PREFIX", ""}}) {
  Catalog catalog;
  std::vector<Issue> issues;
  for (const auto& c : builtin_catalogs()) {
    EXPECT_TRUE(parse_vendor_catalog(Json::parse(c.json), std::string(c.name), bindings, catalog, issues)) << c.name;
  }
  for (const Issue& i : issues) ADD_FAILURE() << i.path << ": " << i.message;
  return catalog;
}

Entry entry(std::string_view json_text, const Bindings& bindings = {}) {
  std::vector<Issue> issues;
  auto e = parse_entry(Json::parse(json_text), "catalog[0]", bindings, issues);
  for (const Issue& i : issues) ADD_FAILURE() << i.path << ": " << i.message;
  return *e;
}

TEST(Catalog, BuiltinCatalogsParseWithoutProblems) {
  Catalog catalog = builtin();
  ASSERT_EQ(catalog.vendors().size(), 3u);
  EXPECT_EQ(catalog.vendors()[0].id, "smartcp");
  EXPECT_EQ(catalog.vendors()[1].id, "smartsupp");
  EXPECT_EQ(catalog.vendors()[2].id, "smartlook");
  for (const Entry& e : catalog.entries()) {
    for (const char* lang : {"pl", "en", "cs"}) {
      EXPECT_FALSE(e.purpose.count(lang) == 0) << e.pattern.source() << " has no " << lang << " purpose";
    }
  }
}

TEST(Catalog, BuiltFromAConfig) {
  const Config config = parse_config(R"({"vendors":{"smartsupp":{"key":"k","cookiePrefix":"p_"}},
      "catalog":[{"name":"_ga","kind":"cookie","category":"analytics"}]})").config;
  std::vector<Issue> issues;
  const Catalog c = build_catalog(config, issues);
  EXPECT_TRUE(issues.empty());
  EXPECT_EQ(c.entries().back().pattern.source(), "_ga");  // the owner's entries come last, so they win ties
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
  EXPECT_EQ(c.match("abc", Kind::cookie)->categories, category::functional | category::marketing);  // the owner's override
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
}

TEST(Catalog, BoundChatKeyNarrowsTheMatch) {
  Catalog c = builtin({{"COOKIE_PREFIX", ""}, {"CHAT_KEY", "abc"}});
  EXPECT_NE(c.match("ssupp_abc", Kind::local_storage), nullptr);
  EXPECT_EQ(c.match("ssupp_other", Kind::local_storage), nullptr);
  EXPECT_EQ(c.vendor_for("ssupp_other")->id, "smartsupp");  // still the vendor's by prefix
}

TEST(Catalog, CookiePrefixIsApplied) {
  Catalog c = builtin({{"COOKIE_PREFIX", "shop_"}});
  EXPECT_NE(c.match("shop_ssupp.vid", Kind::cookie), nullptr);
  EXPECT_EQ(c.match("ssupp.vid", Kind::cookie), nullptr);
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

TEST(VendorCatalog, RejectsMalformedFiles) {
  Catalog c;
  std::vector<Issue> issues;
  EXPECT_FALSE(parse_vendor_catalog(Json::parse("[]"), "v", {}, c, issues));
  EXPECT_FALSE(parse_vendor_catalog(Json::parse(R"({"vendor": "", "label": "L", "entries": []})"), "v", {}, c, issues));
  EXPECT_FALSE(parse_vendor_catalog(Json::parse(R"({"vendor": "x", "label": "L", "defaultCategories": "bad"})"), "v", {}, c, issues));
  EXPECT_EQ(issues.back().path, "v.entries");
}

}  // namespace
}  // namespace smartcp
