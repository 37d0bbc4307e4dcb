#!/usr/bin/env bash
# Issue 17: uploads under stress — two uploads of one slot at once (the later version
# wins only after its own check, an earlier clean one stays when the later has an error,
# the history keeps both), a client gone mid-upload (nothing kept), restoring an older
# version in one click, and requests naming paths (nothing read or written outside).
set -u
fail=0
work=$(mktemp -d)
trap 'stop_server; rm -rf "$work"' EXIT
source "$TWS_ROOT/tests/web/lib.sh"
index="$work/in/.tws-web/2024/versions.tsv"
state_of() { awk -F'\t' -v id="$1" '$1 == id { print $8 }' "$index"; }  # a version's state in the history
ids() { cut -f1 "$index" 2>/dev/null | sort -n | tr '\n' ' '; }

# The uploads: a large clean one (a sheet of padding makes its check slow), a small clean
# one, a small one with an error (I4 工作场所面积 “很大”).
cp "$work/in/2024/applications.xlsx" "$work/orig.xlsx"
/usr/bin/python3 - "$work/orig.xlsx" "$work" <<'PY'
import openpyxl, sys
src, d = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(src)
pad = wb.create_sheet("备注")
for r in range(1, 3001):
    pad.append([f"备注 {r}-{c} " + "说明文字" * 3 for c in range(1, 21)])
wb.save(d + "/big.xlsx")
pad["A1"] = "另一份"
wb.save(d + "/big2.xlsx")
wb = openpyxl.load_workbook(src)
wb["申报汇总"]["A1"].value = wb["申报汇总"]["A1"].value
wb.save(d + "/small.xlsx")
wb["申报汇总"]["I4"] = "很大"
wb.save(d + "/bad.xlsx")
PY
"$TWS_BIN" select --year 2024 --date 2024-05-16 "${opts[@]}" -q >/dev/null || { echo "FAIL: CLI select"; fail=1; }
start_server
check "$(login hr1)" 303 "hr login"
check "$(login admin1)" 303 "admin login"
t=$(csrf hr1 "/upload?year=2024")
# send FILE → the redirect to its result (curl without writing the shared cookie jar).
send() { curl -sk -b "$work/hr1.jar" -o /dev/null -w '%{redirect_url}' -F "csrf=$t" -F "file=@$1" "$base/upload?year=2024&slot=applications"; }
id_of() { sed 's/.*id=//' "$1"; }

# Two at once, both clean: the version received later is the one installed.
send "$work/big.xlsx" >"$work/a.loc" & pa=$!
sleep 0.3
send "$work/small.xlsx" >"$work/b.loc" & pb=$!
wait $pa $pb
a=$(id_of "$work/a.loc") b=$(id_of "$work/b.loc")
[ -n "$a" ] && [ -n "$b" ] || { echo "FAIL: concurrent uploads: no result ($(cat "$work/a.loc") / $(cat "$work/b.loc"))"; exit 1; }
if [ "$a" -lt "$b" ]; then later=small; earlier=$a; else later=big; earlier=$b; fi
cmp -s "$work/$later.xlsx" "$work/in/2024/applications.xlsx" || { echo "FAIL: concurrent clean uploads: the installed file is not the later version's"; fail=1; }
check "$(state_of "$((a > b ? a : b))")" "已安装" "the later version's state"
case "$(state_of "$earlier")" in
  被替换 | "未安装（已有更新的版本）") echo "concurrent clean uploads: earlier version $earlier: $(state_of "$earlier")" ;;
  *) echo "FAIL: the earlier version's state: $(state_of "$earlier")"; fail=1 ;;
esac

# Two at once, the later with an error: the earlier clean one stays installed.
send "$work/big2.xlsx" >"$work/a.loc" & pa=$!
sleep 0.3
send "$work/bad.xlsx" >"$work/b.loc" & pb=$!
wait $pa $pb
a=$(id_of "$work/a.loc") b=$(id_of "$work/b.loc")
[ "$a" -lt "$b" ] || echo "note: the error upload was received first (version $b before $a)"
check "$(state_of "$b")" "有错误" "the upload with an error"
check "$(state_of "$a")" "已安装" "the clean upload beside one with an error"
cmp -s "$work/big2.xlsx" "$work/in/2024/applications.xlsx" || { echo "FAIL: a later upload with an error displaced the clean one"; fail=1; }
hist=$(c hr1 "$base/upload?year=2024")
for v in 1 2 3 4 5; do has "$(ids)" "$v " "history keeps version $v"; done
has "$hist" "有错误" "the history page shows the version with an error"

# A client gone mid-upload (5 MB at 1 MB/s, cut after 1.5 s): nothing kept, nothing changed.
head -c 5000000 /dev/urandom >"$work/huge.csv"
before=$(ids)
curl -sk -b "$work/hr1.jar" -o /dev/null --limit-rate 1M --max-time 1.5 -F "csrf=$t" -F "file=@$work/huge.csv" \
  "$base/upload?year=2024&slot=objections"
check "$?" 28 "curl cut off by --max-time"
for _ in $(seq 30); do [ -z "$(ls "$work/in/.tws-web/2024/tmp")" ] && break; sleep 0.1; done
check "$(ls "$work/in/.tws-web/2024/tmp")" "" "temporary files after a cut upload"
check "$(ids)" "$before" "versions after a cut upload"
cmp -s "$TWS_ROOT/input/2024/objections.xlsx" "$work/in/2024/objections.xlsx" || { echo "FAIL: a cut upload changed objections.xlsx"; fail=1; }
check "$(c hr1 -o /dev/null -w '%{http_code}' "$base/?year=2024")" 200 "the server answers after a cut upload"

# Restore: the file that was there before the first upload, back in one click.
orig=$(awk -F'\t' '$2 == "applications" && $8 == "原有文件" { print $1 }' "$index")
[ -n "$orig" ] || { echo "FAIL: the original applications.xlsx is not in the history"; fail=1; }
before=$(ids)
check "$(c hr1 -o /dev/null -w '%{http_code}' -d "csrf=$t&year=2024&id=$orig" "$base/upload/install")" 303 "restore"
cmp -s "$work/orig.xlsx" "$work/in/2024/applications.xlsx" || { echo "FAIL: restore did not put the original bytes back"; fail=1; }
check "$(state_of "$orig")" "已安装" "the restored version's state"
check "$(state_of "$a")" "被替换" "the version restored over"
for v in $before; do has "$(ids)" "$v " "history after restore keeps version $v"; done
has "$(c admin1 "$base/admin")" "<td>恢复</td>" "audit records 恢复"

# Paths in requests: the registry's list decides the file, the slot the name, the year a folder.
check "$(c hr1 -o /dev/null -w '%{http_code}' "$base/file?year=2024&n=0")" 200 "a listed output"
mark="$work/mark"; touch "$mark"; sleep 1
listing() { (cd "$work" && find . -type f -newer mark ! -name '*.jar' ! -name serve.log ! -name '*.sqlite3*' | sort); }
snap=$(listing)
for q in "year=2024&n=../../etc/passwd" "year=2024&n=-1" "year=2024&n=99999" "year=../2024&n=0" "year=2024/../..&n=0"; do
  code=$(c hr1 -o "$work/got" -w '%{http_code}' "$base/file?$q")
  case $code in 400 | 404) ;; *) echo "FAIL: /file?$q answered $code"; fail=1 ;; esac
  ! grep -q "root:" "$work/got" || { echo "FAIL: /file?$q read /etc/passwd"; fail=1; }
done
rm -f "$work/got"
for q in "year=2024&slot=../x" "year=2024&slot=../../x" "year=../2024&slot=applications" "year=2024/..&slot=applications"; do
  code=$(c hr1 -o /dev/null -w '%{http_code}' -F "csrf=$t" -F "file=@$work/small.xlsx;filename=../../x.xlsx" "$base/upload?$q")
  case $code in 400 | 404) ;; *) echo "FAIL: POST /upload?$q answered $code"; fail=1 ;; esac
done
check "$(c hr1 -o /dev/null -w '%{http_code}' "$base/template?slot=../x")" 404 "template of ../x"
check "$(c hr1 -o /dev/null -w '%{http_code}' -d "csrf=$t&year=2024&id=../1" "$base/upload/install")" 404 "install of id ../1"
check "$(listing)" "$snap" "files written by requests naming paths"
cmp -s "$TWS_ROOT/input/2026/applications.xlsx" "$work/in/2026/applications.xlsx" || { echo "FAIL: a request for year ../2024 changed 2026"; fail=1; }
exit $fail
