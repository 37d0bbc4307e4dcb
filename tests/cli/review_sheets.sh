#!/usr/bin/env bash
# Issue 19 item 2: 专家评分表 out and back (第五条（三）). `tws review-sheets` writes one
# workbook per expert of [review] experts (only the score cells unlocked, the id in a
# hidden sheet); filled by a script as an expert would and dropped into reviews/, they
# give select the same 评审汇总 and 公示名单 as the same scores in reviews.xlsx; a changed
# pre-filled cell, a score out of range, a second return of an expert are errors at
# their cells (exit 1, nothing written); a sheet not yet returned keeps select waiting.
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"
py=/usr/bin/python3
panel="黄凤琴、韩光辉，高建军,袁立平、蔡德顺"  # the experts of the sample's reviews.xlsx, in its order

# An input folder of the 2026 sample year alone: its three re-applications settled by
# 资格核实 rows (this test's registry has no earlier years); reviews.xlsx holds the scores
# of the applications given (none: only the header), in the sample's order.
make_input() {  # DIR [IDS...]
  local dir=$1; shift
  mkdir -p "$dir/2026"
  cp input/tws.ini "$dir/tws.ini"
  cp input/2026/applications.xlsx "$dir/2026/"
  { cat input/2026/tws.ini; printf '\n[review]\nexperts = %s\n' "$panel"; } >"$dir/2026/tws.ini"
  "$py" - input/2026/reviews.xlsx "$dir/2026/reviews.xlsx" "$@" <<'PY'
import openpyxl, sys
src, dst, keep = sys.argv[1], sys.argv[2], set(sys.argv[3:])
wb = openpyxl.load_workbook(src)
ws = wb["专家评分"]
rows = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] in keep]
ws.delete_rows(2, ws.max_row)
for r in rows:
    ws.append(list(r))
v = wb.create_sheet("资格核实")
v.append(["申报编号", "条款", "结论", "说明"])
for i in ("2026-01", "2026-02", "2026-03"):
    v.append([i, "第三条", "通过", "组织人事处核查上一聘期考核结果"])
wb.save(dst)
PY
}
opts() { echo --config "$1/tws.ini" --input "$1" --output "$2" --registry "$2/registry.sqlite3" --date 2026-05-20 -q; }

# 1. A missing panel is an error naming the file and the key.
mkdir -p "$work/none/2026"
cp input/tws.ini "$work/none/"
cp input/2026/applications.xlsx input/2026/tws.ini "$work/none/2026/"
out=$("$TWS_BIN" review-sheets --year 2026 $(opts "$work/none" "$work/o0") 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -qF "未设置评审专家：请在 $work/none/2026/tws.ini 的 [review] 中填写 experts" \
  || { echo "FAIL: no [review] experts: exit $rc: $out"; fail=1; }

# 2. The sheets: one per expert, the eligible applications pre-filled, only the score and
# opinion cells unlocked, scores validated 0–100, the id in the hidden 评分表信息.
make_input "$work/b"
"$TWS_BIN" review-sheets --year 2026 $(opts "$work/b" "$work/ob") || { echo "FAIL: review-sheets exit $?"; fail=1; }
sheets="$work/ob/2026/专家评分表"
[ "$(ls "$sheets" | wc -l)" = 5 ] && [ -f "$sheets/2026年度专家评分表-高建军.xlsx" ] || { echo "FAIL: sheets: $(ls "$sheets")"; fail=1; }
"$py" - "$sheets" >"$work/listed" <<'PY' || fail=1
import openpyxl, os, sys
ids = None
for name in sorted(os.listdir(sys.argv[1])):
    wb = openpyxl.load_workbook(os.path.join(sys.argv[1], name))
    ws, info = wb["专家评分"], wb["评分表信息"]
    meta = {r[0]: r[1] for r in info.iter_rows(values_only=True)}
    expert = meta["评审专家"]
    problems = []
    if info.sheet_state != "hidden": problems.append("评分表信息 not hidden")
    if not meta["评分表编号"].startswith("2026-") or expert not in name: problems.append("id/expert %r" % meta)
    if not ws.protection.sheet: problems.append("sheet not protected")
    if ws["A2"].value.find("评审专家：" + expert) < 0 or meta["评分表编号"] not in ws["A2"].value: problems.append("A2 %r" % ws["A2"].value)
    heads = [c.value for c in ws[3]]
    if heads[:7] != ["序号", "申报编号", "工作站名称", "所在部门", "领办人", "资格审查", "提示事项"] or heads[7] != "评分\n（0–100）" or heads[8] != "评审意见":
        problems.append("header %r" % heads)
    rows = [r for r in ws.iter_rows(min_row=4) if r[1].value]
    listed = [r[1].value for r in rows]
    ids = ids or listed
    if listed != ids: problems.append("lists differ")
    for r in rows:
        unlocked = [c.column_letter for c in r if c.protection.locked is False]
        if unlocked != ["H", "I"]: problems.append("row %d unlocked %r" % (r[0].row, unlocked))
    dv = [d for d in ws.data_validations.dataValidation if d.type == "decimal"]
    if not dv or dv[0].operator not in (None, "between") or float(dv[0].formula1) != 0 or float(dv[0].formula2) != 100:
        problems.append("validation")
    if problems: print("FAIL:", name, problems, file=sys.stderr); sys.exit(1)
print(" ".join(ids))
PY
listed=$(cat "$work/listed")
case " $listed " in *" 2026-01 "*) ;; *) echo "FAIL: listed applications: $listed"; fail=1;; esac
# The sheets of the same inputs are the same bytes.
cp -r "$sheets" "$work/first"
"$TWS_BIN" review-sheets --year 2026 $(opts "$work/b" "$work/ob") >/dev/null || { echo "FAIL: review-sheets again"; fail=1; }
diff -r "$work/first" "$sheets" >/dev/null || { echo "FAIL: review-sheets not deterministic"; fail=1; }
echo "ok  review-sheets writes one protected sheet per expert"

# 3. Filled as an expert would (score and opinion cells only, from the sample's
# reviews.xlsx), saved under another name into reviews/.
fill() {  # SHEETS_DIR REVIEWS_DIR [split]: split = scores into the three items H, I, J
  mkdir -p "$2"
  "$py" - input/2026/reviews.xlsx "$@" <<'PY'
import openpyxl, os, sys
src, sheets, dest = sys.argv[1:4]
split = len(sys.argv) > 4
scores = {(r[0], r[1]): (r[2], r[3]) for r in openpyxl.load_workbook(src)["专家评分"].iter_rows(min_row=2, values_only=True)}
for name in sorted(os.listdir(sheets)):
    wb = openpyxl.load_workbook(os.path.join(sheets, name))
    ws = wb["专家评分"]
    expert = {r[0]: r[1] for r in wb["评分表信息"].iter_rows(values_only=True)}["评审专家"]
    row = 4
    while ws.cell(row, 2).value:
        score, opinion = scores[(ws.cell(row, 2).value, expert)]
        if split:
            a = round(score * 0.4, 1); b = round(score * 0.3, 1)
            for col, v in ((8, a), (9, b), (10, round(score - a - b, 1))): ws.cell(row, col).value = v
            ws.cell(row, 12).value = opinion
        else:
            ws.cell(row, 8).value = score
            ws.cell(row, 9).value = opinion
        row += 1
    wb.save(os.path.join(dest, expert + "-已评.xlsx"))
PY
}
fill "$sheets" "$work/b/2026/reviews"
# The equivalent reviews.xlsx: the same scores of the listed applications.
# shellcheck disable=SC2086
make_input "$work/a" $listed
"$TWS_BIN" select --year 2026 $(opts "$work/a" "$work/oa") || { echo "FAIL: select with reviews.xlsx exit $?"; fail=1; }
"$TWS_BIN" select --year 2026 $(opts "$work/b" "$work/ob") || { echo "FAIL: select with returned sheets exit $?"; fail=1; }
summary() {  # OUT: the 评审汇总 sheet's values, then the 公示名单's text
  "$TWS_BIN" inspect "$1/2026/资格审查汇总.xlsx" --sheet 评审汇总
  pdftotext -layout "$1/2026/公示名单.pdf" -
}
summary "$work/oa" >"$work/a.txt"; summary "$work/ob" >"$work/b.txt"
grep -q "黄凤琴" "$work/a.txt" && grep -q "推荐" "$work/a.txt" || { echo "FAIL: 评审汇总 lacks the experts"; fail=1; }
diff "$work/a.txt" "$work/b.txt" >/dev/null || { echo "FAIL: returned sheets give another 评审汇总 or 公示名单:"; diff "$work/a.txt" "$work/b.txt" | head -10; fail=1; }
echo "ok  returned sheets give the same 评审汇总 and 公示名单 as reviews.xlsx"

# 4. A changed return is an input change of select: a score corrected before approval
# gives a new 评审汇总.
"$py" - "$work/b/2026/reviews/黄凤琴-已评.xlsx" <<'PY'
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1]); wb["专家评分"]["H4"].value = 60; wb.save(sys.argv[1])
PY
"$TWS_BIN" select --year 2026 $(opts "$work/b" "$work/ob") || { echo "FAIL: select after a corrected return exit $?"; fail=1; }
summary "$work/ob" >"$work/b2.txt"
! diff -q "$work/b.txt" "$work/b2.txt" >/dev/null || { echo "FAIL: a changed return left select as it was"; fail=1; }
echo "ok  the returns are select's inputs"

# 5. Tampered: a 申报编号 changed and a score of 150: each at its file and cell, exit 1, nothing written.
for case in tamper dup missing; do cp -r "$work/b" "$work/$case"; done
"$py" - "$work/tamper/2026/reviews/韩光辉-已评.xlsx" <<'PY'
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb["专家评分"]
ws["B4"].value = "2026-99"; ws["H5"].value = 150
wb.save(sys.argv[1])
PY
out=$("$TWS_BIN" select --year 2026 $(opts "$work/tamper" "$work/ot") 2>&1); rc=$?
f="$work/tamper/2026/reviews/韩光辉-已评.xlsx"
first=${listed%% *}
[ $rc = 1 ] || { echo "FAIL: tampered sheet exit $rc"; fail=1; }
for m in "$f:专家评分!B4: 此单元格是预填内容，不能改动：原为“$first”，现为“2026-99”" \
         "$f:专家评分!H5: 分数 150 超出 0–100 的范围"; do
  echo "$out" | grep -qF "$m" || { echo "FAIL: missing «$m»: $out"; fail=1; }
done
[ ! -e "$work/ot/2026/资格审查汇总.xlsx" ] && [ ! -e "$work/ot/2026/公示名单.pdf" ] || { echo "FAIL: a tampered return wrote output"; fail=1; }
echo "ok  a tampered sheet is reported by file and cell"

# 6. The same expert's sheet returned twice: an error naming both files.
cp "$work/dup/2026/reviews/袁立平-已评.xlsx" "$work/dup/2026/reviews/袁立平（修改）.xlsx"
out=$("$TWS_BIN" select --year 2026 $(opts "$work/dup" "$work/od") 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -qF "$work/dup/2026/reviews/袁立平（修改）.xlsx:评分表信息!B3: 评审专家“袁立平”的评分表交回了两份：另一份是 $work/dup/2026/reviews/袁立平-已评.xlsx（评分表编号相同）" \
  || { echo "FAIL: duplicate return: exit $rc: $out"; fail=1; }
[ ! -e "$work/od/2026/公示名单.pdf" ] || { echo "FAIL: a duplicate return wrote output"; fail=1; }
echo "ok  a duplicate return is reported"

# 7. A sheet not returned yet: select waits (exit 0, nothing written) and names the expert.
rm "$work/missing/2026/reviews/蔡德顺-已评.xlsx"
out=$("$TWS_BIN" select --year 2026 $(opts "$work/missing" "$work/om" | sed 's/ -q//') 2>&1); rc=$?
[ $rc = 0 ] && echo "$out" | grep -qF "未到/跳过：专家评分尚未收齐：蔡德顺 的专家评分表还没有交回 reviews/" \
  || { echo "FAIL: missing expert: exit $rc: $out"; fail=1; }
[ ! -e "$work/om/2026/公示名单.pdf" ] || { echo "FAIL: select ran without every expert"; fail=1; }
echo "ok  select waits for every expert's sheet"

# 8. Items with points ([review] criteria): the 合计 by formula, the same 评审汇总.
make_input "$work/c"
printf 'criteria = 目标任务:40、条件保障：30，预期效益:30\n' >>"$work/c/2026/tws.ini"
"$TWS_BIN" review-sheets --year 2026 $(opts "$work/c" "$work/oc") || { echo "FAIL: review-sheets with items exit $?"; fail=1; }
"$py" - "$work/oc/2026/专家评分表/2026年度专家评分表-黄凤琴.xlsx" <<'PY' || { echo "FAIL: items sheet"; fail=1; }
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])["专家评分"]
heads = [c.value for c in ws[3]][7:]
assert heads == ["目标任务\n（40分）", "条件保障\n（30分）", "预期效益\n（30分）", "合计\n（100分）", "评审意见"], heads
assert ws["K4"].value == "=SUM(H4:J4)", ws["K4"].value
assert [c.column_letter for c in ws[4] if c.protection.locked is False] == ["H", "I", "J", "L"]
PY
fill "$work/oc/2026/专家评分表" "$work/c/2026/reviews" split
"$TWS_BIN" select --year 2026 $(opts "$work/c" "$work/oc") || { echo "FAIL: select with items exit $?"; fail=1; }
summary "$work/oc" >"$work/c.txt"
diff "$work/a.txt" "$work/c.txt" >/dev/null || { echo "FAIL: items give another 评审汇总:"; diff "$work/a.txt" "$work/c.txt" | head -6; fail=1; }
echo "ok  items with points sum to the same scores"

[ $fail = 0 ] && echo "review_sheets: ok"
exit $fail
