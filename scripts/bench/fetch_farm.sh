#!/usr/bin/env bash
# The benchmark's web farm on its own, for profiling: nginx on 127.0.0.1 from a temporary prefix
# (never the system configuration) serving the generated corpus.
#   scripts/bench/fetch_farm.sh start DIR [N] [HOSTS] [PORT]   -> DIR/urls.txt, DIR/resolve.args
#   scripts/bench/fetch_farm.sh stop DIR
set -euo pipefail
cd "$(dirname "$0")/../.."
cmd=$1
dir=$2
case "$cmd" in
  start)
    n=${3:-2000}; hosts=${4:-50}; port=${5:-18481}
    mkdir -p "$dir/nginx/tmp"
    chmod 755 "$dir"
    python3 scripts/bench/make_fetch_corpus.py "$dir/www" "$dir/urls.txt" "$n" "$hosts" "$port" > "$dir/total_bytes"
    chmod -R a+rX "$dir/www"
    cat > "$dir/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  keepalive_timeout 60s;
  client_body_temp_path $dir/nginx/tmp/body;
  proxy_temp_path $dir/nginx/tmp/proxy;
  fastcgi_temp_path $dir/nginx/tmp/fastcgi;
  uwsgi_temp_path $dir/nginx/tmp/uwsgi;
  scgi_temp_path $dir/nginx/tmp/scgi;
  types { text/html html; application/pdf pdf; }
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:$port default_server backlog=4096;
    server_name _;
    root $dir/www;
  }
}
CONF
    nginx -p "$dir/nginx" -c nginx.conf -e "$dir/nginx/error.log"
    : > "$dir/resolve.args"
    : > "$dir/hosts"
    for i in $(seq 1 "$hosts"); do
      h=$(printf 'site%02d.bench.test' "$i")
      printf -- '--resolve\n%s:%s:127.0.0.1\n' "$h" "$port" >> "$dir/resolve.args"
      echo "127.0.0.1 $h" >> "$dir/hosts"
    done
    sleep 0.3
    ;;
  stop)
    [ -f "$dir/nginx/nginx.pid" ] && nginx -p "$dir/nginx" -c nginx.conf -e "$dir/nginx/error.log" -s quit || true
    ;;
  *) echo "usage: $0 start|stop DIR ..." >&2; exit 2 ;;
esac
