#!/usr/bin/env bash
# Issue 19 item 1, 第五条（一）“学校每年4月份启动…申报工作”: `tws call` issues the
# 启动申报通知 on the day set in input/<year>/tws.ini ([call] issue_date) with a 发文字号
# of the year's sequence, the conditions of 第四条 with the year's thresholds, the
# materials of 第五条（二）, and the windows counted in working days on the calendar
# (checked here against an independent count over templates/calendar/cn-holidays.csv);
# 附件1 (the blank 申报（认定）表) and 附件2 (the applications workbook) beside it. `tws run` takes the call first; a changed
# [call] after the issue is refused, --reissue corrects it; the later 认定通知 takes the
# next serial.
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"
in="$work/in"; out="$work/out"; reg="$out/r.sqlite3"
mkdir -p "$in" && cp -r input/tws.ini input/2024 "$in/"
ini="$in/2024/tws.ini"
cp "$ini" "$work/year.ini"
tws() {  # CMD YEAR DATE [options…]
  local cmd=$1 year=$2 date=$3; shift 3
  "$TWS_BIN" "$cmd" --year "$year" --date "$date" --input "$in" --output "$out" --registry "$reg" \
    --config "$in/tws.ini" "$@" 2>&1
}
call_ini() { cp "$work/year.ini" "$ini"; printf '\n[call]\n' >>"$ini"; for l in "$@"; do echo "$l" >>"$ini"; done; }
sql() { sqlite3 "$reg" "$1" 2>/dev/null; }
pdf="$out/2024/启动申报通知.pdf"

# 1. No [call]: `tws call` says where to set the day; `run` has no call step.
o=$(tws call 2024 2024-04-08); rc=$?
[ $rc = 0 ] && echo "$o" | grep -qF "【启动申报】未到/跳过：未设置启动申报日期（在 $ini 的 [call] issue_date 填写发文日期）" \
  || { echo "FAIL: no issue_date: exit $rc: $o"; fail=1; }

# 2. Before the day: not due, nothing written.
call_ini "issue_date = 2024-04-08" "apply_workdays = 15" "review_workdays = 5" "expert_workdays = 5"
o=$(tws call 2024 2024-04-03); rc=$?
[ $rc = 0 ] && echo "$o" | grep -qF "【启动申报】未到/跳过：启动申报日期 2024-04-08 尚未到来（运行日期 2024-04-03）" && [ ! -e "$pdf" ] \
  || { echo "FAIL: before the day: exit $rc: $o"; fail=1; }

# 3. Issued on the day.
o=$(tws call 2024 2024-04-08); rc=$?
[ $rc = 0 ] && [ -s "$pdf" ] || { echo "FAIL: call: exit $rc: $o"; exit 1; }
[ -s "$out/2024/启动申报通知附件/附件2-申报汇总表.xlsx" ] || { echo "FAIL: 附件2 missing: $(ls -R "$out/2024")"; fail=1; }
t=$(pdftotext -layout "$pdf" - 2>/dev/null | tr -d ' \n')
serial=$(sql "SELECT serial FROM documents WHERE year = 2024 AND kind = '启动申报通知'")
[ "$serial" = 18 ] || { echo "FAIL: serial $serial, want 18 (institution.next_serial)"; fail=1; }
for want in "德州职业技术学院文件" "德职院政发〔2024〕18号" "关于开展2024年度“技师工作站”申报工作的通知" \
    "不少于5人（含领办人）" "一般不少于60平方米" "不少于10人" "申请报告" "附件：1．德州职业技术学院技师工作站申报（认定）表" \
    "2．2024年度“技师工作站”申报汇总表（电子版）" "德州职业技术学院2024年4月8日"; do
  case "$t" in *"$want"*) ;; *) echo "FAIL: notice lacks “$want”"; fail=1;; esac
done
case "$t" in *0534-2328000*) echo "FAIL: the notice shows the office phone"; fail=1;; esac
# The windows, counted independently on the holiday calendar.
read -r apply rs re es ee ps pe < <(/usr/bin/python3 - <<'PY'
import csv, datetime as dt
days = {r["date"]: r["kind"] for r in csv.DictReader(open("templates/calendar/cn-holidays.csv"))}
def work(d):
    k = days.get(d.isoformat())
    return k == "workday" if k else d.weekday() < 5
def window(after, n):  # n working days starting after `after`
    d, seen, start = after, 0, None
    while seen < n:
        d += dt.timedelta(days=1)
        if work(d):
            seen += 1
            start = start or d
    return start, d
cn = lambda d: f"{d.year}年{d.month}月{d.day}日"
_, a = window(dt.date(2024, 4, 8), 15)
r = window(a, 5); e = window(r[1], 5); p = window(e[1], 3)
print(cn(a), cn(r[0]), cn(r[1]), cn(e[0]), cn(e[1]), cn(p[0]), cn(p[1]))
PY
)
for want in "于${apply}前将申报材料报送" "${rs}至${re}" "${es}至${ee}" "${ps}至${pe}，建议名单在全校范围内公示3个工作日"; do
  case "$t" in *"$want"*) ;; *) echo "FAIL: schedule lacks “$want”"; fail=1;; esac
done
# 附件1 is the 申报（认定）表 to fill by hand: the form's sections and boxes, rows for the
# members and honours, no 资格审查 part, no value.
b=$(pdftotext "$out/2024/启动申报通知附件/附件1-申报认定表.pdf" - 2>/dev/null | tr -d ' \n')
for want in "技师工作站申报（认定）表" "申报编号" "主要仪器设备" "入站人员" "荣誉与竞赛" "系部意见" "学校审批意见"; do
  case "$b" in *"$want"*) ;; *) echo "FAIL: 附件1 lacks “$want”"; fail=1;; esac
done
for bad in "资格审查结果" "审查结论" "未填" "打印日期"; do
  case "$b" in *"$bad"*) echo "FAIL: 附件1 shows “$bad”"; fail=1;; esac
done
# 附件2 is the applications template: its 申报 sheet has the schema's headers.
/usr/bin/python3 - "$out/2024/启动申报通知附件/附件2-申报汇总表.xlsx" <<'PY' || fail=1
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames[0] == "填写说明", wb.sheetnames
heads = [c.value for c in next(wb[wb.sheetnames[1]].iter_rows(max_row=1))]
assert "申报编号" in heads and "工作站名称" in heads, heads
PY
npages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
[ "$npages" -ge 2 ] || { echo "FAIL: $npages pages"; fail=1; }

# 4. Unchanged on the next run; `run` takes the call first and the 认定通知 gets serial 19.
o=$(tws call 2024 2024-04-09); rc=$?
[ $rc = 0 ] && echo "$o" | grep -qF "【启动申报】无变化：已于 2024-04-08 完成" || { echo "FAIL: call again: exit $rc: $o"; fail=1; }
tws select 2024 2024-05-16 -q >/dev/null || { echo "FAIL: select 2024"; fail=1; }
o=$(tws run 2024 2024-12-31); rc=$?
[ $rc = 0 ] || { echo "FAIL: run 2024: exit $rc: $o"; fail=1; }
echo "$o" | grep "^【" | head -2 | tr -d '\n' | grep -q "^【启动申报】无变化.*【资格审查与评审】无变化" \
  || { echo "FAIL: run does not take the call first: $o"; fail=1; }
[ "$(sql "SELECT serial FROM documents WHERE year = 2024 AND kind = '认定通知'")" = 19 ] \
  || { echo "FAIL: 认定通知 serial: $(sql "SELECT kind, serial FROM documents")"; fail=1; }

# 5. [call] changed after the issue: refused; with --reissue the notice is corrected and
#    keeps its number and date; the other phases are not touched.
before=$(sql "SELECT phase || run_date FROM phases WHERE phase != 'call' ORDER BY phase")
call_ini "issue_date = 2024-04-08" "apply_workdays = 10" "review_workdays = 5" "expert_workdays = 5"
o=$(tws call 2024 2024-06-03); rc=$?
[ $rc = 1 ] && echo "$o" | grep -qF "本次拒绝执行" || { echo "FAIL: changed call: exit $rc: $o"; fail=1; }
o=$(tws call 2024 2024-06-03 --reissue); rc=$?
[ $rc = 0 ] || { echo "FAIL: reissue: exit $rc: $o"; fail=1; }
t=$(pdftotext "$pdf" - 2>/dev/null | tr -d ' \n')
case "$t" in *"德职院政发〔2024〕18号"*"此件为更正件，2024年6月3日重新印发"*) ;; *) echo "FAIL: reissued notice: $t" | head -c 600; echo; fail=1;; esac
[ "$(sql "SELECT phase || run_date FROM phases WHERE phase != 'call' ORDER BY phase")" = "$before" ] \
  || { echo "FAIL: the call's reissue touched other phases"; fail=1; }

# 6. Bad settings: a day in another year; the day in the main tws.ini.
call_ini "issue_date = 2023-04-10"
o=$(tws call 2024 2024-06-03 --reissue); rc=$?
[ $rc = 1 ] && echo "$o" | grep -qF "配置项 call.issue_date 的值“2023-04-10”无效：不在 2024 年内" \
  || { echo "FAIL: other year: exit $rc: $o"; fail=1; }
cp "$work/year.ini" "$ini"
printf '\n[call]\nissue_date = 2024-04-08\n' >>"$in/tws.ini"
o=$(tws call 2024 2024-06-03); rc=$?
[ $rc = 1 ] && echo "$o" | grep -qF "配置项 call.issue_date 是某一年度启动申报的记录，只能写在该年度的配置文件" \
  || { echo "FAIL: main ini: exit $rc: $o"; fail=1; }
exit $fail
