#!/usr/bin/env bash
# The PDF documents of the phases (issue 4 part 2–3), measured from the files with
# poppler: the sample years 2024–2026 run in order (tws run --year Y --date Y-12-31), then
#  - every document exists (公示名单, 申报认定表/<申报编号>-<名称>.pdf per application,
#    认定通知, 考核结果通报, 经费下达通知), A4, expected page counts, fonts embedded and
#    subset, title and author set;
#  - pdftotext -layout shows the expected text in order (README's designed outcomes);
#  - public documents contain no 18-digit ID and no 11-digit mobile number; the internal
#    form does, and is mode 0640;
#  - no line (or table-cell line) starts with a closing punctuation mark;
#  - GB/T 9704 grid on the full body page 2 of 认定通知 (pdf_grid.py figures printed);
#  - 版记 on an even page (duplex); --letterhead preprinted leaves the 版头 empty;
#  - a fresh run into another folder gives byte-identical PDFs;
#  - a missing font is an environment error (exit 3).
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"
run_all() { # outdir [extra args]
  local out=$1; shift
  for y in 2024 2025 2026; do  # selection before the configured publicity start, the rest at year end
    "$TWS_BIN" select --year $y --date $y-05-16 --input input --output "$out" --registry "$out/registry.sqlite3" -q "$@" \
      || { echo "FAIL: tws select --year $y $* exit $?"; fail=1; }
    "$TWS_BIN" run --year $y --date $y-12-31 --input input --output "$out" --registry "$out/registry.sqlite3" -q "$@" \
      || { echo "FAIL: tws run --year $y $* exit $?"; fail=1; }
  done
}
start=$(date +%s%N)
run_all "$work/a"
echo "three years run in $(( ($(date +%s%N) - start) / 1000000 )) ms"
/usr/bin/python3 - "$work/a" "$TWS_SHARED/tools/pdf_grid.py" <<'PY' || fail=1
import os, re, subprocess, sys, glob, stat
out, grid_tool = sys.argv[1], sys.argv[2]
MM = 72 / 25.4
bad = []
def sh(*a):
    return subprocess.run(a, capture_output=True, text=True).stdout
def flat(s):
    return re.sub(r"\s+", "", s)
def in_order(text, parts, what):
    f, at = flat(text), 0
    for p in parts:
        k = f.find(flat(p), at)
        if k < 0:
            bad.append(f"{what}: missing or out of order: {p}")
        else:
            at = k + len(flat(p))
ID = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
CLOSING = set("，。、；：？！）》」』〕】〉”’…")
def check_pdf(path, pages=None, public=True, title=None):
    info = sh("pdfinfo", path)
    if "(A4)" not in info: bad.append(f"{path}: not A4")
    n = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    if pages is not None and n != pages: bad.append(f"{path}: {n} pages, want {pages}")
    if not re.search(r"Author:\s+德州职业技术学院", info): bad.append(f"{path}: author not set")
    if title and title not in flat(info): bad.append(f"{path}: title {title!r} not in info")
    for line in sh("pdffonts", path).splitlines()[2:]:
        f = line.split()
        if len(f) >= 7 and (f[-5] != "yes" or f[-4] != "yes"): bad.append(f"{path}: font not embedded/subset: {line}")
    text = sh("pdftotext", "-layout", path, "-")
    if public:
        if ID.search(text): bad.append(f"{path}: an ID number in a public document")
        if MOBILE.search(text): bad.append(f"{path}: a mobile number in a public document")
    for line in text.splitlines():
        for seg in re.split(r"\s{2,}", line.strip()):
            if seg and seg[0] in CLOSING: bad.append(f"{path}: line starts with a closing mark: {line.strip()}")
    return n, text

sizes = {}
for y in (2024, 2025, 2026):
    d = f"{out}/{y}"
    n, t = check_pdf(f"{d}/公示名单.pdf", title="建议名单的公示")
    sizes[f"{y}/公示名单.pdf"] = n
    forms = sorted(glob.glob(f"{d}/申报认定表/*.pdf"))
    if len(forms) != 12: bad.append(f"{y}: {len(forms)} forms, want 12")
    for f in forms:
        if stat.S_IMODE(os.stat(f).st_mode) != 0o640: bad.append(f"{f}: mode {oct(os.stat(f).st_mode)} want 0640")
    for name, kind in (("认定通知.pdf", "notice"), ("考核结果通报.pdf", "report"), ("经费下达通知.pdf", "funding")):
        if not os.path.exists(f"{d}/{name}"): bad.append(f"missing {y}/{name}")

# 2026: the designed outcomes (input/README.md).
d = f"{out}/2026"
n, t = check_pdf(f"{d}/公示名单.pdf", pages=2)
in_order(t, ["关于2026年度“技师工作站”", "建议名单的公示", "第五条（三）", "建议名单6个",
             "公示期为2026年5月25日至2026年5月27日，共3个工作日", "联系电话：0534-2328000",
             "序号", "工作站名称", "所在部门", "职业（工种）", "领办人", "领办人称号",
             # department by stroke count (化 4, 机 6, 汽 7, 纺 7), leaders by stroke (王 李 邵)
             "化工与医药系", "朱慧敏", "德州市首席技师", "数控加工", "王建国", "钳工", "李长海", "中华技能大奖",
             "制冷与空调", "邵国庆", "汽车工程系", "马骏", "山东省技术能手", "纺织服装系", "薛晓红",
             "组织人事处", "2026年5月25日"], "2026 公示名单")
n, t = check_pdf(f"{d}/认定通知.pdf", pages=4, title="认定名单的通知")
in_order(t, ["德州职业技术学院文件", "德职院政发〔2026〕18号", "关于公布2026年度“技师工作站”", "认定名单的通知",
             "各部门，各单位：", "第五条的规定", "2026年5月25日至2026年5月27日", "第五条（四）",
             "李长海、王建国、马骏等6名同志", "一、聘期与经费", "自2026年5月28日至2028年5月27日", "2万元",
             "二、工作任务", "三、管理与考核", "附件：德州职业技术学院2026年度“技师工作站”认定", "名单",
             "德州职业技术学院", "2026年5月28日", "附件", "“技师工作站”认定名单",
             "JS202601", "钳工技师工作站", "李长海", "JS202606", "制冷与空调技师工作站", "邵国庆",
             "德州职业技术学院院长办公室", "2026年5月28日印发"], "2026 认定通知")
if "第18号" in flat(t) or "〔2026〕018" in flat(t): bad.append("认定通知: 发文字号 with 第 or a leading zero")
pages = t.split("\f")
if "2026年5月28日印发" not in flat(pages[3]): bad.append("认定通知: 版记 not on page 4 (an even page)")
if "—4—" not in flat(pages[3]): bad.append("认定通知: page 4 not numbered")
n, t = check_pdf(f"{d}/考核结果通报.pdf", title="考核结果的通报")
if n % 2: bad.append(f"考核结果通报: {n} pages — 版记 not on an even page")
in_order(t, ["德州职业技术学院文件", "德职院政发〔2026〕19号", "关于2026年度“技师工作站”", "考核结果的通报",
             "第七条", "评定优秀3个、合格6个、不合格1个", "二、撤销资格", "无人机装调检修技师工作站（JS202502",
             "撤销其“技师工作站”资格", "三、经费支持", "9个工作站", "180,000.00元（壹拾捌万元整）",
             "附件", "JS202501", "81", "合格", "JS202502", "37", "不合格", "—", "JS202606", "62", "合格",
             "德州职业技术学院院长办公室", "2026年12月31日印发"], "2026 考核结果通报")
n, t = check_pdf(f"{d}/经费下达通知.pdf")
in_order(t, ["关于下达2026年度“技师工作站”", "项目经费的通知", "第八条", "9个", "180,000.00元（壹拾捌万元整）",
             "JS202501", "20,000.00", "合计（大写：壹拾捌万元整）", "180,000.00",
             "所在部门", "机电工程系", "80,000.00", "捌万元整", "组织人事处", "2026年12月31日"], "2026 经费下达通知")
# 2025: an upheld objection drops 2025-04 at approval; 2024-03 revoked.
n, t = check_pdf(f"{out}/2025/认定通知.pdf")
in_order(t, ["德职院政发〔2025〕18号", "模具制造技师工作站（申报编号2025-04，领办人魏宏伟）的异议成立，不予认定",
             "等4名同志"], "2025 认定通知")
n, t = check_pdf(f"{out}/2025/经费下达通知.pdf")
in_order(t, ["160,000.00元（壹拾陆万元整）"], "2025 经费下达通知")
# The internal form: ID numbers shown, criteria one by one, the four opinion boxes.
form = f"{d}/申报认定表/2026-01-数控加工技师工作站.pdf"
n, t = check_pdf(form, public=False, title="技师工作站申报（认定）表")
if not re.search(r"37142519\d*", t): bad.append("申报认定表: no ID number in the internal form")
in_order(t, ["技师工作站申报（认定）表", "2026-01", "数控加工技师工作站", "王建国", "入站人员", "荣誉与竞赛",
             "山东省技术能手", "资格审查结果", "第二条、", "第四条（一）", "通过", "第三条",
             "专家评审得分87.33，排名第2位，列入建议名单", "系部意见", "专家评审意见", "组织人事处审核意见",
             "学校审批意见", "年", "月", "日"], "申报认定表 2026-01")

# GB/T 9704 grid on 认定通知 page 2 (a body page), from pdftotext -bbox.
x = sh("pdftotext", "-bbox", "-f", "2", "-l", "2", f"{d}/认定通知.pdf", "-")
rows = {}
for a, b, c, e, w in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', x):
    a, b, c, e = map(float, (a, b, c, e))
    if not 13 <= e - b <= 19 or b / MM > 262: continue
    key = next((k for k in rows if abs(k - e) < 3), e)
    rows.setdefault(key, []).append((a, b, c, w))
lines = [(min(w[0] for w in ws) / MM, min(w[1] for w in ws) / MM, max(w[2] for w in ws) / MM) for k, ws in sorted(rows.items())]
# 22 lines, or 21 when keep-with-next takes a heading and its two-line paragraph over.
if len(lines) not in (21, 22): bad.append(f"grid: {len(lines)} body lines on page 2, want 22")
if lines and abs(lines[0][1] - 37) > 1: bad.append(f"grid: text starts {lines[0][1]:.2f} mm from the top")
if lines and abs(min(l[0] for l in lines) - 28) > 1: bad.append(f"grid: left edge {min(l[0] for l in lines):.2f} mm")
# Justified lines: those followed by a continuation line (flush left at 28 mm), i.e. not
# the last line of a paragraph.
full = [l for l, nxt in zip(lines, lines[1:]) if abs(nxt[0] - 28) < 0.5 and l[2] > 150]
ragged = max((abs(l[2] - 184) for l in full), default=0)
if ragged > 0.5: bad.append(f"grid: justified lines ragged by {ragged:.2f} mm")
print(f"grid page 2: {len(lines)} lines, top {lines[0][1]:.2f} mm, left {min(l[0] for l in lines):.2f} mm, "
      f"{len(full)} full lines, right edge within {ragged:.2f} mm of 184 mm")
print(sh("/usr/bin/python3", grid_tool, f"{d}/认定通知.pdf", "2").strip())
g = sh("/usr/bin/python3", grid_tool, f"{d}/认定通知.pdf").strip()
print(g)
if "over_184.5mm=0" not in g or "kinsoku=0" not in g: bad.append("pdf_grid: " + g)
for f in sorted(glob.glob(f"{d}/*.pdf")) + [form]:
    print(f"{os.path.relpath(f, out)}: {os.path.getsize(f)} bytes, {sh('pdfinfo', f).split('Pages:')[1].split()[0]} pages")
for b in bad: print("FAIL:", b)
sys.exit(1 if bad else 0)
PY
# Byte-identical PDFs from a fresh run (no wall clock, no random ids).
run_all "$work/b"
sums() { (cd "$1" && find . -name '*.pdf' -exec sha256sum {} + | sort); }
[ "$(sums "$work/a")" = "$(sums "$work/b")" ] || { echo "FAIL: two fresh runs give different PDFs"; diff <(sums "$work/a") <(sums "$work/b") | head; fail=1; }
# Pre-printed letterhead: no 发文机关标志, no red rule; the 发文字号 and the page count stay.
run_all "$work/c" --letterhead preprinted
t=$(pdftotext -layout "$work/c/2026/认定通知.pdf" - 2>/dev/null | tr -d ' \n')
case "$t" in *德州职业技术学院文件*) echo "FAIL: preprinted letterhead still prints the 发文机关标志"; fail=1;; esac
case "$t" in *德职院政发〔2026〕18号*) ;; *) echo "FAIL: preprinted letterhead lost the 发文字号"; fail=1;; esac
[ "$(pdfinfo "$work/c/2026/认定通知.pdf" 2>/dev/null | grep Pages)" = "$(pdfinfo "$work/a/2026/认定通知.pdf" 2>/dev/null | grep Pages)" ] \
  || { echo "FAIL: preprinted letterhead changed the page count"; fail=1; }
# A role with no font file: environment error, exit 3, nothing written.
mkdir -p "$work/fonts"; printf 'title = nope.ttf\nbody = nope.ttf\nheading1 = nope.ttf\nheading2 = nope.ttf\nnumber = nope.ttf\n' > "$work/fonts/fonts.ini"
sed "s|^fonts = .*|fonts = $work/fonts/fonts.ini|" input/tws.ini > "$work/tws.ini"
"$TWS_BIN" select --year 2024 --date 2024-05-16 --config "$work/tws.ini" --input input --output "$work/d" --registry "$work/d/registry.sqlite3" -q 2>"$work/err"
rc=$?
[ $rc = 3 ] || { echo "FAIL: missing fonts: exit $rc, want 3"; cat "$work/err"; fail=1; }
grep -q "字体" "$work/err" || { echo "FAIL: missing fonts not named: $(cat "$work/err")"; fail=1; }
[ ! -e "$work/d/2024/公示名单.pdf" ] || { echo "FAIL: a PDF written without fonts"; fail=1; }
[ $fail = 0 ] && echo "documents_pdf: ok"
exit $fail
