#!/usr/bin/env bash
# Builds everything and runs every test: native (GoogleTest under ctest), line coverage of core/,
# bounded fuzzing, the wasm build under Node (shared vectors, glue, dist/ equals a fresh build), the
# consent-log server (SQLite and a throwaway PostgreSQL cluster), the TypeScript types and the package, the generated tables, the browser tests in Chromium, and the benchmarks in short mode. Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh || exit 1
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"
jobs="$(nproc)"
passed=0
failed=0
log_dir=build/test-logs
mkdir -p "$log_dir"

# Runs a stage, shows its output, and adds its counts (from the runner's own summary when it has one).
stage() {
  local name="$1"
  shift
  echo "== $name"
  local log="$log_dir/$name.log"
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local p f
  p=$(grep -oE '^# pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
  f=$(grep -oE '^# fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
  if grep -qE 'tests passed, [0-9]+ tests failed out of [0-9]+' "$log"; then
    local line
    line=$(grep -oE '[0-9]+ tests failed out of [0-9]+' "$log" | tail -1)
    f=$((f + $(echo "$line" | awk '{print $1}')))
    p=$((p + $(echo "$line" | awk '{print $6}') - $(echo "$line" | awk '{print $1}')))
  fi
  if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then  # a stage without a runner of its own counts as one check
    if [ "$rc" -eq 0 ]; then p=1; else f=1; fi
  elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1  # the runner failed without saying which test
  fi
  passed=$((passed + p))
  failed=$((failed + f))
}

native() {
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release -DSMARTCP_TESTS=ON -DSMARTCP_BENCH=ON >/dev/null &&
    cmake --build build/native -j"$jobs" >/dev/null &&
    (cd build/native && ctest --output-on-failure -j"$jobs" 2>&1 | tail -n 25)
}

fresh_dist() { rm -rf build/dist && scripts/build.sh build/dist && scripts/build-notables.sh; }

# A throwaway PostgreSQL cluster, so that the consent-log server's tests run against both databases.
pg_dir="$(mktemp -d /tmp/smartcp-pg.XXXXXX)"
trap 'scripts/pg-test-cluster.sh stop "$pg_dir"' EXIT
start_postgres() {
  local url
  url="$(scripts/pg-test-cluster.sh start "$pg_dir")" || return 1
  echo "postgres: $url"
  export SMARTCP_TEST_PG_URL="$url"
}
echo "== postgres"
if start_postgres; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

stage native-tests native
stage coverage scripts/coverage.sh 90
stage fuzz scripts/fuzz.sh "${SMARTCP_FUZZ_SECONDS:-15}"
stage wasm-build fresh_dist
stage wasm-tests env SMARTCP_FRESH_DIST=build/dist node --test --test-reporter=tap tests/wasm/
stage server-tests node --test --test-reporter=tap --test-concurrency=1 tests/server/
stage types node --test --test-reporter=tap tests/types/
stage tools node --test --test-reporter=tap tests/tools/
if [ -d tests/browser ]; then
  stage browser-tests node --test --test-reporter=tap --test-concurrency=1 tests/browser/
fi
stage benchmarks scripts/bench.sh --short

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
