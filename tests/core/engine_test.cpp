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
  EXPECT_EQ(call(e.decide_write("x", "indexedDB", ""))["error"], "kind must be \"cookie\", \"localStorage\" or \"sessionStorage\"");
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

TEST(Engine, PlanCleanup) {
  Engine e;
  e.configure(R"({"vendors":{"smartsupp":{"key":"KEY","cookieDomain":".shop.cz","cookiePath":"/chat"}}})");
  Json plan = call(e.plan_cleanup(R"({"host":"www.shop.cz","path":"/","secure":false,
      "cookies":["ssupp.visits","own"],"localStorage":{"ssupp_KEY":"{\"visits\":1,\"vid\":2}","smartlook_debug":"1"},
      "sessionStorage":{}})"));
  EXPECT_TRUE(plan["ok"]);
  ASSERT_EQ(plan["cookies"].size(), 1u);
  EXPECT_EQ(plan["cookies"][0]["name"], "ssupp.visits");
  EXPECT_EQ(plan["cookies"][0]["category"], "marketing");
  EXPECT_EQ(plan["cookies"][0]["assignments"].size(), 6u);  // {host-only, www.shop.cz, shop.cz} x {/, /chat}
  ASSERT_EQ(plan["storage"].size(), 2u);
  EXPECT_EQ(plan["storage"][0]["key"], "ssupp_KEY");
  EXPECT_EQ(plan["storage"][0]["action"], "set");
  EXPECT_EQ(plan["storage"][0]["value"], R"({"vid":2})");
  EXPECT_EQ(plan["storage"][0]["category"], "marketing");
  EXPECT_EQ(plan["storage"][1]["action"], "delete");
  EXPECT_EQ(plan["storage"][1]["category"], "analytics");

  auto error = [&](const char* text) { return call(e.plan_cleanup(text))["error"].get<std::string>(); };
  EXPECT_EQ(error("[]"), "the inventory must be an object");
  EXPECT_EQ(error(R"({"host":1})"), "host must be a string");
  EXPECT_EQ(error(R"({"path":1})"), "path must be a string");
  EXPECT_EQ(error(R"({"secure":1})"), "secure must be true or false");
  EXPECT_EQ(error(R"({"cookies":"a"})"), "cookies must be a list of names");
  EXPECT_EQ(error(R"({"cookies":[1]})"), "cookies must be a list of names");
  EXPECT_EQ(error(R"({"localStorage":[]})"), "localStorage must be an object of strings");
  EXPECT_EQ(error(R"({"sessionStorage":{"a":1}})"), "sessionStorage must be an object of strings");
  EXPECT_EQ(error("{").rfind("the inventory is not valid JSON", 0), 0u);
}

TEST(Engine, CreateAndReadRecord) {
  Engine e;
  e.configure(R"({"revision":3,"expiryDays":100})");
  Json made = call(e.create_record(R"({"id":"abcdef12-3456","method":"custom","analytics":true,"marketing":false,
                                       "now":1763769600000,"lang":"cs","textHash":"00ff00ff","secure":true})"));
  ASSERT_TRUE(made["ok"]) << made;
  EXPECT_EQ(made["record"]["revision"], 3);
  EXPECT_EQ(made["record"]["categories"], Json::parse(R"({"functional":true,"analytics":true,"marketing":false})"));
  EXPECT_EQ(made["record"]["expires"], 1763769600000 + 100 * 86400000LL);
  const std::string value = made["value"];
  EXPECT_EQ(made["cookie"], "smartcp_consent=" + value + "; Max-Age=8640000; Path=/; SameSite=Lax; Secure");

  Json read = call(e.read_record(value, kNow + 1));
  EXPECT_EQ(read["status"], "valid");
  EXPECT_FALSE(read.contains("reason"));
  EXPECT_EQ(read["record"], made["record"]);
  EXPECT_EQ(call(e.read_record(value, kNow + 101 * 86400000.0))["status"], "expired");
  e.configure(R"({"revision":4})");
  EXPECT_EQ(call(e.read_record(value, kNow))["status"], "outdated");
  EXPECT_EQ(call(e.read_record("junk", kNow))["status"], "invalid");
  EXPECT_EQ(call(e.read_record("", kNow))["status"], "missing");
  EXPECT_EQ(call(e.read_record("x", -5))["ok"], false);
}

TEST(Engine, RecordMethods) {
  Engine e;
  auto cats = [&](const std::string& method, bool gpc, const char* config = "{}") {
    e.configure(config);
    Json r = call(e.create_record(R"({"id":"abcdefgh","method":")" + method + R"(","analytics":true,"marketing":true,"now":1763769600000,"gpc":)" +
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
  EXPECT_EQ(error(R"({"method":"api","id":"abcdefgh","analytics":"yes"})"), "analytics, marketing, gpc and secure must be true or false");
  EXPECT_EQ(error(R"({"method":"api","id":"abcdefgh"})"), "now must be a time in milliseconds since 1970");
  EXPECT_EQ(error(R"({"method":"api","id":"abcdefgh","now":"1"})"), "now must be a time in milliseconds since 1970");
  EXPECT_EQ(error(R"({"method":"api","id":"no","now":1763769600000})"), "id must be 8 to 64 letters, digits or '-'");
  EXPECT_EQ(error(R"({"method":"api","id":"abcdefgh","now":1763769600000,"lang":"de"})"), "lang must be pl, en or cs");
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
  e.configure(R"({"vendors":{"smartsupp":{"key":"KEY"}},"catalog":[{"name":"_ga","kind":"cookie","category":"analytics","purpose":{"pl":"Statystyki"}}]})");
  Json pl = call(e.catalog("pl"));
  const Json& first = pl["entries"][0];
  EXPECT_EQ(first["name"], "smartcp_consent");
  EXPECT_EQ(first["vendorLabel"], "SmartCP");
  bool saw_state = false;
  for (const Json& entry : pl["entries"]) {
    if (entry["name"] == "ssupp_KEY") {
      saw_state = true;
      EXPECT_EQ(entry["fields"]["visits"], Json::array({"marketing"}));
      EXPECT_EQ(entry["purpose"].get<std::string>().rfind("Stan czatu", 0), 0u);
      EXPECT_EQ(entry["retentionDays"], nullptr);
    }
  }
  EXPECT_TRUE(saw_state);
  const Json& ga = pl["entries"].back();
  EXPECT_EQ(ga["purpose"], "Statystyki");
  EXPECT_EQ(ga["vendor"], nullptr);
  EXPECT_FALSE(ga["builtin"]);
  EXPECT_EQ(call(e.catalog("cs"))["entries"].back()["purpose"], "Statystyki");  // falls back to what there is
  EXPECT_EQ(call(e.catalog("de"))["entries"][0]["purpose"], "Remembers your cookie choice and is the proof of that consent.");
  EXPECT_EQ(pl["vendors"]["smartsupp"]["processor"]["companyId"], "036 68 681");
  EXPECT_EQ(pl["vendors"]["smartcp"]["processor"], nullptr);
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
