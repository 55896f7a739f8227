#!/usr/bin/env bash
# What `make run` shows until the node network lands.
set -euo pipefail
bin="$1"; data="$2"
mkdir -p "$data"
"$bin" version
