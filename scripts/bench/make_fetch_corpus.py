#!/usr/bin/env python3
"""Builds the fetch benchmark's web farm content and URL list.

A shared document root with a pool of HTML pages (20-60 KB, Thai text) and PDF-sized files
(400-680 KB), and a URL list spreading N requests over H host names. About 80 % of the URLs are
HTML and 20 % PDF-sized, so 10,000 URLs come to roughly 1.4 GB. Every URL is distinct (a query
string), so no tool can skip one as a duplicate.

usage: make_fetch_corpus.py WWW_DIR URL_FILE N HOSTS PORT
"""
import os
import random
import sys

www, url_file, n, hosts, port = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
rng = random.Random(2568)
os.makedirs(os.path.join(www, "html"), exist_ok=True)
os.makedirs(os.path.join(www, "pdf"), exist_ok=True)

thai = "สำนักงานเขตบางนา ประกาศ รายงานผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ ข้อมูลข่าวสาร "
html_sizes, pdf_sizes = [], []
for i in range(200):
    target = rng.randint(20_000, 60_000)
    para = "<p>" + thai * 4 + "</p>\n"
    body = "<!DOCTYPE html><html lang=th><head><meta charset=utf-8><title>หน้า %d</title></head><body>\n" % i
    while len(body.encode()) < target:
        body += para
    body += "</body></html>\n"
    data = body.encode()
    html_sizes.append(len(data))
    with open(os.path.join(www, "html", "%d.html" % i), "wb") as f:
        f.write(data)
for i in range(50):
    size = rng.randint(400_000, 680_000)
    data = b"%PDF-1.4\n" + os.urandom(size - 9)  # incompressible, like real PDF streams
    pdf_sizes.append(len(data))
    with open(os.path.join(www, "pdf", "%d.pdf" % i), "wb") as f:
        f.write(data)

total = 0
with open(url_file, "w") as out:
    for k in range(n):
        host = "site%02d.bench.test" % (k % hosts + 1)
        if rng.random() < 0.2:
            j = rng.randrange(len(pdf_sizes))
            path, size = "/pdf/%d.pdf" % j, pdf_sizes[j]
        else:
            j = rng.randrange(len(html_sizes))
            path, size = "/html/%d.html" % j, html_sizes[j]
        total += size
        out.write("http://%s:%d%s?n=%d\n" % (host, port, path, k))
print(total)
