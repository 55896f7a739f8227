#!/usr/bin/env bash
# `make run`: a local 4-validator CrossTrace network on loopback with demo
# data, as separate `crosstrace node` processes (`crosstrace up --demo`).
# Prints each node's URL and each demo product's consumer URL (a GS1 Digital
# Link on node0's resolver); Ctrl-C stops every node. Data: $data/net.
set -euo pipefail
bin="$1"; data="$2"
mkdir -p "$data/labels"
code='https://id.gs1.org/01/06975432000017/21/FS0001'
for sym in qr gs1-128 datamatrix; do
  "$bin" code label --symbology "$sym" --format png --out "$data/labels/$sym.png" "$code"
done
printf 'Labels of demo product FS0001 (R-5.1-b): %s/labels/{qr,gs1-128,datamatrix}.png\n' "$data"
printf 'Starting 4 validators with demo data in %s/net (remove it to start afresh)...\n' "$data"
exec "$bin" up --demo --validators 4 --dir "$data/net"
