#!/usr/bin/env bash
# Serves a folder as the demo district site with nginx on 127.0.0.1.
#   serve.sh start PREFIX PORT SITE_DIR    (PREFIX: a scratch folder for nginx's pid, logs, temp)
#   serve.sh stop PREFIX
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
case "${1:-}" in
  start)
    prefix=$(realpath -m "$2"); port=$3; site=$(realpath "$4")
    mkdir -p "$prefix/tmp"
    sed -e "s|@PREFIX@|$prefix|g" -e "s|@PORT@|$port|g" -e "s|@SITE@|$site|g" "$here/nginx.conf.in" > "$prefix/nginx.conf"
    nginx -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log"
    # Wait until it answers (at most ~5 s).
    for _ in $(seq 50); do
      if curl -s -o /dev/null "http://127.0.0.1:$port/demo/"; then exit 0; fi
      sleep 0.1
    done
    echo "serve.sh: nginx did not come up on port $port; see $prefix/error.log" >&2
    exit 1
    ;;
  stop)
    prefix=$(realpath -m "$2")
    if [ -f "$prefix/nginx.pid" ]; then nginx -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log" -s quit || true; fi
    ;;
  *)
    echo "usage: serve.sh start PREFIX PORT SITE_DIR | stop PREFIX" >&2
    exit 2
    ;;
esac
