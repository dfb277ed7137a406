// Runs the shared vectors (tests/vectors/*.json) through the engine and writes every result, so the
// WebAssembly build's test can check that it answers identically.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "smartcp/engine.hpp"
#include "smartcp/json.hpp"

namespace smartcp {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Objects given as arguments are passed as JSON text, as the JS side does.
std::string text_arg(const Json& arg) { return arg.is_string() ? arg.get<std::string>() : arg.dump(); }

Json names_of(unsigned bits) {
  Json out = Json::array();
  const char* names[] = {"functional", "analytics", "marketing"};
  for (unsigned i = 0; i < 3; ++i) {
    if (bits & (1u << i)) out.push_back(names[i]);
  }
  return out;
}

// The packed decision as js/decision.js decodes it.
Json decode(std::uint32_t packed) {
  const char* verdicts[] = {"allow", "redact", "refuse", "refuse"};
  const char* sources[] = {"unknown", "site-catalog", "vendor-catalog", "vendor-prefix", "database", "unknown", "unknown", "unknown"};
  const char* reasons[] = {"granted", "not-granted", "deletion", "unknown-blocked", "fields-removed", "invalid-input", "reserved"};
  const unsigned reason = (packed >> 8) & 15u;
  const unsigned entry = packed >> 16;
  return {{"verdict", verdicts[packed & 3u]},
          {"reason", reason < 7 ? reasons[reason] : "invalid-input"},
          {"source", sources[(packed >> 5) & 7u]},
          {"required", names_of((packed >> 2) & 7u)},
          {"refused", names_of((packed >> 12) & 7u)},
          {"fields", ((packed >> 15) & 1u) != 0},
          {"entry", entry ? Json(entry - 1) : Json(nullptr)}};
}

Json lines(const std::string& text) {
  Json out = Json::array();
  for (std::size_t start = 0; !text.empty() && start <= text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Json call(Engine& e, const std::string& method, const Json& a) {
  auto s = [&](std::size_t i) { return text_arg(a.at(i)); };
  if (method == "configure") return Json::parse(e.configure(s(0)));
  if (method == "decide") return decode(e.decide(s(0), a.at(1).get<int>()));
  if (method == "decideWrite") return Json::parse(e.decide_write(s(0), s(1), s(2)));
  if (method == "decideValue") {
    std::string value;
    Json out = decode(e.decide_value(s(0), a.at(1).get<int>(), s(2), value));
    out["value"] = value;
    return out;
  }
  if (method == "decideCookie") return Json::parse(e.decide_cookie(s(0), a.at(1).get<double>()));
  if (method == "decideCookieTyped") {
    std::string cookie, scope;
    Json out = decode(e.decide_cookie(s(0), a.at(1).get<double>(), cookie, scope));
    out["cookie"] = cookie;
    out["scope"] = scope;
    return out;
  }
  if (method == "cookieDeletions") return lines(e.cookie_deletions(s(0), s(1)));
  if (method == "describe") return Json::parse(e.describe(e.decide(s(0), a.at(1).get<int>()), s(2)));
  if (method == "classifyUrl") return Json::parse(e.classify_url(s(0)));
  if (method == "createRecord") return Json::parse(e.create_record(s(0)));
  if (method == "readRecord") return Json::parse(e.read_record(s(0), a.at(1).get<double>(), s(2)));
  if (method == "consentMode") return Json::parse(e.consent_mode());
  if (method == "gpc") return Json::parse(e.gpc(a.at(0).get<bool>()));
  if (method == "catalog") return Json::parse(e.catalog(s(0)));
  if (method == "config") return Json::parse(e.config());
  if (method == "consent") return Json::parse(e.consent());
  ADD_FAILURE() << "unknown call " << method;
  return nullptr;
}

// Every member `expected` names must equal the actual one; arrays and scalars exactly.
bool subset(const Json& expected, const Json& actual, const std::string& path, std::string& why) {
  if (expected.is_object()) {
    if (!actual.is_object()) {
      why = path + " is not an object: " + actual.dump();
      return false;
    }
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      if (!actual.contains(it.key())) {
        why = path + "." + it.key() + " is missing";
        return false;
      }
      if (!subset(it.value(), actual.at(it.key()), path + "." + it.key(), why)) return false;
    }
    return true;
  }
  if (expected.is_array() && actual.is_array() && expected.size() == actual.size()) {
    for (std::size_t i = 0; i < expected.size(); ++i) {
      if (!subset(expected[i], actual[i], path + "[" + std::to_string(i) + "]", why)) return false;
    }
    return true;
  }
  if (expected == actual) return true;
  why = path + " is " + actual.dump() + ", expected " + expected.dump();
  return false;
}

TEST(Vectors, NativeEngineMeetsEveryVector) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(SMARTCP_VECTORS_DIR)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty());

  Json results = Json::object();
  std::size_t cases = 0;
  for (const fs::path& file : files) {
    const Json doc = Json::parse(read_file(file));
    for (const Json& c : doc.at("cases")) {
      const std::string id = file.filename().string() + "#" + c.at("name").get<std::string>();
      SCOPED_TRACE(id);
      Engine engine;
      if (c.contains("config")) {
        const Json configured = Json::parse(engine.configure(text_arg(c["config"])));
        EXPECT_TRUE(configured["ok"].get<bool>()) << "the case's own config has errors: " << configured["issues"].dump();
      }
      if (c.contains("consent")) engine.set_consent(c["consent"].value("analytics", false), c["consent"].value("marketing", false));
      const Json result = call(engine, c.at("call").get<std::string>(), c.value("args", Json::array()));
      std::string why;
      EXPECT_TRUE(subset(c.at("expect"), result, "result", why)) << why;
      EXPECT_FALSE(results.contains(id)) << "duplicate case name";
      results[id] = result;
      ++cases;
    }
  }
  EXPECT_GE(cases, 40u);
  std::ofstream(SMARTCP_VECTOR_RESULTS) << results.dump(1) << '\n';
}

// The first-party corpus: names sites use for their own keys. None may be refused under the default
// config, in any kind of storage, before any choice.
TEST(Vectors, FirstPartyNamesAreNeverRefusedByDefault) {
  const Json corpus = Json::parse(read_file(fs::path(SMARTCP_CORPUS_DIR) / "first-party-names.json"));
  ASSERT_GE(corpus.at("names").size(), 300u);
  Engine engine;
  engine.configure("{}");
  for (const Json& name : corpus.at("names")) {
    for (int kind = 0; kind < kKindCount; ++kind) {
      const Json d = decode(engine.decide(name.get<std::string>(), kind));
      EXPECT_EQ(d["verdict"], "allow") << name << " as " << to_string(static_cast<Kind>(kind)) << ": " << d.dump();
    }
  }
}

}  // namespace
}  // namespace smartcp
