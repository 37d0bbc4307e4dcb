#!/usr/bin/env bash
# The sample years run in order against one registry (issue 3): every phase runs,
# a second run changes nothing (same bytes, same registry dump), the registry is
# 0600, and `tws registry export` writes the registry as xlsx.
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"
dump() { /usr/bin/python3 -c 'import sqlite3,sys; print("\n".join(sqlite3.connect(sys.argv[1]).iterdump()))' "$1"; }
run_all() { # outdir
  for y in 2024 2025 2026; do  # selection before the configured publicity start, the rest at year end
    "$TWS_BIN" select --year $y --date $y-05-16 --input input --output "$1" --registry "$1/registry.sqlite3" -q \
      || { echo "FAIL: tws select --year $y exit $?"; fail=1; }
    "$TWS_BIN" run --year $y --date $y-12-31 --input input --output "$1" --registry "$1/registry.sqlite3" -q \
      || { echo "FAIL: tws run --year $y exit $?"; fail=1; }
  done
}
run_all "$work/a"
for y in 2024 2025 2026; do
  for f in 资格审查汇总.xlsx 认定名单.xlsx 考核汇总.xlsx; do
    [ -s "$work/a/$y/$f" ] || { echo "FAIL: missing $y/$f"; fail=1; }
  done
done
[ "$(stat -c %a "$work/a/registry.sqlite3")" = 600 ] || { echo "FAIL: registry mode $(stat -c %a "$work/a/registry.sqlite3")"; fail=1; }
# Expected outcomes worked out by hand in input/README.md (the sample's design).
/usr/bin/python3 - "$work/a/registry.sqlite3" <<'PY' || fail=1
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
approved = [r[0] for r in c.execute("SELECT application_id FROM stations ORDER BY code")]
assert approved == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05",
                    "2025-01", "2025-02", "2025-03", "2025-05",
                    "2026-12", "2026-01", "2026-04", "2026-06", "2026-10", "2026-05"], approved
prev = dict(c.execute("SELECT application_id, previous_code FROM stations WHERE previous_code <> ''"))
assert prev == {"2026-01": "JS202401"}, prev
grades = {(a, y): (t, g) for a, y, t, g in c.execute(
    "SELECT s.application_id, a.year, a.total, a.grade FROM assessments a JOIN stations s ON s.code = a.station_code")}
want = {("2024-01", 2024): (93, "优秀"), ("2024-02", 2024): (92, "合格"), ("2024-03", 2024): (67, "合格"),
        ("2024-04", 2024): (68, "合格"), ("2024-05", 2024): (85, "合格"),
        ("2024-01", 2025): (92, "优秀"), ("2024-02", 2025): (76, "合格"), ("2024-03", 2025): (78, "不合格"),
        ("2024-04", 2025): (69, "合格"), ("2024-05", 2025): (95, "优秀"), ("2025-01", 2025): (93, "优秀"),
        ("2025-02", 2025): (62, "合格"), ("2025-03", 2025): (77, "合格"), ("2025-05", 2025): (72, "合格"),
        ("2025-01", 2026): (81, "合格"), ("2025-02", 2026): (37, "不合格"), ("2025-03", 2026): (95, "优秀"),
        ("2025-05", 2026): (72, "合格"), ("2026-01", 2026): (90, "优秀"), ("2026-04", 2026): (70, "合格"),
        ("2026-05", 2026): (62, "合格"), ("2026-06", 2026): (60, "合格"), ("2026-10", 2026): (75, "合格"),
        ("2026-12", 2026): (99, "优秀")}
assert grades == want, sorted(set(grades.items()) ^ set(want.items()))
totals = dict(c.execute("SELECT year, SUM(amount) FROM funding GROUP BY year"))
assert totals == {2024: 100000, 2025: 160000, 2026: 180000}, totals
dept = dict(c.execute("SELECT department, SUM(amount) FROM funding WHERE year = 2025 GROUP BY department"))
assert dept == {"机电工程系": 60000, "汽车工程系": 20000, "建筑工程系": 40000, "化工与医药系": 20000,
                "信息工程系": 20000}, dept
unfunded = {r[0] for r in c.execute("SELECT s.application_id FROM stations s WHERE NOT EXISTS "
                                    "(SELECT 1 FROM funding f WHERE f.station_code = s.code AND f.year = 2025) "
                                    "AND s.first_year <= 2025")}
assert unfunded == {"2024-03"}, unfunded
revoked = [tuple(r) for r in c.execute("SELECT s.application_id, r.revoked_on FROM revocations r JOIN stations s ON s.code = r.station_code ORDER BY 1")]
assert revoked == [("2024-03", "2025-12-31"), ("2025-02", "2026-12-31")], revoked
print("scenario 2024-2026: stations, grades, funding and revocations as designed")
PY
before=$(dump "$work/a/registry.sqlite3"); sums=$(cd "$work/a" && find . -name '*.xlsx' -exec sha256sum {} + | sort)
out=$("$TWS_BIN" run --year 2025 --date 2025-12-31 --input input --output "$work/a" --registry "$work/a/registry.sqlite3" 2>&1)
echo "$out" | grep -q "无变化" || { echo "FAIL: second run did not report 无变化: $out"; fail=1; }
run_all "$work/a"
[ "$before" = "$(dump "$work/a/registry.sqlite3")" ] || { echo "FAIL: registry changed on re-run"; fail=1; }
[ "$sums" = "$(cd "$work/a" && find . -name '*.xlsx' -exec sha256sum {} + | sort)" ] || { echo "FAIL: outputs changed on re-run"; fail=1; }
# A fresh run into another folder gives the same bytes (no wall clock, stable order).
run_all "$work/b"
[ "$sums" = "$(cd "$work/b" && find . -name '*.xlsx' -exec sha256sum {} + | sort)" ] || { echo "FAIL: two fresh runs differ"; fail=1; }
"$TWS_BIN" registry export "$work/export.xlsx" --registry "$work/a/registry.sqlite3" --date 2026-12-31 -q || { echo "FAIL: registry export"; fail=1; }
/usr/bin/python3 - "$work/export.xlsx" <<'PY' || fail=1
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ["工作站", "入站人员", "考核", "经费", "撤销"], wb.sheetnames
ws = wb["工作站"]
codes = [r[0].value for r in ws.iter_rows(min_row=3) if r[0].value]
assert len(codes) > 0 and all(c.startswith("JS") for c in codes), codes
text = " ".join(str(c.value) for s in wb for row in s.iter_rows() for c in row if c.value is not None)
import re
assert not re.search(r"\d{17}[\dX]", text), "ID number in registry export"
print("registry export:", len(codes), "stations")
PY
[ $fail = 0 ] && echo "year_runs: ok"
exit $fail
