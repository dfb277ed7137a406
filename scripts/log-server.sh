#!/usr/bin/env bash
# Builds the consent-log server if it is missing or older than its sources, and serves it on
# 127.0.0.1:${PORT:-8787}. SMARTCP_LOG_DB: a file (default data/consent-log.sqlite) or a postgresql:// URL;
# SMARTCP_LOG_TOKEN: the admin token (without it the admin endpoints are off). The other settings are in
# the README ("Consent-log server").
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
binary=build/server/server/smartcp-log-server
if [ ! -x "$binary" ] || [ -n "$(find server core CMakeLists.txt -newer "$binary" -print -quit)" ]; then
  cmake -S . -B build/server -DCMAKE_BUILD_TYPE=Release -DSMARTCP_TESTS=OFF -DSMARTCP_BENCH=OFF >/dev/null
  cmake --build build/server --target smartcp-log-server -j"$(nproc)" >/dev/null
fi
export SMARTCP_LOG_DB="${SMARTCP_LOG_DB:-data/consent-log.sqlite}"
export PORT="${PORT:-8787}"
case "$SMARTCP_LOG_DB" in postgres://* | postgresql://*) ;; *) mkdir -p "$(dirname "$SMARTCP_LOG_DB")" ;; esac
exec "$binary"
