// Faster definitions of a few libharu 2.3.0 and zlib functions, for this process only.
//
// libharu calls these through its PLT (objdump -R libhpdf-2.3.0.so lists them as
// JUMP_SLOT relocations), so a definition in the executable takes precedence over the
// library's own — the same ELF symbol interposition LD_PRELOAD uses. Each replacement
// keeps the original's contract exactly; only the cost changes. Measured with
// `perf record` on `tws select` over 1,000 申报表 (one worker), before these:
// HPDF_TTFontDef_GetGlyphid 13.7 % of all cycles, HPDF_MemCpy 10.1 %, HPDF_MemSet
// 3.0 % — libharu's byte-at-a-time copy/fill loops and a linear search of the cmap's
// segments, called 65,536 times per embedded font when HPDF_GetFont builds the
// CIDToGIDMap and /W array of a CIDFontType2.
//
// The Debian package is fixed at 2.3.0 (src/render/pdf/pdf.cpp lists what else this
// backend works around); tests/unit/pdf_render_test.cpp checks that the glyph lookup
// agrees with libharu's own on every code point of a real subset.
#include <hpdf.h>
#include <hpdf_fontdef.h>
#include <zlib.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "render/pdf/libharu_interpose.h"

namespace tws::render::pdf {

namespace {
// libharu 2.3.0 compresses every stream with deflateInit(strm, Z_DEFAULT_COMPRESSION)
// (level 6) and offers no setting. Deflating the embedded subsets and the 128 KB
// CIDToGIDMaps was half of a document's render time, so the level libharu asks for is
// replaced: libharu is the only caller of deflateInit_ in this program (libzip and
// libxlsxwriter use deflateInit2_); this forwards to deflateInit2_ with the same window,
// memory level and strategy as deflateInit. The level was chosen by measurement
// (bench/run --notice-only, 100 reference notices, one core): level 6 (libharu's)
// 19.8 ms and 160.1 KB for notice 12, 4: 17.4 ms / 162.6 KB, 3: 15.6 ms / 167.3 KB,
// 2: 14.9 ms / 169.3 KB, 1: 15.5 ms / 171.2 KB, 9: 33.1 ms / 159.1 KB.
// $TWS_DEFLATE_LEVEL (1–9) overrides it for measurements.
constexpr int kDeflateLevel = 3;

int deflate_level() {
  static const int level = [] {
    const char* e = std::getenv("TWS_DEFLATE_LEVEL");
    int l = e && *e ? std::atoi(e) : 0;
    return l >= 1 && l <= 9 ? l : kDeflateLevel;
  }();
  return level;
}
}  // namespace

// Referenced by render(): a static library member is linked only when something in it
// is used, and without this file the interposers below would silently not be there.
bool libharu_interposers_linked() { return true; }

}  // namespace tws::render::pdf

extern "C" {

int deflateInit_(z_streamp strm, int level, const char* version, int stream_size) {
  if (level == Z_DEFAULT_COMPRESSION) level = tws::render::pdf::deflate_level();
  return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, version, stream_size);
}

// libharu: copies n bytes forward one at a time and returns out + n. memmove gives the
// same bytes for every non-overlapping call (libharu makes no overlapping ones).
// Most calls copy two bytes (one CIDToGIDMap entry), so short copies stay inline.
HPDF_BYTE* HPDF_MemCpy(HPDF_BYTE* out, const HPDF_BYTE* in, HPDF_UINT n) {
  if (n <= 8) {
    for (HPDF_UINT k = 0; k < n; ++k) out[k] = in[k];
  } else {
    std::memmove(out, in, n);
  }
  return out + n;
}

// libharu: fills n bytes one at a time and returns s + n.
HPDF_BYTE* HPDF_MemSet(void* s, HPDF_BYTE c, HPDF_UINT n) {
  if (n) std::memset(s, c, n);
  return static_cast<HPDF_BYTE*>(s) + n;
}

HPDF_UINT16 HPDF_TTFontDef_GetGlyphid(HPDF_FontDef fontdef, HPDF_UINT16 unicode) {
  using tws::render::pdf::tl_glyph_table;
  if (tl_glyph_table.active) {
    if (tl_glyph_table.fontdef != fontdef) tws::render::pdf::fill_glyph_table(fontdef);
    if (tl_glyph_table.usable) return tl_glyph_table.gid[unicode];
  }
  return tws::render::pdf::lookup_glyph(fontdef, unicode);
}

// libharu: the advance of a glyph in 1/1000 em (missing_width past the last glyph).
// Called 65,535 times per font by HPDF_GetFont; the same arithmetic without the trace.
HPDF_INT16 HPDF_TTFontDef_GetGidWidth(HPDF_FontDef fontdef, HPDF_UINT16 gid) {
  auto attr = static_cast<HPDF_TTFontDefAttr>(fontdef->attr);
  if (gid >= attr->num_glyphs) return fontdef->missing_width;
  return HPDF_INT16(HPDF_UINT16(HPDF_UINT(attr->h_metric[gid].advance_width) * 1000 / attr->header.units_per_em));
}

}  // extern "C"

namespace tws::render::pdf {

// libharu: the glyph of a BMP code point through the font's format 0 or 4 cmap. Its
// search for the first segment whose end code is ≥ the code point walks the segments
// one by one; the end codes are sorted (the format requires it, and the last segment
// ends at 0xFFFF), so a binary search finds the same segment. Everything after the
// search is libharu's arithmetic, unchanged, except that its bound check no longer lets
// one index past the glyph id array through.
HPDF_UINT16 lookup_glyph(HPDF_FontDef fontdef, HPDF_UINT16 unicode) {
  auto attr = static_cast<HPDF_TTFontDefAttr>(fontdef->attr);
  if (attr->cmap.format == 0) return attr->cmap.glyph_id_array[unicode & 0xFF];
  if (attr->cmap.seg_count_x2 == 0) {
    HPDF_SetError(fontdef->error, HPDF_TTF_INVALID_CMAP, 0);
    return 0;
  }
  const HPDF_UINT seg_count = attr->cmap.seg_count_x2 / 2;
  const HPDF_UINT16* end = attr->cmap.end_count;
  HPDF_UINT lo = 0, hi = seg_count;  // first i in [lo, hi) with unicode <= end[i]
  while (lo < hi) {
    HPDF_UINT mid = lo + (hi - lo) / 2;
    if (unicode <= end[mid]) hi = mid;
    else lo = mid + 1;
  }
  const HPDF_UINT i = lo;
  if (i == seg_count) return 0;  // libharu would read past the table; a valid cmap never gets here
  if (attr->cmap.start_count[i] > unicode) return 0;
  if (attr->cmap.id_range_offset[i] == 0) return HPDF_UINT16(unicode + attr->cmap.id_delta[i]);
  HPDF_UINT idx = attr->cmap.id_range_offset[i] / 2 + (unicode - attr->cmap.start_count[i]) - (seg_count - i);
  if (idx >= attr->cmap.glyph_id_array_count) return 0;  // libharu tests `>` and reads one past the array
  return HPDF_UINT16(attr->cmap.glyph_id_array[idx] + attr->cmap.id_delta[i]);
}

thread_local GlyphTable tl_glyph_table;

// The whole code → glyph map of one font, computed segment by segment with
// lookup_glyph's arithmetic (code points outside every segment map to 0).
void fill_glyph_table(HPDF_FontDef fontdef) {
  GlyphTable& t = tl_glyph_table;
  t.fontdef = fontdef;
  t.usable = false;
  auto attr = static_cast<HPDF_TTFontDefAttr>(fontdef->attr);
  if (attr->cmap.format != 4 || attr->cmap.seg_count_x2 == 0) return;  // lookup_glyph handles these
  t.gid.assign(65536, 0);
  const HPDF_UINT seg_count = attr->cmap.seg_count_x2 / 2;
  HPDF_UINT32 first = 0;  // code points below this belong to an earlier segment
  for (HPDF_UINT i = 0; i < seg_count; ++i) {
    const HPDF_UINT32 end = attr->cmap.end_count[i];
    if (end < first) return;  // unsorted: leave it to lookup_glyph
    for (HPDF_UINT32 u = std::max<HPDF_UINT32>(first, attr->cmap.start_count[i]); u <= end; ++u)
      t.gid[u] = lookup_glyph(fontdef, HPDF_UINT16(u));
    first = end + 1;
  }
  t.usable = true;
}

GlyphTableScope::GlyphTableScope() { tl_glyph_table.active = true; }
GlyphTableScope::~GlyphTableScope() {
  tl_glyph_table = GlyphTable{};
}

}  // namespace tws::render::pdf
