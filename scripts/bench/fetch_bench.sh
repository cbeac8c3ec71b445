#!/usr/bin/env bash
# Fetch benchmark: oitscan vs curl --parallel vs wget2, same URLs, same local web farm, one run.
#
# Serves N URLs (default 10,000, about 1.4 GB) over H host names (default 50) from nginx on
# 127.0.0.1 (run from a temporary prefix, never the system config), and fetches them with:
#   curl  --parallel --parallel-max C with --resolve for every host name
#   curl as above, then sha256sum over its files (the same answer as oitscan's: bodies and digests)
#   wget2 --max-threads=C, names resolved through a private hosts file bind-mounted over /etc/hosts
#         inside a mount namespace only (unshare -m); the machine's /etc/hosts is never touched
#   oitscan fetch at the same total concurrency C (no per-host cap), and at its polite default
# Bodies go to tmpfs (/dev/shm). Reports wall time, CPU time, requests/s, MB/s and peak RSS
# (/usr/bin/time -v), and ratios against curl, as a Markdown table on stdout.
#
# The machine may be shared, so every tool runs ROUNDS times (default 3), interleaved, and the
# table shows each tool's median round (by wall time). BASELINE_OITSCAN=path adds an older binary
# (row oitscan-eq-before) to every round, for before/after comparisons under the same load.
#
# usage: scripts/bench/fetch_bench.sh [N] [HOSTS] [CONCURRENCY]     (needs root for unshare -m)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-10000}
HOSTS=${2:-50}
CONC=${3:-100}
OITSCAN=${OITSCAN:-build/oitscan}
PORT=${PORT:-18480}
ROUNDS=${ROUNDS:-3}
[ -x "$OITSCAN" ] || { echo "build oitscan first (scripts/build.sh build)" >&2; exit 2; }
command -v wget2 >/dev/null || apt-get install -y -q --no-install-recommends wget2 >/dev/null
command -v nginx >/dev/null || { echo "nginx missing (scripts/install-deps.sh)" >&2; exit 2; }

work=$(mktemp -d /dev/shm/oitscan-fetch-bench.XXXXXX)
chmod 755 "$work"
cleanup() {
  bash scripts/bench/fetch_farm.sh stop "$work" 2>/dev/null || true
  sleep 0.3
  rm -rf "$work"
}
trap cleanup EXIT

echo "== building the corpus ($N URLs over $HOSTS hosts) and starting nginx" >&2
bash scripts/bench/fetch_farm.sh start "$work" "$N" "$HOSTS" "$PORT"
total_bytes=$(cat "$work/total_bytes")
mapfile -t resolve_args < "$work/resolve.args"

# curl's config: one url/output pair per URL.
awk -v d="$work/out/curl" '{ printf "url = \"%s\"\noutput = \"%s/%d\"\n", $0, d, NR }' "$work/urls.txt" > "$work/curl.cfg"
# The same for the curl + sha256sum pair: `oitscan fetch` reports every body's SHA-256 (the
# contract's `sha256`), so what a user would otherwise run for the same answer is curl, then
# sha256sum over what it saved.
awk -v d="$work/out/curl+sha256sum" '{ printf "url = \"%s\"\noutput = \"%s/%d\"\n", $0, d, NR }' "$work/urls.txt" > "$work/curl-sha.cfg"

# measure NAME CMD...: runs CMD under /usr/bin/time -v, checks the bytes landed, prints one TSV row.
measure() {
  local name=$1; shift
  [ -n "${ONLY:-}" ] && [[ " $ONLY " != *" $name "* ]] && return 0
  rm -rf "$work/out"; mkdir -p "$work/out/$name"
  /usr/bin/time -v -o "$work/time.$name" "$@" > "$work/stdout.$name" 2> "$work/stderr.$name" || true
  local wall user sys rss files bytes
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time.$name")
  user=$(awk -F': ' '/User time/ { print $2 }' "$work/time.$name")
  sys=$(awk -F': ' '/System time/ { print $2 }' "$work/time.$name")
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.$name")
  files=$(find "$work/out/$name" -type f | wc -l)
  bytes=$(find "$work/out/$name" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$wall" "$user" "$sys" "$rss" "$files" "$bytes" "$round" >> "$work/results.tsv"
  echo "   round $round $name: wall ${wall}s, cpu $(echo "$user + $sys" | bc)s, rss ${rss}kB, files $files, bytes $bytes" >&2
  rm -rf "$work/out"
}

: > "$work/results.tsv"
uptime >&2
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round of $ROUNDS" >&2
  # curl --parallel, equal total concurrency.
  measure curl curl --silent --parallel --parallel-max "$CONC" "${resolve_args[@]}" -K "$work/curl.cfg"
  # curl, then sha256sum over its files: the same answer as `oitscan fetch` (bodies and digests).
  measure curl+sha256sum bash -c 'curl --silent --parallel --parallel-max "$1" -K "$2" "${@:4}" &&
    find "$3" -type f -print0 | xargs -0 sha256sum > /dev/null' _ "$CONC" "$work/curl-sha.cfg" "$work/out/curl+sha256sum" "${resolve_args[@]}"

  # wget2: names resolved through a private /etc/hosts inside a mount namespace.
  measure wget2 unshare -m --propagation private sh -c \
    'mount --bind "$1" /etc/hosts && cd "$2" && exec wget2 --quiet --no-robots --max-threads="$3" --no-host-directories --input-file="$4"' \
    sh "$work/hosts" "$work/out/wget2" "$CONC" "$work/urls.txt"

  # oitscan at the same total concurrency, no per-host cap and no politeness delay: the engine alone.
  measure oitscan-eq "$OITSCAN" fetch --json --allow-private "${resolve_args[@]}" --concurrency "$CONC" --per-host "$(( CONC < 64 ? CONC : 64 ))" \
    --no-adaptive-delay --no-soft404-probe --input "$work/urls.txt" --body-dir "$work/out/oitscan-eq"

  # Optional: an older oitscan binary (BASELINE_OITSCAN=path) run the same way, for before/after
  # numbers taken under the same load.
  if [ -n "${BASELINE_OITSCAN:-}" ]; then
    measure oitscan-eq-before "$BASELINE_OITSCAN" fetch --json --allow-private "${resolve_args[@]}" --concurrency "$CONC" --per-host "$(( CONC < 64 ? CONC : 64 ))" \
      --no-adaptive-delay --no-soft404-probe --input "$work/urls.txt" --body-dir "$work/out/oitscan-eq-before"
  fi

  # oitscan at its polite defaults: 2 per host, 64 in total, adaptive per-host delay, soft-404 probes.
  measure oitscan-polite "$OITSCAN" fetch --json --allow-private "${resolve_args[@]}" \
    --input "$work/urls.txt" --body-dir "$work/out/oitscan-polite"
done
uptime >&2
cp "$work/results.tsv" "${RESULTS_TSV:-/dev/null}" 2>/dev/null || true

# Markdown table of each tool's median round, with ratios against curl.
python3 - "$work/results.tsv" "$N" "$total_bytes" "$HOSTS" "$CONC" "$ROUNDS" <<'PY'
import statistics, sys
rows, n, total, hosts, conc, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
by = {}
for line in open(rows):
    name, wall, user, sys_, rss, files, nbytes, rnd = line.split("\t")
    by.setdefault(name, []).append((float(wall), float(user) + float(sys_), int(rss) / 1024, int(files), int(nbytes)))
med = {k: sorted(v)[len(v) // 2] for k, v in by.items()}
base = med.get("curl")
print(f"{n} URLs, {total / 1e9:.2f} GB served over {hosts} host names, total concurrency {conc}, median of {rounds} rounds\n")
print("| tool | wall s | CPU s | req/s | MB/s | peak RSS MB | files ok | wall vs curl | CPU vs curl | RSS vs curl | wall range s |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
for name, (wall, cpu, rss, files, nbytes) in med.items():
    walls = [w for w, *_ in by[name]]
    print(f"| {name} | {wall:.2f} | {cpu:.2f} | {n / wall:.0f} | {nbytes / 1e6 / wall:.0f} | {rss:.1f} | {files} | "
          f"{wall / base[0]:.2f} | {cpu / base[1]:.2f} | {rss / base[2]:.2f} | {min(walls):.2f}-{max(walls):.2f} |")
pair = med.get("curl+sha256sum")
if pair:
    # oitscan's answer includes every body's SHA-256; against the pair that gives the same answer.
    print("\n| tool | wall vs curl+sha256sum | CPU vs curl+sha256sum |")
    print("|---|---:|---:|")
    for name, (wall, cpu, *_rest) in med.items():
        if name.startswith("oitscan"):
            print(f"| {name} | {wall / pair[0]:.2f} | {cpu / pair[1]:.2f} |")

# The machine's speed drifts between rounds (shared CPUs), and a median of each tool's own rounds
# can pair a fast round of one tool with a slow round of another. The ratio within each round
# compares runs made seconds apart; its median over the rounds is the steadier figure.
per_round = {}
for line in open(rows):
    name, wall, user, sys_, rss, files, nbytes, rnd = line.split("\t")
    per_round.setdefault(rnd.strip(), {})[name] = (float(wall), float(user) + float(sys_))
def round_ratio(name, peer, i):
    vals = [r[name][i] / r[peer][i] for r in per_round.values() if name in r and peer in r]
    return f"{statistics.median(vals):.2f} ({min(vals):.2f}-{max(vals):.2f})" if vals else "-"
peers = [p for p in ("curl", "wget2") if p in by]
if peers:
    print("\nRatios within each round, median (range) over the rounds:\n")
    print("| tool | " + " | ".join(f"wall vs {p}" for p in peers) + " | wall vs the faster peer | " + " | ".join(f"CPU vs {p}" for p in peers) + " |")
    print("|---|" + "---:|" * (2 * len(peers) + 1))
    for name in by:
        if not name.startswith("oitscan"):
            continue
        faster = [r[name][0] / min(r[p][0] for p in peers) for r in per_round.values() if name in r and all(p in r for p in peers)]
        fast = f"{statistics.median(faster):.2f} ({min(faster):.2f}-{max(faster):.2f})" if faster else "-"
        print(f"| {name} | " + " | ".join(round_ratio(name, p, 0) for p in peers) + f" | {fast} | " +
              " | ".join(round_ratio(name, p, 1) for p in peers) + " |")
PY
