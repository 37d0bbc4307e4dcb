#!/usr/bin/env bash
# A package-list check for a fresh Debian 12 machine: every library and header the
# build links against, and every program the tests and set-up call, must come from
# a package that scripts/setup installs (or its dependencies) or from the base
# toolchain (build-essential, cmake, git).
set -u
cd "$TWS_ROOT"
pkgs=$(sed -n '/^PKGS=(/,/^)/p' scripts/setup | grep -v '^\s*#' | sed 's/#.*//' | tr -s ' \t()' '\n' | grep -E '^[a-z0-9][a-z0-9.+-]+$' | grep -v '^PKGS=$' | sort -u)
# Everything those packages pull in (Depends and PreDepends, recursively).
closure=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
            --no-replaces --no-enhances $pkgs build-essential cmake git 2>/dev/null |
          grep -v '^ ' | sed 's/:any$//' | sort -u)
fail=0
owner() { { dpkg -S "$1" || dpkg -S "${1#/usr}"; } 2>/dev/null | head -1 | cut -d: -f1 | sed 's/,.*//'; }
need() { # file-or-program why
  local f=$1 p
  [ -e "$f" ] || f=$(command -v "$1" 2>/dev/null) || { echo "FAIL: $1 not found ($2)"; fail=1; return; }
  f=$(readlink -f "$f")
  p=$(owner "$f")
  if [ -z "$p" ]; then echo "FAIL: $f ($2) belongs to no Debian package"; fail=1; return; fi
  if ! grep -qx "$p" <<<"$closure"; then echo "FAIL: $f ($2) comes from $p, which scripts/setup does not install"; fail=1; return; fi
  echo "ok  $2: $p"
}
cache="$TWS_BUILD/CMakeCache.txt"
for lib in $(grep -E '^(HPDF_LIBRARY|SQLite3_LIBRARY|EXPAT_LIBRARY|ICU_UC_LIBRARY_RELEASE|Boost_PROGRAM_OPTIONS_LIBRARY_RELEASE):' "$cache" | cut -d= -f2); do
  need "$lib" "library $(basename "$lib")"
done
for h in /usr/include/hpdf.h /usr/include/xlsxwriter.h /usr/include/zip.h /usr/include/expat.h \
         /usr/include/sqlite3.h /usr/include/unicode/brkiter.h /usr/include/harfbuzz/hb-subset.h \
         /usr/include/boost/program_options.hpp /usr/include/gtest/gtest.h /usr/include/sodium.h; do
  need "$h" "header $(basename "$h")"
done
for prog in clang++ pdftotext pdftoppm pdffonts pdfinfo /usr/bin/python3 soffice; do need "$prog" "program $prog"; done
/usr/bin/python3 -c 'import fontTools, openpyxl' || { echo "FAIL: python3 fontTools/openpyxl"; fail=1; }
for f in /usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc /usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf; do
  [ -e "$f" ] && need "$f" "font $(basename "$f")"
done
[ $fail = 0 ] && echo "setup_packages: ok"
exit $fail
