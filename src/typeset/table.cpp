// Stage 5 — tables: Table → rows of set cells with ruled edges. Column widths come from
// the content (CSS/HTML automatic table layout: each column between its longest
// unbreakable piece and its single-line width, within the column's min/max); cell text
// is broken by the same line breaker as paragraphs, at word boundaries only. Pagination
// (paginate.cpp) draws rows page by page.
#include <algorithm>
#include <cmath>
#include <string>

#include "typeset/stages.h"

namespace tws::typeset::detail {

namespace {

struct Measure {
  double min = 0, max = 0;  // content only, no padding
  // Words (and the last two characters, see cell_breaks) the cell's lines keep whole:
  // their text and width.
  std::vector<std::pair<std::string, double>> words;
  std::vector<double> pieces;  // widths of the pieces in order, -1 for a "\n"
};

// Lines the cell takes in `avail` pt, its pieces filled greedily.
int lines_in(const Measure& m, double avail) {
  int n = 1;
  double line = 0;
  for (double p : m.pieces) {
    if (p < 0) {
      ++n, line = 0;
    } else if (line > 0 && line + p > avail + 1e-6) {
      ++n, line = p;
    } else {
      line += p;
    }
  }
  return n;
}

constexpr std::size_t kBracketWhole = 8;  // characters inside the brackets, at most

bool content(const Char& c) { return c.cls == Cls::Han || c.cls == Cls::Alnum; }

// Where a cell's text may break: a legal break (禁则) that is also a word boundary (ICU's
// dictionary: 药物|制剂|技师|工作站), outside an ordinal (第四条) and a short bracketed
// phrase, and not so that a "\n"-segment ends with one character alone on a line
// (数控车|工 → 数控|车工).
std::vector<bool> cell_breaks(const std::vector<Char>& c) {
  std::vector<bool> b = break_opportunities(c, {});
  const std::vector<bool> words = word_boundaries(c);
  const std::size_t n = c.size();
  for (std::size_t i = 1; i < n; ++i)
    if (c[i - 1].cls != Cls::Newline && !words[i]) b[i] = false;
  // 第四条, 第二名: an ordinal with its measure word stays whole.
  const std::u32string numerals = U"一二三四五六七八九十百零〇两", measures = U"条章节款项名位次届";
  for (std::size_t i = 0; i < n; ++i) {
    if (c[i].cp != U'第') continue;
    std::size_t j = i + 1;
    while (j < n && numerals.find(c[j].cp) != std::u32string::npos) ++j;
    if (j > i + 1 && j < n && measures.find(c[j].cp) != std::u32string::npos)
      for (std::size_t k = i + 1; k <= j; ++k) b[k] = false;
  }
  // A short bracketed phrase stays whole: 吴雪梅|（领办人）.
  for (std::size_t i = 0; i < n; ++i) {
    if (c[i].cls != Cls::Open) continue;
    std::size_t j = i + 1;
    while (j < n && j - i <= kBracketWhole && c[j].cls != Cls::Close && c[j].cls != Cls::Open &&
           c[j].cls != Cls::Newline)
      ++j;
    if (j < n && c[j].cls == Cls::Close && j - i <= kBracketWhole)
      for (std::size_t k = i + 1; k <= j; ++k) b[k] = false;
  }
  for (std::size_t end = 0; end <= n; ++end) {
    if (end < n && c[end].cls != Cls::Newline) continue;
    std::size_t last = end, start = end;  // the segment's last break, its start
    while (start > 0 && c[start - 1].cls != Cls::Newline) --start;
    for (std::size_t i = end; i > start + 1;)
      if (b[--i]) { last = i; break; }
    if (last == end) continue;
    int chars = 0;
    for (std::size_t i = last; i < end; ++i) chars += content(c[i]);
    if (chars <= 1) b[last] = false;
  }
  return b;
}

// Longest unbreakable piece (at cell_breaks) and the widest "\n"-separated segment on
// one line; the pieces of more than one character become the cell's kept words.
Measure measure(const Cell& cell, const std::string& role, double size, const FontSet& fonts,
                std::vector<std::string>& problems) {
  Run run = itemize(cell.text, role, size, size, fonts);
  problems.insert(problems.end(), run.problems.begin(), run.problems.end());
  const auto& c = run.chars;
  const auto allowed = cell_breaks(c);
  const auto legal = break_opportunities(c, {});
  Measure m;
  double piece = 0, seg = 0;
  std::size_t piece_start = 0;
  auto close = [&](std::size_t end) {  // the piece [piece_start, end)
    if (end == piece_start) return;
    m.pieces.push_back(piece);
    bool splittable = false;  // else the breaker keeps it whole anyway
    for (std::size_t k = piece_start + 1; k < end; ++k) splittable |= legal[k];
    if (!splittable) return;
    std::size_t to = end < c.size() ? c[end].byte : cell.text.size();
    m.words.emplace_back(cell.text.substr(c[piece_start].byte, to - c[piece_start].byte), piece);
  };
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (c[i].cls == Cls::Newline) {
      close(i);
      m.pieces.push_back(-1);
      m.max = std::max(m.max, seg);
      seg = piece = 0;
      piece_start = i + 1;
      continue;
    }
    if (allowed[i] && i > piece_start) {
      close(i);
      piece = 0;
      piece_start = i;
    }
    double w = c[i].advance;
    bool at_end = i + 1 == c.size() || allowed[i + 1];
    if (at_end && (c[i].cls == Cls::Comma || c[i].cls == Cls::Stop || c[i].cls == Cls::Close))
      w -= c[i].sq_right;  // a mark ending a line takes ½ em
    if (c[i].cls != Cls::Space || !at_end) piece += w;
    seg += c[i].advance;
    m.min = std::max(m.min, piece);
  }
  close(c.size());
  m.max = std::max({m.max, seg, m.min});
  return m;
}

std::string cell_role(const Table& t, std::size_t r, const Cell& cell) {
  if (!cell.role.empty()) return cell.role;
  return int(r) < t.header_rows ? t.header_role : t.role;
}

// A cell placed in the grid: row, first column, columns spanned.
struct Placed {
  std::size_t row, col, span;
  const Measure* m;
};

// Adjusts the proportional shares by whole lines: a wrapping column gives up the width
// its cells do not need (the table is as tall with less), and what is freed goes,
// cheapest first, to the column where it makes the table shortest per point (a 工种
// on one line rather than a few points more beside a name that wraps either way); the
// rest to the widest column that still wraps. Widths are tried in steps of `step`.
class Slack {
 public:
  Slack(std::vector<double>& w, const std::vector<double>& lo, const std::vector<double>& hi,
        const std::vector<Placed>& cells, std::size_t nrows, double pad, double step)
      : w_(w), lo_(lo), hi_(hi), cells_(cells), nrows_(nrows), pad_(pad), step_(step) {}

  void run() {
    double slack = 0;
    for (std::size_t c = 0; c < w_.size(); ++c) {
      if (w_[c] >= hi_[c] - 1e-9) continue;
      auto others = rows_without(c);
      const int now = height(c, w_[c], others);
      for (double x = lo_[c]; x < w_[c] - 1e-9; x += step_)
        if (height(c, x, others) / 1000 == now / 1000) {  // rows as tall
          slack += w_[c] - x;
          w_[c] = x;
          break;
        }
    }
    while (slack > 1e-9) {
      std::size_t best = w_.size();
      double best_gain = 0, best_x = 0;
      for (std::size_t c = 0; c < w_.size(); ++c) {
        if (w_[c] >= hi_[c] - 1e-9) continue;
        auto others = rows_without(c);
        const int now = height(c, w_[c], others);
        for (int k = 1;; ++k) {
          double x = std::min(w_[c] + k * step_, hi_[c]);
          if (x > w_[c] + slack + 1e-9) break;
          int saved = now - height(c, x, others);
          if (saved > 0) {
            double gain = saved / (x - w_[c]);
            if (best == w_.size() || gain > best_gain) best = c, best_gain = gain, best_x = x;
            break;
          }
          if (x >= hi_[c]) break;
        }
      }
      if (best == w_.size()) break;
      slack -= best_x - w_[best];
      w_[best] = best_x;
    }
    auto wraps = [&](std::size_t c) { return w_[c] < hi_[c] - 1e-9; };
    std::size_t widest = 0;
    for (std::size_t c = 1; c < w_.size(); ++c)
      if (wraps(c) != wraps(widest) ? wraps(c) : w_[c] > w_[widest]) widest = c;
    w_[widest] += slack;
  }

 private:
  std::vector<double>& w_;
  const std::vector<double>& lo_;
  const std::vector<double>& hi_;
  const std::vector<Placed>& cells_;
  std::size_t nrows_;
  double pad_, step_;

  bool touches(const Placed& p, std::size_t c) const { return p.col <= c && c < p.col + p.span; }
  double width(const Placed& p, std::size_t c, double x) const {
    double sum = 0;
    for (std::size_t k = p.col; k < p.col + p.span; ++k) sum += k == c ? x : w_[k];
    return sum;
  }
  // Lines of each row from the cells not in column c.
  std::vector<int> rows_without(std::size_t c) const {
    std::vector<int> h(nrows_, 1);
    for (const Placed& p : cells_)
      if (!touches(p, c)) h[p.row] = std::max(h[p.row], lines_in(*p.m, width(p, c, 0) - pad_));
    return h;
  }
  // Lines of the table with column c at width x, then (a tie-break) the lines of the
  // cells in column c: a cell kept whole is worth some width even when its row is as
  // tall either way.
  int height(std::size_t c, double x, std::vector<int> rows) const {
    int cells = 0;
    for (const Placed& p : cells_)
      if (touches(p, c)) {
        int n = lines_in(*p.m, width(p, c, x) - pad_);
        rows[p.row] = std::max(rows[p.row], n);
        cells += n;
      }
    int sum = 0;
    for (int h : rows) sum += h;
    return 1000 * sum + cells;
  }
};

// Widths from content, the automatic table layout of CSS 2.1 §17.5.2.2 / HTML 4 Appendix
// B.5.2. Each column has a minimum — its cells' longest unbreakable piece (at least two
// characters for a header; a short data cell, up to kKeepWhole em — a name, a
// department, a grade — counts as one piece) — and a preferred width, its longest line.
// A spanning cell widens its columns only when their minima are too narrow for it.
// If the preferred widths fit, the spare width is shared in proportion to them;
// otherwise each column gets its minimum plus a share of what is left in proportion to
// (preferred − minimum), adjusted by whole lines (Slack); if even the minima overflow,
// they are scaled down.
constexpr double kKeepWhole = 6;  // em of the table's size

std::vector<double> column_widths(const Table& t, std::size_t ncols, double W,
                                  const std::vector<std::vector<Measure>>& m) {
  std::vector<double> lo(ncols, 0), hi(ncols, 0);
  const double pad = 2 * t.pad_x;
  struct Span { std::size_t col, n; double min; };
  std::vector<Span> spans;
  std::vector<Placed> placed;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    std::size_t col = 0;
    const bool header = int(r) < t.header_rows;
    for (std::size_t k = 0; k < t.rows[r].size() && col < ncols; ++k) {
      std::size_t span = std::min(std::size_t(std::max(1, t.rows[r][k].colspan)), ncols - col);
      const Measure& cm = m[r][k];
      placed.push_back({r, col, span, &cm});
      double keep = header ? std::max(cm.min, std::min(cm.max, 2 * t.size))
                           : std::max(cm.min, cm.max <= kKeepWhole * t.size ? cm.max : 0.0);
      if (span == 1) {
        lo[col] = std::max(lo[col], keep + pad);
        hi[col] = std::max(hi[col], cm.max + pad);
      } else {
        spans.push_back({col, span, keep + pad});
      }
      col += span;
    }
  }
  std::vector<bool> capped(ncols, false);
  auto clamp = [&] {
    for (std::size_t c = 0; c < ncols && c < t.columns.size(); ++c) {
      const Column& spec = t.columns[c];
      lo[c] = std::max(lo[c], spec.min_width);
      if (spec.max_width > 0) {
        capped[c] = true;
        lo[c] = std::min(lo[c], spec.max_width);
        hi[c] = std::min(hi[c], spec.max_width);
      }
      hi[c] = std::max(hi[c], lo[c]);
    }
  };
  clamp();
  for (const Span& s : spans) {  // the excess shared in proportion to the minima
    double sum = 0, free = 0;
    for (std::size_t c = s.col; c < s.col + s.n; ++c) {
      sum += lo[c];
      if (!capped[c]) free += lo[c] + 1;
    }
    if (s.min <= sum || free <= 0) continue;
    for (std::size_t c = s.col; c < s.col + s.n; ++c)
      if (!capped[c]) lo[c] += (s.min - sum) * (lo[c] + 1) / free;
  }
  clamp();
  double sum_lo = 0, sum_hi = 0, sum_free = 0;
  for (std::size_t c = 0; c < ncols; ++c) {
    sum_lo += lo[c];
    sum_hi += hi[c];
    if (!capped[c]) sum_free += hi[c];
  }
  std::vector<double> w = lo;
  if (sum_lo > W) {
    for (double& x : w) x *= W / sum_lo;
  } else if (sum_hi > W) {
    for (std::size_t c = 0; c < ncols; ++c) w[c] += (hi[c] - lo[c]) * (W - sum_lo) / (sum_hi - sum_lo);
    Slack(w, lo, hi, placed, t.rows.size(), pad, t.size / 2).run();
  } else {
    for (std::size_t c = 0; c < ncols; ++c)
      w[c] = hi[c] + (capped[c] || sum_free <= 0 ? 0 : (W - sum_hi) * hi[c] / sum_free);
  }
  return w;
}

// Row r of the table: its cells set in their columns; their warnings go to `warnings`.
SetRow make_row(const SetTable& st, const Table& t, std::size_t r, const std::vector<Measure>& m,
                const FontSet& fonts, const PageStyle& style, std::vector<std::string>& warnings) {
  const std::size_t ncols = st.col_x.size() - 1;
  SetRow row;
  std::size_t col = 0;
  for (std::size_t k = 0; k < t.rows[r].size(); ++k) {
    const Cell& cell = t.rows[r][k];
    if (col >= ncols) break;
    SetCell sc;
    sc.col = int(col);
    sc.span = std::min<int>(std::max(1, cell.colspan), int(ncols - col));
    sc.x = st.col_x[col];
    sc.w = st.col_x[col + std::size_t(sc.span)] - sc.x;
    sc.align = cell.align ? *cell.align
                          : (col < t.columns.size() ? t.columns[col].align : Align::Centre);
    sc.min_height = cell.min_height;
    sc.valign = cell.valign;
    Paragraph p;
    p.text = cell.text;
    p.role = cell_role(t, r, cell);
    p.size = t.size;
    p.char_pitch = t.size;
    p.line_pitch = st.pitch;
    p.first_indent = 0;
    p.align = sc.align;
    for (const auto& [word, width] : m[k].words)
      if (width <= sc.w - 2 * t.pad_x) p.keep_whole.push_back(word);
    SetParagraph sp = set_paragraph(p, fonts, style, sc.w - 2 * t.pad_x, Breaking::Cell);
    warnings.insert(warnings.end(), sp.warnings.begin(), sp.warnings.end());
    // Centre the em box in the line pitch.
    double drop = (st.pitch - t.size) / 2;
    for (auto& line : sp.lines)
      for (auto& run : line.runs) run.baseline += drop;
    sc.lines = std::move(sp.lines);
    if (cell.text.empty()) sc.lines.clear();
    row.max_lines = std::max(row.max_lines, int(sc.lines.size()));
    row.height = std::max(row.height, sc.min_height);
    row.cells.push_back(std::move(sc));
    col += std::size_t(sc.span);
  }
  row.height = std::max(row.height, std::max(1, row.max_lines) * st.pitch + 2 * t.pad_y);
  return row;
}

}  // namespace

SetTable set_table(const Table& t, const FontSet& fonts, const PageStyle& style, double width) {
  SetTable st;
  st.spec = &t;
  st.pitch = t.line_pitch > 0 ? t.line_pitch : 1.4 * t.size;
  std::size_t ncols = t.columns.size();
  for (const auto& row : t.rows) {
    std::size_t n = 0;
    for (const Cell& c : row) n += std::size_t(std::max(1, c.colspan));
    ncols = std::max(ncols, n);
  }
  const double W = t.width > 0 ? t.width : width;
  std::vector<std::vector<Measure>> m(t.rows.size());
  for (std::size_t r = 0; r < t.rows.size(); ++r)
    for (const Cell& cell : t.rows[r])
      m[r].push_back(measure(cell, cell_role(t, r, cell), t.size, fonts, st.problems));
  if (!st.problems.empty() || ncols == 0) return st;

  auto w = column_widths(t, ncols, W, m);
  st.col_x.assign(1, 0);
  for (double x : w) st.col_x.push_back(st.col_x.back() + x);

  for (std::size_t r = 0; r < t.rows.size(); ++r) st.rows.push_back(make_row(st, t, r, m[r], fonts, style, st.warnings));
  return st;
}

double row_fragment_height(const SetTable& t, std::size_t r, int from, int to) {
  const SetRow& row = t.rows[r];
  if (from == 0 && to >= row.max_lines) return row.height;
  return (to - from) * t.pitch + 2 * t.spec->pad_y;
}

double draw_row(const SetTable& t, std::size_t r, int from, int to, double x0, double y,
                bool top_frame, std::vector<Item>& out) {
  const Table& spec = *t.spec;
  const SetRow& row = t.rows[r];
  const bool whole = from == 0 && to >= row.max_lines;
  const double h = row_fragment_height(t, r, from, to);
  const double W = t.col_x.back();
  if (spec.ruled)
    out.push_back(RuleItem{x0, y, x0 + W, y, top_frame ? spec.frame_width : spec.rule_width, kBlack});
  for (const SetCell& cell : row.cells) {
    double lw = cell.col == 0 ? spec.frame_width : spec.rule_width;
    if (spec.ruled) out.push_back(RuleItem{x0 + cell.x, y, x0 + cell.x, y + h, lw, kBlack});
    int n = std::max(0, std::min<int>(to, int(cell.lines.size())) - from);
    double top = y + spec.pad_y;  // split rows: top-aligned
    if (whole && cell.valign == VAlign::Centre) top = y + (h - n * t.pitch) / 2;
    if (whole && cell.valign == VAlign::Bottom) top = y + h - spec.pad_y - n * t.pitch;
    for (int k = 0; k < n; ++k) {
      for (GlyphRun run : cell.lines[std::size_t(from + k)].runs) {
        for (PlacedGlyph& g : run.glyphs) g.x += x0 + cell.x + spec.pad_x;
        run.baseline += top + k * t.pitch;
        out.push_back(std::move(run));
      }
    }
  }
  if (spec.ruled) out.push_back(RuleItem{x0 + W, y, x0 + W, y + h, spec.frame_width, kBlack});
  return h;
}

void draw_table_bottom(const SetTable& t, double x0, double y, std::vector<Item>& out) {
  if (t.spec->ruled) out.push_back(RuleItem{x0, y, x0 + t.col_x.back(), y, t.spec->frame_width, kBlack});
}

}  // namespace tws::typeset::detail

namespace tws::typeset {

std::vector<double> column_widths(const Table& t, const FontSet& fonts, const PageStyle& style) {
  const detail::SetTable st = detail::set_table(t, fonts, style, style.block_width);
  std::vector<double> w;
  for (std::size_t i = 0; i + 1 < st.col_x.size(); ++i) w.push_back(st.col_x[i + 1] - st.col_x[i]);
  return w;
}

}  // namespace tws::typeset
