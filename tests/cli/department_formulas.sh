#!/usr/bin/env bash
# 考核汇总.xlsx 按部门 (issue 15, item 17): department names with *, ?, ~, a leading
# <>, = or differing only in case are matched exactly by the formulas, so LibreOffice,
# told to recalculate every formula on load, gets the same figures as the cached ones
# (which equal the rows of 考核汇总 counted by Python).
set -u
fail=0
work=$(mktemp -d)
profile="/tmp/lo-$$"
trap 'rm -rf "$work" "$profile"' EXIT
cd "$TWS_ROOT"
if ! command -v soffice >/dev/null 2>&1; then echo "SKIP: soffice (LibreOffice) is not installed"; exit 0; fi
mkdir -p "$work/input"
cp input/tws.ini "$work/input/" && cp -r input/2024 "$work/input/"
/usr/bin/python3 - "$work/input/2024/applications.xlsx" <<'PY' || { echo "FAIL: preparing the input"; exit 1; }
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["申报汇总"]
hr = next(r for r in ws.iter_rows() if any(c.value == "申报编号" for c in r))
cols = {str(c.value).replace("\n", ""): c.column for c in hr}
dept = next(c for h, c in cols.items() if "部" in h and "支持" not in h)
names = {"2024-01": "机电*", "2024-02": "汽车工程?", "2024-03": "机电工程系", "2024-04": "<>建筑工程系",
         "2024-05": "=化工与医药系", "2024-06": "化工与医药系", "2024-07": "经济~管理系",
         "2024-08": "IT系", "2024-09": "it系", "2024-10": "旅游*", "2024-11": "汽车工程系", "2024-12": ">机电"}
for r in range(hr[0].row + 1, ws.max_row + 1):
    app = ws.cell(r, cols["申报编号"]).value
    if app in names:
        c = ws.cell(r, dept)
        c.value = names[app]
        c.data_type = "s"
wb.save(sys.argv[1])
PY
for step in "select --date 2024-05-16" "run --date 2024-12-31"; do  # selection before the configured publicity start
  "$TWS_BIN" $step --year 2024 --input "$work/input" --config "$work/input/tws.ini" \
    --output "$work/out" --registry "$work/out/registry.sqlite3" -q || { echo "FAIL: tws $step"; fail=1; }
done
xlsx="$work/out/2024/考核汇总.xlsx"
[ -s "$xlsx" ] || { echo "FAIL: no 考核汇总.xlsx"; exit 1; }
mkdir -p "$profile/user" "$work/csv"
cat >"$profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU
cp "$xlsx" "$work/csv/k.xlsx"
LC_ALL=C.UTF-8 timeout 120 soffice "-env:UserInstallation=file://$profile" --headless \
  --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
  --outdir "$work/csv" "$work/csv/k.xlsx" >"$work/soffice.log" 2>&1 \
  || { echo "FAIL: soffice csv conversion"; cat "$work/soffice.log"; exit 1; }
/usr/bin/python3 - "$work/csv/k.xlsx" "$work/csv/k-按部门.csv" <<'PY' || fail=1
import collections, csv, openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1], data_only=True)
main, dept = wb["考核汇总"], wb["按部门"]
def header(ws, first):
    for row in ws.iter_rows():
        for c in row:
            if c.value == first: return c.row, {str(x.value): x.column for x in row if x.value is not None}
    sys.exit("no header in " + ws.title)
mr, mc = header(main, "工作站编号")
want = collections.defaultdict(lambda: [0, 0, 0, 0, 0.0])
for r in range(mr + 1, main.max_row + 1):
    code = main.cell(r, mc["工作站编号"]).value
    if not code or not str(code).startswith("JS"): continue
    d, g = main.cell(r, mc["所在部门"]).value, main.cell(r, mc["等级"]).value
    w = want[d]
    w[0] += 1
    w[1 + ["优秀", "合格", "不合格"].index(g)] += 1
    w[4] += main.cell(r, mc["经费（元）"]).value or 0
dr, dc = header(dept, "所在部门")
lo = list(csv.reader(open(sys.argv[2], encoding="utf-8", newline="")))
bad, seen = [], 0
for r in range(dr + 1, dept.max_row + 1):
    name = dept.cell(r, 1).value
    if name not in want: continue
    seen += 1
    cached = [dept.cell(r, c).value for c in range(2, 7)]
    got = [float(x) for x in lo[r - 1][1:6]]
    if [float(x) for x in cached] != [float(x) for x in want[name]]:
        bad.append(f"{name}: cached {cached}, rows of 考核汇总 {want[name]}")
    if got != [float(x) for x in want[name]]:
        bad.append(f"{name}: LibreOffice recalculated {got}, rows of 考核汇总 {want[name]}")
if seen != len(want) or len(want) < 5:
    bad.append(f"按部门 has {seen} of {len(want)} departments")
if bad:
    print("FAIL (按部门 formulas):"); print("\n".join(bad)); sys.exit(1)
print(f"按部门: {seen} departments, recalculated = cached = counted")
PY
[ $fail = 0 ] && echo "department_formulas: ok"
exit $fail
