#!/usr/bin/env bash
# Public library APIs only: no symbol of libhpdf, libz, libminizip or libxlsxwriter may be
# defined by tws itself (an ELF interposer would silently replace the library's own code
# for every caller, the library included). Compares the external symbols defined in the
# tws programs and in the stage libraries with those the shared libraries export.
set -euo pipefail
export LC_ALL=C
build="${TWS_BUILD:?TWS_BUILD not set}"
bin="${TWS_BIN:?TWS_BIN not set}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The shared libraries as the dynamic linker resolves them for tws.
libs=()
while read -r name _ path _; do
  case "$name" in libhpdf*|libz.so*|libminizip*|libxlsxwriter*) libs+=("$path") ;; esac
done < <(ldd "$bin")
[ "${#libs[@]}" -eq 4 ] || { echo "expected libhpdf, libz, libminizip, libxlsxwriter in ldd $bin, found: ${libs[*]}"; exit 1; }
for l in "${libs[@]}"; do
  nm -D --defined-only "$l" | awk 'NF==3 && $2 ~ /[A-Z]/ {print $3}' | sed 's/@.*//' | sed "s|\$| $(basename "$l")|"
done | sort -u > "$work/library"

# What tws defines: its programs and every static library of the build.
mapfile -t ours < <(find "$build" -maxdepth 3 \( -name 'libtws*.a' -o -name 'libtws*.so' -o -name tws -o -name tws_sample \) -type f)
[ "${#ours[@]}" -gt 0 ] || { echo "no tws objects under $build"; exit 1; }
for f in "${ours[@]}"; do
  nm --defined-only "$f" 2>/dev/null | awk 'NF==3 && $2 ~ /[A-Z]/ {print $3}'
done | grep -vxE '_init|_fini|_edata|_end|__bss_start' | sort -u > "$work/ours"

clash="$(join -j1 "$work/ours" <(sort -k1,1 "$work/library") || true)"
if [ -n "$clash" ]; then
  echo "tws defines symbols of the libraries it links (public APIs only):"
  echo "$clash"
  exit 1
fi
echo "ok: $(wc -l < "$work/ours") symbols of tws, none of $(wc -l < "$work/library") library symbols"
