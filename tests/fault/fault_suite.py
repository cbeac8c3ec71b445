#!/usr/bin/env python3
"""The fault-injection suite: oitscan against a broken world, then a check that nothing was lost,
nothing corrupt, and nothing judged `fail` because of a fault.

Faults injected (all seeded, so a failure can be replayed with the same --seed):
  bodies   the demo district site served by tests/fault/fault_server with a share of its files
           broken: gzip/deflate/brotli streams cut or corrupt, short Content-Length, chunked
           without its last chunk, resets; `oitscan check` runs against it
  server   the web server killed (SIGKILL) at a random moment while `check` runs
  kills    `oitscan scan` of several units against the nginx demo site, killed (SIGKILL) at random
           moments, again and again, then resumed to the end
  writes   outputs that cannot be written: a symlink to /dev/full, /dev/full bound over
           results.json, a read-only --out, a full disk (a small tmpfs); the mount tricks need
           root and `unshare -m` and are skipped (and counted as skipped) without them

After each: the SQLite database passes PRAGMA integrity_check, every results.json parses or is
the previous one byte for byte, every WARC file verifies (tests/fault/warc_verify, the project's
reader and digests), and no item is `fail` that the fault-free baseline does not fail.

Prints the counts and writes them as JSON (--summary). Exit 0 only when outputs lost, corrupt
files and false fails are all 0.
"""
import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

HOST = "www.bangna-demo.test"
DEMO_PORT = "18568"


class Suite:
    def __init__(self, args):
        self.a = args
        self.root = Path(args.source).resolve()
        self.work = Path(args.work).resolve()
        self.rng = random.Random(args.seed)
        self.counts = {"injections": 0, "outputs_lost": 0, "corrupt_files": 0, "false_fails": 0,
                       "skipped": 0, "by_kind": {}}
        self.problems = []
        self.env = dict(os.environ, OITSCAN_DATA_DIR=str(self.root))
        self.baseline = {}

    # ---- bookkeeping -------------------------------------------------------------------------
    def injected(self, kind, n=1):
        self.counts["injections"] += n
        self.counts["by_kind"][kind] = self.counts["by_kind"].get(kind, 0) + n

    def problem(self, counter, text):
        self.counts[counter] += 1
        self.problems.append(f"{counter}: {text}")
        print(f"  PROBLEM ({counter}): {text}", flush=True)

    # ---- helpers -----------------------------------------------------------------------------
    def oitscan(self, *argv, timeout=600, **kw):
        return subprocess.run([self.a.oitscan, *map(str, argv)], env=self.env, capture_output=True, text=True,
                              timeout=timeout, **kw)

    def submission(self, port, unit_id, folder):
        text = (self.root / "examples/demo/bangna.yaml").read_text(encoding="utf-8")
        text = text.replace(DEMO_PORT, str(port)).replace("id: bangna-demo", f"id: {unit_id}")
        path = folder / f"{unit_id}.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    def fetch_args(self, port):
        return ["--resolve", f"{HOST}:{port}:127.0.0.1", "--allow-private", "--timeout", "5", "--unit-budget", "120"]

    def start_fault_server(self, seed, percent, folder):
        log = folder / "faults.log"
        proc = subprocess.Popen([self.a.fault_server, self.work / "site", str(seed), str(percent), log],
                                stdout=subprocess.PIPE, text=True)
        port = int(proc.stdout.readline().strip())
        faults = [line.split("\t") for line in log.read_text().splitlines() if line]
        return proc, port, faults

    @staticmethod
    def requested_paths(hits_file):
        if not Path(hits_file).exists():
            return set()
        paths = set()
        for target in Path(hits_file).read_text(encoding="utf-8", errors="replace").splitlines():
            path = urllib.parse.unquote(target.split("?", 1)[0])
            paths.add(path)
            if path.endswith("/"):
                paths.add(path + "index.html")
        return paths

    def verdicts(self, results_path):
        data = json.loads(Path(results_path).read_text(encoding="utf-8"))
        return {item["id"]: item["verdict"] for item in data["items"]}

    def check_results(self, path, what):
        """results.json parses and has the contract's shape; returns its verdicts or None."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            assert data["schema"] == "oitscan.results/1"
            return {item["id"]: item["verdict"] for item in data["items"]}
        except Exception as e:  # noqa: BLE001 - any failure to read is a corrupt file
            self.problem("corrupt_files", f"{what}: {path} does not parse: {e}")
            return None

    def check_false_fails(self, verdicts, what, results=None):
        for item, verdict in (verdicts or {}).items():
            if verdict == "fail" and self.baseline.get(item) != "fail":
                why = ""
                if results is not None:
                    data = json.loads(Path(results).read_text(encoding="utf-8"))
                    for it in data["items"]:
                        if it["id"] == item:
                            why = "; ".join(f"{r['id']} {r['verdict']} {r['reason']}" for r in it["requirements"])
                self.problem("false_fails", f"{what}: {item} judged fail (baseline {self.baseline.get(item)}): {why}")

    def check_warcs(self, folder, what):
        files = sorted(str(p) for p in Path(folder).rglob("*.warc.gz"))
        if not files:
            return
        r = subprocess.run([self.a.warc_verify, *files], capture_output=True, text=True)
        if r.returncode != 0:
            self.problem("corrupt_files", f"{what}: WARC does not verify: {r.stderr.strip()[:500]}")

    def check_db(self, db, what):
        if not Path(db).exists():
            return
        try:
            # A normal connection, as the next scan opens it: a crashed writer's WAL is recovered.
            con = sqlite3.connect(str(db), timeout=30)
            result = con.execute("PRAGMA integrity_check").fetchall()
            con.close()
            if result != [("ok",)]:
                self.problem("corrupt_files", f"{what}: integrity_check says {result[:3]}")
        except sqlite3.Error as e:
            self.problem("corrupt_files", f"{what}: database unreadable: {e}")

    # ---- scenarios ---------------------------------------------------------------------------
    def prepare(self):
        if self.work.exists():
            shutil.rmtree(self.work)
        self.work.mkdir(parents=True)
        r = self.oitscan("rules", "site", self.root / "rules/bma-district-2568", "--out", self.work / "site")
        if r.returncode != 0:
            sys.exit(f"fault suite: cannot build the demo site: {r.stderr}")
        folder = self.work / "baseline"
        folder.mkdir()
        server, port, _ = self.start_fault_server(0, 0, folder)
        try:
            sub = self.submission(port, "bangna-demo", folder)
            r = self.oitscan("check", sub, "--out", folder / "out", *self.fetch_args(port))
        finally:
            server.kill()
            server.wait()
        if r.returncode not in (0, 1):
            sys.exit(f"fault suite: the fault-free baseline check failed to run: {r.stderr}")
        self.baseline = self.verdicts(folder / "out/results.json")
        passed = sum(v == "pass" for v in self.baseline.values())
        print(f"baseline: {passed}/{len(self.baseline)} items pass on the fault-free site", flush=True)
        self.baseline_out = folder / "out"
        self.baseline_sub = sub

    def bodies(self, iterations):
        print(f"== bodies: {iterations} runs, broken bodies of every coding", flush=True)
        for i in range(iterations):
            folder = self.work / f"bodies-{i}"
            folder.mkdir()
            seed = self.rng.randrange(1 << 30)
            server, port, faults = self.start_fault_server(seed, self.a.fault_percent, folder)
            try:
                sub = self.submission(port, "bangna-demo", folder)
                r = self.oitscan("check", sub, "--out", folder / "out", *self.fetch_args(port))
            finally:
                server.terminate()  # it writes the targets it answered, then exits
                server.wait()
            hits = self.requested_paths(folder / "faults.log.hits")
            met = [(kind, path) for kind, path in faults if path in hits]
            for kind, _ in met:
                self.injected(kind)
            what = f"bodies seed {seed}"
            if r.returncode not in (0, 1):
                self.problem("outputs_lost", f"{what}: check exited {r.returncode}: {r.stderr.strip()[-300:]}")
                continue
            self.check_false_fails(self.check_results(folder / "out/results.json", what), what, folder / "out/results.json")
            self.check_warcs(folder / "out", what)
            print(f"  run {i}: seed {seed}, {len(met)} broken files fetched ({len(faults)} on the site), "
                  f"exit {r.returncode}", flush=True)

    def server_deaths(self, iterations):
        print(f"== server: {iterations} runs, the web server killed mid-unit", flush=True)
        for i in range(iterations):
            folder = self.work / f"server-{i}"
            folder.mkdir()
            server, port, _ = self.start_fault_server(0, 0, folder)
            sub = self.submission(port, "bangna-demo", folder)
            check = subprocess.Popen([self.a.oitscan, "check", sub, "--out", folder / "out", *self.fetch_args(port)],
                                     env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            delay = self.rng.uniform(0.05, 2.0)
            time.sleep(delay)
            server.kill()
            server.wait()
            self.injected("server-killed")
            _, err = check.communicate(timeout=600)
            what = f"server killed after {delay:.2f}s"
            if check.returncode not in (0, 1):
                self.problem("outputs_lost", f"{what}: check exited {check.returncode}: {err.strip()[-300:]}")
                continue
            self.check_false_fails(self.check_results(folder / "out/results.json", what), what, folder / "out/results.json")
            self.check_warcs(folder / "out", what)
            print(f"  run {i}: killed after {delay:.2f}s, exit {check.returncode}", flush=True)

    def scan_kills(self, kills, units):
        print(f"== kills: `scan` of {units} units SIGKILLed {kills} times, then resumed", flush=True)
        folder = self.work / "kills"
        inputs = folder / "inputs"
        inputs.mkdir(parents=True)
        port = self.rng.randrange(20000, 40000)
        nginx = folder / "nginx"
        serve = self.root / "scripts/demo-site/serve.sh"
        r = subprocess.run(["bash", serve, "start", nginx, str(port), self.work / "site"], capture_output=True, text=True)
        if r.returncode != 0:
            self.counts["skipped"] += 1
            print(f"  skipped: nginx did not start: {r.stderr.strip()}", flush=True)
            return
        try:
            for u in range(units):
                self.submission(port, f"unit-{u}", inputs)
            # A scan that finished has nothing left to resume, so each cycle starts a fresh history
            # and output folder and is killed again and again until a run completes unkilled.
            done, cycle = 0, 0
            while done < kills:
                cdir = folder / f"cycle-{cycle}"
                cdir.mkdir()
                db, out = cdir / "history.sqlite", cdir / "out"
                argv = [self.a.oitscan, "scan", inputs, "--db", db, "--out", out, "--jobs", "2", *self.fetch_args(port)]
                good = {}  # unit -> sha256 of the last results.json seen whole
                while done < kills:
                    proc = subprocess.Popen(argv, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    delay = self.rng.uniform(0.05, self.a.kill_window)
                    time.sleep(delay)
                    if proc.poll() is not None:
                        break  # it completed first: this cycle is over
                    proc.send_signal(signal.SIGKILL)
                    proc.wait()
                    self.injected("scan-sigkill")
                    done += 1
                    what = f"scan killed after {delay:.2f}s (cycle {cycle}, kill {done})"
                    self.check_db(db, what)
                    self.check_scan_outputs(out, good, what)
                r = subprocess.run(argv, env=self.env, capture_output=True, text=True, timeout=1800)
                what = f"scan of cycle {cycle} resumed to the end"
                if r.returncode not in (0, 1):
                    self.problem("outputs_lost", f"{what}: exited {r.returncode}: {r.stderr.strip()[-300:]}")
                self.check_db(db, what)
                self.check_scan_outputs(out, good, what)
                for u in range(units):
                    results = out / f"unit-{u}" / "results.json"
                    if not results.exists():
                        self.problem("outputs_lost", f"{what}: unit-{u} has no results.json")
                        continue
                    self.check_false_fails(self.check_results(results, what), f"{what}, unit-{u}", results)
                if not (out / "index.html").exists():
                    self.problem("outputs_lost", f"{what}: no index.html")
                print(f"  cycle {cycle}: {done} kills so far", flush=True)
                cycle += 1
        finally:
            subprocess.run(["bash", serve, "stop", nginx], capture_output=True)

    def check_scan_outputs(self, out, good, what):
        if not out.exists():
            return
        for results in sorted(out.glob("*/results.json")):
            if self.check_results(results, what) is not None:
                good[results.parent.name] = hashlib.sha256(results.read_bytes()).hexdigest()
        for unit in good:
            if not (out / unit / "results.json").exists():
                self.problem("outputs_lost", f"{what}: {unit}/results.json disappeared")
        for tmp in out.rglob("*"):
            if tmp.is_file() and tmp.stat().st_size == 0 and tmp.name in ("results.json", "report.html", "index.html"):
                self.problem("corrupt_files", f"{what}: {tmp} is empty")
        index = out / "index.html"
        if index.exists() and not index.read_text(encoding="utf-8", errors="replace").rstrip().endswith("</html>"):
            self.problem("corrupt_files", f"{what}: index.html is cut short")
        self.check_warcs(out, what)

    # ---- output writes failing -----------------------------------------------------------------
    def writes(self, rounds):
        print(f"== writes: {rounds} round(s) of outputs that cannot be written", flush=True)
        can_mount = os.geteuid() == 0 and subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode == 0
        for n in range(rounds):
            self.write_symlink(n)
            for how in ("bind-dev-full", "read-only", "tmpfs-full"):
                if can_mount:
                    self.write_in_namespace(how, n)
                else:
                    self.counts["skipped"] += 1
                    print(f"  {how}: skipped (needs root and unshare -m)", flush=True)

    def fresh_out(self, name):
        out = self.work / name
        shutil.copytree(self.baseline_out, out, ignore=shutil.ignore_patterns("archive"))
        before = {p.name: p.read_bytes() for p in out.iterdir() if p.name in ("results.json", "report.html")}
        return out, before, self.baseline_sub  # judged --offline from the copied evidence

    def compare_previous(self, out, before, what):
        for name, data in before.items():
            path = out / name
            if not path.exists() or path.read_bytes() != data:
                self.problem("outputs_lost", f"{what}: the previous {name} was not kept intact")

    def write_symlink(self, n):
        out, before, sub = self.fresh_out(f"writes-symlink-{n}")
        target = self.work / f"elsewhere-{n}.html"
        target.write_text("someone else's file\n")
        (out / "report.html").unlink()
        (out / "report.html").symlink_to(target)
        del before["report.html"]
        full = self.work / f"full-{n}"
        (out / "results.json").rename(full)
        os.symlink("/dev/full", out / "results.json")
        r = self.oitscan("check", sub, "--offline", "--out", out)
        self.injected("write-symlink")
        what = "results.json -> /dev/full, report.html -> another file"
        if r.returncode != 2:
            self.problem("outputs_lost", f"{what}: exit {r.returncode}, expected 2 (refused)")
        if target.read_text() != "someone else's file\n":
            self.problem("outputs_lost", f"{what}: the symlink's target was overwritten")
        print(f"  symlink: exit {r.returncode}: {r.stderr.strip()[:160]}", flush=True)

    def write_in_namespace(self, how, n):
        out, before, sub = self.fresh_out(f"writes-{how}-{n}")
        pages = sum((p.stat().st_size + 4095) // 4096 for p in out.rglob("*") if p.is_file())
        size_k = pages * 4 + 8  # the copied outputs and two pages more: no new output fits
        setup = {
            "bind-dev-full": f'mount --bind /dev/full "{out}/results.json"',
            "read-only": f'mount --bind "{out}" "{out}" && mount -o remount,ro,bind "{out}"',
            # The copied outputs go back in after the mount; little room is left past them.
            "tmpfs-full": (f'cp -a "{out}" "{out}.keep" && mount -t tmpfs -o size={size_k}k tmpfs "{out}" && '
                           f'cp -a "{out}.keep/." "{out}/"'),
        }[how]
        # Inside the namespace: make the fault, run check, and record what it left (the mounts vanish
        # with the namespace, so the tmpfs files are hashed in there).
        report = self.work / f"writes-{how}-{n}.json"
        script = (f'{setup} || exit 99; "{self.a.oitscan}" check "{sub}" --offline --out "{out}" 2>"{report}.err"; '
                  f'rc=$?; python3 "{__file__}" --inspect "{out}" --inspect-rc $rc > "{report}"')
        r = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", script], env=self.env,
                           capture_output=True, text=True, timeout=600)
        if r.returncode == 99:
            self.counts["skipped"] += 1
            print(f"  {how}: skipped (mount failed: {r.stderr.strip()[:120]})", flush=True)
            return
        self.injected(f"write-{how}")
        seen = json.loads(report.read_text())
        err = Path(f"{report}.err").read_text(encoding="utf-8", errors="replace").strip()
        what = f"write fault {how}"
        if seen["rc"] not in (2,):
            self.problem("outputs_lost", f"{what}: exit {seen['rc']}, expected 2 naming the file: {err[:200]}")
        for name, data in before.items():
            if how == "bind-dev-full" and name == "results.json":
                continue  # the bind hides the file inside the namespace; checked below, outside
            if seen["sha256"].get(name) != hashlib.sha256(data).hexdigest():
                self.problem("outputs_lost", f"{what}: the previous {name} was not kept intact")
        if how == "bind-dev-full":
            self.compare_previous(out, {"results.json": before["results.json"]}, what)
        for name in seen["unparsable"]:
            self.problem("corrupt_files", f"{what}: {name} left unparsable")
        print(f"  {how}: exit {seen['rc']}: {err[:160]}", flush=True)

    def report(self):
        c = self.counts
        print("\n== fault suite summary", flush=True)
        print(f"injections tried: {c['injections']}  ({', '.join(f'{k} {v}' for k, v in sorted(c['by_kind'].items()))})")
        print(f"outputs lost: {c['outputs_lost']}   corrupt files: {c['corrupt_files']}   "
              f"false fails caused by faults: {c['false_fails']}   scenarios skipped: {c['skipped']}")
        if self.a.summary:
            Path(self.a.summary).write_text(json.dumps({**c, "seed": self.a.seed, "problems": self.problems}, indent=2))
        return 0 if c["outputs_lost"] == c["corrupt_files"] == c["false_fails"] == 0 else 1


def inspect(folder, rc):
    """Run inside the mount namespace: what the outputs look like there."""
    out = {"rc": rc, "sha256": {}, "unparsable": []}
    for name in ("results.json", "report.html"):
        p = Path(folder) / name
        if p.is_file():  # not the /dev/full bound over it (endless zeros)
            data = p.read_bytes()
            out["sha256"][name] = hashlib.sha256(data).hexdigest()
            if name == "results.json":
                try:
                    json.loads(data)
                except ValueError:
                    out["unparsable"].append(name)
    print(json.dumps(out))
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--inspect", help=argparse.SUPPRESS)
    p.add_argument("--inspect-rc", type=int, help=argparse.SUPPRESS)
    p.add_argument("--oitscan")
    p.add_argument("--fault-server")
    p.add_argument("--warc-verify")
    p.add_argument("--source", default=str(Path(__file__).resolve().parents[2]))
    p.add_argument("--work", default="build/fault")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--bodies", type=int, default=3, help="runs against the site with broken bodies")
    p.add_argument("--fault-percent", type=int, default=25, help="share of the site's files broken per run")
    p.add_argument("--server-deaths", type=int, default=2)
    p.add_argument("--kills", type=int, default=4, help="SIGKILLs of scan")
    p.add_argument("--units", type=int, default=3, help="units in the killed scan")
    p.add_argument("--kill-window", type=float, default=3.0, help="seconds: kills land in (0.05, this)")
    p.add_argument("--write-rounds", type=int, default=1)
    p.add_argument("--summary", help="write the counts here as JSON")
    a = p.parse_args()
    if a.inspect:
        return inspect(a.inspect, a.inspect_rc)
    suite = Suite(a)
    suite.prepare()
    suite.bodies(a.bodies)
    suite.server_deaths(a.server_deaths)
    suite.scan_kills(a.kills, a.units)
    suite.writes(a.write_rounds)
    return suite.report()


if __name__ == "__main__":
    sys.exit(main())
