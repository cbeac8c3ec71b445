#!/usr/bin/env bash
# Builds the .deb with CPack from the build tree, checks what it holds (dpkg-deb -c), runs lintian
# (no errors allowed), verifies the systemd units (systemd-analyze verify against the unpacked
# package), checks `cmake --install` into a scratch prefix, and — when run as root — installs the
# package with dpkg -i, checks `oitscan --version`, `man -w oitscan`, the completion and the
# installed units, then removes it again.
# Usage: package_test.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
work=$(mktemp -d /tmp/oitscan-package-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

# 1. The package.
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/cpack" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/cpack/oitscan_*.deb)
ok "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KB)"

# 2. What it holds.
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$work/contents"
for path in /usr/bin/oitscan /usr/share/man/man1/oitscan.1.gz /usr/share/bash-completion/completions/oitscan \
  /lib/systemd/system/oitscan-nightly.service /lib/systemd/system/oitscan-nightly.timer /etc/oitscan/oitscan.yaml \
  /etc/oitscan/units/ /usr/share/doc/oitscan/copyright /usr/share/doc/oitscan/changelog.gz \
  /usr/share/oitscan/rules/frameworks/bma-district-2568.yaml /usr/share/oitscan/rules/bma-district-2568/O15.yaml \
  /usr/share/oitscan/reports/; do
  grep -qxF "$path" "$work/contents" && ok "package holds $path" || fail "package lacks $path"
done
dpkg-deb -I "$deb" >"$work/info"
grep -q '^ Depends: .*libcurl' "$work/info" && ok "Depends computed from the binary's libraries" || fail "no shared-library Depends: $(grep Depends "$work/info")"
dpkg-deb --ctrl-tarfile "$deb" | tar -t | grep -q conffiles && ok "conffiles listed" || fail "no conffiles in the control archive"

# 3. lintian: no errors (warnings are printed for the record).
if command -v lintian >/dev/null; then
  lintian --tag-display-limit 0 "$deb" >"$work/lintian" 2>&1 || true
  cat "$work/lintian"
  if grep -q '^E: ' "$work/lintian"; then fail "lintian reports errors"; else ok "lintian: no errors ($(grep -c '^W: ' "$work/lintian" || true) warnings)"; fi
else
  fail "lintian is not installed (scripts/install-deps.sh installs it)"
fi

# 4. The systemd units: systemd-analyze verify wants ExecStart to exist, so the copies checked here
#    point at the unpacked binary; any output at all (an unknown key is only a warning) fails.
#    (--root would need the host's own units inside the root.) The installed units are verified
#    again, man page included, after dpkg -i below.
dpkg-deb -x "$deb" "$work/root"
if command -v systemd-analyze >/dev/null; then
  mkdir -p "$work/units"
  for f in oitscan-nightly.service oitscan-nightly.timer; do
    sed "s|/usr/bin/oitscan|$work/root/usr/bin/oitscan|" "$work/root/lib/systemd/system/$f" >"$work/units/$f"
  done
  if systemd-analyze verify --man=no "$work/units/oitscan-nightly.service" "$work/units/oitscan-nightly.timer" >"$work/verify" 2>&1 &&
    [ ! -s "$work/verify" ]; then
    ok "systemd-analyze verify: units clean"
  else
    cat "$work/verify"
    fail "systemd-analyze verify"
  fi
  grep -q "ExecStart=/usr/bin/oitscan scan /etc/oitscan/units --config /etc/oitscan/oitscan.yaml" \
    "$work/root/lib/systemd/system/oitscan-nightly.service" && ok "service runs the installed binary with /etc/oitscan" || fail "ExecStart paths"
else
  fail "systemd-analyze is not installed"
fi

# 5. cmake --install into a scratch prefix: files under the prefix, data found beside the binary.
prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "cmake --install"; }
for f in bin/oitscan etc/oitscan/oitscan.yaml lib/systemd/system/oitscan-nightly.timer share/man/man1/oitscan.1.gz \
  share/bash-completion/completions/oitscan; do
  [ -e "$prefix/$f" ] && ok "cmake --install: $f" || fail "cmake --install lacks $f"
done
grep -q "ExecStart=$prefix/bin/oitscan" "$prefix/lib/systemd/system/oitscan-nightly.service" && ok "units name the prefix's binary" || fail "unit ExecStart under a prefix"
# The installed binary reads the installed rules, not the source tree: remove one framework there.
rm "$prefix/share/oitscan/rules/frameworks/bma-district-2564.yaml"
listed=$(env -u OITSCAN_DATA_DIR "$prefix/bin/oitscan" frameworks | cut -f1 | tr '\n' ' ')
case "$listed" in
  *bma-district-2568*) case "$listed" in *bma-district-2564*) fail "installed binary read the source tree ($listed)" ;; *) ok "installed binary reads $prefix/share/oitscan" ;; esac ;;
  *) fail "installed binary lists no frameworks ($listed)" ;;
esac
# The sample configuration is valid for the binary that ships it.
printf 'unit: {id: x}\n' >"$work/sub.yaml"
env -u OITSCAN_DATA_DIR "$prefix/bin/oitscan" check "$work/sub.yaml" --config "$prefix/etc/oitscan/oitscan.yaml" 2>"$work/err" && true
grep -q "oitscan.yaml" "$work/err" && fail "sample configuration rejected: $(cat "$work/err")" || ok "sample configuration loads ($(head -c 80 "$work/err"))"

# 6. dpkg -i (root only: CI runs the suite as root; elsewhere this part is skipped).
if [ "$(id -u)" -eq 0 ] && [ "${OITSCAN_TEST_NO_DPKG:-0}" != 1 ]; then
  if dpkg -s oitscan >/dev/null 2>&1; then
    echo "note: an oitscan package is already installed; it is replaced and removed afterwards"
  fi
  for attempt in 1 2 3 4 5 6; do  # another apt/dpkg may hold the lock for a while
    if dpkg -i "$deb" >"$work/dpkg.log" 2>&1; then break; fi
    grep -q "lock" "$work/dpkg.log" || break
    sleep 10
  done
  if dpkg -s oitscan 2>/dev/null | grep -q "Status: install ok installed"; then
    ok "dpkg -i installed the package"
    v=$(env -u OITSCAN_DATA_DIR /usr/bin/oitscan --version) && [ "$v" = "oitscan 0.1.0" ] && ok "oitscan --version: $v" || fail "oitscan --version: $v"
    env -u OITSCAN_DATA_DIR /usr/bin/oitscan frameworks | grep -q bma-district-2568 && ok "installed oitscan lists frameworks" || fail "installed oitscan frameworks"
    m=$(man -w oitscan 2>&1) && [ "$m" = /usr/share/man/man1/oitscan.1.gz ] && ok "man -w oitscan: $m" || fail "man -w oitscan: $m"
    [ -f /usr/share/bash-completion/completions/oitscan ] && ok "completion installed" || fail "completion missing"
    if [ -f /usr/share/bash-completion/bash_completion ]; then
      got=$(bash -c 'source /usr/share/bash-completion/bash_completion; source /usr/share/bash-completion/completions/oitscan
        COMP_WORDS=(oitscan ch); COMP_CWORD=1; COMP_LINE="oitscan ch"; COMP_POINT=${#COMP_LINE}; _oitscan; echo "${COMPREPLY[*]}"
        COMP_WORDS=(oitscan check --per); COMP_CWORD=2; COMP_LINE="oitscan check --per"; COMP_POINT=${#COMP_LINE}; _oitscan; echo "${COMPREPLY[*]}"')
      [ "$got" = $'check\n--per-host' ] && ok "completion: 'oitscan ch' → check, 'check --per' → --per-host" || fail "completion gave: $got"
    fi
    if systemd-analyze verify /lib/systemd/system/oitscan-nightly.service /lib/systemd/system/oitscan-nightly.timer >"$work/verify2" 2>&1 &&
      [ ! -s "$work/verify2" ]; then
      ok "systemd-analyze verify on the installed units (man page included)"
    else
      cat "$work/verify2"
      fail "systemd-analyze verify (installed)"
    fi
  else
    cat "$work/dpkg.log"
    fail "dpkg -i"
  fi
  dpkg --purge oitscan >/dev/null 2>&1 || true
  [ ! -e /usr/bin/oitscan ] && ok "dpkg --purge removed it again" || fail "/usr/bin/oitscan left behind"
else
  echo "skip: dpkg -i part (not root, or OITSCAN_TEST_NO_DPKG=1)"
fi

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
