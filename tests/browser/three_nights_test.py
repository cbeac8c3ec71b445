#!/usr/bin/python3
"""Three nights of `oitscan scan` over the demo district site, then what people read and keep.

Night 1 and 2: bangna-demo passes O15, latkrabang-demo misses a month of O15. Night 3: bangna-demo's
O15 page shows last year's announcements (the planted regression). Then:
- every results document printed by `scan --json` and written as results.json, `history --json`
  and `export --format json` validate against schemas/;
- the CSV export is opened by LibreOffice headless (converted to XLSX) and the Thai survives; the
  XLSX export is read back by openpyxl (sheets details and summary);
- chromium headless opens index.html and finds the Buddhist-era scan date, the totals, the
  regression first, no not-modified row, the trend chart, sorting that works (the inline script
  runs under its CSP hash), and a grid cell whose link opens the unit report at the item;
- screenshots of the dashboard and a unit report go to $OITSCAN_SCREENSHOT_DIR when set (docs/).
"""
import csv
import datetime
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile

import jsonschema
import openpyxl

ROOT, OITSCAN = sys.argv[1], sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))
HOSTS = ["www.bangna-demo.test", "files.bangna-demo.test", "soft404.bangna-demo.test", "login.bangna-demo.test"]
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def run(*args, ok=(0,), **kw):
    r = subprocess.run([str(a) for a in args], capture_output=True, text=True, **kw)
    if r.returncode not in ok:
        sys.stderr.write(r.stdout + r.stderr)
        raise SystemExit(f"{args[:3]}... exited {r.returncode}")
    return r


def schema(name):
    with open(os.path.join(ROOT, "schemas", name), encoding="utf-8") as f:
        return jsonschema.Draft202012Validator(json.load(f))


def valid(validator, doc, what):
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    for e in errors[:5]:
        print(f"     {what}: {'/'.join(map(str, e.path))}: {e.message}")
    check(not errors, f"{what} validates against {validator.schema['$id'].rsplit('/', 1)[-1]}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def submission(path, unit, name_th, port, o15_case):
    base = f"http://www.bangna-demo.test:{port}/demo"
    lines = ["unit:", f"  id: {unit}", f"  name_th: {name_th}", f"  website: {base}/", "framework: bma-district-2568", "items:"]
    for n in range(1, 23):
        case = o15_case if n == 15 else "pass"
        lines.append(f"  O{n}: [{base}/O{n}/{case}/index.html]")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def main():
    work = tempfile.mkdtemp(prefix="oitscan-browser-")
    os.chmod(work, 0o755)  # nginx's workers (www-data) serve the site from here
    port = free_port()
    db, out = os.path.join(work, "history.sqlite"), os.path.join(work, "out")
    run(OITSCAN, "rules", "site", os.path.join(ROOT, "rules", "bma-district-2568"), "--out", os.path.join(work, "site"))
    run("bash", os.path.join(ROOT, "scripts", "demo-site", "serve.sh"), "start", os.path.join(work, "nginx"), port,
        os.path.join(work, "site"))
    try:
        nights(work, port, db, out)
        exports(work, db)
        browser(out)
        override(db, out)
        prune(db, out)
    finally:
        run("bash", os.path.join(ROOT, "scripts", "demo-site", "serve.sh"), "stop", os.path.join(work, "nginx"), ok=(0, 1))
        if not failures:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work} for a look")


def nights(work, port, db, out):
    results_schema = schema("oitscan.results-1.schema.json")
    resolve = [a for h in HOSTS for a in ("--resolve", f"{h}:{port}:127.0.0.1")]
    for night, bangna_o15 in enumerate(["pass", "pass", "wrong-year"], start=1):
        d = os.path.join(work, f"night{night}")
        os.makedirs(d)
        submission(os.path.join(d, "bangna.yaml"), "bangna-demo", "สำนักงานเขตบางนา (ตัวอย่าง)", port, bangna_o15)
        submission(os.path.join(d, "latkrabang.yaml"), "latkrabang-demo", "สำนักงานเขตลาดกระบัง (ตัวอย่าง)", port, "missing-month")
        r = run(OITSCAN, "scan", d, "--db", db, "--out", out, "--json", "--jobs", "2", "--allow-private", *resolve, ok=(0, 1))
        docs = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
        check(len(docs) == 2, f"night {night}: scan --json printed one document per unit ({len(docs)})")
        for doc in docs:
            valid(results_schema, doc, f"night {night}: scan --json {doc['unit']['id']}")
    with open(os.path.join(out, "bangna-demo", "results.json"), encoding="utf-8") as f:
        valid(results_schema, json.load(f), "results.json of bangna-demo")
    runs = sorted(os.listdir(os.path.join(out, "bangna-demo", "runs")))
    check(len(runs) == 3, f"three dated run folders, oldest first: {runs}")
    for name in runs:
        folder = os.path.join(out, "bangna-demo", "runs", name)
        check(all(os.path.exists(os.path.join(folder, f)) for f in ("results.json", "report.html", "evidence.warc.gz")),
              f"run folder {name} keeps its results.json, report.html and WARC")
    with open(os.path.join(out, "bangna-demo", "runs", runs[0], "results.json"), encoding="utf-8") as f:
        first = json.load(f)
    o15 = [i for i in first["items"] if i["id"] == "O15"][0]
    check(o15["verdict"] == "pass", "the first night's own results.json still says O15 passed")

    history = schema("oitscan.history-1.schema.json")
    r = run(OITSCAN, "history", "--db", db, "--json", ok=(1,))
    valid(history, json.loads(r.stdout), "history --json")
    r = run(OITSCAN, "history", "--db", db, "bangna-demo", "--json", ok=(1,))
    h = json.loads(r.stdout)
    valid(history, h, "history bangna-demo --json")
    o15 = [i for i in h["items"] if i["id"] == "O15"][0]
    check(o15["verdicts"] == ["fail", "pass", "pass"] and o15["runs_held"] == 1, f"history: O15 of bangna-demo {o15['verdicts']}")
    r = run(OITSCAN, "history", "--db", db, "latkrabang-demo", "--json", ok=(1,))
    o15 = [i for i in json.loads(r.stdout)["items"] if i["id"] == "O15"][0]
    check(o15["runs_held"] == 3, "history: O15 of latkrabang-demo has failed for 3 runs")


def exports(work, db):
    r = run(OITSCAN, "export", "--db", db, "--format", "json")
    doc = json.loads(r.stdout)
    valid(schema("oitscan.export-1.schema.json"), doc, "export --format json")
    rows = doc["rows"]
    check(len({(x["unit_id"], x["item"]) for x in rows}) == 44, "export: 2 units × 22 items")

    csv_path = os.path.join(work, "export.csv")
    run(OITSCAN, "export", "--db", db, "--format", "csv", "--output", csv_path)
    raw = open(csv_path, "rb").read()
    check(raw.startswith(b"\xef\xbb\xbf"), "CSV starts with the UTF-8 byte-order mark")
    check(b"\r\n" in raw, "CSV lines end in CRLF (RFC 4180)")
    header = raw[3:].split(b"\r\n", 1)[0].decode()
    contract = ("unit_id,unit_name_th,framework,run_id,checked_at,item,item_verdict,requirement,verdict,reason,message_th,"
                "message_en,fix_th,fix_en,evidence_urls,override_verdict,override_by,override_why")
    check(header.startswith(contract), "CSV columns in contract order")
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        parsed = list(csv.DictReader(f))
    check(len(parsed) == len(rows), f"CSV has the same {len(rows)} rows as the JSON export")

    # LibreOffice reads the CSV as Excel would (UTF-8, comma) and writes XLSX; the Thai must survive.
    if shutil.which("soffice"):
        lo = os.path.join(work, "lo")
        profile = "file://" + os.path.join(work, "lo-profile")
        r = subprocess.run(["unshare", "-n", "soffice", f"-env:UserInstallation={profile}", "--headless", "--infilter=CSV:44,34,76,1",
                            "--convert-to", "xlsx", "--outdir", lo, csv_path], capture_output=True, text=True, timeout=300)
        converted = os.path.join(lo, "export.xlsx")
        check(r.returncode == 0 and os.path.exists(converted), "LibreOffice headless converts the CSV")
        if os.path.exists(converted):
            sheet = openpyxl.load_workbook(converted).active
            values = [c.value for c in sheet[2]]
            check(values[1] == parsed[0]["unit_name_th"] and "สำนักงานเขต" in values[1],
                  f"LibreOffice shows the Thai unit name intact: {values[1]!r}")
            check(any("ผ่าน" in str(c.value or "") or "ไม่" in str(c.value or "") or "พบ" in str(c.value or "")
                      for row in sheet.iter_rows(min_row=2, max_row=40) for c in row), "Thai messages intact in LibreOffice")
    else:
        check(False, "soffice (libreoffice-calc-nogui) is installed")

    xlsx_path = os.path.join(work, "export.xlsx")
    run(OITSCAN, "export", "--db", db, "--format", "xlsx", "--output", xlsx_path)
    wb = openpyxl.load_workbook(xlsx_path)
    check(wb.sheetnames == ["details", "summary"], f"XLSX sheets {wb.sheetnames}")
    details = list(wb["details"].iter_rows(values_only=True))
    check(",".join(details[0][:18]) == contract, "XLSX details header in contract order")
    check(len(details) - 1 == len(rows), "XLSX details holds every row")
    summary = list(wb["summary"].iter_rows(values_only=True))
    check(summary[0][5:] == tuple(f"O{n}" for n in range(1, 23)), "XLSX summary: unit × O1…O22")
    by_unit = {row[0]: row for row in summary[1:]}
    check(by_unit["bangna-demo"][5 + 14] == "fail" and by_unit["latkrabang-demo"][5 + 14] == "fail", "XLSX summary: O15 fails for both")
    check(by_unit["bangna-demo"][1] == "สำนักงานเขตบางนา (ตัวอย่าง)", "XLSX keeps the Thai unit name")


def override(db, out):
    run(OITSCAN, "override", "--db", db, "latkrabang-demo", "O15", "--verdict", "pass", "--by", "auditor-a",
        "--why", "ตรวจเอกสารฉบับจริงแล้ว ครบทุกเดือน")
    with open(os.path.join(out, "latkrabang-demo", "results.json"), encoding="utf-8") as f:
        doc = json.load(f)
    valid(schema("oitscan.results-1.schema.json"), doc, "results.json after an override")
    o15 = [i for i in doc["items"] if i["id"] == "O15"][0]
    check(o15["verdict"] == "pass" and o15["machine_verdict"] == "fail" and o15["override"]["by"] == "auditor-a",
          "override: results.json keeps the machine verdict and adds the decision")
    check(doc["score"]["oit"] == 100, f"override: the score uses the overriding verdict ({doc['score']['oit']})")
    r = run(OITSCAN, "export", "--db", db, "--format", "json", "--unit", "latkrabang-demo")
    rows = [x for x in json.loads(r.stdout)["rows"] if x["item"] == "O15"]
    check(rows and all(x["override_verdict"] == "pass" and x["override_by"] == "auditor-a" for x in rows),
          "override: the export shows who decided")


def warc_records(path):
    """(record id, type, refers-to) of every record of a .warc.gz, read with Python's own gzip."""
    import gzip
    out = []
    with gzip.open(path, "rb") as f:
        data = f.read()
    pos = 0
    while pos < len(data):
        end = data.index(b"\r\n\r\n", pos)
        head = data[pos:end].decode("utf-8", "replace").split("\r\n")
        fields = {}
        for line in head[1:]:
            k, _, v = line.partition(":")
            fields[k.strip().lower()] = v.strip()
        out.append((fields.get("warc-record-id"), fields.get("warc-type"), fields.get("warc-refers-to")))
        pos = end + 4 + int(fields["content-length"]) + 4
    return out


def prune(db, out):
    unit = os.path.join(out, "bangna-demo")
    size_before = os.path.getsize(db)
    r = run(OITSCAN, "prune", "--db", db, "--keep-runs", "1", "--keep-days", "0")
    print(r.stdout)
    check("runs removed: 4" in r.stdout, "prune keeps one run per unit (4 of 6 removed)")
    check(len(os.listdir(os.path.join(unit, "runs"))) == 1, "prune removed the older dated run folders")
    kept = [os.path.join(unit, "evidence.warc.gz")] + [os.path.join(unit, "archive", f) for f in os.listdir(os.path.join(unit, "archive"))]
    records = {}
    refers = set()
    for f in kept:
        for rid, typ, to in warc_records(f):
            records[rid] = typ
            if typ == "revisit" and to:
                refers.add(to)
    # (Whether a night's 304s are archived as revisits is the archive stage's choice; the protection
    # itself is tested with real revisit records in tests/store/retention_test.cpp.)
    missing = [x for x in refers if x not in records]
    check(not missing, f"every capture a kept revisit refers to is still archived ({len(missing)} missing)")
    check(os.path.exists(os.path.join(unit, "evidence.warc.gz")) and os.path.exists(os.path.join(unit, "results.json")),
          "prune keeps the latest run's files")
    print(f"     database {size_before} -> {os.path.getsize(db)} bytes")


def browser(out):
    shots = os.environ.get("OITSCAN_SCREENSHOT_DIR", os.path.join(out, "screenshots"))
    os.makedirs(shots, exist_ok=True)
    # No network for the browser at all: its own namespace with only loopback (for chromedriver).
    r = subprocess.run(["unshare", "-n", "sh", "-c", 'ip link set lo up && exec /usr/bin/python3 "$0" "$@"',
                        os.path.join(HERE, "browser_checks.py"), out, shots], capture_output=True, text=True, timeout=300)
    sys.stdout.write(r.stdout)
    sys.stderr.write(r.stderr[-3000:])
    for line in r.stdout.splitlines():
        if line.startswith("FAIL "):
            failures.append(line[5:])
    check(r.returncode == 0, "browser checks ran to the end")


if __name__ == "__main__":
    main()
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print("all checks passed")
