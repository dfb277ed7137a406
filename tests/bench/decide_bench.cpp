// Decisions per second on the mixed workload (tests/bench/workload.json), through the engine's hot path
// as the bindings call it, plus the heavier calls for scale. Floor: 5 million decisions a second.
#include <benchmark/benchmark.h>

#include <fstream>
#include <iterator>
#include <utility>
#include <vector>

#include "smartcp/engine.hpp"
#include "smartcp/json.hpp"

namespace {

struct Workload {
  std::string config;
  std::vector<std::pair<std::string, int>> writes;
};

const Workload& workload() {
  static const Workload w = [] {
    std::ifstream in(SMARTCP_WORKLOAD);
    const auto doc = smartcp::Json::parse(std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
    Workload out;
    out.config = doc.at("config").dump();
    for (const auto& write : doc.at("writes")) {
      const std::string kind = write.at(1).get<std::string>();
      out.writes.emplace_back(write.at(0).get<std::string>(), kind == "cookie" ? 0 : kind == "localStorage" ? 1 : 2);
    }
    return out;
  }();
  return w;
}

void BM_DecideMixed(benchmark::State& state) {
  smartcp::Engine engine;
  engine.configure(workload().config);
  engine.set_consent(state.range(0) != 0, false);
  const auto& writes = workload().writes;
  std::uint32_t sink = 0;
  for (auto _ : state) {
    for (const auto& [name, kind] : writes) sink ^= engine.decide(name, kind);
  }
  benchmark::DoNotOptimize(sink);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * writes.size()));
  state.counters["decisions/s"] = benchmark::Counter(static_cast<double>(state.iterations() * writes.size()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DecideMixed)->Arg(0)->Arg(1)->ArgName("analytics");

void BM_DecideChatStateWithRedaction(benchmark::State& state) {
  smartcp::Engine engine;
  engine.configure(workload().config);
  const std::string key = "ssupp_f3c2a1b0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4";
  const std::string value = R"({"vid":"a1b2c3","sessionId":"s-99","opened":true,"message":"","visits":12,"analyticsConsent":false})";
  for (auto _ : state) benchmark::DoNotOptimize(engine.decide_write(key, "localStorage", value));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecideChatStateWithRedaction);

void BM_DecideCookieString(benchmark::State& state) {
  smartcp::Engine engine;
  engine.configure(workload().config);
  engine.set_consent(true, true);
  for (auto _ : state) {
    benchmark::DoNotOptimize(engine.decide_cookie("SL_C_23361dd035530_SID=abc; Path=/; Max-Age=99999999; SameSite=Strict", 1763769600000.0));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecideCookieString);

void BM_Configure(benchmark::State& state) {
  for (auto _ : state) {
    smartcp::Engine engine;
    benchmark::DoNotOptimize(engine.configure(workload().config));
  }
}
BENCHMARK(BM_Configure);

}  // namespace

BENCHMARK_MAIN();
