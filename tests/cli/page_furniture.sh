#!/usr/bin/env bash
# GB/T 9704-2012 page furniture and 楷体 marks of the 认定通知 of sample year 2024, measured
# on the PDF (poppler: pdftoppm pixels for ink, pdftotext -bbox for advances):
#  - the red separator line's top edge 4 mm (±0.3) below the 发文字号's characters (§7.2.5);
#  - the page number's 一字线: the top of its ink 7 mm (±0.3) below the 版心 (§7.5),
#    on page 1 and page 2;
#  - a 楷体 (heading2) heading with CJK quotes, "（三）开展“带高徒、传绝技”活动", is as
#    wide as its characters on the 28-per-line grid (full-width “ ”, not LXGW's 0.35 em).
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"
"$TWS_BIN" select --year 2024 --date 2024-05-16 --input input --output "$work/o" --registry "$work/o/r.sqlite3" -q \
  || { echo "FAIL: tws select --year 2024"; exit 1; }
"$TWS_BIN" run --year 2024 --date 2024-12-31 --input input --output "$work/o" --registry "$work/o/r.sqlite3" -q \
  || { echo "FAIL: tws run --year 2024"; exit 1; }
/usr/bin/python3 - "$work/o/2024/认定通知.pdf" "$work" <<'PY' || fail=1
import re, subprocess, sys
import numpy as np
pdf, work = sys.argv[1], sys.argv[2]
DPI = 600
MM = 72 / 25.4
PX_MM = DPI / 25.4
BLOCK_TOP, BLOCK_BOTTOM, BLOCK_LEFT, BLOCK_RIGHT = 37.0, 37.0 + 225.0, 28.0, 28.0 + 156.0
bad = []

def strip(page, top_mm, bottom_mm):
    """RGB pixels of the page between top_mm and bottom_mm (full width), as an array."""
    y, h = round(top_mm * PX_MM), round((bottom_mm - top_mm) * PX_MM)
    base = f"{work}/p{page}_{y}"
    subprocess.run(["pdftoppm", "-q", "-r", str(DPI), "-f", str(page), "-l", str(page), "-singlefile",
                    "-x", "0", "-y", str(y), "-W", str(round(210 * PX_MM)), "-H", str(h), pdf, base], check=True)
    data = open(base + ".ppm", "rb").read()
    m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", data)
    w, hh = int(m.group(1)), int(m.group(2))
    return np.frombuffer(data[m.end():], dtype=np.uint8).reshape(hh, w, 3).astype(int), top_mm

# §7.2.5: red line vs the 发文字号 above it: the line's top edge (pixels) against the bottom
# of the 发文字号's characters (their em box, as pdftotext -bbox reports it).
bbox = subprocess.run(["pdftotext", "-q", "-bbox", "-f", "1", "-l", "1", pdf, "-"], capture_output=True, text=True).stdout
docno = re.search(r'yMax="([\d.]+)">[^<]*〔2024〕\d+号</word>', bbox)
img, top = strip(1, 90, 140)
r, g, b = img[..., 0], img[..., 1], img[..., 2]
red = (r > 180) & (g < 100) & (b < 100)
rule_rows = np.where(red.sum(axis=1) > 0.8 * 156 * PX_MM)[0]
if not docno:
    bad.append("no 发文字号 on page 1")
elif len(rule_rows) == 0:
    bad.append("no red separator line between 90 and 140 mm")
else:
    text_bottom = float(docno.group(1)) / MM
    rule_top = top + rule_rows[0] / PX_MM
    gap = rule_top - text_bottom
    print(f"red line top {rule_top:.2f} mm, 发文字号 bottom {text_bottom:.2f} mm, gap {gap:.2f} mm")
    if abs(gap - 4.0) > 0.3:
        bad.append(f"red line {gap:.2f} mm below the 发文字号, want 4 mm (GB/T 9704 7.2.5)")

# §7.5: the 一字线 of "— 1 —": the leftmost ink of the page number line.
for page in (1, 2):
    img, top = strip(page, BLOCK_BOTTOM, BLOCK_BOTTOM + 20)
    ink = (img.sum(axis=2) < 3 * 140)
    cols = np.where(ink.any(axis=0))[0]
    if len(cols) == 0:
        bad.append(f"page {page}: no page number below the 版心")
        continue
    first = cols[0]
    gaps = np.where(np.diff(cols) > 3)[0]  # the dash ends where the first gap in the ink starts
    last = cols[gaps[0]] if len(gaps) else cols[-1]
    rows = np.where(ink[:, first:last + 1].any(axis=1))[0]
    drop = rows[0] / PX_MM
    print(f"page {page}: 一字线 ink top {drop:.2f} mm below the 版心 (width {(last - first + 1) / PX_MM:.2f} mm)")
    if abs(drop - 7.0) > 0.3:
        bad.append(f"page {page}: page number's 一字线 {drop:.2f} mm below the 版心, want 7 mm (GB/T 9704 7.5)")

# Full-width quotes in the 楷体 heading (heading2 role).
pitch = 156 * MM / 28
text = subprocess.run(["pdftotext", "-q", "-bbox", pdf, "-"], capture_output=True, text=True).stdout
found = False
for x0, x1, word in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', text):
    if word != "（三）开展“带高徒、传绝技”活动":
        continue
    found = True
    width = float(x1) - float(x0)
    print(f"{word}: {width / pitch:.2f} cells for {len(word)} characters")
    if width < (len(word) - 0.5) * pitch:
        bad.append(f"{word}: {width / pitch:.2f} cells wide for {len(word)} full-width characters (narrow “ ”)")
if not found:
    bad.append("heading （三）开展“带高徒、传绝技”活动 not found")

for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
PY
exit $fail
