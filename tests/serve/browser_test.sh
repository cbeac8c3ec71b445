#!/usr/bin/env bash
# Runs browser_test.py against a real stack: nginx serving the demo site, `oitscan serve` checking
# it, an auditor created with `oitscan auditor add`. Everything runs in a private network namespace
# (unshare -n, loopback only): chromium never sends a name to a resolver.
#   browser_test.sh OITSCAN_BINARY SOURCE_DIR [SCREENSHOT_DIR]
set -euo pipefail
if [ "${OITSCAN_IN_NETNS:-}" != 1 ]; then
  exec env OITSCAN_IN_NETNS=1 unshare -n bash "$0" "$@"
fi
ip link set lo up
bin=$1; src=$2; shots=${3:-$src/docs}
work=$(mktemp -d /tmp/oitscan-browser-XXXXXX)
chmod 755 "$work"  # nginx workers (another user) read the site from here
port=18671; serve_port=18672
cleanup() {
  [ -n "${serve_pid:-}" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null || true
  bash "$src/scripts/demo-site/serve.sh" stop "$work/nginx" || true
  rm -rf "$work"
}
trap cleanup EXIT
"$bin" rules site "$src/rules/bma-district-2568" --out "$work/site" > /dev/null
mkdir -p "$work/site/O1/evil"
cat > "$work/site/O1/evil/index.html" <<'HTML'
<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>ประกาศ</title></head>
<body><h1>ประกาศ</h1><p>ประกาศสำนักงานเขต</p>
<script>document.title = "pwned"; document.body.dataset.ran = "yes";</script></body></html>
HTML
bash "$src/scripts/demo-site/serve.sh" start "$work/nginx" "$port" "$work/site"
printf 'browser-test-password\n' | "$bin" auditor add auditor-a --db "$work/serve.sqlite" > /dev/null
"$bin" serve --db "$work/serve.sqlite" --out "$work/out" --listen "127.0.0.1:$serve_port" --allow-private \
  --resolve "www.bangna-demo.test:$port:127.0.0.1" --timeout 10 2> "$work/serve.log" &
serve_pid=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$serve_port/healthz" && break; sleep 0.1; done
mkdir -p "$shots"
if ! /usr/bin/python3 "$src/tests/serve/browser_test.py" "http://127.0.0.1:$serve_port" "http://www.bangna-demo.test:$port/demo/" \
    auditor-a browser-test-password "$shots"; then
  cat "$work/serve.log" >&2
  exit 1
fi
