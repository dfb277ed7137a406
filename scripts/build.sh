#!/usr/bin/env bash
# Builds what a site owner copies: smartcp.wasm and its glue, the loader and the UI, into dist/ (or the folder given).
# Usage: scripts/build.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-dist}"

# Debian's emscripten runs its JS tools with the machine's node, which needs Debian's modules.
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"

if [ ! -f build/wasm/CMakeCache.txt ]; then
  emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null 2>&1
fi
cmake --build build/wasm -j"$(nproc)" >/dev/null

mkdir -p "$out"
cp build/wasm/wasm/smartcp.wasm "$out/smartcp.wasm"
# The loader, the runtime and the UI (esbuild from node_modules, installed by scripts/setup.sh).
node scripts/bundle.mjs "$out"
cp js/smartcp.d.ts "$out/smartcp.d.ts"
for f in smartcp.js smartcp-reopen.js smartcp-integrations.js smartcp-ui.js smartcp-dialog.js smartcp-texts-en.js smartcp-purposes-en.js smartcp-core.js smartcp.wasm; do echo "build: $out/$f $(stat -c%s "$out/$f") bytes"; done
