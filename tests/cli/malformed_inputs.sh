#!/usr/bin/env bash
# Malformed uploads: each gives one clear message and exit 1 — never a crash or a hang.
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
/usr/bin/python3 - <<'PY'
import zipfile, io, os
os.makedirs("files", exist_ok=True)
# a small valid xlsx made by openpyxl, then broken in several ways
from openpyxl import Workbook
wb = Workbook(); ws = wb.active; ws.title = "专家评分"
ws.append(["申报编号", "专家", "评分", "意见"]); ws.append(["2026-01", "张三", 80, "好"])
wb.save("files/good.xlsx")
data = open("files/good.xlsx", "rb").read()
open("files/truncated.xlsx", "wb").write(data[: len(data) // 2])
open("files/empty.xlsx", "wb").write(b"")
open("files/random.xlsx", "wb").write(bytes((i * 7919) % 251 for i in range(4096)))
# zip bomb: one 300 MB sheet of zeros
with zipfile.ZipFile("files/bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    for name in zipfile.ZipFile("files/good.xlsx").namelist():
        if name != "xl/worksheets/sheet1.xml":
            z.writestr(name, zipfile.ZipFile("files/good.xlsx").read(name))
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
        chunk = b"<!-- " + b"0" * (1 << 20) + b" -->"
        for _ in range(300):
            f.write(chunk)
# entity bomb in sharedStrings
lol = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' \
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">' \
      '<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">' \
      '<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">' \
      '<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>' \
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">' \
      '<c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
src = zipfile.ZipFile("files/good.xlsx")
with zipfile.ZipFile("files/entities.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    for name in src.namelist():
        z.writestr(name, lol if name == "xl/worksheets/sheet1.xml" else src.read(name))
# wrong sheet name and missing headers, as a year folder for tws check
os.makedirs("year/2026", exist_ok=True)
wb = Workbook(); ws = wb.active; ws.title = "Sheet1"
ws.append(["申报编号", "专家", "评分"]); wb.save("year/2026/reviews.xlsx")
wb = Workbook(); ws = wb.active; ws.title = "公示异议"
ws.append(["申报编号", "说明"]); ws.append(["2026-01", "x"]); wb.save("year/2026/objections.xlsx")
PY
cp "$TWS_SHARED/fixtures/xlsx/lo74_biff8.xls" files/legacy.xls
cp "$TWS_SHARED/fixtures/xlsx/lo74_encrypted_standard_pw_secret.xlsx" files/encrypted.xlsx

expect() { # file pattern-in-message
  out=$(timeout 30 "$TWS_BIN" inspect "files/$1" 2>&1); rc=$?
  if [ $rc != 1 ]; then echo "FAIL: $1: exit $rc (want 1): $out" | head -3; fail=1; return; fi
  if ! echo "$out" | grep -q "$2"; then echo "FAIL: $1: message lacks '$2': $out"; fail=1; return; fi
  echo "ok  $1: $(echo "$out" | head -1)"
}
expect truncated.xlsx "files/truncated.xlsx"
expect empty.xlsx "空"
expect random.xlsx "files/random.xlsx"
expect bomb.xlsx "上限"
expect entities.xlsx "files/entities.xlsx"
expect legacy.xls "另存为 .xlsx"
expect encrypted.xlsx "密码"

out=$(timeout 30 "$TWS_BIN" check --year 2026 --input year --config "$TWS_ROOT/input/tws.ini" 2>&1); rc=$?
[ $rc = 1 ] || { echo "FAIL: check on bad sheets: exit $rc"; fail=1; }
echo "$out" | grep -q "reviews.xlsx: 找不到工作表“专家评分”" || { echo "FAIL: wrong sheet name message: $out"; fail=1; }
echo "$out" | grep -q "objections.xlsx:公示异议!第1行: 缺少列“异议事由”" || { echo "FAIL: missing header message: $out"; fail=1; }
echo "$out" | grep -q "缺少列“核查结论”" || { echo "FAIL: second missing header not reported: $out"; fail=1; }
[ -z "$(ls -A year/2026 | grep -v xlsx)" ] || { echo "FAIL: check wrote files"; fail=1; }
[ $fail = 0 ] && echo "malformed_inputs: ok"
exit $fail
