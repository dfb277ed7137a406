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
  EXPECT_FALSE(redact_fields("{broken", kVisits, category::functional));           // not JSON
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

TEST(Redact, InvalidUtf8InOtherFieldsDoesNotThrow) {
  // The parser rejects invalid UTF-8, so such a value is "not JSON" and passes unchanged.
  EXPECT_FALSE(redact_fields("{\"visits\":1,\"x\":\"\xff\"}", kVisits, category::functional));
}

}  // namespace
}  // namespace smartcp
