#!/usr/bin/env bash
# What PDF readers and validators get (issue 18 items 13–15), measured on the files:
#  - every PDF of the sample years 2024–2026: pdftotext prints no warning; each font's
#    ToUnicode CMap maps every code the content streams draw with that font to a
#    printable character (tws draws each character under a code of its own, from
#    U+0100, so the CMap is the only way back to the text); header PDF-1.4 or later; the last trailer has an /ID of two
#    32-digit hex strings;
#  - each 申报（认定）表's Title names its application (申报编号 and 工作站名称), all
#    different;
#  - names outside the BMP (𠮷 U+20BB7 in a 领办人, 𡈼 U+2123C in a member) print and
#    pdftotext extracts them as typed from the 公示名单 and the 申报表;
#  - a character no role font has (𠀀 U+20000) is refused by tws check and tws select
#    (exit 1) with a message naming the file, sheet and cell, and nothing is written.
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"
out="$work/a"
. "$TWS_ROOT/tests/lib/sample_years.sh"
run_sample_years "$out"

# Checks one PDF; prints FAIL lines. Objects are read in file order, so an incremental
# update's definition replaces the earlier one.
cat > "$work/check_pdf.py" <<'PY'
import re, subprocess, sys, zlib

def objects(data):
    objs = {}
    for m in re.finditer(rb"(?:^|\n)(\d+) 0 obj\s*", data):
        num, at = int(m.group(1)), m.end()
        end = data.find(b"endobj", at)
        objs[num] = (at, end)
    return objs

def dict_text(data, span):
    at, end = span
    body = data[at:end]
    k = body.find(b"stream")
    return (body[:k] if k >= 0 else body).decode("latin-1")

def stream(data, objs, num):
    at, end = objs[num]
    body = data[at:end]
    d = dict_text(data, objs[num])
    start = body.find(b"stream") + len(b"stream")
    if body[start:start + 2] == b"\r\n": start += 2
    elif body[start:start + 1] == b"\n": start += 1
    raw = body[start:]
    if "/FlateDecode" in d:
        return zlib.decompressobj().decompress(raw)
    n = int(re.search(r"/Length (\d+)(?! \d+ R)", d).group(1))
    return raw[:n]

def ref(d, key):
    m = re.search(key + r" (\d+) 0 R", d)
    return int(m.group(1)) if m else None

def to_unicode(cmap):
    text = cmap.decode("latin-1")
    m = {}
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for a, b, u in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            for k in range(int(a, 16), int(b, 16) + 1):
                m[k] = chr(int(u, 16) + k - int(a, 16))
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for a, u in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            m[int(a, 16)] = bytes.fromhex(u).decode("utf-16-be")
    return m

def check(path):
    bad = []
    data = open(path, "rb").read()
    if not re.match(rb"%PDF-1\.[4-7]", data): bad.append(f"header {data[:8]!r}, want PDF-1.4 or later")
    trailer = data[data.rfind(b"trailer"):]
    if not re.search(rb"/ID\s*\[\s*<[0-9A-Fa-f]{32}>\s*<[0-9A-Fa-f]{32}>\s*\]", trailer):
        bad.append("no /ID in the trailer")
    warn = subprocess.run(["pdftotext", path, "-"], capture_output=True).stderr.decode()
    if warn.strip(): bad.append(f"pdftotext warns: {warn.strip().splitlines()[0]} ({len(warn.strip().splitlines())} lines)")
    objs = objects(data)
    cmaps = {}
    used = 0
    for num in objs:
        d = dict_text(data, objs[num])
        if not re.search(r"/Type /Page(?![s\w])", d): continue
        fonts = dict(re.findall(r"/(F\d+) (\d+) 0 R", d[d.find("/Font"):]))
        content = stream(data, objs, ref(d, "/Contents")).decode("latin-1")
        font = None
        for tok in re.finditer(r"/(F\d+) [\d.]+ Tf|<([0-9A-Fa-f]*)> Tj", content):
            if tok.group(1):
                font = int(fonts[tok.group(1)])
                continue
            if font not in cmaps:
                fd = dict_text(data, objs[font])
                tu = ref(fd, "/ToUnicode")
                cmaps[font] = to_unicode(stream(data, objs, tu)) if tu else {}
            hexs = tok.group(2)
            for k in range(0, len(hexs), 4):
                code = int(hexs[k:k + 4], 16)
                used += 1
                got = cmaps[font].get(code)
                if got is None:
                    bad.append(f"code {code:04X} of font object {font} not in its ToUnicode")
                elif len(got) != 1 or ord(got) < 0x20 or 0xE000 <= ord(got) <= 0xF8FF:
                    bad.append(f"code {code:04X} maps to {got!r}, not one printable character")
    if used == 0: bad.append("no text codes found in the content streams")
    return bad

fails = 0
for path in sys.argv[1:]:
    for b in check(path)[:5]:
        print(f"FAIL: {path}: {b}")
        fails += 1
sys.exit(1 if fails else 0)
PY
mapfile -d '' pdfs < <(find "$out" -name '*.pdf' -print0 | sort -z)
[ ${#pdfs[@]} -ge 40 ] || { echo "FAIL: ${#pdfs[@]} PDFs from the sample years"; fail=1; }
/usr/bin/python3 "$work/check_pdf.py" "${pdfs[@]}" || fail=1
echo "ok  ${#pdfs[@]} PDFs checked: ToUnicode, pdftotext warnings, version, /ID"

# Titles of the 申报（认定）表.
titles=""
for f in "$out"/2024/申报认定表/*.pdf; do
  base=$(basename "$f" .pdf)
  id=${base%%-*}-$(echo "$base" | cut -d- -f2)
  name=${base#"$id"-}
  t=$(pdfinfo "$f" | sed -n 's/^Title: *//p')
  case "$t" in *"$id"*"$name"*) ;; *) echo "FAIL: $base: Title “$t” does not name $id $name"; fail=1;; esac
  titles+="$t"$'\n'
done
n=$(printf '%s' "$titles" | sort -u | grep -c .)
[ "$n" = 12 ] || { echo "FAIL: $n different 申报表 titles in 2024, want 12"; fail=1; }
echo "ok  申报表 titles, e.g. $(printf '%s' "$titles" | head -1)"

# Names outside the BMP.
mkdir -p "$work/in"
cp input/tws.ini "$work/in/" 2>/dev/null
cp -r input/2024 "$work/in/2024"
edit_names() { # leader member  (2024-01's 领办人 王建国 and member 赵浩)
  /usr/bin/python3 - "$work/in/2024/applications.xlsx" "$1" "$2" <<'PY'
import sys, openpyxl
path, leader, member = sys.argv[1:]
wb = openpyxl.load_workbook(path)
for ws in wb:
    for row in ws.iter_rows():
        for c in row:
            if c.value == "王建国": c.value = leader
            elif c.value == "赵浩": c.value = member
wb.save(path)
PY
}
edit_names "王𠮷国" "赵𡈼"
b="$work/b"
"$TWS_BIN" select --year 2024 --date 2024-05-16 --input "$work/in" --output "$b" --registry "$b/registry.sqlite3" -q \
  || { echo "FAIL: select with 王𠮷国 and 赵𡈼 exit $? (fonts/ made before the converter kept Extension B–G? scripts/prepare-fonts)"; fail=1; }
flat() { pdftotext "$1" - 2>"$work/warn" | tr -d ' \n\t\f'; }
form=$(ls "$b"/2024/申报认定表/2024-01-*.pdf 2>/dev/null | head -1)
flat "$b/2024/公示名单.pdf" | grep -q "王𠮷国" || { echo "FAIL: 公示名单 does not extract 王𠮷国"; fail=1; }
[ -s "$work/warn" ] && { echo "FAIL: pdftotext warns on 公示名单: $(head -1 "$work/warn")"; fail=1; }
text=$(flat "$form")
for name in 王𠮷国 赵𡈼; do
  case "$text" in *"$name"*) ;; *) echo "FAIL: 申报表 2024-01 does not extract $name"; fail=1;; esac
done
[ -n "$form" ] && /usr/bin/python3 "$work/check_pdf.py" "$form" "$b/2024/公示名单.pdf" || fail=1
echo "ok  王𠮷国 and 赵𡈼 printed and extracted"

# A character no role font has.
rm -rf "$work/in/2024"
cp -r input/2024 "$work/in/2024"
edit_names "王𠀀国" "赵浩"
c="$work/c"
msg=$("$TWS_BIN" check --year 2024 --date 2024-05-16 --input "$work/in" --output "$c" --registry "$c/registry.sqlite3" 2>&1); rc=$?
[ $rc = 1 ] || { echo "FAIL: tws check with 王𠀀国 exit $rc, want 1"; fail=1; }
echo "$msg" | grep -q "applications.xlsx:申报汇总!第3行: “王𠀀国”无法打印：.*“𠀀”（U+20000）.*都没有，无法显示" \
  || { echo "FAIL: tws check message: $msg"; fail=1; }
msg=$("$TWS_BIN" select --year 2024 --date 2024-05-16 --input "$work/in" --output "$c" --registry "$c/registry.sqlite3" 2>&1); rc=$?
[ $rc = 1 ] || { echo "FAIL: tws select with 王𠀀国 exit $rc, want 1"; fail=1; }
echo "$msg" | grep -q "applications.xlsx:申报汇总!第3行: “王𠀀国”无法打印：.*“𠀀”（U+20000）.*都没有，无法显示" \
  || { echo "FAIL: tws select message: $msg"; fail=1; }
[ -z "$(find "$c" -name '*.pdf' 2>/dev/null)" ] || { echo "FAIL: PDFs written despite 王𠀀国"; fail=1; }
echo "ok  王𠀀国 refused: $(echo "$msg" | grep -m1 '𠀀')"
exit $fail
