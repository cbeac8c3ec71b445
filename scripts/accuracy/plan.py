"""Which defect or compliant variant each (site, item) gets, and what a careful auditor would
conclude about it. The verdicts follow ../shared/reference/oit-2568-items.md (R1 main website,
R2 no login / machine readable, R4 FY2568 and the first six months, per-item components); the
reason codes are only the names oitscan's results.json uses for those findings."""

ITEMS = ["O5", "O9", "O10", "O13", "O14", "O15", "O16", "O17", "O18", "O19", "O20", "O21", "O22"]
DOC_ITEMS = ["O5", "O13", "O14", "O19", "O20", "O21", "O22", "O16", "O18"]  # items whose evidence is PDFs

# class: (items it can apply to ("*" = any), verdict, reason codes that name the finding, why)
DEFECTS = {
    "wrong-year": (["O5", "O13", "O22", "O19", "O14"], "fail", ["wrong-period"],
                   "the plan is the FY2567 one; the item needs FY2568 (R4)"),
    "missing-month": (["O15"], "fail", ["missing-months"],
                      "one month of สขร.๑ between Oct 2567 and Mar 2568 is not published"),
    "issue-date-only": (["O15"], "fail", ["missing-months"],
                        "March 2568 is missing; only the February summary's issue date (early March) names March"),
    "missing-quarter": (["O9"], "fail", ["missing-quarters"], "only quarter 1 of FY2568 is published"),
    "update-stamp-only": (["O13", "O5", "O22", "O19"], "fail", ["wrong-period"],
                          "the page says it was updated in FY2568 but the plan and report are FY2567's"),
    "placeholder": (["O20", "O21", "O16", "O17", "O10"], "fail", ["placeholder"],
                    "the page shows the item title and 'อยู่ระหว่างดำเนินการ' only"),
    "th-only": (["O18"], "fail", ["no-english-version"], "the Anti-Bribery Policy is published in Thai only"),
    "off-site": (["O21", "O5", "O13", "O14", "O19", "O22", "O20"], "fail", ["off-site"],
                 "the documents are on a file-sharing host, not the district's main website (R1)"),
    "dead-link": ("*", "fail", ["dead-link"], "the submitted URL answers 404"),
    "soft-404": ("*", "fail", ["soft-404"], "the submitted URL answers 200 with a 'page not found' page"),
    "login-wall": ("*", "fail", ["interstitial"], "the submitted URL redirects to a login form (R2)"),
    "unsigned": (["O20", "O18"], "fail", ["unsigned"],
                 "the announcement / guideline carries no signature or approval of the district director"),
    "timeout": ("*", "unverified", ["fetch-failed"], "the submitted URL does not answer in time"),
}

# compliant variants: (items, why it must still pass)
COMPLIANT = {
    "bilingual-combined": (["O18"], "Thai and English ABP in one PDF satisfies the English requirement"),
    "title-in-link-only": (["O5", "O19", "O22", "O13", "O14"],
                           "the PDF's heading is a picture; the link text names it and the text states period and content"),
    "download-php": (["O22", "O19", "O13", "O21", "O5", "O20"], "documents served by download.php?id=N, no extension"),
    "combined-months": (["O15"], "all six months of สขร.๑ in one PDF and one workbook"),
    "chrome-links": ("*", "menus and footers link to /contact, /about and the other items"),
    "slow-link": ("*", "an extra link to a mirror host that stalls must not change a pass"),
    "iframe": (DOC_ITEMS, "the main document is embedded in an iframe"),
    "pdfjs": (DOC_ITEMS, "documents linked through /pdfjs/web/viewer.html?file=…"),
    "tis620": ("*", "the item page is TIS-620 encoded with a meta charset"),
    "scanned-signature": (["O20", "O18", "O16"], "the signature page is a scan; the text pages carry the content"),
    "inline-table": (["O9", "O10", "O17"], "the statistics are an HTML table on the page itself"),
    "split-formats": (["O15", "O9", "O10", "O14"], "one file per month / per table in XLSX, CSV, DOCX or PDF"),
    "plain": ("*", "an ordinary page linking its documents"),
}


def _fits(items, item):
    return items == "*" or item in items


def assign(k, rng):
    """-> {site_index: {item: class}}. Every defect class first (spread over the sites), then the
    compliant variants, least-used first, so that even --sites 3 covers every class."""
    plan = {s: {} for s in range(k)}
    soft_site = 1 % k  # the site whose server answers unknown paths with 200 (see generate.site_mode)
    order = list(DEFECTS)
    passes = 1 if k <= 3 else 2  # bigger runs plant each defect more than once
    j = 0
    for _ in range(passes):
        for cls in order:
            items, *_ = DEFECTS[cls]
            sites = [soft_site] if cls == "soft-404" else [s for s in range(k) if s != soft_site] if cls == "dead-link" else \
                [(j + t) % k for t in range(k)]
            j += 1
            for s in sites:
                free = [i for i in ITEMS if i not in plan[s] and _fits(items, i)]
                if free:
                    plan[s][rng.choice(free)] = cls
                    break
    used = {c: 0 for c in COMPLIANT}
    for s in range(k):
        for item in ITEMS:
            if item in plan[s]:
                continue
            fits = [c for c in COMPLIANT if _fits(COMPLIANT[c][0], item)]
            # the specific variants before the generic ones, least used first
            fits.sort(key=lambda c: (used[c], COMPLIANT[c][0] == "*", rng.random()))
            plan[s][item] = "compliant:" + fits[0]
            used[fits[0]] += 1
    return plan


def truth(cls):
    if cls.startswith("compliant:"):
        return {"verdict": "pass", "reasons": [], "why": COMPLIANT[cls.split(":", 1)[1]][1]}
    _, verdict, reasons, why = DEFECTS[cls]
    return {"verdict": verdict, "reasons": reasons, "why": why}
