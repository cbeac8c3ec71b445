#!/usr/bin/env bash
# Extraction throughput of `oitscan extract` on the fixture corpus, next to `pdftotext -raw` on the
# same PDFs in the same run, and OCR seconds per page. Writes the extract section of
# docs/benchmarks.md. Usage: scripts/bench/extract_bench.sh [ROUNDS] (default 20). Needs build/oitscan.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-20}
bin=build/oitscan
fx=tests/fixtures/docs
[ -x "$bin" ] || bash scripts/build.sh build
export OITSCAN_DATA_DIR=$PWD

now() { date +%s.%N; }
# time_loop ROUNDS CMD... : seconds for ROUNDS sequential runs of CMD (output discarded)
time_loop() {
  local n=$1; shift
  local t0 t1
  t0=$(now)
  for ((i = 0; i < n; i++)); do "$@" >/dev/null 2>&1 || true; done
  t1=$(now)
  echo "$t1 - $t0" | bc -l
}
fmt() { printf '%.1f' "$1"; }

pdfs=(thai-order.pdf)
others=(thai-order.docx thai-order.odt budget.xlsx budget.ods budget.csv ita-page-874.html)

rows=""
for f in "${pdfs[@]}"; do
  pages=$(pdfinfo "$fx/$f" | awk '/^Pages:/ {print $2}')
  size=$(stat -c %s "$fx/$f")
  list=()
  for ((i = 0; i < rounds; i++)); do list+=("$fx/$f"); done
  # Interleave the tools so all see the same machine load.
  t_batch=0 t_proc=0 t_ref=0
  for ((r = 0; r < 4; r++)); do
    t0=$(now); "$bin" extract --no-ocr --json "${list[@]}" >/dev/null; t1=$(now)
    t_batch=$(echo "$t_batch + $t1 - $t0" | bc -l)
    a=$(time_loop $((rounds / 4)) "$bin" extract --no-ocr --json "$fx/$f")
    b=$(time_loop $((rounds / 4)) pdftotext -raw "$fx/$f" -)
    t_proc=$(echo "$t_proc + $a" | bc -l)
    t_ref=$(echo "$t_ref + $b" | bc -l)
  done
  n=$(( (rounds / 4) * 4 ))
  ms_batch=$(echo "$t_batch * 1000 / (4 * $rounds)" | bc -l)
  ms_proc=$(echo "$t_proc * 1000 / $n" | bc -l)
  ms_ref=$(echo "$t_ref * 1000 / $n" | bc -l)
  r_batch=$(echo "$ms_ref / $ms_batch" | bc -l)
  r_proc=$(echo "$ms_ref / $ms_proc" | bc -l)
  rows+="| $f | $pages | $((size / 1024)) KiB | $(fmt "$ms_batch") ms ($(printf '%.2f' "$r_batch")×) | $(fmt "$ms_proc") ms ($(printf '%.2f' "$r_proc")×) | $(fmt "$ms_ref") ms |"$'\n'
done

# The whole text corpus (every fixture that needs no OCR), ROUNDS times, in one process.
corpus=(thai-order.pdf thai-order.docx thai-order.odt budget.xlsx budget.ods budget.csv budget-874.csv ita-page-874.html)
list=()
bytes=0
for ((i = 0; i < rounds; i++)); do
  for f in "${corpus[@]}"; do list+=("$fx/$f"); bytes=$((bytes + $(stat -c %s "$fx/$f"))); done
done
t0=$(now); "$bin" extract --no-ocr --json "${list[@]}" >/dev/null; t1=$(now)
corpus_s=$(echo "$t1 - $t0" | bc -l)
docs_per_s=$(echo "${#list[@]} / $corpus_s" | bc -l)
mb_per_s=$(echo "$bytes / 1048576 / $corpus_s" | bc -l)

other_rows=""
for f in "${others[@]}"; do
  size=$(stat -c %s "$fx/$f")
  t=$(time_loop "$rounds" "$bin" extract --no-ocr --json "$fx/$f")
  ms=$(echo "$t * 1000 / $rounds" | bc -l)
  other_rows+="| $f | $((size / 1024)) KiB | $(fmt "$ms") ms |"$'\n'
done

# In-process cost without process start-up: the whole corpus through one process is not exposed
# by the CLI, so the start-up share is estimated from an empty input.
: > /tmp/oitscan-bench-empty.txt
t_start=$(time_loop "$rounds" "$bin" extract --no-ocr --json /tmp/oitscan-bench-empty.txt)
ms_start=$(echo "$t_start * 1000 / $rounds" | bc -l)

# OCR: the one-page scan, end to end (render + tesseract tha+eng + normalise + dates), against the
# same page through the tools a user would chain by hand (pdftoppm + tesseract CLI), interleaved.
ocr_runs=4
tmp=$(mktemp -d)
s_ocr=0 s_manual=0
for ((i = 0; i < ocr_runs; i++)); do
  a=$(time_loop 1 "$bin" extract --json "$fx/thai-order-scanned.pdf")
  t0=$(now)
  pdftoppm -r 200 -png -f 1 -l 1 "$fx/thai-order-scanned.pdf" "$tmp/p" >/dev/null 2>&1
  OMP_THREAD_LIMIT=1 tesseract "$tmp"/p-1.png - -l tha+eng >/dev/null 2>&1
  t1=$(now)
  s_ocr=$(echo "$s_ocr + $a / $ocr_runs" | bc -l)
  s_manual=$(echo "$s_manual + ($t1 - $t0) / $ocr_runs" | bc -l)
done
rm -rf "$tmp"
load=$(cut -d' ' -f1-3 /proc/loadavg)

section=$(cat <<MD
<!-- extract:begin -->
## Extract (\`oitscan extract\`)

Measured by \`scripts/bench/extract_bench.sh $rounds\` on $(date -u +%Y-%m-%d) ($(nproc) cores, $(uname -m), load average
$load while measuring: the machine was shared, so treat single figures as ±30 %),
both tools interleaved in the same run. \`oitscan extract --no-ocr --json\`
does more than \`pdftotext -raw\`: sniffing (libmagic), the format table, Thai normalisation, quality
scoring, link and date extraction and JSON output.

| PDF | pages | size | oitscan extract, one process for the batch | oitscan extract, one process per file | pdftotext -raw (one process per file) |
|---|---|---|---|---|---|
${rows}
Ratios are speed relative to \`pdftotext -raw\` (above 1× = faster). A batch is how the crawler runs
(one long-lived process); one process per file pays oitscan's start-up (dynamic linking of
$(ldd "$bin" | wc -l) shared libraries, measured below) on every document.

Whole text corpus (${#corpus[@]} fixtures × $rounds, one process): $(printf '%.0f' "$docs_per_s") documents/s,
$(printf '%.1f' "$mb_per_s") MB/s.

Process start-up of \`oitscan extract\` on an empty file: $(fmt "$ms_start") ms.

| other fixture | size | oitscan extract |
|---|---|---|
${other_rows}
OCR (one A4 page scanned at 150 dpi, rendered at 200 dpi, tesseract 5 \`tha+eng\`, \`OMP_THREAD_LIMIT=1\`):
**$(printf '%.2f' "$s_ocr") s/page** end to end with \`oitscan extract\`, versus $(printf '%.2f' "$s_manual") s/page for
\`pdftoppm -r 200\` + \`tesseract\` by hand. OCR accuracy on that page is checked by the test suite
(CER printed by \`test_extract\`).
<!-- extract:end -->
MD
)
doc=docs/benchmarks.md
if [ ! -f "$doc" ]; then printf '# Benchmarks\n\n' > "$doc"; fi
python3 - "$doc" "$section" <<'PY'
import re, sys
path, section = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
pattern = re.compile(r"<!-- extract:begin -->.*?<!-- extract:end -->", re.S)
text = pattern.sub(lambda m: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
open(path, "w", encoding="utf-8").write(text)
PY
echo "$section"
