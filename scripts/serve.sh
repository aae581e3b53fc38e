#!/usr/bin/env bash
# Builds everything, then serves web/ on http://127.0.0.1:8080/ (PORT and
# HOST override). Stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh build
exec node scripts/serve.mjs
