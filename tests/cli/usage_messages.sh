#!/usr/bin/env bash
# Command-line mistakes (issue 15, item 23): each is a usage error (exit 2) with a
# Chinese message that names the option; none writes anything (no output/<year>/,
# no run.log, no registry).
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"
# expect DESCRIPTION OPTION-NAMED -- COMMAND arguments...
expect() {
  local what=$1 option=$2 command=$4; shift 4
  out=$("$TWS_BIN" "$command" --input input --output "$work/out" --registry "$work/out/registry.sqlite3" "$@" 2>&1); rc=$?
  [ "$rc" = 2 ] || { echo "FAIL: $what: exit $rc, want 2"; echo "$out" | head -3; fail=1; }
  echo "$out" | grep -qF -- "$option" || { echo "FAIL: $what: message does not name $option: $out"; fail=1; }
  # Boost.Program_options' own English sentences must not reach the user.
  if echo "$out" | grep -qiE "unrecognised|unrecognized|invalid|argument|parameter|missing|cannot be|does not|option '|内部错误"; then
    echo "FAIL: $what: not a Chinese usage message: $out"; fail=1
  fi
  [ ! -e "$work/out" ] || { echo "FAIL: $what: wrote $(find "$work/out" | head -3)"; fail=1; rm -rf "$work/out"; }
}
expect "--date 2026-02-30" --date -- run --year 2026 --date 2026-02-30
expect "--date 2026-13-01" --date -- select --year 2026 --date 2026-13-01
expect "--date 2026/04/01" --date -- check --year 2026 --date 2026/04/01
expect "--date ''" --date -- run --year 2026 --date ''
expect "calendar --from 2026-02-30" --from -- calendar --from 2026-02-30
expect "--year abc" --year -- run --year abc --date 2026-12-31
expect "--year 99999" --year -- run --year 99999 --date 2026-12-31
expect "--year 0" --year -- assess --year 0 --date 2026-12-31
expect "--year twice" --year -- run --year 2026 --year 2025 --date 2026-12-31
expect "--year without a value" --year -- run --date 2026-12-31 --year
expect "unknown option" --bogus -- run --year 2026 --bogus
expect "--jobs abc" --jobs -- run --year 2026 --date 2026-12-31 --jobs abc
expect "--quiet=yes" --quiet -- run --year 2026 --date 2026-12-31 --quiet=yes
out=$("$TWS_BIN" run --year abc 2>&1)
echo "$out" | grep -q "选项 --year 的值无效（应为四位年份，如 2026）" || { echo "FAIL: --year abc message: $out"; fail=1; }
out=$("$TWS_BIN" run --year 2026 --date 2026-02-30 2>&1)
echo "$out" | grep -q "tws run: --date 应为存在的日期 YYYY-MM-DD（如 2026-04-01），收到 “2026-02-30”" \
  || { echo "FAIL: --date 2026-02-30 message: $out"; fail=1; }
[ $fail = 0 ] && echo "usage_messages: ok"
exit $fail
