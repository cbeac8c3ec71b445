#!/usr/bin/env bash
# Installs every Debian package oitscan needs to build, test and run its demo.
# Idempotent: apt-get skips what is already there. Needs root (or sudo).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev
  # libraries (see README "Dependencies")
  libcurl4-openssl-dev libboost1.81-dev libboost-url1.81-dev libboost-json1.81-dev
  libgumbo-dev libxml2-dev libsqlite3-dev libpoppler-cpp-dev libzip-dev libicu-dev
  libmagic-dev nlohmann-json3-dev libyaml-cpp-dev libcli11-dev libssl-dev zlib1g-dev
  libbrotli-dev  # br content coding (fetch) and the test server that sends it
  libtbb-dev     # the CPU pool (common/cpu_pool: oneTBB's work-stealing scheduler)
  libtesseract-dev libleptonica-dev  # OCR in-process (extract/ocr: tesseract C++ API, leptonica)
  libpq-dev postgresql-15  # scale-out: PostgreSQL as job queue and shared store; its tests run a throwaway cluster
  # tests, OCR and tools the tests drive
  catch2 poppler-utils tesseract-ocr tesseract-ocr-tha fonts-thai-tlwg nginx-light
  openssl sqlite3 curl python3 nodejs
  # exports (XLSX) and the dashboard's browser test: schemas, a real XLSX reader, chromium,
  # LibreOffice opening the CSV
  libxlsxwriter-dev python3-jsonschema python3-openpyxl chromium chromium-driver python3-selenium
  libreoffice-calc-nogui
  # the accuracy corpus (scripts/accuracy): PDFs with shaped Thai text through pango+cairo
  python3-gi gir1.2-pango-1.0 python3-gi-cairo
  # the web service (serve): Argon2id; its browser tests and benchmark
  libargon2-dev chromium chromium-driver python3-selenium wrk
  # packaging (tests/packaging): the .deb is checked with lintian, its units with systemd-analyze,
  # its man page with man-db and its completion with bash-completion
  lintian systemd man-db bash-completion
  # the benchmarks' side-by-side peers (scripts/bench: curl is above; wget2)
  wget2
)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm: Debian ships it as its own package, but some images bring a Node.js that bundles npm and
# conflicts with Debian's; ask for the package only when no npm is on the PATH.
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
else
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -q
  # --no-install-recommends: recommends can pull libboost1.74-dev, which conflicts with 1.81.
  "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Independent readers the tests compare against (tests/tools/package.json: warcio). Installed
# from the committed lock file; skipped when the installed tree already matches it, so a second
# run needs no network.
tools="$root/tests/tools"
if ! cmp -s "$tools/package-lock.json" "$tools/node_modules/.oitscan-lock-installed" 2>/dev/null; then
  echo "install-deps: npm ci --prefix tests/tools"
  npm ci --prefix "$tools" --no-audit --no-fund --loglevel=error
  cp "$tools/package-lock.json" "$tools/node_modules/.oitscan-lock-installed"
fi
