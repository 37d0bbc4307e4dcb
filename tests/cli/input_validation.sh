#!/usr/bin/env bash
# Input problems that used to be accepted silently or reported misleadingly (issue 15,
# items 6, 18–23): each is an error (exit 1, nothing written, the cell named) or a
# warning, and `tws check` says what `tws run` would say.
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# edit FILE SHEET HEADER ROW VALUE: data row ROW (1 = first) of column HEADER; prints the
# cell as sheet!A1. VALUE is Python: a string literal, a number, a datetime(...), or
# merge:N (the cell merged with the N rows below it; prints the last cell merged), or
# copyrow:N:TEXT (data row N copied below the last row, TEXT in column HEADER; prints it).
edit() {
  /usr/bin/python3 - "$@" <<'PY'
import openpyxl, sys, re
from datetime import datetime
path, sheet, header, idx, value = sys.argv[1:6]
wb = openpyxl.load_workbook(path)
ws = wb[sheet]
norm = lambda s: re.sub(r"\s+", "", str(s or ""))
hrow = next(r for r in range(1, 15) if any(norm(c.value) == norm(header) for c in ws[r]))
col = next(c.column for c in ws[hrow] if norm(c.value) == norm(header))
row = hrow + int(idx)
letter = openpyxl.utils.get_column_letter(col)
if value.startswith("merge:"):
    ws.merge_cells(f"{letter}{row}:{letter}{row + int(value[6:])}")
    row += int(value[6:])
elif value.startswith("copyrow:"):
    _, n, text = value.split(":", 2)
    src, row = hrow + int(n), ws.max_row + 1
    for c in ws[src]:
        ws.cell(row, c.column).value = c.value
    ws.cell(row, col).value = text
else:
    v = eval(value)
    ws.cell(row, col).value = v
    if isinstance(v, datetime):
        ws.cell(row, col).number_format = "yyyy-mm-dd"
print(f"{sheet}!{letter}{row}")
wb.save(path)
PY
}
setup() { rm -rf "$work/in" "$work/out" "$work/reg.sqlite3"; mkdir -p "$work/in"; cp -r "$TWS_ROOT/input/2024" "$work/in/"; }
# DATE: the run's date when not the year's end (2024-05-16: before the sample's publicity start).
tws() { "$TWS_BIN" "$1" --year "${2:-2024}" --date "${DATE:-${2:-2024}-12-31}" --input "$work/in" --output "$work/out" \
          --registry "$work/reg.sqlite3" --config "$TWS_ROOT/input/tws.ini" 2>&1; }
# expect NAME COMMAND RC PATTERN [YEAR]
expect() {
  local out rc bad=0
  out=$(tws "$2" "${5:-2024}"); rc=$?
  [ "$rc" = "$3" ] || { echo "FAIL: $1: tws $2 exit $rc, want $3: $(echo "$out" | head -5)"; bad=1; }
  echo "$out" | grep -qF -- "$4" || { echo "FAIL: $1: tws $2 said no '$4' in: $(echo "$out" | head -8)"; bad=1; }
  [ "$3" = 0 ] || [ -z "$(find "$work/out" -type f ! -name run.log 2>/dev/null)" ] ||
    { echo "FAIL: $1: tws $2 wrote $(find "$work/out" -type f ! -name run.log | head -3)"; bad=1; }
  [ $bad = 1 ] && fail=1 || echo "ok  $1 ($2): $(echo "$out" | grep -F -- "$4" | head -1)"
}
app="$work/in/2024/applications.xlsx"

# 6 and 20: 申报编号 in another form than 2024-08 (2024/08 and 2024_08 once made one file name)
setup
c1=$(edit "$app" 申报汇总 申报编号 8 '"2024/08"')
c2=$(edit "$app" 申报汇总 申报编号 9 '"2024_08"')
edit "$app" 申报汇总 工作站名称 9 '"同名技师工作站"' >/dev/null
edit "$app" 申报汇总 工作站名称 8 '"同名技师工作站"' >/dev/null
expect id_format run 1 "applications.xlsx:$c1: 申报编号“2024/08”格式不对"
expect id_format check 1 "applications.xlsx:$c2: 申报编号“2024_08”格式不对"

# 20: a 申报编号 Excel turned into a date
setup
c=$(edit "$app" 申报汇总 申报编号 1 'datetime(2024, 1, 1)')
expect id_as_date check 1 "applications.xlsx:$c: 申报编号被 Excel 识别成了日期（2024-01-01）：请把该列设为“文本”格式"

# 21: a station name of 32,767 characters
setup
c=$(edit "$app" 申报汇总 工作站名称 1 '"站" * 32767')
expect long_name run 1 "applications.xlsx:$c: “工作站名称”过长：32767 个字，最多 50 个字"

# 18: one ID number under two names
setup
c=$(edit "$app" 入站人员 姓名 1 '"王健国"')
expect id_two_names check 1 "applications.xlsx:入站人员!第${c##*[!0-9]}行: 身份证号与申报汇总第 3 行（申报“2024-01”）的“王建国”相同，此处姓名却是“王健国”"
# 18: one person leading two stations
setup
edit "$app" 申报汇总 领办人姓名 2 '"王建国"' >/dev/null
edit "$app" 申报汇总 领办人身份证号 2 '"371425197207300058"' >/dev/null
expect leads_two run 1 "“王建国”同时是申报“2024-01”和“2024-02”的领办人：一人只能领办一个技师工作站"
# 18: a member in two stations: a warning naming both
setup
edit "$app" 入站人员 申报编号 0 'copyrow:2:2024-02' >/dev/null
rm "$work/in/2024/performance.xlsx"  # checked as of the selection: no assessment yet
DATE=2024-05-16 expect member_in_two check 0 "“赵浩”同时是申报“2024-01”和“2024-02”的入站人员"

# 19: applications as CSV: no 入站人员, no 荣誉与竞赛
setup
/usr/bin/python3 - "$app" <<'PY'
import csv, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["申报汇总"]
with open(sys.argv[1][:-5] + ".csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    for row in ws.iter_rows(min_row=2, values_only=True):
        w.writerow(["" if v is None else v for v in row])
PY
rm "$app"
expect csv_sheets run 1 "applications.csv: 缺少工作表“入站人员”和“荣誉与竞赛”"

# 23: a formula saved without its result; a data cell merged with the one above
setup
c=$(edit "$app" 申报汇总 工作站名称 1 '"=\"数控\""')
expect formula check 1 "applications.xlsx:$c: “工作站名称”是公式但没有保存计算结果：请在 Excel 或 WPS 中打开后保存一次"
setup
c=$(edit "$app" 申报汇总 主要设备 1 '"=\"数控车床\""')
expect formula_optional check 1 "applications.xlsx:$c: “主要设备”是公式但没有保存计算结果"
setup
c=$(edit "$app" 申报汇总 所在系部（院） 1 'merge:1')
expect merged check 1 "applications.xlsx:$c: “所在部门”与上方单元格合并：每行须单独填写"

# 22: check finds what run refuses: a control character, a character no document can print
setup
c=$(edit "$app" 申报汇总 工作站名称 1 '"数控_x0007_加工技师工作站"')
expect control_char check 1 "applications.xlsx:$c: “工作站名称”含有控制字符（U+0007）"
setup
c=$(edit "$app" 入站人员 姓名 2 '"赵\U000F0000"')  # plane 15: private use
expect unprintable check 1 "applications.xlsx:$c: “姓名”含有文书无法打印的字符"
setup
c=$(edit "$app" 入站人员 姓名 2 '"赵ཀ"')
rm "$work/in/2024/performance.xlsx"  # checked as of the selection: no assessment yet
DATE=2024-05-16 expect no_font_has_it check 1 "U+0F40"
# ... and performance rows against the registry (2024 done; 2025 names a station never approved)
setup
cp -r "$TWS_ROOT/input/2025" "$work/in/"
# 2025 assesses only (no selection of its own: an assessment waits for the year's approval)
rm "$work/in/2025/"{applications,reviews,objections}.xlsx
{ DATE=2024-05-16 tws select 2024 && tws run 2024; } >/dev/null || { echo "FAIL: 2024 sample run"; fail=1; }
c=$(edit "$work/in/2025/performance.xlsx" 年度考核 申报编号 1 '"2024-12"')
state() { sha256sum "$work/reg.sqlite3"; find "$work/out" -type f | sort | xargs sha256sum; }
before=$(state)
check_out=$(tws check 2025); check_rc=$?
[ "$before" = "$(state)" ] || { echo "FAIL: check changed the registry or the outputs"; fail=1; }
run_out=$(tws run 2025); run_rc=$?
[ "$run_rc" = 1 ] || { echo "FAIL: registry conflict: run exit $run_rc: $run_out"; fail=1; }
[ "$check_rc" = 1 ] || { echo "FAIL: registry conflict: check exit $check_rc: $check_out"; fail=1; }
said=$(echo "$run_out" | grep -F "$c" | head -1)
[ -n "$said" ] && echo "$check_out" | grep -qF -- "$said" ||
  { echo "FAIL: registry conflict: check did not say '$said': $check_out"; fail=1; }
[ $fail = 1 ] || echo "ok  registry_conflict: $said"
exit $fail
