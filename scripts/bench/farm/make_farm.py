#!/usr/bin/python3
"""Generates the farm benchmark's web: N district sites of 22 OIT items each, all compliant (the
accuracy corpus plants defects; a benchmark wants ordinary nights), served under N host names.

  make_farm.py --out DIR --sites N --port P --tls-port Q [--seed S] [--max-pages M] [--scan-share F]

The documents come from the accuracy generator (scripts/accuracy: item content, portal templates,
PDF/DOCX/XLSX/CSV writers), imported, not copied. On top of it, this file makes the mix realistic
for a nightly scan: text PDFs of 1 to M pages (annexes appended, most short, a few long), about
10 % of the documents scanned (1-5 pages of pictures, no text layer: OCR), and the items the
accuracy corpus has no content for (O1-O4, O6-O8, O11, O12) as pages with their own documents.
Sites with an even index are served over TLS (port Q), the others over plain HTTP (port P).

Writes DIR/sites/HOST/..., DIR/submissions/district-N.yaml (contracts.md format), DIR/sites.conf
(nginx server blocks; @CERT@ and @KEY@ are filled in by run.sh), DIR/hosts.txt (host port tls),
DIR/urls.txt (every URL a scan of the submissions fetches: item pages and the documents they
link), DIR/documents.txt (the document files, for the extraction-alone measurement) and
DIR/corpus.json (counts).
"""
import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "accuracy"))
import generate as gen  # noqa: E402
import items_b  # noqa: E402
import portal  # noqa: E402
import thaitext as tt  # noqa: E402
from docs_common import Doc, announce  # noqa: E402

# Titles of the items the accuracy generator has no content for (its TITLES covers the others).
MORE_TITLES = {
    "O1": "โครงสร้าง", "O2": "ข้อมูลผู้บริหาร", "O3": "อำนาจหน้าที่", "O4": "ข้อมูลการติดต่อ",
    "O6": "กฎหมายที่เกี่ยวข้อง", "O7": "ข่าวประชาสัมพันธ์", "O8": "Q&A",
    "O11": "E-Service", "O12": "แผนการจัดซื้อจัดจ้างหรือแผนการจัดหาพัสดุ",
}
TITLES = dict(gen.TITLES, **MORE_TITLES)
ITEMS = [f"O{n}" for n in range(1, 23)]

# Sentences the annex pages are made of: what long district PDFs are full of (regulations, minutes).
FILLER = ["ข้อ {n} ให้ส่วนราชการในสังกัดสำนักงานเขตถือปฏิบัติตามระเบียบกรุงเทพมหานครว่าด้วยการนี้โดยเคร่งครัด",
          "ที่ประชุมพิจารณาแล้วมีมติเห็นชอบตามที่ฝ่ายเสนอ และมอบหมายให้หัวหน้าฝ่ายติดตามผลการดำเนินงานรายงานในการประชุมครั้งต่อไป",
          "รายละเอียดโครงการ กิจกรรม งบประมาณ และผู้รับผิดชอบ ปรากฏตามตารางแนบท้ายประกาศนี้",
          "การเบิกจ่ายเงินงบประมาณให้เป็นไปตามข้อบัญญัติกรุงเทพมหานครและระเบียบการเบิกจ่ายเงินของทางราชการ",
          "ประชาชนสามารถติดต่อสอบถามข้อมูลเพิ่มเติมได้ที่สำนักงานเขตในวันและเวลาราชการ",
          "ผลการดำเนินงานในรอบระยะเวลาดังกล่าวเป็นไปตามเป้าหมายร้อยละ {p} ของแผนที่กำหนด"]


def annex_pages(rng, st, count):
    """COUNT pages of annex text, each a page break, a heading and about one page of paragraphs."""
    blocks = []
    for n in range(count):
        blocks += [("page",), ("h", f"ภาคผนวก {tt.digits(n + 1, st['thai'])}")]
        for k in range(9):
            blocks.append(("p", rng.choice(FILLER).format(n=tt.digits(n * 9 + k + 1, st["thai"]),
                                                         p=tt.digits(rng.randint(40, 100), st["thai"]))))
    return blocks


def text_pages(rng, max_pages):
    """How many pages to append: most district PDFs are short, a few are long regulations."""
    r = rng.random()
    extra = 0 if r < 0.55 else rng.randint(3, 14) if r < 0.85 else rng.randint(15, 59) if r < 0.97 else rng.randint(60, 119)
    return min(extra, max(0, max_pages - 1))


def scanned(blocks, rng):
    """The document as a scanned, signed original: 1-5 pictures of pages, no text layer."""
    pages = rng.choices([1, 2, 3, 4, 5], weights=[35, 30, 15, 10, 10])[0]
    flat = [b for b in blocks if b[0] not in ("page", "scan")]
    while len(flat) < pages:
        flat.append(("p", FILLER[len(flat) % len(FILLER)].format(n="1", p="90")))
    size = -(-len(flat) // pages)
    return [("scan", flat[i:i + size]) for i in range(0, len(flat), size)]


def other_item(site, item, rng, st):
    """(page body, documents) for the items without accuracy content: pages with a few files."""
    d = site["district"]
    when = (2568, rng.randint(1, 3), rng.randint(1, 28))
    docs = []
    if item == "O1":
        body = "<p>แผนภูมิโครงสร้างการแบ่งส่วนราชการของสำนักงานเขต</p>"
        docs.append(Doc("แผนผังโครงสร้างสำนักงานเขต", "structure-2568", "pdf",
                        [("h", f"โครงสร้างสำนักงานเขต{d}")] + [("p", s) for s in items_b_sections()]))
    elif item == "O2":
        body = (f"<p>ผู้อำนวยการเขต: {site['director']}</p><p>ผู้ช่วยผู้อำนวยการเขต: นายสมชาย ใจดี</p>"
                f"<p>โทร. {site['phone']}</p>")
    elif item == "O3":
        body = "<p>อำนาจหน้าที่ตามประกาศกรุงเทพมหานคร เรื่อง การแบ่งส่วนราชการภายในสำนักงานเขต</p>"
        docs.append(Doc("ประกาศกรุงเทพมหานคร เรื่อง อำนาจหน้าที่", "authority", rng.choice(["pdf", "docx"]),
                        announce(site, rng, st, "อำนาจหน้าที่ของสำนักงานเขต", FILLER[:3], when)))
    elif item == "O4":
        body = f"<p>{site['address']}</p><p>โทรศัพท์ {site['phone']}</p><p>อีเมล saraban@district.bkk.test</p>"
    elif item == "O6":
        body = "<p>กฎหมาย ระเบียบ ข้อบังคับที่เกี่ยวข้องกับการปฏิบัติงานของสำนักงานเขต</p>"
        for k, name in enumerate(["พระราชบัญญัติระเบียบบริหารราชการกรุงเทพมหานคร", "ระเบียบกรุงเทพมหานครว่าด้วยการพัสดุ"]):
            docs.append(Doc(name, f"law-{k + 1}", "pdf", [("h", name)] + [("p", s.format(n=k, p=80)) for s in FILLER]))
    elif item == "O7":
        body = "".join(f"<p>{tt.day(2568, m, rng.randint(1, 28), st)} ข่าวกิจกรรมสำนักงานเขต{d}</p>" for m in (1, 2, 3))
    elif item == "O8":
        body = "<p>ถาม: ติดต่อขอใบอนุญาตได้ที่ใด</p><p>ตอบ: ฝ่ายโยธา ชั้น 2 ในวันและเวลาราชการ</p>"
    elif item == "O11":
        body = "<p>บริการออนไลน์: ยื่นคำร้องขออนุญาตก่อสร้าง ชำระภาษีป้าย นัดหมายทำบัตรประชาชน</p>"
    else:  # O12: the procurement plan as PDF and workbook
        rows = [[f"จัดซื้อวัสดุสำนักงาน ชุดที่ {k}", tt.money(rng.randint(10, 500) * 1000, st["thai"]), "ธ.ค. 67"] for k in range(1, 9)]
        blocks = [("h", f"แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. {tt.digits(2568, st['thai'])}"),
                  ("table", ["รายการ", "วงเงิน (บาท)", "ระยะเวลา"], rows)]
        body = "<p>แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2568</p>"
        # Named apart from O15's plan: template 1 keeps every item's files in one uploads folder.
        docs += [Doc("แผนการจัดซื้อจัดจ้าง 2568", "o12-procurement-plan-2568", "pdf", blocks),
                 Doc("แผนการจัดซื้อจัดจ้าง 2568 (Excel)", "o12-procurement-plan-2568", "xlsx", blocks)]
    return body, docs


def items_b_sections():
    return ["ฝ่ายปกครอง", "ฝ่ายทะเบียน", "ฝ่ายโยธา", "ฝ่ายรายได้", "ฝ่ายการคลัง", "ฝ่ายเทศกิจ"]


def build_site(w, site, rng, max_pages, scan_share, counts):
    """Writes one site; returns ({item: [submitted URL]}, [URL a scan fetches], [document file])."""
    host_dir = f"sites/{site['host']}"
    site["item_menu"] = [(f"{o} {TITLES[o][:30]}", gen.item_path(site, o)) for o in ITEMS]
    for p, (t, b) in {"/": ("หน้าหลัก", "<p>ยินดีต้อนรับสู่เว็บไซต์สำนักงานเขต</p>"),
                      "/ita/": ("ITA 2568", portal.doc_list([(gen.item_path(site, o), f"{o} {TITLES[o]}", "") for o in ITEMS])),
                      "/bma/": ("กรุงเทพมหานคร", "<p>ลิงก์หน่วยงาน</p>"),
                      "/bma/csc/": ("สำนักงาน ก.ก.", "<p>สำนักงานคณะกรรมการข้าราชการกรุงเทพมหานคร (สำนักงาน ก.ก.)</p>")}.items():
        w.put(host_dir, p, portal.page(site, t, b))
    w.put(host_dir, "/404.html", portal.page(site, "ไม่พบหน้า", "<p>ไม่พบหน้าที่คุณต้องการ</p>"))
    submitted, urls, files = {}, [], []
    for item in ITEMS:
        st = dict(site["style"], thai=site["style"]["thai"] ^ (rng.random() < 0.3), month=rng.choice(["full", "abbr"]))
        if item in gen.CONTENT:
            cls = rng.choice(["plain", "plain", "plain", "split-formats", "scanned-signature"])
            docs = gen.CONTENT[item](site, rng, st, gen.variant_params(item, "compliant:" + cls, rng))
            body = rng.choice(["<p>ดาวน์โหลดเอกสาร</p>", "<p>รายละเอียดตามเอกสารแนบ</p>"])
            if item == "O17":
                body += items_b.o17_channels_html(site)
        else:
            body, docs = other_item(site, item, rng, st)
        links, imgs = [], []
        for doc in docs:
            if doc.fmt == "pdf":
                if rng.random() < scan_share:  # PDFs are about 2/3 of the documents
                    doc.blocks = scanned(doc.blocks, rng)
                    counts["scans"] += 1
                else:
                    extra = text_pages(rng, max_pages)
                    doc.blocks = doc.blocks + annex_pages(rng, st, extra)
                    counts["pdf_pages_added"] += extra
                counts["scan_pages"] += sum(1 for b in doc.blocks if b[0] == "scan")  # signed last pages too
            path = gen.files_dir(site, item) + f"{doc.name}.{doc.fmt}"
            if site["base"] + path in urls:  # one file, one URL: never overwrite another item's document
                raise SystemExit(f"make_farm.py: two documents at {site['base'] + path}")
            w.doc(host_dir, path, doc)
            counts[doc.fmt] = counts.get(doc.fmt, 0) + 1
            if doc.fmt == "png":  # an infographic is shown, not linked: a scan does not fetch it
                imgs.append(f'<p><img src="{path}" alt="{doc.link}" width="600"></p>')
                continue
            files.append(os.path.join(w.out, host_dir, path.lstrip("/")))
            urls.append(site["base"] + path)
            links.append((path, doc.link, ""))
        if item == "O16":  # the catalogue asks for this link; a scan fetches and reads the page
            body += f'<p><a href="{site["bma"]}csc/">ระบบการบริหารและพัฒนาทรัพยากรบุคคล สำนักงาน ก.ก.</a></p>'
            urls.append(site["bma"] + "csc/")
            files.append(os.path.join(w.out, host_dir, "bma", "csc", "index.html"))
            counts["html"] += 1
        page_path = gen.item_path(site, item)
        full = w.put(host_dir, page_path, portal.page(site, f"{item} {TITLES[item]}", body + portal.doc_list(links) + "".join(imgs),
                                                      crumbs=["ITA 2568"]))
        files.append(full)
        counts["html"] += 1
        submitted[item] = [site["base"] + page_path]
        urls.append(site["base"] + page_path)
    return submitted, urls, files


def nginx_server(out, site, port, tls_port):
    listen = f"listen 127.0.0.1:{tls_port} ssl;\n  ssl_certificate @CERT@;\n  ssl_certificate_key @KEY@;" if site["tls"] \
        else f"listen 127.0.0.1:{port};"
    return (f"server {{\n  {listen}\n  server_name {site['host']};\n  root {out}/sites/{site['host']};\n"
            "  index index.html;\n  error_page 404 /404.html;\n  location / { try_files $uri $uri/ =404; }\n}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--sites", type=int, default=50)
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--tls-port", type=int, required=True)
    ap.add_argument("--max-pages", type=int, default=120, help="longest text PDF, in pages")
    ap.add_argument("--scan-share", type=float, default=0.15, help="share of the PDFs that are scans (0.15: about 10 %% of all documents)")
    a = ap.parse_args()
    out = os.path.abspath(a.out)
    os.makedirs(os.path.join(out, "submissions"), exist_ok=True)
    rng = random.Random(a.seed)
    w = gen.Writer(out)
    counts = {"html": 0, "scans": 0, "scan_pages": 0, "pdf_pages_added": 0}
    conf, hosts, urls, files = [], [], [], []
    for i in range(a.sites):
        site = gen.make_site(i, a.sites, rng, a.port)
        tls = i % 2 == 0
        host = f"district-{i + 1}.farm.test"
        base = f"https://{host}:{a.tls_port}" if tls else f"http://{host}:{a.port}"
        site.update(host=host, tls=tls, base=base, bma=base + "/bma/", mode="hard")
        submitted, site_urls, site_files = build_site(w, site, rng, a.max_pages, a.scan_share, counts)
        unit = f"district-{i + 1}"
        with open(os.path.join(out, "submissions", f"{unit}.yaml"), "w", encoding="utf-8") as f:
            f.write(f"unit:\n  id: {unit}\n  name_th: สำนักงานเขต{site['district']}\n  website: {base}/\n"
                    "framework: bma-district-2568\nitems:\n")
            for item in ITEMS:
                f.write(f"  {item}:\n" + "".join(f"    - {u}\n" for u in submitted[item]))
        conf.append(nginx_server(out, site, a.port, a.tls_port))
        hosts.append(f"{host} {a.tls_port if tls else a.port} {'tls' if tls else 'plain'}")
        urls += site_urls
        files += site_files
    for name, lines in (("sites.conf", conf), ("hosts.txt", hosts), ("urls.txt", urls), ("documents.txt", files)):
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write("".join(x if x.endswith("\n") else x + "\n" for x in lines))
    counts.update(sites=a.sites, urls=len(urls), documents=len(files), bytes=sum(os.path.getsize(p) for p in files))
    with open(os.path.join(out, "corpus.json"), "w") as f:
        json.dump(counts, f, indent=1)
    print(f"make_farm.py: {a.sites} sites, {len(urls)} URLs, {counts['bytes'] / 1e6:.1f} MB, "
          f"{counts['scans']} scanned PDFs ({counts['scan_pages']} pages)", file=sys.stderr)


if __name__ == "__main__":
    main()
