#!/usr/bin/env bash
# Runs every benchmark and prints its figures; exits non-zero when a floor or budget is missed.
# Usage: scripts/bench.sh [--short]
#   --short: each benchmark runs briefly to prove it works; times are printed, not judged (shared,
#            noisy machines), sizes are reported.
set -euo pipefail
cd "$(dirname "$0")/.."
short=0
[ "${1:-}" = "--short" ] && short=1

if [ ! -x build/native/tests/bench/smartcp_bench ]; then
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/native -j"$(nproc)" --target smartcp_bench >/dev/null
fi
[ -f dist/smartcp.wasm ] || scripts/build.sh >/dev/null
# The core without the tracker tables, for the size report to show the tables' share.
scripts/build-notables.sh

status=0
echo "== core decisions, native (floor 5 M/s)"
min_time=$([ $short = 1 ] && echo 0.05 || echo 1)
native=$(build/native/tests/bench/smartcp_bench --benchmark_min_time="$min_time" 2>/dev/null)
echo "$native" | grep -E '^BM_'
rate=$(echo "$native" | grep -m1 'BM_DecideMixed' | grep -o 'decisions/s=[0-9.]*[kMG]' | head -1 | cut -d= -f2)
echo "native decide: ${rate}/s"
if [ $short = 0 ]; then
  awk -v r="$rate" 'BEGIN { v = r + 0; if (r ~ /G$/) v *= 1000; if (r ~ /k$/) v /= 1000; exit !(v >= 5) }' ||
    { echo "native decide floor MISSED"; status=1; }
fi

echo "== core decisions, wasm in Node (floor 1 M/s)"
seconds=$([ $short = 1 ] && echo 0.3 || echo 3)
if ! node tests/bench/wasm_decide.mjs --seconds "$seconds" && [ $short = 0 ]; then status=1; fi

echo "== storage guard in Chromium: allowed writes against none (budget: ratio 2)"
if [ $short = 1 ]; then node tests/bench/guard_bench.mjs --short; else node tests/bench/guard_bench.mjs || status=1; fi

echo "== clean-up with a full store in Chromium (budget: 50 ms of main thread per sweep)"
if [ $short = 1 ]; then node tests/bench/sweep_bench.mjs --short; else node tests/bench/sweep_bench.mjs || status=1; fi

echo "== the guard while Chromium parses a large page (figures only)"
node tests/bench/parse_bench.mjs $([ $short = 1 ] && echo --short)

echo "== SmartCP, vanilla-cookieconsent and Klaro side by side in Chromium (budget: time to banner ratio 1)"
if [ $short = 1 ]; then node tests/bench/widgets_bench.mjs --short; else node tests/bench/widgets_bench.mjs || status=1; fi

echo "== consent-log server on SQLite (floor 5,000 entries/s)"
if [ ! -x build/native/server/smartcp-log-server ]; then
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/native -j"$(nproc)" --target smartcp-log-server >/dev/null
fi
if [ $short = 1 ]; then node tests/bench/log_server_bench.mjs --short; else node tests/bench/log_server_bench.mjs || status=1; fi

echo "== sizes"
if [ $short = 1 ]; then node tests/bench/size.mjs --report-only; else node tests/bench/size.mjs || status=1; fi
exit $status
