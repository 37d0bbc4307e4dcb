#!/usr/bin/env bash
# tws calendar prints the last day of a publicity period (第五条（三）) and a year's listing.
set -u
fail=0
expect() { local want=$1; shift; got=$("$TWS_BIN" calendar "$@" 2>&1); [ "$got" = "$want" ] || { echo "FAIL: calendar $*: got '$got', want '$want'"; fail=1; }; }
expect 2026-05-07 --from 2026-04-30 --workdays 3
expect 2026-10-09 --from 2026-09-30 --workdays 3
expect 2026-05-11 --from 2026-05-08
"$TWS_BIN" calendar --from 2027-01-04 --workdays 3 >/dev/null 2>&1; rc=$?
[ $rc = 1 ] || { echo "FAIL: uncovered year should exit 1, got $rc"; fail=1; }
"$TWS_BIN" calendar --from 2026-02-30 >/dev/null 2>&1; [ $? = 2 ] || { echo "FAIL: bad date should exit 2"; fail=1; }
"$TWS_BIN" calendar --year 2026 | grep -q $'2026-02-14\t周六\t调休上班\t春节' || { echo "FAIL: year listing"; fail=1; }
[ $fail = 0 ] && echo "calendar: ok"
exit $fail
