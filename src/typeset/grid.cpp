// Stage 6 — the GB/T 9704-2012 page grid (GBT9704.md): 版心 156 × 225 mm at 天头 37 mm and
// 订口 28 mm; 28 characters of 三号 fill a line exactly (pitch 156 mm / 28 = 15.79 pt, a
// 16 pt face set slightly tight, as Word's docGrid does) and 22 lines fill the block
// (pitch 225 mm / 22 = 28.99 pt). Page numbers per §7.5.
#include <hb.h>

#include "typeset/stages.h"

namespace tws::typeset {

double PageStyle::block_left(int page_index) const {
  if (mirror_margins && page_index % 2 == 0) return page_width - left - block_width;
  return left;
}

namespace detail {

namespace {
// Top of the glyph's ink above the baseline, in em (the synthetic test face: 0.4).
double ink_top_em(const FontSet& fonts, int face, char32_t cp) {
  if (fonts.synthetic(face)) return 0.4;
  hb_font_t* font = hb_font_create(fonts.hb_face(face));
  hb_glyph_extents_t e{};
  hb_font_get_glyph_extents(font, fonts.glyph(face, cp), &e);
  hb_font_destroy(font);
  return double(e.y_bearing) / fonts.face(face).units_per_em;
}
}  // namespace

// 页码: 四号半角宋体阿拉伯数字, 数码左右各放一条一字线 (— 1 —); the top edge of the 一字线's
// ink 7 mm below the 版心 (§7.5); odd pages one character in from the right edge, even
// pages one character in from the left edge.
std::vector<GlyphRun> page_number_runs(int number, int index, const FontSet& fonts,
                                       const PageStyle& style) {
  std::string text = "— " + std::to_string(number) + " —";
  Run run = itemize(text, kNumber, style.number_size, style.number_size, fonts);
  if (!run.problems.empty()) throw TypesetError(run.problems);
  double width = 0;
  for (const Char& c : run.chars) width += c.advance;
  const double left = style.block_left(index);
  const double x0 = index % 2 == 1 ? left + style.block_width - style.number_inset - width
                                   : left + style.number_inset;
  const Char& dash = run.chars.front();
  const double baseline = style.top + style.block_height + style.number_drop +
                          ink_top_em(fonts, dash.face, dash.cp) * style.number_size;
  std::vector<GlyphRun> runs;
  double x = x0;
  for (const Char& c : run.chars) {
    if (runs.empty() || runs.back().face != c.face) {
      GlyphRun r;
      r.face = c.face;
      r.role = kNumber;
      r.size = style.number_size;
      r.baseline = baseline;
      runs.push_back(std::move(r));
    }
    runs.back().glyphs.push_back(PlacedGlyph{c.cp, false, x, c.advance});
    x += c.advance;
  }
  return runs;
}

}  // namespace detail
}  // namespace tws::typeset
