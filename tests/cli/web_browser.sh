#!/usr/bin/env bash
# Issue 17: the walk through the pages in headless Chromium (tests/web/browser_walk.py).
set -u
work=$(mktemp -d)
trap 'stop_server; rm -rf "$work"' EXIT
source "$TWS_ROOT/tests/web/lib.sh"
mv "$work/in/2024/applications.xlsx" "$work/good.xlsx"
/usr/bin/python3 - "$work/good.xlsx" "$work/bad.xlsx" <<'PY'
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
wb["申报汇总"]["I4"] = "很大"
wb.save(sys.argv[2])
PY
start_server
mkdir -p "$work/shots"
/usr/bin/python3 "$TWS_ROOT/tests/web/browser_walk.py" "$base" "$work/bad.xlsx" "$work/good.xlsx" "$work/shots"
rc=$?
[ -n "${TWS_WEB_SHOTS:-}" ] && cp "$work"/shots/*.png "$TWS_WEB_SHOTS"/
exit $rc
