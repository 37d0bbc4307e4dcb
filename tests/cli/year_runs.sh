#!/usr/bin/env bash
# The sample years run in order against one registry (issue 3): every phase runs,
# a second run changes nothing (same bytes, same registry dump), the registry is
# 0600, and `tws registry export` writes the registry as xlsx.
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"
dump() { /usr/bin/python3 -c 'import sqlite3,sys; print("\n".join(sqlite3.connect(sys.argv[1]).iterdump()))' "$1"; }
run_all() { # outdir
  for y in 2024 2025 2026; do
    "$TWS_BIN" run --year $y --date $y-12-31 --input input --output "$1" --registry "$1/registry.sqlite3" -q \
      || { echo "FAIL: tws run --year $y exit $?"; fail=1; }
  done
}
run_all "$work/a"
for y in 2024 2025 2026; do
  for f in 资格审查汇总.xlsx 认定名单.xlsx 考核汇总.xlsx; do
    [ -s "$work/a/$y/$f" ] || { echo "FAIL: missing $y/$f"; fail=1; }
  done
done
[ "$(stat -c %a "$work/a/registry.sqlite3")" = 600 ] || { echo "FAIL: registry mode $(stat -c %a "$work/a/registry.sqlite3")"; fail=1; }
before=$(dump "$work/a/registry.sqlite3"); sums=$(cd "$work/a" && find . -name '*.xlsx' -exec sha256sum {} + | sort)
out=$("$TWS_BIN" run --year 2025 --date 2025-12-31 --input input --output "$work/a" --registry "$work/a/registry.sqlite3" 2>&1)
echo "$out" | grep -q "无变化" || { echo "FAIL: second run did not report 无变化: $out"; fail=1; }
run_all "$work/a"
[ "$before" = "$(dump "$work/a/registry.sqlite3")" ] || { echo "FAIL: registry changed on re-run"; fail=1; }
[ "$sums" = "$(cd "$work/a" && find . -name '*.xlsx' -exec sha256sum {} + | sort)" ] || { echo "FAIL: outputs changed on re-run"; fail=1; }
# A fresh run into another folder gives the same bytes (no wall clock, stable order).
run_all "$work/b"
[ "$sums" = "$(cd "$work/b" && find . -name '*.xlsx' -exec sha256sum {} + | sort)" ] || { echo "FAIL: two fresh runs differ"; fail=1; }
"$TWS_BIN" registry export "$work/export.xlsx" --registry "$work/a/registry.sqlite3" --date 2026-12-31 -q || { echo "FAIL: registry export"; fail=1; }
/usr/bin/python3 - "$work/export.xlsx" <<'PY' || fail=1
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ["工作站", "入站人员", "考核", "经费", "撤销"], wb.sheetnames
ws = wb["工作站"]
codes = [r[0].value for r in ws.iter_rows(min_row=3) if r[0].value]
assert len(codes) > 0 and all(c.startswith("JS") for c in codes), codes
text = " ".join(str(c.value) for s in wb for row in s.iter_rows() for c in row if c.value is not None)
import re
assert not re.search(r"\d{17}[\dX]", text), "ID number in registry export"
print("registry export:", len(codes), "stations")
PY
[ $fail = 0 ] && echo "year_runs: ok"
exit $fail
