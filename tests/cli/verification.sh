#!/usr/bin/env bash
# Issue 16 items 1 and 3: 资格核实. A 待核实 item blocks select until a row of reviews.xlsx's
# 资格核实 sheet settles it; bad rows are errors at their cell, rows that settle nothing
# are warnings; a changed finding is corrected with --reissue; 第三条 re-applications
# are judged by the previous term's grades (reapply_contribution).
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"
cp -r input "$work/in"
opts() { echo --input "$work/in" --output "$work/out" --registry "$work/out/registry.sqlite3"; }

# Rewrites the 资格核实 rows of YEAR's reviews.xlsx (each argument "id|clause|结论|说明"); none: no sheet.
findings() {
  /usr/bin/python3 - "$work/in/$1/reviews.xlsx" "${@:2}" <<'PY'
import openpyxl, sys
path, rows = sys.argv[1], sys.argv[2:]
wb = openpyxl.load_workbook(path)
if "资格核实" in wb.sheetnames:
    del wb["资格核实"]
if rows:
    ws = wb.create_sheet("资格核实")
    ws.append(["申报编号", "条款", "结论", "说明"])
    for r in rows:
        ws.append(r.split("|"))
wb.save(path)
PY
}

# 1. 2024-06's 主管技师 without a finding: exit 1, nothing written, one line naming the row to fill.
findings 2024
out=$("$TWS_BIN" select --year 2024 --date 2024-05-16 $(opts) 2>&1); rc=$?
[ $rc = 1 ] || { echo "FAIL: unsettled 待核实 exit $rc, want 1"; fail=1; }
want="申报 2024-06 第 2 项资格条件待核实（第四条（一））：夏宏（职称（非职业技能等级）：主管技师）不是职业资格等级，是否具备技师及以上职业资格。请在 $work/in/2024/reviews.xlsx 工作表“资格核实”填写一行：申报编号 2024-06，条款 第四条（一），结论 通过或不通过，说明（核实了什么、由谁核实）"
echo "$out" | grep -qF "$want" || { echo "FAIL: blocking message: $out"; fail=1; }
[ "$(echo "$out" | grep -c "资格条件待核实")" = 1 ] || { echo "FAIL: want exactly one 待核实 line: $out"; fail=1; }
echo "$out" | grep -qF "【资格审查与评审】失败：1 项待核实事项尚无资格核实结论" || { echo "FAIL: phase line: $out"; fail=1; }
[ ! -e "$work/out/2024/资格审查汇总.xlsx" ] || { echo "FAIL: a blocked select wrote the 资格审查汇总"; fail=1; }
# tws check says the same and writes nothing.
out=$("$TWS_BIN" check --year 2024 --date 2024-05-16 $(opts) 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -qF "申报 2024-06 第 2 项资格条件待核实" || { echo "FAIL: check rc=$rc: $out"; fail=1; }
echo "ok  unsettled 待核实 blocks select"

# 2. Bad rows: unknown 申报编号, a 结论 off the list, the same 申报编号 and 条款 twice.
findings 2024 "2024-06|第四条(一)|不通过|职称（张敏）" "2024-99|第三条|通过|x" "2024-06|第四条（一）|同意|y" "2024-06|第四条 (一)|通过|z"
out=$("$TWS_BIN" select --year 2024 --date 2024-05-16 $(opts) 2>&1); rc=$?
[ $rc = 1 ] || { echo "FAIL: bad rows exit $rc"; fail=1; }
for m in "reviews.xlsx:资格核实!A3: 资格核实的申报编号“2024-99”在申报汇总中不存在" \
         "reviews.xlsx:资格核实!C4: “同意”不是可选值（应为 通过、不通过）" \
         "reviews.xlsx:资格核实!B4: 申报“2024-06”条款“第四条（一）”的资格核实已在第 2 行填写；同一申报同一条款只能填一行"; do
  echo "$out" | grep -qF "$m" || { echo "FAIL: missing «$m»: $out"; fail=1; }
done
[ ! -e "$work/out/2024/资格审查汇总.xlsx" ] || { echo "FAIL: bad rows wrote output"; fail=1; }
echo "ok  bad 资格核实 rows are errors at their cells"

# 3. Settled (half-width brackets), plus a row that settles nothing: a warning; select runs.
findings 2024 "2024-06|第四条(一)|不通过|组织人事处核查职称证书，非职业资格（张敏）" "2024-01|第三条|通过|无"
out=$("$TWS_BIN" select --year 2024 --date 2024-05-16 $(opts) 2>&1); rc=$?
[ $rc = 0 ] || { echo "FAIL: settled select exit $rc: $out"; fail=1; }
echo "$out" | grep -qF "reviews.xlsx:资格核实!B3: 警告：申报“2024-01”在条款“第三条”下没有待核实的事项，此行不起作用（该申报没有待核实的事项）" ||
  { echo "FAIL: warning for a row that settles nothing: $out"; fail=1; }
/usr/bin/python3 - "$work/out/2024/资格审查汇总.xlsx" <<'PY' || fail=1
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])["资格审查"]
rows = list(ws.iter_rows(values_only=True))
i = next(i for i, r in enumerate(rows) if r[0] == "申报编号")  # two header rows: group, then label
head = [b or a for a, b in zip(rows[i], rows[i + 1])]
row = dict(zip(head, next(r for r in rows if r[0] == "2024-06")))
assert row["2 技师人数"] == "不通过", row
assert row["资格核实（条款、结论、说明）"].startswith("2 第四条（一） 不通过（资格核实第2行）：组织人事处核查职称证书"), row
assert "经资格核实不通过：组织人事处核查职称证书" in row["审查意见（未通过、提示或经核实的条件）"], row
row = dict(zip(head, next(r for r in rows if r[0] == "2024-04")))
assert row["4 场所面积"] == "提示", row
print("ok  资格审查汇总 shows the finding and the 提示")
PY
pdftotext "$work/out/2024/申报认定表/2024-06-药物检验技师工作站.pdf" - | tr -d ' \n' | grep -qF "资格核实第2项第四条（一）不通过（资格核实第2行）：组织人事处核查职称证书" ||
  { echo "FAIL: the 申报（认定）表 does not show the finding"; fail=1; }

# 4. The finding changed after the year ran: refused, then corrected with --reissue.
"$TWS_BIN" run --year 2024 --date 2024-12-31 $(opts) -q || { echo "FAIL: run 2024"; fail=1; }
findings 2024 "2024-06|第四条（一）|通过|持药物检验员技师证书，申报时误填职称（张敏）"
out=$("$TWS_BIN" run --year 2024 --date 2024-12-31 $(opts) 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -qF "此后输入或配置被修改" || { echo "FAIL: changed finding not refused (rc=$rc): $out"; fail=1; }
"$TWS_BIN" run --year 2024 --date 2025-01-06 --reissue $(opts) -q || { echo "FAIL: run --reissue after a changed finding"; fail=1; }
/usr/bin/python3 - "$work/out/2024/资格审查汇总.xlsx" <<'PY' || fail=1
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])["资格审查"]
rows = list(ws.iter_rows(values_only=True))
i = next(i for i, r in enumerate(rows) if r[0] == "申报编号")  # two header rows: group, then label
head = [b or a for a, b in zip(rows[i], rows[i + 1])]
row = dict(zip(head, next(r for r in rows if r[0] == "2024-06")))
assert row["2 技师人数"] == "通过" and row["审查结论"] == "符合条件", row
print("ok  reissue follows the changed finding")
PY

# 5. 第三条: 2026-01 re-applies after the 2024-01 term (优秀 2024 and 2025) → 通过 with the grades;
#    with reapply_contribution = verify it waits for a 资格核实 row under 第三条.
"$TWS_BIN" select --year 2025 --date 2025-05-16 $(opts) -q && "$TWS_BIN" run --year 2025 --date 2025-12-31 $(opts) -q ||
  { echo "FAIL: run 2025"; fail=1; }
cp "$work/in/2026/tws.ini" "$work/tws.ini.2026"
printf '\n[eligibility]\nreapply_contribution = verify\n' >> "$work/in/2026/tws.ini"
out=$("$TWS_BIN" select --year 2026 --date 2026-05-16 $(opts) 2>&1); rc=$?
[ $rc = 1 ] || { echo "FAIL: verify setting exit $rc"; fail=1; }
want="申报 2026-01 第 9 项资格条件待核实（第三条）：上一聘期JS202401的年度考核：2024年度优秀；2025年度优秀，是否在聘期内做出突出贡献。请在 $work/in/2026/reviews.xlsx 工作表“资格核实”填写一行：申报编号 2026-01，条款 第三条，结论 通过或不通过"
echo "$out" | grep -qF "$want" || { echo "FAIL: 第三条 blocking message: $out"; fail=1; }
findings 2026 "2026-01|第三条|通过|聘期内完成技术攻关项目7项（张敏）"
"$TWS_BIN" select --year 2026 --date 2026-05-16 $(opts) -q || { echo "FAIL: 2026 select with the 第三条 finding"; fail=1; }
text=$(pdftotext "$work/out/2026/申报认定表/2026-01-数控加工技师工作站.pdf" - | tr -d ' \n')
for m in "JS202401（聘期2024年5月23日至2026年5月22日）：2024年度优秀；" "资格核实第9项第三条通过（资格核实第2行）：聘期内完成技术攻关项目7项"; do
  echo "$text" | grep -qF "$m" || { echo "FAIL: 2026-01 form lacks «$m»"; fail=1; }
done
text=$(pdftotext "$work/out/2026/申报认定表/2026-03-工业机器人技师工作站.pdf" - | tr -d ' \n')
echo "$text" | grep -qF "JS202403（聘期2024年5月23日至2026年5月22日，2025年12月31日撤销）：2024年" && echo "$text" | grep -qF "合格；2025年度不合格" || { echo "FAIL: 2026-03 form lacks the revoked term's grades"; fail=1; }
echo "ok  第三条 re-application: grades shown, verify setting settled by a row"

exit $fail
