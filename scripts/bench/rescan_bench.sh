#!/usr/bin/env bash
# An unchanged nightly rescan against the first scan of the same units, side by side in one run.
# What a user would otherwise run is the same `oitscan scan` again from scratch (before issue 9
# every rescan re-read and re-OCR'd everything: 95 % of the first scan's wall); the ratios below
# are second scan / first scan, measured in the same round on the same machine load.
#
# The farm: UNITS copies of the demo district site (`oitscan rules site`: the 22 items' passing
# and failing fixture sites, HTML, text PDFs, DOCX, XLSX, CSV) plus one scanned PDF per unit (OCR),
# each copy made distinct (a unit marker appended to every HTML page and PDF, so no two units share
# a digest), served by nginx on 127.0.0.1 under one host name per unit. Each round: a fresh output
# folder, `oitscan scan` (first), then the same scan again (second, nothing changed on the site).
# Measured with /usr/bin/time (wall, user+sys CPU, peak RSS); the WARC of the second scan is read
# back to count revisit and response records.
#
# Usage: scripts/bench/rescan_bench.sh [UNITS] [ROUNDS]   (default 6 units, 3 rounds). Needs build/oitscan.
# Writes the table to stdout; docs/benchmarks.md quotes it.
set -euo pipefail
cd "$(dirname "$0")/../.."
units=${1:-6}
rounds=${2:-3}
bin=${OITSCAN_BIN:-$PWD/build/oitscan}
[ -x "$bin" ] || { echo "build/oitscan is missing: cmake --build build" >&2; exit 2; }
export OITSCAN_DATA_DIR=$PWD OMP_THREAD_LIMIT=1
work=$(mktemp -d /tmp/oitscan-rescan-bench.XXXXXX)
chmod 755 "$work"  # nginx workers (www-data) read the site from here
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cleanup() { bash scripts/demo-site/serve.sh stop "$work/nginx" >/dev/null 2>&1 || true; rm -rf "$work"; }
[ -n "${KEEP:-}" ] || trap cleanup EXIT

# The farm.
"$bin" rules site rules/bma-district-2568 --out "$work/template" >/dev/null
mkdir -p "$work/site" "$work/units"
resolve=()
for ((u = 1; u <= units; u++)); do
  id=$(printf 'unit%02d' "$u")
  cp -r "$work/template" "$work/site/$id"
  cp tests/fixtures/docs/thai-order-scanned.pdf "$work/site/$id/scanned.pdf"
  # Distinct bytes per unit: a comment after </html>, a comment line after a PDF's %%EOF.
  find "$work/site/$id" -name '*.html' -exec sh -c 'printf "\n<!-- %s -->\n" "$0" >> "$1"' "$id" {} \;
  find "$work/site/$id" -name '*.pdf' -exec sh -c 'printf "\n%% %s\n" "$0" >> "$1"' "$id" {} \;
  host="www.$id.bench.test"
  resolve+=(--resolve "$host:$port:127.0.0.1")
  {
    echo "unit: {id: $id, name_th: สำนักงานเขตทดสอบ $u, website: 'http://$host:$port/demo/$id/'}"
    echo "framework: bma-district-2568"
    echo "items:"
    for ((i = 1; i <= 22; i++)); do
      extra=""
      [ "$i" = 1 ] && extra=", 'http://$host:$port/demo/$id/scanned.pdf'"
      echo "  O$i: ['http://$host:$port/demo/$id/O$i/pass/index.html'$extra]"
    done
  } > "$work/units/$id.yaml"
done
bash scripts/demo-site/serve.sh start "$work/nginx" "$port" "$work/site"
files=$(find "$work/site" -type f | wc -l)
bytes=$(du -sb "$work/site" | cut -f1)

# measure NAME OUTDIR : runs the scan, appends "wall cpu rss_mb" to $work/NAME.times
measure() {
  local name=$1 out=$2
  /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" \
    "$bin" scan "$work/units" --db "$out/history.sqlite" --out "$out" --allow-private "${resolve[@]}" \
    >/dev/null 2>"$work/$name.stderr" || true
  read -r wall user sys rss < <(tail -n 1 "$work/time.txt")  # after "Command exited with non-zero status" when items failed
  echo "$wall $(echo "$user + $sys" | bc -l) $((rss / 1024))" >> "$work/$name.times"
}

revisits=0 responses=0 responses304=0
for ((r = 1; r <= rounds; r++)); do
  out="$work/out$r"
  measure first "$out"
  measure second "$out"
  # The second night's archives: one revisit per 304, no response record holding a 304.
  # Counted by an independent reader (webrecorder's warcio, tests/tools/warc_dump.mjs).
  for f in "$out"/unit*/evidence.warc.gz; do node tests/tools/warc_dump.mjs "$f"; done > "$work/dump.jsonl"
  revisits=$(grep -c '"type":"revisit"' "$work/dump.jsonl" || true)
  responses=$(grep -c '"type":"response"' "$work/dump.jsonl" || true)
  responses304=$(grep '"type":"response"' "$work/dump.jsonl" | grep -c '"http_status":304' || true)
  reads=$(grep -o 'documents read [0-9]*, reused from the extraction cache [0-9]*' "$work/second.stderr" || echo "n/a")
  rm -rf "$out"
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
col() { awk -v c="$2" '{print $c}' "$work/$1.times"; }
range() { col "$1" "$2" | sort -n | awk 'NR==1{lo=$1} {hi=$1} END {printf "%s–%s", lo, hi}'; }
fw=$(col first 1 | median); fc=$(col first 2 | median); fr=$(col first 3 | median)
sw=$(col second 1 | median); sc=$(col second 2 | median); sr=$(col second 3 | median)

echo "$units units, $files files ($((bytes / 1024 / 1024)) MB) on 127.0.0.1, $rounds rounds, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| scan | wall s (median, range) | CPU s (median, range) | peak RSS MB |"
echo "|---|---:|---:|---:|"
echo "| first (empty cache) | $fw ($(range first 1)) | $fc ($(range first 2)) | $fr |"
echo "| second (unchanged) | $sw ($(range second 1)) | $sc ($(range second 2)) | $sr |"
printf '| **second / first** | **%.0f %%** | **%.0f %%** | |\n' "$(echo "100 * $sw / $fw" | bc -l)" "$(echo "100 * $sc / $fc" | bc -l)"
echo
echo "Second scan, last round: $revisits revisit records, $responses response records, $responses304 response records of a 304; $reads."
