#!/usr/bin/env python3
"""Bytes on disk per committed transaction of one node (issue 7 item 5).

Checkpoints the chain's SQLite WAL into the main file (the node is stopped),
then divides the file's size (blocks + state + receipts + indexes) by the
committed transactions. Prints one JSON object."""
import glob, json, os, sqlite3, sys

home = sys.argv[1]
paths = glob.glob(os.path.join(home, "**", "chain.sqlite"), recursive=True)
if not paths:
    sys.exit(f"bench_disk: no chain.sqlite under {home}")
path = paths[0]
db = sqlite3.connect(path)
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
transactions = db.execute("SELECT count(*) FROM transactions").fetchone()[0]
blocks = db.execute("SELECT count(*) FROM blocks").fetchone()
db.close()
size = os.path.getsize(path) + sum(os.path.getsize(p) for p in (path + "-wal",) if os.path.exists(p))
print(json.dumps({
    "disk_bytes": size,
    "committed_transactions": transactions,
    "blocks": blocks[0],
    "disk_bytes_per_tx": round(size / transactions) if transactions else None,
}))
