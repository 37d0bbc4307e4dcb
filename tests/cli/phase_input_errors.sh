#!/usr/bin/env bash
# Bad rule input is an input error with file:sheet!cell and exit 1; nothing is
# written and the registry is untouched (issue 3 acceptance).
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dump() { [ -e "$1" ] || { echo absent; return; }; /usr/bin/python3 -c 'import sqlite3,sys; print("\n".join(sqlite3.connect(sys.argv[1]).iterdump()))' "$1"; }
# edit FILE SHEET HEADER ROW_INDEX VALUE  (ROW_INDEX: 1 = first data row; "delete:N" removes data rows)
edit() {
  /usr/bin/python3 - "$@" <<'PY'
import openpyxl, sys, re
path, sheet, header, idx, value = sys.argv[1:6]
wb = openpyxl.load_workbook(path)
ws = wb[sheet]
norm = lambda s: re.sub(r"\s+", "", str(s or ""))
hrow = next(r for r in range(1, 15) if any(norm(c.value) == norm(header) for c in ws[r]))
col = next(c.column for c in ws[hrow] if norm(c.value) == norm(header))
if idx.startswith("keep:"):   # keep only the first N reviews of one application
    app, keep = value, int(idx[5:])
    seen = 0
    for r in range(ws.max_row, hrow, -1):
        if norm(ws.cell(r, col).value) == app:
            seen += 1
    drop = seen - keep
    for r in range(ws.max_row, hrow, -1):
        if drop > 0 and norm(ws.cell(r, col).value) == app:
            ws.delete_rows(r); drop -= 1
else:
    ws.cell(hrow + int(idx), col).value = value
    print(f"{sheet}!{openpyxl.utils.get_column_letter(col)}{hrow + int(idx)}")
wb.save(path)
PY
}
setup_case() { rm -rf "$work/in" "$work/out"; mkdir -p "$work/in"; cp -r "$TWS_ROOT/input/2024" "$work/in/"; cp -r "$TWS_ROOT/input/2025" "$work/in/"; }
expect_fail() { # name year pattern [command]; DATE= overrides the run's date (year-12-31)
  local name=$1 year=$2 pat=$3 cmd=${4:-run}
  local before; before=$(dump "$work/reg.sqlite3")
  out=$("$TWS_BIN" $cmd --year "$year" --date "${DATE:-$year-12-31}" --input "$work/in" --output "$work/out" --registry "$work/reg.sqlite3" --config "$TWS_ROOT/input/tws.ini" 2>&1); rc=$?
  [ $rc = 1 ] || { echo "FAIL: $name: exit $rc, want 1"; fail=1; }
  echo "$out" | grep -q -- "$pat" || { echo "FAIL: $name: no '$pat' in: $out"; fail=1; }
  [ -z "$(find "$work/out/$year" -type f 2>/dev/null | grep -v 资格审查汇总)" ] || [ "$name" = keep ] || true
  [ "$before" = "$(dump "$work/reg.sqlite3")" ] || { echo "FAIL: $name: registry changed"; fail=1; }
  echo "ok  $name: $(echo "$out" | grep -- "$pat" | head -1)"
}
# Nothing but the run's log (run.log records failed runs too) may appear.
no_outputs() { [ -z "$(find "$work/out/$1" -type f ! -name run.log 2>/dev/null)" ] || { echo "FAIL: $2 wrote output"; fail=1; }; }
fresh_registry() { rm -f "$work/reg.sqlite3"; }

# 1. score out of range
setup_case; fresh_registry
cell=$(edit "$work/in/2024/reviews.xlsx" 专家评分 评分 1 105)
expect_fail score_out_of_range 2024 "reviews.xlsx:$cell: 分数 105 超出 0–100"
no_outputs 2024 score_out_of_range

# 2. an expert missing: an application left with 2 scores
setup_case; fresh_registry
edit "$work/in/2024/reviews.xlsx" 专家评分 申报编号 keep:2 2024-01 >/dev/null
# (the selection before the configured publicity start)
DATE=2024-05-16 expect_fail too_few_experts 2024 "申报 2024-01：仅有 2 位专家评分" select
no_outputs 2024 too_few_experts

# 3. an indicator that is not a number: the year's stations are approved first
approved_2024() {
  setup_case; fresh_registry
  for phase in select approve; do  # selection before the configured publicity start
    d=2024-12-31; [ $phase = select ] && d=2024-05-16
    "$TWS_BIN" $phase --year 2024 --date $d --input "$work/in" --output "$work/out" --registry "$work/reg.sqlite3" \
      --config "$TWS_ROOT/input/tws.ini" -q || { echo "FAIL: clean 2024 $phase"; fail=1; }
  done
  rm -rf "$work/out"
}
approved_2024
cell=$(edit "$work/in/2024/performance.xlsx" 年度考核 带徒人数 1 若干)
expect_fail indicator_not_number 2024 "performance.xlsx:$cell: “若干”不是整数" assess
[ ! -e "$work/out/2024/考核汇总.xlsx" ] || { echo "FAIL: indicator_not_number wrote 考核汇总"; fail=1; }

# 4. a performance row for a station the registry does not know
approved_2024
cell=$(edit "$work/in/2024/performance.xlsx" 年度考核 申报编号 1 2024-99)
expect_fail unknown_station 2024 "performance.xlsx:$cell: .*2024-99" assess
[ ! -e "$work/out/2024/考核汇总.xlsx" ] || { echo "FAIL: unknown_station wrote 考核汇总"; fail=1; }

# 5. an assessment year before the station's term: 2024 stations assessed for 2023 once
#    2024 has run — refused as out of order (2024's results rest on 2023's), nothing written.
approved_2024
"$TWS_BIN" assess --year 2024 --date 2024-12-31 --input "$work/in" --output "$work/out" --registry "$work/reg.sqlite3" \
  --config "$TWS_ROOT/input/tws.ini" -q || { echo "FAIL: clean 2024 assess"; fail=1; }
rm -rf "$work/out"
mkdir -p "$work/in/2023" && cp "$work/in/2024/performance.xlsx" "$work/in/2023/"
/usr/bin/python3 - "$work/in/2023/performance.xlsx" <<'PY'
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb.active
for row in ws.iter_rows():
    for c in row:
        if c.value in (2024, "2024", "2024年"): c.value = 2023
wb.save(sys.argv[1])
PY
expect_fail year_before_term 2023 "2024 年度已有完成的环节，其结果以 2023 年度为依据"
no_outputs 2023 year_before_term

# 6. one 申报认定表 of the batch cannot be printed (a member's name with a Tibetan letter no
#    font has; characters no font could have are refused when the input is read),
#    with the forms rendered on two workers and streamed to temporary files: the phase
#    fails naming the row, and neither a form, nor the 公示名单, nor a temporary file is
#    left; a registry kept from before is untouched.
setup_case; fresh_registry
cell=$(edit "$work/in/2024/applications.xlsx" 入站人员 姓名 59 "张ཀ")
out=$("$TWS_BIN" select --jobs 2 --year 2024 --date 2024-05-16 --input "$work/in" --output "$work/out" \
  --registry "$work/reg.sqlite3" --config "$TWS_ROOT/input/tws.ini" 2>&1); rc=$?
[ $rc = 1 ] || { echo "FAIL: unprintable_form: exit $rc, want 1"; fail=1; }
echo "$out" | grep -q "applications.xlsx:入站人员!.*U+0F40" || { echo "FAIL: unprintable_form: no location in: $out"; fail=1; }
echo "$out" | grep -q "文书无法生成" || { echo "FAIL: unprintable_form: no phase failure in: $out"; fail=1; }
no_outputs 2024 unprintable_form
[ -z "$(find "$work/out" -name '.*tmp*' 2>/dev/null)" ] || { echo "FAIL: unprintable_form left temporary files"; fail=1; }
[ ! -e "$work/reg.sqlite3" ] || { echo "FAIL: unprintable_form created the registry"; fail=1; }
echo "ok  unprintable_form: $(echo "$out" | grep U+0F40 | head -1)"

[ $fail = 0 ] && echo "phase_input_errors: ok"
exit $fail
