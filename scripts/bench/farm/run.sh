#!/usr/bin/env bash
# The farm benchmark (issue 9): N realistic district sites (make_farm.py, built on the accuracy
# corpus generator) served by one nginx on 127.0.0.1 under N host names, half of them over TLS with
# a CA made here. In every round, interleaved so all see the same machine load:
#   curl   --parallel --parallel-max C, every URL a scan fetches (urls.txt), --resolve, --cacert
#   wget2  --max-threads=C, the same URLs, names from a private hosts file bind-mounted over
#          /etc/hosts inside a mount namespace only (unshare -m; skipped with a note without it)
#   scan1  `oitscan scan` of the N submissions, empty database, cache and output (first night)
#   scan2  the same scan again, nothing changed on the sites (second night)
#   extract `oitscan extract --json` of every file the scan reads (item pages and documents), one
#          process, OCR on: the CPU time of extraction + OCR alone
# Each is measured with /usr/bin/time (wall, user+sys CPU of the process and its children, peak
# RSS). After scan2 its WARC files are read back with warcio (tests/tools/warc_dump.mjs) to count
# revisit and response records and any response holding a 304; scan's closing line on stderr gives
# the documents read and reused. The Markdown table (medians and ranges, ratios) goes to stdout.
#
# Distributed mode (issue 13), with --workers "1 2 4": after the rounds, a throwaway PostgreSQL
# cluster (tests/queue/pg_cluster.sh); for each count W, the N submissions enqueued as one run and
# W `oitscan worker --slots 1 --exit-when-idle` processes started at once; the wall time until the
# last exits, against the single-process first scan of the last round (same farm, same flags). A
# second Markdown table (units per minute per worker count) follows the first.
#
# usage: scripts/bench/farm/run.sh [--sites N] [--rounds R] [--max-pages M] [--scan-share F] [--out DIR] [--check]
#                                  [--workers "W1 W2 ..."]
#   --max-pages: the longest text PDF (default 120); --scan-share: share of the PDFs that are
#            scans of 1-5 pages (default 0.15, about 10 % of all documents)
#   --check: exit 1 unless the table is complete, scan2 read 0 documents, wrote one revisit per
#            304 and no response record with a 304 status (what the CTest test asserts; no timing).
# Env: OITSCAN_BIN (default build/oitscan), OITSCAN_FARM_PORT (default 18720; +1 is the TLS port),
#      FARM_CONCURRENCY (curl/wget2 transfers at once, default 64: oitscan's total default).
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
here="$root/scripts/bench/farm"
sites=50 rounds=3 max_pages=120 scan_share=0.15 out="$root/build/farm" check=0 workers=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sites) sites=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --max-pages) max_pages=$2; shift 2 ;;
    --scan-share) scan_share=$2; shift 2 ;;
    --out) out=$(realpath -m "$2"); shift 2 ;;
    --check) check=1; shift ;;
    --workers) workers=$2; shift 2 ;;
    *) echo "usage: run.sh [--sites N] [--rounds R] [--max-pages M] [--scan-share F] [--out DIR] [--check] [--workers \"1 2 4\"]" >&2; exit 2 ;;
  esac
done
bin=${OITSCAN_BIN:-build/oitscan}
case "$bin" in /*) ;; *) bin="$root/$bin" ;; esac
[ -x "$bin" ] || { echo "run.sh: no oitscan binary at $bin (set OITSCAN_BIN)" >&2; exit 2; }
port=${OITSCAN_FARM_PORT:-18720}
tls_port=$((port + 1))
conc=${FARM_CONCURRENCY:-64}
export OITSCAN_DATA_DIR=${OITSCAN_DATA_DIR:-$root} OMP_THREAD_LIMIT=1
cd "$root"

rm -rf "$out" && mkdir -p "$out/nginx/tmp" "$out/tls" "$out/m"
chmod 755 "$out"
t0=$(date +%s)
/usr/bin/python3 "$here/make_farm.py" --out "$out/corpus" --sites "$sites" --port "$port" --tls-port "$tls_port" \
  --max-pages "$max_pages" --scan-share "$scan_share"
chmod -R a+rX "$out/corpus"
echo "== corpus generated in $(( $(date +%s) - t0 )) s" >&2

# A CA made for this run, and one server certificate it signs, naming every TLS host.
tls="$out/tls"
sans=$(awk '$3 == "tls" { printf "%sDNS:%s", (n++ ? "," : ""), $1 }' "$out/corpus/hosts.txt")
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=oitscan farm benchmark CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout "$tls/ca.key" -out "$tls/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=district.farm.test" -keyout "$tls/server.key" -out "$tls/server.csr" 2>/dev/null
printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' "${sans:-DNS:none.farm.test}" > "$tls/ext.cnf"
openssl x509 -req -days 2 -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial \
  -extfile "$tls/ext.cnf" -out "$tls/server.pem" 2>/dev/null
chmod a+r "$tls/server.key" "$tls/server.pem"

sed -e "s|@CERT@|$tls/server.pem|g" -e "s|@KEY@|$tls/server.key|g" "$out/corpus/sites.conf" > "$out/nginx/sites.conf"
cat > "$out/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $out/nginx/nginx.pid;
error_log $out/nginx/error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  types { text/csv csv; }
  default_type application/octet-stream;
  charset utf-8;
  access_log off;
  sendfile on;
  keepalive_requests 100000;
  client_body_temp_path $out/nginx/tmp/body;
  proxy_temp_path $out/nginx/tmp/proxy;
  fastcgi_temp_path $out/nginx/tmp/fastcgi;
  uwsgi_temp_path $out/nginx/tmp/uwsgi;
  scgi_temp_path $out/nginx/tmp/scgi;
  include $out/nginx/sites.conf;
}
CONF
nginx -p "$out/nginx" -c "$out/nginx/nginx.conf" -e "$out/nginx/error.log"
cleanup() {
  nginx -p "$out/nginx" -c "$out/nginx/nginx.conf" -e "$out/nginx/error.log" -s quit 2>/dev/null || true
  [ -z "$workers" ] || bash "$root/tests/queue/pg_cluster.sh" stop "$out/pg" 2>/dev/null || true
}
trap cleanup EXIT

resolve=() hosts_file="$out/m/hosts"
echo "127.0.0.1 localhost" > "$hosts_file"
while read -r host p _; do
  resolve+=(--resolve "$host:$p:127.0.0.1")
  echo "127.0.0.1 $host" >> "$hosts_file"
done < "$out/corpus/hosts.txt"
first_url=$(head -n 1 "$out/corpus/urls.txt")
for _ in $(seq 50); do
  curl -sf -o /dev/null "${resolve[@]}" --cacert "$tls/ca.pem" "$first_url" && break
  sleep 0.1
done
curl -sf -o /dev/null "${resolve[@]}" --cacert "$tls/ca.pem" "$first_url" || { echo "run.sh: the farm does not answer $first_url" >&2; exit 1; }

awk -v d="$out/dl/curl" '{ printf "url = \"%s\"\noutput = \"%s/%d\"\n", $0, d, NR }' "$out/corpus/urls.txt" > "$out/m/curl.cfg"
mapfile -t documents < "$out/corpus/documents.txt"
have_wget2=1
if ! command -v wget2 >/dev/null; then
  have_wget2=0; echo "note: wget2 is not installed; its row is skipped" >&2
elif ! unshare -m --propagation private true 2>/dev/null; then
  have_wget2=0; echo "note: unshare -m is not available here (not root?); wget2 is skipped" >&2
fi

# measure NAME CMD... : appends "NAME round wall cpu rss_kb" to results.tsv; output in m/NAME.{out,err}
measure() {
  local name=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$out/m/time" "$@" > "$out/m/$name.out" 2> "$out/m/$name.err" || true
  local wall user sys rss
  # the last line: "Command exited with non-zero status" comes first when a scan finds failed items
  read -r wall user sys rss < <(tail -n 1 "$out/m/time")
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$round" "$wall" "$(echo "$user + $sys" | bc -l)" "$rss" >> "$out/results.tsv"
  echo "   round $round $name: wall ${wall}s cpu $(echo "$user + $sys" | bc -l)s rss $((rss / 1024))MB" >&2
}

: > "$out/results.tsv"
: > "$out/checks.tsv"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for ((round = 1; round <= rounds; round++)); do
  echo "== round $round of $rounds (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  echo "$round load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/checks.tsv"
  rm -rf "$out/dl" && mkdir -p "$out/dl/curl" "$out/dl/wget2"
  measure curl curl --silent --parallel --parallel-max "$conc" "${resolve[@]}" --cacert "$tls/ca.pem" -K "$out/m/curl.cfg"
  echo "$round curl_files $(find "$out/dl/curl" -type f | wc -l)" >> "$out/checks.tsv"
  if [ "$have_wget2" = 1 ]; then
    measure wget2 unshare -m --propagation private sh -c \
      'mount --bind "$1" /etc/hosts && cd "$2" && exec wget2 --quiet --no-robots --max-threads="$3" --ca-certificate="$4" --input-file="$5"' \
      sh "$hosts_file" "$out/dl/wget2" "$conc" "$tls/ca.pem" "$out/corpus/urls.txt"
    echo "$round wget2_files $(find "$out/dl/wget2" -type f | wc -l)" >> "$out/checks.tsv"
  fi
  rm -rf "$out/dl"

  scan_out="$out/scan$round"
  rm -rf "$scan_out" && mkdir -p "$scan_out"
  for night in scan1 scan2; do
    measure "$night" "$bin" scan "$out/corpus/submissions" --db "$scan_out/history.sqlite" --out "$scan_out" \
      --allow-private --cacert "$tls/ca.pem" "${resolve[@]}"
    line=$(grep -o '[0-9]* fetches, [0-9]* not modified ([0-9]* archived as revisits); documents read [0-9]*, reused from the extraction cache [0-9]*' \
      "$out/m/$night.err" | tail -n 1 || true)
    echo "$round ${night}_line ${line:-missing}" >> "$out/checks.tsv"
    cp "$out/m/$night.err" "$out/m/$night.round$round.err"
  done
  # The second night's archives, read by an independent WARC reader.
  for f in "$scan_out"/*/evidence.warc.gz; do node tests/tools/warc_dump.mjs "$f"; done > "$out/m/scan2.warc.jsonl"
  {
    echo "$round warc_revisit $(grep -c '"type":"revisit"' "$out/m/scan2.warc.jsonl" || true)"
    echo "$round warc_response $(grep -c '"type":"response"' "$out/m/scan2.warc.jsonl" || true)"
    echo "$round warc_response304 $(grep '"type":"response"' "$out/m/scan2.warc.jsonl" | grep -c '"http_status":304' || true)"
  } >> "$out/checks.tsv"
  [ "$round" = "$rounds" ] || rm -rf "$scan_out"

  measure extract "$bin" extract --json "${documents[@]}"
  echo "$round extract_docs $(grep -c '^{' "$out/m/extract.out" || true)" >> "$out/checks.tsv"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

args=(--results "$out/results.tsv" --checks "$out/checks.tsv" --corpus "$out/corpus/corpus.json" --cores "$(getconf _NPROCESSORS_ONLN)"
      --load "$load_before" --load "$load_after" --wget2 "$have_wget2"
      --command "scripts/bench/farm/run.sh --sites $sites --rounds $rounds --max-pages $max_pages --scan-share $scan_share")
[ "$check" = 1 ] && args+=(--check)
/usr/bin/python3 "$here/summarise.py" "${args[@]}"

# Distributed mode: W worker processes over the same farm, against the single-process first scan.
if [ -n "$workers" ]; then
  db=$(bash "$root/tests/queue/pg_cluster.sh" start "$out/pg")
  units=$(find "$out/corpus/submissions" -maxdepth 1 -type f | wc -l)
  single=$(awk -F'\t' -v r="$rounds" '$1 == "scan1" && $2 == r { print $3 }' "$out/results.tsv")
  echo
  echo "Distributed mode: $units units, \`oitscan worker --slots 1\` processes on PostgreSQL (load before $(cut -d' ' -f1-3 /proc/loadavg))."
  echo
  echo "| processes | wall s | units per minute | vs the single-process scan (${single} s) |"
  echo "|---|---|---|---|"
  for w in $workers; do
    "$bin" enqueue --db "$db" "$out/corpus/submissions" --run "farm-w$w" > /dev/null
    wout="$out/workers-$w" && rm -rf "$wout" && mkdir -p "$wout"
    start=$(date +%s.%N)
    pids=()
    for ((i = 1; i <= w; i++)); do
      "$bin" worker --db "$db" --slots 1 --exit-when-idle --out "$wout" --name "bench-$w-$i" \
        --allow-private --cacert "$tls/ca.pem" "${resolve[@]}" > "$wout/worker-$i.log" 2>&1 &
      pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || true; done
    wall=$(echo "$(date +%s.%N) - $start" | bc -l)
    done_jobs=$("$bin" status --db "$db" --run "farm-w$w" --json | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["jobs"]["done"])' || echo "?")
    printf '| %s | %.1f | %.1f | %.2f× (jobs done: %s) |\n' "$w" "$wall" "$(echo "$units * 60 / $wall" | bc -l)" \
      "$(echo "${single:-0} / $wall" | bc -l)" "$done_jobs"
  done
fi
