#!/usr/bin/env bash
# Issue 16 item 2, 第五条（四）“公示结束后，建议名单报学校研究确定”: approval waits for the
# school's decision recorded in input/<year>/tws.ini ([approval] decided_on, meeting,
# doc_number); a decision in or before the publicity period or on a day off is an error
# naming the key's line; the 认定通知 is dated the decision, names the meeting and uses
# the serial given, and the terms start that day. [assessment] decided_on dates the
# 考核结果通报. Item 4: performance.xlsx before the year's approval makes the assessment
# 未到, not an error.
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"
in="$work/in"; out="$work/out"; reg="$out/r.sqlite3"
mkdir -p "$in" && cp -r input/tws.ini input/2024 input/2025 "$in/"
ini="$in/2024/tws.ini"
tws() {  # CMD YEAR DATE [options…]
  local cmd=$1 year=$2 date=$3; shift 3
  "$TWS_BIN" "$cmd" --year "$year" --date "$date" --input "$in" --output "$out" --registry "$reg" \
    --config "$in/tws.ini" "$@" 2>&1
}
# decide LINES…: the 2024 tws.ini with the publicity start and these lines after [approval].
decide() { printf '[publicity]\nstart_date = 2024-05-20\n\n[approval]\n' >"$ini"; for l in "$@"; do echo "$l" >>"$ini"; done; }
sql() { sqlite3 "$reg" "$1" 2>/dev/null; }
nothing_approved() {  # WHAT: no approval output, no approve record
  if [ -e "$out/2024/认定通知.pdf" ] || [ -e "$out/2024/认定名单.xlsx" ] || [ -e "$out/2024/考核汇总.xlsx" ]; then
    echo "FAIL: $1: approval or assessment files written"; fail=1
  fi
  [ -z "$(sql "SELECT phase FROM phases WHERE year = 2024 AND phase != 'select'")" ] \
    || { echo "FAIL: $1: a later phase was recorded"; fail=1; }
}

tws select 2024 2024-05-16 -q >/dev/null || { echo "FAIL: select 2024"; exit 1; }

# 1. No decision recorded: 未到 (exit 0), the assessment too (item 4), nothing written.
decide
o=$(tws run 2024 2024-12-31); rc=$?
[ $rc = 0 ] || { echo "FAIL: no decided_on: exit $rc, want 0: $o"; fail=1; }
echo "$o" | grep -qF "【认定】未到/跳过：公示已于 2024-05-22 结束，等待学校研究决定（在 $ini [approval] decided_on 填写决定日期）" \
  || { echo "FAIL: no decided_on: message: $o"; fail=1; }
echo "$o" | grep -qF "【年度考核与经费】未到/跳过：已有 performance.xlsx，但本年度尚未认定；年度考核等待认定完成后进行" \
  || { echo "FAIL: performance.xlsx before the approval: $o"; fail=1; }
nothing_approved "no decided_on"
# Recording a later phase's decision does not redo the selection.
echo "$o" | grep -qF "【资格审查与评审】无变化" || { echo "FAIL: the year's [approval] keys changed the selection's inputs: $o"; fail=1; }
o=$(tws assess 2024 2024-12-31); rc=$?
[ $rc = 0 ] && echo "$o" | grep -qF "【年度考核与经费】未到/跳过：已有 performance.xlsx，但本年度尚未认定" \
  || { echo "FAIL: tws assess before the approval: exit $rc: $o"; fail=1; }
nothing_approved "assess before the approval"

# 2. A decision inside the publicity period, before it, or on a holiday: exit 1 naming the line.
for case in "2024-05-22|不在公示期（2024-05-20 至 2024-05-22）之后；学校研究确定须在公示结束之后（第五条（四））" \
            "2024-05-17|不在公示期（2024-05-20 至 2024-05-22）之后" \
            "2024-06-10|是休息日（周末或法定节假日），学校研究决定的日期应为工作日"; do
  IFS='|' read -r day why <<<"$case"
  decide "meeting = 2024年第7次院长办公会" "decided_on = $day"
  o=$(tws run 2024 2024-12-31); rc=$?
  [ $rc = 1 ] || { echo "FAIL: decided_on = $day: exit $rc, want 1"; fail=1; }
  echo "$o" | grep -qF "$ini:第6行: 配置项 approval.decided_on 的值“$day”无效：$why" \
    || { echo "FAIL: decided_on = $day: message: $o"; fail=1; }
  nothing_approved "decided_on = $day"
done

# 3. A decision dated after the run's date: 未到.
decide "decided_on = 2024-06-03"
o=$(tws run 2024 2024-05-31); rc=$?
[ $rc = 0 ] && echo "$o" | grep -qF "【认定】未到/跳过：学校研究决定日期 2024-06-03（[approval] decided_on）尚未到来（运行日期 2024-05-31）" \
  || { echo "FAIL: decision after --date: exit $rc: $o"; fail=1; }
nothing_approved "decision after --date"

# 4. The decision: the notice's date, meeting and 发文字号, the terms from that day; the
# assessment decided (and not yet, then) on its own day.
decide "decided_on = 2024-05-27" "meeting = 2024年第7次院长办公会" "doc_number = 23" "" "[assessment]" "decided_on = 2025-01-06"
o=$(tws run 2024 2024-12-31); rc=$?
[ $rc = 0 ] || { echo "FAIL: decided: exit $rc: $o"; fail=1; }
echo "$o" | grep -qF "【年度考核与经费】未到/跳过：考核结果决定日期 2025-01-06（[assessment] decided_on）尚未到来（运行日期 2024-12-31）" \
  || { echo "FAIL: assessment decided after --date: $o"; fail=1; }
text=$(pdftotext "$out/2024/认定通知.pdf" - 2>/dev/null | tr -d ' \n')
for want in "公示结束后建议名单报学校研究确定。经学校研究（2024年第7次院长办公会），决定认定" "德职院政发〔2024〕23号" "2024年5月27日" \
            "自2024年5月27日至2026年5月26日"; do
  echo "$text" | grep -qF "$want" || { echo "FAIL: 认定通知 lacks “$want”"; fail=1; }
done
starts=$(sql "SELECT DISTINCT term_start FROM stations WHERE first_year = 2024")
[ "$starts" = 2024-05-27 ] || { echo "FAIL: term_start in the registry: '$starts', want 2024-05-27"; fail=1; }
[ "$(sql "SELECT number || ' ' || date FROM documents WHERE year = 2024 AND kind = '认定通知'")" = "德职院政发〔2024〕23号 2024-05-27" ] \
  || { echo "FAIL: registry documents: $(sql 'SELECT * FROM documents')"; fail=1; }
o=$(tws run 2024 2025-01-06); rc=$?
[ $rc = 0 ] && [ -s "$out/2024/考核结果通报.pdf" ] || { echo "FAIL: assessment on its day: exit $rc: $o"; fail=1; }
pdftotext "$out/2024/考核结果通报.pdf" - 2>/dev/null | tr -d ' \n' | grep -qF "2025年1月6日" \
  || { echo "FAIL: 考核结果通报 not dated 2025年1月6日"; fail=1; }
[ "$(sql "SELECT number FROM documents WHERE year = 2024 AND kind = '考核结果通报'")" = "德职院政发〔2025〕18号" ] \
  || { echo "FAIL: 考核结果通报 number: $(sql 'SELECT * FROM documents')"; fail=1; }
[ "$(sql "SELECT DISTINCT assessed_on FROM assessments WHERE year = 2024")" = 2025-01-06 ] \
  || { echo "FAIL: assessed_on: $(sql 'SELECT DISTINCT assessed_on FROM assessments')"; fail=1; }

# 5. doc_number already used by another document of its year: exit 1 naming the line.
ini25="$in/2025/tws.ini"
printf '[publicity]\nstart_date = 2025-05-19\n[approval]\ndecided_on = 2025-05-22\ndoc_number = 18\n' >"$ini25"
tws select 2025 2025-05-16 -q >/dev/null || { echo "FAIL: select 2025"; fail=1; }
o=$(tws run 2025 2025-12-31); rc=$?
[ $rc = 1 ] || { echo "FAIL: doc_number used: exit $rc, want 1"; fail=1; }
echo "$o" | grep -qF "$ini25:第5行: 配置项 approval.doc_number 的值“18”无效：发文字号 德职院政发〔2025〕18号 已用于 2024 年度的考核结果通报（成文日期 2025-01-06），请填写发文登记簿中未用的文号" \
  || { echo "FAIL: doc_number used: message: $o"; fail=1; }
[ ! -e "$out/2025/认定通知.pdf" ] || { echo "FAIL: doc_number used: 认定通知 written"; fail=1; }
sed -i 's/^doc_number = 18/doc_number = 19/' "$ini25"
o=$(tws run 2025 2025-12-31); rc=$?
[ $rc = 0 ] && [ "$(sql "SELECT number FROM documents WHERE year = 2025 AND kind = '认定通知'")" = "德职院政发〔2025〕19号" ] \
  || { echo "FAIL: doc_number 19: exit $rc: $o"; fail=1; }
# Without the meeting the notice keeps its plain words.
pdftotext "$out/2025/认定通知.pdf" - 2>/dev/null | tr -d ' \n' | grep -qF "公示结束后建议名单报学校研究，决定认定" \
  || { echo "FAIL: 认定通知 without a meeting"; fail=1; }

# 6. The main input/tws.ini may not hold a year's decision.
printf '\n[approval]\ndecided_on = 2024-05-27\n' >>"$in/tws.ini"
o=$(tws check 2024 2024-12-31); rc=$?
[ $rc = 1 ] && echo "$o" | grep -qF "配置项 approval.decided_on 是某一年度学校研究决定的记录，只能写在该年度的配置文件 input/<年度>/tws.ini 中" \
  || { echo "FAIL: decided_on in the main tws.ini: exit $rc: $o"; fail=1; }

# 7. Nothing recommended: nothing for the school to decide; the year goes on without decided_on.
in="$work/in7"; out="$work/out7"; reg="$out/r.sqlite3"
mkdir -p "$in" && cp -r input/tws.ini input/2024 "$in/" && rm "$in/2024/performance.xlsx"
printf '[publicity]\nstart_date = 2024-05-20\n[selection]\nthreshold = 99.5\n' >"$in/2024/tws.ini"
tws select 2024 2024-05-16 -q >/dev/null || { echo "FAIL: empty list: select"; fail=1; }
o=$(tws run 2024 2024-12-31); rc=$?
[ $rc = 0 ] && echo "$o" | grep -qF "【认定】完成：本年度建议名单为空，没有认定任何工作站，不印发认定通知，未使用发文字号（2024-05-23）" \
  || { echo "FAIL: empty list without decided_on: exit $rc: $o"; fail=1; }

# 8. The assessment's decision may not precede the approval the registry recorded, even
#    when [approval] has since been taken out of the year's tws.ini.
in="$work/in8"; out="$work/out8"; reg="$out/r.sqlite3"
mkdir -p "$in" && cp -r input/tws.ini input/2024 "$in/"
tws select 2024 2024-05-16 -q >/dev/null && tws approve 2024 2024-06-03 -q >/dev/null || { echo "FAIL: 8: select/approve"; fail=1; }
printf '[publicity]\nstart_date = 2024-05-20\n[assessment]\ndecided_on = 2024-05-21\n' >"$in/2024/tws.ini"
o=$(tws assess 2024 2024-12-31); rc=$?
[ $rc = 1 ] && echo "$o" | grep -qF "配置项 assessment.decided_on 的值“2024-05-21”无效：早于本年度的认定日期 2024-05-23" \
  || { echo "FAIL: assessment decided before the recorded approval: exit $rc: $o"; fail=1; }

[ $fail = 0 ] && echo "school_decision: ok"
exit $fail
