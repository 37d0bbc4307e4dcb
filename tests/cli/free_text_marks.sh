#!/usr/bin/env bash
# Free text keeps the user's punctuation (issue 18, item 1): the 申报（认定）表 of the
# sample year print the full-width ，；：（） typed in applications.xlsx, never an ASCII
# , ; : ( ) next to a Han character; and the same marks typed in ASCII between Han
# characters (the wrong input mode) are printed full-width too.
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"
# ASCII , ; : ( ) with a Han character on either side, over every 申报（认定）表.
ascii_marks() {
  local n=0 f c
  for f in "$1"/2024/申报认定表/*.pdf; do
    c=$(pdftotext -enc UTF-8 "$f" - 2>/dev/null | tr -d '\n' | grep -oP '\p{Han}[,;:()]|[,;:()]\p{Han}' | wc -l)
    n=$((n + c))
  done
  echo "$n"
}
forms() { ls "$1"/2024/申报认定表/*.pdf 2>/dev/null | wc -l; }

"$TWS_BIN" select --year 2024 --date 2024-05-16 --input input --output "$work/a" --registry "$work/a/r.sqlite3" -q ||
  { echo "FAIL: select on the sample input"; fail=1; }
[ "$(forms "$work/a")" -ge 10 ] || { echo "FAIL: expected the sample's 申报（认定）表, found $(forms "$work/a")"; fail=1; }
n=$(ascii_marks "$work/a")
[ "$n" = 0 ] || { echo "FAIL: $n ASCII marks next to Han characters in the sample's forms"; fail=1; }

# The same input with ， ； ： between Han characters and （ ） around Han text typed in ASCII.
cp -r input "$work/in"
/usr/bin/python3 - "$work/in/2024/applications.xlsx" >"$work/changed" <<'PY' || { echo "FAIL: preparing the input"; exit 1; }
import openpyxl, re, sys
han = "[\u3400-\u9fff]"
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["申报汇总"]
changed = 0
for row in ws.iter_rows(min_row=3):
    for c in row:
        if isinstance(c.value, str):
            v = re.sub(f"(?<={han})([，；：])(?={han})", lambda m: {"，": ",", "；": ";", "：": ":"}[m[1]], c.value)
            v = re.sub(f"（({han}[^（）]*{han}|{han})）", r"(\1)", v)
            changed += v != c.value
            c.value = v
wb.save(sys.argv[1])
print(changed)
PY
[ "$(cat "$work/changed")" -ge 5 ] || { echo "FAIL: only $(cat "$work/changed") cells changed to ASCII marks"; fail=1; }
"$TWS_BIN" select --year 2024 --date 2024-05-16 --input "$work/in" --output "$work/b" --registry "$work/b/r.sqlite3" -q ||
  { echo "FAIL: select on the input with ASCII marks"; fail=1; }
n=$(ascii_marks "$work/b")
[ "$n" = 0 ] || { echo "FAIL: $n ASCII marks typed between Han characters are printed as typed"; fail=1; }
for f in "$work"/a/2024/申报认定表/*.pdf; do
  cmp -s <(pdftotext -enc UTF-8 "$f" - 2>/dev/null) <(pdftotext -enc UTF-8 "$work/b/2024/申报认定表/${f##*/}" - 2>/dev/null) ||
    { echo "FAIL: ${f##*/}: the form differs when its marks were typed in ASCII"; fail=1; }
done
exit $fail
