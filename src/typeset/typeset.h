// Chinese typesetting for official documents: blocks of text in, pages of positioned
// items (a *frame* per page) out. Independent of any PDF library — src/render/pdf
// only translates frames (tests/unit/typeset_independence_test.cpp enforces it).
//
// Pipeline, one stage per file (each says what it consumes and produces):
//   fonts.cpp      fonts.ini → faces (HarfBuzz: cmap, advances, ink extents)
//   itemize.cpp    UTF-8 text + role → measured characters, font fallback per character
//   linebreak.cpp  measured characters → lines (ICU zh + 禁则, no-break spans, 标点挤压)
//   justify.cpp    one line → x positions (inter-character spacing, alignment)
//   paragraph.cpp  Paragraph → lines of glyph runs (indent, balanced titles)
//   table.cpp      Table → ruled rows of cells (column widths from content)
//   grid.cpp       GB/T 9704-2012 page grid, page numbers
//   chart.cpp      Chart → vector items (bars, axes, labels in the role's font)
//   paginate.cpp   blocks → pages (keep-with-next, repeated table headers, fill space)
//   frame.cpp      text dump of frames, lines of a page (for tests)
//
// Coordinates: points (1/72 in), origin at the page's top-left corner, y downwards.
//
// Example (a two-block notice rendered to PDF):
//   auto fonts = tws::typeset::FontSet::load("fonts/fonts.ini");
//   tws::typeset::PageStyle style;                      // GB/T 9704 A4 grid
//   std::vector<tws::typeset::Block> blocks{
//       tws::typeset::title("关于……的通知"), tws::typeset::body("根据……，现通知如下。")};
//   auto laid = tws::typeset::layout(blocks, fonts, style);  // throws TypesetError
//   std::string pdf = tws::render::pdf::render(laid.pages, fonts, {"标题", "德州职业技术学院"});
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <variant>
#include <vector>
#include "common/errors.h"

struct hb_face_t;  // HarfBuzz (hb.h)

namespace tws::typeset {

constexpr double kPtPerMm = 72.0 / 25.4;
constexpr double mm(double v) { return v * kPtPerMm; }
constexpr double to_mm(double pt) { return pt / kPtPerMm; }

// Chinese size names (GBT9704.md): 二号 22 pt, 三号 16 pt, 四号 14 pt.
constexpr double kSize2 = 22, kSize3 = 16, kSize4 = 14;

struct Rgb {
  double r = 0, g = 0, b = 0;
  bool operator==(const Rgb&) const = default;
};
constexpr Rgb kBlack{0, 0, 0};
// GB/T 9704-2012 only says 红色 for the 发文机关标志 and the separator rule.
constexpr Rgb kRed{1, 0, 0};

// Font roles of fonts/fonts.ini.
inline constexpr std::string_view kTitle = "title", kBody = "body", kHeading1 = "heading1",
                                  kHeading2 = "heading2", kNumber = "number";

// A problem in the input text or fonts (a character no font has, an unreadable font). `problems` holds every problem found, each a complete sentence.
using tws::TypesetError;

// ---------------------------------------------------------------------------- fonts

struct FaceInfo {
  std::filesystem::path path;  // empty for the synthetic fixed-width face
  std::string postscript_name;
  int units_per_em = 1000;
  double ascender_em = 0.88;   // top of the ideographic em box above the baseline (OS/2 typo)
};

// Faces and the role → fallback chain of fonts.ini. Cheap to copy (shared, immutable).
class FontSet {
 public:
  // Reads `role = file1, file2, …` lines (files relative to the ini's folder, `#`
  // comments). Files that are absent are skipped and listed in missing_files(); a role
  // left with no file, or an unreadable font, throws TypesetError.
  static FontSet load(const std::filesystem::path& ini);
  // Explicit chains, e.g. {{"body", {"a.ttf", "b.ttf"}}}.
  static FontSet from_chains(
      const std::vector<std::pair<std::string, std::vector<std::filesystem::path>>>& chains);
  // One synthetic face for every role, for hand-checkable tests: wide characters (East
  // Asian Width W/F) 1 em, others ½ em; punctuation ink placed as in GB fonts
  // (，。、；：！？ and closing marks on the left half, opening marks on the right half,
  // · ／ centred). Every BMP character exists.
  static FontSet fixed_width();

  int face_count() const;
  const FaceInfo& face(int id) const;
  bool synthetic(int id) const;
  // The parsed face (HarfBuzz), immutable and safe to share across threads, e.g. for
  // the PDF backend's subsetter (no re-reading of the font file per document); nullptr
  // for the synthetic face. Lives as long as any copy of this FontSet.
  hb_face_t* hb_face(int id) const;
  // Face ids of the role's chain, first choice first; throws TypesetError for an
  // unknown role.
  const std::vector<int>& chain(std::string_view role) const;
  std::vector<std::string> roles() const;
  // fonts.ini entries whose file was absent: "role: file".
  const std::vector<std::string>& missing_files() const;

  // The first face of the role's chain that has `cp`; -1 if none.
  int face_for(std::string_view role, char32_t cp) const;
  // Every character of `text` that cannot be drawn in `role`, as plain reasons
  // (“𪜀”（U+2A700）在字体角色 body 的字体（…）中都没有，无法显示); the caller adds
  // where the text came from.
  std::vector<std::string> check(std::string_view role, std::string_view text) const;

  // Glyph id, natural advance (em) and the blank that punctuation compression
  // (GB/T 15834 §5.1.10) may remove on each side (em, 0, ¼ or ½), measured from the
  // glyph's ink. narrow_advance_em = advance − right blank: the width a "narrow" glyph
  // has; the PDF backend gives such glyphs exactly this width.
  uint32_t glyph(int face, char32_t cp) const;
  double advance_em(int face, char32_t cp) const;
  double squeeze_left_em(int face, char32_t cp) const;
  double squeeze_right_em(int face, char32_t cp) const;
  double narrow_advance_em(int face, char32_t cp) const {
    return advance_em(face, cp) - squeeze_right_em(face, cp);
  }

  struct Impl;

 private:
  std::shared_ptr<const Impl> impl_;
};

// ---------------------------------------------------------------------------- frames

struct PlacedGlyph {
  char32_t cp = 0;       // source code point (the PDF maps it through the font's cmap)
  bool narrow = false;   // right blank removed: drawn with width FontSet::narrow_advance_em
  double x = 0;          // pen position (glyph origin), from the page's left edge
  double advance = 0;    // width the layout gave the glyph, incl. compression
};

struct GlyphRun {
  int face = 0;
  std::string role;
  double size = 16;       // pt
  double hscale = 1;      // horizontal scaling (condensed 发文机关标志), 1 = none
  Rgb color;
  double baseline = 0;    // from the page's top edge
  std::vector<PlacedGlyph> glyphs;
  std::string text() const;  // UTF-8
};

struct RuleItem {  // a straight line
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  double width = 0.5;
  Rgb color;
};

struct BoxItem {  // a rectangle, stroked and/or filled
  double x = 0, y = 0, w = 0, h = 0;
  double line_width = 0.5;
  std::optional<Rgb> stroke = kBlack;
  std::optional<Rgb> fill;
};

using Item = std::variant<GlyphRun, RuleItem, BoxItem>;

struct Page {
  double width = 0, height = 0;
  int number = 0;  // printed page number, 0 when none is printed
  std::vector<Item> items;
};

// One line per item, positions in mm, e.g.
//   run body FandolFang-Regular 16pt y=49.42 x=28.00..184.00 "　　根据…"
//   rule x=28.00..184.00 y=80.00 w=0.35mm rgb(1,0,0)
std::string dump(const Page& page, const FontSet& fonts);
std::string dump(const std::vector<Page>& pages, const FontSet& fonts);
// The page's text as lines: runs grouped by baseline (top to bottom), left to right.
std::vector<std::string> page_lines(const Page& page);

// ---------------------------------------------------------------------------- input

enum class Align { Justify, Left, Centre, Right };
enum class VAlign { Top, Centre, Bottom };

struct Paragraph {
  std::string text;               // UTF-8; "\n" forces a line break
  std::string role{kBody};
  double size = kSize3;           // pt
  Rgb color;
  Align align = Align::Justify;   // last line (and lines before "\n") left-aligned
  double first_indent = 2;        // in character cells (2 = 首行缩进两字); relative to
                                  // left_indent, negative for a hanging indent (附件：1. …)
  double left_indent = 0, right_indent = 0;  // in character cells
  double char_pitch = 0;  // pt per full-width character; 0 = the grid's for body size,
                          // else the natural advance (size)
  double line_pitch = 0;  // pt; 0 = the page grid's line pitch
  double hscale = 1;      // horizontal scaling of the glyphs
  bool shrink_to_fit = false;  // condense (hscale) a single line to the width instead of
                               // breaking it (发文机关标志)
  bool balance = false;   // break into lines of even length (titles)
  bool keep_with_next = false;
  // Preferred line breaks (UTF-8 byte offsets into text: break before that byte), used
  // by balanced titles: "关于…的|通知" → a break at the phrase boundary.
  std::vector<std::size_t> break_hints;
  // Substrings never split across lines, in addition to the automatic spans
  // (发文字号 …〔2026〕12号, number + 年月日号 chains, Latin words).
  std::vector<std::string> keep_whole;
  std::string origin;  // where the text came from, prefixed to error messages
};

struct Cell {
  std::string text;                 // UTF-8; "\n" forces a line break
  int colspan = 1;
  std::optional<Align> align;       // default: the column's
  std::string role;                 // empty: the table's (header rows: header_role)
  double min_height = 0;            // pt, e.g. an opinion box
  VAlign valign = VAlign::Centre;   // within a row taller than the text (Bottom: the
                                    // 签字/日期 line of an opinion box)
};

struct Column {
  double min_width = 0;   // pt, 0 = from content
  double max_width = 0;   // pt, 0 = no limit
  Align align = Align::Centre;
};

struct Table {
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;  // the first header_rows rows are the header
  int header_rows = 1;                  // repeated at the top of every page
  std::string role{kBody};
  std::string header_role{kHeading1};   // 黑体 header cells
  double size = kSize4;
  double line_pitch = 0;                // 0 = 1.4 × size
  double pad_x = mm(1.5), pad_y = mm(1.2);
  double rule_width = 0.5, frame_width = 0.75;  // inner rules, outer frame
  double width = 0;                     // 0 = the block width
  bool ruled = true;                    // false: no rules (版记 lines, signature blocks)
  bool split_rows = false;  // let any row break across pages (else only rows taller
                            // than a page)
  bool keep_together = false;  // all rows on one page when the table fits on one (the
                               // approval boxes of a form)
  std::string origin;
};

struct Space {
  double height = 0;   // pt
  bool fill = false;   // push the following blocks (up to the next PageBreak or the
                       // end) to the bottom of the page (版记)
};
struct PageBreak {};
struct Rule {
  double thickness = mm(0.35);
  Rgb color;
  double space_before = 0, space_after = 0;
  double inset_left = 0, inset_right = 0;  // pt from the block's edges
};

// A bar chart drawn as vector items (chart.cpp): bars, axes, grid lines, value labels,
// category labels and a legend, all text in the document's fonts. One series: plain
// bars with their values above; several: stacked bars, each segment's value inside it
// (when it fits) and the bar's total above.
struct ChartSeries {
  std::string name;                 // legend entry
  std::vector<double> values;       // one per category, ≥ 0
  std::vector<std::string> labels;  // value labels as printed, one per category
};
struct Chart {
  std::string title;                    // centred above the chart (图1　…), may be empty
  std::string title_role{kHeading1};
  double title_size = kSize3;           // as a heading: 三号 黑体
  std::string x_title, y_title;         // axis titles: at the category axis's end, above the value axis
  std::vector<std::string> categories;  // under the bars
  std::vector<ChartSeries> series;
  double height = mm(55);               // the whole chart, titles and legend included
  double size = 10.5;                   // pt of every label (五号)
  std::string role{kBody};
  std::string origin;
};

struct Block;
using BlockVariant = std::variant<Paragraph, Table, Space, PageBreak, Rule, Chart>;
struct Block : BlockVariant {
  using BlockVariant::BlockVariant;
};


// ---------------------------------------------------------------------------- layout

// GB/T 9704-2012 §5.2: A4, 版心 156 × 225 mm, 天头 37 mm, 订口 28 mm, 22 lines × 28
// characters of 三号. Positions of page numbers per §7.5.
struct PageStyle {
  double page_width = mm(210), page_height = mm(297);
  double top = mm(37), left = mm(28);
  double block_width = mm(156), block_height = mm(225);
  int lines_per_page = 22, chars_per_line = 28;
  double body_size = kSize3;
  bool mirror_margins = false;     // even pages: 订口 on the right (duplex binding)
  bool widow_control = true;       // 孤行控制: no paragraph's first line alone at a page's
                                   // foot, nor its last line alone at a page's head
  bool page_numbers = true;
  int first_number = 1;
  std::set<int> unnumbered_pages;  // 1-based page indices that carry no number
  double number_size = kSize4;     // 四号
  double number_drop = mm(7);      // top of the number 7 mm below the block
  double number_inset = kSize4;    // one character in from the block's edge

  double char_pitch() const { return block_width / chars_per_line; }   // 15.79 pt
  double line_pitch() const { return block_height / lines_per_page; }  // 28.99 pt
  double block_left(int page_index) const;  // 1-based page index (mirror margins)
};

// Helpers for the usual blocks of a 公文 body.
Paragraph body(std::string text);
// 标题: 二号 title role, centred, balanced lines; hints are phrase boundaries (byte offsets).
Paragraph title(std::string text, std::vector<std::size_t> break_hints = {});
// Levels 1–4: 一、(heading1 黑体) （一）(heading2 楷体) 1. and （1）(body 仿宋); all 三号,
// indented two characters, kept with the next block.
Paragraph heading(int level, std::string text);
Space lines(double n, const PageStyle& style);  // n grid lines of space
Space fill();

// A character drawn from a later face of its role's chain than the first (a rare name
// character missing from FangSong), for the run's report.
struct Fallback {
  std::string role;
  char32_t cp = 0;
  int face = 0;  // the face that drew it
  bool operator<(const Fallback& o) const {
    return std::tie(role, cp, face) < std::tie(o.role, o.cp, o.face);
  }
};

struct Layout {
  std::vector<Page> pages;
  std::vector<std::string> warnings;  // e.g. a line that could not be broken legally
  std::vector<Fallback> fallbacks;    // sorted, each once
};

// Lays out the blocks. Throws TypesetError listing every character that cannot be
// drawn (each prefixed with its block's origin).
Layout layout(const std::vector<Block>& blocks, const FontSet& fonts, const PageStyle& style = {});

// The widths (pt) layout() gives the table's columns, for the same table written in
// another format (the .docx drafts); empty when a cell cannot be drawn.
std::vector<double> column_widths(const Table& t, const FontSet& fonts, const PageStyle& style = {});

// layout() in steps, for a document whose blocks depend on its page count (the 版记 of
// a duplex-printed document must land on an even page): the blocks are set once (line
// breaking, table column widths — the costly part), paginated as often as needed
// without drawing, then laid out into pages.
//   Typesetter ts(std::move(blocks), fonts, style);   // throws TypesetError
//   if (ts.page_count(style) % 2) ts.insert(k, {PageBreak{}});
//   Layout laid = ts.layout(style);
class Typesetter {
 public:
  // Throws TypesetError listing every character that cannot be drawn.
  Typesetter(std::vector<Block> blocks, const FontSet& fonts, const PageStyle& style);
  ~Typesetter();
  Typesetter(Typesetter&&) noexcept;
  Typesetter& operator=(Typesetter&&) noexcept;

  // Inserts blocks before block `at` (an index into the blocks as they are now).
  void insert(std::size_t at, std::vector<Block> blocks);
  // `style` below: the one the blocks were set with, but for its page numbering
  // (page_numbers, first_number, unnumbered_pages).
  int page_count(const PageStyle& style) const;
  // The pages (numbers included), with the warnings and fallbacks of setting the blocks.
  Layout layout(const PageStyle& style) const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace tws::typeset
