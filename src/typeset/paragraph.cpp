// Stage 4 — paragraphs: Paragraph → lines of glyph runs, relative to the line's top-left
// corner. Runs itemize → break (or balance, or condense to one line) → justify, then
// splits each line into runs of one face. The em box of each line's glyphs starts at the
// line's top, so the first body line's characters start at the 版心's top edge.
#include <algorithm>
#include <cmath>

#include "typeset/stages.h"

namespace tws::typeset::detail {

double ascender_em(const FontSet& fonts, std::string_view role) {
  return fonts.face(fonts.chain(role).front()).ascender_em;
}

namespace {

std::size_t char_at_byte(const std::vector<Char>& c, std::size_t byte) {
  auto it = std::lower_bound(c.begin(), c.end(), byte,
                             [](const Char& ch, std::size_t b) { return ch.byte < b; });
  return std::size_t(it - c.begin());
}

std::vector<std::pair<std::size_t, std::size_t>> keep_spans(const Paragraph& p,
                                                            const std::vector<Char>& c) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (const std::string& k : p.keep_whole) {
    if (k.empty()) continue;
    for (std::size_t at = p.text.find(k); at != std::string::npos; at = p.text.find(k, at + 1))
      spans.emplace_back(char_at_byte(c, at), char_at_byte(c, at + k.size()));
  }
  return spans;
}

// Whether character i of the line is drawn from the narrow (compressed punctuation) subset.
bool narrow_at(const Char& ch, const Line& line, std::size_t i) {
  double cut_r = line.cut_right[i - line.begin], cut_l = line.cut_left[i - line.begin];
  return ch.sq_right > 0 && cut_l == 0 && std::abs(cut_r - ch.sq_right) < 1e-6;
}

std::vector<GlyphRun> make_runs(const std::vector<Char>& c, const Line& line, const Placed& pl,
                                const Paragraph& p, double x0, double baseline) {
  std::vector<GlyphRun> runs;
  for (std::size_t i = line.begin; i < line.vis_end; ++i) {
    const Char& ch = c[i];
    if (ch.cls == Cls::Newline) continue;
    if (runs.empty() || runs.back().face != ch.face) {
      GlyphRun r;
      r.face = ch.face;
      r.role = p.role;
      r.size = p.size;
      r.hscale = p.hscale;
      r.color = p.color;
      r.baseline = baseline;
      runs.push_back(std::move(r));
    }
    PlacedGlyph g;
    g.cp = ch.cp;
    g.x = x0 + pl.x[i - line.begin];
    g.advance = pl.advance[i - line.begin];
    g.narrow = narrow_at(ch, line, i);
    runs.back().glyphs.push_back(g);
  }
  return runs;
}

}  // namespace

SetParagraph set_paragraph(const Paragraph& p, const FontSet& fonts, const PageStyle& style,
                           double width, Breaking how) {
  SetParagraph out;
  const double pitch = p.char_pitch > 0 ? p.char_pitch
                       : std::abs(p.size - style.body_size) < 0.01 ? style.char_pitch()
                                                                   : p.size;
  const double line_pitch = p.line_pitch > 0 ? p.line_pitch : style.line_pitch();
  Run run = itemize(p.text, p.role, p.size, pitch, fonts);
  out.problems = std::move(run.problems);
  std::vector<Char>& c = run.chars;

  const double left = p.left_indent * pitch, right = p.right_indent * pitch;
  const double indent = p.first_indent * pitch;
  const double W = width - left - right, W1 = W - indent;

  Paragraph q = p;  // hscale may change
  double natural = 0;
  for (const Char& ch : c) natural += ch.advance;
  if (p.shrink_to_fit && natural > W1 && natural > 0) q.hscale = p.hscale * W1 / natural;
  if (q.hscale != 1)
    for (Char& ch : c) ch.advance *= q.hscale, ch.sq_left *= q.hscale, ch.sq_right *= q.hscale;

  auto allowed = break_opportunities(c, keep_spans(p, c));
  BreakStyle bs;
  bs.justify = p.align == Align::Justify;
  bs.squeeze = how == Breaking::Text;
  if (how == Breaking::Cell && natural > W1) bs.words = word_boundaries(c);  // it breaks
  bs.em = pitch * q.hscale;
  BreakResult br;
  if (p.shrink_to_fit) {
    std::fill(allowed.begin(), allowed.end() - 1, false);
    for (std::size_t k = 1; k < c.size(); ++k)
      if (c[k - 1].cls == Cls::Newline) allowed[k] = true;
    br = break_lines(c, allowed, W1 + 1e-3, W + 1e-3, bs);
  } else if (p.balance && indent == 0) {
    std::vector<std::size_t> hints;
    for (std::size_t b : p.break_hints) hints.push_back(char_at_byte(c, b));
    br = balance_lines(c, allowed, hints, W, bs);
  } else {
    br = break_lines(c, allowed, W1, W, bs);
  }
  out.warnings = std::move(br.warnings);

  const double baseline = ascender_em(fonts, p.role) * p.size;
  for (std::size_t k = 0; k < br.lines.size(); ++k) {
    const Line& line = br.lines[k];
    double lw = k == 0 ? W1 : W;
    double x0 = left + (k == 0 ? indent : 0);
    out.lines.push_back(SetLine{line_pitch, make_runs(c, line, justify(c, line, lw, p.align), q, x0, baseline)});
  }
  return out;
}

}  // namespace tws::typeset::detail

// ------------------------------------------------------------------ block helpers

namespace tws::typeset {

Paragraph body(std::string text) {
  Paragraph p;
  p.text = std::move(text);
  return p;
}

Paragraph title(std::string text, std::vector<std::size_t> break_hints) {
  Paragraph p;
  p.text = std::move(text);
  p.role = kTitle;
  p.size = kSize2;
  p.align = Align::Centre;
  p.first_indent = 0;
  p.balance = true;
  p.keep_with_next = true;
  p.break_hints = std::move(break_hints);
  return p;
}

Paragraph heading(int level, std::string text) {
  Paragraph p;
  p.text = std::move(text);
  p.role = level == 1 ? kHeading1 : level == 2 ? kHeading2 : kBody;
  p.keep_with_next = true;
  return p;
}

Space lines(double n, const PageStyle& style) { return Space{n * style.line_pitch(), false}; }
Space fill() { return Space{0, true}; }

}  // namespace tws::typeset
