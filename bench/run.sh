#!/usr/bin/env bash
# Builds (if needed) and runs the activation benchmark; prints the table and
# writes bench/results/latest.json. Not a test: figures go to docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
node bench/bench.mjs
