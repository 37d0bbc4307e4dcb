#!/usr/bin/env python3
"""Writes the hand-made seed files of the fuzz corpus (tests/fuzz/corpus/xlsx and csv).

The xlsx seeds are stored (uncompressed) zips, so byte-level mutations reach
the XML parsers; the copies of fixtures next to them are deflated. Run from
anywhere; re-running rewrites the same files.
"""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SM = "http://purl.oclc.org/ooxml/spreadsheetml/main"
SR = "http://purl.oclc.org/ooxml/officeDocument/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def rels(items):
    body = "".join('<Relationship Id="%s" Type="%s" Target="%s"/>' % i for i in items)
    return '<Relationships xmlns="%s">%s</Relationships>' % (PKG, body)


def xlsx(name, sheet_data, after="", strings=(), main=M, rel=R, workbook_pr="",
         names=None, extra_sheets=()):
    names = names or {}
    n = lambda p: names.get(p, p)
    sheets = '<sheet name="数据" sheetId="1" r:id="rId1"/>' + "".join(
        '<sheet name="%s" sheetId="%d" r:id="rId%d" state="hidden"/>' % (s, i + 10, i + 10)
        for i, (s, _) in enumerate(extra_sheets))
    parts = {
        "_rels/.rels": rels([("rId1", rel + "/officeDocument", "xl/workbook.xml")]),
        "xl/workbook.xml": '<workbook xmlns="%s" xmlns:r="%s">%s<sheets>%s</sheets></workbook>'
                           % (main, rel, workbook_pr, sheets),
        "xl/_rels/workbook.xml.rels": rels(
            [("rId1", rel + "/worksheet", "worksheets/sheet1.xml"),
             ("rId2", rel + "/styles", "/xl/styles.xml"),
             ("rId3", rel + "/sharedStrings", "sharedStrings.xml")]
            + [("rId%d" % (i + 10), rel + "/worksheet", "worksheets/h%d.xml" % i)
               for i in range(len(extra_sheets))]),
        "xl/styles.xml": '<styleSheet xmlns="%s"><numFmts><numFmt numFmtId="164" '
                         'formatCode="[DBNum1][$-804]yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>'
                         '</numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="46"/>'
                         '<xf numFmtId="164"/><xf numFmtId="55"/></cellXfs></styleSheet>' % main,
        "xl/sharedStrings.xml": '<sst xmlns="%s">%s</sst>' % (main, "".join("<si>%s</si>" % s for s in strings)),
        "xl/worksheets/sheet1.xml": '<worksheet xmlns="%s"><dimension ref="A1:A1"/><sheetData>%s</sheetData>%s'
                                    '</worksheet>' % (main, sheet_data, after),
    }
    for i, (_, data) in enumerate(extra_sheets):
        parts["xl/worksheets/h%d.xml" % i] = '<worksheet xmlns="%s"><sheetData>%s</sheetData></worksheet>' % (main, data)
    with zipfile.ZipFile(os.path.join(HERE, "xlsx", name), "w", zipfile.ZIP_STORED) as z:
        for part, text in parts.items():
            info = zipfile.ZipInfo(n(part), date_time=(1980, 1, 1, 0, 0, 0))
            z.writestr(info, text.encode("utf-8"))


def main():
    os.makedirs(os.path.join(HERE, "xlsx"), exist_ok=True)
    os.makedirs(os.path.join(HERE, "csv"), exist_ok=True)
    xlsx("types.xlsx",
         '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>内_x000D_联'
         '</t></is></c><c r="D1" t="b"><v>1</v></c><c r="E1" t="e"><v>#N/A</v></c><c r="F1" t="d"><v>2026-04-15T08:30:00'
         '</v></c><c r="G1" t="str"><v>x</v></c></row><row r="3"><c r="A3" s="1"><v>60</v></c><c r="B3" s="2"><v>1.5</v>'
         '</c><c r="C3" s="3"><v>45000.99999421</v></c><c r="D3" s="4"><v>0.5</v></c><c r="E3" t="s"><v/></c></row>',
         '<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>',
         strings=("<t>工号</t>", "<r><t>秀</t></r><rPh><t>シュウ</t></rPh><r><t>才</t></r>"),
         workbook_pr='<workbookPr date1904="1"/>')
    xlsx("no_r.xlsx", "<row><c><v>1</v></c><c/><c><v>2</v></c></row><row r=\"4\"><c t=\"s\"><v>0</v></c></row>"
                      "<row><c r=\"C5\"><f>_xlfn.DISPIMG(\"ID\",1)</f><v>=DISPIMG(\"ID\",1)</v></c></row>",
         strings=("<t>_x005F_x000D_</t>",),
         extra_sheets=(("隐藏", '<row r="2"><c r="B2"><v>3</v></c></row>'),))
    xlsx("strict.xlsx", '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="d"><v>2015-03-01</v></c></row>',
         strings=("<t>严格</t>",), main=SM, rel=SR)
    xlsx("backslash_case.xlsx", '<row r="1"><c r="A1" t="s"><v>0</v></c></row>', strings=("<t>a</t>",),
         names={"xl/workbook.xml": "xl\\Workbook.xml", "xl/worksheets/sheet1.xml": "XL\\Worksheets\\Sheet1.xml",
                "xl/sharedStrings.xml": "xl/SharedStrings.xml"})
    csv_seeds = {
        "quoted.csv": '工号,"姓名, 全称","备注 ""引号"""\r\n1,"两\n行",\r\n\r\n,,x\r\n'.encode("utf-8"),
        "cr_only.csv": "a,b\rc,d\r".encode("utf-8"),
        "gb18030.csv": "工号,姓名\n0059,钱七·阿卜杜拉\n".encode("gb18030"),
        "unclosed.csv": b'a,"b\nc',
    }
    for name, data in csv_seeds.items():
        with open(os.path.join(HERE, "csv", name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
