"""Thai dates and numbers written the many ways district offices write them.

Every function takes an explicit style so that a document is internally consistent (one office
types Thai digits throughout, another Arabic), while the generator varies styles between documents.
"""

MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
          "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
ABBR = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
        "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July",
             "August", "September", "October", "November", "December"]

_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def digits(text, thai):
    """Write every ASCII digit of text as a Thai digit when thai is true."""
    return str(text).translate(_THAI_DIGITS) if thai else str(text)


def month_name(m, style):
    """style: full | abbr (with dots, ม.ค.) | nodot (มค. as some typists write it)."""
    if style == "full":
        return MONTHS[m - 1]
    if style == "abbr":
        return ABBR[m - 1]
    # Without the inner dots, keeping the final one: "มค." / "มีค." (seen on hurried web pages).
    return ABBR[m - 1].replace(".", "", ABBR[m - 1].count(".") - 1)


def year_text(be, short, thai):
    return digits(be % 100 if short else be, thai)


def day(be, m, d, st):
    """A calendar day; st is a dict {thai, month, short, be_prefix}."""
    y = year_text(be, st.get("short", False), st["thai"])
    pre = "พ.ศ. " if st.get("be_prefix") and not st.get("short") else ""  # nobody writes "พ.ศ. ๖๘"
    return f"{digits(d, st['thai'])} {month_name(m, st.get('month', 'full'))} {pre}{y}"


def month_year(be, m, st):
    y = year_text(be, st.get("short", False), st["thai"])
    pre = "พ.ศ. " if st.get("be_prefix") and not st.get("short") else ""
    return f"{month_name(m, st.get('month', 'full'))} {pre}{y}"


def fy(be, st, prefix="ปีงบประมาณ พ.ศ. "):
    return prefix + digits(be, st["thai"])


def first_half(fy_be, st, dash="–"):
    """'ตุลาคม ๒๕๖๗ – มีนาคม ๒๕๖๘' for fiscal year 2568."""
    return f"{month_year(fy_be - 1, 10, st)} {dash} {month_year(fy_be, 3, st)}"


def money(x, thai):
    return digits(f"{x:,.2f}", thai)


def num(x, thai):
    return digits(f"{x:,}", thai)


def fiscal_months(fy_be):
    """The (BE year, month) pairs of the first half of a fiscal year: Oct..Mar."""
    return [(fy_be - 1, 10), (fy_be - 1, 11), (fy_be - 1, 12), (fy_be, 1), (fy_be, 2), (fy_be, 3)]


def next_month(be, m):
    return (be, m + 1) if m < 12 else (be + 1, 1)
