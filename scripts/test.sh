#!/usr/bin/env bash
# Installs everything, builds, and runs the whole test suite twice: once in an optimised build,
# once under AddressSanitizer + UBSan; then the libFuzzer targets briefly. This is the README's
# test command and what CI runs. OITSCAN_SKIP_SANITIZERS=1 / OITSCAN_SKIP_FUZZ=1 skip those parts.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
jobs=$(nproc)
# Tests wait on servers, browsers and timers more than they compute: one more than the cores keeps
# the cores busy (measured: the optimised suite in 6 min with 3 at once on 2 cores).
test_jobs=$((jobs + 1))
logs=()

run_ctest() {  # run_ctest BUILD_DIR: every test, output kept for the summary line
  ctest --test-dir "$1" --output-on-failure -j "$test_jobs" | tee "$1/ctest-summary.log"
  logs+=("$1/ctest-summary.log")
}

echo "== build (RelWithDebInfo)"
bash scripts/build.sh build
echo "== tests (RelWithDebInfo)"
run_ctest build

if [ "${OITSCAN_SKIP_SANITIZERS:-0}" != 1 ]; then
  echo "== build (ASan+UBSan)"
  OITSCAN_SANITIZE=1 bash scripts/build.sh build-asan
  echo "== tests (ASan+UBSan)"
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  run_ctest build-asan
  unset ASAN_OPTIONS UBSAN_OPTIONS
fi

# libFuzzer targets (clang), briefly, after the sanitizer run.
if [ "${OITSCAN_SKIP_FUZZ:-0}" != 1 ]; then
  echo "== fuzz (libFuzzer, clang)"
  bash scripts/fuzz.sh "${OITSCAN_FUZZ_SECONDS:-15}"
fi

# One closing line over both test runs (ctest's own lines are above).
sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\1 \2/p' "${logs[@]}" |
  awk '{failed += $1; total += $2} END {printf "tests: %d passed, %d failed\n", total - failed, failed}'
