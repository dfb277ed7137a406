#include "smartcp/consent_mode.hpp"

#include <gtest/gtest.h>

namespace smartcp {
namespace {

TEST(ConsentMode, DefaultDeniesEverythingOptional) {
  EXPECT_EQ(consent_mode_signals(category::functional).dump(),
            R"({"ad_storage":"denied","ad_user_data":"denied","ad_personalization":"denied",)"
            R"("analytics_storage":"denied","functionality_storage":"granted","personalization_storage":"granted",)"
            R"("security_storage":"granted"})");
}

TEST(ConsentMode, MapsEachCategory) {
  auto analytics = consent_mode_signals(category::functional | category::analytics);
  EXPECT_EQ(analytics["analytics_storage"], "granted");
  EXPECT_EQ(analytics["ad_storage"], "denied");
  auto marketing = consent_mode_signals(category::functional | category::marketing);
  EXPECT_EQ(marketing["analytics_storage"], "denied");
  for (const char* ad : {"ad_storage", "ad_user_data", "ad_personalization"}) EXPECT_EQ(marketing[ad], "granted");
  auto all = consent_mode_signals(category::all);
  for (const auto& [signal, value] : all.items()) EXPECT_EQ(value, "granted") << signal;
}

TEST(Gpc, PolicyPerMode) {
  GpcPolicy none = gpc_policy(GpcMode::marketing, false);
  EXPECT_FALSE(none.applies);
  EXPECT_EQ(none.refused, 0);
  GpcPolicy marketing = gpc_policy(GpcMode::marketing, true);
  EXPECT_TRUE(marketing.applies);
  EXPECT_EQ(marketing.refused, category::marketing);
  EXPECT_FALSE(marketing.complete);  // analytics is still the visitor's to answer
  GpcPolicy all = gpc_policy(GpcMode::all, true);
  EXPECT_EQ(all.refused, category::analytics | category::marketing);
  EXPECT_TRUE(all.complete);
  EXPECT_FALSE(gpc_policy(GpcMode::ignore, true).applies);
}

}  // namespace
}  // namespace smartcp
