#!/usr/bin/env bash
# OCR of one multi-page scan (issue 9: "a multi-page scan alone: wall <= 1.2 x CPU / cores").
# Builds a scan of PAGES pages (the four pages of the thai-order fixture, repeated, rendered to
# greyscale JPEG at 150 dpi and wrapped into a PDF with img2pdf: what a district's scanner makes),
# then runs, interleaved, ROUNDS times each:
#   oitscan      `oitscan extract --json SCAN.pdf` (pages rendered and OCR'd on the CPU pool,
#                tesseract's API in the process)
#   cli-seq      the old way by hand: pdftoppm -r 200 to PNG, then the tesseract CLI per page,
#                one after another (OMP_THREAD_LIMIT=1, as the old extractor ran it)
#   cli-xargs    the same, `xargs -P CORES`, one process per core (what the old extractor did)
#   old-oitscan  only when OCR_BENCH_OLD=PATH names an oitscan binary built before this change
# and prints a Markdown table: medians (and ranges) of wall, CPU (user+sys), peak RSS (the largest
# single process for the CLI pipelines), and wall / (CPU / cores).
# Usage: scripts/bench/ocr_bench.sh [PAGES] [ROUNDS]   (default 8 pages, 3 rounds).
# OCR_BENCH_NICE=N runs every measured command at that niceness (-20 needs root): on a machine
# shared with other work at niceness 0, the measured commands then get nearly all of the cores
# while they run, so wall / (CPU / cores) says how well they use the cores, not how busy the
# machine was. The table says which niceness was used.
set -euo pipefail
cd "$(dirname "$0")/../.."
pages=${1:-8}
rounds=${2:-3}
bin=$PWD/build/oitscan
old=${OCR_BENCH_OLD:-}
nice_prefix=()
[ -n "${OCR_BENCH_NICE:-}" ] && nice_prefix=(nice -n "$OCR_BENCH_NICE")
[ -x "$bin" ] || bash scripts/build.sh build
export OITSCAN_DATA_DIR=$PWD
cores=$(nproc)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pdftoppm -r 150 -gray -jpeg -jpegopt quality=80 tests/fixtures/docs/thai-order.pdf "$work/src"
mapfile -t sources < <(ls "$work"/src-*.jpg | sort)
jpgs=()
for ((i = 0; i < pages; i++)); do jpgs+=("${sources[i % ${#sources[@]}]}"); done
img2pdf "${jpgs[@]}" -o "$work/scan.pdf"
scan=$work/scan.pdf

# The CLI pipelines: render every page to PNG, then OCR each page with its own tesseract process.
cat > "$work/cli.sh" <<'SH'
#!/usr/bin/env bash
set -euo pipefail
scan=$1 out=$2 parallel=$3
rm -rf "$out"; mkdir -p "$out"
pdftoppm -r 200 -png "$scan" "$out/p"
ls "$out"/p-*.png | OMP_THREAD_LIMIT=1 xargs -P "$parallel" -I{} sh -c 'tesseract "$1" stdout -l tha+eng >"$1.txt" 2>/dev/null' _ {}
SH
chmod +x "$work/cli.sh"

# measure NAME CMD... : appends "wall cpu rss_kb" to $work/NAME.times
measure() {
  local name=$1; shift
  "${nice_prefix[@]}" /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  read -r wall user sys rss < "$work/t"
  echo "$wall $(echo "$user + $sys" | bc -l) $rss" >> "$work/$name.times"
}

variants=(oitscan cli-seq cli-xargs)
[ -n "$old" ] && variants+=(old-oitscan)
load_before=$(cut -d' ' -f1 /proc/loadavg)
for ((r = 0; r < rounds; r++)); do
  for v in "${variants[@]}"; do
    case $v in
      oitscan) measure "$v" "$bin" extract --json "$scan" ;;
      cli-seq) measure "$v" "$work/cli.sh" "$scan" "$work/seq" 1 ;;
      cli-xargs) measure "$v" "$work/cli.sh" "$scan" "$work/par" "$cores" ;;
      old-oitscan) measure "$v" "$old" extract --json "$scan" ;;
    esac
  done
done
load_after=$(cut -d' ' -f1 /proc/loadavg)

# Every variant must have read every page: the pages in oitscan's JSON that came from OCR.
ocr_pages=$("$bin" extract --json "$scan" | python3 -c '
import json, sys
d = json.load(sys.stdin)
d = d[0] if isinstance(d, list) else d
print(sum(1 for p in d["pages"] if any("text from OCR" in n for n in p["notes"])))')
[ "$ocr_pages" -eq "$pages" ] || { echo "oitscan OCR'd $ocr_pages of $pages pages" >&2; exit 1; }

# column FILE N: the values of column N, sorted
column() { awk -v c="$2" '{print $c}' "$1" | sort -g; }
median() { local -a v; mapfile -t v < <(column "$1" "$2"); echo "${v[$(( ${#v[@]} / 2 ))]}"; }
range() { local -a v; mapfile -t v < <(column "$1" "$2"); printf '%.1f–%.1f' "${v[0]}" "${v[-1]}"; }

echo "OCR of a $pages-page scan ($(stat -c %s "$scan") bytes), $cores cores, $rounds rounds interleaved;"
echo "load average $load_before before, $load_after after; niceness ${OCR_BENCH_NICE:-0}."
echo
echo "| what | wall s (range) | CPU s (range) | peak RSS | wall / (CPU / $cores) |"
echo "|---|---:|---:|---:|---:|"
for v in "${variants[@]}"; do
  f=$work/$v.times
  wall=$(median "$f" 1) cpu=$(median "$f" 2) rss=$(median "$f" 3)
  ratio=$(echo "$wall / ($cpu / $cores)" | bc -l)
  printf '| %s | %.1f (%s) | %.1f (%s) | %d MB | %.2f |\n' "$v" "$wall" "$(range "$f" 1)" "$cpu" "$(range "$f" 2)" \
    $((rss / 1024)) "$ratio"
done
