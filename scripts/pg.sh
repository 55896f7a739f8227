#!/usr/bin/env bash
# PostgreSQL for the benchmarks (issue 7 item 3): a throw-away cluster on
# 127.0.0.1 with default settings (synchronous_commit=on), trust auth on
# loopback, owned by an unprivileged user (the server refuses to run as root).
#   scripts/pg.sh start DIR PORT   initdb DIR if needed, start, create db ctbench
#   scripts/pg.sh stop DIR
#   scripts/pg.sh free DIR PORT  stop whatever PostgreSQL server listens on PORT
#                                (a leftover of an earlier or manual run, its
#                                directory maybe deleted); refuses if another
#                                program holds the port
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
  free)
    as_user "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
    listeners() { ss -Hltnp "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u; }
    for pid in $(listeners); do
      comm="$(cat "/proc/$pid/comm" 2>/dev/null || true)"
      case "$comm" in
        postgres|postmaster) echo "pg.sh: stopping a PostgreSQL server left on port $port (pid $pid)" >&2; kill -INT "$pid" ;;
        *) echo "pg.sh: port $port is held by '$comm' (pid $pid), not PostgreSQL" >&2; exit 1 ;;
      esac
    done
    for _ in $(seq 1 150); do [ -z "$(listeners)" ] && exit 0; sleep 0.2; done
    echo "pg.sh: port $port is still in use" >&2; exit 1
    ;;
  *) echo "usage: pg.sh start|stop|free DIR [PORT]" >&2; exit 2 ;;
esac
