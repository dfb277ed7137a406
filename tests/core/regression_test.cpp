// Replays every saved fuzz input (the seed corpus and the crashes found, tests/fuzz/regressions) through
// the same target bodies the fuzzers run, so a fixed crash stays fixed on every build.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "../fuzz/targets.hpp"

namespace smartcp {
namespace {

namespace fs = std::filesystem;
using Target = int (*)(const std::uint8_t*, std::size_t);

std::size_t replay(const std::string& name, Target target) {
  std::size_t count = 0;
  for (const char* folder : {"regressions", "corpus"}) {  // a target may have no regressions yet
    const fs::path dir = fs::path(SMARTCP_FUZZ_DIR) / folder / name;
    if (!fs::is_directory(dir)) continue;
    for (const auto& file : fs::directory_iterator(dir)) {
      std::ifstream in(file.path(), std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      SCOPED_TRACE(file.path().string());
      target(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      ++count;
    }
  }
  return count;
}

TEST(FuzzRegressions, Config) { EXPECT_GT(replay("config", fuzz::config), 0u); }
TEST(FuzzRegressions, ConsentRecord) { EXPECT_GT(replay("consent_record", fuzz::consent_record), 0u); }
TEST(FuzzRegressions, CookieString) { EXPECT_GT(replay("cookie_string", fuzz::cookie_string), 0u); }
TEST(FuzzRegressions, Redact) { EXPECT_GT(replay("redact", fuzz::redact), 0u); }
TEST(FuzzRegressions, NameMatching) { EXPECT_GT(replay("name_matching", fuzz::name_matching), 0u); }
TEST(FuzzRegressions, JsonWriter) { EXPECT_GT(replay("json_writer", fuzz::json_writer), 0u); }

}  // namespace
}  // namespace smartcp
