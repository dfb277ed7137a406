// The wasm build's JSON writer (core/src/json_writer.cpp) writes what nlohmann's dump writes: the same
// escapes, the same U+FFFD for each broken UTF-8 sequence, the same layout of numbers. Natively it takes
// the shortest digits of a number with a fraction from std::to_chars (the wasm build from the JS engine);
// where nlohmann's Grisu2 writes more digits, the text may be shorter but reads back as the same value.
#include "json_writer.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>

namespace smartcp::detail {
namespace {

std::string nlohmann_dump(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::string written(const Json& json) {
  std::string out;
  write_json(out, json);
  return out;
}

void expect_same(const Json& json) { EXPECT_EQ(written(json), nlohmann_dump(json)) << nlohmann_dump(json); }

// The same text, or, where a number's digits differ, the same values and no longer.
::testing::AssertionResult same_values(const Json& json) {
  const std::string ours = written(json);
  const std::string theirs = nlohmann_dump(json);
  if (ours == theirs) return ::testing::AssertionSuccess();
  if (ours.size() <= theirs.size() && Json::parse(ours) == Json::parse(theirs)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << ours << " against nlohmann's " << theirs;
}

TEST(JsonWriter, WritesEveryTypeAsNlohmannDoes) {
  expect_same(nullptr);
  expect_same(true);
  expect_same(false);
  expect_same(0);
  expect_same(-1);
  expect_same(std::numeric_limits<std::int64_t>::min());
  expect_same(std::numeric_limits<std::int64_t>::max());
  expect_same(std::numeric_limits<std::uint64_t>::max());
  for (double x : {0.0, -0.0, 1.0, -1.5, 0.1, 0.5, 1e-4, 1.5e-4, 1e-5, 2.5e-7, 100.0, 1200.5, 1e15, 123456789012345.6, 1e16,
                   1.2345678901234568e20, 1e21, 1e100, 1e300, 1.5e-300, 5e-324, 1.7976931348623157e308, 123.456,
                   0.30000000000000004, 9007199254740993.0, std::numeric_limits<double>::quiet_NaN(),
                   std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()}) {
    expect_same(x);
    expect_same(-x);
  }
  expect_same(Json::object());
  expect_same(Json::array());
  expect_same(Json::binary({1, 2, 255}));
  expect_same(Json::binary({}, 7));
  expect_same(Json::parse(R"({"b":1,"a":[true,null,{"x":"y"},[]],"c":{},"d":-0.5})"));
}

// Any double, by its bits: the same text but where nlohmann's Grisu2 writes more digits than needed.
TEST(JsonWriter, WritesRandomDoublesAsNlohmannDoesOrShorterWithTheSameValue) {
  std::mt19937_64 rng(20261207);
  int shorter = 0;
  for (int i = 0; i < 300000; ++i) {
    const std::uint64_t bits = rng();
    double x = 0;
    std::memcpy(&x, &bits, sizeof x);
    ASSERT_TRUE(same_values(x));
    if (written(x) != nlohmann_dump(x)) ++shorter;
  }
  EXPECT_LT(shorter, 1000);  // about 1 in 700 (and none for the listed numbers above)
}

TEST(JsonWriter, KeepsTheOrderMembersWereAddedIn) {
  Json j;
  j["zebra"] = 1;
  j["apple"] = 2;
  EXPECT_EQ(written(j), R"({"zebra":1,"apple":2})");
}

TEST(JsonWriter, EscapesWhatJsonNeedsAndNothingElse) {
  std::string all;
  for (int c = 0; c < 0x80; ++c) all += static_cast<char>(c);
  expect_same(all);
  EXPECT_EQ(written(std::string("\x01\x1f\x7f")), R"("\u0001\u001f)" "\x7f\"");
  expect_same(Json{{"ke\"y\n", "v\\"}});
  expect_same("caf\u00e9 \u4e2d \U0001F600");
}

TEST(JsonWriter, ReplacesEachBrokenUtf8SequenceAsNlohmannDoes) {
  for (const char* s : {"\x80", "\xbf", "\xc0\x80", "\xc1\xbf", "\xc2", "\xc2\x41", "\xe0\x80\x80", "\xe0\xa0", "\xe0\xa0\x41",
                        "\xed\xa0\x80", "\xed\xbf\xbf", "\xed\x9f\xbf", "\xef\xbf\xbf", "\xf0\x80\x80\x80", "\xf0\x90\x80",
                        "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xfe", "\xff\xff",
                        "a\xe2\x82", "\xe2\x82\xe2\x82\xac", "\xed\xa0\xbd\xed\xb8\x80", "x\xf0\x9f\x98", "\xc3\x28\"\n"}) {
    SCOPED_TRACE(::testing::PrintToString(std::string(s)));
    expect_same(std::string(s));
    expect_same(Json{{std::string(s), std::string(s)}});
  }
}

// Random byte strings, biased to the bytes UTF-8 is made of, and random documents of them.
TEST(JsonWriter, WritesRandomStringsAndDocumentsAsNlohmannDoes) {
  std::mt19937 rng(20261207);
  const unsigned char interesting[] = {0x00, 0x08, 0x09, 0x0a, 0x1f, 0x22, 0x41, 0x5c, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0,
                                       0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff};
  const auto random_string = [&] {
    std::string s;
    const int n = static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) {
      s += static_cast<char>(rng() % 2 ? interesting[rng() % sizeof interesting] : static_cast<unsigned char>(rng() % 256));
    }
    return s;
  };
  for (int i = 0; i < 200000; ++i) {
    const std::string s = random_string();
    const Json j = s;
    ASSERT_EQ(written(j), nlohmann_dump(j)) << ::testing::PrintToString(s);
  }
  std::uniform_real_distribution<double> real(-1e6, 1e6);
  for (int i = 0; i < 2000; ++i) {
    Json doc = Json::object();
    for (int k = 0; k < 6; ++k) {
      Json list = Json::array({random_string(), static_cast<std::int64_t>(rng()) - (1LL << 31), real(rng), rng() % 2 == 0, nullptr});
      doc[random_string()] = {{random_string(), list}, {"n", static_cast<std::uint64_t>(rng()) << 32}};
    }
    ASSERT_TRUE(same_values(doc));
  }
}

}  // namespace
}  // namespace smartcp::detail
