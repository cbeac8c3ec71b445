#!/bin/sh
# Runs a test command in a network namespace of its own with only loopback up, so that nothing it
# does (a name wrongly sent to the resolver, above all) can leave this machine. Needs root or
# unprivileged user namespaces; exits 77 (CTest: skipped) when neither is available.
if unshare -n true 2>/dev/null; then
  exec unshare -n sh -c 'ip link set lo up && exec "$@"' in_netns "$@"
elif unshare -rn true 2>/dev/null; then
  exec unshare -rn sh -c 'ip link set lo up && exec "$@"' in_netns "$@"
fi
echo "in_netns: no network namespace available (needs root or user namespaces); skipped" >&2
exit 77
