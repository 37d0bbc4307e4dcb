#!/usr/bin/env bash
# `tws inspect` against LibreOffice: every readable xlsx fixture is read by tws and
# exported by LibreOffice 7.4 to one CSV per sheet; every cell is compared.
#
# Allowed differences (the normaliser below applies exactly these):
#  - text cells must match exactly (tws escapes tab/LF/CR as \t \n \r; undone here);
#  - numbers: LibreOffice's "as shown" export may add %, ￥/¥/$ or thousands
#    separators; both sides are parsed and must agree to 1e-9 relative;
#  - dates and times: tws prints ISO 8601, LibreOffice its locale's display
#    (05/14/2026 08:30:00, 2026-05-14, 2026/5/14, 2026年5月14日, 08:30:00 AM).
#    The parts both show must agree. tws shows only the parts the number format
#    shows, LibreOffice may show more (its export ignores some formats); a serial
#    LibreOffice does not recognise as a date (e.g. [DBNum1]上午/下午h"时"mm"分")
#    is converted with the workbook's date system; elapsed time ([h]:mm:ss, a
#    number in tws) is compared as a duration;
#  - LibreOffice counts serials before 1900-03-01 one day lower than Excel (it
#    has no 1900-02-29), so there it may show the day before;
#  - formula cells are skipped: LibreOffice recalculates some of them, tws
#    reports the cached result;
#  - trailing empty cells and trailing blank rows are ignored.
set -euo pipefail

: "${TWS_BIN:?TWS_BIN must point to the tws program}"
: "${TWS_SHARED:?TWS_SHARED must point to the shared directory}"

if ! command -v soffice >/dev/null 2>&1; then
  echo "SKIP: soffice (LibreOffice) is not installed"
  exit 0
fi
if ! "$TWS_BIN" inspect --help >/dev/null 2>&1; then
  echo "SKIP: 'tws inspect' is not available in $TWS_BIN yet"
  exit 0
fi

work=$(mktemp -d /tmp/tws-inspect-lo.XXXXXX)
profile="/tmp/lo-$$"
trap 'rm -rf "$work" "$profile"' EXIT
mkdir -p "$work/tws" "$work/lo"

files=()
for f in "$TWS_SHARED"/fixtures/xlsx/*.xlsx; do
  # Encrypted fixtures are OLE2, not zip: tws refuses them (unit-tested) and
  # LibreOffice would ask for a password.
  [ "$(head -c 2 "$f")" = "PK" ] || continue
  files+=("$f")
  out="$work/tws/$(basename "$f" .xlsx)"
  if ! "$TWS_BIN" inspect "$f" >"$out.txt" 2>"$out.err"; then
    echo "FAIL: tws inspect $(basename "$f") failed:"; cat "$out.err"; exit 1
  fi
done
[ ${#files[@]} -gt 0 ] || { echo "FAIL: no xlsx fixtures found in $TWS_SHARED/fixtures/xlsx"; exit 1; }

# One LibreOffice run for all files; token 12 (-1) exports every sheet as FILE-SHEET.csv.
LC_ALL=C.UTF-8 timeout 100 soffice "-env:UserInstallation=file://$profile" --headless \
  --convert-to 'csv:Text - txt - csv (StarCalc):9,34,76,1,,0,false,true,false,false,false,-1' \
  --outdir "$work/lo" "${files[@]}" >"$work/soffice.log" 2>&1 || {
  echo "FAIL: soffice conversion failed"; cat "$work/soffice.log"; exit 1; }

status=0
python3 - "$work" "${files[@]}" <<'PY' || status=$?
import csv, datetime as dt, math, os, re, sys, zipfile
import xml.etree.ElementTree as ET

work, files = sys.argv[1], sys.argv[2:]
MAIN = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "http://purl.oclc.org/ooxml/spreadsheetml/main")
PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


# ---------- what the xlsx says about formulas and the date system ----------

def local(tag):
    return tag.rsplit("}", 1)[-1]

def ns(tag):
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""

def resolve(source, target):
    target = target.replace("\\", "/")
    base = [] if target.startswith("/") else source.split("/")[:-1]
    out = []
    for seg in base + target.split("/"):
        if seg == "..":
            out and out.pop()
        elif seg not in ("", "."):
            out.append(seg)
    return "/".join(out)

def cell_ref(ref):
    m = re.match(r"([A-Za-z]+)(\d+)$", ref)
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1

def workbook_facts(path):
    """Formula cells per sheet name, and whether the 1904 date system is on."""
    z = zipfile.ZipFile(path)
    parts = {n.replace("\\", "/").lstrip("/").lower(): n for n in z.namelist()}
    read = lambda p: z.read(parts[p.lower()])
    def rels(source):
        d, _, n = source.rpartition("/")
        p = (d + "/" if d else "") + "_rels/" + n + ".rels"
        if p.lower() not in parts:
            return {}
        return {r.get("Id"): resolve(source, r.get("Target"))
                for r in ET.fromstring(read(p)).iter(PKG + "Relationship")}
    root_rels = ET.fromstring(read("_rels/.rels"))
    wb_part = next(resolve("", r.get("Target")) for r in root_rels.iter(PKG + "Relationship")
                   if r.get("Type").endswith("/officeDocument"))
    wb = ET.fromstring(read(wb_part))
    date1904 = any(local(e.tag) == "workbookPr" and ns(e.tag) in MAIN and e.get("date1904") in ("1", "true")
                   for e in wb)
    targets = rels(wb_part)
    formulas = {}
    for sheet in wb.iter():
        if local(sheet.tag) != "sheet" or ns(sheet.tag) not in MAIN:
            continue
        rid = next(v for k, v in sheet.attrib.items() if local(k) == "id")
        cells, row = set(), -1
        for r in ET.fromstring(read(targets[rid])).iter():
            if local(r.tag) != "row":
                continue
            row = int(r.get("r")) - 1 if r.get("r") else row + 1
            col = -1
            for c in r:
                if local(c.tag) != "c":
                    continue
                col = cell_ref(c.get("r"))[1] if c.get("r") else col + 1
                if any(local(f.tag) == "f" for f in c):
                    cells.add((row, col))
        formulas[sheet.get("name")] = cells
    return formulas, date1904


# ---------- the two outputs ----------

def unescape(s):
    return re.sub(r"\\([tnr])", lambda m: {"t": "\t", "n": "\n", "r": "\r"}[m.group(1)], s)

def read_tws(path):
    sheets, current = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f.read().split("\n")[:-1]:
            if line.startswith("# sheet: "):
                current = re.sub(r" \(hidden\)$", "", line[len("# sheet: "):])
                sheets[current] = []
            else:
                sheets[current].append([unescape(c) for c in line.split("\t")] if line else [])
    return sheets

def read_lo(path):
    with open(path, encoding="utf-8", newline="") as f:
        return [row for row in csv.reader(f, delimiter="\t", quotechar='"')]


# ---------- normalisation ----------

CANONICAL_NUMBER = re.compile(r"^-?(0|[1-9]\d*)(\.\d+)?(e[+-]\d+)?$")
ISO = re.compile(r"^(?:(\d{4})-(\d{2})-(\d{2}))?T?(?:(\d{2}):(\d{2}):(\d{2}))?$")

def ours_value(s):
    if CANONICAL_NUMBER.match(s):
        return ("number", float(s))
    m = ISO.match(s)
    if not m or not (m.group(1) or m.group(4)):
        return ("text", s)
    y, mo, d, h, mi, se = m.groups()
    date = None
    if y:
        # Excel's fictitious 1900-02-29 is no Python date.
        date = "1900-02-29" if (y, mo, d) == ("1900", "02", "29") else dt.date(int(y), int(mo), int(d))
    time = (int(h), int(mi), int(se)) if h else None
    return ("datetime", date, time)

LO_DATE_PATTERNS = [
    (re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})"), ("m", "d", "y")),
    (re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日"), ("y", "m", "d")),
]
LO_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(AM|PM|上午|下午)?$")
LO_ELAPSED = re.compile(r"^(\d+):(\d{2}):(\d{2})$")

def lo_number(s):
    t = s.replace(",", "").replace("￥", "").replace("¥", "").replace("$", "").strip()
    if re.match(r"^-?0\d", t):
        return None  # "0059" is text: a number is never shown with a leading zero here
    scale = 1.0
    if t.endswith("%"):
        t, scale = t[:-1], 0.01
    try:
        return float(t) * scale
    except ValueError:
        return None

def lo_datetime(s):
    date, rest = None, s
    for pattern, order in LO_DATE_PATTERNS:
        m = pattern.match(s)
        if m:
            v = dict(zip(order, map(int, m.groups())))
            date = dt.date(v["y"], v["m"], v["d"])
            rest = s[m.end():].strip()
            break
    time = None
    m = LO_TIME.search(rest) if rest else None
    if m:
        h, mi, se = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
        if m.group(4) in ("PM", "下午") and h < 12:
            h += 12
        if m.group(4) in ("AM", "上午") and h == 12:
            h = 0
        time = (h, mi, se, m.group(3) is not None)
    elif rest:
        return None
    return (date, time) if date or time else None

def serial_to_datetime(serial, date1904):
    days = math.floor(serial)
    secs = round((serial - days) * 86400)
    if secs >= 86400:
        days, secs = days + 1, secs - 86400
    epoch = dt.date(1904, 1, 1) if date1904 else dt.date(1899, 12, 30)
    return epoch + dt.timedelta(days=days), (secs // 3600, secs // 60 % 60, secs % 60, True)

def same_date(ours, lo):
    if ours == "1900-02-29":
        return lo == dt.date(1900, 2, 28)
    # LibreOffice has no 1900-02-29, so its serials before March 1900 are a day lower.
    return lo == ours or (ours < dt.date(1900, 3, 1) and lo == ours - dt.timedelta(days=1))

def same_time(ours, lo):
    h, mi, se, has_seconds = lo
    return ours[:2] == (h, mi) and (not has_seconds or ours[2] == se)

def compare(ours_text, lo_text, date1904):
    """'exact', 'number', 'date' if equal after normalising, else None."""
    if ours_text == lo_text:
        return "exact"
    ours = ours_value(ours_text)
    if ours[0] == "text":
        return None
    if ours[0] == "number":
        n = lo_number(lo_text)
        if n is not None and abs(n - ours[1]) <= 1e-9 * max(1.0, abs(ours[1])):
            return "number"
        m = LO_ELAPSED.match(lo_text)
        if m and abs(int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3)) - ours[1] * 86400) <= 1:
            return "number"
        return None
    _, date, time = ours
    lo = lo_datetime(lo_text)
    if lo is None:
        n = lo_number(lo_text)
        if n is None:
            return None
        lo = serial_to_datetime(n, date1904)
    lo_date, lo_time = lo
    if date is not None and (lo_date is None or not same_date(date, lo_date)):
        return None
    if time is not None and lo_time is not None and not same_time(time, lo_time):
        return None
    if time is not None and lo_time is None and time != (0, 0, 0):
        return None
    return "date"


# ---------- per file ----------

failures = 0
for path in files:
    stem = os.path.basename(path)[:-len(".xlsx")]
    ours = read_tws(os.path.join(work, "tws", stem + ".txt"))
    formulas, date1904 = workbook_facts(path)
    counts = {"exact": 0, "number": 0, "date": 0}
    skipped, problems = 0, []
    if not ours:
        problems.append("tws printed no sheets: " + open(os.path.join(work, "tws", stem + ".err")).read().strip())
    lo_files = sorted(f for f in os.listdir(os.path.join(work, "lo")) if f.startswith(stem + "-"))
    expected = sorted(stem + "-" + name + ".csv" for name in ours)
    if lo_files != expected:
        problems.append("sheets differ: LibreOffice %s, tws %s" % (lo_files, expected))
    for name, rows in ours.items():
        lo_path = os.path.join(work, "lo", stem + "-" + name + ".csv")
        if not os.path.exists(lo_path):
            continue
        lo_rows = read_lo(lo_path)
        for r in range(max(len(rows), len(lo_rows))):
            a = rows[r] if r < len(rows) else []
            b = lo_rows[r] if r < len(lo_rows) else []
            for c in range(max(len(a), len(b))):
                x = a[c] if c < len(a) else ""
                y = b[c] if c < len(b) else ""
                if not x and not y:
                    continue
                if (r, c) in formulas.get(name, ()):
                    skipped += 1
                    continue
                kind = compare(x, y, date1904)
                if kind:
                    counts[kind] += 1
                else:
                    problems.append("%s!R%dC%d: tws %r, LibreOffice %r" % (name, r + 1, c + 1, x, y))
    total = sum(counts.values())
    print("%-46s %4d cells compared (%d exact, %d numbers, %d dates/times), %d formula cells skipped"
          % (os.path.basename(path), total, counts["exact"], counts["number"], counts["date"], skipped))
    for p in problems:
        print("  MISMATCH " + p)
    failures += len(problems)
    if total == 0 and not problems:
        print("  (no cells: every sheet is empty)")

sys.exit(1 if failures else 0)
PY
[ $status -eq 0 ] && echo "PASS: tws inspect agrees with LibreOffice on ${#files[@]} files"
exit $status
