#!/usr/bin/env bash
# Peak memory of the hostile workbook of issue 9 (300 sheets that all point at one worksheet part
# inflating to 18 MB): `oitscan extract` of the file, and `oitscan check` of a unit whose O1 page
# links it (nginx on 127.0.0.1). Prints wall, CPU and peak RSS of each, and their outcomes.
# Usage: scripts/bench/sheet_bomb_bench.sh. Needs build/oitscan.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${OITSCAN_BIN:-$PWD/build/oitscan}
export OITSCAN_DATA_DIR=$PWD OMP_THREAD_LIMIT=1
work=$(mktemp -d /tmp/oitscan-sheet-bomb.XXXXXX)
chmod 755 "$work"  # nginx workers (www-data) read the site from here
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cleanup() { bash scripts/demo-site/serve.sh stop "$work/nginx" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/site"
python3 scripts/bench/make_sheet_bomb.py "$work/site/budget.xlsx" 300 18
cat > "$work/site/index.html" <<HTML
<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>ข้อมูลพื้นฐาน</title></head>
<body><h1>ข้อมูลพื้นฐานของสำนักงานเขต</h1><p><a href="budget.xlsx">ดาวน์โหลด งบประมาณ (xlsx)</a></p></body></html>
HTML
cat > "$work/unit.yaml" <<YAML
unit: {id: bomb, name_th: สำนักงานเขตทดสอบ, website: 'http://www.bomb.bench.test:$port/demo/'}
framework: bma-district-2568
items:
  O1: ['http://www.bomb.bench.test:$port/demo/index.html']
YAML
bash scripts/demo-site/serve.sh start "$work/nginx" "$port" "$work/site"
echo "input: $(stat -c %s "$work/site/budget.xlsx") bytes"
# 1. `oitscan extract --json` of the file alone (the extract stage's own text budget).
/usr/bin/time -f 'extract --json: wall %e s, CPU %U+%S s, peak RSS %M KB' "$bin" extract --json "$work/site/budget.xlsx" \
  > "$work/extract.json" || true
python3 - "$work/extract.json" <<'PY' || true
import json, sys
d = json.load(open(sys.argv[1]))
text = sum(len(p.get("text", "").encode()) for p in d.get("pages", []))
print("extract outcome:", d.get("outcome"), "| parts:", len(d.get("pages", [])), "| text bytes:", text,
      "| dates:", len(d.get("dates", [])), "| JSON bytes:", len(open(sys.argv[1], "rb").read()))
for w in d.get("warnings", [])[-2:]:
    print("  warning:", w)
PY
# 2. `oitscan check` of a unit whose O1 page links the file (gather's per-document budget, the rule
# engine's text index).
/usr/bin/time -f 'check: wall %e s, CPU %U+%S s, peak RSS %M KB' "$bin" check "$work/unit.yaml" --out "$work/out" --allow-private \
  --resolve "www.bomb.bench.test:$port:127.0.0.1" > /dev/null || true
python3 - "$work/out/results.json" <<'PY' || true
import json, sys
r = json.load(open(sys.argv[1]))
for item in r.get("items", []):
    if item.get("id") == "O1":
        print("check O1:", item.get("verdict"), "|", "; ".join(q["id"] + " " + q["verdict"] for q in item.get("requirements", [])))
PY
