#include "smartcp/cleanup.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "site.hpp"

namespace smartcp {
namespace {

using testing::Site;

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

TEST(CleanupVariants, Domains) {
  EXPECT_EQ(cookie_domain_variants("shop.example.co.uk"),
            (std::vector<std::string>{"", "shop.example.co.uk", "example.co.uk", "co.uk"}));
  EXPECT_EQ(cookie_domain_variants("WWW.Shop.CZ"), (std::vector<std::string>{"", "www.shop.cz", "shop.cz"}));
  EXPECT_EQ(cookie_domain_variants("localhost"), std::vector<std::string>{""});
  EXPECT_EQ(cookie_domain_variants("127.0.0.1"), std::vector<std::string>{""});
  EXPECT_EQ(cookie_domain_variants("::1"), std::vector<std::string>{""});
  EXPECT_EQ(cookie_domain_variants(""), std::vector<std::string>{""});
}

TEST(CleanupVariants, Paths) {
  // Each directory with and without its trailing slash: Path=/shop/ is common, and only an exact match deletes.
  EXPECT_EQ(cookie_path_variants("/shop/cart/item"),
            (std::vector<std::string>{"/", "/shop", "/shop/", "/shop/cart", "/shop/cart/", "/shop/cart/item"}));
  EXPECT_EQ(cookie_path_variants("/"), std::vector<std::string>{"/"});
  EXPECT_EQ(cookie_path_variants("/a/"), (std::vector<std::string>{"/", "/a", "/a/"}));
  EXPECT_EQ(cookie_path_variants("relative"), std::vector<std::string>{"/"});
  EXPECT_EQ(cookie_path_variants(""), std::vector<std::string>{"/"});
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "/d";
  EXPECT_EQ(cookie_path_variants(deep).size(), 24u);  // bounded
}

TEST(Cleanup, DeletesRefusedCookiesOnEveryVariant) {
  Site s;
  Inventory inv;
  inv.scope.host = "www.shop.cz";
  inv.scope.path = "/cart";
  inv.scope.extra_domains = {".chat.shop.cz"};
  inv.scope.extra_paths = {"/chat"};
  inv.cookies = {"ssupp.vid", "ssupp.visits", "SL_C_23361dd035530_SID", "session", "", "smartcp_consent"};
  CleanupPlan plan = plan_cleanup(inv, s.decider);
  ASSERT_EQ(plan.cookies.size(), 2u);  // never the consent cookie, which pages may not write
  EXPECT_EQ(plan.cookies[0].name, "ssupp.visits");
  EXPECT_EQ(plan.cookies[1].name, "SL_C_23361dd035530_SID");
  const auto& a = plan.cookies[0].assignments;
  // 4 domains (host-only, www.shop.cz, shop.cz, chat.shop.cz) x 3 paths (/, /cart, /chat).
  EXPECT_EQ(a.size(), 12u);
  EXPECT_TRUE(contains(a, "ssupp.visits=; Max-Age=0; Path=/"));
  EXPECT_TRUE(contains(a, "ssupp.visits=; Max-Age=0; Path=/cart; Domain=shop.cz"));
  EXPECT_TRUE(contains(a, "ssupp.visits=; Max-Age=0; Path=/chat; Domain=chat.shop.cz"));
  EXPECT_TRUE(plan.storage.empty());
}

TEST(Cleanup, SecurePagesAlsoDeletePartitionedCopies) {
  Site s;
  Inventory inv;
  inv.scope.host = "shop.cz";
  inv.scope.secure = true;
  inv.cookies = {"ssupp.visits", "__Host-track", "__Secure-track"};
  s.config.unknown_keys = UnknownKeys::marketing;
  CleanupPlan plan = plan_cleanup(inv, s.decider);
  ASSERT_EQ(plan.cookies.size(), 3u);
  EXPECT_TRUE(contains(plan.cookies[0].assignments, "ssupp.visits=; Max-Age=0; Path=/; Domain=shop.cz; Secure; Partitioned"));
  EXPECT_EQ(plan.cookies[1].assignments,
            (std::vector<std::string>{"__Host-track=; Max-Age=0; Path=/; Secure", "__Host-track=; Max-Age=0; Path=/; Secure; Partitioned"}));
  EXPECT_TRUE(contains(plan.cookies[2].assignments, "__Secure-track=; Max-Age=0; Path=/; Domain=shop.cz; Secure"));
  EXPECT_TRUE(contains(plan.cookies[2].assignments, "__Secure-track=; Max-Age=0; Path=/; Domain=shop.cz; Secure; Partitioned"));
}

TEST(Cleanup, DeletesWhereTheGuardSawACookieWritten) {
  // Written on /shop/cart/item.html (default path /shop/cart) and with Path=/api, withdrawn on /privacy.html.
  CookieScope scope;
  scope.host = "shop.cz";
  scope.path = "/privacy.html";
  const auto a = cookie_deletions("_ga", scope, {{"", "/shop/cart"}, {".shop.cz", "/api/"}, {"x", "relative"}});
  EXPECT_TRUE(contains(a, "_ga=; Max-Age=0; Path=/shop/cart"));
  EXPECT_TRUE(contains(a, "_ga=; Max-Age=0; Path=/shop/cart/"));
  EXPECT_TRUE(contains(a, "_ga=; Max-Age=0; Path=/api/; Domain=shop.cz"));
  EXPECT_TRUE(contains(a, "_ga=; Max-Age=0; Path=/api; Domain=shop.cz"));
  EXPECT_TRUE(contains(a, "_ga=; Max-Age=0; Path=/privacy.html"));
  for (const std::string& assignment : a) EXPECT_EQ(assignment.find("relative"), std::string::npos);
  const std::size_t before = a.size();
  EXPECT_EQ(cookie_deletions("_ga", scope, {{"", "/shop/cart"}, {"", "/shop/cart"}}).size(), before - 2);  // no duplicates
}

TEST(Cleanup, StorageKeysAreDeletedOrRedacted) {
  Site s;
  Inventory inv;
  inv.local_storage = {{"ssupp_KEY", R"({"vid":"v","visits":4})"}, {"smartlook_queued_chunks", "[]"}, {"cart", "[1]"},
                       {"ssupp_KEYvisits", "4"}};
  inv.session_storage = {{"SL_L_23361dd035530_SID", "x"}};
  CleanupPlan plan = plan_cleanup(inv, s.decider);
  ASSERT_EQ(plan.storage.size(), 4u);
  EXPECT_EQ(plan.storage[0].key, "ssupp_KEY");
  EXPECT_EQ(plan.storage[0].decision.verdict, Verdict::redact);
  EXPECT_EQ(plan.storage[0].decision.redaction->value, R"({"vid":"v"})");
  EXPECT_EQ(plan.storage[1].key, "smartlook_queued_chunks");
  EXPECT_EQ(plan.storage[1].decision.verdict, Verdict::refuse);
  EXPECT_EQ(plan.storage[2].key, "ssupp_KEYvisits");
  EXPECT_EQ(plan.storage[3].kind, Kind::session_storage);

  s.decider.set_granted(category::all);
  EXPECT_TRUE(plan_cleanup(inv, s.decider).empty());  // nothing to do once everything is granted
}

}  // namespace
}  // namespace smartcp
