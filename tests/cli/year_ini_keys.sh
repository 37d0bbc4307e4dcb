#!/usr/bin/env bash
# A year's own input/<year>/tws.ini (issue 15, item 24) may change the regulation's
# rules and dates only: a key such as [output] registry or fonts, or the institution,
# is an input error (exit 1) naming the file, the line and the key, in `tws run` and
# `tws check` alike; the registry it names is never created and nothing is written.
# A rule key there still works.
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"
mkdir -p "$work/input"
cp input/tws.ini "$work/input/" && cp -r input/2024 "$work/input/"
run() {  # the selection before the configured publicity start, then the rest
  "$TWS_BIN" select --year 2024 --date 2024-05-16 --input "$work/input" --config "$work/input/tws.ini" \
    --output "$work/out" --registry "$work/out/registry.sqlite3" -q 2>&1 &&
  "$TWS_BIN" run --year 2024 --date 2024-12-31 --input "$work/input" --config "$work/input/tws.ini" \
    --output "$work/out" --registry "$work/out/registry.sqlite3" -q 2>&1
}
ini="$work/input/2024/tws.ini"
for case in "output|registry = $work/elsewhere.sqlite3|output.registry" \
            "output|fonts = $work/fonts.ini|output.fonts" \
            "institution|doc_prefix = 某某发|institution.doc_prefix"; do
  IFS='|' read -r section line key <<<"$case"
  printf '[publicity]\nstart_date = 2024-05-20\n\n[%s]\n%s\n' "$section" "$line" >"$ini"
  out=$(run); rc=$?
  [ "$rc" = 1 ] || { echo "FAIL: $key in the year's tws.ini: exit $rc, want 1"; echo "$out" | head -3; fail=1; }
  echo "$out" | grep -qF "$ini:第5行: 配置项 $key 不能写在年度配置文件中" \
    || { echo "FAIL: $key: message lacks file, line and key: $out"; fail=1; }
  out=$("$TWS_BIN" check --year 2024 --input "$work/input" --config "$work/input/tws.ini" 2>&1); rc=$?
  [ "$rc" = 1 ] && echo "$out" | grep -qF "$ini:第5行: 配置项 $key 不能写在年度配置文件中" \
    || { echo "FAIL: tws check does not report $key in the year's tws.ini (exit $rc): $out"; fail=1; }
  [ ! -e "$work/elsewhere.sqlite3" ] || { echo "FAIL: $key: the redirected registry was created"; fail=1; }
  if [ -e "$work/out" ] && find "$work/out" -name '*.pdf' -o -name '*.xlsx' -o -name '*.sqlite3' | grep -q .; then
    echo "FAIL: $key: wrote $(find "$work/out" -type f | head -3)"; fail=1
  fi
  rm -rf "$work/out"
done
# A rule key is allowed: the run goes through.
printf '[publicity]\nstart_date = 2024-05-20\nworkdays = 5\n\n[selection]\nthreshold = 75\n' >"$ini"
out=$(run) || { echo "FAIL: rule keys in the year's tws.ini: $out"; fail=1; }
[ -s "$work/out/2024/公示名单.pdf" ] || { echo "FAIL: the run with rule keys wrote no 公示名单"; fail=1; }
[ $fail = 0 ] && echo "year_ini_keys: ok"
exit $fail
