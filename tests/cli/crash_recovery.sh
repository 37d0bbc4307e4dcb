#!/usr/bin/env bash
# Crash test (issue 6): kill `tws run` with SIGKILL at outputs written and registry
# commits (before and after) of a year's run, re-run, and check that
# the final outputs and registry equal those of an uninterrupted run.
set -u
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$TWS_ROOT"
run() { # dir year [kill-at]: selection before the year's configured publicity start, the rest at year end
  TWS_TEST_KILL_AT=${3:-0} "$TWS_BIN" select --year "$2" --date "$2-05-16" --input input --output "$1" \
    --registry "$1/registry.sqlite3" -q >/dev/null 2>&1 || return
  TWS_TEST_KILL_AT=${3:-0} "$TWS_BIN" run --year "$2" --date "$2-12-31" --input input --output "$1" \
    --registry "$1/registry.sqlite3" -q >/dev/null 2>&1
}
state() { # dir → hashes of every output (not the log) and the registry's content
  (cd "$1" && find . -type f ! -name run.log ! -name '*.sqlite3*' -exec sha256sum {} + | sort)
  /usr/bin/python3 -c 'import sqlite3,sys; print("\n".join(sqlite3.connect(sys.argv[1]).iterdump()))' "$1/registry.sqlite3"
}
for y in 2024 2025 2026; do run "$work/ref" $y || { echo "FAIL: reference run $y"; fail=1; }; done
ref=$(state "$work/ref")
points=0
for crash_year in 2024 2025; do
  # The years before the crashing one, run once and copied for each kill point.
  rm -rf "$work/prefix"; mkdir -p "$work/prefix"
  for y in 2024 2025; do [ $y -lt $crash_year ] && run "$work/prefix" $y; done
  # Every other point (counted in the select and in the run process alike): each
  # output and each commit step is hit somewhere across the two years, and the test
  # stays under a minute.
  for k in $(seq 1 2 200); do
    rm -rf "$work/c"; cp -a "$work/prefix" "$work/c"
    run "$work/c" $crash_year $k; rc=$?
    if [ $rc = 0 ]; then break; fi   # fewer than k crash points in this run
    [ $rc = 137 ] || { echo "FAIL: kill point $k of $crash_year: exit $rc, want 137 (SIGKILL)"; fail=1; }
    points=$((points + 1))
    for y in 2024 2025 2026; do
      [ $y -ge $crash_year ] && { run "$work/c" $y || { echo "FAIL: recovery run $y after kill $crash_year/$k"; fail=1; }; }
    done
    [ "$(state "$work/c")" = "$ref" ] || { echo "FAIL: state after kill $crash_year/$k differs from the uninterrupted run"; diff <(state "$work/c") <(echo "$ref") | head -5; fail=1; }
  done
done
echo "crash points tested: $points"
[ $points -ge 20 ] || { echo "FAIL: only $points kill points (want ≥ 20)"; fail=1; }
[ $fail = 0 ] && echo "crash_recovery: ok"
exit $fail
