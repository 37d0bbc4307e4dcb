#!/usr/bin/env bash
# Issue 15 items 4, 5, 16: a configured publicity start already past is refused; a year
# is not run while an earlier year with inputs was never run; a year that approves
# nobody issues no 认定通知 and uses no 发文字号.
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"
cp -r input "$work/in"
tws() {
  local cmd=$1 year=$2 date=$3 out=$4; shift 4
  "$TWS_BIN" "$cmd" --year "$year" --date "$date" --input "$work/in" --output "$out" --registry "$out/r.sqlite3" \
    --config "$TWS_ROOT/input/tws.ini" "$@" 2>&1
}

# 4. input/2024/tws.ini starts the publicity on 2024-05-20; selecting on 2024-06-03 would
# date the 公示名单 in the past and approve it in the same run.
out=$(tws run 2024 2024-06-03 "$work/a"); rc=$?
[ $rc = 1 ] || { echo "FAIL: past publicity start: exit $rc"; fail=1; }
echo "$out" | grep -q "start_date = 2024-05-20 早于运行日期 2024-06-03，公示不能从已过去的日期开始" \
  || { echo "FAIL: past publicity start message: $out"; fail=1; }
[ ! -e "$work/a/2024/公示名单.pdf" ] && [ ! -e "$work/a/r.sqlite3" ] || { echo "FAIL: past publicity start wrote files"; fail=1; }
# Selected before the start, the stored period stays valid for the rest of the year.
tws select 2024 2024-05-16 "$work/a" -q >/dev/null && out=$(tws run 2024 2024-12-31 "$work/a"); rc=$?
[ $rc = 0 ] || { echo "FAIL: stored publicity period refused later: $out"; fail=1; }
[ $fail = 0 ] && echo "ok  publicity start before the run's date refused; the stored one kept"

# 5. 2025 while 2024 has inputs that were never run: refused, naming 2024.
out=$(tws run 2025 2025-12-31 "$work/b"); rc=$?
[ $rc = 1 ] || { echo "FAIL: 2025 before 2024: exit $rc"; fail=1; }
echo "$out" | grep -q "2024 年度有输入文件但从未运行；各年度须按顺序运行，请先运行 tws run --year 2024" \
  || { echo "FAIL: 2025 before 2024 message: $out"; fail=1; }
[ "$(ls "$work/b/2025" 2>/dev/null)" = run.log ] && [ ! -e "$work/b/r.sqlite3" ] || { echo "FAIL: 2025 before 2024 wrote files: $(ls "$work/b/2025")"; fail=1; }
# With 2024 run, 2025 goes ahead.
tws select 2025 2025-05-16 "$work/a" -q >/dev/null || { echo "FAIL: 2025 after 2024 refused"; fail=1; }
[ $fail = 0 ] && echo "ok  a year after an earlier year never run refused"

# 16. Nobody reaches the pass mark: no 认定通知, no 发文字号, a summary line instead.
mkdir -p "$work/c"; cp -r input "$work/c/in"
printf '[selection]\nthreshold = 99.5\n' >>"$work/c/in/2024/tws.ini"
"$TWS_BIN" select --year 2024 --date 2024-05-16 --input "$work/c/in" --output "$work/c/out" --registry "$work/c/out/r.sqlite3" -q \
  || { echo "FAIL: empty year: select"; fail=1; }
out=$("$TWS_BIN" approve --year 2024 --date 2024-06-03 --input "$work/c/in" --output "$work/c/out" --registry "$work/c/out/r.sqlite3" 2>&1); rc=$?
[ $rc = 0 ] || { echo "FAIL: empty year: approve exit $rc: $out"; fail=1; }
[ ! -e "$work/c/out/2024/认定通知.pdf" ] || { echo "FAIL: a 认定通知 for nobody"; fail=1; }
echo "$out" | grep -q "本年度建议名单为空，没有认定任何工作站，不印发认定通知，未使用发文字号" || { echo "FAIL: empty year summary: $out"; fail=1; }
n=$(/usr/bin/python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM documents').fetchone()[0])" "$work/c/out/r.sqlite3")
[ "$n" = 0 ] || { echo "FAIL: empty year used $n 发文字号"; fail=1; }
[ $fail = 0 ] && echo "ok  a year approving nobody issues no 认定通知"
exit $fail
