// Stage 7 — pagination: set blocks → pages. Lines fill the 版心 top to bottom; a block
// marked keep_with_next (headings, titles) moves to the next page rather than end a page
// without the first line of what follows; a table's header rows repeat on every page it
// reaches; a row moves to the next page whole unless it is taller than a page (or the
// table allows split rows); a fill Space pushes what follows to the page's bottom (版记).
// Page numbers are added last (grid.cpp).
#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

#include "typeset/stages.h"
#include "common/stage_timer.h"

namespace tws::typeset {

namespace {

using namespace detail;
constexpr double kEps = 1e-6;

struct SetBlock {
  const Block* block = nullptr;
  std::optional<SetParagraph> para;
  std::optional<SetTable> table;
};

class Paginator {
 public:
  // Takes the set blocks apart as it places them (table rows' glyphs move into pages).
  Paginator(std::vector<SetBlock>& blocks, const PageStyle& style)
      : b_(blocks), style_(style) {}

  std::vector<Page> run() {
    for (std::size_t i = 0; i < b_.size(); ++i) place(i);
    return std::move(pages_);
  }

 private:
  std::vector<SetBlock>& b_;
  const PageStyle& style_;
  std::vector<Page> pages_;
  double y_ = 0;             // cursor below the 版心's top edge
  int pending_breaks_ = 0;   // explicit page breaks not yet opened
  bool overflowed_ = false;  // the current page began because the last one was full

  double H() const { return style_.block_height; }
  void open(bool overflow) {
    Page p;
    p.width = style_.page_width;
    p.height = style_.page_height;
    pages_.push_back(std::move(p));
    y_ = 0;
    overflowed_ = overflow;
  }
  // Opens pages owed to explicit breaks (a trailing PageBreak opens nothing).
  void settle() {
    if (pages_.empty()) open(false);
    for (; pending_breaks_ > 0; --pending_breaks_) open(false);
  }
  // Room for h more points, else a new page (never on an empty page).
  void need(double h) {
    settle();
    if (y_ + h > H() + kEps && y_ > kEps) open(true);
  }
  double left() const { return style_.block_left(int(pages_.size())); }
  std::vector<Item>& items() { return pages_.back().items; }

  void put_line(const SetLine& line) {
    need(line.pitch);
    for (GlyphRun run : line.runs) {
      for (PlacedGlyph& g : run.glyphs) g.x += left();
      run.baseline += style_.top + y_;
      items().push_back(std::move(run));
    }
    y_ += line.pitch;
  }

  // Height of block i when laid out without a page break.
  double height(std::size_t i) const {
    const SetBlock& sb = b_[i];
    if (sb.para) {
      double h = 0;
      for (const auto& l : sb.para->lines) h += l.pitch;
      return h;
    }
    if (sb.table) {
      double h = 0;
      for (const auto& r : sb.table->rows) h += r.height;
      return h;
    }
    if (auto* s = std::get_if<Space>(sb.block)) return s->fill ? 0 : s->height;
    if (auto* r = std::get_if<Rule>(sb.block)) return r->space_before + r->thickness + r->space_after;
    return 0;
  }

  // What must share a page with the end of block i when it is kept with the next: the
  // first line of a paragraph, the header and first row of a table (recursively through
  // spaces and further kept blocks).
  double first_unit(std::size_t i) const {
    if (i >= b_.size()) return 0;
    const SetBlock& sb = b_[i];
    if (sb.para) {
      const Paragraph& p = std::get<Paragraph>(*sb.block);
      if (p.keep_with_next) return height(i) + first_unit(i + 1);
      return sb.para->lines.empty() ? 0 : sb.para->lines.front().pitch;
    }
    if (sb.table) {
      const SetTable& t = *sb.table;
      double h = 0;
      for (std::size_t r = 0; r < t.rows.size() && int(r) <= t.spec->header_rows; ++r)
        h += t.rows[r].height;
      return h;
    }
    if (std::holds_alternative<Space>(*sb.block) || std::holds_alternative<Rule>(*sb.block))
      return height(i) + first_unit(i + 1);
    return 0;
  }

  void place(std::size_t i) {
    SetBlock& sb = b_[i];
    if (sb.para) return place_paragraph(i);
    if (sb.table) return place_table(*sb.table);
    if (std::holds_alternative<PageBreak>(*sb.block)) {
      if (pages_.empty()) open(false);
      ++pending_breaks_;
      return;
    }
    if (auto* s = std::get_if<Space>(sb.block)) return place_space(i, *s);
    if (auto* r = std::get_if<Rule>(sb.block)) return place_rule(*r);
  }

  void place_paragraph(std::size_t i) {
    const SetBlock& sb = b_[i];
    const Paragraph& p = std::get<Paragraph>(*sb.block);
    if (p.keep_with_next) {
      double h = height(i) + first_unit(i + 1);
      if (h <= H()) need(h);
    }
    const auto& lines = sb.para->lines;
    for (std::size_t k = 0; k < lines.size(); ++k) {
      // 孤行控制 (Word's widow/orphan control): neither the first line of a paragraph
      // alone at a page's foot nor its last line alone at the next page's head.
      if (style_.widow_control && lines.size() >= 2 && y_ > kEps) {
        settle();
        bool fits = y_ + lines[k].pitch <= H() + kEps;
        bool next_fits = k + 1 < lines.size() && y_ + lines[k].pitch + lines[k + 1].pitch <= H() + kEps;
        bool orphan = k == 0 && fits && !next_fits;
        bool widow = k >= 1 && k + 2 == lines.size() && lines.size() >= 3 && fits && !next_fits;
        if (orphan || widow) open(true);
      }
      put_line(lines[k]);
    }
  }

  void place_space(std::size_t i, const Space& s) {
    if (s.fill) {
      double rest = 0;
      for (std::size_t k = i + 1; k < b_.size() && !std::holds_alternative<PageBreak>(*b_[k].block);
           ++k)
        rest += height(k);
      need(rest);
      y_ = std::max(y_, H() - rest);
      return;
    }
    settle();
    if (y_ < kEps && overflowed_) return;  // space at the top of a page that overflowed
    if (y_ + s.height > H() + kEps) {
      open(true);
      return;
    }
    y_ += s.height;
  }

  void place_rule(const Rule& r) {
    need(r.space_before + r.thickness);
    double y = style_.top + y_ + r.space_before + r.thickness / 2;
    double x = left();
    items().push_back(RuleItem{x + r.inset_left, y, x + style_.block_width - r.inset_right, y,
                               r.thickness, r.color});
    y_ = std::min(H(), y_ + r.space_before + r.thickness + r.space_after);
  }

  void draw_headers(SetTable& t) {
    for (std::size_t r = 0; r < t.rows.size() && int(r) < t.spec->header_rows; ++r)
      y_ += draw_row(t, r, 0, t.rows[r].max_lines, left(), style_.top + y_, r == 0, items());
  }

  void place_table(SetTable& t) {
    if (t.rows.empty()) return;
    const std::size_t nh = std::min<std::size_t>(t.rows.size(), std::size_t(std::max(0, t.spec->header_rows)));
    double header_h = 0;
    for (std::size_t r = 0; r < nh; ++r) header_h += t.rows[r].height;
    // The header never ends a page alone: it needs its first row (or line of it).
    double first = nh < t.rows.size()
                       ? std::min(t.rows[nh].height, row_fragment_height(t, nh, 0, 1))
                       : 0;
    need(header_h + first);
    draw_headers(t);
    bool top = nh == 0;  // the next row drawn is the first on its page
    for (std::size_t r = nh; r < t.rows.size(); ++r) {
      const SetRow& row = t.rows[r];
      int from = 0;
      while (true) {
        double h = row_fragment_height(t, r, from, row.max_lines);
        if (y_ + h <= H() + kEps) {
          y_ += draw_row(t, r, from, row.max_lines, left(), style_.top + y_, top, items(), true);
          top = false;
          break;
        }
        bool splittable = t.spec->split_rows || row.height > H() - header_h;
        int fit = int(std::floor((H() - y_ - 2 * t.spec->pad_y + kEps) / t.pitch));
        fit = std::min(fit, row.max_lines - from);
        if (splittable && fit >= 1) {
          y_ += draw_row(t, r, from, from + fit, left(), style_.top + y_, top, items(), true);
          from += fit;
        } else if (y_ <= header_h + kEps) {  // a fresh page cannot hold it: overflow
          y_ += draw_row(t, r, from, row.max_lines, left(), style_.top + y_, top, items(), true);
          top = false;
          break;
        }
        draw_table_bottom(t, left(), style_.top + y_, items());
        open(true);
        draw_headers(t);
        top = nh == 0;
      }
    }
    draw_table_bottom(t, left(), style_.top + y_, items());
  }
};

std::string prefixed(const std::string& origin, const std::string& msg) {
  return origin.empty() ? msg : origin + "：" + msg;
}

}  // namespace

Layout layout(const std::vector<Block>& blocks, const FontSet& fonts, const PageStyle& style) {
  StageTimer timer("layout");
  Layout out;
  std::vector<std::string> problems;
  std::vector<SetBlock> set;
  for (const Block& b : blocks) {
    SetBlock sb;
    sb.block = &b;
    if (auto* p = std::get_if<Paragraph>(&b)) {
      sb.para = set_paragraph(*p, fonts, style, style.block_width);
      for (auto& m : sb.para->problems) problems.push_back(prefixed(p->origin, m));
      for (auto& m : sb.para->warnings) out.warnings.push_back(prefixed(p->origin, m));
    } else if (auto* t = std::get_if<Table>(&b)) {
      sb.table = set_table(*t, fonts, style, style.block_width);
      for (auto& m : sb.table->problems) problems.push_back(prefixed(t->origin, m));
      for (auto& m : sb.table->warnings) out.warnings.push_back(prefixed(t->origin, m));
    }
    set.push_back(std::move(sb));
  }
  if (!problems.empty()) throw TypesetError(problems);

  out.pages = Paginator(set, style).run();
  std::set<Fallback> fallbacks;
  for (const Page& page : out.pages)
    for (const Item& it : page.items)
      if (const auto* r = std::get_if<GlyphRun>(&it); r && r->face != fonts.chain(r->role).front())
        for (const PlacedGlyph& g : r->glyphs) fallbacks.insert(Fallback{r->role, g.cp, r->face});
  out.fallbacks.assign(fallbacks.begin(), fallbacks.end());
  for (std::size_t k = 0; k < out.pages.size(); ++k) {
    int index = int(k) + 1;
    if (!style.page_numbers || style.unnumbered_pages.count(index)) continue;
    Page& page = out.pages[k];
    page.number = style.first_number + index - 1;
    for (auto& run : page_number_runs(page.number, index, fonts, style))
      page.items.push_back(std::move(run));
  }
  return out;
}

}  // namespace tws::typeset
