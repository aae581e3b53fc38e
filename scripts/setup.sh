#!/usr/bin/env bash
# Installs what ActLab needs on Debian (bookworm): apt packages that are
# missing, then the npm packages. Fast when everything is already there.
#   scripts/setup.sh build   - toolchain for building and serving the page
#   scripts/setup.sh test    - also clang's libFuzzer runtime, Chromium, and
#                              PyTorch (the exported code is run by the tests)
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-build}
packages=(cmake make gcc emscripten)
if [ "$mode" = test ]; then
  # fonts-wqy-microhei: Chinese glyphs in the screenshots the browser tests save
  # python3-torch, python3-numpy: the tests run the PyTorch code that
  # network.exportCode writes (with /usr/bin/python3) against the engine
  packages+=(clang libclang-rt-14-dev chromium fonts-wqy-microhei python3-torch python3-numpy)
fi
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]} with apt" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci only when package-lock.json changed since the last install.
stamp=node_modules/.actlab-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "setup: installing npm packages" >&2
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
