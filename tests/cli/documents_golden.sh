#!/usr/bin/env bash
# Layout regressions of the PDF documents: the first page of each document type of the
# sample year 2026 (after 2024 and 2025), rendered with pdftoppm -r 80, against the PNGs
# in tests/golden/documents_*.png that were checked by eye. A page passes when fewer
# than 0.3 % of its pixels differ by more than 64 in a channel (anti-aliasing noise of
# another poppler build stays far below that; a moved line or table does not).
# TWS_UPDATE_GOLDEN=1 rewrites the PNGs (look at them before committing).
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"
for y in 2024 2025 2026; do
  "$TWS_BIN" select --year $y --date $y-05-16 --input input --output "$work/o" --registry "$work/o/r.sqlite3" -q \
    || { echo "FAIL: tws select --year $y"; exit 1; }
  "$TWS_BIN" run --year $y --date $y-12-31 --input input --output "$work/o" --registry "$work/o/r.sqlite3" -q \
    || { echo "FAIL: tws run --year $y"; exit 1; }
done
d="$work/o/2026"
declare -A docs=(
  [notice]="$d/认定通知.pdf"
  [publicity]="$d/公示名单.pdf"
  [form]="$d/申报认定表/2026-01-数控加工技师工作站.pdf"
  [report]="$d/考核结果通报.pdf"
  [funding]="$d/经费下达通知.pdf"
)
for k in "${!docs[@]}"; do
  pdftoppm -r 80 -png -f 1 -l 1 -singlefile "${docs[$k]}" "$work/$k" 2>/dev/null || { echo "FAIL: pdftoppm $k"; fail=1; }
  if [ -n "${TWS_UPDATE_GOLDEN:-}" ]; then cp "$work/$k.png" "$TWS_ROOT/tests/golden/documents_$k.png"; fi
done
/usr/bin/python3 - "$work" "$TWS_ROOT/tests/golden" "${!docs[@]}" <<'PY' || fail=1
import struct, sys, zlib
def png(path):
    """8-bit RGB/RGBA/grey PNG → (width, height, channels, rows of bytes); stdlib only."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8, "8-bit PNG expected"
            ch = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * ch
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(ch, stride): line[i] = (line[i] + line[i - ch]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f == 3:
            for i in range(stride): line[i] = (line[i] + ((line[i - ch] if i >= ch else 0) + prev[i]) // 2) & 255
        elif f == 4:
            for i in range(stride):
                a = line[i - ch] if i >= ch else 0
                b = prev[i]
                c = prev[i - ch] if i >= ch else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return w, h, ch, rows
work, golden, names = sys.argv[1], sys.argv[2], sys.argv[3:]
bad = 0
for k in sorted(names):
    try:
        gw, gh, gc, g = png(f"{golden}/documents_{k}.png")
    except FileNotFoundError:
        print(f"FAIL: {golden}/documents_{k}.png missing (TWS_UPDATE_GOLDEN=1 writes it)"); bad = 1; continue
    w, h, c, r = png(f"{work}/{k}.png")
    if (w, h, c) != (gw, gh, gc):
        print(f"FAIL: {k}: size {w}x{h}x{c}, golden {gw}x{gh}x{gc}"); bad = 1; continue
    diff = 0
    for a, b in zip(r, g):
        if a == b: continue
        for x in range(w):
            if max(abs(a[x * c + i] - b[x * c + i]) for i in range(c)) > 64: diff += 1
    share = diff / (w * h)
    print(f"{k}: {diff} of {w * h} pixels differ ({share:.4%})")
    if share > 0.003: print(f"FAIL: {k} differs from tests/golden/documents_{k}.png"); bad = 1
sys.exit(bad)
PY
[ $fail = 0 ] && echo "documents_golden: ok"
exit $fail
