#!/usr/bin/env bash
# Tables and pagination of the PDF documents (issue 18 items 8–10), measured on the sample
# years 2024–2026 (select at 05-16, run at 12-31) with mutool's character positions and
# poppler's page text. Text is grouped into cell lines: characters on one baseline,
# split where the gap between two is wider than a cell's padding.
#  8 column widths: no cell line holds one Han character alone while the cell has more
#    (a header 考/核/得/分, 钳工技师工作/站, 数控车/工); station names break only at word
#    boundaries (not 技师工/作站);
#  9 keep together: no page of a form ends with a section title or column-head row; no
#    page begins with a numbered row (a continued table repeats its head); the four
#    approval boxes on one page; no page holds only 打印日期; a 合计 row never alone
#    under the column heads; no page of a notice ends with a one-line lead-in (按部门汇总：);
# 10 the 申报（认定）表: 2026-01 (9 members, 2 honours) on two pages, none over three;
#    主要仪器设备, 系部支持措施, 专家评审意见 each on one line; the values of the basic
#    data (name, ID number, equipment) start at one x.
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"
out="$work/out"
. "$TWS_ROOT/tests/lib/sample_years.sh"
run_sample_years "$out"
/usr/bin/python3 - "$out" <<'PY' || fail=1
import glob, os, re, subprocess, sys, xml.etree.ElementTree as ET
out = sys.argv[1]
bad = []

def cell_lines(pdf):
    """Per page: [(baseline, x0, x1, text)] — characters grouped by baseline, split at gaps
    wider than 6 pt (a cell's padding is 2 × 1.5 mm)."""
    xml = os.path.join(out, "stext.xml")
    subprocess.run(["mutool", "draw", "-q", "-F", "stext", "-o", xml, pdf], check=True,
                   stderr=subprocess.DEVNULL)
    pages = []
    for page in ET.parse(xml).getroot().iter("page"):
        chars = []
        for font in page.iter("font"):
            size = float(font.get("size"))
            for ch in font.iter("char"):
                q = [float(v) for v in ch.get("quad").split()]
                chars.append((round(float(ch.get("y")), 1), q[0], q[2], ch.get("c"), size))
        chars.sort()
        lines = []
        for y, x0, x1, c, size in chars:
            if lines and abs(lines[-1][0] - y) < 0.5 and x0 - lines[-1][2] < 6:
                l = lines[-1]
                lines[-1] = (l[0], l[1], x1, l[3] + c)
            else:
                lines.append((y, x0, x1, c))
        pages.append([l for l in lines if l[3].strip()])
    return pages

def page_texts(pdf):
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout).group(1))
    texts = []
    for p in range(1, n + 1):
        t = subprocess.run(["pdftotext", "-layout", "-f", str(p), "-l", str(p), pdf, "-"],
                           capture_output=True, text=True).stdout
        texts.append([l.strip() for l in t.splitlines() if l.strip() and not re.fullmatch(r"[—\-–]\s*\d+\s*[—\-–]", l.strip())])
    return texts

HAN = re.compile(r"[\u4e00-\u9fff]")
LONE_OK = {"无", "是", "否"}
forms = sorted(glob.glob(os.path.join(out, "*", "申报认定表", "*.pdf")))
tables = forms + sorted(glob.glob(os.path.join(out, "*", "考核结果通报.pdf"))) + \
    sorted(glob.glob(os.path.join(out, "*", "经费下达通知.pdf"))) + sorted(glob.glob(os.path.join(out, "*", "公示名单.pdf")))
if len(forms) != 36: bad.append(f"{len(forms)} forms, want 36")

# ---- 8: column widths
for pdf in tables:
    name = os.path.relpath(pdf, out)
    pages = cell_lines(pdf)
    for i, lines in enumerate(pages, 1):
        for k, (y, x0, x1, t) in enumerate(lines):
            if len(t) == 1 and HAN.match(t) and t not in LONE_OK:
                # alone on its cell line: is there a line of the same cell just above?
                above = [l for l in lines[:k] if 0 < y - l[0] < 20 and l[1] <= x0 + 1 and l[2] >= x0 - 1]
                if above: bad.append(f"{name} p{i}: “{t}” alone on a cell line under “{above[-1][3]}”")
            if re.search(r"技师工$|技师工作$", t) or re.match(r"作站", t):
                bad.append(f"{name} p{i}: a name broken inside a word: “{t}”")
# ---- 9 and 10: the forms
HEADS = ("入站人员", "荣誉与竞赛", "资格审查结果", "序号")
BOXES = ("系部意见", "专家评审意见", "组织人事处审核意见", "学校审批意见")
for pdf in forms:
    name = os.path.relpath(pdf, out)
    texts = page_texts(pdf)
    if len(texts) > 3: bad.append(f"{name}: {len(texts)} pages")
    for i, lines in enumerate(texts, 1):
        if not lines: continue
        if any(lines[-1].startswith(h) for h in HEADS):
            bad.append(f"{name} p{i}: ends with the head “{lines[-1]}”")
        if i > 1 and re.match(r"\d+\s", lines[0]):
            bad.append(f"{name} p{i}: begins with a numbered row without its head: “{lines[0]}”")
        if len(lines) == 1 and lines[0].startswith("打印日期"):
            bad.append(f"{name} p{i}: holds only “{lines[0]}”")
    flat = [re.sub(r"\s+", "", " ".join(p)) for p in texts]
    on = {b: [i for i, f in enumerate(flat) if b in f] for b in BOXES}
    if any(len(v) != 1 for v in on.values()) or len({v[0] for v in on.values() if v}) != 1:
        bad.append(f"{name}: approval boxes on pages {on}")
    lines = [l for page in cell_lines(pdf) for l in page]
    for label in ("主要仪器设备", "系部支持措施", "专家评审意见"):
        if not any(l[3] == label for l in lines):
            bad.append(f"{name}: label “{label}” not on one line")
    # the basic data's values: station name, ID number, equipment start at one x
    first = cell_lines(pdf)[0]
    def value_after(label):
        row = [l for l in first if l[3] == label]
        if not row: return None
        y = row[0][0]
        right = sorted((l for l in first if abs(l[0] - y) < 20 and l[1] > row[0][2]), key=lambda l: l[1])
        return right[0][1] if right else None
    xs = [value_after(l) for l in ("工作站名称", "身份证号", "主要仪器设备")]
    if None in xs or max(xs) - min(xs) > 0.5:
        bad.append(f"{name}: basic values start at x = {xs}")
typical = [f for f in forms if "2026-01-" in f]
if not typical or len(page_texts(typical[0])) != 2:
    bad.append(f"2026-01 (9 members, 2 honours): {len(page_texts(typical[0])) if typical else 0} pages, want 2")

for pdf in sorted(glob.glob(os.path.join(out, "*", "经费下达通知.pdf"))):
    for i, lines in enumerate(page_texts(pdf), 1):
        if any(l.startswith("合计（大写") for l in lines):
            k = next(j for j, l in enumerate(lines) if l.startswith("合计（大写"))
            if k == 0 or lines[k - 1].startswith("序号"):
                bad.append(f"{os.path.relpath(pdf, out)} p{i}: the 合计 row alone under the heads")

# A one-line lead-in (“按部门汇总：”) is never the last line of a page: it goes with its table.
for pdf in sorted(glob.glob(os.path.join(out, "*", "*.pdf"))):
    pages = page_texts(pdf)
    for i, lines in enumerate(pages[:-1], 1):
        if lines and lines[-1].endswith("：") and len(lines[-1]) <= 26:
            bad.append(f"{os.path.relpath(pdf, out)} p{i}: ends with the lead-in “{lines[-1]}”")

for b in bad: print("FAIL:", b)
sys.exit(1 if bad else 0)
PY
exit $fail
