#!/usr/bin/env bash
# Runs xlsx_bench for a 1,000-station 考核汇总 in each writer mode, one process per
# mode (peak RSS is per process), with the fast paths and through libxlsxwriter's own
# API, 10,000 stations (the issue 7 targets: ≤ 20 ms and ≤ 30 MB more RSS at 1,000,
# ≤ 200 ms at 10,000), and checks that every file holds the same cells.
#   bench/xlsx_bench.sh [BUILD_DIR]   (default: build)
set -eu
build=${1:-build}
bin="$build/bench/xlsx_bench"
[ -x "$bin" ] || bin="$build/xlsx_bench"
[ -x "$bin" ] || { echo "xlsx_bench not built in $build (add_subdirectory(bench) in CMakeLists.txt)"; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for mode in constant normal; do
  for paths in fast api; do
    "$bin" --stations 1000 --mode $mode --paths $paths --repeat 10 --out "$out/$mode-$paths.xlsx"
  done
done
"$bin" --stations 5000 --mode constant --out "$out/big.xlsx"
"$bin" --stations 5000 --mode normal --out "$out/big-normal.xlsx"
"$bin" --stations 10000 --mode auto --repeat 3 --out "$out/huge.xlsx"
tws="$build/tws"
if [ -x "$tws" ]; then
  a=$("$tws" inspect "$out/constant-fast.xlsx" | sha256sum)
  for f in constant-api normal-fast normal-api; do
    b=$("$tws" inspect "$out/$f.xlsx" | sha256sum)
    [ "$a" = "$b" ] || { echo "DIFFERENT cells: constant-fast.xlsx and $f.xlsx"; exit 1; }
  done
  echo "tws inspect: constant_memory and normal files, fast paths and libxlsxwriter's API, hold the same cells"
fi
