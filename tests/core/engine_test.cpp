#include "smartcp/engine.hpp"

#include <gtest/gtest.h>

namespace smartcp {
namespace {


constexpr double kNow = 1'763'769'600'000;

Json call(const std::string& text) { return Json::parse(text); }

TEST(Engine, ConfigureReportsIssuesAndTheEffectiveConfig) {
  Engine e;
  Json r = call(e.configure(R"({"vendors":{"smartsupp":{"key":"KEY"}},"revision":"x","colour":1})"));
  EXPECT_FALSE(r["ok"]);
  ASSERT_EQ(r["issues"].size(), 2u);
  EXPECT_EQ(r["issues"][0]["path"], "revision");
  EXPECT_EQ(r["issues"][0]["severity"], "error");
  EXPECT_EQ(r["issues"][1]["path"], "colour");
  EXPECT_EQ(r["issues"][1]["severity"], "warning");
  EXPECT_EQ(r["config"]["revision"], 1);
  EXPECT_EQ(r["config"]["vendors"]["smartsupp"]["key"], "KEY");
  EXPECT_EQ(call(e.config()), r["config"]);
  EXPECT_TRUE(call(e.configure("{}"))["ok"]);
}

TEST(Engine, DecideHotPath) {
  Engine e;
  const std::uint32_t refused = e.decide("ssupp.visits", 0);
  EXPECT_EQ(refused & 3u, 2u);
  EXPECT_EQ((refused >> 12) & 7u, 4u);  // marketing
  EXPECT_EQ(e.decide("ssupp.vid", 0) & 3u, 0u);
  e.set_consent(false, true);
  EXPECT_EQ(e.decide("ssupp.visits", 0) & 3u, 0u);
  EXPECT_EQ(call(e.consent()), Json::parse(R"({"functional":true,"analytics":false,"marketing":true})"));
  const std::uint32_t invalid = e.decide("x", 7);
  EXPECT_EQ(invalid & 3u, 2u);
  EXPECT_EQ((invalid >> 8) & 15u, 5u);
  EXPECT_EQ(e.decide("x", -1) & 3u, 2u);
}

TEST(Engine, DecideWrite) {
  Engine e;
  e.configure(R"({"vendors":{"smartsupp":{"key":"KEY"}}})");
  Json r = call(e.decide_write("ssupp_KEY", "localStorage", R"({"vid":1,"visits":2})"));
  EXPECT_EQ(r["verdict"], "redact");
  EXPECT_EQ(r["value"], R"({"vid":1})");
  EXPECT_EQ(r["removed"], Json::array({"visits"}));
  EXPECT_EQ(r["category"], "marketing");
  EXPECT_EQ(r["vendor"], "smartsupp");
  EXPECT_EQ(r["pattern"], "ssupp_<CHAT_KEY>");
  EXPECT_EQ(call(e.decide_write("x", "disk", ""))["error"], "kind must be \"cookie\", \"localStorage\", \"sessionStorage\", \"indexedDB\" or \"cacheStorage\"");
  EXPECT_EQ(call(e.decide_write("analytics-db", "indexedDB", ""))["verdict"], "allow");  // an unknown name: the site's own
  Json owner = call(e.decide_write("cart", "localStorage", "1"));
  EXPECT_EQ(owner["vendor"], nullptr);
  EXPECT_EQ(owner["source"], "unknown");
  e.configure(R"({"catalog":[{"name":"_ga","kind":"cookie","category":"analytics","vendor":"Google"}]})");
  EXPECT_EQ(call(e.decide_write("_ga", "cookie", "1"))["vendor"], "Google");
}

TEST(Engine, DecideCookie) {
  Engine e;
  Json refused = call(e.decide_cookie("SL_C_23361dd035530_SID=abc; Path=/; Max-Age=99999999", kNow));
  EXPECT_EQ(refused["verdict"], "refuse");
  EXPECT_FALSE(refused.contains("cookie"));
  EXPECT_EQ(refused["category"], "analytics");

  Json deletion = call(e.decide_cookie("SL_C_23361dd035530_SID=; Max-Age=0; Path=/", kNow));
  EXPECT_EQ(deletion["verdict"], "allow");
  EXPECT_EQ(deletion["reason"], "deletion");
  EXPECT_EQ(deletion["cookie"], "SL_C_23361dd035530_SID=; Max-Age=0; Path=/");

  e.set_consent(true, true);
  Json capped = call(e.decide_cookie("SL_C_23361dd035530_SID=abc; Path=/; Max-Age=99999999", kNow));
  EXPECT_EQ(capped["verdict"], "allow");
  EXPECT_TRUE(capped["capped"]);
  EXPECT_EQ(capped["cookie"], "SL_C_23361dd035530_SID=abc; Max-Age=34128000; Path=/");  // 395 days

  Json seed = call(e.decide_cookie("ssupp.vid=v; expires=Fri, 01 Jan 2100 00:00:00 GMT", kNow));
  EXPECT_EQ(seed["cookie"], "ssupp.vid=v; Expires=Sat, 23 May 2026 00:00:00 GMT");  // the entry's 182 days

  Json untouched = call(e.decide_cookie("own=1;path=/", kNow));
  EXPECT_EQ(untouched["cookie"], "own=1;path=/");  // byte for byte when nothing changes
  EXPECT_FALSE(untouched["capped"]);

  e.set_consent(false, false);
  e.configure(R"({"catalog":[{"name":"state","kind":"cookie","category":"functional","fields":{"ad":"marketing"}}]})");
  Json redacted = call(e.decide_cookie(R"(state={"ad":1,"x":2}; Path=/)", kNow));
  EXPECT_EQ(redacted["verdict"], "redact");
  EXPECT_EQ(redacted["cookie"], R"(state={"x":2}; Path=/)");

  for (double bad : {-1.0, 1e300, std::nan("")}) {
    EXPECT_EQ(call(e.decide_cookie("a=1", bad))["error"], "now must be a time in milliseconds since 1970");
  }
}

TEST(Engine, CookieDeletions) {
  Engine e;
  e.configure(R"({"vendors":{"smartsupp":{"key":"KEY","cookieDomain":".shop.cz","cookiePath":"/chat"}}})");
  const std::string lines = e.cookie_deletions("ssupp.visits", R"({"host":"www.shop.cz","path":"/","secure":false,
      "remembered":[["", "/shop/"]]})");
  std::vector<std::string> a;
  for (std::size_t start = 0; start <= lines.size();) {
    const std::size_t end = std::min(lines.find('\n', start), lines.size());
    a.push_back(lines.substr(start, end - start));
    start = end + 1;
  }
  // {host-only, www.shop.cz, shop.cz} x {/, /chat}, and where it was seen written: /shop/ and /shop.
  EXPECT_EQ(a.size(), 8u) << lines;
  EXPECT_EQ(a[0], "ssupp.visits=; Max-Age=0; Path=/");
  EXPECT_NE(std::find(a.begin(), a.end(), "ssupp.visits=; Max-Age=0; Path=/chat; Domain=shop.cz"), a.end());
  EXPECT_NE(std::find(a.begin(), a.end(), "ssupp.visits=; Max-Age=0; Path=/shop/"), a.end());
  EXPECT_NE(std::find(a.begin(), a.end(), "ssupp.visits=; Max-Age=0; Path=/shop"), a.end());
  EXPECT_EQ(e.cookie_deletions("x", "junk"), "");
  // No host or path given: host-only and Smartsupp's cookieDomain, at the root and Smartsupp's cookiePath.
  EXPECT_EQ(e.cookie_deletions("x", "{}"),
            "x=; Max-Age=0; Path=/\nx=; Max-Age=0; Path=/chat\nx=; Max-Age=0; Path=/; Domain=shop.cz\nx=; Max-Age=0; Path=/chat; Domain=shop.cz");
}

TEST(Engine, TypedHotPath) {
  Engine e;
  e.configure(R"({"vendors":{"smartsupp":{"key":"KEY"}}})");
  std::string value, cookie, scope;
  const std::uint32_t redacted = e.decide_value("ssupp_KEY", 2, R"({"vid":1,"visits":2})", value);  // sessionStorage too
  EXPECT_EQ(redacted & 3u, 1u);
  EXPECT_EQ(value, R"({"vid":1})");
  EXPECT_EQ(e.decide_value("cart", 1, "1", value) & 3u, 0u);
  EXPECT_EQ(value, "");
  EXPECT_EQ(e.decide_value("x", 9, "1", value) & 3u, 2u);

  const std::uint32_t refused = e.decide_cookie("_ga=GA1.1.1; Path=/; Max-Age=99999999", kNow, cookie, scope);
  EXPECT_EQ(refused & 3u, 2u);
  EXPECT_EQ(cookie, "");
  e.set_consent(true, true);
  const std::uint32_t capped = e.decide_cookie("_ga=GA1.1.1; Path=/shop/; Max-Age=99999999", kNow, cookie, scope);
  EXPECT_EQ(capped & 3u, 0u);
  EXPECT_EQ(cookie, "_ga=GA1.1.1; Max-Age=34128000; Path=/shop/");  // the database's 2 years, capped at maxCookieDays
  EXPECT_EQ(scope, "\n/shop/");
  const std::uint32_t plain = e.decide_cookie("own=1; Domain=.shop.cz", kNow, cookie, scope);
  EXPECT_EQ(plain & 3u, 0u);
  EXPECT_EQ(cookie, "");  // assign it as written
  EXPECT_EQ(scope, ".shop.cz\n");
  EXPECT_EQ(e.decide_cookie("a=1", -1, cookie, scope) & 3u, 2u);
}

TEST(Engine, CreateAndReadRecord) {
  Engine e;
  e.configure(R"({"revision":3,"expiryDays":100})");
  Json made = call(e.create_record(R"({"id":"abcdef12-3456","site":"shop.cz","method":"custom","analytics":true,"marketing":false,
                                       "now":1763769600000,"lang":"cs","textHash":"00ff00ff","secure":true})"));
  ASSERT_TRUE(made["ok"]) << made;
  EXPECT_EQ(made["record"]["revision"], 3);
  EXPECT_EQ(made["record"]["categories"], Json::parse(R"({"functional":true,"analytics":true,"marketing":false})"));
  EXPECT_EQ(made["record"]["expires"], 1763769600000 + 100 * 86400000LL);
  const std::string value = made["value"];
  EXPECT_EQ(made["cookie"], "smartcp_consent=" + value + "; Max-Age=8640000; Path=/; SameSite=Lax; Secure");

  Json read = call(e.read_record(value, kNow + 1, "shop.cz"));
  EXPECT_EQ(read["status"], "valid");
  EXPECT_FALSE(read.contains("reason"));
  EXPECT_EQ(read["record"], made["record"]);
  EXPECT_EQ(call(e.read_record(value, kNow + 101 * 86400000.0, "shop.cz"))["status"], "expired");
  e.configure(R"({"revision":4})");
  EXPECT_EQ(call(e.read_record(value, kNow, "shop.cz"))["status"], "outdated");
  EXPECT_EQ(call(e.read_record("junk", kNow, "shop.cz"))["status"], "invalid");
  EXPECT_EQ(call(e.read_record("", kNow, "shop.cz"))["status"], "missing");
  EXPECT_EQ(call(e.read_record("x", -5, "shop.cz"))["ok"], false);
  e.configure(R"({"revision":3})");
  EXPECT_EQ(call(e.read_record(value, kNow, "other.cz"))["status"], "invalid");
}

TEST(Engine, RecordMethods) {
  Engine e;
  auto cats = [&](const std::string& method, bool gpc, const char* config = "{}") {
    e.configure(config);
    Json r = call(e.create_record(R"({"id":"abcdefgh","site":"shop.cz","method":")" + method + R"(","analytics":true,"marketing":true,"now":1763769600000,"gpc":)" +
                                  (gpc ? "true" : "false") + "}"));
    return r["ok"] ? r["record"]["categories"] : r;
  };
  const Json all = Json::parse(R"({"functional":true,"analytics":true,"marketing":true})");
  const Json none = Json::parse(R"({"functional":true,"analytics":false,"marketing":false})");
  const Json analytics_only = Json::parse(R"({"functional":true,"analytics":true,"marketing":false})");
  EXPECT_EQ(cats("accept-all", false), all);
  EXPECT_EQ(cats("reject-all", false), none);
  EXPECT_EQ(cats("custom", false), all);
  EXPECT_EQ(cats("api", false), all);
  // Under GPC a bulk accept leaves marketing refused; an explicit switch overrides it.
  EXPECT_EQ(cats("accept-all", true), analytics_only);
  EXPECT_EQ(cats("custom", true), all);
  EXPECT_EQ(cats("gpc", true), none);
  EXPECT_EQ(cats("gpc", true, R"({"gpc":"all"})"), none);
  EXPECT_EQ(cats("accept-all", true, R"({"gpc":"ignore"})"), all);
  EXPECT_EQ(cats("gpc", false)["error"], "method gpc needs the GPC signal and a config that honours it");
}

TEST(Engine, CreateRecordRejectsBadRequests) {
  Engine e;
  auto error = [&](const std::string& text) { return call(e.create_record(text))["error"].get<std::string>(); };
  EXPECT_EQ(error("[]"), "the request must be an object");
  EXPECT_EQ(error(R"({"method":"yes"})"), "method must be accept-all, reject-all, custom, gpc or api");
  EXPECT_EQ(error(R"({"method":"api"})"), "id must be a string");
  EXPECT_EQ(error(R"({"method":"api","id":"abcdefgh"})"), "site must be a string: the page's host name");
  EXPECT_EQ(error(R"({"method":"api","id":"abcdefgh","site":"s.cz","analytics":"yes"})"), "analytics, marketing, gpc and secure must be true or false");
  EXPECT_EQ(error(R"({"method":"api","id":"abcdefgh","site":"s.cz"})"), "now must be a time in milliseconds since 1970");
  EXPECT_EQ(error(R"({"method":"api","id":"abcdefgh","site":"s.cz","now":"1"})"), "now must be a time in milliseconds since 1970");
  EXPECT_EQ(error(R"({"method":"api","id":"no","site":"s.cz","now":1763769600000})"), "id must be 8 to 64 letters, digits or '-'");
  EXPECT_EQ(error(R"({"method":"api","id":"abcdefgh","site":"S C","now":1763769600000})"), "site must be the host name the choice was made on");
  EXPECT_EQ(error(R"({"method":"api","id":"abcdefgh","site":"s.cz","now":1763769600000,"lang":"de DE"})"), "lang must be a language tag such as pl or de");
  EXPECT_EQ(error("{").rfind("the request is not valid JSON", 0), 0u);
}

TEST(Engine, ConsentModeAndGpc) {
  Engine e;
  EXPECT_EQ(call(e.consent_mode())["analytics_storage"], "denied");
  e.set_consent(true, false);
  EXPECT_EQ(call(e.consent_mode())["analytics_storage"], "granted");
  Json g = call(e.gpc(true));
  EXPECT_TRUE(g["applies"]);
  EXPECT_EQ(g["refused"], Json::array({"marketing"}));
  EXPECT_FALSE(g["complete"]);
  EXPECT_EQ(g["signals"]["ad_storage"], "denied");
  EXPECT_FALSE(call(e.gpc(false))["applies"]);
}

TEST(Engine, CatalogForTheUi) {
  Engine e;
  e.configure(R"({"vendors":{"smartsupp":{"key":"KEY"}},"declare":["Hotjar"],
      "catalog":[{"name":"own_stats","kind":"cookie","category":"analytics","purpose":{"pl":"Statystyki"}}]})");
  Json pl = call(e.catalog("pl"));
  const Json first = pl["entries"][0];
  EXPECT_EQ(first["name"], "smartcp_consent");
  EXPECT_EQ(first["vendorLabel"], "SmartCP");
  EXPECT_EQ(first["purposeId"], "smartcp:smartcp_consent");
  EXPECT_EQ(first["retentionDays"], 182) << "the consent cookie lives expiryDays, the default 182";
  e.configure(R"({"expiryDays":30})");
  EXPECT_EQ(call(e.catalog("en"))["entries"][0]["retentionDays"], 30);
  e.configure(R"({"vendors":{"smartsupp":{"key":"KEY"}},"declare":["Hotjar"],
      "catalog":[{"name":"own_stats","kind":"cookie","category":"analytics","purpose":{"pl":"Statystyki"}}]})");
  pl = call(e.catalog("pl"));
  bool saw_state = false, saw_hotjar = false;
  const Json* own = nullptr;
  for (const Json& entry : pl["entries"]) {
    if (entry["name"] == "ssupp_KEY") {
      saw_state = true;
      EXPECT_EQ(entry["fields"]["visits"], Json::array({"marketing"}));
      EXPECT_EQ(entry["purposeId"], "smartsupp:ssupp_<CHAT_KEY>");
      EXPECT_EQ(entry["retentionDays"], nullptr);
      EXPECT_EQ(entry["kinds"], Json::array({"localStorage", "sessionStorage"}));
    }
    if (entry["name"] == "_hjid") {
      saw_hotjar = true;
      EXPECT_EQ(entry["platform"], "Hotjar");
      EXPECT_EQ(entry["source"], "database");
      EXPECT_EQ(entry["purposeId"], "Hotjar|analytics");
      EXPECT_EQ(entry["retentionDays"], 365);
    }
    if (entry["name"] == "own_stats") own = &entry;
  }
  EXPECT_TRUE(saw_state);
  EXPECT_TRUE(saw_hotjar);
  ASSERT_NE(own, nullptr);
  EXPECT_EQ((*own)["purpose"], "Statystyki");
  EXPECT_EQ((*own)["vendor"], nullptr);
  EXPECT_FALSE((*own)["builtin"]);
  EXPECT_EQ((*own)["source"], "site-catalog");
  EXPECT_EQ(pl["vendors"]["smartsupp"]["processor"]["companyId"], "036 68 681");
  EXPECT_EQ(pl["vendors"]["smartcp"]["processor"], nullptr);
}

TEST(Engine, DescribeAPackedDecision) {
  Engine e;
  Json ga = call(e.describe(e.decide("_ga", 0), "en"));
  EXPECT_EQ(ga["platform"], "Google Analytics");
  EXPECT_EQ(ga["source"], "database");
  EXPECT_EQ(ga["categories"], Json::array({"functional", "analytics"}));
  EXPECT_EQ(call(e.describe(e.decide("cart", 0), "en")), nullptr);
  EXPECT_EQ(call(e.describe(0xFFFF0000u | (4u << 5), "en")), nullptr);  // out of range: nothing
}

TEST(Engine, ClassifyUrl) {
  Engine e;
  Json gtag = call(e.classify_url("https://www.googletagmanager.com/gtag/js?id=G-1"));
  EXPECT_EQ(gtag["platform"], "Google Analytics");
  EXPECT_EQ(gtag["category"], "analytics");
  EXPECT_TRUE(gtag["held"]);
  EXPECT_TRUE(gtag["googleTag"]);
  EXPECT_EQ(call(e.classify_url("https://shop.example/app.js")), nullptr);
  e.configure(R"({"consentMode":"advanced"})");
  EXPECT_FALSE(call(e.classify_url("https://www.googletagmanager.com/gtag/js?id=G-1"))["held"]);
  EXPECT_TRUE(call(e.classify_url("https://connect.facebook.net/en_US/fbevents.js"))["held"]);
  e.configure(R"({"hosts":{"connect.facebook.net":false,"stats.shop.example/collect":"analytics"},"platforms":{"Hotjar":false}})");
  EXPECT_EQ(call(e.classify_url("https://connect.facebook.net/en_US/fbevents.js")), nullptr);
  EXPECT_EQ(call(e.classify_url("https://stats.shop.example/collect?x=1"))["category"], "analytics");
  EXPECT_EQ(call(e.classify_url("https://stats.shop.example/other")), nullptr);
  EXPECT_EQ(call(e.classify_url("https://static.hotjar.com/c/hotjar-1.js")), nullptr);
}

TEST(Engine, InvalidUtf8NeverThrows) {
  Engine e;
  const std::string lone_surrogate = "\xed\xa0\x80";  // what a JS lone surrogate becomes
  EXPECT_NO_THROW(call(e.decide_write(lone_surrogate, "cookie", lone_surrogate)));
  EXPECT_NO_THROW(call(e.decide_cookie(lone_surrogate + "=" + lone_surrogate, kNow)));
  EXPECT_NO_THROW(call(e.configure(lone_surrogate)));
}

}  // namespace
}  // namespace smartcp
