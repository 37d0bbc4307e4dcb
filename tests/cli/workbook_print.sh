#!/usr/bin/env bash
# Printed workbooks (issue 18 item 16), read back from the xlsx of sample year 2024:
#  - 资格审查汇总.xlsx and 考核汇总.xlsx each have a print view (审查简表, 考核简表: A4
#    landscape, fit to one page wide) whose columns print at ≥ 70 % — the scale Excel's
#    fit-to-width gives: printable width (297 mm less the margins) / the columns' width
#    (a width of w characters is 7w + 5 px at 96 dpi);
#  - every sheet's title fits on one line of its merged title row (16 pt: 1.45 × the
#    width tws reckons for 11 pt text, 2.1 per CJK character, 1.1 per other);
#  - no header cell wraps so that a line holds only "）" (greedy lines in the column's
#    width less one character unit).
# With XLSX_PRINT_DIR set, the two workbooks are converted to PDF there with soffice.
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"
"$TWS_BIN" select --year 2024 --date 2024-05-16 --input input --output "$work/o" --registry "$work/o/r.sqlite3" -q \
  || { echo "FAIL: tws select --year 2024"; exit 1; }
"$TWS_BIN" run --year 2024 --date 2024-12-31 --input input --output "$work/o" --registry "$work/o/r.sqlite3" -q \
  || { echo "FAIL: tws run --year 2024"; exit 1; }
/usr/bin/python3 - "$work/o/2024" <<'PY' || fail=1
import sys, unicodedata
import openpyxl
from openpyxl.utils import get_column_letter
out = sys.argv[1]
bad = []

def cw(ch):
    return 2.1 if unicodedata.east_asian_width(ch) in "WFA" and ord(ch) > 0x7F else 1.1

def width(text):
    return sum(cw(c) for c in text)

def col_width(ws, c):
    d = ws.column_dimensions.get(get_column_letter(c))
    return d.width if d is not None and d.width else 8.43

def wrap(text, w):
    lines, cur = [], ""
    for ch in text:
        if cur and width(cur + ch) > w:
            lines.append(cur)
            cur = ""
        cur += ch
    return lines + [cur]

def merged_width(ws, row, col):
    for m in ws.merged_cells.ranges:
        if m.min_row <= row <= m.max_row and m.min_col <= col <= m.max_col:
            return sum(col_width(ws, c) for c in range(m.min_col, m.max_col + 1)), m
    return col_width(ws, col), None

for book, view in (("资格审查汇总.xlsx", "审查简表"), ("考核汇总.xlsx", "考核简表")):
    wb = openpyxl.load_workbook(f"{out}/{book}")
    if view not in wb.sheetnames:
        bad.append(f"{book}: no print view sheet {view} (sheets {wb.sheetnames})")
    for ws in wb.worksheets:
        where = f"{book}:{ws.title}"
        ps, pm = ws.page_setup, ws.page_margins
        ncols = ws.max_column
        total = sum(col_width(ws, c) for c in range(1, ncols + 1))
        table_mm = sum(7 * col_width(ws, c) + 5 for c in range(1, ncols + 1)) * 25.4 / 96
        printable = 297 - (pm.left + pm.right) * 25.4
        fit = bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage)
        scale = min(1.0, printable / table_mm) if fit else (ps.scale or 100) / 100
        if ws.title == "图表":
            continue
        print(f"{where}: {ncols} columns, {table_mm:.0f} mm, prints at {scale:.0%}")
        if ws.title == view:
            if not (ps.paperSize == 9 and ps.orientation == "landscape" and fit and ps.fitToWidth in (None, 1)):
                bad.append(f"{where}: not A4 landscape fit to one page wide")
            if scale < 0.70:
                bad.append(f"{where}: prints at {scale:.0%}, want ≥ 70 %")
        title = ws["A1"].value or ""
        tw, _ = merged_width(ws, 1, 1)
        if width(title) * 1.45 > tw:
            bad.append(f"{where}: title {title!r} ({width(title) * 1.45:.0f}) wider than its row ({tw:.0f}): "
                       f"breaks as {' / '.join(wrap(title, tw / 1.45))}")
        first_data = ws[ws.freeze_panes].row if ws.freeze_panes else 3
        for r in range(2, first_data):
            for c in range(1, ncols + 1):
                v = ws.cell(r, c).value
                if not isinstance(v, str):
                    continue
                w, _ = merged_width(ws, r, c)
                lines = wrap(v, w - 1)
                if any(l in ("）", ")") for l in lines):
                    bad.append(f"{where}!{get_column_letter(c)}{r}: header {v!r} wraps as {' / '.join(lines)}")
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
PY
if [ -n "${XLSX_PRINT_DIR:-}" ]; then
  mkdir -p "$XLSX_PRINT_DIR"
  for f in 资格审查汇总 考核汇总; do
    soffice --headless --convert-to pdf --outdir "$XLSX_PRINT_DIR" "$work/o/2024/$f.xlsx" >/dev/null 2>&1
  done
fi
exit $fail
