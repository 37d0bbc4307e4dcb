// Stage 6 (beside tables) — charts: Chart → vector items relative to the chart's
// top-left corner. From the top: the chart's title; the value axis's title on the left
// and the legend on the right; the plot (grid lines at round steps, the bars, the axes,
// the category axis's title at its right end); the category labels under the bars. Every label is text in the
// chart's role, set by set_paragraph like any other text, so the PDF carries it as text.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "typeset/stages.h"

namespace tws::typeset::detail {

namespace {

// Series colours in order: a dark red, a blue, a grey, then two more for longer legends.
constexpr Rgb kPalette[] = {{0.76, 0.16, 0.16}, {0.26, 0.45, 0.70}, {0.62, 0.62, 0.62}, {0.90, 0.62, 0.20},
                            {0.33, 0.60, 0.33}};
constexpr Rgb kGridColour{0.82, 0.82, 0.82};
constexpr Rgb kWhite{1, 1, 1};

Rgb series_colour(std::size_t i) { return kPalette[i % std::size(kPalette)]; }

// White text on a dark bar, black on a light one.
Rgb text_on(const Rgb& c) { return 0.30 * c.r + 0.59 * c.g + 0.11 * c.b < 0.55 ? kWhite : kBlack; }

// 12000 → "12,000"; 2.5 → "2.50".
std::string number_text(double v) {
  const long long n = std::llround(v);
  if (std::fabs(v - double(n)) > 1e-6) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
  }
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

// The grid's step: 1, 2 or 5 × 10^k, giving at most about five lines; whole numbers
// when every value is one (counts, yuan).
double grid_step(double max, bool whole) {
  if (max <= 0) return 1;
  const double raw = max / 4, mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = 10 * mag;
  for (double m : {1.0, 2.0, 5.0})
    if (m * mag >= raw - 1e-9) {
      step = m * mag;
      break;
    }
  return whole ? std::max(step, 1.0) : step;
}

// Labels of one chart: text set in its role and size, placed by their top-left corner.
class Labels {
 public:
  Labels(const Chart& c, const FontSet& fonts, const PageStyle& style, SetChart& out)
      : c_(c), fonts_(fonts), style_(style), out_(out) {}

  double line_height() const { return c_.size * 1.25; }

  // The lines of `text` in `width` (table-cell breaking: between words).
  std::vector<SetLine> set(const std::string& text, double width, Align align, Rgb colour = kBlack) {
    Paragraph p;
    p.text = text;
    p.role = c_.role;
    p.size = c_.size;
    p.color = colour;
    p.align = align;
    p.first_indent = 0;
    p.char_pitch = c_.size;
    p.line_pitch = line_height();
    SetParagraph sp = set_paragraph(p, fonts_, style_, width, Breaking::Cell);
    for (auto& m : sp.problems) out_.problems.push_back(c_.origin.empty() ? m : c_.origin + "：" + m);
    return std::move(sp.lines);
  }
  // The natural width of a one-line text.
  double width(const std::string& text) {
    double w = 0;
    for (const SetLine& l : set(text, 1e5, Align::Left))
      for (const GlyphRun& r : l.runs)
        if (!r.glyphs.empty()) w = std::max(w, r.glyphs.back().x + r.glyphs.back().advance);
    return w;
  }
  // Lines placed from (x, y) downwards.
  void place(const std::vector<SetLine>& lines, double x, double y) {
    for (const SetLine& l : lines) {
      for (GlyphRun r : l.runs) {
        for (PlacedGlyph& g : r.glyphs) g.x += x;
        r.baseline += y;
        out_.items.push_back(std::move(r));
      }
      y += l.pitch;
    }
  }
  // One line of text, its em box centred on y, in [x, x + w] aligned as asked.
  void line(const std::string& text, double x, double w, double y, Align align, Rgb colour = kBlack) {
    place(set(text, w, align, colour), x, y - c_.size / 2);
  }

 private:
  const Chart& c_;
  const FontSet& fonts_;
  const PageStyle& style_;
  SetChart& out_;
};

double bar_total(const Chart& c, std::size_t i) {
  double t = 0;
  for (const ChartSeries& s : c.series) t += i < s.values.size() ? std::max(0.0, s.values[i]) : 0;
  return t;
}

// The legend, right-aligned on the row centred at y: a swatch and the name per series.
void legend(const Chart& c, Labels& text, double width, double y, SetChart& out) {
  const double swatch = c.size * 0.75, gap = c.size * 0.3, between = c.size;
  std::vector<double> widths;
  double total = 0;
  for (const ChartSeries& s : c.series) {
    widths.push_back(text.width(s.name));
    total += swatch + gap + widths.back() + (widths.size() > 1 ? between : 0);
  }
  double x = width - total;
  for (std::size_t i = 0; i < c.series.size(); ++i) {
    if (i) x += between;
    out.items.push_back(BoxItem{x, y - swatch / 2, swatch, swatch, 0, std::nullopt, series_colour(i)});
    x += swatch + gap;
    text.line(c.series[i].name, x, widths[i] + 1, y, Align::Left);
    x += widths[i];
  }
}

}  // namespace

SetChart set_chart(const Chart& c, const FontSet& fonts, const PageStyle& style, double width) {
  SetChart out;
  out.height = c.height;
  Labels text(c, fonts, style, out);
  const std::size_t n = c.categories.size();
  const double lh = text.line_height();

  // Scale: the tallest bar, grid lines at round steps up to it.
  double max = 0;
  bool whole = true;
  for (std::size_t i = 0; i < n; ++i) max = std::max(max, bar_total(c, i));
  for (const ChartSeries& s : c.series)
    for (double v : s.values) whole = whole && std::fabs(v - std::round(v)) < 1e-6;
  const double step = grid_step(max, whole);
  const double top = std::max(step, step * std::ceil(max / step - 1e-9));

  // Columns: the grid's numbers, the plot, the category axis's title at its end.
  double ticks_w = 0;
  for (double v = 0; v <= top + 1e-9; v += step) ticks_w = std::max(ticks_w, text.width(number_text(v)));
  const double x0 = ticks_w + 4, x1 = width - (c.x_title.empty() ? 2 : text.width(c.x_title) + 6);
  const double slot = n ? (x1 - x0) / double(n) : 0, bar = std::min(slot * 0.5, mm(16));
  std::vector<std::vector<SetLine>> names;
  std::size_t name_lines = 1;
  for (const std::string& name : c.categories) {
    names.push_back(text.set(name, slot - 2, Align::Centre));
    name_lines = std::max(name_lines, names.back().size());
  }
  // Rows: the title, the value axis's title with the legend, room for the value labels
  // over the tallest bar, the plot, the category labels.
  const double title_h = c.title.empty() ? 0 : c.title_size * 1.5, row = lh * 1.2;
  const double y0 = title_h + row + lh, y1 = c.height - double(name_lines) * lh - 8;
  auto y_of = [&](double v) { return y1 - v / top * (y1 - y0); };

  if (!c.title.empty()) {
    Chart t = c;
    t.role = c.title_role;
    t.size = c.title_size;
    Labels title(t, fonts, style, out);
    title.line(c.title, 0, width, title_h / 2, Align::Centre);
  }
  text.line(c.y_title, 0, width / 2, title_h + row / 2, Align::Left);
  legend(c, text, width, title_h + row / 2, out);
  for (double v = 0; v <= top + 1e-9; v += step) {
    if (v > 0) out.items.push_back(RuleItem{x0, y_of(v), x1, y_of(v), 0.4, kGridColour});
    text.line(number_text(v), 0, x0 - 3, y_of(v), Align::Right);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const double bx = x0 + slot * (double(i) + 0.5) - bar / 2;
    double y = y1;
    for (std::size_t k = 0; k < c.series.size(); ++k) {
      const ChartSeries& s = c.series[k];
      const double v = i < s.values.size() ? std::max(0.0, s.values[i]) : 0;
      const double h = y1 - y_of(v);
      if (h <= 0) continue;
      out.items.push_back(BoxItem{bx, y - h, bar, h, 0, std::nullopt, series_colour(k)});
      const std::string label = i < s.labels.size() ? s.labels[i] : number_text(v);
      if (c.series.size() > 1 && h >= c.size * 1.15 && text.width(label) <= bar - 2)
        text.line(label, bx, bar, y - h / 2, Align::Centre, text_on(series_colour(k)));
      y -= h;
    }
    std::string over = c.series.size() == 1 && i < c.series[0].labels.size() ? c.series[0].labels[i]
                                                                            : number_text(bar_total(c, i));
    text.line(over, x0 + slot * double(i), slot, y - 2 - c.size / 2, Align::Centre);
    text.place(names[i], x0 + slot * double(i) + 1, y1 + 3);
  }
  out.items.push_back(RuleItem{x0, y0 - lh / 2, x0, y1, 0.6, kBlack});
  out.items.push_back(RuleItem{x0, y1, x1, y1, 0.6, kBlack});
  if (!c.x_title.empty()) text.line(c.x_title, x1 + 4, width - x1 - 4, y1, Align::Left);
  return out;
}

}  // namespace tws::typeset::detail
