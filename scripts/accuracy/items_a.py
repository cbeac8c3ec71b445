"""Document sets for the plan-and-report items: O5, O13, O14, O19, O22.
Each function returns the Docs a compliant district publishes for the item, for the fiscal year(s)
in v (so a defect can shift one document to FY2567). The requirement of each item is taken from
../shared/reference/oit-2568-items.md; comments cite the component they satisfy."""
import thaitext as tt
from docs_common import Doc, memo, staff_sig

SECTIONS = ["ฝ่ายปกครอง", "ฝ่ายทะเบียน", "ฝ่ายโยธา", "ฝ่ายรายได้", "ฝ่ายสิ่งแวดล้อมและสุขาภิบาล",
            "ฝ่ายรักษาความสะอาดและสวนสาธารณะ", "ฝ่ายการศึกษา", "ฝ่ายการคลัง", "ฝ่ายเทศกิจ",
            "ฝ่ายพัฒนาชุมชนและสวัสดิการสังคม"]
PROJECTS = ["โครงการพัฒนาคุณภาพชีวิตผู้สูงอายุในชุมชน", "โครงการปรับปรุงภูมิทัศน์ทางเท้าและคลอง",
            "โครงการส่งเสริมการคัดแยกขยะต้นทาง", "โครงการตรวจสุขลักษณะร้านอาหารริมทาง",
            "โครงการเขตปลอดภัยจากอัคคีภัย", "โครงการส่งเสริมการเรียนรู้ในโรงเรียนสังกัดกรุงเทพมหานคร"]


def _h1(fy, st, rng):
    """'รอบ ๖ เดือน (ตุลาคม ๒๕๖๗ – มีนาคม ๒๕๖๘)' in one of the ways reports print it."""
    six = tt.digits(6, st["thai"])
    return rng.choice([f"รอบ {six} เดือนแรก ({tt.first_half(fy, st)})",
                       f"รอบ {six} เดือน ({tt.first_half(fy, st, '-')})",
                       f"ไตรมาสที่ {tt.digits(1, st['thai'])} - {tt.digits(2, st['thai'])} ({tt.first_half(fy, st)})",
                       f"ระหว่างวันที่ {tt.day(fy - 1, 10, 1, st)} ถึงวันที่ {tt.day(fy, 3, 31, st)}"])


def o5(site, rng, st, v):
    fy, rfy = v.get("fy", 2568), v.get("report_fy", 2568)
    d = site["district"]
    title = rng.choice(["แผนปฏิบัติราชการประจำปี", "แผนปฏิบัติราชการ ประจำปี", "แผนปฏิบัติการประจำปี"])
    rows = [[p, rng.choice(["ร้อยละ 80 ของเป้าหมาย", "จำนวนผู้เข้าร่วม 300 คน", "ดำเนินการแล้วเสร็จ 1 แห่ง"]),
             tt.money(rng.randint(50, 900) * 1000, st["thai"]), rng.choice(SECTIONS),
             f"{tt.month_year(fy - 1, 10, dict(st, month='abbr', short=True))} - {tt.month_year(fy, 9, dict(st, month='abbr', short=True))}"]
            for p in rng.sample(PROJECTS, 4)]
    plan = [("h", f"{title}{tt.fy(fy, st, 'งบประมาณ พ.ศ. ')}"), ("h", f"สำนักงานเขต{d}"),
            ("p", "ส่วนที่ 1 ข้อมูลทั่วไป"),  # components: general info ...
            ("p", f"สำนักงานเขต{d} มีพื้นที่ {tt.digits(rng.randint(10, 40), st['thai'])} ตารางกิโลเมตร "
                  f"แบ่งการปกครองเป็น {tt.digits(rng.randint(3, 8), st['thai'])} แขวง"),
            ("p", "ส่วนที่ 2 ความเชื่อมโยงกับยุทธศาสตร์กรุงเทพมหานคร แผนพัฒนากรุงเทพมหานคร ระยะ 20 ปี "
                  "และนโยบายผู้ว่าราชการกรุงเทพมหานคร"),
            ("p", "ส่วนที่ 3 โครงการ/กิจกรรม ตัวชี้วัด งบประมาณ ส่วนราชการที่รับผิดชอบ และระยะเวลาดำเนินการ"),
            ("table", ["โครงการ/กิจกรรม", "ตัวชี้วัด", "งบประมาณ (บาท)", "ส่วนราชการที่รับผิดชอบ", "ระยะเวลา"], rows)]
    if v.get("outline"):
        plan[0] = ("outline", plan[0][1])
    rep_rows = [[r[0], rng.choice(["ดำเนินการแล้วร้อยละ 55", "อยู่ระหว่างดำเนินการ", "ดำเนินการแล้วเสร็จ"]),
                 tt.money(rng.randint(10, 400) * 1000, st["thai"]), r[4], r[3]] for r in rows]
    report = [("h", f"รายงานผลการปฏิบัติราชการ สำนักงานเขต{d}"),
              ("h", f"{_h1(rfy, st, rng)} {tt.fy(rfy, st, 'ประจำปีงบประมาณ พ.ศ. ')}"),
              ("table", ["โครงการ/กิจกรรม", "ผลการดำเนินงาน", "งบประมาณที่ใช้ (บาท)", "ระยะเวลาดำเนินการ",
                         "ส่วนราชการที่รับผิดชอบ"], rep_rows)]
    fy_t, rfy_t = tt.digits(fy, st["thai"]), tt.digits(rfy, st["thai"])
    return [Doc(f"{title} พ.ศ. {fy_t}" if not v.get("undated_links") else title, f"action-plan-{fy}", v.get("fmt", "pdf"), plan),
            Doc(f"รายงานผลการปฏิบัติราชการ รอบ 6 เดือน ปี {rfy_t}" if not v.get("undated_links")
                else "รายงานผลการปฏิบัติราชการ รอบ 6 เดือน", f"report-6m-{rfy}", "pdf", report, role="report")]


def o13(site, rng, st, v):
    fy, rfy = v.get("fy", 2568), v.get("report_fy", 2568)
    d = site["district"]
    cats = ["งบบุคลากร", "งบดำเนินงาน", "งบลงทุน", "งบเงินอุดหนุน", "งบรายจ่ายอื่น"]
    qs = [f"ไตรมาส {tt.digits(q, st['thai'])}" for q in range(1, 5)]
    rows = [[c] + [tt.money(rng.randint(100, 5000) * 1000, st["thai"]) for _ in qs] for c in cats]
    plan = [("h", f"แผนการใช้จ่ายงบประมาณ {tt.fy(fy, st, 'ประจำปีงบประมาณ พ.ศ. ')}"),
            ("h", f"สำนักงานเขต{d}"),
            ("table", ["หมวดรายจ่าย"] + qs, rows)]
    if v.get("outline"):
        plan[0] = ("outline", plan[0][1])
    got = [[c, r[1], tt.money(rng.randint(50, 4000) * 1000, st["thai"]), tt.digits(f"{rng.randint(30, 60)}.{rng.randint(10, 99)}", st["thai"])]
           for c, r in zip(cats, rows)]
    to = rng.choice([f"ผู้อำนวยการเขต{d}", f"ผอ.เขต{d}"])
    when = (rfy, 4, rng.randint(2, 9))
    report = memo(site, rng, st, f"รายงานผลการใช้จ่ายงบประมาณ {_h1(rfy, st, rng)} {tt.fy(rfy, st)}", to,
                  ["ตามที่สำนักงานเขตได้จัดทำแผนการใช้จ่ายงบประมาณไว้แล้ว ฝ่ายการคลังขอรายงานผลการเบิกจ่ายเทียบกับแผน ดังนี้"],
                  when) + [("table", ["หมวดรายจ่าย", "แผน (บาท)", "เบิกจ่ายแล้ว (บาท)", "ร้อยละ"], got),
                           ("p", "ปัญหาและอุปสรรค: การเบิกจ่ายงบลงทุนล่าช้าเนื่องจากผู้รับจ้างส่งมอบงานไม่ตรงตามกำหนด"),
                           ("p", "ข้อเสนอแนะ: เร่งรัดการตรวจรับพัสดุและติดตามผู้รับจ้างทุกสัปดาห์"),
                           ("p", "จึงเรียนมาเพื่อโปรดทราบ"), staff_sig(rng, "หัวหน้าฝ่ายการคลัง")]
    fy_t = tt.digits(fy, st["thai"])
    return [Doc(f"แผนการใช้จ่ายงบประมาณประจำปี {fy_t}" if not v.get("undated_links") else "แผนการใช้จ่ายงบประมาณประจำปี",
                f"spending-plan-{fy}", v.get("fmt", rng.choice(["pdf", "xlsx"])), plan),
            Doc("รายงานผลการใช้จ่ายงบประมาณ รอบ 6 เดือน", f"spending-report-{rfy}", "pdf", report, role="report")]


def o14(site, rng, st, v):
    fy = v.get("fy", 2568)
    d = site["district"]
    fy_t = tt.digits(fy, st["thai"])
    cats = ["งบบุคลากร", "งบดำเนินงาน", "งบลงทุน", "งบเงินอุดหนุน"]
    ordinance = [("h", f"ข้อบัญญัติกรุงเทพมหานคร เรื่อง งบประมาณรายจ่ายประจำปี พ.ศ. {fy_t}"),
                 ("p", f"(เฉพาะส่วนของสำนักงานเขต{d})"),
                 ("table", ["หมวดรายจ่าย", "จำนวนเงิน (บาท)"],
                  [[c, tt.money(rng.randint(1000, 90000) * 1000, st["thai"])] for c in cats])]
    if v.get("outline"):
        # The heading becomes a picture; as the class promises, the text still states the period.
        ordinance[0] = ("outline", ordinance[0][1])
        ordinance.insert(1, ("p", f"งบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. {fy_t}"))
    comms = ["ชุมชนวัดบางนานอก", "ชุมชนหมู่บ้านเสรี", "ชุมชนริมคลองสองห้อง", "ชุมชนพัฒนาใหม่", "ชุมชนร่วมใจ"]
    srows = []
    for c in comms:
        a = rng.randint(20, 90) * 1000
        used = a - rng.choice([0, 0, 1500, 3200])
        srows.append([c, a, used, a - used])  # numbers as numbers: a spreadsheet, as Excel keeps them
    subsidy = [("h", f"ข้อมูลเงินอุดหนุนชุมชน สำนักงานเขต{d}"),
               ("p", f"{_h1(fy, st, rng)} ปีงบประมาณ พ.ศ. {fy_t}"),
               ("table", ["ชื่อชุมชน", "วงเงินที่ได้รับอุดหนุน (บาท)", "เบิกจ่าย (บาท)", "ส่งคืน (บาท)"], srows)]
    return [Doc(f"ข้อบัญญัติงบประมาณรายจ่ายประจำปี {fy_t}", f"ordinance-{fy}", "pdf", ordinance),
            Doc("ข้อมูลเงินอุดหนุนชุมชน รอบ 6 เดือน", f"community-subsidy-{fy}", v.get("fmt", rng.choice(["xlsx", "csv"])),
                subsidy, role="report")]


def o19(site, rng, st, v):
    fy, rfy = v.get("fy", 2568), v.get("report_fy", 2568)
    d = site["district"]
    procs = [("การพิจารณาอนุญาตก่อสร้างอาคาร", "ฝ่ายโยธา"), ("การออกใบอนุญาตประกอบกิจการที่เป็นอันตรายต่อสุขภาพ",
              "ฝ่ายสิ่งแวดล้อมและสุขาภิบาล"), ("การประเมินภาษีที่ดินและสิ่งปลูกสร้าง", "ฝ่ายรายได้"),
             ("การจัดระเบียบหาบเร่แผงลอย", "ฝ่ายเทศกิจ"), ("การจัดซื้อวัสดุการศึกษา", "โรงเรียนในสังกัด")]
    lv = ["สูง", "กลาง", "ต่ำ"]
    assess = [("h", f"การประเมินความเสี่ยงต่อการรับสินบน {tt.fy(fy, st, 'ประจำปีงบประมาณ พ.ศ. ')}"),
              ("h", f"สำนักงานเขต{d} (ทุกฝ่ายและโรงเรียนในสังกัด)"),
              ("table", ["กระบวนงาน", "หน่วยงาน", "เหตุการณ์ความเสี่ยง", "ระดับความเสี่ยง"],
               [[p, s, "เจ้าหน้าที่อาจเรียกรับประโยชน์เพื่อเร่งรัดการพิจารณา", rng.choice(lv)] for p, s in procs]),
              ("p", f"แผนบริหารจัดการความเสี่ยงต่อการรับสินบน {tt.fy(fy, st, 'ประจำปีงบประมาณ พ.ศ. ')}"),
              ("table", ["กระบวนงาน", "มาตรการควบคุมความเสี่ยง", "ผู้รับผิดชอบ", "ระยะเวลา"],
               [[p, "กำหนดขั้นตอนและระยะเวลาให้ชัดเจน เผยแพร่ให้ประชาชนทราบ", s,
                 f"{tt.month_year(fy - 1, 10, dict(st, month='abbr'))} - {tt.month_year(fy, 9, dict(st, month='abbr'))}"] for p, s in procs])]
    if v.get("outline"):
        assess[0] = ("outline", assess[0][1])
    report = [("h", "รายงานผลการดำเนินการเพื่อจัดการความเสี่ยงต่อการรับสินบน"),
              ("p", f"สำนักงานเขต{d} {_h1(rfy, st, rng)} {tt.fy(rfy, st)}"),
              ("table", ["มาตรการ/กิจกรรมตามแผน", "ผลการดำเนินการ"],
               [["ประชาสัมพันธ์ขั้นตอนการอนุญาต", "ดำเนินการแล้ว 3 ครั้ง"], ["ตรวจสอบระยะเวลาการพิจารณาคำขอ",
                 "ไม่พบคำขอที่ล่าช้าเกินกำหนด"], ["อบรมเจ้าหน้าที่เรื่องผลประโยชน์ทับซ้อน", "ผู้เข้าร่วม 64 คน"]])]
    return [Doc("การประเมินความเสี่ยงต่อการรับสินบนและแผนบริหารจัดการความเสี่ยง", f"bribery-risk-{fy}", "pdf", assess),
            Doc("รายงานผลการดำเนินการเพื่อจัดการความเสี่ยงต่อการรับสินบน รอบ 6 เดือน", f"bribery-risk-report-{rfy}", "pdf",
                report, role="report")]


def o22(site, rng, st, v):
    fy, rfy = v.get("fy", 2568), v.get("report_fy", 2568)
    d = site["district"]
    prev = tt.digits(fy - 1, st["thai"])
    order_day = (fy - 1, 11, rng.randint(1, 20))
    measures = [("h", "มาตรการการยกระดับคุณธรรมและความโปร่งใสภายในหน่วยงาน"),
                ("h", f"สำนักงานเขต{d} {tt.fy(fy, st, 'ประจำปีงบประมาณ พ.ศ. ')}"),
                ("p", f"1. คำสั่งสำนักงานเขต{d} แต่งตั้งคณะทำงานขับเคลื่อนการประเมินคุณธรรมและความโปร่งใส "
                      f"สั่ง ณ วันที่ {tt.day(*order_day, st)}"),
                ("p", "2. การประชุมชี้แจงให้ข้อมูลเกี่ยวกับการประเมินแก่ส่วนราชการในสังกัดและโรงเรียน"),
                ("p", f"3. ผลการประเมินคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. {prev} และประเด็นที่ต้องปรับปรุง"),
                ("table", ["เครื่องมือ", f"คะแนน ITA {prev}", "ประเด็นที่ต้องปรับปรุง"],
                 [["IIT", tt.digits("96.12", st["thai"]), "การใช้ทรัพย์สินของราชการ"],
                  ["EIT", tt.digits("91.40", st["thai"]), "การประชาสัมพันธ์ช่องทางร้องเรียน"],
                  ["OIT", tt.digits("95.45", st["thai"]), "ความเป็นปัจจุบันของข้อมูล"]]),
                ("p", "4. มาตรการ/กิจกรรม ขั้นตอนหรือวิธีการปฏิบัติ ระยะเวลาดำเนินการ และผู้รับผิดชอบ"),
                ("table", ["มาตรการ", "วิธีการปฏิบัติ", "ระยะเวลา", "ผู้รับผิดชอบ"],
                 [["เผยแพร่ข้อมูลสาธารณะให้เป็นปัจจุบัน", "ตรวจสอบเว็บไซต์ทุกเดือน",
                   f"{tt.month_year(fy - 1, 10, dict(st, month='abbr'))} - {tt.month_year(fy, 9, dict(st, month='abbr'))}", "ทุกฝ่าย"],
                  ["สื่อสารสร้างการรับรู้ต่อผู้มีส่วนได้ส่วนเสียภายในและภายนอก", "ประชุมประจำเดือน และ Facebook",
                   "ทุกเดือน", "ฝ่ายปกครอง"]]),
                ("p", "5. มาตรการสื่อสารภาพลักษณ์การให้บริการของสำนักงานเขต และการประชาสัมพันธ์ระบบ BMA OSS"),
                ("p", "6. การกำกับติดตามโดยผู้อำนวยการเขต ทุกเดือน")]
    if v.get("outline"):
        measures[0] = ("outline", measures[0][1])
    report = [("h", "รายงานผลการดำเนินการตามมาตรการยกระดับคุณธรรมและความโปร่งใสภายในหน่วยงาน"),
              ("p", f"สำนักงานเขต{d} {_h1(rfy, st, rng)} {tt.fy(rfy, st)}"),
              ("table", ["มาตรการ", "ผลการดำเนินการ"],
               [["เผยแพร่ข้อมูลสาธารณะให้เป็นปัจจุบัน", "ตรวจสอบและปรับปรุงเว็บไซต์แล้ว 6 ครั้ง"],
                ["สื่อสารสร้างการรับรู้", "จัดประชุมชี้แจง 2 ครั้ง ผู้เข้าร่วม 120 คน"]]),
              ("p", f"ข้อมูล ณ วันที่ {tt.day(rfy, 3, 31, st)}")]
    fy_t = tt.digits(fy, st["thai"])
    return [Doc(f"มาตรการยกระดับคุณธรรมและความโปร่งใส ปี {fy_t}" if not v.get("undated_links")
                else "มาตรการยกระดับคุณธรรมและความโปร่งใส", f"ita-measures-{fy}", "pdf", measures),
            Doc("รายงานผลการดำเนินการตามมาตรการ รอบ 6 เดือน", f"ita-measures-report-{rfy}", "pdf", report, role="report")]

