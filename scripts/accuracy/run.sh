#!/usr/bin/env bash
# The accuracy run: generate district sites with planted defects (generate.py), serve them with one
# nginx on 127.0.0.1 plus a stalling host (slow_server.py), run `oitscan check` on every site and
# compare with the ground truth (compare.py). Exit 1 when any verdict is wrong.
#   run.sh [--sites K] [--seed N] [--out DIR] [--report]
# Env: OITSCAN_BIN (default build/oitscan), OITSCAN_ACCURACY_PORT (default 18600; +1 for the slow host),
#      OITSCAN_PYTHON (default /usr/bin/python3: python3-gi is a Debian package of the system python).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/scripts/accuracy"
sites=3 seed=1 out="$root/build/accuracy" report=0
while [ $# -gt 0 ]; do
  case "$1" in
    --sites) sites=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --out) out=$(realpath -m "$2"); shift 2 ;;
    --report) report=1; shift ;;
    *) echo "usage: run.sh [--sites K] [--seed N] [--out DIR] [--report]" >&2; exit 2 ;;
  esac
done
bin=${OITSCAN_BIN:-build/oitscan}
case "$bin" in /*) ;; *) bin="$root/$bin" ;; esac
py=${OITSCAN_PYTHON:-/usr/bin/python3}
port=${OITSCAN_ACCURACY_PORT:-18600}
slow_port=$((port + 1))
[ -x "$bin" ] || { echo "run.sh: no oitscan binary at $bin (set OITSCAN_BIN)" >&2; exit 2; }

rm -rf "$out" && mkdir -p "$out/nginx/tmp" "$out/results"
start=$(date +%s)
"$py" "$here/generate.py" --out "$out/corpus" --seed "$seed" --sites "$sites" --port "$port" --slow-port "$slow_port"

# The stalling host; it also backs the /slow/ path of every district (nginx proxies it).
"$py" "$here/slow_server.py" "$slow_port" 8 900 &
slow_pid=$!
sed -e "s|@PREFIX@|$out/nginx|g" -e "s|@SITES@|$out/corpus/sites.conf|g" "$here/nginx.conf.in" > "$out/nginx/nginx.conf"
nginx -p "$out/nginx" -c "$out/nginx/nginx.conf" -e "$out/nginx/error.log"
cleanup() {
  nginx -p "$out/nginx" -c "$out/nginx/nginx.conf" -e "$out/nginx/error.log" -s quit 2>/dev/null || true
  kill "$slow_pid" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 50); do
  curl -s -o /dev/null --resolve "district-1.test:$port:127.0.0.1" "http://district-1.test:$port/" && break
  sleep 0.1
done

resolve=()
while read -r host; do resolve+=(--resolve "$host:$port:127.0.0.1"); done < "$out/corpus/hosts.txt"
resolve+=(--resolve "slow.cdn-bkk.test:$slow_port:127.0.0.1")
for sub in "$out"/corpus/district-*.yaml; do
  unit=$(basename "$sub" .yaml)
  echo "== oitscan check $unit" >&2
  # Exit 1 (some item failed) is the normal case here; only the results matter.
  timeout 600 "$bin" check "$sub" --out "$out/results/$unit" --rules "$root/rules/bma-district-2568" \
    "${resolve[@]}" --allow-private --timeout 3 > "$out/results/$unit.log" 2>&1 || true
done
echo "== ran $sites sites in $(( $(date +%s) - start )) s" >&2

cmd="scripts/accuracy/run.sh --sites $sites --seed $seed"
args=(--corpus "$out/corpus" --results "$out/results" --command "$cmd")
[ "$report" = 1 ] && args+=(--report "$root/docs/accuracy.md")
"$py" "$here/compare.py" "${args[@]}"
