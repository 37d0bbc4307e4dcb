#!/usr/bin/env bash
# A performance.xlsx without data rows (the blank template uploaded before it was filled)
# skips the assessment like a missing file: no 考核结果通报 or 经费下达通知 for nobody,
# nothing written, the registry untouched, exit 0 (it was an internal error, exit 3).
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in/2026"
"$TWS_BIN" template "$work/tpl" > /dev/null 2>&1 || { echo "FAIL: template"; exit 1; }
cp "$work/tpl/performance.xlsx" "$work/in/2026/"
out=$("$TWS_BIN" assess --year 2026 --date 2026-12-31 --input "$work/in" --output "$work/out" \
      --registry "$work/reg.sqlite3" --config "$TWS_ROOT/input/tws.ini" 2>&1); rc=$?
[ $rc = 0 ] || { echo "FAIL: exit $rc, want 0: $out"; fail=1; }
echo "$out" | grep -q "没有考核数据行，跳过年度考核" || { echo "FAIL: no skip message in: $out"; fail=1; }
if [ -d "$work/out/2026" ] && ls "$work/out/2026" | grep -q -E '\.(pdf|xlsx)$'; then
  echo "FAIL: documents written: $(ls "$work/out/2026")"; fail=1
fi
[ $fail = 0 ] && echo "ok  empty performance sheet skipped"
exit $fail
