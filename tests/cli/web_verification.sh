#!/usr/bin/env bash
# Issue 17, the decisions page: a 待核实 item of select is listed with a form; the finding
# entered there lands in reviews.xlsx's 资格核实 sheet (a new version of the reviews slot,
# checked and installed, the previous one kept), and select then follows it.
set -u
fail=0
work=$(mktemp -d)
trap 'stop_server; rm -rf "$work"' EXIT
source "$TWS_ROOT/tests/web/lib.sh"

# 2024 without its findings and without a fixed publicity start: select stops at 2024-06.
sed -i '/^start_date/d' "$work/in/2024/tws.ini"
/usr/bin/python3 - "$work/in/2024/reviews.xlsx" <<'PY'
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
del wb["资格核实"]
wb.save(sys.argv[1])
PY
cp "$work/in/2024/reviews.xlsx" "$work/reviews-before.xlsx"
start_server
login hr1 >/dev/null
page=$(c hr1 "$base/decisions?year=2024")
has "$page" 'name="id0" value="2024-06"' "the 待核实 item listed"
has "$page" "主管技师" "what is to be verified"

# A finding without a note is refused; nothing changes.
t=$(csrf hr1 "/decisions?year=2024")
page=$(c hr1 --data-urlencode "csrf=$t" -d year=2024 -d id0=2024-06 --data-urlencode "clause0=第四条（一）" \
  --data-urlencode "result0=不通过" "$base/verifications")
has "$page" "须有一行说明" "a finding without a note"
cmp -s "$work/reviews-before.xlsx" "$work/in/2024/reviews.xlsx" || { echo "FAIL: reviews.xlsx changed"; fail=1; }

# The finding saved: a new reviews version, installed, with the row in 资格核实.
loc=$(c hr1 -o /dev/null -w '%{redirect_url}' --data-urlencode "csrf=$t" -d year=2024 -d id0=2024-06 \
  --data-urlencode "clause0=第四条（一）" --data-urlencode "result0=不通过" \
  --data-urlencode "note0=组织人事处核查证书：主管技师为职称，核查人张敏" "$base/verifications")
has "$(c hr1 "$loc")" "已安装" "the new reviews version installed"
sheet=$("$TWS_BIN" inspect "$work/in/2024/reviews.xlsx" --sheet 资格核实)
has "$sheet" "2024-06	第四条（一）	不通过	组织人事处核查证书：主管技师为职称，核查人张敏" "the row in 资格核实"
scores_before=$("$TWS_BIN" inspect "$work/reviews-before.xlsx" --sheet 专家评分)
scores_after=$("$TWS_BIN" inspect "$work/in/2024/reviews.xlsx" --sheet 专家评分)
[ "$scores_before" = "$scores_after" ] || { echo "FAIL: the scores changed when the finding was added"; fail=1; }
has "$(c hr1 "$base/upload?year=2024")" "原有文件" "the previous reviews.xlsx kept in the history"
has "$(c hr1 "$base/decisions?year=2024")" "没有待核实的事项" "nothing left to verify"

# select follows the record, as the CLI would.
out=$("$TWS_BIN" check --year 2024 --date 2024-05-16 "${opts[@]}" 2>&1)
has "$out" "【资格审查与评审】可以完成" "select can run after the finding"
has "$(c admin1 "$base/admin" 2>/dev/null; login admin1 >/dev/null; c admin1 "$base/admin")" "资格核实 1 条" "audit of the finding"
exit $fail
