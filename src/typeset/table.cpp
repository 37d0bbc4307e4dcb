// Stage 5 — tables: Table → rows of set cells with ruled edges. Column widths come from
// the content (HTML auto-layout: each column between its longest unbreakable piece and
// its single-line width, within the column's min/max), cell text is broken by the same
// line breaker as paragraphs. Pagination (paginate.cpp) draws rows page by page.
#include <algorithm>
#include <optional>

#include "typeset/stages.h"

namespace tws::typeset::detail {

namespace {

struct Measure {
  double min = 0, max = 0;  // content only, no padding
};

// Longest unbreakable piece and the widest "\n"-separated segment on one line.
Measure measure(const Cell& cell, const std::string& role, double size, const FontSet& fonts,
                std::vector<std::string>& problems) {
  Run run = itemize(cell.text, role, size, size, fonts);
  problems.insert(problems.end(), run.problems.begin(), run.problems.end());
  const auto& c = run.chars;
  auto allowed = break_opportunities(c, {});
  Measure m;
  double piece = 0, seg = 0;
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (c[i].cls == Cls::Newline) {
      m.max = std::max(m.max, seg);
      seg = piece = 0;
      continue;
    }
    if (allowed[i]) piece = 0;
    double w = c[i].advance;
    bool at_end = i + 1 == c.size() || allowed[i + 1];
    if (at_end && (c[i].cls == Cls::Comma || c[i].cls == Cls::Stop || c[i].cls == Cls::Close))
      w -= c[i].sq_right;  // a mark ending a line takes ½ em
    if (c[i].cls != Cls::Space || !at_end) piece += w;
    seg += c[i].advance;
    m.min = std::max(m.min, piece);
  }
  m.max = std::max({m.max, seg, m.min});
  return m;
}

std::string cell_role(const Table& t, std::size_t r, const Cell& cell) {
  if (!cell.role.empty()) return cell.role;
  return int(r) < t.header_rows ? t.header_role : t.role;
}

// Widths from content. Each column's lower bound is what its cells need to stay on one
// line when they are short (data cells up to kKeepWhole em: names, departments,
// titles) or their longest unbreakable piece (header cells, long text); its upper bound
// the single-line width. Short columns get their full width first (water-filling), the
// long ones share what is left and wrap; if all fit, the table is stretched to W.
constexpr double kKeepWhole = 6;  // em of the table's size

std::vector<double> column_widths(const Table& t, std::size_t ncols, double W,
                                  const std::vector<std::vector<Measure>>& m) {
  std::vector<double> lo(ncols, 0), hi(ncols, 0);
  std::vector<std::vector<double>> levels(ncols);  // single-line widths of the cells
  const double pad = 2 * t.pad_x;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    std::size_t col = 0;
    for (std::size_t k = 0; k < t.rows[r].size() && col < ncols; ++k) {
      int span = std::max(1, t.rows[r][k].colspan);
      if (span == 1) {
        const Measure& cm = m[r][k];
        double keep = int(r) < t.header_rows ? cm.min
                                             : std::min(cm.max, std::max(cm.min, kKeepWhole * t.size));
        lo[col] = std::max(lo[col], keep + pad);
        hi[col] = std::max(hi[col], cm.max + pad);
        levels[col].push_back(cm.max + pad);
      }
      col += std::size_t(span);
    }
  }
  std::vector<bool> capped(ncols, false);
  for (std::size_t c = 0; c < ncols && c < t.columns.size(); ++c) {
    const Column& spec = t.columns[c];
    lo[c] = std::max(lo[c], spec.min_width);
    hi[c] = std::max(hi[c], spec.min_width);
    if (spec.max_width > 0) {
      capped[c] = true;
      lo[c] = std::min(lo[c], spec.max_width);
      hi[c] = std::min(hi[c], spec.max_width);
    }
  }
  double sum_lo = 0;
  for (double x : lo) sum_lo += x;
  std::vector<double> w = lo;
  if (sum_lo > W) {  // even the lower bounds overflow: scale down (pieces will be split)
    for (double& x : w) x *= W / sum_lo;
    return w;
  }
  double R = W - sum_lo;
  // Needs met smallest first, whole or not at all (a column that must wrap anyway gains
  // little from a part); what is left goes to the wrapping columns.
  std::vector<std::size_t> open;
  for (std::size_t c = 0; c < ncols; ++c)
    if (hi[c] > lo[c]) open.push_back(c);
  std::sort(open.begin(), open.end(),
            [&](std::size_t a, std::size_t b) { return hi[a] - lo[a] < hi[b] - lo[b]; });
  std::vector<std::size_t> wrapping;
  for (std::size_t c : open) {
    double d = hi[c] - lo[c];
    if (d <= R) w[c] = hi[c], R -= d;
    else wrapping.push_back(c);
  }
  // A wrapping column still gets the width that puts as many of its cells as the room
  // allows on one line (汽车技能大师工作室 whole, only the longer names wrap).
  for (std::size_t c : wrapping) {
    double best = w[c];
    for (double level : levels[c])
      if (level > best && level - w[c] <= R) best = level;
    R -= best - w[c];
    w[c] = best;
  }
  double need = 0;
  for (std::size_t c : wrapping) need += hi[c] - w[c];
  for (std::size_t c : wrapping)
    if (need > 0) w[c] += R * (hi[c] - w[c]) / need;
  if (!wrapping.empty() && need > 0) R = 0;
  if (R > 1e-9) {  // all on one line: stretch the uncapped columns to fill the width
    double share = 0;
    for (std::size_t c = 0; c < ncols; ++c)
      if (!capped[c]) share += w[c];
    for (std::size_t c = 0; c < ncols; ++c)
      if (!capped[c] && share > 0) w[c] += R * w[c] / share;
  }
  return w;
}

// Row r of the table: its cells set in their columns. With `record`, the cells' lines
// get no runs; what they would draw goes to record->drawn_later.
SetRow make_row(const SetTable& st, const Table& t, std::size_t r, const std::vector<Cell>& cells,
                const FontSet& fonts, const PageStyle& style, std::vector<std::string>* warnings,
                SetTable* record) {
  const std::size_t ncols = st.col_x.size() - 1;
  SetRow row;
  std::size_t col = 0;
  for (const Cell& cell : cells) {
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
    std::optional<GlyphSink> sink;
    if (record) sink = record->drawn_later.sink(p.role, fonts);
    SetParagraph sp = set_paragraph(p, fonts, style, sc.w - 2 * t.pad_x, sink ? &*sink : nullptr);
    if (warnings)
      for (auto& wmsg : sp.warnings) warnings->push_back(wmsg);
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

  const std::size_t header = std::size_t(std::max(0, t.header_rows));
  st.lazy = t.rows.size() > header + kLazyRows;
  st.fonts = &fonts;
  st.style = &style;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    if (st.lazy && r >= header) {
      SetRow row = make_row(st, t, r, t.rows[r], fonts, style, &st.warnings, &st);
      std::vector<SetCell>().swap(row.cells);
      row.lazy = true;
      st.rows.push_back(std::move(row));
    } else {
      st.rows.push_back(make_row(st, t, r, t.rows[r], fonts, style, &st.warnings, nullptr));
    }
  }
  return st;
}

// A lazy row's cells, set from the cells kept for it (which go once it is set).
static void set_lazy_row(SetTable& t, std::size_t r) {
  SetRow row = make_row(t, *t.spec, r, t.cells.at(r), *t.fonts, *t.style, nullptr, nullptr);
  row.height = t.rows[r].height;
  t.rows[r] = std::move(row);
  std::vector<Cell>().swap(t.cells[r]);
}

double row_fragment_height(const SetTable& t, std::size_t r, int from, int to) {
  const SetRow& row = t.rows[r];
  if (from == 0 && to >= row.max_lines) return row.height;
  return (to - from) * t.pitch + 2 * t.spec->pad_y;
}

double draw_row(SetTable& t, std::size_t r, int from, int to, double x0, double y,
                bool top_frame, std::vector<Item>& out, bool consume) {
  const Table& spec = *t.spec;
  if (t.rows[r].lazy) set_lazy_row(t, r);
  SetRow& row = t.rows[r];
  const bool whole = from == 0 && to >= row.max_lines;
  const double h = row_fragment_height(t, r, from, to);
  const double W = t.col_x.back();
  if (spec.ruled)
    out.push_back(RuleItem{x0, y, x0 + W, y, top_frame ? spec.frame_width : spec.rule_width, kBlack});
  for (SetCell& cell : row.cells) {
    double lw = cell.col == 0 ? spec.frame_width : spec.rule_width;
    if (spec.ruled) out.push_back(RuleItem{x0 + cell.x, y, x0 + cell.x, y + h, lw, kBlack});
    int n = std::max(0, std::min<int>(to, int(cell.lines.size())) - from);
    double top = y + spec.pad_y;  // split rows: top-aligned
    if (whole && cell.valign == VAlign::Centre) top = y + (h - n * t.pitch) / 2;
    if (whole && cell.valign == VAlign::Bottom) top = y + h - spec.pad_y - n * t.pitch;
    for (int k = 0; k < n; ++k) {
      for (GlyphRun& line_run : cell.lines[std::size_t(from + k)].runs) {
        GlyphRun run = consume ? std::move(line_run) : line_run;
        for (PlacedGlyph& g : run.glyphs) g.x += x0 + cell.x + spec.pad_x;
        run.baseline += top + k * t.pitch;
        out.push_back(std::move(run));
      }
    }
  }
  if (spec.ruled) out.push_back(RuleItem{x0 + W, y, x0 + W, y + h, spec.frame_width, kBlack});
  // A row drawn to its end is done with: its cells go (heights and line counts stay).
  if (consume && to >= row.max_lines) std::vector<SetCell>().swap(row.cells);
  return h;
}

void draw_table_bottom(const SetTable& t, double x0, double y, std::vector<Item>& out) {
  if (t.spec->ruled) out.push_back(RuleItem{x0, y, x0 + t.col_x.back(), y, t.spec->frame_width, kBlack});
}

}  // namespace tws::typeset::detail
