#!/usr/bin/env python3
"""Writes the hostile workbook of issue 9: a small XLSX whose SHEETS sheets all point (through
their relationships) at one worksheet member that inflates to about MB megabytes of cells.

Usage: make_sheet_bomb.py OUT.xlsx [SHEETS=300] [MB=18]
"""
import sys
import zipfile

out = sys.argv[1]
sheets = int(sys.argv[2]) if len(sys.argv) > 2 else 300
megabytes = int(sys.argv[3]) if len(sys.argv) > 3 else 18

# One shared string; every cell shows it, so the sheet's text is as large as its XML allows.
rows = []
size = 0
r = 0
cell = '<c r="{col}{row}" t="s"><v>0</v></c>'
while size < megabytes * 1024 * 1024:
    r += 1
    row = '<row r="%d">%s</row>' % (r, "".join(cell.format(col=c, row=r) for c in "ABCDEFGHIJ"))
    rows.append(row)
    size += len(row)
sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         '<sheetData>' + "".join(rows) + '</sheetData></worksheet>')
shared = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
          '<si><t>งบประมาณรายจ่ายประจำปี พ.ศ. ๒๕๖๘ สำนักงานเขต</t></si></sst>')
workbook = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            + "".join('<sheet name="S%d" sheetId="%d" r:id="rId%d"/>' % (i, i, i) for i in range(1, sheets + 1))
            + '</sheets></workbook>')
rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                  'Target="worksheets/sheet1.xml"/>' % i for i in range(1, sheets + 1))
        + '</Relationships>')
types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         '</Types>')
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr("[Content_Types].xml", types)
    z.writestr("xl/workbook.xml", workbook)
    z.writestr("xl/_rels/workbook.xml.rels", rels)
    z.writestr("xl/sharedStrings.xml", shared)
    z.writestr("xl/worksheets/sheet1.xml", sheet)
