// Faster replacements for a few libharu 2.3.0 internals and libharu's zlib level (see
// libharu_interpose.cpp for what, why and the measurements).
#pragma once
#include <hpdf.h>

#include <vector>

namespace tws::render::pdf {

// Always true; calling it is what links the replacements into the program.
bool libharu_interposers_linked();

// libharu's glyph lookup (HPDF_TTFontDef_GetGlyphid) with a binary search.
HPDF_UINT16 lookup_glyph(HPDF_FontDef fontdef, HPDF_UINT16 unicode);

// While a GlyphTableScope is alive on a thread, libharu's glyph lookups on that thread
// are answered from a 65,536-entry table of the font they ask about, built on first use.
// Put one around HPDF_GetFont (which asks about every BMP code point) and nowhere else:
// the table belongs to one font definition and is dropped when the scope ends.
class GlyphTableScope {
 public:
  GlyphTableScope();
  ~GlyphTableScope();
  GlyphTableScope(const GlyphTableScope&) = delete;
  GlyphTableScope& operator=(const GlyphTableScope&) = delete;
};

struct GlyphTable {
  bool active = false, usable = false;
  HPDF_FontDef fontdef = nullptr;
  std::vector<HPDF_UINT16> gid;
};
extern thread_local GlyphTable tl_glyph_table;
void fill_glyph_table(HPDF_FontDef fontdef);

}  // namespace tws::render::pdf
