#!/usr/bin/python3
"""Compares oitscan's results.json files with the generator's truth.json and prints, per class,
how often the tool was right.

  compare.py --corpus DIR --results DIR [--report FILE] [--command TEXT]

Exit status 1 when any item's verdict differs from the truth (false pass, false fail, or an
unverified where the truth is known, or the reverse), else 0.
"""
import argparse
import json
import os
import sys

COLS = ["n", "true pass", "false pass", "true fail", "false fail", "unverified", "right reason"]


def outcome(truth, got):
    if truth == got:
        return {"pass": "true pass", "fail": "true fail", "unverified": "unverified"}[truth]
    if got == "pass":
        return "false pass"
    if got == "fail":
        return "false fail"
    return "unverified"  # the truth is known but the tool could not tell


def failed_reasons(item):
    return [f"{r['id']}:{r.get('reason', '')}" for r in item.get("requirements", []) if r.get("verdict") != "pass"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--results", required=True)
    ap.add_argument("--report")
    ap.add_argument("--command", default="")
    a = ap.parse_args()
    truth = json.load(open(os.path.join(a.corpus, "truth.json"), encoding="utf-8"))
    table, errors, wrong_reason = {}, [], []
    for site in truth["sites"]:
        path = os.path.join(a.results, site["unit"], "results.json")
        got_items = {}
        if os.path.exists(path):
            got_items = {i["id"]: i for i in json.load(open(path, encoding="utf-8"))["items"]}
        for item, t in site["items"].items():
            g = got_items.get(item, {"verdict": "missing", "requirements": []})
            row = table.setdefault(t["class"], dict.fromkeys(COLS, 0))
            row["n"] += 1
            o = outcome(t["verdict"], g["verdict"])
            row[o] += 1
            reasons = failed_reasons(g)
            if t["verdict"] != "pass" and g["verdict"] == t["verdict"]:
                if any(r.split(":", 1)[1] in t["reasons"] for r in reasons):
                    row["right reason"] += 1
                else:
                    wrong_reason.append((site["unit"], item, t, g["verdict"], reasons))
            if g["verdict"] != t["verdict"]:
                errors.append((site["unit"], item, t, g["verdict"], reasons))
    lines = table_md(table)
    lines += ["", f"Wrong verdicts: {len(errors)} of {sum(r['n'] for r in table.values())} item instances.", ""]
    for unit, item, t, got, reasons in errors:
        lines.append(f"- {unit} {item} `{t['class']}`: truth **{t['verdict']}** ({t['why']}), "
                     f"oitscan **{got}** ({', '.join(reasons) or 'all requirements pass'}); {t['urls'][0]}")
    if wrong_reason:
        lines += ["", "Right verdict, other reason than expected:"]
        for unit, item, t, got, reasons in wrong_reason:
            lines.append(f"- {unit} {item} `{t['class']}`: expected {'/'.join(t['reasons'])}, got {', '.join(reasons)}")
    print("\n".join(lines))
    if a.report:
        with open(a.report, "w", encoding="utf-8") as f:
            f.write("# Accuracy on generated district sites\n\n"
                    "Made by `scripts/accuracy/run.sh`: realistic district sites with planted defects and a\n"
                    "ground truth graded from the item catalogue (not from the rule files), checked with\n"
                    "`oitscan check`. One row per class of item instance; `right reason` counts the true\n"
                    "fails (and true unverifieds) whose failing requirement named the expected reason.\n\n")
            if a.command:
                f.write(f"Reproduce: `{a.command}`\n\n")
            f.write("\n".join(lines) + "\n")
    return 1 if errors else 0


def table_md(table):
    out = ["| class | " + " | ".join(COLS) + " |", "|---|" + "---:|" * len(COLS)]
    total = dict.fromkeys(COLS, 0)
    for cls in sorted(table, key=lambda c: (c.startswith("compliant:"), c)):
        out.append(f"| {cls} | " + " | ".join(str(table[cls][c]) for c in COLS) + " |")
        for c in COLS:
            total[c] += table[cls][c]
    out.append("| **all** | " + " | ".join(f"**{total[c]}**" for c in COLS) + " |")
    return out


if __name__ == "__main__":
    sys.exit(main())
