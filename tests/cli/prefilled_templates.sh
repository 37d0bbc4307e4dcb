#!/usr/bin/env bash
# Issue 19 item 3: `tws template --year Y` pre-fills the year's input workbooks from the
# registry. objections.xlsx: a locked sheet 公示名单 with the year's publicized
# applications and a 申报编号 drop-down over it; filled with the sample's objections, the
# approval reads it (the upheld one is dropped). performance.xlsx: one row per station
# in term (checked against the registry), 编号, 名称, 领办人, 部门, 考核年度 locked and the
# data cells unlocked, the scoring rules with the year's own [assessment] values in its
# 填写说明; filled with the sample's figures by openpyxl, assess reads it and grades
# exactly as from the sample's own performance.xlsx. Before the approval, after a year
# with nothing to fill, over existing files: what HR is told. `tws template DIR` still
# writes the four blank templates.
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"
py=/usr/bin/python3
in="$work/in"; out="$work/out"; reg="$out/registry.sqlite3"; t="$work/t"
mkdir -p "$in" && cp -r input/tws.ini input/2024 input/2025 "$in/"
rm "$in/2025/performance.xlsx" "$in/2025/objections.xlsx"
printf '\n[assessment]\nexcellent = 88\ncommittee_mode = blend\n' >>"$in/2025/tws.ini"
tws() { "$TWS_BIN" "$@" --input "$in" --output "$out" --registry "$reg" -q 2>&1; }
sql() { sqlite3 "$reg" "$1"; }
tws select --year 2024 --date 2024-05-16 >/dev/null || { echo "FAIL: select 2024"; fail=1; }
tws run --year 2024 --date 2024-12-31 >/dev/null || { echo "FAIL: run 2024"; fail=1; }
tws select --year 2025 --date 2025-05-16 >/dev/null || { echo "FAIL: select 2025"; fail=1; }

# 1. After the 公示, before the approval: objections.xlsx only, and why not performance.xlsx.
o=$(tws template --year 2025 --dir "$t"); rc=$?
[ $rc = 0 ] && [ -f "$t/objections.xlsx" ] && [ ! -e "$t/performance.xlsx" ] \
  && echo "$o" | grep -qF "未生成 performance.xlsx：2025 年度的公示名单已发布但尚未认定，认定后在聘工作站才完整" \
  || { echo "FAIL: 1: before the approval: exit $rc: $o"; fail=1; }
recommended=$(sql "SELECT recommended FROM selections WHERE year=2025")
$py - "$t/objections.xlsx" "$recommended" input/2025/objections.xlsx "$in/2025/objections.xlsx" <<'PY' || fail=1
import sys, openpyxl
path, recommended, sample, target = sys.argv[1:]
wb = openpyxl.load_workbook(path)
bad = []
listed = wb["公示名单"]
ids = [r[1] for r in listed.iter_rows(min_row=2, values_only=True)]
if ids != sorted(recommended.split(",")): bad.append(f"公示名单 {ids} != registry {recommended}")
if not listed.protection.sheet: bad.append("公示名单 is not protected")
if not all(c.protection.locked for row in listed.iter_rows(min_row=2) for c in row): bad.append("公示名单 has unlocked cells")
sheet = wb["公示异议"]
dv = [d.formula1 for d in sheet.data_validations.dataValidation if str(d.sqref).startswith("A2:")]
if dv != [f"公示名单!$B$2:$B${len(ids) + 1}"]: bad.append(f"申报编号 drop-down {dv}")
# HR records the objections received (the sample's) under the pre-filled header.
head = [c.value for c in sheet[1]]
src = openpyxl.load_workbook(sample)["公示异议"]
names = {"核查结果": "核查结论"}
shead = [names.get(c.value, c.value) for c in src[1]]
for row in src.iter_rows(min_row=2, values_only=True):
    sheet.append([row[shead.index(h)] for h in head])
wb.save(target)
for b in bad: print("FAIL: 1:", b)
sys.exit(1 if bad else 0)
PY
tws run --year 2025 --date 2025-12-31 >/dev/null || { echo "FAIL: run 2025 with the pre-filled objections.xlsx"; fail=1; }
upheld=$($py - input/2025/objections.xlsx <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["公示异议"]
print(",".join(sorted(r[0] for r in ws.iter_rows(min_row=2, values_only=True) if r[2] == "成立")))
PY
)
want=$(tr , '\n' <<<"$recommended" | grep -vxF -f <(tr , '\n' <<<"$upheld") | sort | tr '\n' ,)
got=$(sql "SELECT application_id FROM stations WHERE first_year=2025 ORDER BY application_id" | tr '\n' ,)
[ -n "$upheld" ] && [ "$got" = "$want" ] || { echo "FAIL: 1: approved $got, want $want (upheld: $upheld)"; fail=1; }

# 2. Existing files are not overwritten without --force.
before=$(sha256sum "$t/objections.xlsx")
o=$(tws template --year 2025 --dir "$t"); rc=$?
[ $rc = 1 ] && [ "$(sha256sum "$t/objections.xlsx")" = "$before" ] && echo "$o" | grep -qF "文件已存在，未写入任何预填模板" \
  || { echo "FAIL: 2: over existing files: exit $rc: $o"; fail=1; }

# 3. After the approval: performance.xlsx, a row per station in term, locked and unlocked cells.
o=$(tws template --year 2025 --dir "$t" --force); rc=$?
[ $rc = 0 ] && [ -f "$t/performance.xlsx" ] || { echo "FAIL: 3: exit $rc: $o"; fail=1; }
in_term=$(sql "SELECT code FROM stations WHERE first_year <= 2025 AND first_year + term_years > 2025
               AND (revoked_on IS NULL OR revoked_on >= '2025') ORDER BY code" | tr '\n' ,)
$py - "$t/performance.xlsx" "$in_term" input/2025/performance.xlsx "$in/2025/performance.xlsx" <<'PY' || fail=1
import sys, openpyxl
path, in_term, sample, target = sys.argv[1:]
wb = openpyxl.load_workbook(path)
bad = []
ws = wb["年度考核"]
head = [c.value for c in ws[1]]
rows = list(ws.iter_rows(min_row=2))
codes = ",".join(r[head.index("工作站编号")].value for r in rows) + ","
if codes != in_term: bad.append(f"rows {codes} != stations in term {in_term}")
if not ws.protection.sheet: bad.append("年度考核 is not protected")
keys = ["工作站编号", "申报编号", "工作站名称", "领办人", "所在部门", "考核年度"]
for r in rows:
    for h, c in zip(head, r):
        if (h in keys) != bool(c.protection.locked): bad.append(f"{c.coordinate} {h}: locked={c.protection.locked}")
        if (h in keys) != (c.value is not None): bad.append(f"{c.coordinate} {h}: value {c.value!r}")
    if r[head.index("考核年度")].value != 2025: bad.append(f"考核年度 {r[head.index('考核年度')].value}")
if any(not c.protection.locked for c in ws[len(rows) + 2]): bad.append("a row below the stations is unlocked")
text = "\n".join(str(c.value) for row in wb["填写说明"].iter_rows() for c in row if c.value)
for want in ["总分 88 分及以上为优秀", "考核委员会评分占 50%", "企业对接 15 分", "每少 1 家扣 4 分", "2025 年度，%d 个在聘工作站" % len(rows)]:
    if want not in text: bad.append(f"填写说明 lacks “{want}”")
if "以该分数代替" in text: bad.append("填写说明 states the replace rule under committee_mode = blend")
# Filled in as HR would: the sample's figures of each station, by 申报编号.
src = openpyxl.load_workbook(sample)["年度考核"]
shead = [c.value for c in src[1]]
alias = {"经济效益(万元)": "经济效益（万元）", "委员会评分": "考核委员会评分"}
shead = [alias.get(h, h) for h in shead]
by_app = {r[0]: r for r in src.iter_rows(min_row=2, values_only=True)}
for r in rows:
    s = by_app[r[head.index("申报编号")].value]
    for h, c in zip(head, r):
        if not c.protection.locked and h in shead: c.value = s[shead.index(h)]
wb.save(target)
for b in bad[:10]: print("FAIL: 3:", b)
sys.exit(1 if bad else 0)
PY

# 4. assess reads the filled pre-filled file and grades as from the sample's own.
cp -r "$out" "$work/ref"; cp -r "$in" "$work/inref"; cp input/2025/performance.xlsx "$work/inref/2025/"
tws run --year 2025 --date 2025-12-31 >/dev/null || { echo "FAIL: 4: assess on the pre-filled performance.xlsx"; fail=1; }
"$TWS_BIN" run --year 2025 --date 2025-12-31 --input "$work/inref" --output "$work/ref" --registry "$work/ref/registry.sqlite3" -q \
  || { echo "FAIL: 4: assess on the sample"; fail=1; }
q="SELECT station_code, total, grade FROM assessments WHERE year=2025 ORDER BY station_code"
got=$(sql "$q"); want=$(sqlite3 "$work/ref/registry.sqlite3" "$q")
[ -n "$got" ] && [ "$got" = "$want" ] && [ "$(wc -l <<<"$got")" = "$(tr , '\n' <<<"$in_term" | grep -c .)" ] \
  || { echo "FAIL: 4: assessments from the pre-filled file differ: $got // $want"; fail=1; }

# 5. A year with nothing to pre-fill; the blank templates as before.
o=$(tws template --year 2030 --dir "$work/t30"); rc=$?
[ $rc = 1 ] && [ ! -e "$work/t30" ] && echo "$o" | grep -qF "2030 年度没有可预填的内容，未写任何文件" \
  && echo "$o" | grep -qF "未生成 performance.xlsx：登记库中没有 2030 年度在聘的工作站" \
  && echo "$o" | grep -qF "未生成 objections.xlsx：登记库中没有 2030 年度的公示名单" \
  || { echo "FAIL: 5: nothing to pre-fill: exit $rc: $o"; fail=1; }
"$TWS_BIN" template "$work/blank" -q && [ "$(ls "$work/blank" | wc -l)" = 4 ] || { echo "FAIL: 5: blank templates"; fail=1; }
exit $fail
