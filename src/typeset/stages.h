// The stages of the layout pipeline and the values they hand each other (see
// typeset.h for the order). Not part of the public API: tests use typeset.h.
#pragma once
#include "common/utf8.h"
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "typeset/typeset.h"

namespace tws::typeset::detail {

// What a character is for 禁则, compression and justification (TYPESETTING.md §1, §4, §5).
enum class Cls : unsigned char {
  Han,       // ideographs, kana, full-width letters, U+3000: may be spaced for justification
  Alnum,     // Latin letters and digits: words never split, never spaced inside
  Space,     // U+0020 (dropped at a line end)
  Open,      // （《〈「『【〔〖［｛“‘
  Close,     // ）》〉」』】〕〗］｝”’
  Comma,     // ，、；：  (compressed first, clreq §5)
  Stop,      // 。？！．  (compressed last)
  Middle,    // ·・／  (间隔号, 分隔号: never at line start, GB/T 15834 §5.1)
  Dash,      // — ⸺ – ～ －  (—— is one unit, never at line start)
  Ellipsis,  // … ⋯  (…… is one unit, never at line start)
  Newline,   // "\n": forced break, not drawn
  Other,
};
Cls classify(char32_t cp);

// ---------------------------------------------------------------- itemize.cpp
// One character as measured in its face (after per-character font fallback).
struct Char {
  char32_t cp = 0;
  int face = 0;
  unsigned gid = 0;
  Cls cls = Cls::Other;
  double advance = 0;      // pt, full-width characters at the requested pitch
  double sq_left = 0;      // pt of blank removable on the left (compression)
  double sq_right = 0;     // … on the right
  std::size_t byte = 0;    // offset of the character in the UTF-8 source
};

struct Run {
  std::vector<Char> chars;
  std::vector<std::string> problems;  // plain reasons; characters with problems are left out
};
// text (UTF-8) in `role` at `size` pt; full-width glyphs take `pitch` pt (the grid).
Run itemize(std::string_view text, std::string_view role, double size, double pitch,
            const FontSet& fonts);
// Problems only (FontSet::check).
std::vector<std::string> check_text(std::string_view text, std::string_view role,
                                    const FontSet& fonts);

// ---------------------------------------------------------------- linebreak.cpp
// allowed[i]: a line may break before chars[i] (size n+1; allowed[n] = true).
// ICU's zh line rules, then the engine's 禁则 and no-break spans.
std::vector<bool> break_opportunities(const std::vector<Char>& chars,
                                      const std::vector<std::pair<std::size_t, std::size_t>>& keep);

// Word boundaries (ICU's dictionary word break, locale zh): at[i] is true when a word
// starts at chars[i] (size n+1; at[0] and at[n] are true). "德州职业技术学院" →
// 德州|职业|技术|学院. For titles and table cells, which should not break inside a word.
std::vector<bool> word_boundaries(const std::vector<Char>& chars);

// One broken line: chars [begin, end) of which [begin, vis_end) are drawn (trailing
// spaces and the "\n" are not); cut_* is the compression applied to each drawn char.
struct Line {
  std::size_t begin = 0, vis_end = 0, end = 0;
  bool last = false;             // paragraph end or before "\n": not justified
  std::vector<double> cut_left, cut_right;  // indexed from begin
  double width = 0;              // after compression, before justification
};

struct BreakResult {
  std::vector<Line> lines;
  std::vector<std::string> warnings;
};

// How break_lines weighs the legal breaks of a paragraph.
struct BreakStyle {
  bool justify = true;      // lines other than the last are spread to the width; else ragged
  bool squeeze = true;      // ，、；：。？！ inside a line may give their blank to fit it
  std::vector<bool> words;  // if set (word_boundaries): breaks inside a word cost extra
  double em = 16;           // pt of a full-width character, the unit of gaps and squeezes
};
// The largest space justification puts between two characters when the paragraph has
// a choice (issue 18 §3), in em.
constexpr double kMaxGap = 0.15;

// Total-fit line breaking (Knuth–Plass with CJK glue): the breaks of each "\n"-separated
// segment are chosen together, minimising over its lines the square of each line's
// distortion (justification space per gap, or punctuation squeezed per mark, in em;
// distortions over kMaxGap cost a thousandfold), plus a penalty for a short last line
// (one character, or two in lines of ten or more) and, with `words`, for a break inside
// a word. Ragged lines cost their empty space instead. 禁则 (`allowed`) are absolute;
// a no-break span longer than the line is cut with a warning. First line `first_width`,
// the others `width` (pt).
BreakResult break_lines(const std::vector<Char>& chars, const std::vector<bool>& allowed,
                        double first_width, double width, const BreakStyle& style = {});
// Lines of even length (titles): fewest lines, then the smallest difference between the
// longest and shortest line; breaks only at `hints` (char indices) when they suffice,
// else between words (word_boundaries) outside quotes and brackets when that takes no
// more lines. Falls back to break_lines(style) for a text that needs no balancing.
BreakResult balance_lines(const std::vector<Char>& chars, const std::vector<bool>& allowed,
                          const std::vector<std::size_t>& hints, double width,
                          const BreakStyle& style = {});

// ---------------------------------------------------------------- justify.cpp
// Pen positions of chars [line.begin, line.vis_end) relative to the line's left edge
// (glyph origin, compression shifts included), and the advance of each.
struct Placed {
  std::vector<double> x, advance;
};
Placed justify(const std::vector<Char>& chars, const Line& line, double width, Align align);
// Whether justification adds space between a and b (TYPESETTING.md §5), and the gaps
// that never take space, even in a line with no spreadable gap (inside ——, ……, a word).
bool spreadable(const Char& a, const Char& b);
bool never_spread(const Char& a, const Char& b);

// ---------------------------------------------------------------- paragraph.cpp
// A line ready to place: items relative to the line's top-left corner.
struct SetLine {
  double pitch = 0;           // vertical advance
  std::vector<GlyphRun> runs;
};
struct SetParagraph {
  std::vector<SetLine> lines;
  std::vector<std::string> problems, warnings;
};
// Text: body paragraphs, headings, titles. Cell: text in a table cell — breaks between
// words when it can (word_boundaries), no punctuation squeezed inside a line, no last
// line of one character when a word break avoids it.
enum class Breaking { Text, Cell };
// `width`: the available width in pt (indents are applied inside).
SetParagraph set_paragraph(const Paragraph& p, const FontSet& fonts, const PageStyle& style,
                           double width, Breaking how = Breaking::Text);
double ascender_em(const FontSet& fonts, std::string_view role);

// ---------------------------------------------------------------- table.cpp
struct SetCell {
  int col = 0, span = 1;
  double x = 0, w = 0;        // relative to the table's left edge
  std::vector<SetLine> lines;
  Align align = Align::Centre;
  VAlign valign = VAlign::Centre;
  double min_height = 0;
};
struct SetRow {
  std::vector<SetCell> cells;
  double height = 0;          // whole row, padding included
  int max_lines = 0;
};
struct SetTable {
  const Table* spec = nullptr;
  std::vector<double> col_x;  // column edges, size columns+1
  std::vector<SetRow> rows;
  double pitch = 0;
  std::vector<std::string> problems, warnings;
};
SetTable set_table(const Table& t, const FontSet& fonts, const PageStyle& style, double width);
// Draws lines [from, to) of row r at (x0, y) (top-left); rows split across pages are
// top-aligned, whole rows centred vertically. Returns the fragment's height.
double draw_row(const SetTable& t, std::size_t r, int from, int to, double x0, double y,
                bool top_frame, std::vector<Item>& out);
// The closing rule under the last row drawn on a page.
void draw_table_bottom(const SetTable& t, double x0, double y, std::vector<Item>& out);
double row_fragment_height(const SetTable& t, std::size_t r, int from, int to);

// ---------------------------------------------------------------- chart.cpp
// A chart's items relative to its top-left corner, `width` wide and chart.height tall.
struct SetChart {
  std::vector<Item> items;
  double height = 0;
  std::vector<std::string> problems, warnings;
};
SetChart set_chart(const Chart& chart, const FontSet& fonts, const PageStyle& style, double width);

// ---------------------------------------------------------------- grid.cpp
// "— 7 —" in the number role, placed per GB/T 9704 §7.5 on page `index` (1-based).
std::vector<GlyphRun> page_number_runs(int number, int index, const FontSet& fonts,
                                       const PageStyle& style);

// ---------------------------------------------------------------- utf8
using tws::append_utf8;
using tws::decode_utf8;
std::string u_plus(char32_t cp);  // "U+20BB7"

}  // namespace tws::typeset::detail
