#!/usr/bin/env bash
# The README's first command: installs everything, builds, serves the built-in demo district site
# (the rule fixtures, as a real web site with nginx on 127.0.0.1:18568) and runs `oitscan check`
# on its submission, examples/demo/bangna.yaml. Every one of the 22 items should pass.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
port=${OITSCAN_DEMO_PORT:-18568}
work=build/demo
rm -rf "$work" && mkdir -p "$work"
build/oitscan rules site rules/bma-district-2568 --out "$work/site"
bash scripts/demo-site/serve.sh start "$work/nginx" "$port" "$work/site"
trap 'bash scripts/demo-site/serve.sh stop "$work/nginx"' EXIT
sed "s/18568/$port/g" examples/demo/bangna.yaml > "$work/bangna.yaml"
echo "== oitscan check examples/demo/bangna.yaml (the demo site on 127.0.0.1:$port)"
build/oitscan check "$work/bangna.yaml" --resolve "www.bangna-demo.test:$port:127.0.0.1" --allow-private --out "$work/out"
