#!/usr/bin/env bash
# Builds everything: the native library and test programs (build/), the Wasm
# modules (web/lib/actlab_core.wasm, actlab_core_simd.wasm and the activation-only
# actlab_activations.wasm via build-wasm/)
# the vendored Chart.js (web/vendor/chart.js, bundled by esbuild), and the page
# and the tutorial bundled, each also as one self-contained file, plus the
# training Worker (tools/build-page.mjs). Incremental: a
# second run takes a second or two.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh "${1:-build}"

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DACTLAB_WERROR=ON >/dev/null
cmake --build build -j"$(nproc)" >/dev/null

if [ ! -f build-wasm/CMakeCache.txt ]; then
  emcmake cmake -S . -B build-wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build build-wasm -j"$(nproc)" >/dev/null

# Chart.js: only the parts the page uses (tools/chart-entry.mjs), one ES
# module; rebuilt when the entry or the installed Chart.js changes.
mkdir -p web/vendor
if [ ! -f web/vendor/chart.js ] || [ tools/chart-entry.mjs -nt web/vendor/chart.js ] ||
   [ node_modules/chart.js/package.json -nt web/vendor/chart.js ]; then
  node_modules/.bin/esbuild tools/chart-entry.mjs --bundle --minify --format=esm \
    --legal-comments=inline --log-level=warning --outfile=web/vendor/chart.js
fi
rm -f web/vendor/chart.umd.min.js

# The page's code (web/lib/actlab-page.js with the files it loads,
# actlab-page-*.js: the digits widget and its images come when needed) and the
# single-file page (web/actlab-offline.html); esbuild takes well under a second.
node tools/build-page.mjs
# file.gz and file.br beside each compressible file of web/, for the server.
node tools/precompress.mjs
echo "build: native library in build/, web/lib/actlab_core{,_simd}.wasm and actlab_activations.wasm, web/vendor/chart.js, web/lib/actlab-{page,tutorial,worker}.js (with actlab-{page,tutorial}-*.js), web/actlab-offline.html, web/actlab-tutorial-offline.html" >&2
