#!/usr/bin/env python3
"""`oitscan fetch --body-dir` end to end against a real HTTP server on 127.0.0.1.

Checks what the report thread of `oitscan fetch` must keep true: one line per URL, every body file
byte-identical to what the server sent and matching the line's `bytes` and `sha256`, the text
table as well as JSON, the exit code, and a body file that cannot be written reported on stderr.
"""
import hashlib
import http.server
import json
import os
import random
import subprocess
import sys
import tempfile
import threading


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def main():
    oitscan = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        www = os.path.join(tmp, "www")
        os.makedirs(www)
        rng = random.Random(9)
        served = {}
        # Small pages and bodies far larger than one 64 KB receive buffer.
        for i, size in enumerate([0, 1, 4096, 65535, 65536, 200_000, 700_000] + [rng.randrange(1, 90_000) for _ in range(33)]):
            data = bytes(rng.randrange(256) for _ in range(min(size, 1000))) * (size // 1000 + 1)
            data = data[:size]
            name = f"f{i}.bin"
            with open(os.path.join(www, name), "wb") as f:
                f.write(data)
            served[name] = data

        class Quiet(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *a, **k):
                super().__init__(*a, directory=www, **k)

            def log_message(self, *a):
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        names = sorted(served)
        urls = [base + n for n in names] + [base + "missing.bin"]
        url_file = os.path.join(tmp, "urls.txt")
        with open(url_file, "w") as f:
            f.write("\n".join(urls) + "\n")
        common = [oitscan, "fetch", "--allow-private", "--retries", "0", "--no-soft404-probe", "--input", url_file]

        # JSON lines and body files.
        bodies = os.path.join(tmp, "bodies")
        r = subprocess.run(common + ["--json", "--body-dir", bodies], capture_output=True, text=True, timeout=120)
        if r.returncode != 1:
            fail(f"exit {r.returncode} (expected 1: one URL is a 404)\n{r.stderr}")
        lines = [json.loads(l) for l in r.stdout.splitlines()]
        if len(lines) != len(urls):
            fail(f"{len(lines)} lines for {len(urls)} URLs")
        if sorted(l["url"] for l in lines) != sorted(urls):
            fail("the lines do not name each URL once")
        for l in lines:
            path = l.get("body_path")
            if path != os.path.join(bodies, str(urls.index(l["url"]))):
                fail(f"body_path {path!r} for {l['url']}")
            with open(path, "rb") as f:
                got = f.read()
            if len(got) != l["bytes"] or hashlib.sha256(got).hexdigest() != l["sha256"]:
                fail(f"{path}: file does not match the line's bytes/sha256")
            name = l["url"][len(base):]
            if name in served:
                if l["outcome"] != "ok" or got != served[name]:
                    fail(f"{name}: outcome {l['outcome']}, {len(got)} bytes of {len(served[name])}")
            elif l["outcome"] != "http-error" or l["http_status"] != 404:
                fail(f"missing.bin: {l['outcome']} {l['http_status']}")

        # The text table: one line per URL, outcome first.
        r = subprocess.run(common, capture_output=True, text=True, timeout=120)
        rows = r.stdout.splitlines()
        if len(rows) != len(urls) or sorted(row.split("\t")[0] for row in rows).count("ok") != len(served):
            fail("text table:\n" + r.stdout)

        # A body file that cannot be written (a directory is in the way) is reported, not dropped silently.
        blocked = os.path.join(tmp, "blocked")
        os.makedirs(os.path.join(blocked, "0"))
        r = subprocess.run([oitscan, "fetch", "--allow-private", "--json", "--body-dir", blocked, urls[0]],
                           capture_output=True, text=True, timeout=60)
        if "cannot write " + os.path.join(blocked, "0") not in r.stderr:
            fail("unwritable body file not reported: " + r.stderr)
        if len(r.stdout.splitlines()) != 1:
            fail("the line of the unwritable body is missing")
        server.shutdown()
    print(f"ok: {len(urls)} URLs, bodies and lines consistent")


if __name__ == "__main__":
    main()
