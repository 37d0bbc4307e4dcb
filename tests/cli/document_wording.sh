#!/usr/bin/env bash
# Generated wording of the PDFs (issue 18 item 2): over every PDF of the sample years
# 2024–2026 (pdftotext -layout), no ISO date (2024-05-23: dates read 2024年5月23日) and no
# ASCII space between a number and the Han word it belongs to ("年培养目标 12 人",
# "2018 年“…”", "第 2 名", "行政楼 312 室", "聘期 2 年"). Table cells side by side and
# lines letter-spaced by justification are not wording, and are left out.
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"
. "$TWS_ROOT/tests/lib/sample_years.sh"
run_sample_years "$work/o"
/usr/bin/python3 - "$work/o" <<'PY' || fail=1
import glob, re, subprocess, sys
out = sys.argv[1]
UNITS = "年月日人名项行室个家分号条次位期"
WORDS = "第|前|聘期|目标|人员|场所|不少于|少于|不低于|低于|行政楼|另有|达到|共|满|计|得|扣|评分|合计"
SPACED = [re.compile(r"\d{4}-\d{2}-\d{2}"),
          re.compile(rf"\d+ [{UNITS}]|\d+ 平方米|\d+ 万元"),
          re.compile(rf"(?:{WORDS}) \d")]
LETTER_SPACED = re.compile(r"(?:[\u4e00-\u9fff] ){4}")
pdfs = sorted(glob.glob(out + "/**/*.pdf", recursive=True))
bad, lines = [], 0
for f in pdfs:
    text = subprocess.run(["pdftotext", "-q", "-layout", f, "-"], capture_output=True, text=True).stdout
    for line in text.splitlines():
        if LETTER_SPACED.search(line):
            continue
        lines += 1
        for p in SPACED:
            for m in p.finditer(line):
                bad.append(f"{f[len(out) + 1:]}: {m.group(0)!r} in {line.strip()[:60]!r}")
print(f"{len(pdfs)} PDFs, {lines} lines")
if len(pdfs) < 40:
    bad.append(f"only {len(pdfs)} PDFs")
for b in bad[:40]:
    print("FAIL:", b)
if len(bad) > 40:
    print(f"FAIL: … {len(bad) - 40} more")
sys.exit(1 if bad else 0)
PY
exit $fail
