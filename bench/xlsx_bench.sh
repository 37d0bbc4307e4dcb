#!/usr/bin/env bash
# Runs xlsx_bench for a 1,000-station 考核汇总 in each writer mode (libxlsxwriter's
# constant_memory and normal), one process per mode (peak RSS is per process), then
# 5,000 and 10,000 stations, and checks that both modes' files hold the same cells.
#   bench/xlsx_bench.sh [BUILD_DIR]   (default: build)
set -eu
build=${1:-build}
bin="$build/bench/xlsx_bench"
[ -x "$bin" ] || bin="$build/xlsx_bench"
[ -x "$bin" ] || { echo "xlsx_bench not built in $build (add_subdirectory(bench) in CMakeLists.txt)"; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for mode in constant normal; do
  "$bin" --stations 1000 --mode $mode --repeat 10 --out "$out/$mode.xlsx"
done
"$bin" --stations 5000 --mode constant --out "$out/big.xlsx"
"$bin" --stations 5000 --mode normal --out "$out/big-normal.xlsx"
"$bin" --stations 10000 --mode auto --repeat 3 --out "$out/huge.xlsx"
tws="$build/tws"
if [ -x "$tws" ]; then
  a=$("$tws" inspect "$out/constant.xlsx" | sha256sum)
  b=$("$tws" inspect "$out/normal.xlsx" | sha256sum)
  [ "$a" = "$b" ] || { echo "DIFFERENT cells: constant.xlsx and normal.xlsx"; exit 1; }
  echo "tws inspect: constant_memory and normal files hold the same cells"
fi
