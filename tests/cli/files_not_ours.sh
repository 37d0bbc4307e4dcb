#!/usr/bin/env bash
# Files tws did not write, and the registry as tws finds it (issue 15 items 8–13):
# a user's scan beside the forms, filled inputs under `tws template`, a device or pipe
# as the export target, a read-only or emptied registry, an input replaced mid-run.
set -u
fail=0
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cd "$TWS_ROOT"
run() { # out year [extra args…]; without DATE, the selection before the sample's publicity start first
  local out=$1 y=$2; shift 2
  if [ -z "${DATE:-}" ]; then
    "$TWS_BIN" select --year "$y" --date "$y-05-16" --input "${IN:-input}" --output "$out" --registry "$out/registry.sqlite3" -q "$@" || return
  fi
  "$TWS_BIN" run --year "$y" --date "${DATE:-$y-12-31}" --input "${IN:-input}" --output "$out" --registry "$out/registry.sqlite3" -q "$@"
}

# 10. A user's scan in 申报认定表/ survives a re-run of select; a form tws wrote and
# no longer lists is removed.
out=$work/o10
mkdir -p "$work/in10" && cp -r input/tws.ini input/2024 "$work/in10/" && rm "$work/in10/2024/performance.xlsx"
DATE=2024-05-10 IN=$work/in10 run "$out" 2024 >/dev/null 2>&1 || { echo "FAIL: 10: first select"; fail=1; }
forms=$(ls "$out/2024/申报认定表" | wc -l)
echo scan > "$out/2024/申报认定表/扫描件-盖章.pdf"
/usr/bin/python3 - "$work/in10/2024/applications.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb["申报汇总"]
col = 2  # 工作站名称, under the title row
ws.cell(3, col).value = str(ws.cell(3, col).value) + "（更名）"  # its form gets a new file name
wb.save(sys.argv[1])
PY
DATE=2024-05-10 IN=$work/in10 run "$out" 2024 >/dev/null 2>&1
[ -f "$out/2024/申报认定表/扫描件-盖章.pdf" ] || { echo "FAIL: 10: the user's scan was deleted by a re-run of select"; fail=1; }
now=$(ls "$out/2024/申报认定表" | grep -vc 扫描件)
[ "$now" = "$forms" ] || { echo "FAIL: 10: the form under the old name was not removed ($forms → $now)"; fail=1; }
ls "$out/2024/申报认定表" | grep -q "更名" || { echo "FAIL: 10: no form under the new name"; fail=1; }

# 11. tws template refuses to overwrite filled inputs; --force overwrites them.
mkdir -p "$work/t11" && cp input/2024/*.xlsx "$work/t11/"
before=$(sha256sum "$work/t11/applications.xlsx")
msg=$("$TWS_BIN" template "$work/t11" 2>&1); rc=$?
[ $rc = 1 ] || { echo "FAIL: 11: template over filled inputs exits $rc, want 1"; fail=1; }
[ "$(sha256sum "$work/t11/applications.xlsx")" = "$before" ] || { echo "FAIL: 11: filled applications.xlsx overwritten"; fail=1; }
echo "$msg" | grep -q "已存在.*--force" || { echo "FAIL: 11: message: $msg"; fail=1; }
"$TWS_BIN" template "$work/t11" --force >/dev/null 2>&1 || { echo "FAIL: 11: --force"; fail=1; }
[ "$(sha256sum "$work/t11/applications.xlsx")" != "$before" ] || { echo "FAIL: 11: --force did not write"; fail=1; }

# 12. registry export through a pipe and into a full device, never renamed over.
out=$work/o12
run "$out" 2024 >/dev/null 2>&1 || { echo "FAIL: 12: run"; fail=1; }
mkfifo "$work/pipe"
timeout 20 cat "$work/pipe" > "$work/from_pipe.xlsx" &
"$TWS_BIN" registry export "$work/pipe" --registry "$out/registry.sqlite3" --date 2024-12-31 -q || { echo "FAIL: 12: export into a pipe"; fail=1; }
wait
[ -p "$work/pipe" ] || { echo "FAIL: 12: the pipe was replaced"; fail=1; }
[ "$(head -c 2 "$work/from_pipe.xlsx")" = "PK" ] || { echo "FAIL: 12: no workbook came through the pipe"; fail=1; }
if mknod "$work/full" c 1 7 2>/dev/null; then
  msg=$("$TWS_BIN" registry export "$work/full" --registry "$out/registry.sqlite3" --date 2024-12-31 2>&1); rc=$?
  [ -c "$work/full" ] || { echo "FAIL: 12: the device node was replaced by a file"; fail=1; }
  [ $rc = 3 ] || { echo "FAIL: 12: export into a full device exits $rc, want 3"; fail=1; }
  echo "$msg" | grep -q "无法写入 $work/full：磁盘已满" || { echo "FAIL: 12: message: $msg"; fail=1; }
else
  echo "note: mknod not permitted here; the full-device case was not run"
fi
mkdir "$work/adir"
"$TWS_BIN" registry export "$work/adir" --registry "$out/registry.sqlite3" --date 2024-12-31 >/dev/null 2>&1
[ -d "$work/adir" ] || { echo "FAIL: 12: a folder was replaced"; fail=1; }

# 9. A read-only registry is reported, not made writable.
chmod 0444 "$out/registry.sqlite3"
msg=$(run "$out" 2025 2>&1); rc=$?
[ "$(stat -c %a "$out/registry.sqlite3")" = 444 ] || { echo "FAIL: 9: the registry's mode was changed to $(stat -c %a "$out/registry.sqlite3")"; fail=1; }
[ $rc = 3 ] || { echo "FAIL: 9: run on a read-only registry exits $rc, want 3"; fail=1; }
echo "$msg" | grep -q "只读文件（权限 0444）" || { echo "FAIL: 9: message: $msg"; fail=1; }
[ -d "$out/2025" ] && { echo "FAIL: 9: 2025 outputs written although the registry is read-only"; fail=1; }
chmod 0600 "$out/registry.sqlite3"

# 8. An emptied or deleted registry is not started afresh while manifests exist;
# a non-SQLite one names its path.
cp "$out/registry.sqlite3" "$work/saved.sqlite3"
: > "$out/registry.sqlite3"
msg=$(run "$out" 2025 2>&1); rc=$?
[ $rc = 3 ] || { echo "FAIL: 8: run on an emptied registry exits $rc, want 3"; fail=1; }
echo "$msg" | grep -q "是空文件（0 字节）.*2024 年度已经运行过.*--new-registry" || { echo "FAIL: 8: message: $msg"; fail=1; }
[ -s "$out/registry.sqlite3" ] && { echo "FAIL: 8: the emptied registry was filled"; fail=1; }
rm "$out/registry.sqlite3"
msg=$(run "$out" 2025 2>&1); rc=$?
{ [ $rc = 3 ] && echo "$msg" | grep -q "不存在"; } || { echo "FAIL: 8: deleted registry: exit $rc: $msg"; fail=1; }
[ -e "$out/registry.sqlite3" ] && { echo "FAIL: 8: a new registry was started"; fail=1; }
run "$out" 2024 --new-registry >/dev/null 2>&1; [ -s "$out/registry.sqlite3" ] || { echo "FAIL: 8: --new-registry did not start one"; fail=1; }
echo "not a database, just text" > "$out/registry.sqlite3"
msg=$(run "$out" 2025 2>&1); rc=$?
{ [ $rc = 3 ] && echo "$msg" | grep -q "登记库 $out/registry.sqlite3 已损坏或不是 SQLite 数据库"; } || { echo "FAIL: 8: non-SQLite registry: exit $rc: $msg"; fail=1; }

# 13. The lock is taken before any input is read, and an input replaced after it was
# read is recorded with the hash of the bytes parsed.
out=$work/o13
mkdir -p "$out" "$work/in13" && cp -r input/tws.ini input/2024 "$work/in13/" && rm "$work/in13/2024/performance.xlsx"
exec 9>"$out/registry.sqlite3.lock"; flock -n 9
rm "$work/in13/2024/reviews.xlsx"; echo "garbage" > "$work/in13/2024/reviews.xlsx"
msg=$(IN=$work/in13 run "$out" 2024 2>&1); rc=$?
exec 9>&-
[ $rc = 3 ] || { echo "FAIL: 13: run while locked exits $rc, want 3"; fail=1; }
echo "$msg" | grep -q "reviews.xlsx" && { echo "FAIL: 13: inputs read before the lock was taken: $msg"; fail=1; }
cp input/2024/reviews.xlsx "$work/in13/2024/reviews.xlsx"
fi13=$work/in13/2024/applications.xlsx
old=$(sha256sum "$fi13" | cut -d' ' -f1)
cp "$fi13" "$work/apps.orig"
/usr/bin/python3 - "$work/apps.new" "$fi13" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[2]); wb["申报汇总"].cell(1, 30).value = "改"; wb.save(sys.argv[1])
PY
# The swap: once tws has read applications.xlsx (its first open of reviews.xlsx), the
# file is replaced; tws must record the contents it parsed.
TWS_SWAP_WHEN=reviews.xlsx TWS_SWAP_FROM="$work/apps.new" TWS_SWAP_TO="$fi13" LD_PRELOAD="$TWS_FAULT_SHIM" \
  DATE=2024-05-16 IN=$work/in13 run "$out" 2024 >/dev/null 2>&1 || { echo "FAIL: 13: swapped run"; fail=1; }
[ "$(sha256sum "$fi13" | cut -d' ' -f1)" != "$old" ] || { echo "FAIL: 13: the swap did not happen"; fail=1; }
grep -q "$old" "$out/2024/manifest.json" || { echo "FAIL: 13: manifest does not record the SHA-256 of the applications.xlsx parsed"; fail=1; }
msg=$(DATE=2024-05-16 IN=$work/in13 run "$out" 2024 2>&1 --verbose)
echo "$msg" | grep -q "资格审查与评审】无变化" && { echo "FAIL: 13: the replaced input is taken as unchanged"; fail=1; }

[ $fail = 0 ] && echo "files_not_ours: ok"
exit $fail
