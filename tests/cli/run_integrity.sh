#!/usr/bin/env bash
# Issue 6 guarantees of a run: one at a time (flock), manifest.json valid and
# matching the files, tws verify finds changed and missing outputs, run.log kept.
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"
# Selection before the year's configured publicity start, the rest at year end.
run() {
  "$TWS_BIN" select --year "$1" --date "$1-05-16" --input input --output "$work/out" --registry "$work/out/registry.sqlite3" -q &&
    "$TWS_BIN" run --year "$1" --date "$1-12-31" --input input --output "$work/out" --registry "$work/out/registry.sqlite3" -q
}
run 2024 || { echo "FAIL: run 2024"; fail=1; }

# A second process while the lock is held exits 3 at once, changing nothing.
exec 9>"$work/out/registry.sqlite3.lock"
flock -n 9 || { echo "FAIL: could not take the lock for the test"; fail=1; }
start=$(date +%s%N)
out=$("$TWS_BIN" run --year 2025 --date 2025-12-31 --input input --output "$work/out" --registry "$work/out/registry.sqlite3" 2>&1); rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
exec 9>&-
[ $rc = 3 ] || { echo "FAIL: concurrent run exit $rc, want 3"; fail=1; }
echo "$out" | grep -q "另一个 tws 进程正在运行" || { echo "FAIL: concurrent run message: $out"; fail=1; }
[ ! -e "$work/out/2025" ] || { echo "FAIL: concurrent run wrote output"; fail=1; }
[ $ms -lt 5000 ] || { echo "FAIL: concurrent run took ${ms} ms (should fail at once)"; fail=1; }
echo "ok  concurrent run refused in ${ms} ms"

# Two real processes at once: one works, the other exits 3.
( run 2025; echo $? > "$work/rc1" ) & ( run 2025; echo $? > "$work/rc2" ) & wait
rcs=$(cat "$work/rc1" "$work/rc2" | sort | tr '\n' ' ')
case "$rcs" in "0 3 "|"0 0 ") echo "ok  two concurrent runs: exit codes $rcs";; *) echo "FAIL: two concurrent runs: $rcs"; fail=1;; esac

/usr/bin/python3 - "$work/out" <<'PY' || fail=1
import json, hashlib, sys, os
base = sys.argv[1]
m = json.load(open(os.path.join(base, "2024", "manifest.json")))
assert m["year"] == 2024 and m["tool"] == "tws"
assert {os.path.basename(i["path"]) for i in m["inputs"]} == {"applications.xlsx", "reviews.xlsx", "objections.xlsx", "performance.xlsx"}
for i in m["inputs"]:
    assert hashlib.sha256(open(i["path"], "rb").read()).hexdigest() == i["sha256"] and os.path.getsize(i["path"]) == i["size"]
phases = {p["phase"]: p for p in m["phases"]}
assert set(phases) == {"select", "approve", "assess"}, phases.keys()
assert phases["assess"]["counts"]["funding_total"] == 100000
for p in m["phases"]:
    for o in p["outputs"]:
        assert hashlib.sha256(open(os.path.join(base, o["path"]), "rb").read()).hexdigest() == o["sha256"], o
print("ok  manifest.json matches inputs and outputs")
PY
"$TWS_BIN" verify --year 2024 --output "$work/out" --registry "$work/out/registry.sqlite3" || { echo "FAIL: verify on intact outputs"; fail=1; }
printf x >> "$work/out/2024/认定名单.xlsx"; rm "$work/out/2024/考核汇总.xlsx"
out=$("$TWS_BIN" verify --year 2024 --output "$work/out" --registry "$work/out/registry.sqlite3" 2>&1); rc=$?
[ $rc = 1 ] || { echo "FAIL: verify after tampering exit $rc"; fail=1; }
echo "$out" | grep -q "已被修改：.*认定名单.xlsx" || { echo "FAIL: verify missed the change: $out"; fail=1; }
echo "$out" | grep -q "缺失：.*考核汇总.xlsx" || { echo "FAIL: verify missed the deletion: $out"; fail=1; }
grep -q "== tws run --year 2024 --date 2024-12-31" "$work/out/2024/run.log" || { echo "FAIL: run.log"; fail=1; }
# Changed inputs after a phase was done are refused unless --reissue, which is recorded.
cp -r input "$work/in"
/usr/bin/python3 - "$work/in/2025/performance.xlsx" <<'PY'
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb.active
for row in ws.iter_rows():
    for c in row:
        if c.value == "带徒人数":
            ws.cell(c.row + 1, c.column).value = 0
wb.save(sys.argv[1])
PY
rr() { "$TWS_BIN" assess --year 2025 --date 2025-12-31 --input "$work/in" --output "$work/out" --registry "$work/out/registry.sqlite3" "$@" 2>&1; }
out=$(rr); rc=$?
[ $rc = 1 ] || { echo "FAIL: changed input after assess: exit $rc, want 1"; fail=1; }
echo "$out" | grep -q -- "--reissue" || { echo "FAIL: refusal does not mention --reissue: $out"; fail=1; }
out=$(rr --reissue); rc=$?
[ $rc = 0 ] || { echo "FAIL: --reissue exit $rc: $out"; fail=1; }
grep -q '"reissues": \[' "$work/out/2025/manifest.json" && grep -q '"phase": "assess", "date": "2025-12-31", "original_date": "2025-12-31"' "$work/out/2025/manifest.json" || { echo "FAIL: reissue not recorded in manifest"; fail=1; }
n=$(/usr/bin/python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from runs where year=2025 and phase=\"assess\"").fetchone()[0])' "$work/out/registry.sqlite3")
[ "$n" = 2 ] || { echo "FAIL: run log holds $n assess runs, want 2 (original + reissue)"; fail=1; }
echo "ok  changed inputs refused; --reissue recorded"

# Substitute faces are reported once per run; --require-standard-fonts refuses them (exit 3).
out=$("$TWS_BIN" select --year 2024 --date 2024-05-16 --input input --output "$work/f1" --registry "$work/f1/r.sqlite3" 2>&1)
[ "$(echo "$out" | grep -c "字体替代：正文（body）：使用 FandolFang-Regular，非标准字体 仿宋体")" = 1 ] \
  || { echo "FAIL: body substitute not reported exactly once: $out"; fail=1; }
out=$("$TWS_BIN" select --year 2024 --date 2024-05-16 --input input --output "$work/f2" --registry "$work/f2/r.sqlite3" --require-standard-fonts 2>&1); rc=$?
[ $rc = 3 ] || { echo "FAIL: --require-standard-fonts exit $rc, want 3"; fail=1; }
echo "$out" | grep -q "标题（title）：使用 NotoSerifCJKsc-Bold，非标准字体 小标宋体" || { echo "FAIL: message: $out"; fail=1; }
[ -z "$(find "$work/f2" -name '*.pdf' -o -name '*.xlsx' 2>/dev/null)" ] || { echo "FAIL: wrote outputs despite exit 3"; fail=1; }

[ $fail = 0 ] && echo "run_integrity: ok"
exit $fail
