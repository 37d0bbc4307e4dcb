#!/usr/bin/env bash
# Control characters in a cell (issue 15, item 15): a message that echoes the cell
# shows them escaped (\x1B, \x07, \u009B) on stderr and in run.log, as does
# `tws inspect` on stdout, never raw, so a spreadsheet cannot clear the screen or
# retitle the terminal.
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"
mkdir -p "$work/in/2024"
/usr/bin/python3 - "$work/in/2024/applications.csv" <<'PY' || { echo "FAIL: preparing the input"; exit 1; }
import csv, openpyxl, sys
ws = openpyxl.load_workbook("input/2024/applications.xlsx")["申报汇总"]
head, row = [[("" if v is None else str(v)) for v in r] for r in ws.iter_rows(min_row=2, max_row=3, values_only=True)]
row[[h.replace("\n", "") for h in head].index("年培养目标")] = "12\x1b[2J\x1b]0;pwned\x07\u009b31m"
with open(sys.argv[1], "w", newline="", encoding="utf-8") as f:
    csv.writer(f).writerows([head, row])
PY
raw() { LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]\|\xc2[\x80-\x9f]' "$@"; }
"$TWS_BIN" check --year 2024 --input "$work/in" --config input/tws.ini 2>"$work/err"; rc=$?
[ "$rc" = 1 ] || { echo "FAIL: tws check: exit $rc, want 1"; fail=1; }
raw "$work/err" && { echo "FAIL: tws check prints raw control characters:"; cat -v "$work/err" | head -3; fail=1; }
grep -qF '“12\x1B[2J\x1B]0;pwned\x07\u009B31m”' "$work/err" || { echo "FAIL: tws check lacks the escaped cell:"; cat -v "$work/err" | head -3; fail=1; }
"$TWS_BIN" inspect "$work/in/2024/applications.csv" >"$work/inspect" 2>&1
raw "$work/inspect" && { echo "FAIL: tws inspect prints raw control characters"; fail=1; }
grep -qF '12\x1B[2J\x1B]0;pwned\x07\u009B31m' "$work/inspect" || { echo "FAIL: tws inspect lacks the escaped cell"; fail=1; }
"$TWS_BIN" run --year 2024 --date 2024-12-31 --input "$work/in" --config input/tws.ini --output "$work/out" \
  --registry "$work/out/registry.sqlite3" 2>"$work/err2" >"$work/out2"; rc=$?
[ "$rc" = 1 ] || { echo "FAIL: tws run: exit $rc, want 1"; fail=1; }
raw "$work/err2" "$work/out2" && { echo "FAIL: tws run prints raw control characters"; fail=1; }
if [ -f "$work/out/2024/run.log" ]; then
  raw "$work/out/2024/run.log" && { echo "FAIL: run.log holds raw control characters"; fail=1; }
  grep -qF '\x1B[2J' "$work/out/2024/run.log" || { echo "FAIL: run.log lacks the escaped cell"; fail=1; }
else
  echo "FAIL: no run.log"; fail=1
fi
[ $fail = 0 ] && echo "control_chars: ok"
exit $fail
