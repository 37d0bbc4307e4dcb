// Stage 7 — pagination: set blocks → pages. Lines fill the 版心 top to bottom; a block
// marked keep_with_next (headings, titles) moves to the next page rather than end a page
// without the first line of what follows; a table's header rows repeat on every page it
// reaches; a row moves to the next page whole unless it is taller than a page (or the
// table allows split rows); a chart moves whole; a table's last row takes the row before it along rather than
// begin a page alone; a keep_together table moves whole; a fill Space pushes what follows to the page's bottom (版记).
// Page numbers are added last (grid.cpp).
#include <algorithm>
#include <cmath>
#include <iterator>
#include <memory>
#include <optional>
#include <set>

#include "common/stage_timer.h"
#include "typeset/stages.h"

namespace tws::typeset {

namespace {

using namespace detail;
constexpr double kEps = 1e-6;

struct SetBlock {
  Block block;
  std::optional<SetParagraph> para;
  std::optional<SetTable> table;  // spec points at `block`: SetBlocks are never moved
  std::optional<SetChart> chart;
};
using SetBlocks = std::vector<std::unique_ptr<SetBlock>>;

class Paginator {
 public:
  // Without `out`, only counts the pages; with it, also draws them into `out`.
  Paginator(const SetBlocks& blocks, const FontSet& fonts, const PageStyle& style, std::vector<Page>* out)
      : b_(blocks), fonts_(fonts), style_(style), out_(out) {}

  int run() {
    for (std::size_t i = 0; i < b_.size(); ++i) place(i);
    if (count_ > 0) finish();
    return count_;
  }

 private:
  const SetBlocks& b_;
  const FontSet& fonts_;
  const PageStyle& style_;
  std::vector<Page>* out_;
  Page page_;                // the page being filled (when drawing)
  int count_ = 0;            // pages opened
  double y_ = 0;             // cursor below the 版心's top edge
  int pending_breaks_ = 0;   // explicit page breaks not yet opened
  bool overflowed_ = false;  // the current page began because the last one was full

  bool dry() const { return out_ == nullptr; }
  double H() const { return style_.block_height; }
  // The current page is complete: its number, then into `out`.
  void finish() {
    if (dry()) return;
    const int index = count_;
    if (style_.page_numbers && !style_.unnumbered_pages.count(index)) {
      page_.number = style_.first_number + index - 1;
      for (auto& run : page_number_runs(page_.number, index, fonts_, style_))
        page_.items.push_back(std::move(run));
    }
    out_->push_back(std::move(page_));
  }
  void open(bool overflow) {
    if (count_ > 0) finish();
    ++count_;
    if (!dry()) {
      page_ = Page{};
      page_.width = style_.page_width;
      page_.height = style_.page_height;
    }
    y_ = 0;
    overflowed_ = overflow;
  }
  // Opens pages owed to explicit breaks (a trailing PageBreak opens nothing).
  void settle() {
    if (count_ == 0) open(false);
    for (; pending_breaks_ > 0; --pending_breaks_) open(false);
  }
  // Room for h more points, else a new page (never on an empty page).
  void need(double h) {
    settle();
    if (y_ + h > H() + kEps && y_ > kEps) open(true);
  }
  double left() const { return style_.block_left(count_); }
  std::vector<Item>& items() { return page_.items; }

  void put_line(const SetLine& line) {
    need(line.pitch);
    if (!dry()) {
      for (GlyphRun run : line.runs) {
        for (PlacedGlyph& g : run.glyphs) g.x += left();
        run.baseline += style_.top + y_;
        items().push_back(std::move(run));
      }
    }
    y_ += line.pitch;
  }

  // Lines [from, to) of row r at the cursor; the height it takes.
  double row(const SetTable& t, std::size_t r, int from, int to, bool top) {
    if (dry()) return row_fragment_height(t, r, from, to);
    return draw_row(t, r, from, to, left(), style_.top + y_, top, items());
  }
  void table_bottom(const SetTable& t) {
    if (!dry()) draw_table_bottom(t, left(), style_.top + y_, items());
  }

  // Height of block i when laid out without a page break.
  double height(std::size_t i) const {
    const SetBlock& sb = *b_[i];
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
    if (sb.chart) return sb.chart->height;
    if (auto* s = std::get_if<Space>(&sb.block)) return s->fill ? 0 : s->height;
    if (auto* r = std::get_if<Rule>(&sb.block)) return r->space_before + r->thickness + r->space_after;
    return 0;
  }

  // What must share a page with the end of block i when it is kept with the next: the
  // first line of a paragraph, the header and first row of a table (recursively through
  // spaces and further kept blocks).
  double first_unit(std::size_t i) const {
    if (i >= b_.size()) return 0;
    const SetBlock& sb = *b_[i];
    if (sb.para) {
      const Paragraph& p = std::get<Paragraph>(sb.block);
      if (p.keep_with_next) return height(i) + first_unit(i + 1);
      return sb.para->lines.empty() ? 0 : sb.para->lines.front().pitch;
    }
    if (sb.table) {
      const SetTable& t = *sb.table;
      if (t.spec->keep_together && height(i) <= H()) return height(i);
      double h = 0;
      for (std::size_t r = 0; r < t.rows.size() && int(r) <= t.spec->header_rows; ++r)
        h += t.rows[r].height;
      return h;
    }
    if (std::holds_alternative<Space>(sb.block) || std::holds_alternative<Rule>(sb.block))
      return height(i) + first_unit(i + 1);
    return sb.chart ? sb.chart->height : 0;
  }

  void place(std::size_t i) {
    const SetBlock& sb = *b_[i];
    if (sb.para) return place_paragraph(i);
    if (sb.table) return place_table(*sb.table);
    if (sb.chart) return place_chart(*sb.chart);
    if (std::holds_alternative<PageBreak>(sb.block)) {
      if (count_ == 0) open(false);
      ++pending_breaks_;
      return;
    }
    if (auto* s = std::get_if<Space>(&sb.block)) return place_space(i, *s);
    if (auto* r = std::get_if<Rule>(&sb.block)) return place_rule(*r);
  }

  void place_paragraph(std::size_t i) {
    const SetBlock& sb = *b_[i];
    const Paragraph& p = std::get<Paragraph>(sb.block);
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
      for (std::size_t k = i + 1; k < b_.size() && !std::holds_alternative<PageBreak>(b_[k]->block);
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
    if (!dry())
      items().push_back(RuleItem{x + r.inset_left, y, x + style_.block_width - r.inset_right, y,
                                 r.thickness, r.color});
    y_ = std::min(H(), y_ + r.space_before + r.thickness + r.space_after);
  }

  // A chart moves to the next page whole; its items are placed at the cursor.
  void place_chart(const SetChart& c) {
    need(c.height);
    if (!dry()) {
      const double dx = left(), dy = style_.top + y_;
      for (Item item : c.items) {
        if (auto* r = std::get_if<GlyphRun>(&item)) {
          for (PlacedGlyph& g : r->glyphs) g.x += dx;
          r->baseline += dy;
        } else if (auto* l = std::get_if<RuleItem>(&item)) {
          l->x1 += dx, l->x2 += dx, l->y1 += dy, l->y2 += dy;
        } else if (auto* b = std::get_if<BoxItem>(&item)) {
          b->x += dx, b->y += dy;
        }
        items().push_back(std::move(item));
      }
    }
    y_ += c.height;
  }

  void draw_headers(const SetTable& t) {
    for (std::size_t r = 0; r < t.rows.size() && int(r) < t.spec->header_rows; ++r)
      y_ += row(t, r, 0, t.rows[r].max_lines, r == 0);
  }

  void place_table(const SetTable& t) {
    if (t.rows.empty()) return;
    const std::size_t nh = std::min<std::size_t>(t.rows.size(), std::size_t(std::max(0, t.spec->header_rows)));
    double header_h = 0;
    for (std::size_t r = 0; r < nh; ++r) header_h += t.rows[r].height;
    // The header never ends a page alone: it needs its first row (or the first line of
    // it, when that row may be split).
    double first = 0;
    if (nh < t.rows.size()) {
      first = t.rows[nh].height;
      if (t.spec->split_rows || first > H() - header_h) first = std::min(first, row_fragment_height(t, nh, 0, 1));
    }
    double whole = 0;
    for (const SetRow& r : t.rows) whole += r.height;
    need(t.spec->keep_together && whole <= H() ? whole : header_h + first);
    draw_headers(t);
    bool top = nh == 0;  // the next row drawn is the first on its page
    bool body_on_page = false;  // a body row of this table is on the current page
    for (std::size_t r = nh; r < t.rows.size(); ++r) {
      const SetRow& set_row = t.rows[r];
      const int max_lines = set_row.max_lines;
      const double row_height = set_row.height;
      int from = 0;
      // The last row (a 合计) never begins a page alone: the row before it goes along
      // when the page already holds other rows of the table.
      if (r + 2 == t.rows.size() && body_on_page && y_ + row_height <= H() + kEps &&
          y_ + row_height + t.rows[r + 1].height > H() + kEps && t.rows[r + 1].height + row_height <= H() - header_h) {
        table_bottom(t);
        open(true);
        draw_headers(t);
        top = nh == 0;
      }
      while (true) {
        double h = row_fragment_height(t, r, from, max_lines);
        if (y_ + h <= H() + kEps) {
          y_ += row(t, r, from, max_lines, top);
          top = false;
          break;
        }
        bool splittable = t.spec->split_rows || row_height > H() - header_h;
        int fit = int(std::floor((H() - y_ - 2 * t.spec->pad_y + kEps) / t.pitch));
        fit = std::min(fit, max_lines - from);
        if (splittable && fit >= 1) {
          y_ += row(t, r, from, from + fit, top);
          from += fit;
        } else if (y_ <= header_h + kEps) {  // a fresh page cannot hold it: overflow
          y_ += row(t, r, from, max_lines, top);
          top = false;
          break;
        }
        table_bottom(t);
        open(true);
        draw_headers(t);
        top = nh == 0;
      }
      body_on_page = true;
    }
    table_bottom(t);
  }
};

std::string prefixed(const std::string& origin, const std::string& msg) {
  return origin.empty() ? msg : origin + "：" + msg;
}

}  // namespace

struct Typesetter::Impl {
  const FontSet& fonts;
  const PageStyle style;
  SetBlocks blocks;
  std::vector<std::string> warnings;

  Impl(const FontSet& f, const PageStyle& st) : fonts(f), style(st) {}

  // Sets blocks [first, end); problems (characters no font has) are collected.
  void set(std::size_t first, std::vector<std::string>& problems) {
    auto collect = [&](const std::string& origin, auto& set) {
      for (auto& m : set.problems) problems.push_back(prefixed(origin, m));
      for (auto& m : set.warnings) warnings.push_back(prefixed(origin, m));
      set.problems.clear();
      set.warnings.clear();
    };
    for (std::size_t i = first; i < blocks.size(); ++i) {
      SetBlock& sb = *blocks[i];
      if (auto* p = std::get_if<Paragraph>(&sb.block)) {
        sb.para = set_paragraph(*p, fonts, style, style.block_width);
        collect(p->origin, *sb.para);
      } else if (auto* t = std::get_if<Table>(&sb.block)) {
        sb.table = set_table(*t, fonts, style, style.block_width);
        collect(t->origin, *sb.table);
      } else if (auto* c = std::get_if<Chart>(&sb.block)) {
        sb.chart = set_chart(*c, fonts, style, style.block_width);
        collect(c->origin, *sb.chart);
      }
    }
  }

  template <class F>
  void each_run(F&& f) const {
    for (const auto& sb : blocks) {
      if (sb->para)
        for (const SetLine& l : sb->para->lines)
          for (const GlyphRun& r : l.runs) f(r);
      if (sb->table)
        for (const SetRow& row : sb->table->rows)
          for (const SetCell& c : row.cells)
            for (const SetLine& l : c.lines)
              for (const GlyphRun& r : l.runs) f(r);
      if (sb->chart)
        for (const Item& item : sb->chart->items)
          if (const auto* r = std::get_if<GlyphRun>(&item)) f(*r);
    }
  }
};

Typesetter::Typesetter(std::vector<Block> blocks, const FontSet& fonts, const PageStyle& style)
    : impl_(std::make_unique<Impl>(fonts, style)) {
  StageTimer timer("layout");
  impl_->blocks.reserve(blocks.size());
  for (Block& b : blocks) impl_->blocks.push_back(std::make_unique<SetBlock>(SetBlock{std::move(b), {}, {}, {}}));
  std::vector<std::string> problems;
  impl_->set(0, problems);
  if (!problems.empty()) throw TypesetError(problems);
}

Typesetter::~Typesetter() = default;
Typesetter::Typesetter(Typesetter&&) noexcept = default;
Typesetter& Typesetter::operator=(Typesetter&&) noexcept = default;

void Typesetter::insert(std::size_t at, std::vector<Block> blocks) {
  at = std::min(at, impl_->blocks.size());
  SetBlocks added;
  for (Block& b : blocks) added.push_back(std::make_unique<SetBlock>(SetBlock{std::move(b), {}, {}, {}}));
  // Set in a list of their own (set() works from an index to the end).
  SetBlocks rest(std::make_move_iterator(impl_->blocks.begin() + std::ptrdiff_t(at)),
                 std::make_move_iterator(impl_->blocks.end()));
  impl_->blocks.resize(at);
  const std::size_t first = impl_->blocks.size();
  for (auto& b : added) impl_->blocks.push_back(std::move(b));
  std::vector<std::string> problems;
  impl_->set(first, problems);
  for (auto& b : rest) impl_->blocks.push_back(std::move(b));
  if (!problems.empty()) throw TypesetError(problems);
}

int Typesetter::page_count(const PageStyle& style) const {
  return Paginator(impl_->blocks, impl_->fonts, style, nullptr).run();
}

Layout Typesetter::layout(const PageStyle& style) const {
  StageTimer timer("layout");
  Layout out;
  out.warnings = impl_->warnings;
  std::set<Fallback> fallbacks;
  impl_->each_run([&](const GlyphRun& r) {
    if (r.face != impl_->fonts.chain(r.role).front())
      for (const PlacedGlyph& g : r.glyphs) fallbacks.insert(Fallback{r.role, g.cp, r.face});
  });
  out.fallbacks.assign(fallbacks.begin(), fallbacks.end());
  Paginator(impl_->blocks, impl_->fonts, style, &out.pages).run();
  return out;
}

Layout layout(const std::vector<Block>& blocks, const FontSet& fonts, const PageStyle& style) {
  return Typesetter(blocks, fonts, style).layout(style);
}

}  // namespace tws::typeset
