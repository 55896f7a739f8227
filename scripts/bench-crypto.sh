#!/bin/sh
# Crypto micro-benchmark (not a test): crosstrace's sign/verify rates per scheme
# and SHA-256/SM3 throughput on 1 KiB messages, next to `openssl speed` on the
# same machine. Usage: scripts/bench-crypto.sh [SECONDS]   (default 1)
set -eu
seconds="${1:-1}"
cd "$(dirname "$0")/.."

swift build -c release --product crosstrace >/dev/null
bin="$(swift build -c release --show-bin-path)/crosstrace"

echo "== machine"
uname -m
nproc
openssl version

echo "== crosstrace bench-crypto --seconds $seconds (release build)"
"$bin" bench-crypto --seconds "$seconds"

echo "== openssl speed: hashes (see the 1024-byte column)"
openssl speed -seconds "$seconds" -bytes 1024 -evp sha256 2>/dev/null | tail -n 2
openssl speed -seconds "$seconds" -bytes 1024 -evp sm3 2>/dev/null | tail -n 2

echo "== openssl speed: signatures"
openssl speed -seconds "$seconds" ecdsap256 2>/dev/null | tail -n 2
openssl speed -seconds "$seconds" ed25519 2>/dev/null | tail -n 2
openssl speed -seconds "$seconds" sm2 2>/dev/null | tail -n 2
