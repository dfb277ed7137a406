#!/usr/bin/env bash
# Builds everything and serves the demo at http://127.0.0.1:8080 (PORT=… to change); Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
exec node demo/server.mjs --port "${PORT:-8080}"
