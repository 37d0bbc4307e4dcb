#!/usr/bin/env bash
# Every sub-command's --help works; unknown commands and bad options exit 2;
# phases not yet built say so and exit 2 without writing anything.
set -u
fail=0
check() { # expected_rc description cmd...
  local want=$1 what=$2; shift 2
  out=$("$@" 2>&1); rc=$?
  if [ "$rc" != "$want" ]; then echo "FAIL: $what: exit $rc, want $want"; echo "$out" | head -5; fail=1; fi
}
cd "$(mktemp -d)"
check 0 "tws --help" "$TWS_BIN" --help
"$TWS_BIN" --help | grep -q "registry export" || { echo "FAIL: overview lacks registry export"; fail=1; }
check 2 "tws without command" "$TWS_BIN"
for c in template inspect check select approve assess run calendar verify "registry export"; do
  # shellcheck disable=SC2086
  check 0 "$c --help" "$TWS_BIN" $c --help
  # shellcheck disable=SC2086
  "$TWS_BIN" $c --help | grep -q -- "--config" || { echo "FAIL: $c --help lacks common options"; fail=1; }
done
check 2 "unknown command" "$TWS_BIN" frobnicate
check 2 "unknown option" "$TWS_BIN" check --bogus
check 2 "bad --date" "$TWS_BIN" check --year 2026 --date 2026/04/01
"$TWS_BIN" verify --output out >/dev/null 2>&1; [ $? = 2 ] || { echo "FAIL: verify without --year should exit 2"; fail=1; }
[ ! -e out ] || { echo "FAIL: an unbuilt phase wrote output"; fail=1; }
[ $fail = 0 ] && echo "help_and_usage: ok"
exit $fail
