#!/usr/bin/env bash
# Installs everything, builds, and runs the whole test suite twice: once in an optimised build,
# once under AddressSanitizer + UBSan. This is the README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
jobs=$(nproc)

echo "== build (RelWithDebInfo)"
bash scripts/build.sh build
echo "== tests (RelWithDebInfo)"
ctest --test-dir build --output-on-failure -j "$jobs"

if [ "${OITSCAN_SKIP_SANITIZERS:-0}" != 1 ]; then
  echo "== build (ASan+UBSan)"
  OITSCAN_SANITIZE=1 bash scripts/build.sh build-asan
  echo "== tests (ASan+UBSan)"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j "$jobs"
fi

# libFuzzer targets (clang), briefly, after the sanitizer run. Skip with OITSCAN_SKIP_FUZZ=1.
if [ "${OITSCAN_SKIP_FUZZ:-0}" != 1 ]; then
  echo "== fuzz (libFuzzer, clang)"
  bash scripts/fuzz.sh "${OITSCAN_FUZZ_SECONDS:-15}"
fi
