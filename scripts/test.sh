#!/usr/bin/env bash
# Runs every test suite and ends with one line "N passed, N failed":
#   1. native build with -Wall -Wextra -Werror: CTest suites
#   2. AddressSanitizer + UndefinedBehaviorSanitizer build: the same suites
#   3. libFuzzer (clang) over the public entry points, briefly (FUZZ_SECONDS, default 20)
#   4. Jest: the JS API through the Wasm module, and the page in Chromium
# Exits non-zero if anything failed. Installs what it needs (scripts/setup.sh test).
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
report() { # name passed failed
  echo "== $1: $2 passed, $3 failed"
  passed=$((passed + $2))
  failed=$((failed + $3))
}

# Counts from CTest's summary line "N% tests passed, F tests failed out of T".
run_ctest() { # name build-dir
  local log
  log=$(cd "$2" && ctest --output-on-failure 2>&1)
  echo "$log" | grep -v "^ *Start\|^Test project" | sed 's/^/   /'
  local line
  line=$(echo "$log" | grep -E "tests failed out of [0-9]+" | tail -1)
  if [ -z "$line" ]; then
    report "$1" 0 1
    return
  fi
  local f t
  f=$(echo "$line" | sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\1/')
  t=$(echo "$line" | sed -E 's/.* tests failed out of ([0-9]+).*/\1/')
  report "$1" $((t - f)) "$f"
}

if ! scripts/build.sh test; then
  echo "== build failed"
  report build 0 1
  echo "$passed passed, $failed failed"
  exit 1
fi

echo "== native (-Werror) CTest"
run_ctest "ctest (native, -Werror)" build

echo "== ASan + UBSan CTest"
if cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DACTLAB_SANITIZE=ON -DACTLAB_WERROR=ON >/dev/null &&
   cmake --build build-sanitize -j"$(nproc)" >/dev/null; then
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 run_ctest "ctest (ASan+UBSan)" build-sanitize
else
  report "ctest (ASan+UBSan) build" 0 1
fi

echo "== libFuzzer"
if CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DACTLAB_FUZZ=ON >/dev/null &&
   cmake --build build-fuzz --target fuzz_actlab -j"$(nproc)" >/dev/null; then
  mkdir -p build-fuzz/corpus
  if build-fuzz/fuzz_actlab -max_total_time="${FUZZ_SECONDS:-20}" -print_final_stats=1 \
       build-fuzz/corpus >build-fuzz/fuzz.log 2>&1; then
    echo "   $(grep -E '^stat::number_of_executed_units' build-fuzz/fuzz.log | sed 's/.*: *//') inputs, no failure"
    report "libFuzzer" 1 0
  else
    tail -30 build-fuzz/fuzz.log
    report "libFuzzer" 0 1
  fi
else
  report "libFuzzer build" 0 1
fi

echo "== Jest (JS API and browser)"
mkdir -p test-artifacts
NODE_OPTIONS=--experimental-vm-modules npx jest --json --outputFile=test-artifacts/jest.json \
  >test-artifacts/jest.log 2>&1
grep -E "✕|●|Tests:|Test Suites:" test-artifacts/jest.log | head -60 | sed 's/^/   /'
if [ -f test-artifacts/jest.json ]; then
  read -r jp jf < <(node -e '
    const r = JSON.parse(require("fs").readFileSync("test-artifacts/jest.json", "utf8"));
    // A suite that fails to load has no test results: count it as a failure.
    const broken = r.testResults.filter((s) => s.status === "failed" && s.assertionResults.length === 0).length;
    console.log(r.numPassedTests, r.numFailedTests + broken);')
  report "jest" "$jp" "$jf"
else
  tail -30 test-artifacts/jest.log
  report "jest" 0 1
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
