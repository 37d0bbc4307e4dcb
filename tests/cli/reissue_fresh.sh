#!/usr/bin/env bash
# Issue 15 items 1–3: a correction after a phase was done (--reissue) gives the same
# outputs and registry rows as a fresh run of the whole history on the corrected
# inputs — except the reissue record and the 更正 附注 of each document it changed.
# One correction of each kind (applications cell, reviews score, late upheld
# objection, performance cell, a key of input/<Y>/tws.ini, the school's decision day), a correction of the second
# year of two, and approval when the publicity start is not configured.
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"
py=/usr/bin/python3

# tws CMD YEAR DATE HISTORY [options…]: one command on the history's inputs and outputs.
tws() {
  local cmd=$1 year=$2 date=$3 h=$4; shift 4
  "$TWS_BIN" "$cmd" --year "$year" --date "$date" --input "$h/in" --output "$h/out" --registry "$h/out/r.sqlite3" \
    --config "$TWS_ROOT/input/tws.ini" -q "$@" >>"$h/log" 2>&1
}
# A history with its own copy of the sample inputs.
new_history() { mkdir -p "$1"; cp -r input "$1/in"; : >"$1/log"; }
# The sample year as the office runs it: selection before the configured publicity, the rest at year end.
year_run() { tws select "$2" "$2-05-16" "$1" && tws run "$2" "$2-12-31" "$1"; }
# edit HISTORY PY: a Python snippet run with openpyxl on the history's inputs (cwd = in/).
# openpyxl stamps the time into a workbook, so a correction is made once and copied.
edit() { (cd "$1/in" && $py -c "import openpyxl
def book(p): return openpyxl.load_workbook(p)
$2") || { echo "FAIL: edit $1"; fail=1; }; }

# same FRESH REISSUED WHAT: registry rows and output files agree (see the header).
same() {
  $py - "$1" "$2" <<'PY' || { echo "FAIL: $3: reissue differs from a fresh run"; fail=1; return 1; }
import os, sqlite3, subprocess, sys
fresh, again = sys.argv[1] + "/out", sys.argv[2] + "/out"
def rows(base):
    db = sqlite3.connect(base + "/r.sqlite3")
    tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
              if t not in ("runs", "reissues", "sqlite_sequence")]
    out = {}
    for t in tables:
        cols = [c[1] for c in db.execute(f"PRAGMA table_info({t})") if not (t == "phase_outputs" and c[1] == "sha256")]
        out[t] = sorted(db.execute(f"SELECT {','.join(cols)} FROM {t}").fetchall(), key=repr)
    return out
a, b = rows(fresh), rows(again)
bad = [t for t in a if a[t] != b.get(t)]
for t in bad: print(f"  table {t}: fresh {a[t][:3]} … reissued {b.get(t, [])[:3]} …")
def files(base):
    return sorted(os.path.relpath(os.path.join(d, f), base) for d, _, fs in os.walk(base) for f in fs
                  if f not in ("run.log", "manifest.json", "r.sqlite3", "r.sqlite3.lock"))
if files(fresh) != files(again):
    bad.append("files"); print("  files:", set(files(fresh)) ^ set(files(again)))
marker = "此件为更正件"
for f in files(fresh):
    x, y = open(os.path.join(fresh, f), "rb").read(), open(os.path.join(again, f), "rb").read() if os.path.exists(os.path.join(again, f)) else b""
    if x == y: continue
    if not f.endswith((".pdf", ".docx")) or "申报认定表" in f:
        bad.append(f); print("  differs:", f); continue
    def text(p):  # a .docx draft: one line per paragraph
        if p.endswith(".docx"):
            import re, zipfile
            x = zipfile.ZipFile(p).read("word/document.xml").decode()
            return "\n".join("".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", q)) for q in re.findall(r"<w:p>.*?</w:p>", x))
        return subprocess.run(["pdftotext", "-layout", p, "-"], capture_output=True, text=True).stdout  # stderr: poppler's CMap notes
    tx, ty = text(os.path.join(fresh, f)), text(os.path.join(again, f))
    if marker not in ty:
        bad.append(f); print("  changed without the 更正 附注:", f)
    # The 附注 takes a line; the page numbers that follow may shift with it (and with a
    # page, pdftotext -layout's spacing between table columns).
    strip = lambda t: [" ".join(l.split()) for l in t.splitlines() if l.strip() and marker not in l and "原件作废" not in l and not l.strip().startswith("—")]
    if strip(tx) != strip(ty):
        bad.append(f); print("  text differs:", f)
sys.exit(1 if bad else 0)
PY
}
ok() { echo "ok  $1"; }

# Each correction of 2024: a history run on the original inputs, corrected and
# reissued on 2025-01-06, against a fresh history on the corrected inputs.
correct_2024() {  # NAME PYTHON-EDIT [how: run|approve]
  local name=$1 change=$2 how=${3:-run}
  local r="$work/$name-r" f="$work/$name-f"
  new_history "$r"; new_history "$f"
  if [ "$how" = approve ]; then
    tws select 2024 2024-05-16 "$r" && tws approve 2024 2024-06-03 "$r" || { echo "FAIL: $name: first run"; fail=1; }
    edit "$f" "$change"; cp -r "$f/in/." "$r/in/"
    tws approve 2024 2024-06-12 "$r" --reissue || { echo "FAIL: $name: approve --reissue: $(tail -3 "$r/log")"; fail=1; }
    tws select 2024 2024-05-16 "$f" && tws approve 2024 2024-06-03 "$f" || { echo "FAIL: $name: fresh: $(tail -3 "$f/log")"; fail=1; }
  else
    year_run "$r" 2024 || { echo "FAIL: $name: first run"; fail=1; }
    edit "$f" "$change"; cp -r "$f/in/." "$r/in/"
    tws run 2024 2025-01-06 "$r" --reissue || { echo "FAIL: $name: run --reissue: $(tail -3 "$r/log")"; fail=1; }
    year_run "$f" 2024 || { echo "FAIL: $name: fresh: $(tail -3 "$f/log")"; fail=1; }
  fi
  same "$f" "$r" "$name" && ok "$name: reissue equals a fresh run"
}

# 1. One cell of 主要设备 corrected after approval (the stations must stay).
correct_2024 equipment 'w = book("2024/applications.xlsx"); w["申报汇总"]["J3"] = "数控车床 6 台（更正）"; w.save("2024/applications.xlsx")'
grep -q "本年度无建议名单" <(pdftotext "$work/equipment-r/out/2024/公示名单.pdf" - 2>/dev/null) && { echo "FAIL: 公示名单 emptied by the reissue"; fail=1; }
n=$($py -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM stations').fetchone()[0])" "$work/equipment-r/out/r.sqlite3")
[ "$n" -gt 0 ] || { echo "FAIL: no stations after the reissue"; fail=1; }
$py -c "import sqlite3,sys; assert sqlite3.connect(sys.argv[1]).execute(\"SELECT phase, date, original_date FROM reissues\").fetchall() == [('select','2025-01-06','2024-05-16'),('approve','2025-01-06','2024-12-31'),('assess','2025-01-06','2024-12-31')]" "$work/equipment-r/out/r.sqlite3" \
  || { echo "FAIL: reissues not recorded"; fail=1; }
grep -q '"reissues": \[' "$work/equipment-r/out/2024/manifest.json" || { echo "FAIL: manifest has no reissues"; fail=1; }

# 2. An expert's score corrected.
correct_2024 score 'w = book("2024/reviews.xlsx"); w["专家评分"]["C2"] = 79; w.save("2024/reviews.xlsx")'
# 3. A late upheld objection against a recommended application, before the assessment.
correct_2024 objection 'w = book("2024/objections.xlsx"); ws = w["公示异议"]; ws.append(["2024-01", "实名反映工作场所为租借，核查属实", "成立"]); w.save("2024/objections.xlsx")' approve
pdftotext "$work/objection-r/out/2024/认定通知.pdf" - 2>/dev/null | grep -q "此件为更正件" || { echo "FAIL: reissued 认定通知 has no 更正 附注"; fail=1; }
# 4. A performance cell.
correct_2024 performance 'w = book("2024/performance.xlsx"); w["年度考核"]["F2"] = 6; w.save("2024/performance.xlsx")'
# 5. A key of input/2024/tws.ini (the amount for 优秀).
correct_2024 config 'open("2024/tws.ini", "a").write("[funding]\nexcellent_amount = 25000\n")'
# 5b. The school's decision re-dated (input/2024/tws.ini [approval] decided_on, issue 16):
# the 认定通知, the terms and the assessment follow it; the selection is not redone.
correct_2024 decision 't = open("2024/tws.ini").read(); open("2024/tws.ini", "w").write(t.replace("decided_on = 2024-05-23", "decided_on = 2024-05-24"))'
$py -c "import sqlite3,sys; db = sqlite3.connect(sys.argv[1]); assert db.execute('SELECT DISTINCT term_start FROM stations').fetchall() == [('2024-05-24',)]; assert [p for (p,) in db.execute('SELECT phase FROM reissues')] == ['approve', 'assess']" "$work/decision-r/out/r.sqlite3" \
  && ok "decision re-dated: terms from 2024-05-24, select not reissued" || { echo "FAIL: decision re-dated: registry"; fail=1; }

# A single phase reissued while a later phase of the year is recorded: refused.
tws approve 2024 2025-01-07 "$work/performance-r" --reissue
edit "$work/performance-r" 'w = book("2024/objections.xlsx"); w["公示异议"].append(["2024-02", "核查属实", "成立"]); w.save("2024/objections.xlsx")'
tws approve 2024 2025-01-07 "$work/performance-r" --reissue && { echo "FAIL: approve --reissue with assess recorded"; fail=1; }
grep -q "请改用 tws run --year 2024 --reissue" "$work/performance-r/log" && ok "single-phase reissue before a recorded later phase refused" \
  || { echo "FAIL: no tws run --reissue advice: $(tail -2 "$work/performance-r/log")"; fail=1; }

# 6. Two years: 2025 corrected after both ran; 2024 can no longer be corrected.
r="$work/two-r"; f="$work/two-f"; new_history "$r"; new_history "$f"
year_run "$r" 2024 && year_run "$r" 2025 || { echo "FAIL: two years: first runs: $(tail -3 "$r/log")"; fail=1; }
change='w = book("2025/applications.xlsx"); w["申报汇总"]["J3"] = "加工中心 2 台（更正）"; w.save("2025/applications.xlsx")'
edit "$f" "$change"; cp -r "$f/in/." "$r/in/"
tws run 2025 2026-01-05 "$r" --reissue || { echo "FAIL: two years: reissue 2025: $(tail -3 "$r/log")"; fail=1; }
year_run "$f" 2024 && year_run "$f" 2025 || { echo "FAIL: two years: fresh: $(tail -3 "$f/log")"; fail=1; }
same "$f" "$r" "2025 after 2024" && ok "2025 corrected: reissue equals a fresh run of 2024 and 2025"
edit "$r" 'w = book("2024/reviews.xlsx"); w["专家评分"]["C2"] = 80; w.save("2024/reviews.xlsx")'
tws run 2024 2026-01-06 "$r" --reissue && { echo "FAIL: 2024 reissued after 2025 ran"; fail=1; }
grep -q "2025 年度已有完成的环节" "$r/log" && ok "2024 reissue after 2025 refused, naming 2025" || { echo "FAIL: refusal: $(tail -2 "$r/log")"; fail=1; }

# 7. No publicity start configured (the shipped default): a re-applying station whose
# term ends between selection and approval. Judged as of the publicity start both times.
h="$work/unset"; new_history "$h"
year_run "$h" 2024 && year_run "$h" 2025 || { echo "FAIL: unset: 2024–2025: $(tail -3 "$h/log")"; fail=1; }
sed -i 's/^start_date = .*/start_date =/' "$h/in/2026/tws.ini"
end=$($py -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT MAX(term_end) FROM stations WHERE first_year = 2024\").fetchone()[0])" "$h/out/r.sqlite3")
sel=$($py -c "import datetime,sys; d=datetime.date.fromisoformat(sys.argv[1]); print(d - datetime.timedelta(days=3))" "$end")
tws select 2026 "$sel" "$h" || { echo "FAIL: unset: select $sel: $(tail -3 "$h/log")"; fail=1; }
tws approve 2026 2026-12-31 "$h" || { echo "FAIL: unset: approval after the term ended ($end) refused: $(tail -3 "$h/log")"; fail=1; }
[ -f "$h/out/2026/认定通知.pdf" ] && ok "publicity start unset: approval continues the stored selection (term end $end, select $sel)"

exit $fail
