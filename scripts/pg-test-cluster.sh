#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, listening on a Unix socket only.
#   scripts/pg-test-cluster.sh start DIR   prints the postgresql:// URL of a fresh database
#   scripts/pg-test-cluster.sh stop DIR
# PostgreSQL refuses to run as root, so under root the cluster belongs to the `postgres` user that
# Debian's package creates.
set -euo pipefail
action="${1:?start|stop}"
dir="${2:?folder}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$bin/initdb" ] || { echo "pg-test-cluster: PostgreSQL is not installed (scripts/setup.sh installs it)" >&2; exit 1; }
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$action" in
  start)
    rm -rf "$dir" && mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U smartcp --no-sync >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-k $dir -c listen_addresses='' -p 5433 -c fsync=on" start >/dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bin/createdb" -h "$dir" -p 5433 -U smartcp smartcp_test
    echo "postgresql:///smartcp_test?host=$dir&port=5433&user=smartcp"
    ;;
  stop)
    [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
