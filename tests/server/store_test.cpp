// The same suite against SQLite and PostgreSQL.
#include "store.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <random>

#include "entry_fixture.hpp"

namespace smartcp::log {
namespace {

using testing::kNow;

LogEntry entry(const std::string& id, Categories categories, Method method, int revision = 1) {
  Json j = testing::widget_entry();
  j["id"] = id;
  j["revision"] = revision;
  j["categories"] = {{"functional", true}, {"analytics", (categories & category::analytics) != 0}, {"marketing", (categories & category::marketing) != 0}};
  j["method"] = std::string(to_string(method));
  ParsedEntry p = parse_log_entry(j.dump(), kNow);
  if (!p.entry) throw std::runtime_error(p.error);
  return *p.entry;
}

std::string unique_id() {
  static std::mt19937_64 rng{std::random_device{}()};
  return "t" + std::to_string(rng() % 1'000'000'000'000ULL) + "-x";
}

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "sqlite") {
      path_ = std::filesystem::temp_directory_path() / ("smartcp-store-" + unique_id() + ".sqlite");
      store_ = open_store(path_.string());
    } else {
      const char* url = std::getenv("SMARTCP_TEST_PG_URL");
      if (!url || !*url) GTEST_SKIP() << "SMARTCP_TEST_PG_URL is not set (scripts/test.sh starts a cluster and sets it)";
      store_ = open_store(url);
      store_->purge(INT64_MAX);  // a clean table for each test
    }
  }
  void TearDown() override {
    store_.reset();
    if (!path_.empty()) {
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
    }
  }
  std::filesystem::path path_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreTest, GivesBackEveryEntryOfAnIdOldestFirst) {
  store_->add(entry("visitor-aaaa", category::all, Method::accept_all), kNow);
  store_->add(entry("visitor-bbbb", category::functional, Method::reject_all), kNow + 1);
  store_->add(entry("visitor-aaaa", category::functional, Method::custom), kNow + 2);
  auto found = store_->find("visitor-aaaa");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].received, kNow);
  EXPECT_EQ(found[1].received, kNow + 2);
  EXPECT_LT(found[0].seq, found[1].seq);
  Json first = Json::parse(found[0].entry);
  EXPECT_EQ(first["method"], "accept-all");
  EXPECT_EQ(first["url"], "https://shop.example/cart");
  EXPECT_TRUE(store_->find("visitor-cccc").empty());
}

TEST_P(StoreTest, ErasesOnlyThatId) {
  store_->add(entry("visitor-aaaa", category::all, Method::accept_all), kNow);
  store_->add(entry("visitor-aaaa", category::all, Method::accept_all), kNow + 1);
  store_->add(entry("visitor-bbbb", category::all, Method::accept_all), kNow);
  EXPECT_EQ(store_->erase("visitor-aaaa"), 2);
  EXPECT_EQ(store_->erase("visitor-aaaa"), 0);
  EXPECT_TRUE(store_->find("visitor-aaaa").empty());
  EXPECT_EQ(store_->find("visitor-bbbb").size(), 1u);
}

TEST_P(StoreTest, PagesThroughEverythingInOrder) {
  for (int i = 0; i < 25; ++i) store_->add(entry("visitor-" + std::to_string(1000 + i), category::all, Method::api), kNow + i);
  std::vector<StoredEntry> all;
  std::int64_t cursor = 0;
  for (;;) {
    auto page = store_->after(cursor, 10);
    all.insert(all.end(), page.begin(), page.end());
    if (page.size() < 10) break;
    cursor = page.back().seq;
  }
  ASSERT_EQ(all.size(), 25u);
  for (int i = 0; i < 25; ++i) EXPECT_EQ(Json::parse(all[i].entry)["id"], "visitor-" + std::to_string(1000 + i));
}

TEST_P(StoreTest, CountsChoicesPerDayRevisionAndMethod) {
  const TimeMs day = 24LL * 3600 * 1000;
  store_->add(entry("visitor-0001", category::all, Method::accept_all, 1), kNow);
  store_->add(entry("visitor-0002", category::functional, Method::reject_all, 1), kNow);
  store_->add(entry("visitor-0003", category::functional | category::analytics, Method::custom, 2), kNow);
  store_->add(entry("visitor-0004", category::all, Method::accept_all, 2), kNow + day);
  store_->add(entry("visitor-0005", category::all, Method::accept_all, 2), kNow + 5 * day);
  auto rows = store_->stats(utc_day(kNow), utc_day(kNow + day));
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].day, utc_day(kNow));
  EXPECT_EQ(rows[0].revision, 1);
  EXPECT_EQ(rows[0].method, "accept-all");
  EXPECT_EQ(rows[0].choices, 1);
  EXPECT_EQ(rows[0].analytics, 1);
  EXPECT_EQ(rows[2].method, "custom");
  EXPECT_EQ(rows[2].analytics, 1);
  EXPECT_EQ(rows[2].marketing, 0);
  EXPECT_EQ(rows[3].day, utc_day(kNow + day));
}

TEST_P(StoreTest, PurgesWhatIsPastRetention) {
  store_->add(entry("visitor-old1", category::all, Method::accept_all), kNow - 10);
  store_->add(entry("visitor-new1", category::all, Method::accept_all), kNow);
  EXPECT_EQ(store_->purge(kNow), 1);
  EXPECT_TRUE(store_->find("visitor-old1").empty());
  EXPECT_EQ(store_->find("visitor-new1").size(), 1u);
}

TEST_P(StoreTest, KeepsTextAsGivenWhateverItHolds) {
  // Parameters are bound, never spliced into SQL.
  Json j = testing::widget_entry();
  j["url"] = "https://shop.example/'%3B%20DROP%20TABLE%20consent_log%3B--";
  ParsedEntry p = parse_log_entry(j.dump(), kNow);
  ASSERT_TRUE(p.entry) << p.error;
  store_->add(*p.entry, kNow);
  auto found = store_->find(p.entry->record.id);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(Json::parse(found[0].entry)["url"], j["url"]);
}

INSTANTIATE_TEST_SUITE_P(Databases, StoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

TEST(OpenStore, SaysWhyItCannot) {
  EXPECT_THROW(open_store(""), StoreError);
  try {
    open_store("/nonexistent-folder/x/log.sqlite");
    FAIL();
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent-folder/x/log.sqlite"), std::string::npos);
  }
  try {
    open_store("postgresql://127.0.0.1:1/none?connect_timeout=2");
    FAIL();
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("PostgreSQL"), std::string::npos);
  }
}

}  // namespace
}  // namespace smartcp::log
