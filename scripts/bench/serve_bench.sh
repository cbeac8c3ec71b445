#!/usr/bin/env bash
# Benchmark of `oitscan serve` (issue 12): GET / latency (p50, p99, with wrk) while the service
# runs its maximum number of checks of the demo site, and checks finished per minute.
#   scripts/bench/serve_bench.sh [WORKERS] [CHECKS] [WRK_SECONDS]
# Everything runs on 127.0.0.1 inside a private network namespace (unshare -n).
set -euo pipefail
if [ "${OITSCAN_IN_NETNS:-}" != 1 ]; then exec env OITSCAN_IN_NETNS=1 unshare -n bash "$0" "$@"; fi
ip link set lo up
cd "$(dirname "$0")/../.."
workers=${1:-2}; checks=${2:-6}; seconds=${3:-20}
bin=build/oitscan
work=$(mktemp -d /tmp/oitscan-serve-bench-XXXXXX)
chmod 755 "$work"  # nginx workers (another user) read the site from here
port=18681; serve_port=18682
cleanup() {
  [ -n "${serve_pid:-}" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null || true
  bash scripts/demo-site/serve.sh stop "$work/nginx" || true
  rm -rf "$work"
}
trap cleanup EXIT
"$bin" rules site rules/bma-district-2568 --out "$work/site" > /dev/null
bash scripts/demo-site/serve.sh start "$work/nginx" "$port" "$work/site"
OITSCAN_DATA_DIR=$PWD "$bin" serve --db "$work/serve.sqlite" --out "$work/out" --listen "127.0.0.1:$serve_port" --allow-private \
  --resolve "www.bangna-demo.test:$port:127.0.0.1" --workers "$workers" --queue 100 --per-client 1000 --timeout 10 2> "$work/serve.log" &
serve_pid=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$serve_port/healthz" && break; sleep 0.1; done
base="http://127.0.0.1:$serve_port"

echo "== GET / idle"
wrk -t1 -c8 -d5s --latency "$base/" | grep -E "50%|99%|Requests/sec"

ids=()
start=$(date +%s.%N)
for i in $(seq "$checks"); do
  body=$(sed -e "s/18568/$port/g" -e "s/id: bangna-demo/id: bench-$i/" examples/demo/bangna.yaml)
  id=$(curl -s -H 'Content-Type: application/yaml' --data-binary "$body" "$base/api/checks" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  ids+=("$id")
done
echo "== GET / while $workers checks run ($checks queued)"
wrk -t1 -c8 -d"${seconds}s" --latency "$base/" | grep -E "50%|99%|Requests/sec"
echo "== GET /api/checks/ID while checks run"
wrk -t1 -c8 -d5s --latency "$base/api/checks/${ids[0]}" | grep -E "50%|99%|Requests/sec"
for id in "${ids[@]}"; do
  until curl -s "$base/api/checks/$id" | grep -q '"status":"\(done\|failed\)"'; do sleep 0.5; done
done
end=$(date +%s.%N)
python3 -c "import sys; n=$checks; t=$end-$start; print(f'== {n} checks of the demo site (22 items each) in {t:.1f} s with $workers workers: {n*60/t:.2f} checks per minute')"
