#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/) with clang into build-fuzz/ and runs each briefly on a
# seed corpus made from tests/fixtures/docs (and, for the input readers, examples/, tests/fuzz/seeds/
# and rules/). Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] (default 15). Targets run side by side, one
# per core (OITSCAN_FUZZ_PARALLEL=N to change).
# A crash, leak, UB report or timeout fails the script; the reproducer is left in build-fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-${OITSCAN_FUZZ_SECONDS:-15}}
fixtures=tests/fixtures/docs
out=build-fuzz

launcher=()
if command -v ccache >/dev/null; then  # a second fuzz build (another worktree, a rerun) is mostly cache hits
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
CC=clang CXX=clang++ cmake -S . -B "$out" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DOITSCAN_FUZZ=ON -DOITSCAN_TESTS=OFF "${launcher[@]}" >/dev/null

# target -> seed files from the fixtures
declare -A seeds=(
  [fuzz_extract_html]="ita-page-874.html"
  [fuzz_extract_pdf]="thai-order.pdf truncated.pdf thai-order-objstm.pdf garbled-text-layer.pdf"
  [fuzz_extract_docx]="thai-order.docx"
  [fuzz_extract_xlsx]="budget.xlsx"
  [fuzz_extract_odt]="thai-order.odt"
  [fuzz_extract_ods]="budget.ods"
  [fuzz_extract_csv]="budget.csv budget-874.csv"
  [fuzz_extract_text]="thai-order.txt thai-order-strip.txt"
  [fuzz_extract_image]="thai-order-strip.png"
  [fuzz_dates]="thai-order.txt"
  [fuzz_charset]="budget-874.csv ita-page-874.html"
  [fuzz_sniff]="budget.csv thai-order.docx budget.ods truncated.pdf thai-order-strip.png"
  # input readers: seeds given by path from the repository root (a "/" in the name)
  [fuzz_submission_yaml]="examples/demo/bangna.yaml tests/fuzz/seeds/submission-odd.yaml"
  [fuzz_submission_csv]="tests/fuzz/seeds/units.csv tests/fuzz/seeds/units-quoted.csv"
  [fuzz_rule_loader]=""
)
targets=(${!seeds[@]})
IFS=$'\n' targets=($(sort <<<"${targets[*]}")); unset IFS
# OITSCAN_FUZZ_TARGETS="fuzz_rule_loader fuzz_sniff" limits the run to those targets.
if [ -n "${OITSCAN_FUZZ_TARGETS:-}" ]; then read -r -a targets <<<"$OITSCAN_FUZZ_TARGETS"; fi
cmake --build "$out" -j "${OITSCAN_FUZZ_JOBS:-$(nproc)}" --target "${targets[@]}"

mkdir -p "$out/artifacts"

# One target: its seed corpus, then libFuzzer for $seconds; the verdict in $out/$t.status.
fuzz_target() {
  local t=$1 corpus="$out/corpus/$1" s f n input
  mkdir -p "$corpus"
  for s in ${seeds[$t]}; do
    case "$s" in */*) cp -f "$s" "$corpus/" ;; *) cp -f "$fixtures/$s" "$corpus/" ;; esac
  done
  # The rule loader's first byte picks the file the rest replaces (odd: an item file, even: ruleset.yaml).
  if [ "$t" = fuzz_rule_loader ]; then
    for f in rules/bma-district-2568/O*.yaml; do { printf '\001'; cat "$f"; } > "$corpus/item-$(basename "$f")"; done
    { printf '\000'; cat rules/bma-district-2568/ruleset.yaml; } > "$corpus/ruleset.yaml"
  fi
  # Seed lines of the date table too: each a separate small input.
  if [ "$t" = fuzz_dates ]; then
    n=0
    while IFS=$'\t' read -r input _; do
      case "$input" in ''|\#*) continue ;; esac
      printf '%s' "$input" > "$corpus/row$((n++))"
    done < tests/thai/data/dates.tsv
  fi
  if ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      "$out/tests/fuzz/$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 -max_len=262144 \
      -artifact_prefix="$out/artifacts/$t-" -print_final_stats=1 "$corpus" >"$out/$t.log" 2>&1; then
    echo ok > "$out/$t.status"
  else
    echo failed > "$out/$t.status"
  fi
}

# Targets run side by side, one per core: each is single-threaded, and the whole run then costs
# about targets × seconds / cores instead of targets × seconds.
parallel=${OITSCAN_FUZZ_PARALLEL:-$(nproc)}
for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do wait -n || true; done
  rm -f "$out/$t.status"
  fuzz_target "$t" &
done
wait

failed=()
for t in "${targets[@]}"; do
  echo "== $t (${seconds}s)"
  if [ "$(cat "$out/$t.status" 2>/dev/null)" != ok ]; then
    failed+=("$t")
    tail -40 "$out/$t.log"
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$out/$t.log" | tr '\n' ' '
    echo
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]} (reproducers in $out/artifacts/)"
  exit 1
fi
echo "fuzz: ${#targets[@]} targets ran ${seconds}s each without a finding"
