#!/usr/bin/env bash
# `make run`: what CrossTrace does today, end to end on this machine.
# The node network (issue: ledger and node) is not built yet, so there is no
# URL to open; this walks the trace-code, label, record and simulation tools.
set -euo pipefail
bin="$1"; data="$2"
mkdir -p "$data/labels"
code='https://id.gs1.org/01/09521234543213/10/ABC123/21/XYZ9?17=261231'
step() { printf '\n== %s\n$ crosstrace %s\n' "$1" "${*:2}"; "$bin" "${@:2}"; }

step "One trace code, read from its QR Digital Link (R-5.1)" code parse "$code"
step "The same unit as its RFID tag (SGTIN-96)" code convert --to epc-hex --company-prefix-length 7 --filter 3 \
  'https://id.gs1.org/01/80614141123458/21/6789'
step "…and read back from the tag" code parse 3074257BF7194E4000001A85
for sym in qr gs1-128 datamatrix; do
  "$bin" code label --symbology "$sym" --format png --out "$data/labels/$sym.png" "$code"
  "$bin" code label --symbology "$sym" --format svg --out "$data/labels/$sym.svg" "$code"
done
printf '\n== Labels (R-5.1-b) written to %s/labels: qr, gs1-128, datamatrix as PNG and SVG\n' "$data"
step "Completeness of a product's records, trader traceability (Tables 1–4)" \
  completeness --mode trader docs/examples/records.json
step "…and against full supply chain traceability" completeness --mode full docs/examples/records.json
if "$bin" --help | grep -qE "^ +sim "; then
  step "A simulated 4-validator BFT cluster under random faults (R-5.3.3)" \
    sim --seed 1 --validators 4 --heights 20 --faults all
fi
if [ ! -e "$data/net" ]; then
  step "The files of a local 4-validator network: CA, node keys and certificates, genesis per chain" \
    init --validators 4 --chains cbetc,cbeac --profile cbetc=standard,cbeac=national --out "$data/net"
else
  printf '\n== Network files already in %s/net (remove it to create them again)\n' "$data"
fi
printf '\nNo running network yet: `crosstrace node` and `crosstrace up` arrive with the rest of the node work.\n'
