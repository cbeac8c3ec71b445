"""Writes one document model as PDF, DOCX, XLSX, CSV or an HTML fragment.

A document is a list of blocks, the shapes district documents are made of:
  ("h", text)              heading, bold, centred
  ("p", text)              paragraph
  ("table", header, rows)  a table (สขร.๑, statistics, action plans)
  ("sig", [lines])         signature block, right half of the page
  ("outline", text)        heading drawn as glyph outlines: visible, but absent from the text
                           layer (what a heading pasted as a picture or WordArt gives)
  ("page",)                page break
  ("scan", [blocks])       one page rasterised: a scanned signed original (no text layer)
  ("sheet", name)          XLSX only: start a new worksheet
PDF uses pango+cairo, so Thai is shaped properly and the text layer maps back to Unicode.
DOCX/XLSX are written by hand with zipfile: they are just zipped XML.
"""
import csv
import html
import io
import math
import zipfile

import cairo
import gi

gi.require_version("Pango", "1.0")
gi.require_version("PangoCairo", "1.0")
from gi.repository import Pango, PangoCairo  # noqa: E402

A4 = (595, 842)
MARGIN = 56


# ---------------------------------------------------------------- PDF
class _Pdf:
    def __init__(self, cr, font, size, page_h, new_page):
        self.cr, self.font, self.size = cr, font, size
        self.page_h, self.new_page = page_h, new_page
        self.y = MARGIN
        self.width = A4[0] - 2 * MARGIN

    def layout(self, text, width, bold=False, size=None, align=Pango.Alignment.LEFT):
        lay = PangoCairo.create_layout(self.cr)
        fd = Pango.FontDescription(f"{self.font}{' Bold' if bold else ''} {size or self.size}")
        lay.set_font_description(fd)
        lay.set_width(int(width * Pango.SCALE))
        lay.set_wrap(Pango.WrapMode.WORD_CHAR)
        lay.set_alignment(align)
        lay.set_text(text, -1)
        return lay, lay.get_pixel_size()[1]

    def room(self, h):
        if self.y + h > self.page_h - MARGIN:
            self.new_page()
            self.y = MARGIN

    def text(self, text, x, width, bold=False, size=None, align=Pango.Alignment.LEFT, outline=False):
        lay, h = self.layout(text, width, bold, size, align)
        self.room(h)
        self.cr.move_to(x, self.y)
        if outline:  # glyph paths only: the PDF then has no text for this heading
            PangoCairo.layout_path(self.cr, lay)
            self.cr.fill()
        else:
            PangoCairo.show_layout(self.cr, lay)
        self.y += h + 6

    def table(self, header, rows):
        n = len(header)
        # Column widths follow the longest cell, so a description column gets the room.
        weights = [max(8, min(40, max(len(str(r[i])) for r in [header] + rows))) for i in range(n)]
        size = self.size - (5 if n > 6 else 2)  # wide forms (สขร.๑) are set small, as offices do
        total = sum(weights)
        widths = [self.width * w / total for w in weights]
        for ri, row in enumerate([header] + rows):
            lays = [self.layout(str(c), widths[i] - 6, bold=(ri == 0), size=size)
                    for i, c in enumerate(row)]
            h = max(l[1] for l in lays) + 6
            self.room(h)
            x = MARGIN
            for i, (lay, _) in enumerate(lays):
                self.cr.rectangle(x, self.y, widths[i], h)
                self.cr.set_line_width(0.5)
                self.cr.stroke()
                self.cr.move_to(x + 3, self.y + 3)
                PangoCairo.show_layout(self.cr, lay)
                x += widths[i]
            self.y += h
        self.y += 8

    def blocks(self, blocks):
        for b in blocks:
            kind = b[0]
            if kind == "h":
                self.text(b[1], MARGIN, self.width, bold=True, size=self.size + 2, align=Pango.Alignment.CENTER)
            elif kind == "outline":
                self.text(b[1], MARGIN, self.width, bold=True, size=self.size + 4,
                          align=Pango.Alignment.CENTER, outline=True)
            elif kind == "p":
                self.text(b[1], MARGIN, self.width)
            elif kind == "table":
                self.table(b[1], b[2])
            elif kind == "sig":
                self.y += 10
                for line in b[1]:
                    self.text(line, A4[0] / 2, self.width / 2, align=Pango.Alignment.CENTER)
            elif kind == "page":
                self.new_page()
                self.y = MARGIN


def write_pdf(path, blocks, font="Laksaman", size=14):
    surface = cairo.PDFSurface(path, *A4)
    cr = cairo.Context(surface)
    pdf = _Pdf(cr, font, size, A4[1], lambda: cr.show_page())
    pending = []
    for b in blocks:
        if b[0] == "scan":
            pdf.blocks(pending)
            pending = []
            if pdf.y > MARGIN:
                cr.show_page()
            _scan_page(cr, b[1], font, size)
            cr.show_page()
            pdf.y = MARGIN
        else:
            pending.append(b)
    pdf.blocks(pending)
    if pending or pdf.y > MARGIN:
        cr.show_page()
    surface.finish()


def _scan_page(pdf_cr, blocks, font, size):
    """Render blocks at 2x into a bitmap, slightly grey and tilted, and paint it on the page."""
    scale = 2
    img = cairo.ImageSurface(cairo.FORMAT_RGB24, A4[0] * scale, A4[1] * scale)
    cr = cairo.Context(img)
    cr.set_source_rgb(0.96, 0.95, 0.93)
    cr.paint()
    cr.scale(scale, scale)
    cr.translate(A4[0] / 2, A4[1] / 2)
    cr.rotate(math.radians(0.6))
    cr.translate(-A4[0] / 2, -A4[1] / 2)
    cr.set_source_rgb(0.1, 0.1, 0.12)
    _Pdf(cr, font, size, A4[1], lambda: None).blocks(blocks)
    img.flush()
    pdf_cr.save()
    pdf_cr.scale(1 / scale, 1 / scale)
    pdf_cr.set_source_surface(img, 0, 0)
    pdf_cr.paint()
    pdf_cr.restore()


# ---------------------------------------------------------------- DOCX
_DOCX_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
               '<Default Extension="xml" ContentType="application/xml"/>'
               '<Override PartName="/word/document.xml" ContentType="application/'
               'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="{target}"/></Relationships>')


def _w_par(text, bold=False, center=False, right=False):
    # Thai Word documents put the font in the complex-script slot (w:cs) with a th-TH bidi language.
    jc = '<w:jc w:val="center"/>' if center else '<w:jc w:val="right"/>' if right else ""
    b = "<w:b/><w:bCs/>" if bold else ""
    return (f'<w:p><w:pPr>{jc}</w:pPr><w:r><w:rPr><w:rFonts w:ascii="TH SarabunPSK" w:hAnsi="TH SarabunPSK" '
            f'w:cs="TH SarabunPSK"/>{b}<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:bidi="th-TH"/></w:rPr>'
            f'<w:t xml:space="preserve">{html.escape(text, quote=False)}</w:t></w:r></w:p>')


def write_docx(path, blocks):
    body = []
    for b in _flatten(blocks):
        if b[0] in ("h", "outline"):
            body.append(_w_par(b[1], bold=True, center=True))
        elif b[0] == "p":
            body.append(_w_par(b[1]))
        elif b[0] == "sig":
            body.extend(_w_par(line, center=True) for line in b[1])
        elif b[0] == "table":
            rows = "".join("<w:tr>" + "".join(f"<w:tc>{_w_par(str(c))}</w:tc>" for c in r) + "</w:tr>"
                           for r in [b[1]] + b[2])
            body.append('<w:tbl><w:tblPr><w:tblBorders><w:top w:val="single"/><w:bottom w:val="single"/>'
                        '<w:insideH w:val="single"/><w:insideV w:val="single"/></w:tblBorders></w:tblPr>'
                        f"{rows}</w:tbl>")
        elif b[0] == "page":
            body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           + "".join(body) + "</w:body></w:document>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _DOCX_TYPES)
        z.writestr("_rels/.rels", _RELS.format(target="word/document.xml"))
        z.writestr("word/document.xml", doc)


# ---------------------------------------------------------------- XLSX
def _col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def write_xlsx(path, blocks):
    """Each ("sheet", name) starts a worksheet; headings and paragraphs become one-cell rows
    above the tables, as offices type a title into A1. Numbers stay numbers, Thai digits text."""
    sheets, cur = [], None
    for b in blocks:
        if b[0] == "sheet" or cur is None:
            cur = (b[1] if b[0] == "sheet" else "Sheet1", [])
            sheets.append(cur)
            if b[0] == "sheet":
                continue
        if b[0] in ("h", "p", "outline"):
            cur[1].append([b[1]])
        elif b[0] == "sig":
            cur[1].extend([line] for line in b[1])
        elif b[0] == "table":
            cur[1].append(list(b[1]))
            cur[1].extend(list(r) for r in b[2])
    strings, index = [], {}

    def sst(s):
        if s not in index:
            index[s] = len(strings)
            strings.append(s)
        return index[s]

    sheet_xml = []
    for _, rows in sheets:
        out = []
        for ri, row in enumerate(rows, 1):
            cells = []
            for ci, v in enumerate(row):
                ref = f"{_col(ci)}{ri}"
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    cells.append(f'<c r="{ref}"><v>{v}</v></c>')
                else:
                    cells.append(f'<c r="{ref}" t="s"><v>{sst(str(v))}</v></c>')
            out.append(f'<row r="{ri}">{"".join(cells)}</row>')
        sheet_xml.append('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns='
                         '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                         + "".join(out) + "</sheetData></worksheet>")
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    types = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.'
             'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType='
             '"application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
             'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
             '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
             '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
             'officedocument.spreadsheetml.sharedStrings+xml"/>']
    wb_sheets, wb_rels = [], []
    for i, (name, _) in enumerate(sheets, 1):
        types.append(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                     'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
        wb_sheets.append(f'<sheet name="{html.escape(name)}" sheetId="{i}" r:id="rId{i}"/>')
        wb_rels.append(f'<Relationship Id="rId{i}" Type="{rel}/worksheet" Target="worksheets/sheet{i}.xml"/>')
    wb_rels.append(f'<Relationship Id="rId{len(sheets) + 1}" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>')
    si = "".join(f'<si><t xml:space="preserve">{html.escape(s, quote=False)}</t></si>' for s in strings)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "".join(types) + "</Types>")
        z.writestr("_rels/.rels", _RELS.format(target="xl/workbook.xml"))
        z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook '
                   f'xmlns="{main}" xmlns:r="{rel}"><sheets>{"".join(wb_sheets)}</sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   + "".join(wb_rels) + "</Relationships>")
        z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst '
                   f'xmlns="{main}" count="{len(strings)}" uniqueCount="{len(strings)}">{si}</sst>')
        for i, x in enumerate(sheet_xml, 1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", x)


# ---------------------------------------------------------------- CSV and HTML
def write_csv(path, blocks, encoding="utf-8-sig"):
    """utf-8-sig is what Excel needs to show Thai; cp874 is what Thai Windows Excel saves."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for b in _flatten(blocks):
        if b[0] in ("h", "p", "outline"):
            w.writerow([b[1]])
        elif b[0] == "table":
            w.writerow(b[1])
            w.writerows(b[2])
    with open(path, "wb") as f:
        f.write(buf.getvalue().encode(encoding, errors="replace"))


def html_fragment(blocks):
    out = []
    for b in _flatten(blocks):
        if b[0] in ("h", "outline"):
            out.append(f"<h3>{html.escape(b[1])}</h3>")
        elif b[0] == "p":
            out.append(f"<p>{html.escape(b[1])}</p>")
        elif b[0] == "sig":
            out.append('<p class="sig">' + "<br>".join(html.escape(x) for x in b[1]) + "</p>")
        elif b[0] == "table":
            head = "".join(f"<th>{html.escape(str(c))}</th>" for c in b[1])
            rows = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in r) + "</tr>" for r in b[2])
            out.append(f'<table border="1"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>')
    return "\n".join(out)


def _flatten(blocks):
    """Formats without pages or pictures keep a scanned page's text (a typed copy)."""
    for b in blocks:
        if b[0] == "scan":
            yield from b[1]
        elif b[0] != "sheet":
            yield b


def write_png(path, blocks, font="Loma", size=18):
    """An infographic: text drawn into a picture, as districts post policy posters."""
    img = cairo.ImageSurface(cairo.FORMAT_RGB24, 600, 800)
    cr = cairo.Context(img)
    cr.set_source_rgb(1.0, 0.97, 0.85)
    cr.paint()
    cr.set_source_rgb(0.5, 0.1, 0.1)
    _Pdf(cr, font, size, 800, lambda: None).blocks(list(_flatten(blocks)))
    img.write_to_png(path)


def write(path, fmt, blocks, **kw):
    {"pdf": write_pdf, "docx": write_docx, "xlsx": write_xlsx, "csv": write_csv, "png": write_png}[fmt](path, blocks, **kw)
