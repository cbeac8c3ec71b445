#!/usr/bin/python3
"""Generates realistic district web sites with planted defects, and their ground truth.

  generate.py --out DIR --seed N --sites K [--port P] [--slow-port Q]

writes DIR/sites/district-N/ (the files of each site), DIR/hosts/drive/ (a file-sharing host),
DIR/district-N.yaml (the submission, contracts.md format), DIR/truth.json and DIR/sites.conf (nginx
server blocks). Documents are written from the item catalogue, never from oitscan's rule files.
"""
import argparse
import json
import os
import random
import urllib.parse

import items_a
import items_b
import plan as planmod
import portal
import render
import thaitext as tt

TITLES = {
    "O5": "แผนปฏิบัติราชการประจำปี และรายงานผลการปฏิบัติราชการประจำปี",
    "O9": "ข้อมูลสถิติการจัดเก็บภาษี",
    "O10": "ข้อมูลสถิติการจัดเก็บรายได้",
    "O13": "แผนการใช้จ่ายงบประมาณประจำปีและรายงานผลการใช้จ่ายงบประมาณประจำปี",
    "O14": "ข้อมูลงบประมาณ ข้อบัญญัติงบประมาณ ข้อมูลเงินอุดหนุนชุมชน",
    "O15": "ประกาศต่างๆ เกี่ยวกับการจัดซื้อจัดจ้าง และสรุปผลการจัดซื้อจัดจ้างรายเดือน",
    "O16": "หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล",
    "O17": "ช่องทางการร้องเรียนการทุจริตและข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริตประจำปี",
    "O18": "ประกาศนโยบายต่อต้านการรับสินบน (Anti-Bribery Policy) และการรายงานผลสู่การปฏิบัติ",
    "O19": "การประเมินความเสี่ยงต่อการรับสินบนและการรายงานผลการดำเนินการเพื่อจัดการความเสี่ยงต่อการรับสินบน",
    "O20": "แนวทางการปฏิบัติในการใช้ดุลยพินิจของเจ้าหน้าที่",
    "O21": "การจัดการทรัพย์สินของราชการ ของบริจาคและการจัดเก็บของกลาง",
    "O22": "มาตรการในการยกระดับคุณธรรมและความโปร่งใส และการรายงานผลการดำเนินงาน",
}
CONTENT = {"O5": items_a.o5, "O13": items_a.o13, "O14": items_a.o14, "O19": items_a.o19, "O22": items_a.o22,
           "O9": items_b.o9, "O10": items_b.o10, "O15": items_b.o15, "O16": items_b.o16, "O17": items_b.o17,
           "O18": items_b.o18, "O20": items_b.o20, "O21": items_b.o21}
DISTRICTS = [("บางนา", "Bang Na", "นางประภา ศรีวงศ์", "Mrs. Prapha Sriwong"),
             ("ลาดกระบัง", "Lat Krabang", "นายธีรพงษ์ เพชรแก้ว", "Mr. Theerapong Phetkaew"),
             ("วังทองหลาง", "Wang Thonglang", "นายสมเกียรติ ใจมั่น", "Mr. Somkiat Jaiman"),
             ("ห้วยขวาง", "Huai Khwang", "นางสาวรัชนี บุญมา", "Ms. Ratchanee Boonma"),
             ("จตุจักร", "Chatuchak", "นายอนุชา รักไทย", "Mr. Anucha Rakthai"),
             ("ประเวศ", "Prawet", "นางวิไลวรรณ สุขใจ", "Mrs. Wilaiwan Sukjai")]
DRIVE = "drive.docs-share.test"
SLOW = "slow.cdn-bkk.test"
BMA = "www.bangkok.test"  # stands for the BMA portal districts link to (never a real host: tests stay on loopback)


def site_mode(index, k):
    """The site planmod.assign picks for soft-404 answers unknown paths with 200 pages."""
    return "soft" if index == 1 % k and k > 1 else "hard"


def make_site(i, k, rng, port):
    d = DISTRICTS[i % len(DISTRICTS)]
    thai = rng.random() < 0.5
    return {"index": i, "host": f"district-{i + 1}.test", "district": d[0], "district_en": d[1],
            "director": d[2], "director_en": d[3], "template": i % 3, "mode": site_mode(i, k),
            "style": {"thai": thai, "month": "full"}, "stamp": (2568, 4, rng.randint(1, 25)),
            "address": f"เลขที่ {rng.randint(1, 999)} ถนนสุขุมวิท กรุงเทพมหานคร 10260",
            "phone": f"0 2{rng.randint(100, 999)} {rng.randint(1000, 9999)}", "visits": rng.randint(20000, 900000),
            "base": f"http://district-{i + 1}.test:{port}", "bma": f"http://{BMA}:{port}/"}


def item_path(site, item):
    n = item[1:].lower()
    return [f"/ita/2568/o{n}.html", f"/ita-2568-o{n}/", f"/ita68/o{n}/"][site["template"]]


def files_dir(site, item):
    return [f"/ita/2568/files/{item.lower()}/", "/wp-content/uploads/2025/04/", f"/images/ita68/{item.lower()}/"][site["template"]]


class Writer:
    """Collects the files of all sites under DIR and the download.php ids."""

    def __init__(self, out):
        self.out, self.next_id = out, 17

    def put(self, host_dir, path, data):
        full = os.path.join(self.out, host_dir, path.lstrip("/"))
        if full.endswith("/"):
            full += "index.html"
        os.makedirs(os.path.dirname(full), exist_ok=True)
        if isinstance(data, str):
            data = data.encode("utf-8")
        with open(full, "wb") as f:
            f.write(data)
        return full

    def doc(self, host_dir, path, doc, **kw):
        full = self.put(host_dir, path, b"")
        render.write(full, doc.fmt, doc.blocks, **kw)


def variant_params(item, cls, rng):
    """The knobs of the item content functions each class turns."""
    c = cls.split(":", 1)[-1]
    gone = rng.choice([(2567, 12), (2568, 1)])  # the one month a "missing-month" site leaves out
    return {"wrong-year": {"fy": 2567},
            "update-stamp-only": {"fy": 2567, "report_fy": 2567, "undated_links": True},
            "missing-month": {"months": [m for m in tt.fiscal_months(2568) if m != gone]},
            "issue-date-only": {"months": tt.fiscal_months(2568)[:5]},
            "missing-quarter": {"quarters": [1]},
            "th-only": {"english": None},
            "unsigned": {"signed": False},
            "bilingual-combined": {"english": "combined"},
            "title-in-link-only": {"outline": True},
            "combined-months": {"combine": True},
            "scanned-signature": {"scan_sig": True},
            # Every format but only where the catalogue's named formats are still met (Excel beside
            # a PDF or DOCX, see items_b); O14's subsidy table has no Excel copy, so no PDF there.
            "split-formats": {"fmt": rng.choice({"O15": ["xlsx", "csv", "docx", "pdf"], "O14": ["xlsx", "csv"]}
                                                .get(item, ["xlsx", "csv", "pdf"]))},
            }.get(c, {})


def build_item(w, site, item, cls, rng, port, slow_port):
    """Writes the item's page and documents; returns the submitted URLs."""
    c = cls.split(":", 1)[-1]
    host_dir = f"sites/{site['host']}"
    path = item_path(site, item)
    title = TITLES[item]
    if c == "dead-link":  # a typo in the submitted URL: the page is elsewhere
        return [site["base"] + path.rstrip("/").removesuffix(".html") + "-2567.html"]
    if c == "soft-404":  # deep path, so the portal's deep not-found page answers
        return [site["base"] + f"/ita/2568/archive/{item.lower()}-2568.html"]
    if c == "login-wall":
        return [site["base"] + f"/intranet/ita/{item.lower()}.html"]
    if c == "timeout":
        return [site["base"] + f"/slow/ita/{item.lower()}.html"]
    # Each office types its own way: Thai or Arabic digits, full or abbreviated months, 2-digit years.
    st = dict(site["style"], thai=site["style"]["thai"] ^ (rng.random() < 0.3),
              month=rng.choice(["full", "full", "abbr", "nodot"]), short=rng.random() < 0.2)
    if c == "placeholder":
        body = rng.choice(["<p>อยู่ระหว่างดำเนินการ</p>", "<p><strong>อยู่ระหว่างดำเนินการ</strong> "
                           "จะเผยแพร่ข้อมูลโดยเร็ว</p>", "<p>อยู่ระหว่างดำเนินการปรับปรุงข้อมูล</p>"])
        w.put(host_dir, path, portal.page(site, f"{item} {title}", body, crumbs=["ITA 2568"]))
        return [site["base"] + path]
    docs = CONTENT[item](site, rng, st, variant_params(item, cls, rng))
    links, iframe, body_imgs = [], None, []
    for doc in docs:
        fname = f"{doc.name}.{doc.fmt}"
        kw = {"encoding": "cp874"} if doc.fmt == "csv" and rng.random() < 0.3 else {}
        if c == "off-site":  # a Google-Drive-like share: the district's page links out to it
            fid = f"{rng.getrandbits(64):016x}"
            w.doc("hosts/drive", f"/file/d/{fid}/{fname}", doc, **kw)
            href = f"http://{DRIVE}:{port}/file/d/{fid}/{fname}"
        elif c == "download-php" and doc.fmt == "pdf":
            w.next_id += 1
            w.doc(host_dir, f"/dl/{w.next_id}", doc)
            href = f"/download.php?id={w.next_id}"
        else:
            w.doc(host_dir, files_dir(site, item) + fname, doc, **kw)
            href = files_dir(site, item) + fname
            if c == "pdfjs" and doc.fmt == "pdf":
                href = "/pdfjs/web/viewer.html?file=" + urllib.parse.quote(href, safe="")
        if doc.fmt == "png":  # an infographic is shown, not linked
            body_imgs.append(f'<p><img src="{href}" alt="{doc.link}" width="600"></p>')
            continue
        if c == "iframe" and iframe is None and doc.fmt == "pdf":
            iframe = href
            continue
        size = rng.choice(["", f" ({rng.randint(80, 900)} KB)"])
        links.append((href, doc.link + size, ' target="_blank"' if rng.random() < 0.5 else ""))
    body = rng.choice(["<p>ดาวน์โหลดเอกสาร</p>", "<p>รายละเอียดตามเอกสารแนบ</p>", ""])
    if c == "update-stamp-only":  # prominent FY2568 stamps over FY2567 documents
        body += (f"<p>วันที่โพสต์ {tt.day(2568, 2, 14, st)} | ปรับปรุงข้อมูลล่าสุด "
                 f"{tt.day(2568, 4, 2, dict(st, month='abbr', short=True))}</p>")
    if item == "O17":
        body += items_b.o17_channels_html(site)
    if c == "inline-table":  # the statistics on the page itself, and the file for download
        body += render.html_fragment(docs[0].blocks)
    if iframe:
        body += f'<iframe src="{iframe}" width="100%" height="800" title="{title}"></iframe>'
    body += portal.doc_list(links) + "".join(body_imgs)
    if item == "O16":  # the catalogue asks for a link to the BMA civil-service office's HR system
        body += f'<p><a href="{site["bma"]}csc/">ระบบการบริหารและพัฒนาทรัพยากรบุคคล สำนักงาน ก.ก.</a></p>'
    if c == "slow-link":
        body += (f'<p><a href="http://{SLOW}:{slow_port}/mirror/{site["host"]}/{item.lower()}.pdf">'
                 "ดาวน์โหลดจากเซิร์ฟเวอร์สำรอง</a></p>")
    if c == "chrome-links":
        rel = [("/contact/", "ติดต่อสำนักงานเขต"), ("/about/", "เกี่ยวกับเขต"), ("/news/", "ข่าวทั้งหมด"),
               ("/ita/", "กลับหน้า ITA 2568")] + [(item_path(site, o), f"{o} {TITLES[o]}") for o in rng.sample(list(TITLES), 3)]
        body += "<h4>ลิงก์ที่เกี่ยวข้อง</h4>" + portal.doc_list([(h, t, "") for h, t in rel])
    if c == "tis620":  # an old PHP page: TIS-620 bytes, charset only in the meta tag
        path = f"/legacy/ita2568_{item.lower()}.php.html"
        html_text = portal.page(site, f"{item} {title}", body, crumbs=["ITA 2568"], charset="tis-620")
        w.put(host_dir, path, html_text.encode("cp874", errors="xmlcharrefreplace"))
    else:
        w.put(host_dir, path, portal.page(site, f"{item} {title}", body, crumbs=["ITA 2568"]))
    urls = [site["base"] + path]
    if rng.random() < 0.25 and links and links[0][0].startswith("/") and c != "pdfjs":
        urls.append(site["base"] + links[0][0])  # districts often submit a document URL as well
    return urls


def common_pages(w, site, items):
    host_dir = f"sites/{site['host']}"
    site["item_menu"] = [(f"{o} {TITLES[o][:30]}", item_path(site, o)) for o in items]
    ita = portal.doc_list([(item_path(site, o), f"{o} {TITLES[o]}", "") for o in items])
    st = site["style"]
    pages = {"/": ("หน้าหลัก", "<p>ยินดีต้อนรับสู่เว็บไซต์สำนักงานเขต</p>"),
             "/ita/": ("การประเมินคุณธรรมและความโปร่งใส ITA 2568", ita),
             "/about/": ("เกี่ยวกับเขต", "<p>ประวัติ วิสัยทัศน์ และพันธกิจของสำนักงานเขต</p>"),
             "/contact/": ("ติดต่อเรา", f"<p>{site['address']} โทร. {site['phone']}</p>"),
             "/news/": ("ข่าวประชาสัมพันธ์", "<p>ข่าวกิจกรรมของสำนักงานเขต</p>")}
    for n, (y, m, d) in enumerate([(2568, 3, 18), (2567, 9, 9), (2568, 1, 10)], 1):
        pages[f"/news/{n}.html"] = (f"ข่าวกิจกรรม {n}", f"<p>เมื่อวันที่ {tt.day(y, m, d, st)} สำนักงานเขตจัดกิจกรรม</p>")
    for p, (t, b) in pages.items():
        w.put(host_dir, p, portal.page(site, t, b))
    w.put(host_dir, "/login.php", portal.login_page(site))
    w.put(host_dir, "/pdfjs/web/viewer.html", portal.pdfjs_viewer())
    w.put(host_dir, "/404.html", portal.page(site, "ไม่พบหน้า", "<p>ไม่พบหน้าที่คุณต้องการ</p>"))
    w.put(host_dir, "/_nf/shallow.html", portal.not_found_plain())
    w.put(host_dir, "/_nf/deep.html", portal.not_found_portal(site))
    w.put(host_dir, "/css/site.css", "body{font-family:Sarabun,sans-serif}")


def nginx_server(out, site, port, slow_port):
    root = os.path.join(out, "sites", site["host"])
    if site["mode"] == "soft":  # 200 for anything unknown, and a different page for deep paths
        missing = ("  location / { try_files $uri $uri/ /_nf/shallow.html; }\n"
                   "  location ~ ^/[^/]+/[^/]+/ { try_files $uri $uri/ /_nf/deep.html; }\n")
    else:
        missing = "  error_page 404 /404.html;\n  location / { try_files $uri $uri/ =404; }\n"
    return (f"server {{\n  listen 127.0.0.1:{port};\n  server_name {site['host']};\n  root {root};\n"
            "  index index.html;\n" + missing +
            # download.php?id=N: no extension, PDF by type, the name only in Content-Disposition
            "  location = /download.php {\n    types { }\n    default_type application/pdf;\n"
            "    add_header Content-Disposition 'inline; filename=\"document-$arg_id.pdf\"';\n"
            "    try_files /dl/$arg_id =404;\n  }\n"
            "  location ^~ /legacy/ { charset off; types { text/html html; } }\n"
            "  location = /login.php { types { } default_type text/html; }\n"
            "  location ^~ /intranet/ { return 302 /login.php?redirect=$uri; }\n"
            f"  location ^~ /slow/ {{ proxy_pass http://127.0.0.1:{slow_port}; proxy_read_timeout 30s; }}\n"
            "}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sites", type=int, default=3)
    ap.add_argument("--port", type=int, default=18600)
    ap.add_argument("--slow-port", type=int, default=18601)
    a = ap.parse_args()
    out = os.path.abspath(a.out)
    os.makedirs(out, exist_ok=True)
    rng = random.Random(a.seed)
    w = Writer(out)
    assignment = planmod.assign(a.sites, rng)
    truth = {"schema": "oitscan-accuracy.truth/1", "seed": a.seed, "sites": []}
    conf = [f"server {{\n  listen 127.0.0.1:{a.port};\n  server_name {h};\n  root {out}/hosts/{d};\n}}\n"
            for h, d in ((DRIVE, "drive"), (BMA, "bma"))]
    w.put("hosts/bma", "/", "<!DOCTYPE html><html lang='th'><head><meta charset='utf-8'><title>กรุงเทพมหานคร</title>"
          "</head><body><h1>กรุงเทพมหานคร</h1></body></html>")
    w.put("hosts/bma", "/csc/", "<!DOCTYPE html><html lang='th'><head><meta charset='utf-8'><title>สำนักงาน ก.ก.</title>"
          "</head><body><h1>สำนักงานคณะกรรมการข้าราชการกรุงเทพมหานคร (สำนักงาน ก.ก.)</h1>"
          "<p>หลักเกณฑ์และวิธีการสรรหา การแต่งตั้ง การพัฒนา และการประเมินผลการปฏิบัติราชการ</p></body></html>")
    for i in range(a.sites):
        site = make_site(i, a.sites, rng, a.port)
        items = sorted(assignment[i], key=lambda x: int(x[1:]))
        common_pages(w, site, items)
        sub_items, t_items = {}, {}
        for item in items:
            cls = assignment[i][item]
            sub_items[item] = build_item(w, site, item, cls, rng, a.port, a.slow_port)
            t_items[item] = dict(planmod.truth(cls), **{"class": cls, "urls": sub_items[item]})
        unit = f"district-{i + 1}"
        with open(os.path.join(out, f"{unit}.yaml"), "w", encoding="utf-8") as f:
            f.write(f"unit:\n  id: {unit}\n  name_th: สำนักงานเขต{site['district']}\n  website: {site['base']}/\n"
                    "framework: bma-district-2568\nitems:\n")
            for item in items:
                f.write(f"  {item}:\n" + "".join(f"    - {u}\n" for u in sub_items[item]))
        truth["sites"].append({"unit": unit, "host": site["host"], "template": site["template"], "mode": site["mode"],
                               "submission": f"{unit}.yaml", "items": t_items})
        conf.append(nginx_server(out, site, a.port, a.slow_port))
    with open(os.path.join(out, "sites.conf"), "w") as f:
        f.write("".join(conf))
    with open(os.path.join(out, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
    hosts = [s["host"] for s in truth["sites"]] + [DRIVE, BMA]
    with open(os.path.join(out, "hosts.txt"), "w") as f:
        f.write("\n".join(hosts) + "\n")
    print(f"generate.py: {a.sites} sites, {sum(len(s['items']) for s in truth['sites'])} item instances in {out}")


if __name__ == "__main__":
    main()
