#!/usr/bin/env bash
# The full fault-injection run (tests/fault/fault_suite.py): many more broken bodies, server deaths,
# SIGKILLs of `scan` and failing output writes than the short seeded run CTest does. Builds first.
# Run as root for the write faults that need mounts (/dev/full bound over a file, a read-only
# folder, a full tmpfs); without root they are skipped and counted as such.
#   scripts/fault.sh [SEED]        (counts: build-fault/summary.json; docs/reliability.md reports them)
set -euo pipefail
cd "$(dirname "$0")/.."
seed=${1:-$(date +%s)}
build=${OITSCAN_BUILD_DIR:-build}
cmake --build "$build" -j2 --target oitscan fault_server warc_verify
mkdir -p build-fault
python3 tests/fault/fault_suite.py \
  --oitscan "$build/oitscan" --fault-server "$build/tests/fault/fault_server" --warc-verify "$build/tests/fault/warc_verify" \
  --source . --work build-fault/work --seed "$seed" \
  --bodies "${FAULT_BODIES:-30}" --server-deaths "${FAULT_SERVER_DEATHS:-12}" --kills "${FAULT_KILLS:-40}" \
  --units "${FAULT_UNITS:-4}" --kill-window 4 --write-rounds "${FAULT_WRITE_ROUNDS:-3}" \
  --summary build-fault/summary.json
