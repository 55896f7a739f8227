#!/usr/bin/env bash
# `make bench` / `make bench-quick` (issue 7): measures CrossTrace and its
# PostgreSQL peer side by side on this machine, in one run, and writes
# BENCHMARKS.md and benchmarks/results.json. Not part of `make test`.
#   scripts/bench.sh full|quick
set -euo pipefail
mode="${1:-full}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${BENCH_DIR:-/tmp/crosstrace-bench}"
# Pre-signed transactions per load run: enough for warm-up + window at well
# above the rates measured so far (the run stops early if they run out).
if [ "$mode" = quick ]; then
  repeats=2; seconds=10; warmup=3; nat_seconds=5; pg_seconds=4; events=10000; codes=1000; samples=300; load_codes=1000
  std_txs=20000; nat_txs=5000; sig_seconds=1; nat_repeats=2; query_repeats=2
else
  # Both profiles run 60 s windows (issue 7 item 2); national twice, to fit the 15 minutes.
  repeats=3; seconds=60; warmup=5; nat_seconds=60; pg_seconds=6; events=1000000; codes=100000; samples=2000; load_codes=5000
  std_txs=100000; nat_txs=40000; sig_seconds=2; nat_repeats=2; query_repeats=2
fi
rm -rf "$work"; mkdir -p "$work"; chmod 755 "$work"
out="$work/results.jsonl"; : > "$out"
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
record() { echo "{\"phase\":\"$1\",\"run\":$2,\"data\":$3}" >> "$out"; }

log "release build"
build_start=$(date +%s)
(cd "$root" && swift build -c release --product crosstrace --scratch-path .build-release >&2)
# SwiftPM keeps the build plan of the path dependency (the project itself)
# and misses source files added since: drop the plan so it is made afresh.
rm -f "$root/benchmarks/.build/release.yaml" "$root/benchmarks/.build/release/description.json"
(cd "$root/benchmarks" && swift build -c release --product ct-bench >&2)
build_seconds=$(( $(date +%s) - build_start ))
measure_start=$(date +%s)
ct="$root/.build-release/release/crosstrace"
bench="$root/benchmarks/.build/release/ct-bench"
cores=$(nproc)

for profile in standard national; do
  for run in $(seq 1 "$repeats"); do
    record "sig_$profile" "$run" "$("$bench" sig-bound --profile "$profile" --cores "$cores" --validators 4 --seconds "$sig_seconds")"
  done
done

# A network as `crosstrace up --demo` runs it (demo participants verified).
start_network() {
  local name="$1" profile="$2" validators="$3" dir="$work/net-$1"
  rm -rf "$dir"
  "$ct" init --validators "$validators" --chains cbetc --profile "cbetc=$profile" --out "$dir" \
    --base-port 36656 --http-base-port 18080 >/dev/null 2>&1
  "$ct" up --demo --dir "$dir" > "$dir/up.log" 2>&1 &
  echo $! > "$dir/up.pid"
  for _ in $(seq 1 600); do
    [ "$(grep -c '^demo-product ' "$dir/up.log" || true)" -ge 4 ] && return 0
    kill -0 "$(cat "$dir/up.pid")" 2>/dev/null || break
    sleep 0.2
  done
  echo "bench: the $name network did not start; see $dir/up.log" >&2; tail -20 "$dir/up.log" >&2; exit 1
}
stop_network() {
  local dir="$work/net-$1"
  kill -TERM "$(cat "$dir/up.pid")" 2>/dev/null || true
  wait "$(cat "$dir/up.pid")" 2>/dev/null || true
}
node_pids() { grep -o '^node[0-9]* pid=[0-9]*' "$work/net-$1/up.log" | sed 's/.*pid=//'; }
# Peak RSS (MB) of the node processes, the largest of them.
peak_rss() { local m=0 v; for p in $(node_pids "$1"); do v=$(awk '/VmHWM/{print $2}' /proc/$p/status); [ "$v" -gt "$m" ] && m=$v; done; echo $((m / 1024)); }
urls="--url http://127.0.0.1:18080 --url http://127.0.0.1:18081 --url http://127.0.0.1:18082 --url http://127.0.0.1:18083"

for profile in standard national; do
  secs=$seconds; txs=$std_txs; codes_issued=$load_codes; runs=$repeats
  [ "$profile" = national ] && secs=$nat_seconds && txs=$nat_txs && codes_issued=500 && runs=$nat_repeats
  for run in $(seq 1 "$runs"); do
    log "throughput $profile run $run ($secs s after $warmup s warm-up)"
    start_network "$profile" "$profile" 4
    result=$("$bench" load $urls --network "$work/net-$profile" --profile "$profile" --codes "$codes_issued" \
      --seconds "$secs" --warmup "$warmup" --transactions "$txs" --inflight "${BENCH_INFLIGHT:-1200}" \
      --pids "$(node_pids "$profile" | paste -sd, -)")
    rss=$(peak_rss "$profile")
    stop_network "$profile"
    disk=$(python3 "$root/scripts/bench_disk.py" "$work/net-$profile/node0")
    record "load_$profile" "$run" "$(python3 -c "import json,sys; d=json.loads(sys.argv[1]); d.update(json.loads(sys.argv[2])); d.update(validator_rss_mb_max=$rss); print(json.dumps(d))" "$result" "$disk")"
  done
done

log "PostgreSQL peer"
"$root/scripts/pg.sh" free "$work/pg" 55432
"$root/scripts/pg.sh" start "$work/pg" 55432
trap '"$root/scripts/pg.sh" stop "$work/pg"' EXIT
for run in $(seq 1 "$repeats"); do
  record pg_single "$run" "$("$bench" pg-load --create --batch 1 --clients 4 --seconds "$pg_seconds")"
  record pg_batch "$run" "$("$bench" pg-load --create --batch 500 --clients 4 --seconds "$pg_seconds")"
done

log "queries at scale: $events events over $codes codes, one validator (issue 7 item 4)"
start_network query standard 1
# Each result is assigned first, so a failing step stops the run (set -e) with its error on stderr.
seeded=$("$bench" seed --url http://127.0.0.1:18080 --network "$work/net-query" --events "$events" --codes "$codes")
record query_load 1 "$seeded"
pg_loaded=$("$bench" pg-load --create --batch 500 --clients 4 --rows "$events" --codes "$codes" --network "$work/net-query")
record pg_query_load 1 "$pg_loaded"
for run in $(seq 1 "$query_repeats"); do
  queried=$("$bench" query --url http://127.0.0.1:18080 --network "$work/net-query" \
    --events "$events" --codes "$codes" --samples "$samples" --seed "$run")
  record query "$run" "$queried"
done
stop_network query

python3 "$root/scripts/bench_report.py" "$out" "$root" "$mode" "$build_seconds" "$cores" "$(( $(date +%s) - measure_start ))"
log "wrote BENCHMARKS.md and benchmarks/results.json"
