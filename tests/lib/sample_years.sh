# Sourced by tests/cli scripts (not a test itself): the sample years 2024–2026 of input/,
# in order, into OUT (select on 05-16, run on 12-31, registry OUT/registry.sqlite3).
# A failing command is printed and sets the caller's $fail.
run_sample_years() {  # OUT
  local out=$1 y
  for y in 2024 2025 2026; do
    "$TWS_BIN" select --year $y --date $y-05-16 --input input --output "$out" --registry "$out/registry.sqlite3" -q \
      || { echo "FAIL: tws select --year $y exit $?"; fail=1; }
    "$TWS_BIN" run --year $y --date $y-12-31 --input input --output "$out" --registry "$out/registry.sqlite3" -q \
      || { echo "FAIL: tws run --year $y exit $?"; fail=1; }
  done
}
