#!/usr/bin/env bash
# Builds (if needed) and runs the benchmarks; not tests: figures go to
# docs/performance.md.
#   bench/run.sh              both
#   bench/run.sh activations  f and f' of every activation (bench/bench.mjs,
#                             also writes bench/results/latest.json)
#   bench/run.sh network      the playground network: training and grids
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
case "${1:-all}" in
  activations) node bench/bench.mjs ;;
  network) node bench/network.mjs ;;
  all) node bench/bench.mjs && node bench/network.mjs ;;
  *) echo "usage: bench/run.sh [activations|network]" >&2; exit 2 ;;
esac
