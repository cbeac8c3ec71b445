"""Pieces every district document is made of: the announcement (ประกาศ), the memo (บันทึกข้อความ),
signature and approval blocks. Wording varies because offices copy from different templates."""
import thaitext as tt


class Doc:
    """One published file: the text the item page links with, a file name, a format, the blocks."""

    def __init__(self, link, name, fmt, blocks, role="main"):
        self.link, self.name, self.fmt, self.blocks, self.role = link, name, fmt, blocks, role


def sig(site, rng, with_name=True):
    title = rng.choice([f"ผู้อำนวยการเขต{site['district']}", f"ผู้อำนวยการเขต{site['district']}"])
    lines = [f"({site['director']})", title]
    if with_name and rng.random() < 0.4:
        lines.insert(0, "ลงชื่อ")
    return ("sig", lines)


def announce(site, rng, st, subject, paras, when, signed=True):
    """ประกาศสำนักงานเขต… เรื่อง … ; body ; ประกาศ ณ วันที่ … ; signature."""
    be, m, d = when
    head = rng.choice([f"ประกาศสำนักงานเขต{site['district']}", f"ประกาศสำนักงานเขต{site['district']} กรุงเทพมหานคร"])
    blocks = [("h", head), ("h", f"เรื่อง {subject}"), ("p", "-" * 20)] + [("p", p) for p in paras]
    when_text = tt.day(be, m, d, dict(st, be_prefix=rng.random() < 0.7))
    blocks.append(("p", rng.choice(["ประกาศ ณ วันที่ ", "ประกาศ  ณ  วันที่  "]) + when_text))
    if signed:
        blocks.append(sig(site, rng))
    return blocks


def memo(site, rng, st, subject, to, paras, when, sender="ฝ่ายการคลัง"):
    be, m, d = when
    no = tt.digits(f"กท {rng.randint(5001, 5099)}/{rng.randint(100, 999)}", st["thai"])
    return [("h", "บันทึกข้อความ"),
            ("p", f"ส่วนราชการ  {sender} สำนักงานเขต{site['district']} โทร. {tt.digits(site['phone'][-4:], st['thai'])}"),
            ("p", f"ที่  {no}    วันที่  {tt.day(be, m, d, st)}"),
            ("p", f"เรื่อง  {subject}"),
            ("p", f"เรียน  {to}")] + [("p", p) for p in paras]


def approval(site, rng, st, when, verb="เห็นชอบ"):
    """The director's approval written under a memo or on a guideline's last page."""
    be, m, d = when
    return [("p", rng.choice([f"- {verb} -", f"{verb}", f"{verb} และให้เผยแพร่ทางเว็บไซต์ของสำนักงานเขต"])),
            ("sig", [f"({site['director']})", f"ผู้อำนวยการเขต{site['district']}",
                     tt.day(be, m, d, dict(st, month="abbr", short=True))])]


def staff_sig(rng, role):
    names = ["นางสาวพิมพ์ชนก แสงทอง", "นายวีระพงษ์ ศรีสุข", "นางอรุณี ทองมา", "นายธนากร มีชัย"]
    return ("sig", [f"({rng.choice(names)})", role])
