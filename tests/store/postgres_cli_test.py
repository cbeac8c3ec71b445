#!/usr/bin/env python3
"""`--db postgresql://…` through the real binary, against the same nights on an SQLite file.

A throwaway PostgreSQL cluster (tests/queue/pg_cluster.sh) and the demo district site (nginx on
127.0.0.1) serve three copies of the demo unit. The same commands run twice, once with
`--db FILE.sqlite` and once with `--db postgresql://…`:
  scan (first night), scan again (second night: conditional GETs from the fetch log, revisits),
  override, history --json, export (csv, json), prune --keep-runs 1;
then `serve --db postgresql://…` takes a self-check over its API and records it in the same store;
then `serve --express-queue` hands a self-check to the queue's express lane, where an `oitscan
worker` with an express slot runs it; the service shows its results, report, evidence and
captures as for a check run in its own threads, with the same verdicts.
What the two stores answer must be the same, except the clock's times and the output folders.

usage: postgres_cli_test.py OITSCAN_BINARY SOURCE_DIR
"""
import csv
import gzip
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

UNITS = ["u01", "u02", "u03"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Test:
    def __init__(self, oitscan, source):
        self.oitscan, self.source = oitscan, source
        self.work = tempfile.mkdtemp(prefix="oitscan-pgcli-")
        os.chmod(self.work, 0o755)  # the cluster runs as `postgres` when we are root
        self.port = free_port()
        self.failures = []

    def check(self, ok, what):
        print(("ok   " if ok else "FAIL ") + what, flush=True)
        if not ok:
            self.failures.append(what)

    def run(self, *args, expect=(0, 1)):
        r = subprocess.run([self.oitscan, *args], capture_output=True, text=True)
        if r.returncode not in expect:
            raise RuntimeError(f"oitscan {' '.join(args)} exited {r.returncode}:\n{r.stderr}")
        return r

    def start(self):
        site = os.path.join(self.work, "site")
        subprocess.run([self.oitscan, "rules", "site", os.path.join(self.source, "rules/bma-district-2568"), "--out", site],
                       check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["bash", os.path.join(self.source, "scripts/demo-site/serve.sh"), "start",
                        os.path.join(self.work, "nginx"), str(self.port), site], check=True)
        template = open(os.path.join(self.source, "examples/demo/bangna.yaml"), encoding="utf-8").read()
        self.template = template.replace("18568", str(self.port))
        self.units = os.path.join(self.work, "units")
        os.makedirs(self.units)
        for u in UNITS:
            with open(os.path.join(self.units, f"{u}.yaml"), "w", encoding="utf-8") as f:
                f.write(self.template.replace("id: bangna-demo", f"id: {u}"))
        self.pg_dir = os.path.join(self.work, "pg")
        r = subprocess.run(["bash", os.path.join(self.source, "tests/queue/pg_cluster.sh"), "start", self.pg_dir],
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError("pg_cluster.sh start failed: " + r.stderr)
        self.pg = r.stdout.strip()
        self.fetch_flags = ["--allow-private", "--resolve", f"www.bangna-demo.test:{self.port}:127.0.0.1",
                            "--resolve", f"offsite.bangna-demo.test:{self.port}:127.0.0.1"]

    def stop(self):
        subprocess.run(["bash", os.path.join(self.source, "scripts/demo-site/serve.sh"), "stop",
                        os.path.join(self.work, "nginx")], capture_output=True)
        subprocess.run(["bash", os.path.join(self.source, "tests/queue/pg_cluster.sh"), "stop", self.pg_dir],
                       capture_output=True)
        shutil.rmtree(self.work, ignore_errors=True)

    # The nights of work on one store; what it answers, with the clock's values blanked.
    def nights(self, db, tag):
        out = os.path.join(self.work, "out-" + tag)
        cache = os.path.join(self.work, "cache-" + tag)
        answers = {}
        # One unit at a time: run ids then follow the same order on both stores.
        scan = [*self.fetch_flags, "--jobs", "1", "--cache", cache, "--out", out, "--db", db, self.units]
        first = self.run("scan", *scan)
        second = self.run("scan", *scan)
        answers["second night"] = re.findall(r"documents read \d+|extraction cache \d+", second.stderr + second.stdout)
        self.run("override", "--db", db, "u02", "O1", "--verdict", "fail", "--by", "auditor-a",
                 "--why", "ตรวจเอกสารฉบับจริงแล้ว 'ไม่ตรง' ?1 $1")
        history = json.loads(self.run("history", "--db", db, "--json").stdout)
        answers["history"] = blank(history)
        answers["history u02"] = blank(json.loads(self.run("history", "--db", db, "u02", "--json").stdout))
        export_csv = os.path.join(self.work, f"export-{tag}.csv")
        self.run("export", "--db", db, "--format", "csv", "--output", export_csv)
        with open(export_csv, encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))
        answers["export csv"] = blank_columns(rows)
        export_json = self.run("export", "--db", db, "--format", "json").stdout
        answers["export json"] = blank(json.loads(export_json))
        prune = self.run("prune", "--db", db, "--keep-runs", "1", "--keep-days", "0")
        answers["prune"] = [l for l in prune.stdout.splitlines() if l.startswith(("runs removed", "fetch log rows"))]
        answers["history after prune"] = blank(json.loads(self.run("history", "--db", db, "--json").stdout))
        return answers, first

    # Starts serve on the PostgreSQL store, posts the demo unit as `unit`, waits for the check;
    # returns (the check's status document, the service's base URL is gone by then, its job folder).
    def serve_check(self, unit, tag, extra=()):
        port = free_port()
        out = os.path.join(self.work, "serve-out-" + tag)
        p = subprocess.Popen([self.oitscan, "serve", "--db", self.pg, "--listen", f"127.0.0.1:{port}", "--out", out,
                              *extra, *self.fetch_flags], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        files = {}
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/healthz", timeout=2)
                    break
                except OSError:
                    time.sleep(0.1)
            body = self.template.replace("id: bangna-demo", f"id: {unit}").encode("utf-8")
            req = urllib.request.Request(base + "/api/checks", data=body, headers={"Content-Type": "application/yaml"})
            job = json.loads(urllib.request.urlopen(req, timeout=10).read())
            status = {}
            for _ in range(600):
                status = json.loads(urllib.request.urlopen(base + "/api/checks/" + job["id"], timeout=10).read())
                if status.get("status") in ("done", "failed"):
                    break
                time.sleep(0.2)
            for name in ("results.json", "report.html", "evidence.warc.gz"):
                try:
                    files[name] = urllib.request.urlopen(f"{base}/checks/{job['id']}/{name}", timeout=10).read()
                except urllib.error.HTTPError as e:
                    files[name] = e
        finally:
            p.terminate()
            _, err = p.communicate(timeout=30)
        return status, files, err

    def serve_self_check(self):
        status, files, _ = self.serve_check("selfcheck", "local")
        self.check(status.get("status") == "done", f"serve on PostgreSQL: the self-check finished ({status.get('status')})")
        history = json.loads(self.run("history", "--db", self.pg, "selfcheck", "--json").stdout)
        self.check(len(history.get("runs", [])) == 1, "serve on PostgreSQL: the self-check is a run in the shared history")
        self.local_results = json.loads(files["results.json"])

    def serve_express_queue(self):
        # A worker with one express slot and no other: it takes self-checks only.
        worker_out = os.path.join(self.work, "worker-out")
        worker = subprocess.Popen([self.oitscan, "worker", "--db", self.pg, "--slots", "0", "--express", "1",
                                   "--out", worker_out, *self.fetch_flags],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            status, files, err = self.serve_check("selfcheck-q", "queue", ["--express-queue"])
        finally:
            worker.terminate()
            _, worker_log = worker.communicate(timeout=60)
        self.check(status.get("status") == "done",
                   f"serve --express-queue: the worker ran the self-check ({status.get('status')})\n{err[-2000:]}\n{worker_log[-2000:]}")
        if status.get("status") != "done":
            return
        self.check("claimed selfcheck-q" in worker_log, "serve --express-queue: an `oitscan worker` claimed the check")
        queued = json.loads(files["results.json"])
        verdicts = lambda r: {i["id"]: i.get("verdict") for i in r["items"]}
        self.check(verdicts(queued) == verdicts(self.local_results),
                   "serve --express-queue: the same verdicts as the check the service ran itself")
        self.check(queued["score"]["oit"] == self.local_results["score"]["oit"],
                   "serve --express-queue: the same OIT score")
        self.check(isinstance(files["report.html"], bytes) and b"selfcheck-q" in files["report.html"],
                   "serve --express-queue: report.html is shown")
        warc = files["evidence.warc.gz"]
        records = gzip.decompress(warc).decode("utf-8", "replace") if isinstance(warc, bytes) else ""
        self.check(records.count("WARC-Type: response") >= 10,
                   f"serve --express-queue: evidence.warc.gz holds the workers' records ({records.count('WARC-Type: response')} responses)")
        history = json.loads(self.run("history", "--db", self.pg, "selfcheck-q", "--json").stdout)
        self.check(len(history.get("runs", [])) == 1,
                   "serve --express-queue: one run in the shared history (the worker's), not a second from the service")
        # The worker's run carries its fetch log (validators for a later scan's conditional GETs),
        # each row pointing at a WARC file the worker wrote.
        rows = subprocess.run(["psql", "-X", "-A", "-t", "-q", self.pg, "-c",
                               "SELECT f.outcome, f.warc_file FROM fetches f JOIN runs r ON r.id = f.run_id "
                               "WHERE r.unit_id = 'selfcheck-q'"], capture_output=True, text=True, check=True).stdout.split()
        logged = [r.split("|") for r in rows]
        self.check(len(logged) >= 10 and all(o == "ok" for o, _ in logged),
                   f"worker: its run has a fetch log row per fetch ({len(logged)} rows)")
        self.check(all(os.path.isfile(w) for _, w in logged if w), "worker: each fetch log row names a WARC file it wrote")
        lanes = json.loads(self.run("status", "--db", self.pg, "--json").stdout)
        self.check("express" in json.dumps(lanes), "status: the self-check is in the express lane")


TIMES = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")


def blank(v):
    """The clock's values and folder names blanked; all else kept."""
    if isinstance(v, dict):
        return {k: ("<out>" if k in ("out_dir", "report", "results") and isinstance(x, str) else blank(x)) for k, x in v.items()}
    if isinstance(v, list):
        return [blank(x) for x in v]
    if isinstance(v, str) and TIMES.match(v):
        return "<time>"
    if isinstance(v, str) and "/out-" in v:
        return "<out>"
    return v


def blank_columns(rows):
    return [[("<time>" if TIMES.match(c) else c) for c in row] for row in rows]


def main():
    oitscan, source = sys.argv[1], sys.argv[2]
    t = Test(oitscan, source)
    try:
        t.start()
        on_file, first_file = t.nights(os.path.join(t.work, "history.sqlite"), "sqlite")
        on_server, first_server = t.nights(t.pg, "pg")
        t.check(first_file.returncode == first_server.returncode, "scan exits alike on both stores")
        t.check("documents read 0" in on_server["second night"],
                "second night on PostgreSQL: conditional GETs from the server's fetch log, nothing read again "
                + str(on_server["second night"]))
        for key, want in on_file.items():
            got = on_server.get(key)
            t.check(got == want, f"{key}: PostgreSQL answers as SQLite" + ("" if got == want else
                    f"\n  sqlite:     {json.dumps(want, ensure_ascii=False)[:600]}\n  postgresql: {json.dumps(got, ensure_ascii=False)[:600]}"))
        t.check(len(on_file["export csv"]) > 3 * 22, "the export has a row per unit x item x requirement")
        t.check(any("ตรวจเอกสารฉบับจริงแล้ว 'ไม่ตรง' ?1 $1" in c for row in on_server["export csv"] for c in row),
                "the auditor's reason is in the export from PostgreSQL, verbatim")
        t.serve_self_check()
        t.serve_express_queue()
        bad = t.run("history", "--db", t.pg.replace("/oitscan?", "/postgres?"), expect=(2,))
        t.check("no oitscan history" in bad.stderr, "history on a server database without oitscan's tables: a clear error")
    finally:
        t.stop()
    if t.failures:
        print(f"{len(t.failures)} check(s) failed", file=sys.stderr)
        sys.exit(1)
    print("all checks passed")


if __name__ == "__main__":
    main()
