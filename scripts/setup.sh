#!/usr/bin/env bash
# Installs every Debian package oitscan needs and builds build/oitscan.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh build
echo "setup: built $(pwd)/build/oitscan"
