#!/usr/bin/env bash
# The 年度工作简报 (`tws brief`, issue 19 item 4) for the sample years 2024–2026: one or
# two pages; the figures read back with pdftotext equal the registry's (queried here in
# SQLite), the funding total and its 大写 equal the 考核汇总.xlsx's, and the charts' value
# labels (pdftotext -bbox, the numbers over each bar) equal the registry's counts and
# amounts. Refusals: before the year's assessment, and over a file tws did not write.
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"
. tests/lib/sample_years.sh
out=$work/o
reg=$out/registry.sqlite3

# Before the assessment there is nothing to report: exit 1, nothing written.
"$TWS_BIN" select --year 2024 --date 2024-05-16 --input input --output "$out" --registry "$reg" -q
msg=$("$TWS_BIN" brief --year 2024 --date 2024-05-20 --input input --output "$out" --registry "$reg" 2>&1)
rc=$?
[ $rc -eq 1 ] || { echo "FAIL: brief before the assessment: exit $rc (want 1)"; fail=1; }
case "$msg" in *"2024 年度的年度考核尚未完成，无法编印工作简报"*) ;; *) echo "FAIL: message: $msg"; fail=1 ;; esac
[ ! -e "$out/2024/工作简报.pdf" ] || { echo "FAIL: a brief was written before the assessment"; fail=1; }

run_sample_years "$out"
for y in 2024 2025 2026; do
  "$TWS_BIN" brief --year $y --date $y-12-31 --input input --output "$out" --registry "$reg" -q \
    || { echo "FAIL: tws brief --year $y exit $?"; fail=1; }
done

# Made again: the same bytes (the file is ours, so it may be replaced).
cp "$out/2026/工作简报.pdf" "$work/first.pdf"
"$TWS_BIN" brief --year 2026 --date 2026-12-31 --input input --output "$out" --registry "$reg" -q \
  || { echo "FAIL: second tws brief --year 2026"; fail=1; }
cmp -s "$work/first.pdf" "$out/2026/工作简报.pdf" || { echo "FAIL: the brief is not deterministic"; fail=1; }

/usr/bin/python3 - "$out" "$reg" <<'PY' || fail=1
import re, sqlite3, subprocess, sys
import openpyxl
out, reg = sys.argv[1], sys.argv[2]
db = sqlite3.connect(reg)
bad = 0
def check(ok, what):
    global bad
    if not ok:
        print("FAIL:", what)
        bad = 1

def figures(y):
    """What the registry holds for year y."""
    q = lambda sql, *a: db.execute(sql, a).fetchall()
    counts = dict(re.findall(r'"(\w+)":([0-9]+)', q("SELECT counts FROM phases WHERE year=? AND phase='select'", y)[0][0]))
    rec = q("SELECT recommended FROM selections WHERE year=?", y)[0][0]
    def in_term(year):
        return q("""SELECT COUNT(*) FROM stations WHERE first_year <= ?1 AND ?1 < first_year + term_years
                    AND (revoked_on IS NULL OR CAST(substr(revoked_on,1,4) AS INTEGER) >= ?1)""", year)[0][0]
    grades = lambda year: dict(q("SELECT grade, COUNT(*) FROM assessments WHERE year=? GROUP BY grade", year))
    first = q("SELECT MIN(first_year) FROM stations")[0][0]
    return {
        "applications": int(counts["applications"]), "eligible": int(counts["eligible"]),
        "publicized": len([r for r in rec.split(",") if r]),
        "approved": q("SELECT COUNT(*) FROM stations WHERE first_year=?", y)[0][0],
        "in_term": in_term(y), "grades": grades(y),
        "revoked": q("SELECT COUNT(*) FROM revocations WHERE substr(revoked_on,1,4)=?", str(y))[0][0],
        "funded": q("SELECT COUNT(DISTINCT station_code) FROM funding WHERE year=?", y)[0][0],
        "total": q("SELECT SUM(amount) FROM funding WHERE year=?", y)[0][0] or 0,
        "departments": sorted(a for (a,) in q("SELECT SUM(amount) FROM funding WHERE year=? GROUP BY department", y)),
        "years": list(range(first, y + 1)),
        "in_term_by_year": [in_term(t) for t in range(first, y + 1)],
        "assessed_by_year": [sum(grades(t).values()) for t in range(first, y + 1)],
    }

def workbook(y):
    """The 考核汇总.xlsx's funding total (合计 row) and the 大写 of its 经费 note."""
    wb = openpyxl.load_workbook(f"{out}/{y}/考核汇总.xlsx", data_only=True)
    ws = wb["考核汇总"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    col = rows[1].index("经费（元）")
    total = next(r[col] for r in rows if r[0] == "合计")
    note = next(c.value for r in wb["经费"].iter_rows() for c in r
                if isinstance(c.value, str) and c.value.startswith(f"{y}年度下达经费合计"))
    return total, re.search(r"合计¥[0-9,.]+（([^）]+)）", note).group(1)

def words(pdf, page):
    """pdftotext -bbox words of one page: (x centre, y top, text)."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), pdf, "-"],
                          capture_output=True, text=True, check=True).stdout
    return [((float(a) + float(c)) / 2, float(b), t) for a, b, c, d, t in
            re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)]

def regions(pdf, pages):
    """The words under each caption (图1, 图2, 图3, 表1) down to the next one on its page."""
    marks, all_words = [], {}
    for p in range(1, pages + 1):
        all_words[p] = words(pdf, p)
        marks += [(p, y, t) for x, y, t in all_words[p] if re.fullmatch(r"[图表][0-9]", t)]
    marks.sort()
    out = {}
    for i, (p, y, t) in enumerate(marks):
        end = marks[i + 1][1] if i + 1 < len(marks) and marks[i + 1][0] == p else 1e9
        out[t] = [w for w in all_words[p] if y < w[1] < end]
    return out

def over_bars(region, categories):
    """For each category label, the topmost number over it: the bar's value label."""
    labels = []
    for cat in categories:
        at = [w for w in region if w[2] == cat]
        if not at:
            labels.append(None)
            continue
        x, y, _ = at[0]
        above = [w for w in region if abs(w[0] - x) < 4 and w[1] < y and re.fullmatch(r"[0-9,]+(\.[0-9]+)?", w[2])]
        labels.append(min(above, key=lambda w: w[1])[2] if above else None)
    return labels

for y in (2024, 2025, 2026):
    pdf = f"{out}/{y}/工作简报.pdf"
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    check(1 <= pages <= 2, f"{y}: {pages} pages (want 1 or 2)")
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout)
    f = figures(y)
    g = f["grades"]
    total, total_words = workbook(y)
    check(abs(total - f["total"]) < 0.005, f"{y}: registry funding {f['total']} != 考核汇总 {total}")
    money = f"{total:,.2f}"
    expected = [
        "技师工作站工作简报", f"第{y - 2023}期", "组织人事处编印", f"{y}年12月31日",
        f"受理“技师工作站”申报{f['applications']}项", f"符合条件的{f['eligible']}项", f"公示{f['publicized']}项",
        f"认定新建工作站{f['approved']}个", f"在聘的技师工作站{f['in_term']}个",
        f"参加年度考核{sum(g.values())}个", f"优秀{g.get('优秀', 0)}个、合格{g.get('合格', 0)}个、不合格{g.get('不合格', 0)}个",
        f"撤销资格{f['revoked']}个" if f["revoked"] else "没有撤销资格",
        f"下达资助期内{f['funded']}个工作站", f"合计人民币{money}元（{total_words}）",
        f"合计（{total_words}）", "报：学校领导", "送：各部门",
    ]
    for e in expected:
        check(e in text, f"{y}: “{e}” not in the brief")
    r = regions(pdf, pages)
    check(set(r) == {"图1", "图2", "图3", "表1"}, f"{y}: captions {sorted(r)}")
    cats = [str(t) for t in f["years"]]
    got = over_bars(r.get("图1", []), cats)
    check(got == [str(n) for n in f["assessed_by_year"]], f"{y}: 图1 totals {got} != {f['assessed_by_year']}")
    for name in ("优秀", "合格", "不合格", "工作站数（个）", "年度"):
        check(any(w[2] == name for w in r.get("图1", [])), f"{y}: 图1 has no “{name}”")
    got = over_bars(r.get("图3", []), cats)
    check(got == [str(n) for n in f["in_term_by_year"]], f"{y}: 图3 values {got} != {f['in_term_by_year']}")
    amounts = sorted(float(w[2].replace(",", "")) for w in r.get("图2", []) if re.fullmatch(r"[0-9,]+\.[0-9]{2}", w[2]))
    check(amounts == f["departments"], f"{y}: 图2 labels {amounts} != registry by department {f['departments']}")
    check(abs(sum(amounts) - total) < 0.005, f"{y}: 图2 labels sum {sum(amounts)} != 考核汇总 {total}")
sys.exit(bad)
PY

# [brief] names the readers and the 期号; no phase reads it, so the year's phases stay
# unchanged when it is set.
cp input/tws.ini "$work/tws.ini"
printf '\n[brief]\nto = 学校领导、校党委\nfirst_issue = 5\n' >> "$work/tws.ini"
run=$("$TWS_BIN" run --year 2026 --date 2026-12-31 --config "$work/tws.ini" --input input --output "$out" --registry "$reg" 2>&1) \
  || { echo "FAIL: tws run with [brief] set: $run"; fail=1; }
case "$run" in *】完成：*|*】失败*) echo "FAIL: [brief] changed a phase's inputs: $run"; fail=1 ;; esac
"$TWS_BIN" brief --year 2026 --date 2026-12-31 --config "$work/tws.ini" --input input --output "$out" --registry "$reg" -q \
  || { echo "FAIL: tws brief with [brief] set"; fail=1; }
text=$(pdftotext "$out/2026/工作简报.pdf" - | tr -d ' \n')
case "$text" in *第7期*报：学校领导、校党委*) ;; *) echo "FAIL: [brief] to / first_issue not in the brief"; fail=1 ;; esac

# A file of the same name that tws did not write is never replaced.
echo "a scan" > "$out/2025/工作简报.pdf"
msg=$("$TWS_BIN" brief --year 2025 --date 2025-12-31 --input input --output "$out" --registry "$reg" 2>&1)
rc=$?
[ $rc -eq 1 ] || { echo "FAIL: brief over a foreign file: exit $rc (want 1)"; fail=1; }
case "$msg" in *"不是 tws 编印的工作简报"*) ;; *) echo "FAIL: message: $msg"; fail=1 ;; esac
[ "$(cat "$out/2025/工作简报.pdf")" = "a scan" ] || { echo "FAIL: a foreign 工作简报.pdf was replaced"; fail=1; }
exit $fail
