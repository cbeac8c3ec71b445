"""Document sets for the statistics, procurement and policy items: O9, O10, O15, O16, O17, O18,
O20, O21 (requirements from ../shared/reference/oit-2568-items.md)."""
import thaitext as tt
from docs_common import Doc, announce, approval, memo

ITEMS_BOUGHT = ["จัดซื้อวัสดุสำนักงาน", "จ้างเหมาซ่อมแซมรถยนต์ส่วนกลาง", "จัดซื้อน้ำดื่มสำหรับประชาชนผู้มาติดต่อ",
                "จ้างเหมาบริการทำความสะอาดคลอง", "จัดซื้อวัสดุก่อสร้างซ่อมทางเท้า", "จ้างพิมพ์เอกสารประชาสัมพันธ์",
                "จัดซื้อหมึกพิมพ์", "จ้างซ่อมเครื่องปรับอากาศ"]
SHOPS = ["ร้านรุ่งเรืองพาณิชย์", "บริษัท สยามซัพพลาย จำกัด", "หจก. เจริญการช่าง", "ร้านมั่นคงวัสดุ"]


def o9(site, rng, st, v):
    """Tax statistics FY2568, Oct 2567 - Mar 2568, by quarter: land and building, signboard, fuel."""
    quarters = v.get("quarters", [1, 2])
    qlabel = {1: f"ไตรมาสที่ {tt.digits(1, st['thai'])} ({tt.month_year(2567, 10, dict(st, month='abbr', short=True))}"
                 f" - {tt.month_year(2567, 12, dict(st, month='abbr', short=True))})",
              2: f"ไตรมาสที่ {tt.digits(2, st['thai'])} ({tt.month_year(2568, 1, dict(st, month='abbr', short=True))}"
                 f" - {tt.month_year(2568, 3, dict(st, month='abbr', short=True))})"}
    taxes = ["ภาษีที่ดินและสิ่งปลูกสร้าง", "ภาษีป้าย", "ภาษีบำรุงกรุงเทพมหานครสำหรับน้ำมัน (ภาษีน้ำมัน)"]
    rows = [[t] + [rng.randint(100000, 9000000) for _ in quarters] for t in taxes]
    blocks = [("h", f"สถิติการจัดเก็บภาษี สำนักงานเขต{site['district']}"),
              ("p", f"{tt.fy(2568, st, 'ประจำปีงบประมาณ พ.ศ. ')} (ข้อมูลรายไตรมาส หน่วย: บาท)"),
              ("table", ["ประเภทภาษี"] + [qlabel[q] for q in quarters], rows)]
    fmt = v.get("fmt", rng.choice(["xlsx", "csv", "pdf"]))
    docs = [Doc("สถิติการจัดเก็บภาษี ปีงบประมาณ 2568", "tax-stats-2568", fmt, blocks)]
    if fmt == "pdf":  # the catalogue names PDF and Excel; offices that print a PDF attach the sheet too
        docs.append(Doc("ไฟล์ Excel", "tax-stats-2568", "xlsx", blocks, role="copy"))
    return docs


def o10(site, rng, st, v):
    """Revenue statistics for the first half of FY2568: fees, licences, fines, rents."""
    cats = ["ค่าธรรมเนียมควบคุมอาคาร", "ค่าธรรมเนียมการจดทะเบียนพาณิชย์", "ค่าธรรมเนียมประกอบกิจการ",
            "ค่าปรับผู้ละเมิด พ.ร.บ.รักษาความสะอาดฯ", "ค่าเช่าอาคารสถานที่", "ค่าเช่าที่ดิน",
            "ค่าใบอนุญาตจำหน่ายสินค้าในที่สาธารณะ (หาบเร่แผงลอย)", "ค่าธรรมเนียมบัตรแรงงานต่างด้าว",
            "ค่าธรรมเนียมใบรับรองรถจักรยานยนต์สาธารณะ (วิน)"]
    months = tt.fiscal_months(2568)
    by_month = v.get("by_month", rng.random() < 0.5)
    if by_month:
        head = ["รายการรายได้"] + [tt.month_year(b, m, dict(st, month="abbr", short=True)) for b, m in months]
        rows = [[c] + [rng.randint(0, 90000) for _ in months] for c in cats]
    else:
        head = ["รายการรายได้", "จำนวนราย", "จำนวนเงิน (บาท)"]
        rows = [[c, rng.randint(1, 400), rng.randint(1000, 900000)] for c in cats]
    blocks = [("h", f"ข้อมูลสถิติการจัดเก็บรายได้ สำนักงานเขต{site['district']}"),
              ("p", f"รอบ {tt.digits(6, st['thai'])} เดือนแรก {tt.fy(2568, st)} ({tt.first_half(2568, st)})"),
              ("table", head, rows)]
    fmt = v.get("fmt", rng.choice(["xlsx", "pdf"]))
    docs = [Doc("สถิติการจัดเก็บรายได้ รอบ 6 เดือน", "revenue-stats-2568", fmt, blocks)]
    if fmt == "pdf":
        docs.append(Doc("Excel", "revenue-stats-2568", "xlsx", blocks, role="copy"))
    return docs


def _skr1(site, rng, st, be, m, none_month=False):
    """One month of form สขร.๑, dated a few days into the next month as offices issue it."""
    nb, nm = tt.next_month(be, m)
    head = [("p", rng.choice(["แบบ สขร.๑", "แบบ สขร. 1", "(แบบ สขร.1)"])),
            ("h", rng.choice(["สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน ", "สรุปผลการดำเนินการจัดซื้อจัดจ้าง ประจำเดือน "])
             + tt.month_year(be, m, dict(st, be_prefix=rng.random() < 0.5))),
            ("p", f"สำนักงานเขต{site['district']}"),
            ("p", f"วันที่ {tt.day(nb, nm, rng.randint(3, 9), st)}")]
    if none_month:
        return head + [("p", "ในเดือนนี้ไม่มีการจัดซื้อจัดจ้าง")]
    rows = []
    for i in range(rng.randint(2, 4)):
        price = rng.randint(3, 90) * 1000
        shop = rng.choice(SHOPS)
        rows.append([tt.digits(i + 1, st["thai"]), rng.choice(ITEMS_BOUGHT), tt.money(price, st["thai"]), "เฉพาะเจาะจง",
                     f"{shop} {tt.money(price, st['thai'])}", f"{shop} {tt.money(price, st['thai'])}",
                     "เสนอราคาต่ำสุด", tt.digits(f"{rng.randint(10, 99)}/{be}", st["thai"])])
    return head + [("table", ["ลำดับ", "งานจัดซื้อจัดจ้าง", "วงเงิน (ราคากลาง)", "วิธีซื้อ/จ้าง", "ผู้เสนอราคาและราคา",
                              "ผู้ได้รับการคัดเลือกและราคา", "เหตุผลที่คัดเลือก", "เลขที่สัญญา"], rows)]


def o15(site, rng, st, v):
    """Procurement announcements FY2568 + สขร.๑ for every month Oct 2567 - Mar 2568."""
    months = v.get("months", tt.fiscal_months(2568))
    combine = v.get("combine", False)
    split_fmt = v.get("fmt", rng.choice(["pdf", "xlsx", "csv", "docx"]))
    none_idx = rng.randrange(len(months)) if rng.random() < 0.3 else -1
    docs = []
    ann_when = (2568, rng.randint(1, 3), rng.randint(2, 27))
    docs.append(Doc("ประกาศผู้ชนะการเสนอราคา", "announce-winner", "pdf", announce(
        site, rng, st, f"ประกาศผู้ชนะการเสนอราคา {rng.choice(ITEMS_BOUGHT)} โดยวิธีเฉพาะเจาะจง",
        ["ตามที่สำนักงานเขตได้มีโครงการจัดซื้อจัดจ้างตามพระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560 นั้น",
         f"ผู้ได้รับการคัดเลือก ได้แก่ {rng.choice(SHOPS)} ในราคาทั้งสิ้น {tt.money(rng.randint(20, 400) * 1000, st['thai'])} บาท"],
        ann_when), role="announce"))
    docs.append(Doc("ประกาศเผยแพร่แผนการจัดซื้อจัดจ้าง ปี 2568", "procurement-plan-2568", "pdf", announce(
        site, rng, st, f"เผยแพร่แผนการจัดซื้อจัดจ้าง {tt.fy(2568, st, 'ประจำปีงบประมาณ พ.ศ. ')}",
        ["สำนักงานเขตขอเผยแพร่แผนการจัดซื้อจัดจ้างตามรายละเอียดแนบท้ายประกาศนี้"], (2567, 10, rng.randint(5, 25))),
        role="announce"))
    parts = [(b, m, _skr1(site, rng, st, b, m, i == none_idx)) for i, (b, m) in enumerate(months)]
    if combine:
        pdf = []
        for _, _, blocks in parts:
            pdf += blocks + [("page",)]
        pdf.pop()  # no blank page after the last month
        sheets = []
        for b, m, blocks in parts:
            sheets += [("sheet", tt.month_year(b, m, dict(st, month="abbr", short=True)).replace(" ", ""))] + blocks
        docs.append(Doc(f"สรุปผลการจัดซื้อจัดจ้างรายเดือน (สขร.1) {tt.first_half(2568, st)}", "skr1-6months", "pdf", pdf, role="summary"))
        docs.append(Doc("สขร.1 รวม 6 เดือน (Excel)", "skr1-6months", "xlsx", sheets, role="summary"))
    else:
        for b, m, blocks in parts:
            label = tt.month_year(b, m, dict(st, month=rng.choice(["full", "abbr"])))
            docs.append(Doc(f"สขร.1 เดือน{label}", f"skr1-{b}-{m:02d}", split_fmt, blocks, role="summary"))
        if split_fmt in ("pdf", "docx"):  # a spreadsheet of every month beside the printable files
            rows = []
            for b, m, blocks in parts:
                rows += [[tt.month_year(b, m, st)] + list(r[1:4]) for blk in blocks if blk[0] == "table" for r in blk[2]]
            docs.append(Doc("สรุปผลการจัดซื้อจัดจ้าง ตุลาคม 2567 - ปัจจุบัน (Excel)", "skr1-all", "xlsx",
                            [("h", "สรุปผลการดำเนินการจัดซื้อจัดจ้าง (สขร.๑) รายเดือน"),
                             ("table", ["เดือน", "งานจัดซื้อจัดจ้าง", "วงเงิน", "วิธีซื้อ/จ้าง"], rows)], role="summary"))
    return docs


def o16(site, rng, st, v):
    """HR criteria (5 kinds), link to the BMA civil-service office, HR policy signed by the director."""
    crit = ["หลักเกณฑ์การสรรหาและคัดเลือกบุคลากร", "หลักเกณฑ์การแต่งตั้ง โยกย้าย บุคลากร", "หลักเกณฑ์การพัฒนาบุคลากร",
            "หลักเกณฑ์การประเมินผลการปฏิบัติงาน", "หลักเกณฑ์การให้คุณให้โทษและการสร้างขวัญกำลังใจ"]
    rng.shuffle(crit)
    crit_blocks = [("h", "หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล"), ("p", f"สำนักงานเขต{site['district']}")]
    for c in crit:
        crit_blocks += [("p", c), ("p", "ดำเนินการตามกฎ ก.ก. และหลักเกณฑ์ที่สำนักงาน ก.ก. กำหนด โดยยึดหลักคุณธรรม ความรู้ความสามารถ")]
    when = (2567, rng.randint(10, 12), rng.randint(1, 28))
    policy = announce(site, rng, st, "นโยบายการบริหารทรัพยากรบุคคล",
                      ["สำนักงานเขตจะบริหารทรัพยากรบุคคลอย่างโปร่งใส เป็นธรรม ตรวจสอบได้ ทั้งการสรรหา การพัฒนา และการรักษาไว้"],
                      when, signed=v.get("signed", True))
    if v.get("scan_sig"):
        policy = policy[:-1] + [("scan", [("p", "ประกาศ (ต่อ)"), policy[-1]])]
    talk = [("h", "การสื่อสารนโยบายการบริหารทรัพยากรบุคคล"),
            ("p", f"{site['director']} ผู้อำนวยการเขต{site['district']} ชี้แจงนโยบายการบริหารทรัพยากรบุคคลต่อข้าราชการและบุคลากร "
                  f"ในการประชุมประจำเดือน เมื่อวันที่ {tt.day(2568, 1, rng.randint(5, 28), st)}")]
    return [Doc("หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล", "hr-criteria", "pdf", crit_blocks),
            Doc("ประกาศนโยบายการบริหารทรัพยากรบุคคล", "hr-policy", "pdf", policy, role="policy"),
            Doc("ภาพกิจกรรมการสื่อสารนโยบาย", "hr-policy-communication", "pdf", talk, role="report")]


def o17(site, rng, st, v):
    """Corruption-complaint channels (on the page) + statistics for the first half of FY2568."""
    n = rng.choice([0, 0, 2, 3])
    done = n - (1 if n else 0)
    stats = [("h", "ข้อมูลสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบของเจ้าหน้าที่"),
             ("p", f"สำนักงานเขต{site['district']} รอบ {tt.digits(6, st['thai'])} เดือนแรก {tt.fy(2568, st)} ({tt.first_half(2568, st)})"),
             ("table", ["จำนวนเรื่องร้องเรียน", "ดำเนินการแล้วเสร็จ", "อยู่ระหว่างดำเนินการ"],
              [[tt.digits(n, st["thai"]), tt.digits(done, st["thai"]), tt.digits(n - done, st["thai"])]])]
    if n == 0:
        stats.append(("p", "ในรอบระยะเวลาดังกล่าว ไม่มีเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"))
    return [Doc("สถิติเรื่องร้องเรียนการทุจริต รอบ 6 เดือน ปีงบประมาณ 2568", "complaint-stats-2568",
                v.get("fmt", rng.choice(["pdf", "docx"])), stats)]


def o17_channels_html(site):
    return ("<h3>ช่องทางการร้องเรียนการทุจริตและประพฤติมิชอบของเจ้าหน้าที่</h3><ul>"
            "<li>ร้องเรียนด้วยตนเอง ณ ศูนย์รับเรื่องราวร้องทุกข์ สำนักงานเขต</li>"
            f"<li>โทรศัพท์ {site['phone']} หรือสายด่วนกรุงเทพมหานคร 1555</li>"
            "<li>Traffy Fondue และแบบฟอร์มแจ้งเรื่องร้องเรียนการทุจริตออนไลน์ (แยกจากเรื่องร้องเรียนทั่วไป)</li>"
            "<li>ตู้รับเรื่องร้องเรียน ชั้น 1 และ ไปรษณีย์ถึงผู้อำนวยการเขต</li></ul>")


ABP_TH = ["สำนักงานเขตจะไม่รับสินบนหรือผลประโยชน์ใด ๆ ทั้งทางตรงและทางอ้อม เพื่อแลกกับการปฏิบัติหน้าที่",
          "ผู้บริหารและเจ้าหน้าที่ทุกคนต้องปฏิบัติตามนโยบายนี้อย่างเคร่งครัด และรายงานเมื่อพบการเรียกรับสินบน",
          "สำนักงานเขตจะคุ้มครองผู้แจ้งเบาะแสและผู้ปฏิเสธการรับสินบน"]
ABP_EN = ["The District Office shall not accept any bribe or benefit, directly or indirectly, in exchange for the "
          "performance of official duties.",
          "All executives and officials shall strictly comply with this policy and report any solicitation of bribes.",
          "The District Office shall protect whistleblowers and officials who refuse bribes."]


def o18(site, rng, st, v):
    """ABP in Thai and English signed by the director, No Gift policy signed, H1 activity report."""
    english = v.get("english", "separate")  # separate | combined | None
    signed = v.get("signed", True)
    when = (2567, rng.randint(10, 12), rng.randint(1, 28))
    th = announce(site, rng, st, "นโยบายต่อต้านการรับสินบน (Anti-Bribery Policy)", ABP_TH, when, signed=signed)
    if v.get("scan_sig") and signed:
        th = th[:-2] + [("scan", th[-2:])]
    be, m, d = when
    en_name = site["district_en"]
    en = [("h", f"{en_name} District Office Announcement"), ("h", "Subject: Anti-Bribery Policy")] + \
         [("p", p) for p in ABP_EN] + [("p", f"Announced on {d} {tt.EN_MONTHS[m - 1]} {be - 543}")]
    if signed:
        en.append(("sig", [f"({site['director_en']})", f"Director of {en_name} District Office"]))
    docs = []
    if english == "combined":
        docs.append(Doc("ประกาศนโยบายต่อต้านการรับสินบน (Anti-Bribery Policy)", "abp", "pdf", th + [("page",)] + en, role="abp"))
    else:
        docs.append(Doc("ประกาศนโยบายต่อต้านการรับสินบน", "abp-th", "pdf", th, role="abp"))
        if english == "separate":
            docs.append(Doc("Anti-Bribery Policy (English)", "abp-en", "pdf", en, role="abp-en"))
    docs.append(Doc("นโยบายไม่รับของขวัญและของกำนัลทุกชนิด (No Gift Policy)", "no-gift", "pdf", announce(
        site, rng, st, "นโยบายไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift Policy)",
        ["ผู้บริหารและเจ้าหน้าที่ทุกคนจะไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่"], when, signed=signed), role="nogift"))
    docs.append(Doc("อินโฟกราฟิก No Gift Policy", "no-gift-infographic", "png", [
        ("h", "No Gift Policy"), ("p", f"สำนักงานเขต{site['district']} งดให้ งดรับ ของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่")],
        role="infographic"))
    docs.append(Doc("รายงานผลการดำเนินการตามนโยบาย รอบ 6 เดือน", "abp-report", "pdf", [
        ("h", "รายงานผลการจัดกิจกรรมตามนโยบายต่อต้านการรับสินบน"),
        ("p", f"รอบ {tt.digits(6, st['thai'])} เดือนแรก {tt.fy(2568, st)} ({tt.first_half(2568, st)})"),
        ("p", f"วันที่ {tt.day(2568, 2, rng.randint(3, 27), st)} {site['director']} ผู้อำนวยการเขต เป็นประธานกิจกรรม "
              "ประกาศเจตนารมณ์ต่อต้านการทุจริตและการรับสินบน ร่วมกับผู้บริหารและเจ้าหน้าที่ 150 คน")], role="report"))
    return docs


def o20(site, rng, st, v):
    """Discretion guidelines per section/process, approved by the director."""
    procs = [("ฝ่ายโยธา", "การพิจารณาอนุญาตก่อสร้าง ดัดแปลง รื้อถอนอาคาร"), ("ฝ่ายสิ่งแวดล้อมและสุขาภิบาล",
             "การออกใบอนุญาตจัดตั้งสถานที่จำหน่ายอาหาร"), ("ฝ่ายรายได้", "การประเมินภาษีป้าย"),
             ("ฝ่ายเทศกิจ", "การเปรียบเทียบปรับผู้กระทำผิด พ.ร.บ.รักษาความสะอาดฯ")]
    word = rng.choice(["ดุลยพินิจ", "ดุลพินิจ"])
    blocks = [("h", f"แนวทางการปฏิบัติในการใช้{word}ของเจ้าหน้าที่"), ("p", f"สำนักงานเขต{site['district']}"),
              ("p", f"เพื่อให้การใช้{word}ของเจ้าหน้าที่มีมาตรฐานเดียวกัน โปร่งใส และตรวจสอบได้")]
    for s, p in procs:
        blocks += [("p", f"{s}: กระบวนงาน{p}"), ("p", "พิจารณาตามเอกสารหลักฐานที่กำหนด ภายในระยะเวลาตามคู่มือประชาชน "
                                                     "หากไม่อนุญาตต้องแจ้งเหตุผลเป็นลายลักษณ์อักษร")]
    when = (2568, rng.randint(1, 3), rng.randint(1, 28))
    if v.get("signed", True):
        ap = approval(site, rng, st, when)
        blocks += [("scan", ap)] if v.get("scan_sig") else ap
    return [Doc(f"แนวทางการปฏิบัติในการใช้{word}ของเจ้าหน้าที่", "discretion-guidelines", "pdf", blocks)]


def o21(site, rng, st, v):
    """Property and donations guideline (finance), seized-items guideline (city law enforcement),
    dissemination to every section, approved by the director."""
    when = (2568, rng.randint(1, 3), rng.randint(1, 28))
    prop = memo(site, rng, st, "แนวทางการจัดการทรัพย์สินของราชการและของบริจาค", f"ผู้อำนวยการเขต{site['district']}",
                ["ฝ่ายการคลังได้จัดทำแนวทางการควบคุม กำกับ ดูแลรักษา และแนวทางการยืมหรือเบิกจ่ายทรัพย์สินของทางราชการ "
                 "และของบริจาค เพื่อเวียนแจ้งทุกฝ่ายถือปฏิบัติ",
                 "1. การยืมทรัพย์สินต้องทำบันทึกขออนุญาตและส่งคืนภายในกำหนด 2. ของบริจาคต้องลงทะเบียนรับภายใน 7 วัน",
                 "จึงเรียนมาเพื่อโปรดพิจารณาเห็นชอบ และสั่งการให้เผยแพร่ทางเว็บไซต์ของสำนักงานเขต"], when)
    if v.get("signed", True):
        prop += approval(site, rng, st, when, verb="เห็นชอบ และสั่งการให้เผยแพร่")
    seized = [("h", "แนวทางการจัดเก็บของกลาง ฝ่ายเทศกิจ"),
              ("p", "ของกลางในคดีที่ได้จากการยึด อายัด ตามกฎหมายที่อยู่ในอำนาจของกรุงเทพมหานคร ให้บันทึกบัญชีของกลาง "
                    "จัดเก็บในห้องเก็บของกลางที่มีกุญแจสองชั้น และตรวจนับทุกเดือน"),
              ("p", f"เผยแพร่ให้เจ้าหน้าที่ทราบและถือปฏิบัติ เมื่อวันที่ {tt.day(2568, when[1], when[2], st)}")]
    return [Doc("แนวทางการจัดการทรัพย์สินของราชการและของบริจาค", "property-guideline", "pdf", prop),
            Doc("แนวทางการจัดเก็บของกลาง", "seized-items-guideline", "pdf", seized, role="seized")]


