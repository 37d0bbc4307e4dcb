#!/usr/bin/env bash
# Issue 17: `tws serve` in operation — the school's decisions into the year's tws.ini
# (read by the CLI), a phase that fails and the run lock held elsewhere (shown, nothing
# written, the server serving on), the server killed while writing the 申报（认定）表 and
# started again (the run completes, verify passes, outputs equal a clean CLI run), a
# second run refused with 409, and HTTPS.
set -u
fail=0
work=$(mktemp -d)
lockpid=
trap 'stop_server; [ -n "$lockpid" ] && kill "$lockpid" 2>/dev/null; rm -rf "$work"' EXIT
source "$TWS_ROOT/tests/web/lib.sh"
# run_page PHASE DATE: starts a run of 2024 from the page, prints the HTTP status.
run_page() { c hr1 -o /dev/null -w '%{http_code}' -d "csrf=$(csrf hr1 /run?year=2024)&year=2024&phase=$1&date=$2" "$base/run"; }
# The run page once the page's run has ended.
run_result() {
  local page
  for _ in $(seq 300); do
    page=$(c hr1 "$base/run?year=2024")
    grep -q "<h2>正在运行" <<<"$page" || break
    sleep 0.1
  done
  echo "$page"
}
ini="$work/in/2024/tws.ini"
cp "$ini" "$work/ini.orig"
start_server
check "$(login hr1)" 303 "hr login"
check "$(login leader1)" 303 "leader login"

# Decisions: written into the year's tws.ini, the other lines byte for byte, the old file kept.
t=$(csrf hr1 "/decisions?year=2024")
page=$(c hr1 --data-urlencode "csrf=$t" -d year=2024 -d approval_decided_on=2024-05-24 --data-urlencode "approval_meeting=2024年第8次院长办公会" \
  -d assessment_decided_on=2024-12-20 "$base/decisions")
has "$page" "已保存到" "decisions saved"
{ sed 's/^decided_on = 2024-05-23$/decided_on = 2024-05-24/; s/^meeting = 2024年第7次院长办公会$/meeting = 2024年第8次院长办公会/' "$work/ini.orig"
  printf '\n[assessment]\ndecided_on = 2024-12-20\n'; } >"$work/ini.want"
cmp -s "$work/ini.want" "$ini" || { echo "FAIL: tws.ini after the decisions page:"; diff "$work/ini.want" "$ini"; fail=1; }
kept=$(ls "$work/in/.tws-web/2024/settings/")
cmp -s "$work/ini.orig" "$work/in/.tws-web/2024/settings/$kept" || { echo "FAIL: the previous tws.ini is not kept (settings/: $kept)"; fail=1; }
scratch=(--config "$work/in/tws.ini" --input "$work/in" --output "$work/dec-out" --registry "$work/dec-out/r.sqlite3")
"$TWS_BIN" select --year 2024 --date 2024-05-16 "${scratch[@]}" -q 2>/dev/null || { echo "FAIL: CLI select after the decisions"; fail=1; }
has "$("$TWS_BIN" check --year 2024 --date 2024-12-31 "${scratch[@]}" 2>&1)" "【认定】可以完成：认定 5 个工作站（2024-05-24）" "the CLI reads the decision"
has "$(c hr1 "$base/?year=2024")" "2024-05-24，2024年第8次院长办公会" "the overview shows the decision"
cp "$ini" "$work/ini.saved"
for bad in "approval_decided_on=2024-02-30" "assessment_decided_on=2024-13-01" "approval_meeting=第8次%0A[select]"; do
  page=$(c hr1 -d "csrf=$t&year=2024&$bad" "$base/decisions")
  has "$page" "（未保存）" "decisions with $bad refused"
  cmp -s "$work/ini.saved" "$ini" || { echo "FAIL: decisions with $bad changed tws.ini"; fail=1; }
done
has "$page" "会议名称应为一行文字" "the meeting's message"
lt=$(csrf leader1 /)
check "$(c leader1 -o /dev/null -w '%{http_code}' -d "csrf=$lt&year=2024&approval_decided_on=2024-05-27" "$base/decisions")" 403 "a leader posts decisions"
cmp -s "$work/ini.saved" "$ini" || { echo "FAIL: a leader changed tws.ini"; fail=1; }
cp "$work/ini.orig" "$ini"  # the sample's decisions again, for the runs below

# A phase that fails: the message on the page, nothing written, the server serving on.
cp "$work/in/2024/applications.xlsx" "$work/app.orig"
/usr/bin/python3 -c 'import openpyxl,sys; wb=openpyxl.load_workbook(sys.argv[1]); wb["申报汇总"]["I4"]="很大"; wb.save(sys.argv[1])' \
  "$work/in/2024/applications.xlsx"
check "$(run_page select 2024-05-16)" 303 "run with an error"
page=$(run_result)
has "$page" "未通过" "the failed run's state"
has "$page" "applications.xlsx:申报汇总!I4" "the failed run names the cell"
check "$(ls "$work/out/2024")" run.log "a failed run writes its log only"
check "$(c hr1 -o /dev/null -w '%{http_code}' "$base/?year=2024")" 200 "the server serves after a failed run"
cp "$work/app.orig" "$work/in/2024/applications.xlsx"

# The run lock held by another process (as `tws run` holds it): the page's run says so
# and writes nothing.
hashes() { (cd "$1" && find . -type f ! -name '*.sqlite3*' -exec sha256sum {} + | sort); }
before=$(hashes "$work/out")
/usr/bin/python3 -c 'import fcntl, sys, time; f = open(sys.argv[1], "a"); fcntl.flock(f, fcntl.LOCK_EX); time.sleep(30)' \
  "$work/out/registry.sqlite3.lock" & lockpid=$!
for _ in $(seq 50); do flock -n "$work/out/registry.sqlite3.lock" true || break; sleep 0.1; done
check "$(run_page select 2024-05-16)" 303 "run while the lock is held"
has "$(run_result)" "另一个任务正在运行" "the page's run under a held lock"
check "$(hashes "$work/out")" "$before" "files after a run under a held lock"
kill "$lockpid"; wait "$lockpid" 2>/dev/null; lockpid=
stop_server

# Killed while writing the 申报（认定）表 (the 12th crash point: 6 of 12 forms published),
# started again, the same run from the page: complete, verified, equal to a clean CLI run.
export TWS_TEST_KILL_AT=12
start_server
unset TWS_TEST_KILL_AT
check "$(login hr1)" 303 "hr login before the crash"
check "$(run_page select 2024-05-16)" 303 "run to be killed"
for _ in $(seq 300); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
kill -0 "$server" 2>/dev/null && { echo "FAIL: the server was not killed during the run"; kill -9 "$server"; fail=1; }
wait "$server"
check "$?" 137 "the server killed during the run"
forms=$(ls "$work/out/2024/申报认定表" 2>/dev/null | grep -c '\.pdf$')
[ "$forms" -gt 0 ] && [ "$forms" -lt 12 ] || { echo "FAIL: the kill did not land among the forms ($forms of 12 written)"; fail=1; }
start_server
check "$(login hr1)" 303 "hr login after the restart"
check "$(run_page select 2024-05-16)" 303 "run after the restart"
has "$(run_result)" "【资格审查与评审】完成" "the run after the restart"
"$TWS_BIN" verify --year 2024 "${opts[@]}" >"$work/verify.txt" 2>&1 || { echo "FAIL: verify after the restart: $(cat "$work/verify.txt")"; fail=1; }
# The clean run reads the same input folder (the manifest names it), into an output of its own.
"$TWS_BIN" select --year 2024 --date 2024-05-16 --config "$work/in/tws.ini" --input "$work/in" --output "$work/cli-out" \
  --registry "$work/cli-out/r.sqlite3" -q 2>/dev/null || { echo "FAIL: clean CLI select"; fail=1; }
outputs() { hashes "$1" | grep -v ' ./2024/run.log$'; }
[ "$(outputs "$work/out")" = "$(outputs "$work/cli-out")" ] ||
  { echo "FAIL: outputs after the restart differ from a clean CLI run"; diff <(outputs "$work/out") <(outputs "$work/cli-out")| head; fail=1; }

# A second run while the page's run is running: 409, nothing queued.
t=$(csrf hr1 /run?year=2024)
code1=$(c hr1 -o /dev/null -w '%{http_code}' -d "csrf=$t&year=2024&phase=run&date=2024-12-31" "$base/run")
second=$(c hr1 -w '\n%{http_code}' -d "csrf=$t&year=2024&phase=approve&date=2024-12-31" "$base/run")
check "$code1" 303 "the first run"
check "$(tail -1 <<<"$second")" 409 "a second run while one is running"
has "$second" "另一个任务正在运行" "the second run's message"
has "$(run_result)" "【年度考核与经费】完成" "the first run went on"
stop_server

# HTTPS with a certificate of the test's own.
if ! command -v openssl >/dev/null; then
  echo "SKIP: HTTPS (no openssl command to make a certificate)"
else
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
  start_server --tls-cert "$work/cert.pem" --tls-key "$work/key.pem"
  check "${base%%:*}" https "the URL printed"
  rm -f "$work/hr1.jar"
  check "$(login hr1)" 303 "https login"
  has "$(c hr1 "$base/?year=2024")" "2024 年度概况" "a page over https"
  has "$(curl -sk -D - -o /dev/null "$base/login")" "; Secure" "the session cookie is Secure"
  stop_server
  msg=$(timeout 10 "$TWS_BIN" serve --listen 127.0.0.1:0 --tls-cert "$work/nope.pem" --tls-key "$work/key.pem" "${opts[@]}" 2>&1)
  rc=$?
  [ $rc != 0 ] && [ $rc != 124 ] || { echo "FAIL: a missing certificate: exit $rc"; fail=1; }
  has "$msg" "无法使用证书" "the missing certificate's message"
fi
exit $fail
