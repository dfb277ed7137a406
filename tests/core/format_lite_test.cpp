// wasm/format_lite.hpp against the platform's snprintf: the formats nlohmann/json writes with, over every
// value they take, and the rest of what the replacement claims to support.
#include <gtest/gtest.h>

#include <climits>
#include <cstdio>
#include <string>

#include "format_lite.hpp"

namespace smartcp {
namespace {

template <typename... Args>
void same(const char* format, Args... args) {
  char expected[64];
  char actual[64];
  const int n = std::snprintf(expected, sizeof expected, format, args...);
  const int m = lite::format(actual, sizeof actual, format, args...);
  ASSERT_EQ(m, n) << format;
  ASSERT_STREQ(actual, expected) << format;
}

TEST(FormatLite, NlohmannEscapesOfEveryCodeUnit) {
  for (unsigned v = 0; v <= 0xffff; ++v) {
    same("\\u%04x", v);
    same("\\u%04x\\u%04x", v, 0xffff - v);
  }
  for (unsigned v = 0; v <= 0xff; ++v) {
    same("<U+%.4X>", v);
    same("%.2hhX", v);
  }
}

TEST(FormatLite, WidthsPrecisionsSignsAndText) {
  const int ints[] = {0, 1, -1, 7, -42, 255, 65535, INT_MAX, INT_MIN};
  for (int v : ints) {
    for (const char* f : {"%d", "%5d", "%-5d|", "%05d", "%.3d", "%8.3d", "%i", "%u", "%x", "%X", "%08x", "%.0d", "%.0x"}) same(f, v);
  }
  same("%ld %lu %lld %llu %zu", -5L, 5UL, LLONG_MIN, ULLONG_MAX, static_cast<std::size_t>(123));
  same("%s|%5s|%-5s|%.2s", "abc", "ab", "ab", "abcdef");
  same("%c%c 100%%", 'o', 'k');
}

TEST(FormatLite, TruncatesLikeSnprintf) {
  char expected[5];
  char actual[5];
  EXPECT_EQ(lite::format(actual, sizeof actual, "\\u%04x", 0x1fu), std::snprintf(expected, sizeof expected, "\\u%04x", 0x1fu));
  EXPECT_STREQ(actual, expected);
  EXPECT_EQ(lite::format(nullptr, 0, "%d", 12345), 5);
}

TEST(FormatLite, UnsupportedConversionsAreMarkedNotRead) {
  char out[16];
  EXPECT_EQ(lite::format(out, sizeof out, "a%fb"), 3);
  EXPECT_STREQ(out, "a?b");
}

}  // namespace
}  // namespace smartcp
