#include "log_entry.hpp"

#include <gtest/gtest.h>

#include "entry_fixture.hpp"

namespace smartcp::log {
namespace {

using testing::kNow;
using testing::widget_entry;

std::string error_of(const Json& body) {
  ParsedEntry p = parse_log_entry(body.dump(), kNow);
  EXPECT_FALSE(p.entry) << body.dump();
  return p.error;
}

TEST(LogEntry, ReadsWhatTheWidgetSends) {
  ParsedEntry p = parse_log_entry(widget_entry().dump(), kNow);
  ASSERT_TRUE(p.entry) << p.error;
  const ConsentRecord& r = p.entry->record;
  EXPECT_EQ(r.id, "f3b0c442-98fc-4c1e-9b3a");
  EXPECT_EQ(r.site, "shop.example");
  EXPECT_EQ(r.revision, 3);
  EXPECT_EQ(r.categories, category::functional | category::analytics);
  EXPECT_EQ(r.method, Method::custom);
  EXPECT_EQ(p.entry->url, "https://shop.example/cart");
  // Given back as it was sent.
  EXPECT_EQ(to_json(*p.entry), widget_entry());
}

TEST(LogEntry, NamesTheFieldThatIsWrong) {
  EXPECT_EQ(error_of(Json::array()), "the body is not a JSON object");
  EXPECT_EQ(parse_log_entry("{\"id\":", kNow).error, "the body is not JSON");
  Json e = widget_entry();
  e.erase("lang");
  EXPECT_EQ(error_of(e), "missing field \"lang\"");
  e = widget_entry();
  e["ip"] = "203.0.113.9";
  EXPECT_EQ(error_of(e), "unexpected field \"ip\"");
  e = widget_entry();
  e["revision"] = "3";
  EXPECT_NE(error_of(e).find("\"revision\""), std::string::npos);
  e = widget_entry();
  e["categories"]["functional"] = false;
  EXPECT_EQ(error_of(e), "functional must be granted");
  e = widget_entry();
  e["categories"].erase("marketing");
  EXPECT_NE(error_of(e).find("\"categories\""), std::string::npos);
  e = widget_entry();
  e["method"] = "clicked";
  EXPECT_NE(error_of(e).find("accept-all"), std::string::npos);
  e = widget_entry();
  e["id"] = "short";
  EXPECT_NE(error_of(e).find("id must be"), std::string::npos);
  e = widget_entry();
  e["textHash"] = "NOT-HEX!";
  EXPECT_NE(error_of(e).find("textHash"), std::string::npos);
  e = widget_entry();
  e["gpc"] = 0;
  EXPECT_NE(error_of(e).find("\"gpc\""), std::string::npos);
}

TEST(LogEntry, RefusesTimesOutsideWhatAChoiceCanHave) {
  Json e = widget_entry();
  e["timestamp"] = kNow + 2 * 24 * 3600 * 1000LL;
  EXPECT_EQ(error_of(e), "timestamp is more than a day in the future");
  e["timestamp"] = 1000;
  EXPECT_EQ(error_of(e), "timestamp is before 2020");
  e["timestamp"] = 1e300;
  EXPECT_NE(error_of(e).find("\"timestamp\""), std::string::npos);
  e["timestamp"] = 1794999000000.5;
  EXPECT_NE(error_of(e).find("\"timestamp\""), std::string::npos);
}

TEST(LogEntry, TakesOnlyAPagesOriginAndPath) {
  for (const char* bad : {"javascript:alert(1)", "https://shop.example", "https://shop.example/cart?email=a@b.c", "https://shop.example/#x",
                          "https://user:pw@shop.example/", "ftp://shop.example/", "https://shop.example:99999/", "https://[::1/",
                          "https://shop.example/a b", ""}) {
    Json e = widget_entry();
    e["url"] = bad;
    EXPECT_NE(error_of(e).find("\"url\""), std::string::npos) << bad;
  }
  for (const char* good : {"http://localhost:8080/", "https://[::1]:8443/privacy.html", "https://SHOP.example/x"}) {
    Json e = widget_entry();
    e["url"] = good;
    ParsedEntry p = parse_log_entry(e.dump(), kNow);
    EXPECT_TRUE(p.entry) << good << ": " << p.error;
  }
  Json e = widget_entry();
  e["url"] = "https://shop.example/" + std::string(3000, 'a');
  EXPECT_NE(error_of(e).find("\"url\""), std::string::npos);
}

TEST(LogEntry, NeverThrowsOnWhatAClientSends) {
  for (std::string body : {std::string("\xff\xfe{}"), std::string("{\"id\":\"\\udc00\"}"), std::string(9000, '['), std::string("1e400"),
                           std::string("{\"id\":\"abcdefgh\",\"id\":\"abcdefgh\"}"), std::string("\0", 1)}) {
    EXPECT_NO_THROW(parse_log_entry(body, kNow));
    EXPECT_FALSE(parse_log_entry(body, kNow).entry);
  }
  EXPECT_EQ(parse_log_entry(std::string(9000, ' '), kNow).error, "the entry is over 8 KiB");
}

TEST(LogEntry, IdsAreTheWidgets) {
  EXPECT_TRUE(is_valid_id("abcdefgh"));
  EXPECT_TRUE(is_valid_id(std::string(64, 'a')));
  EXPECT_FALSE(is_valid_id(std::string(65, 'a')));
  EXPECT_FALSE(is_valid_id("abc_defgh"));
  EXPECT_FALSE(is_valid_id("abcdefg"));
  EXPECT_FALSE(is_valid_id("../../etc/passwd"));
}

}  // namespace
}  // namespace smartcp::log
