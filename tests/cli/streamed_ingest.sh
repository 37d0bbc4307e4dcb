#!/usr/bin/env bash
# Sheets are converted to records as they are streamed (issue 7: memory). A sheet found
# broken after earlier sheets of the same file were converted must still make the whole
# file one error: no row problems of the earlier sheets, no partly read file.
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in"
cp -r "$TWS_ROOT/input/2026" "$work/in/"
# check runs the phases as run would: without the years before, 2026's 年度考核 names
# stations the registry does not have; this test is about applications.xlsx alone.
rm "$work/in/2026/performance.xlsx"
app="$work/in/2026/applications.xlsx"
check() { "$TWS_BIN" check --year 2026 --input "$work/in" --config "$TWS_ROOT/input/tws.ini" 2>&1; }

# Sheet 1 (申报汇总) gets a bad phone number: reported at its cell.
/usr/bin/python3 - "$app" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["申报汇总"]
hrow = next(r for r in range(1, 15) if any(str(c.value or "").strip() == "联系电话" for c in ws[r]))
col = next(c.column for c in ws[hrow] if str(c.value or "").strip() == "联系电话")
ws.cell(hrow + 1, col).value = "12ab"
wb.save(sys.argv[1])
PY
out=$(check); rc=$?
[ $rc = 1 ] || { echo "FAIL: phone only: exit $rc, want 1"; fail=1; }
echo "$out" | grep -q "applications.xlsx:申报汇总!" || { echo "FAIL: phone only: no row error in: $out"; fail=1; }

# Then sheet 3 (荣誉与竞赛, read after the first two) gets an invalid cell reference.
/usr/bin/python3 - "$app" <<'PY'
import re, sys, zipfile
path = sys.argv[1]
with zipfile.ZipFile(path) as z:
    infos = z.infolist()
    parts = {i.filename: z.read(i.filename) for i in infos}
names = [i.filename for i in infos if i.filename.startswith("xl/worksheets/sheet")]
last = sorted(names)[-1]
parts[last], n = re.subn(rb'<c r="A3"', b'<c r="3A"', parts[last], count=1)
assert n == 1, last
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
    for i in infos:
        z.writestr(i, parts[i.filename])
PY
out=$(check); rc=$?
[ $rc = 1 ] || { echo "FAIL: exit $rc, want 1"; fail=1; }
echo "$out" | grep -q "applications.xlsx:荣誉与竞赛: .*单元格地址“3A”无效" || { echo "FAIL: no file error naming the sheet in: $out"; fail=1; }
echo "$out" | grep -q "申报汇总!" && { echo "FAIL: a row problem of an earlier sheet was kept: $out"; fail=1; }
echo "$out" | grep -q "^共 1 个错误" || { echo "FAIL: want exactly one error: $out"; fail=1; }
[ $fail = 0 ] && echo "ok  broken third sheet: $(echo "$out" | grep 荣誉与竞赛 | head -1)"
exit $fail
