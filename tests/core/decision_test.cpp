#include "smartcp/decision.hpp"

#include <gtest/gtest.h>

#include "site.hpp"

namespace smartcp {
namespace {

using testing::Site;

TEST(Decision, NothingOptionalBeforeConsent) {
  Site s;
  EXPECT_EQ(s.decider.decide("ssupp.vid", Kind::cookie).verdict, Verdict::allow);
  EXPECT_EQ(s.decider.decide("ssupp_KEY", Kind::local_storage).verdict, Verdict::allow);
  Decision visits = s.decider.decide("ssupp.visits", Kind::cookie);
  EXPECT_EQ(visits.verdict, Verdict::refuse);
  EXPECT_EQ(visits.reason, Reason::not_granted);
  EXPECT_EQ(visits.refused, category::marketing);
  EXPECT_EQ(visits.source, Source::vendor_catalog);
  EXPECT_EQ(visits.vendor->id, "smartsupp");
  Decision sid = s.decider.decide("SL_C_23361dd035530_SID", Kind::cookie);
  EXPECT_EQ(sid.verdict, Verdict::refuse);
  EXPECT_EQ(sid.refused, category::analytics);
}

TEST(Decision, GrantedCategoriesAllow) {
  Site s;
  s.decider.set_granted(category::analytics);
  EXPECT_EQ(s.decider.decide("SL_L_23361dd035530_SID", Kind::local_storage).verdict, Verdict::allow);
  EXPECT_EQ(s.decider.decide("ssupp_KEYvisits", Kind::local_storage).verdict, Verdict::refuse);
  s.decider.set_granted(category::analytics | category::marketing);
  EXPECT_EQ(s.decider.decide("ssupp_KEYvisits", Kind::local_storage).verdict, Verdict::allow);
  EXPECT_EQ(s.decider.granted(), category::all);
}

TEST(Decision, KeysInSeveralCategoriesNeedAll) {
  Site s(R"({"catalog": [{"name": "both", "kind": "cookie", "categories": ["analytics", "marketing"]}]})");
  s.decider.set_granted(category::analytics);
  Decision d = s.decider.decide("both", Kind::cookie);
  EXPECT_EQ(d.verdict, Verdict::refuse);
  EXPECT_EQ(d.refused, category::marketing);
  s.decider.set_granted(category::marketing);
  EXPECT_EQ(s.decider.decide("both", Kind::cookie).refused, category::analytics);
  s.decider.set_granted(category::all);
  EXPECT_EQ(s.decider.decide("both", Kind::cookie).verdict, Verdict::allow);
}

TEST(Decision, VendorPrefixGivesTheDefaultCategory) {
  Site s;
  Decision sl = s.decider.decide("SL_L_23361dd035530_NEWTHING", Kind::local_storage);
  EXPECT_EQ(sl.source, Source::vendor_prefix);
  EXPECT_EQ(sl.verdict, Verdict::refuse);
  EXPECT_EQ(sl.refused, category::analytics);
  Decision ss = s.decider.decide("ssupp_unlisted", Kind::session_storage);
  EXPECT_EQ(ss.source, Source::vendor_prefix);
  EXPECT_EQ(ss.verdict, Verdict::allow);
}

TEST(Decision, UnknownKeysFollowTheConfig) {
  EXPECT_EQ(Site().decider.decide("cart", Kind::local_storage).verdict, Verdict::allow);
  EXPECT_EQ(Site().decider.decide("cart", Kind::local_storage).source, Source::unknown);
  Site blocked(R"({"unknownKeys": "block"})");
  blocked.decider.set_granted(category::all);
  EXPECT_EQ(blocked.decider.decide("cart", Kind::local_storage).reason, Reason::unknown_blocked);
  EXPECT_EQ(blocked.decider.decide("ssupp.vid", Kind::cookie).verdict, Verdict::allow);  // listed keys are not unknown
  Site analytics(R"({"unknownKeys": "analytics"})");
  EXPECT_EQ(analytics.decider.decide("cart", Kind::cookie).refused, category::analytics);
  Site marketing(R"({"unknownKeys": "marketing"})");
  EXPECT_EQ(marketing.decider.decide("cart", Kind::cookie).refused, category::marketing);
}

TEST(Decision, RedactsTheMarketingFieldOfTheChatState) {
  Site s;
  Decision d = s.decider.decide("ssupp_KEY", Kind::local_storage, R"({"vid":"v1","visits":3,"opened":true})");
  EXPECT_EQ(d.verdict, Verdict::redact);
  EXPECT_EQ(d.reason, Reason::fields_removed);
  ASSERT_TRUE(d.redaction);
  EXPECT_EQ(d.redaction->value, R"({"vid":"v1","opened":true})");
  EXPECT_EQ(d.redaction->removed, std::vector<std::string>{"visits"});
  EXPECT_EQ(d.refused, category::marketing);

  s.decider.set_granted(category::marketing);
  EXPECT_EQ(s.decider.decide("ssupp_KEY", Kind::local_storage, R"({"visits":3})").verdict, Verdict::allow);
}

TEST(Decision, ValuesWithoutRefusedFieldsPassUnchanged) {
  Site s;
  EXPECT_EQ(s.decider.decide("ssupp_KEY", Kind::local_storage, R"({"vid":"v1"})").verdict, Verdict::allow);
  EXPECT_EQ(s.decider.decide("ssupp_KEY", Kind::local_storage, "not json").verdict, Verdict::allow);
  EXPECT_EQ(s.decider.decide("ssupp.visits", Kind::cookie, "3").verdict, Verdict::refuse);
  EXPECT_EQ(s.decider.decide("cart", Kind::local_storage, "{}").verdict, Verdict::allow);
}

TEST(Decision, UncheckableObjectsAreRefused) {
  Site s;
  std::string deep = "{\"a\":" + std::string(100, '[') + std::string(100, ']') + "}";
  Decision d = s.decider.decide("ssupp_KEY", Kind::local_storage, deep);
  EXPECT_EQ(d.verdict, Verdict::refuse);
  EXPECT_EQ(d.refused, category::marketing);
}

TEST(Decision, PackedFormRoundTrips) {
  Site s;
  const Decision d = s.decider.decide("ssupp.visits", Kind::cookie);
  const std::uint32_t packed = pack(d, s.catalog);
  EXPECT_EQ(packed & 3u, static_cast<unsigned>(Verdict::refuse));
  EXPECT_EQ((packed >> 2) & 7u, static_cast<unsigned>(category::functional | category::marketing));
  EXPECT_EQ((packed >> 5) & 7u, static_cast<unsigned>(Source::vendor_catalog));
  EXPECT_EQ((packed >> 8) & 15u, static_cast<unsigned>(Reason::not_granted));
  EXPECT_EQ((packed >> 12) & 7u, static_cast<unsigned>(category::marketing));
  EXPECT_EQ(&s.catalog.entries()[(packed >> 16) - 1], d.entry);
  EXPECT_EQ((packed >> 15) & 1u, 0u);
  EXPECT_EQ(pack(s.decider.decide("cart", Kind::cookie), s.catalog) >> 16, 0u);
  // Bit 15: the entry has field rules (the value must be looked at).
  EXPECT_EQ((pack(s.decider.decide("ssupp_KEY", Kind::local_storage), s.catalog) >> 15) & 1u, 1u);
  // A database entry: its index into the tracker database.
  const Decision ga = s.decider.decide("_ga", Kind::cookie);
  const std::uint32_t packed_ga = pack(ga, s.catalog);
  EXPECT_EQ((packed_ga >> 5) & 7u, static_cast<unsigned>(Source::database));
  EXPECT_EQ(&TrackerDatabase::instance().entry((packed_ga >> 16) - 1), ga.tracker);
}

TEST(Decision, OnlyTheWidgetWritesTheConsentCookie) {
  Site s;
  s.decider.set_granted(category::all);
  const Decision d = s.decider.decide("smartcp_consent", Kind::cookie);
  EXPECT_EQ(d.verdict, Verdict::refuse);
  EXPECT_EQ(d.reason, Reason::reserved);
  EXPECT_EQ(d.refused, 0);  // no category is missing: it is the widget's own
  EXPECT_EQ(s.decider.decide("smartcp_consent", Kind::local_storage).verdict, Verdict::allow);
}

TEST(Decision, TrackersAreRefusedWithNoConfiguration) {
  Site s("{}");
  for (const char* name : {"_ga", "_ga_ABC123", "_gid", "_gcl_au", "_fbp", "_fbc", "_hjid", "_clck", "_uetsid", "_ttp", "hubspotutk",
                           "__hstc", "_scid", "_rdt_uuid", "_pk_id.1.abcd", "mp_1234_mixpanel"}) {
    for (Kind kind : {Kind::cookie, Kind::local_storage, Kind::session_storage}) {
      const Decision d = s.decider.decide(name, kind);
      EXPECT_EQ(d.verdict, Verdict::refuse) << name;
      EXPECT_EQ(d.source, Source::database) << name;
    }
  }
  s.decider.set_granted(category::all);
  EXPECT_EQ(s.decider.decide("_ga", Kind::cookie).verdict, Verdict::allow);
}

TEST(Decision, NamesOfEnums) {
  EXPECT_EQ(to_string(Verdict::allow), "allow");
  EXPECT_EQ(to_string(Verdict::redact), "redact");
  EXPECT_EQ(to_string(Verdict::refuse), "refuse");
  EXPECT_EQ(to_string(Source::unknown), "unknown");
  EXPECT_EQ(to_string(Source::site_catalog), "site-catalog");
  EXPECT_EQ(to_string(Source::vendor_catalog), "vendor-catalog");
  EXPECT_EQ(to_string(Source::vendor_prefix), "vendor-prefix");
  EXPECT_EQ(to_string(Source::database), "database");
  EXPECT_EQ(to_string(Reason::granted), "granted");
  EXPECT_EQ(to_string(Reason::not_granted), "not-granted");
  EXPECT_EQ(to_string(Reason::deletion), "deletion");
  EXPECT_EQ(to_string(Reason::unknown_blocked), "unknown-blocked");
  EXPECT_EQ(to_string(Reason::fields_removed), "fields-removed");
  EXPECT_EQ(to_string(Reason::invalid_input), "invalid-input");
  EXPECT_EQ(to_string(Reason::reserved), "reserved");
  EXPECT_EQ(to_string(Kind::cookie), "cookie");
  EXPECT_EQ(to_string(Kind::local_storage), "localStorage");
  EXPECT_EQ(to_string(Kind::session_storage), "sessionStorage");
  EXPECT_EQ(parse_kind("indexedDB"), Kind::indexed_db);
  EXPECT_EQ(parse_kind("cacheStorage"), Kind::cache_storage);
  EXPECT_EQ(to_string(Kind::indexed_db), "indexedDB");
  EXPECT_EQ(to_string(Kind::cache_storage), "cacheStorage");
  EXPECT_FALSE(parse_kind("IndexedDB"));
  EXPECT_EQ(first_category_name(category::functional), "functional");
  EXPECT_EQ(first_category_name(category::all), "analytics");
  EXPECT_EQ(first_category_name(category::marketing), "marketing");
}

}  // namespace
}  // namespace smartcp
