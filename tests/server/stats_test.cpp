#include "stats.hpp"

#include <gtest/gtest.h>

namespace smartcp::log {
namespace {

TEST(Stats, GroupsByDayAndRevisionWithSharesGranted) {
  Json days = summarize({{"2026-11-20", 1, "accept-all", 3, 3, 3},
                         {"2026-11-20", 1, "reject-all", 1, 0, 0},
                         {"2026-11-20", 2, "custom", 2, 1, 0},
                         {"2026-11-21", 2, "accept-all", 1, 1, 1}});
  ASSERT_EQ(days.size(), 3u);
  EXPECT_EQ(days[0]["day"], "2026-11-20");
  EXPECT_EQ(days[0]["revision"], 1);
  EXPECT_EQ(days[0]["choices"], 4);
  EXPECT_EQ(days[0]["byMethod"], Json::parse(R"({"accept-all":3,"reject-all":1})"));
  EXPECT_DOUBLE_EQ(days[0]["granted"]["analytics"].get<double>(), 0.75);
  EXPECT_DOUBLE_EQ(days[0]["granted"]["marketing"].get<double>(), 0.75);
  EXPECT_EQ(days[1]["revision"], 2);
  EXPECT_DOUBLE_EQ(days[1]["granted"]["analytics"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(days[1]["granted"]["marketing"].get<double>(), 0.0);
  EXPECT_EQ(days[2]["day"], "2026-11-21");
  EXPECT_EQ(summarize({}), Json::array());
}

TEST(Stats, DaysAreCalendarDates) {
  EXPECT_TRUE(is_day("2026-11-23"));
  EXPECT_TRUE(is_day("2024-02-29"));
  EXPECT_FALSE(is_day("2026-02-29"));
  EXPECT_FALSE(is_day("2026-13-01"));
  EXPECT_FALSE(is_day("2026-1-01"));
  EXPECT_FALSE(is_day("2026-11-23' OR 1=1"));
  EXPECT_EQ(utc_day(1'795'000'000'000), "2026-11-18");
  EXPECT_EQ(utc_iso(1'795'000'000'123), "2026-11-18T11:06:40.123Z");
}

}  // namespace
}  // namespace smartcp::log
