#!/usr/bin/env bash
# The README's first command: installs everything, builds, and runs the main job on the built-in
# example. Until `oitscan check` lands, the main job is the scoring core on bundled published
# results (examples/score/): it must print the totals and ratings the districts were given.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
for example in examples/score/*.json; do
  echo "== oitscan score --framework bma-district-2567 $example"
  build/oitscan score --framework bma-district-2567 "$example"
done
