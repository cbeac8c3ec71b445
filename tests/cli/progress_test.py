#!/usr/bin/env python3
"""Progress display of `oitscan check` and `oitscan scan`, on a terminal (a pseudo-terminal) and on
a pipe, against a real HTTP server on 127.0.0.1 that answers slowly enough for the display to move.
Usage: progress_test.py OITSCAN_BINARY. Exit 0 when every check holds; failures are printed."""
import http.server
import os
import pty
import re
import select
import subprocess
import sys
import tempfile
import threading
import time

BINARY = sys.argv[1]
FAILURES = []


def check(condition, what, evidence=b""):
    if not condition:
        FAILURES.append(what)
        print("FAIL:", what, "\n---\n" + evidence.decode("utf-8", "replace")[-3000:] + "\n---", flush=True)
    else:
        print("ok:", what, flush=True)


class SlowSite(http.server.BaseHTTPRequestHandler):
    """A small district site: each item page links to a CSV document; every answer takes 0.3 s."""

    def do_GET(self):
        time.sleep(0.3)
        path = self.path.split("?")[0]
        if path.endswith(".csv"):
            body, kind = "เดือน,จำนวน\nตุลาคม 2567,3\n".encode(), "text/csv; charset=utf-8"
        elif path.startswith("/ita/"):
            body = ("<html><head><title>ข้อมูล %s</title></head><body><main><h1>ข้อมูล</h1>"
                    "<p>รายงาน ปีงบประมาณ พ.ศ. 2568</p><a href='%s-data.csv'>ดาวน์โหลดเอกสาร</a></main></body></html>"
                    % (path, path.rsplit("/", 1)[-1])).encode()
            kind = "text/html; charset=utf-8"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def run(args, env_extra, tty):
    """Runs oitscan with stderr on a pseudo-terminal (tty) or a pipe; returns (exit, stdout, stderr)."""
    env = dict(os.environ, TERM="xterm", **env_extra)
    env.pop("NO_COLOR", None) if "NO_COLOR" not in env_extra else None
    if not tty:
        p = subprocess.run([BINARY] + args, env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
        return p.returncode, p.stdout, p.stderr
    master, slave = pty.openpty()
    p = subprocess.Popen([BINARY] + args, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    err = b""
    deadline = time.time() + 120
    while time.time() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the last writer closed the terminal
                break
            if not chunk:
                break
            err += chunk
        elif p.poll() is not None:
            break
    out = p.stdout.read()
    p.wait(timeout=10)
    os.close(master)
    return p.returncode, out, err


def submission(folder, unit, port, items):
    host = "www.%s.test" % unit
    lines = ["unit: {id: %s, name_th: สำนักงานเขต%s, website: 'http://%s:%d/'}" % (unit, unit, host, port),
             "framework: bma-district-2568", "items:"]
    for item in items:
        lines.append("  %s: ['http://%s:%d/ita/%s']" % (item, host, port, item.lower()))
    path = os.path.join(folder, unit + ".yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return path, "%s:%d:127.0.0.1" % (host, port)


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SlowSite)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    work = tempfile.mkdtemp(prefix="oitscan-progress-")
    sub, resolve = submission(work, "demo", port, ["O1", "O2", "O3"])
    common = ["--resolve", resolve, "--allow-private", "--timeout", "10", "--lang", "en"]

    # check on a terminal: a live line redrawn in place, dimmed; the final state kept as a line.
    code, out, err = run(["check", sub, "--out", os.path.join(work, "tty")] + common, {}, tty=True)
    check(code in (0, 1), "check on a terminal ran (exit %d)" % code, err)
    check(b"\r\x1b[K" in err, "terminal: the live line is redrawn in place (\\r, erase line)", err)
    check(b"\x1b[2m" in err, "terminal: the live line is dimmed (colour on a terminal)", err)
    check(re.search(rb"items \d+ (submitted|judged) \xc2\xb7 documents \d+/\d+ \xc2\xb7 [\d.]+ (B|KB)", err) is not None,
          "terminal: items, documents done/seen and bytes are shown", err)
    check(b"\x1b" not in out, "stdout on a pipe has no colour even when stderr is a terminal", out)

    # NO_COLOR: still redrawn on the terminal, but no colour at all.
    code, out, err = run(["check", sub, "--out", os.path.join(work, "nocolor")] + common, {"NO_COLOR": "1"}, tty=True)
    check(b"\r\x1b[K" in err, "NO_COLOR: the live line is still redrawn", err)
    check(re.search(rb"\x1b\[[0-9;]*m", err) is None, "NO_COLOR: no colour escape at all", err)

    # check on a pipe: plain lines every OITSCAN_PROGRESS_SECONDS, no escapes, no carriage returns.
    code, out, err = run(["check", sub, "--out", os.path.join(work, "pipe")] + common, {"OITSCAN_PROGRESS_SECONDS": "0.2"}, tty=False)
    periodic = re.findall(rb"^oitscan: items \d+ \w+ \xc2\xb7 documents \d+/\d+", err, re.M)
    check(len(periodic) >= 3, "pipe: a plain progress line every 0.2 s (%d lines)" % len(periodic), err)
    check(b"\x1b" not in err and b"\r" not in err, "pipe: no escape sequences and no carriage returns", err)
    check(re.search(rb"documents (\d+)/\1", err) is not None, "pipe: the last line has every document done", err)

    # scan of three units on a pipe, one at a time: units done/total and an ETA, one line per unit.
    subs = [submission(work, u, port, ["O1", "O2"]) for u in ("unita", "unitb", "unitc")]
    args = ["scan"] + [s for s, _ in subs] + ["--db", os.path.join(work, "h.sqlite"), "--out", os.path.join(work, "scan"),
                                              "--jobs", "1", "--allow-private", "--timeout", "10", "--lang", "en"]
    for _, r in subs:
        args += ["--resolve", r]
    code, out, err = run(args, {"OITSCAN_PROGRESS_SECONDS": "0.2"}, tty=False)
    check(code in (0, 1), "scan on a pipe ran (exit %d)" % code, err + out)
    check(re.search(rb"units 1/3 .*ETA \d+:\d\d", err) is not None, "scan: units done/total with an ETA after the first unit", err)
    check(re.search(rb"units 3/3", err) is not None, "scan: the last line has every unit done", err)
    for unit in (b"unita", b"unitb", b"unitc"):
        check(re.search(rb"^oitscan: " + unit + rb": \d+ pass, \d+ fail, \d+ unverified", err, re.M) is not None,
              "scan: a line for %s when it finishes" % unit.decode(), err)

    server.shutdown()
    print("%d failure(s)" % len(FAILURES))
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
