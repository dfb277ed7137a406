#!/usr/bin/env bash
# Line coverage of core/ by the native tests (gcc --coverage, lcov). Fails under the floor.
# Usage: scripts/coverage.sh [FLOOR_PERCENT]   (default 90)
set -euo pipefail
cd "$(dirname "$0")/.."
floor="${1:-90}"

if [ ! -f build/coverage/CMakeCache.txt ]; then
  cmake -S . -B build/coverage -DCMAKE_BUILD_TYPE=Debug -DSMARTCP_COVERAGE=ON -DSMARTCP_BENCH=OFF -DSMARTCP_SERVER=OFF >/dev/null
fi
cmake --build build/coverage -j"$(nproc)" >/dev/null
find build/coverage -name '*.gcda' -delete
build/coverage/tests/core/smartcp_core_tests >/dev/null

lcov --quiet --capture --directory build/coverage --output-file build/coverage/all.info --rc lcov_branch_coverage=0 2>/dev/null
lcov --quiet --extract build/coverage/all.info "$PWD/core/src/*" "$PWD/core/include/*" --output-file build/coverage/core.info 2>/dev/null
summary=$(lcov --summary build/coverage/core.info 2>&1)
percent=$(echo "$summary" | grep -m1 'lines' | grep -o '[0-9.]*%' | tr -d '%')
echo "coverage of core/: ${percent}% of lines (floor ${floor}%)"
if command -v genhtml >/dev/null; then genhtml --quiet build/coverage/core.info --output-directory build/coverage/html 2>/dev/null || true; fi
awk -v p="$percent" -v f="$floor" 'BEGIN { exit !(p + 0 >= f + 0) }' || { echo "coverage below ${floor}%"; exit 1; }
