#!/usr/bin/env python3
"""Chaos test of the scale-out: workers on a PostgreSQL queue survive kills, freezes and a server
crash, and the result equals a single-process scan.

A throwaway PostgreSQL cluster (tests/queue/pg_cluster.sh, fsync on) and the demo district site
(nginx on 127.0.0.1) serve UNITS copies of the demo unit. Four `oitscan worker` processes (one with
an express slot) work the run while this script:
  1. kill -9's a worker chosen by query: one whose job has committed items;
  2. SIGSTOPs another worker holding a job for twice the lease, then SIGCONTs it (it must log the
     lost lease, and nothing its attempt writes after that may land);
  3. restarts the server with `pg_ctl restart -m immediate` (workers reconnect with backoff);
  4. enqueues a self-check on the express lane mid-run and times it;
  5. serves one unit a PDF that crashes the worker reading it (the test-only fault hook
     OITSCAN_FAULT_CRASH_ON_SHA256 names its digest): its worker aborts, is restarted as a service
     manager would, the rescue aborts again, and the third attempt skips the document as
     `unverified` (extraction-crashed) and finishes the unit.
Afterwards every job must be done, item results = units x items with no duplicates, the killed
job on attempt >= 2 with its earlier items kept from attempt 1, verdicts identical to
`oitscan scan` of the same units, and every WARC record a verdict cites present in the WARCs.

usage: chaos.py OITSCAN_BINARY SOURCE_DIR [--units N] [--report FILE]
"""
import argparse
import csv
import glob
import gzip
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import base64
import hashlib
import zlib
import resource

LEASE = 4
HEARTBEAT = 1
POISON_ITEM = "O2"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Chaos:
    def __init__(self, oitscan, source, units):
        self.oitscan, self.source, self.units = oitscan, source, units
        self.work = tempfile.mkdtemp(prefix="oitscan-chaos-")
        os.chmod(self.work, 0o755)  # the cluster runs as `postgres` when we are root
        self.port = free_port()
        self.workers = {}  # name -> (Popen, log path)
        self.counts = {"kills": 0, "freezes": 0, "restarts": 0, "extractor_crashes": 0}
        self.supervising = False

    # --- set-up -----------------------------------------------------------------------------
    def start(self):
        site = os.path.join(self.work, "site")
        subprocess.run([self.oitscan, "rules", "site", os.path.join(self.source, "rules/bma-district-2568"), "--out", site],
                       check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["bash", os.path.join(self.source, "scripts/demo-site/serve.sh"), "start",
                        os.path.join(self.work, "nginx"), str(self.port), site], check=True)
        template = open(os.path.join(self.source, "examples/demo/bangna.yaml"), encoding="utf-8").read()
        template = template.replace("18568", str(self.port))
        # The hostile PDF: a real one, which the fault hook makes crash the worker reading it. The
        # last unit submits it as its only document for POISON_ITEM.
        os.makedirs(os.path.join(site, "poison"))
        pdf = open(os.path.join(self.source, "tests/fixtures/docs/thai-order.pdf"), "rb").read()
        with open(os.path.join(site, "poison", "hostile.pdf"), "wb") as f:
            f.write(pdf)
        self.poison_sha256 = hashlib.sha256(pdf).hexdigest()
        self.poison_unit = f"u{self.units:02d}"
        self.unit_dir = os.path.join(self.work, "units")
        os.makedirs(self.unit_dir)
        for u in range(1, self.units + 1):
            text = template.replace("id: bangna-demo", f"id: u{u:02d}")
            if f"u{u:02d}" == self.poison_unit:
                text = re.sub(rf"(?m)^  {POISON_ITEM}: \[.*\]$",
                              f"  {POISON_ITEM}: [http://www.bangna-demo.test:{self.port}/demo/poison/hostile.pdf]", text)
                assert "hostile.pdf" in text
            with open(os.path.join(self.unit_dir, f"u{u:02d}.yaml"), "w", encoding="utf-8") as f:
                f.write(text)
        self.selfcheck = os.path.join(self.work, "selfcheck.yaml")
        with open(self.selfcheck, "w", encoding="utf-8") as f:
            f.write(template.replace("id: bangna-demo", "id: selfcheck"))
        self.pg_dir = os.path.join(self.work, "pg")
        self.pg_script = os.path.join(self.source, "tests/queue/pg_cluster.sh")
        r = subprocess.run(["bash", self.pg_script, "start", self.pg_dir], capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError("pg_cluster.sh start failed: " + r.stderr)
        self.db = r.stdout.strip()
        self.fetch_flags = ["--allow-private", "--resolve", f"www.bangna-demo.test:{self.port}:127.0.0.1",
                            "--resolve", f"offsite.bangna-demo.test:{self.port}:127.0.0.1", "--min-delay-ms", "60"]

    def stop(self):
        for p, _, _ in self.workers.values():
            if p.poll() is None:
                p.kill()
                p.wait()
        subprocess.run(["bash", os.path.join(self.source, "scripts/demo-site/serve.sh"), "stop", os.path.join(self.work, "nginx")])
        subprocess.run(["bash", self.pg_script, "stop", self.pg_dir])
        shutil.rmtree(self.work, ignore_errors=True)

    def psql(self, sql):
        for _ in range(100):  # the server may be restarting
            r = subprocess.run(["psql", "-XAtq", self.db, "-c", sql], capture_output=True, text=True)
            if r.returncode == 0:
                return r.stdout.strip()
            time.sleep(0.2)
        raise RuntimeError("psql failed: " + r.stderr)

    def oit(self, *args, **kw):
        return subprocess.run([self.oitscan, *args], capture_output=True, text=True, **kw)

    def start_worker(self, name, express=0):
        log = os.path.join(self.work, f"{name}.log")
        env = dict(os.environ, OITSCAN_FAULT_CRASH_ON_SHA256=self.poison_sha256)
        no_core = lambda: resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        p = subprocess.Popen([self.oitscan, "worker", "--db", self.db, "--slots", "1", "--express", str(express),
                              "--lease", str(LEASE), "--heartbeat", str(HEARTBEAT), "--exit-when-idle", "--name", name,
                              "--out", os.path.join(self.work, "out"), *self.fetch_flags],
                             stdout=subprocess.DEVNULL, stderr=open(log, "a"), env=env, preexec_fn=no_core)
        self.workers[name] = (p, log, express)

    # A service manager's Restart=on-failure, for the workers the hostile PDF aborts (and only those).
    def supervise(self):
        while self.supervising:
            for name, (p, _, express) in list(self.workers.items()):
                if p.poll() == -signal.SIGABRT:
                    self.counts["extractor_crashes"] += 1
                    self.start_worker(name, express)
            time.sleep(0.1)

    def wait_for(self, what, predicate, timeout=120):
        end = time.time() + timeout
        while time.time() < end:
            v = predicate()
            if v:
                return v
            time.sleep(0.1)
        raise RuntimeError("timed out waiting for " + what)

    # --- the run ------------------------------------------------------------------------------
    def run(self):
        # The default three failures: the hostile PDF's two crashes are explained by the reading
        # marks they leave open and spend none (a lease lost to the server restart may spend one).
        r = self.oit("enqueue", "--db", self.db, self.unit_dir, "--run", "chaos")
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout)["jobs"] == self.units
        for i in range(4):
            self.start_worker(f"w{i}", express=1 if i == 3 else 0)
        live = lambda name: self.workers[name][0].poll() is None
        self.supervising = True
        supervisor = threading.Thread(target=self.supervise, daemon=True)
        supervisor.start()

        # 1. kill -9 the worker of a job that has committed items.
        row = self.wait_for("a running job with committed items", lambda: self.psql(
            "SELECT j.id || ' ' || j.lease_owner || ' ' || j.attempt FROM jobs j WHERE j.state = 'running' AND "
            f"j.unit_id <> '{self.poison_unit}' AND (SELECT count(*) FROM job_items i WHERE i.job_id = j.id) >= 2 ORDER BY j.id LIMIT 1"))
        killed_job, owner, killed_attempt = row.split()
        victim = owner.split("/")[0]
        os.kill(self.workers[victim][0].pid, signal.SIGKILL)
        self.workers[victim][0].wait()
        self.counts["kills"] += 1
        killed_items_before = int(self.psql(f"SELECT count(*) FROM job_items WHERE job_id = {killed_job}"))

        # 2. freeze another worker holding a job, for twice the lease.
        def frozen_candidate():
            out = self.psql("SELECT j.id || ' ' || j.lease_owner || ' ' || j.attempt FROM jobs j WHERE j.state = 'running' "
                            f"AND j.id <> {killed_job} AND j.unit_id <> '{self.poison_unit}' ORDER BY j.id")
            for line in out.splitlines():
                job, owner, attempt = line.split()
                name = owner.split("/")[0]
                if name != victim and live(name):
                    return job, name, attempt
            return None
        frozen_job, frozen, frozen_attempt = self.wait_for("a job held by a live worker", frozen_candidate)
        os.kill(self.workers[frozen][0].pid, signal.SIGSTOP)
        time.sleep(2 * LEASE + 1)
        thawed_at = self.psql("SELECT now()")
        os.kill(self.workers[frozen][0].pid, signal.SIGCONT)
        self.counts["freezes"] += 1

        # 3. crash and recover the database server.
        self.selfcheck_started = time.time()
        r = self.oit("enqueue", "--db", self.db, self.selfcheck, "--run", "selfcheck", "--lane", "express")
        assert r.returncode == 0, r.stderr
        time.sleep(1)
        subprocess.run(["bash", self.pg_script, "restart", self.pg_dir], check=True)
        self.counts["restarts"] += 1

        # 4. the self-check on the express slot.
        self.wait_for("the self-check", lambda: self.psql("SELECT state FROM jobs WHERE unit_id = 'selfcheck'") == "done", 300)
        self.selfcheck_seconds = time.time() - self.selfcheck_started

        # Every worker exits once the queue is idle; an aborted one is restarted meanwhile.
        self.wait_for("the workers to finish", lambda: all(
            p.poll() is not None and p.poll() != -signal.SIGABRT for p, _, _ in self.workers.values()), 600)
        self.supervising = False
        supervisor.join()
        self.killed = (killed_job, killed_attempt, killed_items_before)
        self.frozen = (frozen_job, frozen, frozen_attempt, thawed_at)

    # --- the checks ---------------------------------------------------------------------------
    def check(self):
        problems = []
        status = json.loads(self.oit("status", "--db", self.db, "--json").stdout)
        total = self.units + 1
        if status["jobs"]["done"] != total:
            problems.append(f"jobs done {status['jobs']} (want {total} done)")
        items_per_unit = 22
        n_items = int(self.psql("SELECT count(*) FROM job_items"))
        distinct = int(self.psql("SELECT count(DISTINCT (job_id, item_id)) FROM job_items"))
        if n_items != total * items_per_unit or distinct != n_items:
            problems.append(f"item results {n_items} ({distinct} distinct), want {total * items_per_unit}")
        job, attempt, before = self.killed
        attempts = int(self.psql(f"SELECT attempt FROM jobs WHERE id = {job}"))
        kept = int(self.psql(f"SELECT count(*) FROM job_items WHERE job_id = {job} AND attempt = {attempt}"))
        if attempts < 2:
            problems.append(f"killed job {job} ended on attempt {attempts}")
        if kept < before:
            problems.append(f"killed job {job}: {before} items committed before the kill, {kept} kept from attempt {attempt}")
        logs = {name: open(log, encoding="utf-8").read() for name, (_, log, _) in self.workers.items()}
        fjob, fname, fattempt, thawed = self.frozen
        late = int(self.psql(f"SELECT count(*) FROM job_items WHERE job_id = {fjob} AND attempt = {fattempt} "
                             f"AND committed_at > '{thawed}'::timestamptz"))
        if late:
            problems.append(f"frozen worker {fname} wrote {late} item(s) after its lease was lost")
        if "lost the lease" not in logs[fname] or "lost: abandoning the item in flight" not in logs[fname]:
            problems.append(f"frozen worker {fname} did not log the lost lease (at once, and at the item's end)")
        # Items checked more than once: the workers log each item as they start it (the killed
        # worker's log too, line by line). Only items in flight when their worker died or froze
        # should be here.
        started = {}
        for text in logs.values():
            for m in re.finditer(r"checking (\S+) (O\d+) \(attempt", text):
                started[m.groups()] = started.get(m.groups(), 0) + 1
        poison_checks = started.pop((self.poison_unit, POISON_ITEM), 0)
        re_executed = sum(n - 1 for n in started.values())
        # Each takeover (the killed worker's job, the frozen one's, any lease a slow server restart
        # cost) redoes at most the one item that was in flight; the hostile PDF's item is counted apart.
        if re_executed > status["rescued"]:
            problems.append(f"{re_executed} items were checked again, {status['rescued']} takeovers "
                            "(only the items in flight should be)")

        # The hostile PDF: two attempts died reading it, the third skipped it and finished the unit.
        all_logs = "".join(logs.values())
        aborts = all_logs.count("OITSCAN_FAULT_CRASH_ON_SHA256: aborting")
        if aborts != 2 or self.counts["extractor_crashes"] != 2 or poison_checks != 3:
            problems.append(f"hostile PDF: {aborts} aborts logged, {self.counts['extractor_crashes']} worker crashes, "
                            f"{poison_checks} checks of {self.poison_unit} {POISON_ITEM} (want 2, 2, 3)")
        marks = self.psql(f"SELECT count(DISTINCT attempt) FROM job_readings WHERE sha256 = '{self.poison_sha256}' "
                          "AND finished_at IS NULL")
        if marks != "2":
            problems.append(f"hostile PDF: readings left open by {marks} attempts, want 2")
        poisoned = json.loads(self.psql(
            f"SELECT result::text FROM job_items i JOIN jobs j ON j.id = i.job_id JOIN queue_runs q ON q.id = j.run_id "
            f"WHERE q.name = 'chaos' AND j.unit_id = '{self.poison_unit}' AND i.item_id = '{POISON_ITEM}'") or
            '{"verdict": "not committed"}')
        reasons = {r["reason"] for r in poisoned.get("requirements", [])}
        if poisoned["verdict"] != "unverified" or "extraction-crashed" not in reasons:
            problems.append(f"hostile PDF: {self.poison_unit} {POISON_ITEM} is {poisoned['verdict']} {sorted(reasons)}, "
                            "want unverified with extraction-crashed")

        # The same units, one process: identical verdicts and reasons (but for the hostile PDF's
        # item, which the single process, without the fault hook, reads).
        single = os.path.join(self.work, "single")
        r = self.oit("scan", self.unit_dir, "--db", os.path.join(single, "history.sqlite"), "--out", single, "--json", *self.fetch_flags)
        want = {}
        for line in r.stdout.splitlines():
            doc = json.loads(line)
            want[doc["unit"]["id"]] = verdicts(doc)
        got = {}
        for line in self.psql("SELECT results::text FROM jobs j JOIN queue_runs q ON q.id = j.run_id WHERE q.name = 'chaos'").splitlines():
            doc = json.loads(line)
            got[doc["unit"]["id"]] = verdicts(doc)
        for side in (want, got):
            side.get(self.poison_unit, {}).pop(POISON_ITEM, None)
        if got != want:
            diff = [u for u in want if got.get(u) != want[u]]
            detail = ""
            if diff and diff[0] in got:
                u = diff[0]
                for item in sorted(set(want[u]) | set(got[u])):
                    if want[u].get(item) != got[u].get(item):
                        detail += f"\n  {u} {item}: scan {want[u].get(item)}\n  {u} {item}: workers {got[u].get(item)}"
            problems.append(f"verdicts differ from a single-process scan for {diff[:5]}{detail}")

        # The workers' runs are in the history store on the same database: `oitscan export` of them
        # equals the export of the single-process scan, row for row and column for column, but
        # for the run ids and times (the clock's) and the hostile PDF's item.
        def exported(db, tag):
            path = os.path.join(self.work, f"export-{tag}.csv")
            args = ["export", "--db", db, "--format", "csv", "--output", path]
            for u in sorted(want):
                args += ["--unit", u]
            r = self.oit(*args)
            if r.returncode != 0:
                problems.append(f"export --db ({tag}) exited {r.returncode}: {r.stderr.strip()[:300]}")
                return []
            with open(path, encoding="utf-8-sig", newline="") as f:
                rows = list(csv.reader(f))
            header = rows[0]
            clock = {header.index("run_id"), header.index("checked_at")}
            unit, item = header.index("unit_id"), header.index("item")
            return [[c for i, c in enumerate(row) if i not in clock] for row in rows
                    if not (row[unit] == self.poison_unit and row[item] == POISON_ITEM)]
        from_scan, from_workers = exported(os.path.join(single, "history.sqlite"), "scan"), exported(self.db, "workers")
        self.counts["export_rows"] = len(from_workers) - 1
        if not from_scan or from_scan != from_workers:
            first = next((i for i, (a, b) in enumerate(zip(from_scan, from_workers)) if a != b), min(len(from_scan), len(from_workers)))
            problems.append(f"export from the workers' history differs from the single-process scan's: {len(from_workers)} vs "
                            f"{len(from_scan)} rows, first difference at row {first}")

        # Every WARC record a verdict cites is in a WARC an attempt wrote.
        ids = set()
        for path in glob.glob(os.path.join(self.work, "out", "**", "*.warc.gz"), recursive=True):
            with gzip.open(path, "rb") as f:
                for m in re.finditer(rb"WARC-Record-ID: (<urn:uuid:[0-9a-f-]+>)", f.read()):
                    ids.add(m.group(1).decode())
        cited = set()
        for line in self.psql("SELECT results::text FROM jobs").splitlines():
            for item in json.loads(line)["items"]:
                for req in item.get("requirements", []):
                    for ev in req.get("evidence", []):
                        if ev.get("warc_record_id"):
                            cited.add(ev["warc_record_id"])
        missing = cited - ids
        if not cited or missing:
            problems.append(f"{len(missing)} of {len(cited)} cited WARC records not found")

        # Every record a committed item cites is referenced by (file, offset, digest), and every
        # reference holds: the record at that offset has that id, and its block that digest.
        refs = {}
        for line in self.psql("SELECT job_id || ' ' || item_id || ' ' || record_id || ' ' || record_offset || ' ' || "
                              "block_digest || ' ' || warc_file FROM job_warc_refs").splitlines():
            job_id, item_id, record_id, offset, digest, path = line.split(" ", 5)
            refs[(job_id, item_id, record_id)] = (path, int(offset), digest)
        unreferenced = 0
        for line in self.psql("SELECT job_id || ' ' || item_id || ' ' || result::text FROM job_items").splitlines():
            job_id, item_id, result = line.split(" ", 2)
            for req in json.loads(result).get("requirements", []):
                for ev in req.get("evidence", []):
                    if ev.get("warc_record_id") and (job_id, item_id, ev["warc_record_id"]) not in refs:
                        unreferenced += 1
        bad_refs = [f"{k[2]} at {v[0]}:{v[1]}: {why}" for k, v in refs.items() for why in [verify_ref(k[2], *v)] if why]
        if unreferenced or bad_refs or not refs:
            problems.append(f"WARC references: {len(refs)} stored, {unreferenced} cited records without one, "
                            f"{len(bad_refs)} not verified {bad_refs[:3]}")

        summary = {"units": total, "workers": len(self.workers), **self.counts,
                   "items": n_items, "items_re_executed": re_executed, "results_lost": total * items_per_unit - distinct,
                   "duplicates": n_items - distinct, "rescued": status["rescued"],
                   "selfcheck_seconds": round(self.selfcheck_seconds, 1), "cited_warc_records": len(cited),
                   "poison_item_checks": poison_checks, "warc_refs_verified": len(refs)}
        return problems, summary


def verify_ref(record_id, path, offset, digest):
    """Reads the record at `offset` of `path` (its own gzip member) on its own: '' when it is the
    record `record_id` and its block has `digest` (sha1:BASE32, as WARC-Block-Digest), else why not."""
    with open(path, "rb") as f:
        f.seek(offset)
        member = zlib.decompressobj(31)
        data = b""
        while not member.eof:
            chunk = f.read(1 << 16)
            if not chunk:
                return "the file ends inside the record"
            data += member.decompress(chunk)
    head, sep, rest = data.partition(b"\r\n\r\n")
    if not sep or not head.startswith(b"WARC/"):
        return "no WARC record there"
    fields = {}
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.decode("utf-8").partition(":")
        fields[name.strip().lower()] = value.strip()
    if fields.get("warc-record-id") != record_id:
        return f"the record there is {fields.get('warc-record-id')}"
    block = rest[:int(fields["content-length"])]
    actual = "sha1:" + base64.b32encode(hashlib.sha1(block).digest()).decode()
    if actual != digest or fields.get("warc-block-digest") != digest:
        return f"block digest {actual}, stored {digest}, declared {fields.get('warc-block-digest')}"
    return ""


def verdicts(doc):
    out = {}
    for item in doc["items"]:
        out[item["id"]] = (item["verdict"], tuple((r["id"], r["verdict"], r["reason"]) for r in item.get("requirements", [])))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("oitscan")
    ap.add_argument("source")
    ap.add_argument("--units", type=int, default=8)
    ap.add_argument("--report")
    a = ap.parse_args()
    c = Chaos(os.path.abspath(a.oitscan), os.path.abspath(a.source), a.units)
    try:
        c.start()
        c.run()
        problems, summary = c.check()
    except Exception:
        for name, (_, log, _) in c.workers.items():
            sys.stderr.write(f"--- {name}\n" + open(log, encoding="utf-8").read()[-3000:])
        c.stop()
        raise
    print(json.dumps(summary))
    if a.report:
        with open(a.report, "w") as f:
            json.dump(summary, f, indent=2)
    for p in problems:
        print("FAIL:", p)
    if problems:
        for name, (_, log, _) in c.workers.items():
            sys.stderr.write(f"--- {name}\n" + open(log, encoding="utf-8").read()[-2000:])
    c.stop()
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
