#!/usr/bin/env bash
# Builds the core without the tracker tables (build/wasm-notables), so that the size report and the budget
# test can tell the tables' share of smartcp.wasm.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"
if [ ! -f build/wasm-notables/CMakeCache.txt ]; then
  emcmake cmake -S . -B build/wasm-notables -DCMAKE_BUILD_TYPE=Release -DSMARTCP_TRACKER_TABLES=OFF >/dev/null 2>&1
fi
cmake --build build/wasm-notables -j"$(nproc)" --target smartcp_wasm >/dev/null
