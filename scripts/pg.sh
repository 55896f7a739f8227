#!/usr/bin/env bash
# PostgreSQL for the benchmarks (issue 7 item 3): a throw-away cluster on
# 127.0.0.1 with default settings (synchronous_commit=on), trust auth on
# loopback, owned by an unprivileged user (the server refuses to run as root).
#   scripts/pg.sh start DIR PORT   initdb DIR if needed, start, create db ctbench
#   scripts/pg.sh stop DIR
set -euo pipefail
cmd="$1"; dir="$2"; port="${3:-55432}"
user=ctbench
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$bin/initdb" ] || { echo "pg.sh: PostgreSQL server binaries not found (apt install postgresql)" >&2; exit 1; }
as_user() { if [ "$(id -u)" = 0 ]; then runuser -u "$user" -- "$@"; else "$@"; fi; }
case "$cmd" in
  start)
    if [ "$(id -u)" = 0 ] && ! id "$user" >/dev/null 2>&1; then useradd --system --no-create-home "$user"; fi
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown "$user" "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_user "$bin/initdb" -D "$dir" -U "$user" --auth=trust >/dev/null
    fi
    as_user "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c synchronous_commit=on" start >/dev/null
    as_user "$bin/psql" -h 127.0.0.1 -p "$port" -U "$user" -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname='ctbench'" | grep -q 1 ||
      as_user "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$user" ctbench
    ;;
  stop)
    as_user "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null || true
    ;;
  *) echo "usage: pg.sh start|stop DIR [PORT]" >&2; exit 2 ;;
esac
