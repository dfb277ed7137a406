#include "smartcp/redact.hpp"

#include <gtest/gtest.h>

namespace smartcp {
namespace {

const std::vector<FieldRule> kVisits{{"visits", category::functional | category::marketing}};

TEST(Redact, RemovesRefusedFieldsAndKeepsTheRestInOrder) {
  auto r = redact_fields(R"({"vid":"v","visits":2,"sessionId":"s","nested":{"visits":1}})", kVisits, category::functional);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->value, R"({"vid":"v","sessionId":"s","nested":{"visits":1}})");  // only the top-level field
  EXPECT_EQ(r->removed, std::vector<std::string>{"visits"});
  EXPECT_FALSE(r->unverifiable);
}

TEST(Redact, NothingToDo) {
  EXPECT_FALSE(redact_fields(R"({"visits":2})", kVisits, category::all));          // granted
  EXPECT_FALSE(redact_fields(R"({"vid":"v"})", kVisits, category::functional));    // no such field
  EXPECT_FALSE(redact_fields("[1,2]", kVisits, category::functional));             // not an object
  EXPECT_FALSE(redact_fields("", kVisits, category::functional));
  EXPECT_FALSE(redact_fields("   ", kVisits, category::functional));
  EXPECT_FALSE(redact_fields(R"({"visits":2})", {}, category::functional));
}

TEST(Redact, LeadingWhiteSpaceIsStillAnObject) {
  auto r = redact_fields(" \n{\"visits\":1,\"a\":2}", kVisits, category::functional);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->value, R"({"a":2})");
}

TEST(Redact, SeveralRules) {
  const std::vector<FieldRule> rules{{"a", category::analytics}, {"m", category::marketing}};
  auto r = redact_fields(R"({"m":1,"a":2,"f":3})", rules, category::functional | category::analytics);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->value, R"({"a":2,"f":3})");
  auto both = redact_fields(R"({"m":1,"a":2,"f":3})", rules, category::functional);
  EXPECT_EQ(both->removed, (std::vector<std::string>{"a", "m"}));
}

TEST(Redact, UnverifiableObjectsAreFlagged) {
  std::string deep = "{\"x\":" + std::string(200, '[') + std::string(200, ']') + "}";
  auto r = redact_fields(deep, kVisits, category::functional);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->unverifiable);
  std::string huge = "{\"x\":\"" + std::string(Redaction::kMaxValueBytes, 'a') + "\"}";
  auto big = redact_fields(huge, kVisits, category::functional);
  ASSERT_TRUE(big);
  EXPECT_TRUE(big->unverifiable);
}

// What JavaScript reads and the core could not: never written whole.
TEST(Redact, ObjectsTheCoreCannotReadAreRefusedWhole) {
  auto refused = [](std::string_view value) {
    auto r = redact_fields(value, kVisits, category::functional);
    return r && r->unverifiable;
  };
  EXPECT_TRUE(refused("{broken"));
  EXPECT_TRUE(refused("{\"visits\":1,\"x\":\"\xff\"}"));            // invalid UTF-8
  EXPECT_TRUE(refused(R"({"visits":1,"big":1e400})"));                // JSON.parse reads Infinity
  EXPECT_TRUE(refused(R"({"visits":1} trailing)"));
  EXPECT_FALSE(redact_fields(R"({"visits":1,"big":1e400})", kVisits, category::all));  // granted: not looked at
}

TEST(Redact, LoneSurrogateEscapesAreReadAsJavaScriptReadsThem) {
  // JSON.stringify of a string cut in the middle of an emoji writes "\ud83d"; JSON.parse reads it back.
  auto r = redact_fields(R"({"message":"hi \ud83d","visits":3,"pair":"\ud83d\ude00","low":"\udc00"})", kVisits, category::functional);
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->unverifiable);
  EXPECT_EQ(r->removed, std::vector<std::string>{"visits"});
  EXPECT_EQ(r->value, "{\"message\":\"hi \xEF\xBF\xBD\",\"pair\":\"\xF0\x9F\x98\x80\",\"low\":\"\xEF\xBF\xBD\"}");
  // An escaped quote or backslash before such an escape does not confuse it.
  auto quoted = redact_fields(R"({"a":"\"\\\ud800","visits":1})", kVisits, category::functional);
  ASSERT_TRUE(quoted && !quoted->unverifiable);
  EXPECT_EQ(quoted->value, "{\"a\":\"\\\"\\\\\xEF\xBF\xBD\"}");
}

TEST(Redact, ByteOrderMarksBeforeTheObject) {
  auto r = redact_fields("\xEF\xBB\xBF {\"visits\":1,\"a\":2}", kVisits, category::functional);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->value, R"({"a":2})");
}

}  // namespace
}  // namespace smartcp
