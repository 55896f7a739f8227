#!/usr/bin/env python3
"""Turns the JSON lines of scripts/bench.sh into benchmarks/results.json and
BENCHMARKS.md: medians of the repeated runs with min and max (issue 7)."""
import json, os, platform, statistics, subprocess, sys
from collections import defaultdict

lines_path, root, mode, build_seconds, cores = sys.argv[1:6]
measure_seconds = sys.argv[6] if len(sys.argv) > 6 else None
phases = defaultdict(list)
with open(lines_path) as f:
    for line in f:
        if line.strip():
            entry = json.loads(line)
            phases[entry["phase"]].append(entry["data"])

def figures(phase, key):
    return [d[key] for d in phases.get(phase, []) if isinstance(d.get(key), (int, float))]

def stat(phase, key):
    values = figures(phase, key)
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": len(values)}

def median(phase, key):
    s = stat(phase, key)
    return s["median"] if s else None

mem_kb = int(next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")))
commit = subprocess.run(["git", "-C", root, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
results = {
    "mode": mode,
    "machine": {"cores": int(cores), "memory_gib": round(mem_kb / 1048576, 1), "cpu": platform.processor() or platform.machine()},
    "commit": commit,
    "release_build_seconds": int(build_seconds),
    "throughput_tx_per_s": median("load_standard", "throughput_tx_per_s"),
    "latency_p50_ms": median("load_standard", "latency_p50_ms"),
    "latency_p99_ms": median("load_standard", "latency_p99_ms"),
    "sig_bound_tx_per_s": median("sig_standard", "sig_bound_tx_per_s"),
    "postgres_rows_per_s": median("pg_single", "rows_per_s"),
    "postgres_batched_rows_per_s": median("pg_batch", "rows_per_s"),
    "query_p50_ms": median("query", "query_p50_ms"),
    "query_p99_ms": median("query", "query_p99_ms"),
    "postgres_query_p99_ms": median("query", "postgres_query_p99_ms"),
    "validator_rss_mb_max": median("load_standard", "validator_rss_mb_max"),
    "disk_bytes_per_tx": median("load_standard", "disk_bytes_per_tx"),
    "tx_encoded_bytes": median("load_standard", "tx_encoded_bytes"),
    "postgres_bytes_per_row": median("pg_query_load", "bytes_per_row") or median("pg_batch", "bytes_per_row"),
    "national_throughput_tx_per_s": median("load_national", "throughput_tx_per_s"),
    "national_sig_bound_tx_per_s": median("sig_national", "sig_bound_tx_per_s"),
    "runs": {phase: entries for phase, entries in sorted(phases.items())},
}
os.makedirs(os.path.join(root, "benchmarks"), exist_ok=True)
with open(os.path.join(root, "benchmarks", "results.json"), "w") as f:
    json.dump(results, f, indent=2, sort_keys=True)
    f.write("\n")

def cell(phase, key, unit=""):
    s = stat(phase, key)
    if not s:
        return "not measured"
    fmt = lambda v: f"{v:,.2f}" if isinstance(v, float) and v < 100 else f"{v:,.0f}"
    return f"{fmt(s['median'])}{unit} ({fmt(s['min'])}–{fmt(s['max'])}, {s['runs']} runs)"

def ratio(a, b):
    return f"{a / b:.2f}×" if a and b else "n/a"

def paired(phase, ours, theirs):
    """Each run's own ratio (both measured side by side in it): median, min–max."""
    values = [d[ours] / d[theirs] for d in phases.get(phase, [])
              if isinstance(d.get(ours), (int, float)) and d.get(theirs)]
    if not values:
        return "n/a"
    return f"{statistics.median(values):.2f}× ({min(values):.2f}–{max(values):.2f}, {len(values)} runs)"

r = results
inflight = next(iter(figures("load_standard", "inflight")), "?")
rows = [
    ("Signature bound, standard (P-256), 4 validators", cell("sig_standard", "sig_bound_tx_per_s", " tx/s"), "—"),
    (f"Committed tx/s, standard, 4 validators, {inflight} in flight", cell("load_standard", "throughput_tx_per_s"), "≥ 3,000"),
    ("  fraction of the signature bound", ratio(r["throughput_tx_per_s"], r["sig_bound_tx_per_s"]), "> 0.5×"),
    ("Submit→commit p50, standard", cell("load_standard", "latency_p50_ms", " ms"), "—"),
    ("Submit→commit p99, standard", cell("load_standard", "latency_p99_ms", " ms"), "≤ 2,000 ms"),
    ("Peak RSS of a validator", cell("load_standard", "validator_rss_mb_max", " MB"), "≤ 400 MB"),
    ("Node CPU in the window, % of one core per node", cell("load_standard", "node_cpu_percent", " %"), "—"),
    ("Machine busy in the window (all processes)", cell("load_standard", "machine_busy_percent", " %"), "—"),
    ("Signature bound, national (SM2)", cell("sig_national", "sig_bound_tx_per_s", " tx/s"), "—"),
    ("Committed tx/s, national", cell("load_national", "throughput_tx_per_s"), "its bound"),
    ("  fraction of the national bound", ratio(r["national_throughput_tx_per_s"], r["national_sig_bound_tx_per_s"]), "—"),
    ("PostgreSQL rows/s, one row per commit", cell("pg_single", "rows_per_s"), "—"),
    ("PostgreSQL rows/s, batches of 500", cell("pg_batch", "rows_per_s"), "—"),
    ("  ours ÷ PostgreSQL one-per-commit", ratio(r["throughput_tx_per_s"], r["postgres_rows_per_s"]), "—"),
    ("  ours ÷ PostgreSQL batched", ratio(r["throughput_tx_per_s"], r["postgres_batched_rows_per_s"]), "—"),
    ("Trace query p50 (HTTP)", cell("query", "query_p50_ms", " ms"), "—"),
    ("Trace query p99 (HTTP)", cell("query", "query_p99_ms", " ms"), "≤ 10 ms"),
    ("PostgreSQL indexed select p99", cell("query", "postgres_query_p99_ms", " ms"), "—"),
    ("  ours ÷ PostgreSQL p99, of the medians", ratio(r["query_p99_ms"], r["postgres_query_p99_ms"]), "≤ 2×"),
    ("  ours ÷ PostgreSQL p99, each run's own", paired("query", "query_p99_ms", "postgres_query_p99_ms"), "≤ 2×"),
    ("PostgreSQL indexed select p50", cell("query", "postgres_query_p50_ms", " ms"), "—"),
    ("  ours ÷ PostgreSQL p50, each run's own", paired("query", "query_p50_ms", "postgres_query_p50_ms"), "—"),
    ("Proof generation per answer", cell("query", "proof_ms", " ms"), "—"),
    ("Offline proof verification per answer", cell("query", "verify_ms", " ms"), "—"),
    ("Disk bytes per committed tx", cell("load_standard", "disk_bytes_per_tx", " B"), "≤ 3× encoded"),
    ("Encoded tx size", cell("load_standard", "tx_encoded_bytes", " B"), "—"),
    ("  disk ÷ encoded", ratio(r["disk_bytes_per_tx"], r["tx_encoded_bytes"]), "≤ 3×"),
    ("PostgreSQL bytes per row (the query table)", cell("pg_query_load", "bytes_per_row", " B"), "—"),
    ("Query data load into our node, events/s (10 per transaction)", cell("query_load", "load_events_per_s"), "—"),
]
command = "make bench" if mode == "full" else "make bench-quick"
with open(os.path.join(root, "BENCHMARKS.md"), "w") as f:
    f.write("# Benchmarks\n\n")
    f.write(f"Written by `{command}` (scripts/bench.sh) on commit `{commit}`: "
            f"{cores} cores, {r['machine']['memory_gib']} GiB, release build {build_seconds} s"
            + (f", then {int(measure_seconds) // 60} min {int(measure_seconds) % 60} s of measuring. " if measure_seconds else ". ")
            + "Every figure is the median of the repeated runs, with min–max and the run count. "
            "Ours and PostgreSQL ran on the same machine in the same run. "
            "How: scripts/bench.sh and the ct-bench driver in benchmarks/.\n\n")
    f.write("| measure | result | target |\n|---|---|---|\n")
    for name, value, target in rows:
        f.write(f"| {name} | {value} | {target} |\n")
    f.write("\nRaw figures of every run: `benchmarks/results.json` (key `runs`).\n")
    # What limits us: kept by hand in benchmarks/analysis.md, copied under the table.
    analysis = os.path.join(root, "benchmarks", "analysis.md")
    if os.path.exists(analysis):
        with open(analysis) as notes:
            f.write("\n" + notes.read())
