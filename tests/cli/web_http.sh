#!/usr/bin/env bash
# Issue 17: `tws serve` over HTTP with curl — login, CSRF and role refusals, an upload
# with an error shown at its cell and kept aside, the fixed file installed with the
# history kept, a run of select whose 公示名单 is byte-identical to the CLI's, a leader
# kept from internal files, headers, limits and the audit log.
set -u
fail=0
work=$(mktemp -d)
trap 'stop_server; rm -rf "$work"' EXIT
source "$TWS_ROOT/tests/web/lib.sh"

# 2024 starts without applications: HR uploads them.
mv "$work/in/2024/applications.xlsx" "$work/good.xlsx"
/usr/bin/python3 - "$work/good.xlsx" "$work/bad.xlsx" <<'PY'
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["申报汇总"]
ws["I4"] = "很大"   # 工作场所面积 of 2024-02
wb.save(sys.argv[2])
PY
start_server

# Not logged in: sent to the login page; the page itself carries the headers.
check "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$base/")" "303 $base/login" "anonymous / redirects"
headers=$(curl -s -D - -o /dev/null "$base/login")
has "$headers" "Content-Security-Policy: default-src 'self'" "CSP header"
has "$headers" "frame-ancestors 'none'" "frame-ancestors"
has "$headers" "X-Content-Type-Options: nosniff" "nosniff"
has "$headers" "Referrer-Policy: no-referrer" "referrer policy"
has "$headers" "HttpOnly; SameSite=Strict" "cookie flags"

# Login: a wrong password refused, then each user in.
check "$(login hr1 wrong-password)" 401 "wrong password"
check "$(login hr1)" 303 "hr login"
check "$(login leader1)" 303 "leader login"
check "$(login admin1)" 303 "admin login"
page=$(c hr1 "$base/?year=2024")
has "$page" "2024 年度概况" "overview"
has "$page" "材料不全" "select waits for applications"

# CSRF: a POST without the token changes nothing.
check "$(c hr1 -o /dev/null -w '%{http_code}' -d 'year=2024&phase=select&date=2024-05-16' "$base/run")" 403 "POST without csrf"

# Roles: a leader may not upload, run or see the accounts; the refusal is recorded.
check "$(c leader1 -o /dev/null -w '%{http_code}' "$base/upload?year=2024")" 403 "leader upload page"
check "$(c leader1 -o /dev/null -w '%{http_code}' "$base/admin")" 403 "leader admin page"
check "$(c hr1 -o /dev/null -w '%{http_code}' "$base/admin")" 403 "hr admin page"

# Upload with an error: its cell and row shown, the file kept aside, not installed.
t=$(csrf hr1 "/upload?year=2024")
loc=$(c hr1 -o /dev/null -w '%{redirect_url}' -F "csrf=$t" -F "file=@$work/bad.xlsx;filename=申报汇总(1).xlsx" \
  "$base/upload?year=2024&slot=applications")
has "$loc" "/upload/result?year=2024&id=1" "upload redirects to its result"
result=$(c hr1 "$loc")
has "$result" "有错误" "bad upload state"
has "$result" "<td>I4</td>" "the cell of the error"
has "$result" '<td class="hl">很大</td>' "the row as read, the cell highlighted"
[ ! -e "$work/in/2024/applications.xlsx" ] || { echo "FAIL: a file with errors was installed"; fail=1; }

# The fixed file: installed under the slot's name, byte for byte; history keeps both.
loc=$(c hr1 -o /dev/null -w '%{redirect_url}' -F "csrf=$t" -F "file=@$work/good.xlsx;filename=whatever.xlsx" \
  "$base/upload?year=2024&slot=applications")
has "$(c hr1 "$loc")" "已安装" "good upload installed"
cmp -s "$work/good.xlsx" "$work/in/2024/applications.xlsx" || { echo "FAIL: installed file differs from the upload"; fail=1; }
hist=$(c hr1 "$base/upload?year=2024")
has "$hist" "申报汇总(1).xlsx" "history keeps the first upload"
has "$hist" "whatever.xlsx" "history keeps the second"
has "$hist" "恢复此版本" "a version can be restored"

# A run of select from the page, on the CLI's date.
t=$(csrf hr1 "/run?year=2024")
check "$(c hr1 -o /dev/null -w '%{http_code}' -d "csrf=$t&year=2024&phase=select&date=2024-05-16" "$base/run")" 303 "run select"
for _ in $(seq 300); do
  run=$(c hr1 "$base/run?year=2024")
  grep -q "<h2>正在运行" <<<"$run" || break
  sleep 0.2
done
has "$run" "【资格审查与评审】完成" "run summary on the page"

# The 公示名单 from the page equals the CLI's on the same inputs and date.
cp -r "$work/in" "$work/cli-in"
"$TWS_BIN" select --year 2024 --date 2024-05-16 --config "$work/cli-in/tws.ini" --input "$work/cli-in" \
  --output "$work/cli-out" --registry "$work/cli-out/r.sqlite3" -q || { echo "FAIL: CLI select"; fail=1; }
outputs=$(c hr1 "$base/outputs?year=2024")
n=$(grep -o 'n=[0-9]*">2024/公示名单.pdf' <<<"$outputs" | head -1 | sed 's/n=//; s/".*//')
c hr1 -o "$work/web.pdf" "$base/file?year=2024&n=$n"
cmp -s "$work/web.pdf" "$work/cli-out/2024/公示名单.pdf" || { echo "FAIL: 公示名单 from the page differs from the CLI's"; fail=1; }
has "$(curl -s -D - -o /dev/null -b "$work/hr1.jar" "$base/file?year=2024&n=$n")" "Content-Type: application/pdf" "PDF type"

# A leader sees the public documents only and cannot fetch an internal one.
lead=$(c leader1 "$base/outputs?year=2024")
has "$lead" "2024/公示名单.pdf" "leader sees the 公示名单"
hasnt "$lead" "申报认定表" "leader does not see the forms"
hasnt "$lead" "manifest.json" "leader does not see the manifest"
internal=$(grep -o 'n=[0-9]*">2024/申报认定表/[^<]*' <<<"$outputs" | head -1 | sed 's/n=//; s/".*//')
[ -n "$internal" ] || { echo "FAIL: hr sees no 申报认定表"; fail=1; }
check "$(c leader1 -o /dev/null -w '%{http_code}' "$base/file?year=2024&n=$internal")" 403 "leader fetches a form"
check "$(c leader1 -o /dev/null -w '%{http_code}' "$base/export")" 403 "leader registry export"
check "$(c hr1 -o /dev/null -w '%{http_code}' "$base/file?year=2024&n=$internal")" 200 "hr fetches a form"

# Over 20 MB: refused, nothing kept.
head -c 21000000 /dev/zero >"$work/big.csv"
t=$(csrf hr1 "/upload?year=2024")
check "$(c hr1 -o /dev/null -w '%{http_code}' -F "csrf=$t" -F "file=@$work/big.csv" "$base/upload?year=2024&slot=objections")" 413 "20 MB limit"
[ -z "$(ls "$work/in/.tws-web/2024/tmp" 2>/dev/null)" ] || { echo "FAIL: a refused upload left a file"; fail=1; }

# An .xls in a slot: the reader's message at the file.
t=$(csrf hr1 "/upload?year=2024")
loc=$(c hr1 -o /dev/null -w '%{redirect_url}' -F "csrf=$t" -F "file=@$TWS_SHARED/fixtures/xlsx/lo74_biff8.xls" \
  "$base/upload?year=2024&slot=objections")
has "$(c hr1 "$loc")" "xls" "an .xls named by the reader"

# Five wrong passwords (from another client) lock the account, even for the right one.
for _ in 1 2 3 4 5; do check "$(login leader1 wrong guess)" 401 "wrong password for leader1"; done
t=$(csrf guess /login)
page=$(c guess --data-urlencode "csrf=$t" --data-urlencode name=leader1 --data-urlencode password=pass-leader1-word "$base/login")
has "$page" "锁定 15 分钟" "lockout after five failures"

# The audit log, for admin: logins, uploads with their SHA-256, the run, the refusals.
audit=$(c admin1 "$base/admin")
for what in 登录 登录失败 上传 安装 运行 下载 拒绝; do has "$audit" "<td>$what</td>" "audit records $what"; done
has "$audit" "$(sha256sum "$work/good.xlsx" | cut -c1-16)" "audit keeps the upload's SHA-256"
exit $fail
