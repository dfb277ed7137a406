#!/usr/bin/env bash
# Builds everything and serves the demo at http://127.0.0.1:8080 (PORT=… to change), with the
# consent-log server on 127.0.0.1:8787 (LOG_PORT=… to change) keeping the choices in
# data/consent-log.sqlite; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
log_port="${LOG_PORT:-8787}"
# The demo server relays /consent-log to it as a reverse proxy would: it is the trusted proxy.
PORT="$log_port" SMARTCP_LOG_TRUSTED_PROXIES="127.0.0.1,::1" scripts/log-server.sh &
log_pid=$!
trap 'kill "$log_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do  # the first run compiles the server
  node -e "fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "http://127.0.0.1:$log_port/health" && break
  kill -0 "$log_pid" 2>/dev/null || { echo "demo: the consent-log server did not start" >&2; exit 1; }
  sleep 0.5
done
SMARTCP_LOG_SERVER="http://127.0.0.1:$log_port" node demo/server.mjs --port "${PORT:-8080}"
