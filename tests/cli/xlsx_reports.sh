#!/usr/bin/env bash
# The Excel summaries of the three sample years and `tws registry export` (issue 5),
# read by other programs:
#  1. openpyxl (Debian python3-openpyxl) finds in every workbook the frozen header,
#     filter, conditional formats, print titles, A4 landscape fit-to-width set-up,
#     page header/footer, 宋体 cells, real dates, document properties (title,
#     author, company), the two charts over 按部门, and 按部门 formulas whose cached
#     values agree with the registry (SQLite) worked out independently;
#  2. LibreOffice, told to recalculate every formula on load, exports every sheet to
#     CSV: each cell equals the value in the file (so the cached formula results are
#     what a spreadsheet computes), and user text beginning with = + - @ stays text;
#  3. LibreOffice prints 2026/考核汇总.xlsx to PDF: 4 A4 landscape pages, the whole
#     考核汇总 table (10 stations, all columns) on page 1; and the registry export,
#     whose sheets run over several pages, with the header row on every page.
# XLSX_RENDER_DIR=dir keeps the PDF and 60 dpi PNGs of it for a look by eye.
set -u
fail=0
work=$(mktemp -d)
profile="/tmp/lo-$$"
trap 'rm -rf "$work" "$profile"' EXIT
cd "$TWS_ROOT"
out="$work/out"
for y in 2024 2025 2026; do  # selection before the configured publicity start, the rest at year end
  "$TWS_BIN" select --year $y --date $y-05-16 --input input --output "$out" --registry "$out/registry.sqlite3" -q \
    || { echo "FAIL: tws select --year $y"; fail=1; }
  "$TWS_BIN" run --year $y --date $y-12-31 --input input --output "$out" --registry "$out/registry.sqlite3" -q \
    || { echo "FAIL: tws run --year $y"; fail=1; }
done
"$TWS_BIN" registry export "$out/登记库导出.xlsx" --registry "$out/registry.sqlite3" --date 2026-12-31 -q \
  || { echo "FAIL: registry export"; fail=1; }

# 2024 again with formula-like user text in 申报汇总 (written by openpyxl as strings).
mkdir -p "$work/input"
cp input/tws.ini "$work/input/" && cp -r input/2024 "$work/input/"
/usr/bin/python3 - "$work/input/2024/applications.xlsx" <<'PY' || { echo "FAIL: preparing the injection input"; fail=1; }
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["申报汇总"]
head = {str(c.value).replace("\n", ""): c.column for c in next(r for r in ws.iter_rows() if any(c.value == "申报编号" for c in r))}
rows = {ws.cell(r, head["申报编号"]).value: r for r in range(1, ws.max_row + 1)}
for app, column, text in [("2024-01", "工作站名称", "=1+1"), ("2024-02", "领办人姓名", "+cmd|' /C calc'!A0"),
                          ("2024-03", "工作站名称", "-2+3"), ("2024-04", "领办人姓名", "@SUM(A1:A2)")]:
    c = ws.cell(rows[app], head[column])
    if column == "领办人姓名":  # the leader's row in 入站人员 carries the same name (one name per ID number)
        m = wb["入站人员"]
        for r in range(2, m.max_row + 1):
            if m.cell(r, 1).value == app and m.cell(r, 7).value == "是":
                m.cell(r, 2).value = text
                m.cell(r, 2).data_type = "s"
    c.value = text
    c.data_type = "s"
wb.save(sys.argv[1])
PY
"$TWS_BIN" select --year 2024 --date 2024-05-16 --input "$work/input" --output "$work/inj" --registry "$work/inj/registry.sqlite3" -q \
  && "$TWS_BIN" run --year 2024 --date 2024-12-31 --input "$work/input" --output "$work/inj" --registry "$work/inj/registry.sqlite3" -q \
  || { echo "FAIL: tws run with formula-like text"; fail=1; }

files=("$out"/2024/*.xlsx "$out"/2025/*.xlsx "$out"/2026/*.xlsx "$out/登记库导出.xlsx" "$work/inj/2024/资格审查汇总.xlsx" "$work/inj/2024/考核汇总.xlsx")
for f in "${files[@]}"; do [ -s "$f" ] || { echo "FAIL: missing $f"; fail=1; }; done

# ── 1. openpyxl ────────────────────────────────────────────────────────────────
/usr/bin/python3 - "$out" <<'PY' || fail=1
import openpyxl, sqlite3, sys, zipfile, glob, os, re, datetime
out = sys.argv[1]
bad = []
def check(cond, what):
    if not cond: bad.append(what)
files = sorted(glob.glob(out + "/20*/*.xlsx")) + [out + "/登记库导出.xlsx"]
sheets_expected = {
    "资格审查汇总.xlsx": ["资格审查", "评审汇总", "建议名单", "输入问题", "审查简表"],
    "认定名单.xlsx": ["认定名单", "认定决定"],
    "考核汇总.xlsx": ["考核汇总", "按部门", "图表", "经费", "考核简表"],
    "登记库导出.xlsx": ["工作站", "入站人员", "考核", "经费", "撤销"],
}
coloured = {"资格审查": 3, "考核汇总": 3, "经费": 3, "考核": 3, "考核简表": 3}  # Verdict/Grade rules per column run
for f in files:
    name = os.path.basename(f)
    wb = openpyxl.load_workbook(f)
    check(wb.sheetnames == sheets_expected[name], f"{f}: sheets {wb.sheetnames}")
    p = wb.properties
    check(p.creator == "德州职业技术学院" and p.title, f"{f}: properties {p.creator!r} {p.title!r}")
    app = zipfile.ZipFile(f).read("docProps/app.xml").decode()
    check("<Company>德州职业技术学院</Company>" in app, f"{f}: company")
    styles = zipfile.ZipFile(f).read("xl/styles.xml").decode()
    check('<name val="宋体"/>' in styles, f"{f}: 宋体 font")
    for ws in wb.worksheets:
        where = f"{name}:{ws.title}"
        ps = ws.page_setup
        check(ps.paperSize == 9 and ps.orientation == "landscape", f"{where}: paper {ps.paperSize} {ps.orientation}")
        check(ws.sheet_properties.pageSetUpPr.fitToPage and ps.fitToWidth in (None, 1), f"{where}: fit to width")
        check(ps.fitToHeight in ((None, 1) if ws.title == "图表" else (0,)), f"{where}: fit to height {ps.fitToHeight}")
        check(ws.oddFooter.center.text == "第 &P 页 共 &N 页", f"{where}: footer {ws.oddFooter.center.text!r}")
        check(bool(ws.oddHeader.center.text), f"{where}: page header")
        check(ws["A1"].font.b and ws["A1"].font.sz == 16 and ws["A1"].value, f"{where}: title row")
        check(any(str(m).startswith("A1:") for m in ws.merged_cells.ranges), f"{where}: merged title")
        if ws.title == "图表":
            charts = sorted(type(c).__name__ for c in ws._charts)
            check(charts == ["BarChart", "PieChart"], f"{where}: charts {charts}")
            continue
        check(ws.freeze_panes is not None, f"{where}: freeze panes")
        check(bool(ws.auto_filter.ref), f"{where}: autofilter")
        check(bool(ws.print_title_rows), f"{where}: print titles")
        first = ws[ws.freeze_panes].row  # first data row
        check(ws.cell(first, 1).value is None or ws.cell(first, 1).font.name == "宋体", f"{where}: cell font {ws.cell(first, 1).font.name}")
        check(all(ws.cell(first - 1, c).font.b for c in range(1, ws.max_column + 1)
                  if not isinstance(ws.cell(first - 1, c), openpyxl.cell.cell.MergedCell)), f"{where}: bold header")
        if ws.title in coloured and ws.max_row > 4:
            n = sum(len(r.rules) for r in ws.conditional_formatting)
            check(n >= coloured[ws.title], f"{where}: {n} conditional formats")
# Dates are date cells with the Chinese date format.
ws = openpyxl.load_workbook(out + "/2024/认定名单.xlsx")["认定名单"]
c = ws["G3"]
check(c.is_date and c.value == datetime.datetime(2024, 5, 23) and c.number_format == 'yyyy"年"m"月"d"日"',
      f"认定名单 G3 {c.value!r} {c.number_format}")
# 按部门 of 2025: formulas, cached values = the registry's own numbers.
db = sqlite3.connect(out + "/registry.sqlite3")
want = {}
for dept, grade, n in db.execute("SELECT s.department, a.grade, COUNT(*) FROM assessments a JOIN stations s "
                                 "ON s.code = a.station_code WHERE a.year = 2025 GROUP BY 1, 2"):
    want.setdefault(dept, {})[grade] = n
money = dict(db.execute("SELECT department, SUM(amount) FROM funding WHERE year = 2025 GROUP BY 1"))
f = out + "/2025/考核汇总.xlsx"
formulas = openpyxl.load_workbook(f)["按部门"]
cached = openpyxl.load_workbook(f, data_only=True)["按部门"]
rows = 0
for r in range(3, cached.max_row + 1):
    dept = cached.cell(r, 1).value
    if dept in (None, "合计") or dept.startswith("本表"):
        continue
    rows += 1
    got = {h: cached.cell(r, c).value for c, h in [(3, "优秀"), (4, "合格"), (5, "不合格")]}
    check(got == {g: want.get(dept, {}).get(g, 0) for g in got}, f"按部门 {dept}: {got} vs {want.get(dept)}")
    check(cached.cell(r, 6).value == money.get(dept, 0), f"按部门 {dept} 经费 {cached.cell(r, 6).value}")
    check(str(formulas.cell(r, 3).value).startswith("=SUMPRODUCT(EXACT('考核汇总'!"), f"按部门 formula {formulas.cell(r, 3).value}")
    check(str(formulas.cell(r, 6).value).startswith("=SUMPRODUCT(--EXACT('考核汇总'!"), f"按部门 formula {formulas.cell(r, 6).value}")
check(rows == len(want), f"按部门 rows {rows} vs {len(want)}")
# 经费 ledger of 2025: every funding line of the stations assessed in 2025, all years.
ledger = openpyxl.load_workbook(f, data_only=True)["经费"]
got = sorted((r[0], r[3], r[5]) for r in ledger.iter_rows(min_row=3, values_only=True) if r[0] and r[0].startswith("JS"))
sql = sorted(db.execute("SELECT station_code, year, amount FROM funding WHERE year <= 2025 AND station_code IN "
                        "(SELECT station_code FROM assessments WHERE year = 2025)"))
check(got == [tuple(x) for x in sql], f"经费 ledger {got} vs {sql}")
total = [r for r in ledger.iter_rows(min_row=3, values_only=True) if r[0] == "合计"]
check(total and total[0][5] == sum(x[2] for x in sql), f"经费 合计 {total}")
if bad:
    print("FAIL (openpyxl):"); print("\n".join(bad)); sys.exit(1)
print("openpyxl:", len(files), "workbooks: freeze panes, filters, conditional formats, charts, print set-up, properties, formulas ok")
PY

# ── 2 and 3. LibreOffice ───────────────────────────────────────────────────────
if ! command -v soffice >/dev/null 2>&1; then
  echo "SKIP: soffice (LibreOffice) is not installed; openpyxl checks only"
  [ $fail = 0 ] && echo "xlsx_reports: ok"
  exit $fail
fi
# A fresh profile that recalculates every formula of an xlsx on load, so the CSV
# shows LibreOffice's own results, not the cached ones.
mkdir -p "$profile/user"
cat >"$profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU
mkdir -p "$work/csv" "$work/pdf"
n=0
for f in "${files[@]}"; do  # distinct names for LibreOffice's FILE-SHEET.csv
  n=$((n + 1)); cp "$f" "$work/csv/$n-$(basename "$f")"
done
LC_ALL=C.UTF-8 timeout 180 soffice "-env:UserInstallation=file://$profile" --headless \
  --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
  --outdir "$work/csv" "$work"/csv/*.xlsx >"$work/soffice-csv.log" 2>&1 \
  || { echo "FAIL: soffice csv conversion"; cat "$work/soffice-csv.log"; fail=1; }
/usr/bin/python3 - "$work/csv" <<'PY' || fail=1
import csv, datetime, glob, openpyxl, os, sys
d = sys.argv[1]
bad, sheets, cells = [], 0, 0
def norm_file(v):
    if v is None: return ""
    if isinstance(v, datetime.datetime): return v.strftime("%m/%d/%Y")
    if isinstance(v, bool): return "TRUE" if v else "FALSE"
    if isinstance(v, (int, float)): return float(v)
    return str(v)
for x in sorted(glob.glob(d + "/*.xlsx")):
    wb = openpyxl.load_workbook(x, data_only=True)
    stem = os.path.basename(x)[:-5]
    for ws in wb.worksheets:
        path = f"{d}/{stem}-{ws.title}.csv"
        if not os.path.exists(path):
            bad.append(f"no CSV for {stem}:{ws.title}"); continue
        sheets += 1
        with open(path, encoding="utf-8", newline="") as fh:
            lo = list(csv.reader(fh))
        for r in range(1, max(ws.max_row, len(lo)) + 1):
            for c in range(1, max(ws.max_column, len(lo[r - 1]) if r <= len(lo) else 0) + 1):
                want = norm_file(ws.cell(r, c).value) if r <= ws.max_row and c <= ws.max_column else ""
                got = lo[r - 1][c - 1] if r <= len(lo) and c <= len(lo[r - 1]) else ""
                cells += 1
                if isinstance(want, float):  # LibreOffice keeps the % of percent cells
                    try: ok = abs((float(got[:-1]) / 100 if got.endswith("%") else float(got)) - want) <= 1e-9 * max(1, abs(want))
                    except ValueError: ok = False
                else:
                    ok = got == want
                if not ok:
                    bad.append(f"{stem}:{ws.title}!{openpyxl.utils.get_column_letter(c)}{r}: file {want!r}, LibreOffice {got!r}")
# Formula-like user text is shown as typed in LibreOffice (never evaluated).
inj = {}
for path in glob.glob(d + "/*-资格审查汇总-资格审查.csv") + glob.glob(d + "/*-考核汇总-考核汇总.csv"):
    for row in csv.reader(open(path, encoding="utf-8", newline="")):
        for v in row:
            if v in ("=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)"): inj[v] = inj.get(v, 0) + 1
if set(inj) != {"=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)"}:
    bad.append(f"formula-like text in LibreOffice: {inj}")
if bad:
    print(f"FAIL (LibreOffice CSV): {len(bad)} differences"); print("\n".join(bad[:40])); sys.exit(1)
print(f"LibreOffice CSV: {sheets} sheets, {cells} cells equal to the file (formulas recalculated); formula-like text stays text: {inj}")
PY

# PDF of 2026/考核汇总.xlsx: 考核汇总 (10 stations, every column) on one page, 按部门
# one, 图表 one, 经费 (13 ledger lines) one = 4 A4 landscape pages. The registry
# export runs over several pages per sheet: the header row is on every page.
cp "$out/2026/考核汇总.xlsx" "$out/登记库导出.xlsx" "$work/pdf/"
LC_ALL=C.UTF-8 timeout 120 soffice "-env:UserInstallation=file://$profile" --headless --convert-to pdf \
  --outdir "$work/pdf" "$work/pdf/考核汇总.xlsx" "$work/pdf/登记库导出.xlsx" >"$work/soffice-pdf.log" 2>&1 \
  || { echo "FAIL: soffice pdf conversion"; cat "$work/soffice-pdf.log"; fail=1; }
page_text() { pdftotext -layout -f "$2" -l "$2" "$1" - | tr -d ' '; }  # pdftotext adds or drops spaces around CJK
pdf="$work/pdf/考核汇总.pdf"
if [ -s "$pdf" ]; then
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  sizes=$(pdfinfo -f 1 -l "$pages" "$pdf" | grep -c 'size: *841.89 x 595.3')
  echo "考核汇总.pdf: $pages pages, $sizes A4 landscape"
  [ "$pages" = 5 ] || { echo "FAIL: 考核汇总.pdf has $pages pages, expected 5 (a page per sheet)"; fail=1; }
  [ "$sizes" = "$pages" ] || { echo "FAIL: not every page is A4 landscape"; pdfinfo -f 1 -l "$pages" "$pdf" | grep size; fail=1; }
  p1=$(page_text "$pdf" 1)
  for s in 2026年度技师工作站考核汇总 工作站编号 企业对接 说明 JS202501 JS202606 10个工作站 "第1页共${pages}页"; do
    grep -qF -- "$s" <<<"$p1" || { echo "FAIL: page 1 of 考核汇总.pdf lacks '$s'"; fail=1; }
  done
  grep -qF "考核结果（按部门）" <<<"$(page_text "$pdf" 2)" || { echo "FAIL: page 2 is not 按部门"; fail=1; }
  grep -qF "考核结果图表" <<<"$(page_text "$pdf" 3)" || { echo "FAIL: page 3 is not 图表"; fail=1; }
  p4=$(page_text "$pdf" 4)
  grep -qF "经费台账" <<<"$p4" && grep -qF "贰拾陆万元整" <<<"$p4" || { echo "FAIL: page 4 is not the whole 经费 ledger"; fail=1; }
  p5=$(page_text "$pdf" 5)
  grep -qF "2026年度技师工作站考核结果" <<<"$p5" && grep -qF "JS202606" <<<"$p5" || { echo "FAIL: page 5 is not the whole 考核简表"; fail=1; }
  if [ -n "${XLSX_RENDER_DIR:-}" ]; then
    mkdir -p "$XLSX_RENDER_DIR" && cp "$pdf" "$XLSX_RENDER_DIR/" && pdftoppm -r 60 -png "$pdf" "$XLSX_RENDER_DIR/考核汇总"
  fi
else
  echo "FAIL: no PDF of 考核汇总"; fail=1
fi
pdf="$work/pdf/登记库导出.pdf"
if [ -s "$pdf" ]; then
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  echo "登记库导出.pdf: $pages pages"
  [ "$pages" -ge 5 ] || { echo "FAIL: 登记库导出.pdf has $pages pages, expected at least one per sheet"; fail=1; }
  for p in $(seq 1 "$pages"); do
    t=$(page_text "$pdf" "$p")
    grep -qF "工作站编号" <<<"$t" && grep -qF "第${p}页共${pages}页" <<<"$t" \
      || { echo "FAIL: page $p of 登记库导出.pdf lacks the repeated header or its page number"; fail=1; }
  done
else
  echo "FAIL: no PDF of the registry export"; fail=1
fi
[ $fail = 0 ] && echo "xlsx_reports: ok"
exit $fail
