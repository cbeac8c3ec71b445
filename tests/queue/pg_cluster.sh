#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests: its own data folder, listening only on a Unix socket
# inside that folder (no TCP port, nothing reachable from elsewhere), fsync on, trust
# authentication for the socket's owner. initdb refuses to run as root, so as root the cluster
# belongs to the `postgres` user that Debian's postgresql-15 package creates.
#
#   pg_cluster.sh start DIR   → prints the connection URL (postgresql:///oitscan?host=DIR/sock…)
#   pg_cluster.sh stop DIR    → stops it (immediate) and removes DIR
#   pg_cluster.sh restart DIR → `pg_ctl restart -m immediate` (a crash and recovery, for chaos tests)
set -euo pipefail
cmd=${1:?usage: pg_cluster.sh start|stop|restart DIR}
dir=${2:?usage: pg_cluster.sh start|stop|restart DIR}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "pg_cluster.sh: PostgreSQL server binaries not found (apt-get install postgresql-15)" >&2; exit 2; }
as_owner=()
if [ "$(id -u)" -eq 0 ]; then as_owner=(runuser -u postgres --); fi
port=5432  # names the socket file only; there is no TCP listener
ctl() { "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 "$@" >/dev/null; }
case "$cmd" in
  start)
    mkdir -p "$dir/sock"
    if [ "$(id -u)" -eq 0 ]; then chown -R postgres: "$dir"; chmod 0755 "$dir"; fi
    "${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U oitscan -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 2; }
    ctl -o "-c listen_addresses='' -c unix_socket_directories='$dir/sock' -p $port -c fsync=on -c max_connections=60" start ||
      { cat "$dir/server.log" >&2; exit 2; }
    "${as_owner[@]}" "$bin/psql" -q -h "$dir/sock" -p "$port" -U oitscan -d postgres -c "CREATE DATABASE oitscan" >/dev/null
    echo "postgresql:///oitscan?host=$dir/sock&port=$port&user=oitscan"
    ;;
  restart)
    ctl restart -m immediate
    ;;
  stop)
    ctl stop -m immediate 2>/dev/null || true
    rm -rf "$dir"
    ;;
  *) echo "pg_cluster.sh: unknown command $cmd" >&2; exit 2 ;;
esac
