#include "settings.hpp"

#include <gtest/gtest.h>

#include <map>

namespace smartcp::log {
namespace {

std::map<std::string, std::string> vars;
const char* lookup(const char* name) {
  auto it = vars.find(name);
  return it == vars.end() ? nullptr : it->second.c_str();
}

TEST(Settings, DefaultsAreSafe) {
  vars = {};
  std::vector<std::string> warnings;
  Settings s = read_settings(lookup, warnings);
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(s.db, "data/consent-log.sqlite");
  EXPECT_EQ(s.host, "127.0.0.1");
  EXPECT_EQ(s.port, 8787);
  EXPECT_TRUE(s.token.empty());
  EXPECT_EQ(s.retention_days, 1095);
  EXPECT_TRUE(s.trusted_proxies.empty());
}

TEST(Settings, TrustedProxiesAreAddressesOrNetworks) {
  vars = {{"SMARTCP_LOG_TRUSTED_PROXIES", "127.0.0.1, 0:0:0:0:0:0:0:1,proxy.internal,,10.0.0.0/8,10.0.0.0/40"}};
  std::vector<std::string> warnings;
  Settings s = read_settings(lookup, warnings);
  ASSERT_EQ(s.trusted_proxies.size(), 3u);
  EXPECT_EQ(to_string(s.trusted_proxies[1].base), "::1");
  EXPECT_EQ(s.trusted_proxies[2].prefix, 8);
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_NE(warnings[0].find("\"proxy.internal\" is not an IP address"), std::string::npos);
  EXPECT_NE(warnings[1].find("10.0.0.0/40"), std::string::npos);
}

TEST(Settings, ABadValueIsNamedAndItsDefaultKept) {
  vars = {{"PORT", "80a"}, {"SMARTCP_LOG_RATE", "-5"}, {"SMARTCP_LOG_RETENTION_DAYS", "0"}, {"SMARTCP_LOG_TOKEN", "short"},
          {"SMARTCP_LOG_ORIGINS", "https://shop.example, shop.example,https://b.example/path"}};
  std::vector<std::string> warnings;
  Settings s = read_settings(lookup, warnings);
  EXPECT_EQ(s.port, 8787);
  EXPECT_EQ(s.rate_per_minute, 60);
  EXPECT_EQ(s.retention_days, 1095);
  EXPECT_TRUE(s.token.empty());
  EXPECT_EQ(s.origins, std::vector<std::string>{"https://shop.example"});
  ASSERT_EQ(warnings.size(), 6u);
  EXPECT_NE(warnings[0].find("SMARTCP_LOG_TOKEN"), std::string::npos);
  EXPECT_NE(warnings[1].find("PORT"), std::string::npos);
}

}  // namespace
}  // namespace smartcp::log
