#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan, UBSan) and runs each for a bounded time.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   (default 20 s, every target)
# New interesting inputs go to build/fuzz/corpus/, crashes to tests/fuzz/artifacts/; a crash found
# belongs in tests/fuzz/regressions/<target>/ once fixed, where the native tests replay it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
shift || true
targets=("$@")
((${#targets[@]})) || targets=(config consent_record cookie_string redact name_matching json_writer log_entry)

if [ ! -f build/fuzz/CMakeCache.txt ]; then
  CC=clang CXX=clang++ cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSMARTCP_FUZZ=ON \
    -DSMARTCP_TESTS=OFF -DSMARTCP_BENCH=OFF >/dev/null
fi
cmake --build build/fuzz -j"$(nproc)" >/dev/null

mkdir -p tests/fuzz/artifacts
failed=0
for target in "${targets[@]}"; do
  mkdir -p "build/fuzz/corpus/$target"
  log="build/fuzz/$target.log"
  seeds=("tests/fuzz/corpus/$target")
  [ -d "tests/fuzz/regressions/$target" ] && seeds+=("tests/fuzz/regressions/$target")
  if build/fuzz/tests/fuzz/fuzz_"$target" "build/fuzz/corpus/$target" "${seeds[@]}" \
      -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
      -artifact_prefix="tests/fuzz/artifacts/$target-" -print_final_stats=1 >"$log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    echo "fuzz $target: ok, $runs runs in ${seconds}s"
  else
    echo "fuzz $target: FAILED, see $log and tests/fuzz/artifacts/"
    grep -m5 -E 'ERROR|SUMMARY|Test unit written' "$log" || true
    failed=1
  fi
done
exit "$failed"
