#!/usr/bin/env bash
# Issue 20: beside each red-header notice's PDF (认定通知, 考核结果通报, 经费下达通知,
# 启动申报通知) tws writes the same document as an editable .docx, from the same
# template blocks, staged and committed with the PDF and listed in manifest.json.
#  1. every .docx is listed in the manifest with its hash; the same run again (same
#     --date) gives byte-identical .docx files;
#  2. python3-docx reads every paragraph (tables' too): each has a style of the role
#     it plays, and the text is the PDF's (pdftotext; whitespace and page numbers removed);
#  3. the page set-up: A4, margins 37/35/28/26 mm, docGrid linesAndChars 22 lines,
#     exact 28.95 pt; odd/even page-number footers (PAGE field "— N —"); the red rule a
#     red paragraph border under the 发文字号; the 版记 in a frame at the page's foot;
#  4. LibreOffice converts the 认定通知 (headless, no repair prompt): the same text as
#     the PDF, the same page count ±1, 22 lines on a full page of body text, the red
#     rule and the 版记 on the last page, at its foot;
#  5. --letterhead preprinted: no 发文机关标志 and no red rule in the .docx either.
set -u
fail=0
work=$(mktemp -d)
profile="$work/lo-profile"
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"

run_2024() {  # OUT [options…]
  local out=$1; shift
  "$TWS_BIN" select --year 2024 --date 2024-05-16 --input input --output "$out" --registry "$out/r.sqlite3" -q "$@" \
    && "$TWS_BIN" run --year 2024 --date 2024-12-31 --input input --output "$out" --registry "$out/r.sqlite3" -q "$@" \
    || { echo "FAIL: tws run 2024 into $out $*"; fail=1; }
}
run_2024 "$work/a"
run_2024 "$work/b"
run_2024 "$work/p" --letterhead preprinted
d="$work/a/2024"

# 1. Beside the PDFs, in the manifest, deterministic.
for n in 认定通知 考核结果通报 经费下达通知; do
  [ -s "$d/$n.docx" ] && [ -s "$d/$n.pdf" ] || { echo "FAIL: $n.docx not written beside $n.pdf"; fail=1; continue; }
  h=$(sha256sum "$d/$n.docx" | cut -d' ' -f1)
  grep -qF "{\"path\":\"2024/$n.docx\",\"sha256\":\"$h\"}" "$d/manifest.json" \
    || { echo "FAIL: $n.docx not in manifest.json with its hash"; fail=1; }
  cmp -s "$d/$n.docx" "$work/b/2024/$n.docx" || { echo "FAIL: $n.docx differs between two runs with the same --date"; fail=1; }
  pdftotext "$d/$n.pdf" "$work/$n.pdf.txt" || { echo "FAIL: pdftotext $n.pdf"; fail=1; }
done

# 2 and 3: python3-docx and the package's XML.
/usr/bin/python3 - "$d" "$work/p/2024" "$work" <<'PY' || fail=1
import collections, re, sys, zipfile
import docx
from docx.table import Table
from docx.text.paragraph import Paragraph
d, pre, work = sys.argv[1:4]
bad = 0
def check(cond, why):
    global bad
    if not cond:
        print("FAIL:", why); bad = 1
def squeeze(s): return re.sub(r"\s+", "", s)
def pdf_text(name):
    t = open(f"{work}/{name}.pdf.txt", encoding="utf-8").read()
    return squeeze(re.sub(r"—\s*\d+\s*—", "", t))
def same_text(a, b):
    """The same characters, and the same sequence up to the first table (pdftotext
    reads a table's wrapped cells out of row order)."""
    cut = lambda s: s.split("序号")[0]
    return collections.Counter(a) == collections.Counter(b) and cut(a) == cut(b)
def paragraphs(doc):
    """Every paragraph in document order, the tables' cells included."""
    body = doc.element.body
    for el in body.iterchildren():
        tag = el.tag.split("}")[1]
        if tag == "p":
            yield Paragraph(el, doc)
        elif tag == "tbl":
            for row in Table(el, doc).rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen: continue
                    seen.add(id(cell._tc))
                    yield from cell.paragraphs
roles = {"Normal", "发文机关标志", "发文字号", "公文标题", "主送机关", "一级标题", "二级标题", "三级标题", "四级标题",
         "附件说明", "发文机关署名", "成文日期", "附件标识", "附件标题", "表格文字", "版记"}
for name in ["认定通知", "考核结果通报", "经费下达通知"]:
    doc = docx.Document(f"{d}/{name}.docx")
    ps = list(paragraphs(doc))
    for p in ps:
        check(p.style is not None and p.style.name in roles, f"{name}: paragraph “{p.text[:20]}” has style {p.style.name if p.style else None}")
    text = squeeze("".join(p.text for p in ps))
    pdf = pdf_text(name)
    for t in doc.tables:  # the PDF repeats a table's header row on every page it spans
        head = squeeze("".join(c.text for c in t.rows[0].cells)) if t.rows else ""
        while head and pdf.count(head) > text.count(head):
            k = pdf.rindex(head); pdf = pdf[:k] + pdf[k + len(head):]
    check(same_text(text, pdf), f"{name}: .docx text differs from the PDF's:\n  docx {text}\n  pdf  {pdf}")
    by_style = {}
    for p in ps:
        if p.text.strip(): by_style.setdefault(p.style.name, []).append(p.text)
    if name != "经费下达通知":
        check(by_style.get("发文机关标志") == ["德州职业技术学院文件"], f"{name}: 发文机关标志 {by_style.get('发文机关标志')}")
        check(len(by_style.get("发文字号", [])) == 1 and "〔2024〕" in by_style["发文字号"][0], f"{name}: 发文字号 {by_style.get('发文字号')}")
        check(len(by_style.get("一级标题", [])) >= 2, f"{name}: 一级标题 {by_style.get('一级标题')}")
        check(by_style.get("附件标识") == ["附件"], f"{name}: 附件标识 {by_style.get('附件标识')}")
        check(len(by_style.get("版记", [])) == 1 and re.fullmatch(r"德州职业技术学院院长办公室\t2024年\d+月\d+日印发", by_style["版记"][0]),
              f"{name}: 版记 {by_style.get('版记')}")
    check(len(by_style.get("公文标题", [])) == 1, f"{name}: 公文标题 {by_style.get('公文标题')}")
    check(by_style.get("发文机关署名") and by_style.get("成文日期") == ["2024年12月31日"] or name == "认定通知",
          f"{name}: 署名/成文日期 {by_style.get('发文机关署名')} {by_style.get('成文日期')}")
    # The package: page set-up, grid, footers, the red rule, the 版记 at the page foot.
    z = zipfile.ZipFile(f"{d}/{name}.docx")
    core = z.read("docProps/core.xml").decode()
    day = tuple(map(int, re.search(r'<dcterms:created xsi:type="dcterms:W3CDTF">(\d+)-(\d+)-(\d+)T00:00:00Z<', core).groups()))
    check(f"{day[0]}年{day[1]}月{day[2]}日" in text, f"{name}: core properties dated {day}, not the document's date")
    check(all(i.date_time == day + (0, 0, 0) for i in z.infolist()), f"{name}: zip entries not dated the document's date {day}")
    x = z.read("word/document.xml").decode()
    check('<w:pgSz w:w="11906" w:h="16838"/>' in x, f"{name}: not A4")
    check('<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"' in x, f"{name}: margins not 37/26/35/28 mm")
    check(re.search(r'<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-84\d"/>', x), f"{name}: docGrid")
    check('w:evenAndOddHeaders' in z.read("word/settings.xml").decode(), f"{name}: no evenAndOddHeaders")
    for f, side in (("footer1", "right"), ("footer2", "left")):
        fx = z.read(f"word/{f}.xml").decode()
        check(f'<w:jc w:val="{side}"/>' in fx and 'w:instr=" PAGE ' in fx and ">— <" in fx and "> —<" in fx,
              f"{name}: {f}.xml is not the {side} page number — N —")
    styles = z.read("word/styles.xml").decode()
    check('w:line="579" w:lineRule="exact"' in styles, f"{name}: no exact 28.95 pt line spacing")
    for face in ["仿宋_GB2312", "方正小标宋简体"] + (["黑体"] if name != "经费下达通知" else []):
        check(f'w:eastAsia="{face}"' in styles, f"{name}: style sheet does not name {face}")
    fonts = z.read("word/fontTable.xml").decode()
    check('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in fonts, f"{name}: fontTable has no fallback for 仿宋_GB2312")
    if name != "经费下达通知":
        check(re.search(r'<w:pStyle w:val="DocNumber"/>.*?<w:pBdr><w:bottom w:val="single" w:sz="\d+" w:space="\d+" w:color="FF0000"/>', x),
              f"{name}: no red border under the 发文字号")
        check(re.search(r'<w:pStyle w:val="Colophon"/><w:framePr [^>]*w:vAnchor="margin"[^>]*w:yAlign="bottom"/>', x),
              f"{name}: 版记 not in a frame at the page foot")
        check('<w:tblHeader/>' in x, f"{name}: table header row not repeated")
    # --letterhead preprinted: the 版头 left blank.
    if name != "经费下达通知":
        pdoc = docx.Document(f"{pre}/{name}.docx")
        ptext = "".join(p.text for p in paragraphs(pdoc))
        px = zipfile.ZipFile(f"{pre}/{name}.docx").read("word/document.xml").decode()
        check("德州职业技术学院文件" not in ptext and "FF0000" not in px and squeeze(ptext) == text.replace("德州职业技术学院文件", "", 1),
              f"{name}: --letterhead preprinted still has the 版头")
sys.exit(bad)
PY

# 4. LibreOffice: the 认定通知 converted headless.
lo="$work/lo"; mkdir -p "$lo"
timeout 120 soffice "-env:UserInstallation=file://$profile" --headless --convert-to pdf --outdir "$lo" "$d/认定通知.docx" \
  >"$work/soffice.log" 2>&1
if [ ! -s "$lo/认定通知.pdf" ] || grep -qiE 'corrupt|repair|error' "$work/soffice.log"; then
  echo "FAIL: LibreOffice did not convert 认定通知.docx cleanly:"; cat "$work/soffice.log"; fail=1
else
  pdftotext -bbox "$lo/认定通知.pdf" "$work/lo.html"
  pdftotext "$lo/认定通知.pdf" "$work/lo.txt"
  /usr/bin/python3 - "$work/认定通知.pdf.txt" "$work/lo.txt" "$work/lo.html" "$d/认定通知.pdf" "$lo/认定通知.pdf" <<'PY' || fail=1
import collections, re, subprocess, sys
pdf_txt, lo_txt, bbox, pdf, lo_pdf = sys.argv[1:]
bad = 0
def check(cond, why):
    global bad
    if not cond:
        print("FAIL:", why); bad = 1
def squeeze(s): return re.sub(r"\s+", "", re.sub(r"—\s*\d+\s*—", "", s))
a, b = squeeze(open(pdf_txt).read()), squeeze(open(lo_txt).read())
cut = lambda s: s.split("序号")[0]  # pdftotext reads wrapped table cells out of row order
check(collections.Counter(a) == collections.Counter(b) and cut(a) == cut(b),
      f"LibreOffice's text differs from the PDF's:\n  pdf {a}\n  lo  {b}")
def pages(f):
    return int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", f], capture_output=True, text=True).stdout).group(1))
check(abs(pages(pdf) - pages(lo_pdf)) <= 1, f"page count: PDF {pages(pdf)}, LibreOffice {pages(lo_pdf)}")
# Lines per page: words grouped by their baseline, inside the text block (37 mm to
# 262 mm from the top edge).
html = open(bbox, encoding="utf-8").read()
lines = []
for page in html.split("<page ")[1:]:
    ys = set()
    for m in re.finditer(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', page):
        y = float(m.group(2))
        if 104 < y < 744: ys.add(round(y))
    lines.append(sorted(ys))
# Page 2 is body text from top to bottom: 22 lines, 28.95 pt apart.
p2 = lines[1] if len(lines) > 1 else []
check(len(p2) == 22, f"LibreOffice page 2 has {len(p2)} lines, not 22: {p2}")
if len(p2) > 1:
    steps = {round(b - a) for a, b in zip(p2, p2[1:])}
    check(steps <= {29, 28, 30}, f"line pitch on page 2 is not 28.95 pt: {steps}")
# The 版记 on the last page, at its foot (below 70 % of the page); the last page even.
last = html.split("<page ")[-1]
foot = [float(m.group(1)) for m in re.finditer(r'yMin="([\d.]+)"[^>]*>[^<]*印发</word>', last)]
check(foot and foot[0] > 0.7 * 842, f"版记 not at the foot of the last page: {foot}")
check(pages(lo_pdf) % 2 == 0, f"LibreOffice: 版记 on page {pages(lo_pdf)}, not an even page")
# The red rule on page 1: a row of red pixels across most of the text block.
subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-singlefile", lo_pdf, lo_pdf[:-4]], check=True)
data = open(lo_pdf[:-4] + ".ppm", "rb").read()
head = data.split(b"\n", 3)
w, h = map(int, head[1].split()); px = head[3]
longest = 0
for y in range(h):
    run = best = 0
    for x in range(w):
        r, g, b_ = px[3 * (y * w + x):3 * (y * w + x) + 3]
        run = run + 1 if r > 200 and g < 80 and b_ < 80 else 0
        best = max(best, run)
    longest = max(longest, best)
check(longest > 0.8 * 156 / 25.4 * 40, f"no red rule across page 1 (longest red run {longest} px)")
sys.exit(bad)
PY
fi
exit $fail
