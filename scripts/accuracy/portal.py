"""Three portal templates, as district web sites look: chrome (menus, sidebars, footers, counters,
update stamps, the director's name) that a checker must look past, around each item page."""
import html

import thaitext as tt

NAV = [("/", "หน้าหลัก"), ("/about/", "เกี่ยวกับเขต"), ("/news/", "ข่าวประชาสัมพันธ์"),
       ("/ita/", "ITA 2568"), ("/contact/", "ติดต่อเรา")]


def _esc(s):
    return html.escape(s, quote=True)


def stamp(site, kind="update"):
    """The footer stamp; districts write it in every style, so it follows the site's style."""
    st = site["style"]
    be, m, d = site["stamp"]
    if kind == "posted":
        return f"วันที่โพสต์ {tt.day(be, m, d, dict(st, month='abbr', short=True))}"
    return f"ปรับปรุงข้อมูลล่าสุด {tt.day(be, m, d, st)}"


def _news_widget(site):
    # Sidebar headlines carry their own dates (some in FY2567): noise for date-based checks.
    st = site["style"]
    items = [("/news/1.html", f"ลงพื้นที่ตรวจความเรียบร้อยทางเท้า {tt.day(2568, 3, 18, st)}"),
             ("/news/2.html", f"กิจกรรม Big Cleaning Day {tt.day(2567, 9, 9, st)}"),
             ("/news/3.html", f"ประชาสัมพันธ์แบบวัด EIT ประจำปี {tt.digits(2568, st['thai'])}")]
    return "".join(f'<li><a href="{u}">{_esc(t)}</a></li>' for u, t in items)


def _director(site):
    return (f'<div class="exec"><img src="/img/director.jpg" alt="ผู้อำนวยการเขต">'
            f'<p>{_esc(site["director"])}<br>ผู้อำนวยการเขต{_esc(site["district"])}</p></div>')


def _item_menu(site):
    # Template 2 lists every OIT item in the sidebar: links to the other items' pages.
    return "".join(f'<li><a href="{u}">{_esc(t)}</a></li>' for t, u in site.get("item_menu", []))


def page(site, title, body, crumbs=(), stamp_kind="update", charset="utf-8"):
    t = site["template"]
    nav = "".join(f'<a href="{u}">{_esc(n)}</a>' for u, n in NAV)
    crumb = " &gt; ".join(['<a href="/">หน้าแรก</a>'] + [_esc(c) for c in crumbs] + [_esc(title)])
    footer = (f'<footer><p>สำนักงานเขต{_esc(site["district"])} {_esc(site["address"])} '
              f'โทร. {_esc(site["phone"])}</p><p>{_esc(stamp(site, stamp_kind))}</p>'
              f'<p class="counter">ผู้เข้าชม {tt.num(site["visits"], False)} คน</p></footer>')
    head = (f'<!DOCTYPE html><html lang="th"><head><meta charset="{charset}">'
            f'<title>{_esc(title)} | สำนักงานเขต{_esc(site["district"])}</title>'
            '<link rel="stylesheet" href="/css/site.css"></head><body>')
    logo = f'<div class="logo"><a href="/">สำนักงานเขต{_esc(site["district"])} กรุงเทพมหานคร</a></div>'
    if t == 0:  # classic: header, top menu, left sidebar with the director, footer stamp
        return (head + f'<header>{logo}<nav>{nav}</nav></header><div class="crumbs">{crumb}</div>'
                f'<table width="100%"><tr><td class="left" width="220">{_director(site)}'
                f'<h4>ลิงก์หน่วยงาน</h4><ul><li><a href="{site["bma"]}">กรุงเทพมหานคร</a></li>'
                f'<li><a href="/contact/">แผนที่สำนักงาน</a></li></ul></td>'
                f'<td class="main"><h1>{_esc(title)}</h1>{body}</td></tr></table>{footer}</body></html>')
    if t == 1:  # blog-style CMS: posted-on line, right sidebar with news and executives
        return (head + f'<header>{logo}<ul class="menu">' + "".join(f'<li><a href="{u}">{_esc(n)}</a></li>' for u, n in NAV)
                + f'</ul></header><main><article><h1 class="entry-title">{_esc(title)}</h1>'
                f'<div class="entry-meta">{_esc(stamp(site, "posted"))} โดย admin</div>'
                f'<div class="entry-content">{body}</div></article></main>'
                f'<aside><h3>ข่าวล่าสุด</h3><ul>{_news_widget(site)}</ul><h3>ผู้บริหาร</h3>{_director(site)}</aside>'
                f'{footer}</body></html>')
    # t == 2: government portal with breadcrumbs and an item menu on the right
    return (head + f'<div id="top">{logo}<div class="nav">{nav}</div></div><div class="breadcrumb">{crumb}</div>'
            f'<div class="row"><div class="content"><h2>{_esc(title)}</h2>{body}</div>'
            f'<div class="sidebar"><h4>การเปิดเผยข้อมูลสาธารณะ (OIT)</h4><ul>{_item_menu(site)}</ul>'
            f'{_director(site)}</div></div>{footer}'
            f'<div class="stat">สถิติผู้เข้าชม วันนี้ 35 เมื่อวาน 120 ทั้งหมด {tt.num(site["visits"], False)}</div>'
            '</body></html>')


def doc_list(links):
    """links: [(href, text, extra_attrs)] as an item page lists its documents."""
    return "<ul>" + "".join(f'<li><a href="{_esc(h)}"{a}>{_esc(t)}</a></li>' for h, t, a in links) + "</ul>"


def not_found_plain():
    return ('<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>ไม่พบหน้า</title></head>'
            '<body><h1>ไม่พบหน้าที่คุณต้องการ</h1><p>หน้านี้อาจถูกลบ ย้าย หรือพิมพ์ที่อยู่ผิด</p>'
            '<p><a href="/">กลับหน้าแรก</a></p></body></html>')


def not_found_portal(site):
    # The deep-path variant: the whole portal around a different wording, status 200.
    return page(site, "ขออภัย", '<p>ไม่พบเนื้อหาที่ท่านเรียก เนื้อหานี้อาจถูกย้ายหรือยกเลิกการเผยแพร่แล้ว</p>'
                '<p>Error 404 - Page not found</p>')


def login_page(site):
    return page(site, "เข้าสู่ระบบ", '<form method="post" action="/login.php"><p>สำหรับเจ้าหน้าที่</p>'
                '<label>ชื่อผู้ใช้ <input name="username"></label> <label>รหัสผ่าน '
                '<input type="password" name="password"></label> <button>เข้าสู่ระบบ</button></form>')


def pdfjs_viewer():
    # A stand-in for pdf.js's viewer.html: the document is named only in the query string.
    return ('<!DOCTYPE html><html dir="ltr"><head><meta charset="utf-8"><title>PDF.js viewer</title>'
            '<script src="build/pdf.js"></script><script src="viewer.js"></script></head>'
            '<body><div id="outerContainer"><div id="viewerContainer"><div id="viewer" class="pdfViewer">'
            '</div></div></div></body></html>')
