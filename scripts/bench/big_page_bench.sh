#!/usr/bin/env bash
# Peak memory of `oitscan check` of a unit whose O1 page links 60 documents of 15 MB each (issue 9:
# "a unit's whole corpus is held in memory", 981 MB before streaming). Each document is a real text
# PDF (tests/fixtures/docs/thai-order.pdf) carrying a 15 MB attachment of incompressible bytes, as
# a signed order with its scanned annex is; nginx on 127.0.0.1 serves them. Prints wall, CPU, peak
# RSS, the evidence archive's size and how many documents were read.
# Usage: scripts/bench/big_page_bench.sh [BINARY...]   (default build/oitscan; several = side by side)
set -euo pipefail
cd "$(dirname "$0")/../.."
bins=("$@")
[ ${#bins[@]} -gt 0 ] || bins=("$PWD/build/oitscan")
export OITSCAN_DATA_DIR=$PWD OMP_THREAD_LIMIT=1
docs=${BIG_PAGE_DOCS:-60}
mb=${BIG_PAGE_MB:-15}
work=$(mktemp -d /tmp/oitscan-big-page.XXXXXX)
chmod 755 "$work"  # nginx workers (www-data) read the site from here
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cleanup() { bash scripts/demo-site/serve.sh stop "$work/nginx" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/site"
links=""
for i in $(seq -w 1 "$docs"); do
  head -c $((mb * 1000 * 1000)) /dev/urandom > "$work/annex.bin"
  pdfattach tests/fixtures/docs/thai-order.pdf "$work/annex.bin" "$work/site/order-$i.pdf"
  links+="<li><a href=\"order-$i.pdf\">ดาวน์โหลด คำสั่งเขต ฉบับที่ $i (pdf)</a></li>"
done
rm -f "$work/annex.bin"
cat > "$work/site/index.html" <<HTML
<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>ข้อมูลพื้นฐาน</title></head>
<body><h1>ข้อมูลพื้นฐานของสำนักงานเขต</h1><ul>$links</ul></body></html>
HTML
cat > "$work/unit.yaml" <<YAML
unit: {id: bigpage, name_th: สำนักงานเขตทดสอบ, website: 'http://www.big.bench.test:$port/demo/'}
framework: bma-district-2568
items:
  O1: ['http://www.big.bench.test:$port/demo/index.html']
YAML
bash scripts/demo-site/serve.sh start "$work/nginx" "$port" "$work/site"
echo "site: $docs documents, $(du -sm "$work/site" | cut -f1) MB; load $(cut -d' ' -f1-3 /proc/loadavg)"
for bin in "${bins[@]}"; do
  rm -rf "$work/out"
  /usr/bin/time -f "$bin: wall %e s, CPU %U+%S s, peak RSS %M KB" "$bin" check "$work/unit.yaml" --out "$work/out" --allow-private \
    --resolve "www.big.bench.test:$port:127.0.0.1" > /dev/null || true
  python3 - "$work/out/results.json" <<'PY' || true
import json, sys
r = json.load(open(sys.argv[1]))
docs = [e for i in r.get("items", []) for q in i.get("requirements", []) for e in q.get("evidence", [])]
print("  results.json written; evidence entries:", len(docs))
PY
  echo "  evidence.warc.gz: $(du -m "$work/out/evidence.warc.gz" | cut -f1) MB; captures: $(ls "$work/out/captures" 2>/dev/null | wc -l) files"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
