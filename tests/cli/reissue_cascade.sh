#!/usr/bin/env bash
# A reissue whose later phase then fails (issue 15, item 1): `tws run --reissue` after a
# late upheld objection re-approves the year; its assessment, whose performance sheet
# still names the station no longer approved, fails. The ledger must not claim the old
# assessment any more (the new state no longer holds its results): the registry keeps
# the select and approve records only, `tws verify` agrees with the files, a plain re-run
# does not call the assessment unchanged, and once performance.xlsx is corrected the
# assessment runs for the stations now approved.
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"
cp -r input "$work/in"
opts=(--input "$work/in" --output "$work/out" --registry "$work/out/r.sqlite3")
sql() { /usr/bin/python3 -c 'import sqlite3,sys; print("\n".join("|".join(map(str, r)) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))' "$work/out/r.sqlite3" "$1"; }
"$TWS_BIN" select --year 2024 --date 2024-05-16 "${opts[@]}" -q && "$TWS_BIN" run --year 2024 --date 2024-12-31 "${opts[@]}" -q \
  || { echo "FAIL: first run of 2024"; exit 1; }
upheld=$(/usr/bin/python3 - "$work/in/2024/objections.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb.active
ws.cell(2, 3).value = "成立"; wb.save(sys.argv[1]); print(ws.cell(2, 1).value)
PY
)
out=$("$TWS_BIN" run --year 2024 --date 2025-01-10 "${opts[@]}" --reissue 2>&1); rc=$?
[ $rc = 1 ] || { echo "FAIL: reissue with a stale performance row: exit $rc, want 1"; fail=1; }
echo "$out" | grep -q "【认定】完成：认定 4 个工作站.*更正" || { echo "FAIL: approval not reissued: $out"; fail=1; }
echo "$out" | grep -q "申报编号“$upheld”没有对应的已认定工作站" || { echo "FAIL: assessment error not named: $out"; fail=1; }
[ "$(sql "SELECT phase FROM phases WHERE year = 2024 ORDER BY phase")" = "$(printf 'approve\nselect')" ] \
  || { echo "FAIL: registry phases after the failed cascade: $(sql "SELECT phase FROM phases")"; fail=1; }
[ "$(sql "SELECT COUNT(*) FROM assessments")" = 0 ] || { echo "FAIL: assessments kept"; fail=1; }
"$TWS_BIN" verify --year 2024 "${opts[@]}" >/dev/null 2>&1 || { echo "FAIL: verify after the failed cascade"; fail=1; }
out=$("$TWS_BIN" run --year 2024 --date 2025-01-10 "${opts[@]}" 2>&1)
echo "$out" | grep -q "【年度考核与经费】无变化" && { echo "FAIL: the assessment is called unchanged: $out"; fail=1; }
/usr/bin/python3 - "$work/in/2024/performance.xlsx" "$upheld" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb.active
for r in range(ws.max_row, 1, -1):
    if ws.cell(r, 1).value == sys.argv[2]: ws.delete_rows(r)
wb.save(sys.argv[1])
PY
"$TWS_BIN" run --year 2024 --date 2025-01-10 "${opts[@]}" -q || { echo "FAIL: assessment after the correction"; fail=1; }
[ "$(sql "SELECT COUNT(DISTINCT station_code) FROM assessments WHERE year = 2024")" = 4 ] \
  || { echo "FAIL: assessments after the correction: $(sql "SELECT COUNT(*) FROM assessments")"; fail=1; }
[ $fail = 0 ] && echo "reissue_cascade: ok"
exit $fail
