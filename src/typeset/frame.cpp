// Stage 8 — frames as text: a dump of every item (positions in mm, so GB/T 9704 figures
// can be read off directly) and the page's text by lines, for tests without PDF bytes.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "typeset/stages.h"

namespace tws::typeset {

std::string GlyphRun::text() const {
  std::string s;
  for (const auto& g : glyphs) detail::append_utf8(s, g.cp);
  return s;
}

namespace {

std::string fmt(const char* f, double a) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, a);
  return buf;
}
std::string mmv(double pt) { return fmt("%.2f", to_mm(pt)); }
std::string rgb(const Rgb& c) {
  return "rgb(" + fmt("%g", c.r) + "," + fmt("%g", c.g) + "," + fmt("%g", c.b) + ")";
}

struct DumpItem {
  const FontSet& fonts;
  std::string operator()(const GlyphRun& r) const {
    std::string s = "run " + r.role + " " + fonts.face(r.face).postscript_name + " " +
                    fmt("%g", r.size) + "pt";
    if (r.hscale != 1) s += " hscale=" + fmt("%.3f", r.hscale);
    if (!(r.color == kBlack)) s += " " + rgb(r.color);
    s += " y=" + mmv(r.baseline);
    if (!r.glyphs.empty())
      s += " x=" + mmv(r.glyphs.front().x) + ".." +
           mmv(r.glyphs.back().x + r.glyphs.back().advance);
    s += " \"" + r.text() + "\"";
    int narrow = int(std::count_if(r.glyphs.begin(), r.glyphs.end(),
                                   [](const PlacedGlyph& g) { return g.narrow; }));
    if (narrow) s += " narrow=" + std::to_string(narrow);
    return s;
  }
  std::string operator()(const RuleItem& r) const {
    return "rule (" + mmv(r.x1) + "," + mmv(r.y1) + ")-(" + mmv(r.x2) + "," + mmv(r.y2) +
           ") w=" + mmv(r.width) + "mm " + rgb(r.color);
  }
  std::string operator()(const BoxItem& b) const {
    std::string s = "box x=" + mmv(b.x) + " y=" + mmv(b.y) + " w=" + mmv(b.w) + " h=" + mmv(b.h);
    if (b.stroke) s += " stroke=" + rgb(*b.stroke) + " lw=" + mmv(b.line_width) + "mm";
    if (b.fill) s += " fill=" + rgb(*b.fill);
    return s;
  }
};

}  // namespace

std::string dump(const Page& page, const FontSet& fonts) {
  std::string s = "page " + mmv(page.width) + "x" + mmv(page.height) + "mm";
  if (page.number) s += " number=" + std::to_string(page.number);
  s += "\n";
  for (const Item& it : page.items) s += std::visit(DumpItem{fonts}, it) + "\n";
  return s;
}

std::string dump(const std::vector<Page>& pages, const FontSet& fonts) {
  std::string s;
  for (const Page& p : pages) s += dump(p, fonts);
  return s;
}

std::vector<std::string> page_lines(const Page& page) {
  // baseline (rounded to 0.5 pt) → (x, text) pieces
  struct Piece {
    double x, end, size;
    std::string text;
    bool operator<(const Piece& o) const { return x < o.x; }
  };
  std::map<long, std::vector<Piece>> rows;
  for (const Item& it : page.items) {
    const auto* r = std::get_if<GlyphRun>(&it);
    if (!r || r->glyphs.empty()) continue;
    long key = std::lround(r->baseline * 2);
    auto found = rows.end();
    for (long k : {key - 1, key, key + 1})
      if (auto f = rows.find(k); f != rows.end()) found = f;
    auto& row = found != rows.end() ? found->second : rows[key];
    row.push_back(Piece{r->glyphs.front().x, r->glyphs.back().x + r->glyphs.back().advance,
                        r->size, r->text()});
  }
  std::vector<std::string> out;
  for (auto& [k, pieces] : rows) {
    std::sort(pieces.begin(), pieces.end());
    std::string s;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      // Separate pieces farther apart than a character (table cells).
      if (i > 0 && pieces[i].x - pieces[i - 1].end > pieces[i].size) s += " ";
      s += pieces[i].text;
    }
    out.push_back(s);
  }
  return out;
}

}  // namespace tws::typeset
