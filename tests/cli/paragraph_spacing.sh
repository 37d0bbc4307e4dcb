#!/usr/bin/env bash
# Paragraph line breaking in the sample years' notices (issue 18 §3, §4, §7), measured
# from character positions (mutool draw -F stext) of 认定通知, 考核结果通报, 经费下达通知
# and 公示名单 of 2024–2026:
#  - no justified body line puts more than 0.15 em between two Han characters (the
#    space each gap gets, over the 15.79 pt grid pitch of 三号);
#  - no ，、；： inside a body line is squeezed (narrower than 0.9 of the pitch);
#  - title lines (二号) break between words: 职业技术学院, 2026年度, 技师工作站 whole;
#  - pdf_grid.py finds no 禁则 violation.
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"
. "$TWS_ROOT/tests/lib/sample_years.sh"
run_sample_years "$work/o"
/usr/bin/python3 - "$work/o" "$TWS_SHARED/tools/pdf_grid.py" <<'PY' || fail=1
import collections, re, subprocess, sys
out, grid_tool = sys.argv[1], sys.argv[2]
PITCH = 156 / 25.4 * 72 / 28  # pt: 28 characters of 三号 on the 156 mm line
bad = []
def han(c): return 0x4E00 <= ord(c) <= 0x9FFF
def lines_of(pdf):
    """{(page, baseline): [(x, char)]} for each font size, spaces mutool adds left out."""
    x = subprocess.run(["mutool", "draw", "-q", "-F", "stext", "-o", "-", pdf], capture_output=True, text=True).stdout
    rows = collections.defaultdict(list)
    for pno, page in enumerate(x.split("<page ")[1:], 1):
        for size, body in re.findall(r'<font name="[^"]*" size="([\d.]+)">(.*?)</font>', page, re.S):
            for cx, cy, ch in re.findall(r'<char quad="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*c="([^"]*)"', body):
                ch = re.sub(r"&#x([0-9a-f]+);", lambda m: chr(int(m.group(1), 16)), ch)
                if ch != " ": rows[(round(float(size)), pno, round(float(cy), 1))].append((float(cx), ch))
    return {k: sorted(v) for k, v in sorted(rows.items(), key=lambda kv: kv[0][1:])}
for y in (2024, 2025, 2026):
    for name in ("认定通知", "考核结果通报", "经费下达通知", "公示名单"):
        pdf = f"{out}/{y}/{name}.pdf"
        rows = lines_of(pdf)
        worst = (0, "")
        for (size, page, _), cs in rows.items():
            if size != 16: continue
            text = "".join(c for _, c in cs)
            for a, b in zip(cs, cs[1:]):
                if han(a[1]) and han(b[1]):
                    worst = max(worst, ((b[0] - a[0] - PITCH) / 16, f"p{page} {text}"))
                if a[1] in "，、；：" and b[0] - a[0] < 0.9 * PITCH:
                    bad.append(f"{y}/{name} p{page}: {a[1]} squeezed inside the line {text}")
        print(f"{y}/{name}: largest gap between Han characters {worst[0]:.3f} em ({worst[1]})")
        if worst[0] > 0.15 + 1e-3: bad.append(f"{y}/{name}: {worst[0]:.3f} em between characters: {worst[1]}")
        title = "|".join("".join(c for _, c in cs) for (size, _, _), cs in rows.items() if size == 22)
        for word in ("职业技术学院", f"{y}年度", "技师工作站"):
            for m in re.finditer(r"\|?".join(word), title):
                if "|" in m.group(0): bad.append(f"{y}/{name}: title broken inside {word}: {title}")
        grid = subprocess.run([sys.executable, grid_tool, pdf], capture_output=True, text=True).stdout
        if "kinsoku=0" not in grid: bad.append(f"{y}/{name}: 禁则 violations: {grid.strip()}")
for b in bad: print("FAIL:", b)
sys.exit(1 if bad else 0)
PY
exit $fail
