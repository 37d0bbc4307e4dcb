#!/usr/bin/env bash
# Issue 19 item 5, 授牌: `tws certificates --year Y` makes one A4 landscape certificate
# per station the year's 认定通知 approved (名称, 领办人, 聘期 as Chinese dates, the
# 认定通知's 发文字号 and date) and the sign maker's list (制牌清单) of the same stations,
# in output/<year>/授牌/, from the registry's record of the approval. Checked over the
# sample years 2024–2026 against the registry and the 认定通知's own text; the same
# bytes on a second run; a changed file is not overwritten without --force; a year
# without an approval is refused with a message; no ID or phone number is printed.
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"
. tests/lib/sample_years.sh
out="$work/out"; reg="$out/registry.sqlite3"
run_sample_years "$out"
cert() { "$TWS_BIN" certificates --output "$out" --registry "$reg" --input input --date 2026-12-31 "$@" 2>&1; }
sql() { sqlite3 "$reg" "$1"; }
cn_date() { local y m d; IFS=- read -r y m d <<<"$1"; echo "${y}年$((10#$m))月$((10#$d))日"; }

for y in 2024 2025 2026; do
  o=$(cert --year $y); rc=$?
  [ $rc = 0 ] || { echo "FAIL: $y: certificates exit $rc: $o"; fail=1; continue; }
  dir="$out/$y/授牌"
  docno=$(sql "SELECT number FROM documents WHERE year=$y AND kind='认定通知'")
  docdate=$(cn_date "$(sql "SELECT date FROM documents WHERE year=$y AND kind='认定通知'")")
  # -raw: each table cell's lines together, as drawn.
  notice=$(pdftotext -raw "$out/$y/认定通知.pdf" - | tr -d ' \n')
  list=$(pdftotext -raw "$dir/制牌清单.pdf" - | tr -d ' \n')
  grep -Eq '[0-9]{17}[0-9Xx]|0534-|1[3-9][0-9]{9}' <<<"$list" && { echo "FAIL: $y: 制牌清单 prints an ID or phone number"; fail=1; }
  # Each certificate's text once, by the 证书编号 it bears.
  declare -A cert_text=() cert_count=()
  for f in "$dir"/*.pdf; do
    [ "$(basename "$f")" = 制牌清单.pdf ] && continue
    t=$(pdftotext "$f" - | tr -d ' \n')
    pdftotext "$f" - | grep -Eq '[0-9]{17}[0-9Xx]|0534-|1[3-9][0-9]{9}' && { echo "FAIL: $y: $f prints an ID or phone number"; fail=1; }
    c=$(grep -o '证书编号：JS[0-9]*' <<<"$t" | head -1); c=${c#证书编号：}
    cert_text[$c]=$t; cert_count[$c]=$(( ${cert_count[$c]:-0} + 1 ))
  done
  n=0
  while IFS='|' read -r code name leader dept start end; do
    n=$((n + 1))
    [ "${cert_count[$code]:-0}" = 1 ] || { echo "FAIL: $y: $code is on ${cert_count[$code]:-0} certificates"; fail=1; continue; }
    text=${cert_text[$code]}
    term="$(cn_date "$start")至$(cn_date "$end")"
    for want in "$name" "领办人：$leader" "聘期：$term" "认定文号：$docno" "$docdate" "德州职业技术学院“技师工作站”"; do
      case "$text" in *"$want"*) ;; *) echo "FAIL: $y: $code certificate lacks “$want”: $text"; fail=1 ;; esac
    done
    # The 认定通知 names the station with the same term.
    case "$notice" in *"$code$name"*) ;; *) echo "FAIL: $y: 认定通知 does not list $code $name"; fail=1 ;; esac
    case "$notice" in *"$term"*) ;; *) echo "FAIL: $y: 认定通知 does not state the term $term"; fail=1 ;; esac
    case "$notice" in *"$docno"*) ;; *) echo "FAIL: $y: 认定通知 does not bear $docno"; fail=1 ;; esac
    case "$list" in *"$name$leader$dept德州职业技术学院$name"*) ;; *) echo "FAIL: $y: 制牌清单 lacks the row of $name $leader $dept"; fail=1 ;; esac
  done < <(sql "SELECT code, name, leader, department, term_start, term_end FROM stations WHERE first_year=$y ORDER BY code")
  [ "$n" -gt 0 ] || { echo "FAIL: $y: no station approved in the registry"; fail=1; }
  pdfs=$(ls "$dir" | grep -c '\.pdf$')
  [ "$pdfs" = $((n + 1)) ] || { echo "FAIL: $y: $pdfs PDFs in 授牌/, want $n certificates and the list"; fail=1; }
  # The list: one row per station and the total.
  case "$list" in *"合计${n}块"*) ;; *) echo "FAIL: $y: 制牌清单 total is not ${n}块"; fail=1 ;; esac
  [ "$(pdfinfo "$dir/制牌清单.pdf" | awk '/^Pages:/{print $2}')" = 1 ] || { echo "FAIL: $y: 制牌清单 is not one page"; fail=1; }
  # The certificates: A4 landscape, one page each.
  for f in "$dir"/*.pdf; do
    [ "$(basename "$f")" = 制牌清单.pdf ] && continue
    info=$(pdfinfo "$f")
    echo "$info" | grep -q "^Page size: *841.89 x 595.276 pts (A4)" || { echo "FAIL: $y: $(basename "$f") is not A4 landscape"; fail=1; }
    echo "$info" | grep -q "^Pages: *1$" || { echo "FAIL: $y: $(basename "$f") is not one page"; fail=1; }
  done
done

# The revoked station (2024's JS202403, revoked by the 2025 assessment) is certified as
# approved, and the user is told.
o=$(cert --year 2024); rc=$?
[ $rc = 0 ] && echo "$o" | grep -qF "工作站 JS202403“工业机器人技师工作站”已于 2025-12-31 撤销资格（第七条）" \
  && echo "$o" | grep -q "写入 0 个文件，6 个无变化" \
  || { echo "FAIL: second run of 2024 (same bytes, the revocation said): exit $rc: $o"; fail=1; }

# A file that differs is not overwritten without --force.
f=$(ls "$out/2025/授牌"/JS202501-*.pdf)
echo "a scan" > "$f"
o=$(cert --year 2025); rc=$?
[ $rc = 1 ] && [ "$(cat "$f")" = "a scan" ] && echo "$o" | grep -qF "文件已存在且内容与本次生成的不同" && echo "$o" | grep -qF -- "--force" \
  || { echo "FAIL: a changed certificate: exit $rc: $o"; fail=1; }
o=$(cert --year 2025 --force); rc=$?
[ $rc = 0 ] && [ "$(head -c 5 "$f")" = "%PDF-" ] || { echo "FAIL: --force: exit $rc: $o"; fail=1; }

# A year without an approval.
o=$(cert --year 2027); rc=$?
[ $rc = 1 ] && echo "$o" | grep -qF "2027 年度尚未认定（登记库中没有该年度的认定记录），无法制作授牌证书" && [ ! -e "$out/2027/授牌" ] \
  || { echo "FAIL: 2027: exit $rc: $o"; fail=1; }
exit $fail
