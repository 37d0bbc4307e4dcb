#!/usr/bin/env bash
# ID and mobile numbers (issue 15, item 14):
#  - a text bound for a public document (工作站名称, 所在部门, 职业（工种）, 领办人,
#    领办人职业资格, 入站人员 姓名 and 职业资格, 荣誉与竞赛 名称) that holds an ID number (18 characters, valid check character)
#    or a mobile number is an input error naming the cell; `tws check` and `tws run`
#    say so (exit 1) and no public document is written;
#  - an ID typed into a wrong column is echoed masked (3714**********005X) on stderr
#    and in run.log, never in full;
#  - run.log is mode 0640, whatever the umask.
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"
umask 022
id=37140219900101005X          # valid check character X
id2=371402198503120035         # valid check character 5
mkdir -p "$work/input"
cp input/tws.ini "$work/input/" && cp -r input/2024 "$work/input/"
/usr/bin/python3 - "$work/input/2024/applications.xlsx" "$id" "$id2" <<'PY' || { echo "FAIL: preparing the input"; exit 1; }
import openpyxl, sys
path, id1, id2 = sys.argv[1:]
wb = openpyxl.load_workbook(path)
def put(sheet, app, header, text, nth=0):
    ws = wb[sheet]
    hr = next(r for r in ws.iter_rows() if any(c.value == "申报编号" for c in r))
    cols = {str(c.value).replace("\n", ""): c.column for c in hr}
    col = cols[header]
    rows = [r for r in range(hr[0].row + 1, ws.max_row + 1) if ws.cell(r, cols["申报编号"]).value == app]
    c = ws.cell(rows[nth], col)
    c.value = text
    c.data_type = "s"
put("申报汇总", "2024-01", "工作站名称", "数控加工技师工作站" + id1)
put("申报汇总", "2024-04", "职业（工种）", "工程测量员 138-1234-5678")
put("申报汇总", "2024-07", "年培养目标", id1)   # an ID in a wrong column: echoed, masked
put("入站人员", "2024-02", "姓名", "张三" + id2)
put("申报汇总", "2024-10", "领办人职业资格", "高级技师 13912345678")   # 公示名单 prints it when no honour
wb.save(path)
PY
out=$("$TWS_BIN" check --year 2024 --input "$work/input" --config "$work/input/tws.ini" 2>&1); rc=$?
[ "$rc" = 1 ] || { echo "FAIL: tws check: exit $rc, want 1"; fail=1; }
for want in "申报汇总!B3: “工作站名称”会印在公开文件中，但含有疑似身份证号 3714**********005X" \
            "申报汇总!D6: “职业（工种）”会印在公开文件中，但含有疑似手机号码 138****5678" \
            "“姓名”会印在公开文件中，但含有疑似身份证号 3714**********0035" \
            "“领办人职业资格”会印在公开文件中，但含有疑似手机号码 139****5678" \
            "3714**********005X"; do
  echo "$out" | grep -qF "$want" || { echo "FAIL: tws check does not say: $want"; fail=1; }
done
echo "$out" | grep -qE "$id|$id2" && { echo "FAIL: tws check echoes an ID number in full"; fail=1; }

out=$("$TWS_BIN" run --year 2024 --date 2024-12-31 --input "$work/input" --config "$work/input/tws.ini" \
  --output "$work/out" --registry "$work/out/registry.sqlite3" 2>&1); rc=$?
[ "$rc" = 1 ] || { echo "FAIL: tws run: exit $rc, want 1"; fail=1; }
echo "$out" | grep -qE "$id|$id2" && { echo "FAIL: tws run echoes an ID number in full"; fail=1; }
for f in 公示名单.pdf 认定通知.pdf 考核结果通报.pdf 经费下达通知.pdf 认定名单.xlsx 考核汇总.xlsx; do
  [ ! -e "$work/out/2024/$f" ] || { echo "FAIL: $f written although its text holds ID/mobile numbers"; fail=1; }
done
log="$work/out/2024/run.log"
if [ -f "$log" ]; then
  grep -qE "$id|$id2" "$log" && { echo "FAIL: run.log holds an ID number in full"; fail=1; }
  grep -qF "3714**********005X" "$log" || { echo "FAIL: run.log lacks the masked ID"; fail=1; }
  [ "$(stat -c %a "$log")" = 640 ] || { echo "FAIL: run.log mode $(stat -c %a "$log"), want 640"; fail=1; }
else
  echo "FAIL: no run.log"; fail=1
fi

# A clean run: run.log 0640 too.
for step in "select --date 2024-05-16" "run --date 2024-12-31"; do  # selection before the configured publicity start
  "$TWS_BIN" $step --year 2024 --input input --output "$work/clean" \
    --registry "$work/clean/registry.sqlite3" -q || { echo "FAIL: clean $step"; fail=1; }
done
[ "$(stat -c %a "$work/clean/2024/run.log")" = 640 ] || { echo "FAIL: clean run.log mode $(stat -c %a "$work/clean/2024/run.log")"; fail=1; }
[ $fail = 0 ] && echo "public_numbers: ok"
exit $fail
