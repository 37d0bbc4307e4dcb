#include "documents/template.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "common/utf8.h"

namespace tws::documents {
namespace fs = std::filesystem;
using namespace typeset;

namespace {

// ---------------------------------------------------------------- expand

struct Expander {
  const std::string& name;

  [[noreturn]] void fail(const std::string& why) const {
    throw TemplateError("文书模板 " + name + " 有误：" + why);
  }

  static const std::string* find_text(const std::vector<const Context*>& stack, const std::string& key) {
    for (auto it = stack.rbegin(); it != stack.rend(); ++it)
      if (auto f = (*it)->text.find(key); f != (*it)->text.end()) return &f->second;
    return nullptr;
  }
  static const std::vector<Context>* find_list(const std::vector<const Context*>& stack, const std::string& key) {
    for (auto it = stack.rbegin(); it != stack.rend(); ++it)
      if (auto f = (*it)->lists.find(key); f != (*it)->lists.end()) return &f->second;
    return nullptr;
  }

  // Position just after the {{/key}} that closes a section opened before `from`.
  std::pair<size_t, size_t> section_end(const std::string& t, size_t from, const std::string& key) const {
    int depth = 1;
    for (size_t p = from; (p = t.find("{{", p)) != std::string::npos;) {
      size_t e = t.find("}}", p);
      if (e == std::string::npos) fail("“{{” 没有配对的 “}}”");
      std::string tag = t.substr(p + 2, e - p - 2);
      if ((tag[0] == '#' || tag[0] == '^') && tag.substr(1) == key) ++depth;
      if (tag[0] == '/' && tag.substr(1) == key && --depth == 0) return {p, e + 2};
      p = e + 2;
    }
    fail("{{#" + key + "}} 没有对应的 {{/" + key + "}}");
  }

  std::string run(const std::string& t, std::vector<const Context*>& stack) const {
    std::string out;
    size_t p = 0;
    while (true) {
      size_t s = t.find("{{", p);
      if (s == std::string::npos) {
        out.append(t, p);
        return out;
      }
      out.append(t, p, s - p);
      size_t e = t.find("}}", s);
      if (e == std::string::npos) fail("“{{” 没有配对的 “}}”");
      std::string tag = t.substr(s + 2, e - s - 2);
      if (tag.empty()) fail("空的 {{}}");
      if (tag[0] == '#' || tag[0] == '^') {
        std::string key = tag.substr(1);
        auto [close, after] = section_end(t, e + 2, key);
        std::string inner = t.substr(e + 2, close - e - 2);
        const auto* list = find_list(stack, key);
        const auto* text = find_text(stack, key);
        if (!list && !text) fail("未知的名称 " + key);
        bool empty = list ? list->empty() : text->empty();
        if (tag[0] == '^') {
          if (empty) out += run(inner, stack);
        } else if (list) {
          for (const Context& item : *list) {
            stack.push_back(&item);
            out += run(inner, stack);
            stack.pop_back();
          }
        } else if (!empty) {
          out += run(inner, stack);
        }
        p = after;
        continue;
      }
      if (tag[0] == '/') fail("多余的 {{" + tag + "}}");
      const auto* text = find_text(stack, tag);
      if (!text) fail("未知的名称 " + tag);
      out += kValueOpen;
      for (char c : *text) out += c == '\n' ? '\x1f' : c == '\r' ? ' ' : c;
      out += kValueClose;
      p = e + 2;
    }
  }
};

// Comments dropped; a section tag alone on its line takes the line with it.
std::string preprocess(const std::string& t) {
  std::string out;
  std::istringstream in(t);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line[0] == '#') continue;
    std::string trimmed = line;
    trimmed.erase(0, trimmed.find_first_not_of(" \t"));
    trimmed.erase(trimmed.find_last_not_of(" \t") + 1);
    if (trimmed.size() > 4 && trimmed.rfind("{{", 0) == 0 && trimmed.find("}}") == trimmed.size() - 2 &&
        (trimmed[2] == '#' || trimmed[2] == '^' || trimmed[2] == '/')) {
      out += trimmed;
      continue;
    }
    out += line + "\n";
  }
  return out;
}

// ---------------------------------------------------------------- parse helpers

// Splits on `sep` outside value markers.
std::vector<std::string> split_outside(const std::string& s, char sep) {
  std::vector<std::string> parts(1);
  bool in_value = false;
  for (char c : s) {
    if (c == kValueOpen) in_value = true;
    if (c == kValueClose) in_value = false;
    if (c == sep && !in_value) parts.emplace_back();
    else parts.back() += c;
  }
  return parts;
}

std::string trim(std::string s) {
  s.erase(0, s.find_first_not_of(" \t"));
  s.erase(s.find_last_not_of(" \t") + 1);
  return s;
}

// Markers removed; line breaks inside values restored.
std::string clean(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == kValueOpen || c == kValueClose) continue;
    out += c == '\x1f' ? '\n' : c;
  }
  return out;
}

std::map<std::string, std::string> options(const std::string& s) {
  std::map<std::string, std::string> o;
  std::istringstream in(s);
  for (std::string w; in >> w;) {
    auto eq = w.find('=');
    if (eq == std::string::npos) o[w] = "";
    else o[w.substr(0, eq)] = w.substr(eq + 1);
  }
  return o;
}

// Width of a line of body text in grid cells (3号 full-width character = 1).
double cells(const std::string& s, const FontSet& fonts, const PageStyle& st) {
  double w = 0;
  for (size_t i = 0; i < s.size();) {
    bool ok;
    char32_t cp = decode_utf8(s, i, ok);
    int f = fonts.face_for(kBody, cp);
    double em = f < 0 ? 1 : fonts.advance_em(f, cp);
    w += em >= 0.9 ? 1 : em * st.body_size / st.char_pitch();
  }
  return w;
}

// A template's “\n” (backslash, n) in a cell, outside the values, as a line break.
std::string cell_breaks(const std::string& s) {
  std::string out;
  bool in_value = false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == kValueOpen) in_value = true;
    if (s[i] == kValueClose) in_value = false;
    if (!in_value && s[i] == '\\' && i + 1 < s.size() && s[i + 1] == 'n') {
      out += '\x1f';
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

// A paragraph's own type before its text (@p, @centre, @right, @to, @title), e.g.
// “{size=30 role=title red line=44 indent=0}”: taken off `rest`. Other lines: none.
template <class Fail>
std::map<std::string, std::string> paragraph_style(const std::string& kw, std::string& rest, Fail fail) {
  if (rest.empty() || rest[0] != '{' || (kw != "p" && kw != "centre" && kw != "right" && kw != "to" && kw != "title"))
    return {};
  const size_t e = rest.find('}');
  if (e == std::string::npos) fail("段落选项缺少 “}”：" + clean(rest));
  auto o = options(rest.substr(1, e - 1));
  rest = trim(rest.substr(e + 1));
  for (auto& [k, v] : o)
    if (k != "size" && k != "role" && k != "red" && k != "line" && k != "indent") fail("未知的段落选项 " + k);
  if (o.count("role") && o["role"] != kTitle && o["role"] != kBody && o["role"] != kHeading1 && o["role"] != kHeading2)
    fail("未知的字体角色 " + o["role"]);
  return o;
}

// The options of paragraph_style() applied: size and line pitch in pt, the first-line
// indent in characters, the font role, red.
void styled(Paragraph& p, const std::map<std::string, std::string>& o) {
  if (auto it = o.find("size"); it != o.end()) p.size = std::stod(it->second);
  if (auto it = o.find("line"); it != o.end()) p.line_pitch = std::stod(it->second);
  if (auto it = o.find("indent"); it != o.end()) p.first_indent = std::stod(it->second);
  if (auto it = o.find("role"); it != o.end()) p.role = it->second;
  if (o.count("red")) p.color = kRed;
}

Paragraph plain(std::string text, Align align) {
  Paragraph p = body(std::move(text));
  p.align = align;
  p.first_indent = 0;
  return p;
}

}  // namespace

std::string expand(const std::string& tmpl, const Context& ctx, const std::string& template_name) {
  Expander x{template_name};
  std::vector<const Context*> stack{&ctx};
  return x.run(preprocess(tmpl), stack);
}

std::string load_template(const fs::path& dir, const std::string& name) {
  fs::path f = dir / (name + ".txt");
  std::ifstream in(f, std::ios::binary);
  if (!in) throw TemplateError("找不到文书模板 " + f.string());
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

Parsed parse(const std::string& expanded, const FontSet& fonts, const PageStyle& st, const ParseOptions& opt,
             const std::string& template_name) {
  auto fail = [&](const std::string& why) -> void { throw TemplateError("文书模板 " + template_name + " 有误：" + why); };
  // Directive lines, continuation lines joined.
  std::vector<std::string> directives;
  {
    std::istringstream in(expanded);
    for (std::string line; std::getline(in, line);) {
      std::string t = trim(line);
      if (t.empty()) continue;
      if (t[0] == '@') directives.push_back(t);
      else if (directives.empty()) fail("第一行应以 @ 开头：" + clean(t));
      else directives.back() += t;
    }
  }
  Parsed out;
  Table* table = nullptr;
  Chart* chart = nullptr;
  auto& blocks = out.blocks;
  for (const std::string& line : directives) {
    size_t sp = line.find(' ');
    std::string kw = line.substr(1, sp == std::string::npos ? std::string::npos : sp - 1);
    std::string rest = sp == std::string::npos ? "" : trim(line.substr(sp + 1));
    if (kw != "th" && kw != "tr") table = nullptr;
    if (kw != "cat" && kw != "series") chart = nullptr;
    const std::map<std::string, std::string> own = paragraph_style(kw, rest, fail);
    auto para = [&](Paragraph p) {
      styled(p, own);
      p.origin = opt.origin;
      blocks.push_back(std::move(p));
    };
    if (kw == "banner") {
      // GB/T 9704 §7.2.3: the 标志's top edge 35 mm below the 版心's top edge.
      blocks.push_back(Space{mm(35)});
      Paragraph b = plain(clean(rest), Align::Centre);
      b.role = kTitle;
      b.size = 50;
      b.color = kRed;
      b.shrink_to_fit = true;
      b.line_pitch = b.size * 1.2;
      if (opt.preprinted) blocks.push_back(Space{b.line_pitch});
      else para(b);
    } else if (kw == "masthead") {
      // 简报 报头: red, 初号 title face, centred, condensed to the block width if need be.
      Paragraph b = plain(clean(rest), Align::Centre);
      b.role = kTitle;
      b.size = 42;
      b.color = kRed;
      b.shrink_to_fit = true;
      b.line_pitch = b.size * 1.3;
      para(b);
    } else if (kw == "docno") {
      out.docnos.push_back(clean(rest));
      Paragraph p = plain(clean(rest), Align::Centre);
      p.keep_whole.push_back(p.text);
      para(p);
    } else if (kw == "redrule") {
      // GB/T 9704 §7.2.5: the line's top edge 4 mm below the 发文字号's characters (the
      // bottom of their em box, which ends `size` below the top of their grid line), not
      // 4 mm below the grid line; the next block then starts right under the line.
      double below_text = 0;
      if (const auto* p = blocks.empty() ? nullptr : std::get_if<Paragraph>(&blocks.back()))
        below_text = (p->line_pitch > 0 ? p->line_pitch : st.line_pitch()) - p->size;
      Rule r{mm(0.5), kRed, mm(4) - below_text, 0, 0, 0};
      if (opt.preprinted) blocks.push_back(Space{r.thickness + r.space_before + r.space_after});
      else blocks.push_back(r);
    } else if (kw == "title" || kw == "atitle") {
      std::string text;
      std::vector<size_t> hints;
      auto parts = split_outside(rest, '|');
      for (size_t i = 0; i < parts.size(); ++i) {
        if (i) hints.push_back(text.size());
        text += clean(trim(parts[i]));
      }
      if (kw == "title" && out.title.empty()) out.title = text;
      Paragraph p = title(text, hints);
      para(p);
    } else if (kw == "to") {
      para(plain(clean(rest), Align::Left));
    } else if (kw == "p") {
      // A one-line paragraph that introduces what follows (“按部门汇总：”) is never the
      // last thing on a page: at most 26 characters (a body line less its indent).
      Paragraph p = body(clean(rest));
      std::size_t chars = 0;
      char32_t last = 0;
      bool ok = true;
      for (std::size_t i = 0; i < p.text.size(); ++chars) last = decode_utf8(p.text, i, ok);
      p.keep_with_next = last == U'：' && chars <= 26;
      para(p);
    } else if (kw == "h1" || kw == "h2" || kw == "h3" || kw == "h4") {
      para(heading(kw[1] - '0', clean(rest)));
    } else if (kw == "note") {
      // 附件说明 (GB/T 9704 §7.3.6): “附件：name”, continuation lines under the name;
      // several, “附件：1．A|2．B”: each item under the first, its lines under its name
      // (“1．” is 1½ characters).
      const auto items = split_outside(rest, '|');
      for (std::size_t i = 0; i < items.size(); ++i) {
        Paragraph p = body(clean(trim(items[i])));
        p.align = Align::Left;
        p.left_indent = items.size() == 1 ? 5 : 6.5;
        p.first_indent = items.size() == 1 ? -3 : i == 0 ? -4.5 : -1.5;
        para(p);
      }
    } else if (kw == "signature") {
      auto parts = split_outside(rest, '|');
      if (parts.size() != 2) fail("@signature 应为 “署名 | 日期”");
      std::string name = clean(trim(parts[0])), date = clean(trim(parts[1]));
      out.dates.push_back(date);
      double wn = cells(name, fonts, st), wd = cells(date, fonts, st);
      double n_right = std::max(2.0, 4 + wd - wn);
      double d_right = std::max(2.0, double(st.chars_per_line) - (double(st.chars_per_line) - n_right - wn + 2) - wd);
      Paragraph n = plain(name, Align::Right);
      n.right_indent = n_right;
      n.keep_with_next = true;
      Paragraph d = plain(date, Align::Right);
      d.right_indent = d_right;
      d.keep_whole.push_back(date);
      para(n);
      para(d);
    } else if (kw == "right") {
      Paragraph p = plain(clean(rest), Align::Right);
      p.right_indent = 2;
      para(p);
    } else if (kw == "centre") {
      para(plain(clean(rest), Align::Centre));
    } else if (kw == "label") {
      Paragraph p = plain(clean(rest), Align::Left);
      p.role = kHeading1;
      para(p);
    } else if (kw == "heading") {
      Paragraph p = plain(clean(rest), Align::Centre);
      p.role = kHeading1;
      p.keep_with_next = true;
      para(p);
    } else if (kw == "space") {
      double n = rest.empty() ? 1 : std::stod(rest);
      blocks.push_back(lines(n, st));
    } else if (kw == "fill") {
      blocks.push_back(fill());
    } else if (kw == "pagebreak") {
      blocks.push_back(PageBreak{});
    } else if (kw == "colophon") {
      auto parts = split_outside(rest, '|');
      if (parts.size() != 2) fail("@colophon 应为 “印发机关 | 印发日期”");
      std::string date = clean(trim(parts[1]));
      out.dates.push_back(date);
      out.colophon_block = int(blocks.size());
      blocks.push_back(fill());
      blocks.push_back(Rule{mm(0.35), kBlack, 0, mm(1), 0, 0});
      Table t;
      t.ruled = false;
      t.size = kSize4;
      t.pad_x = kSize4;  // one character in from each side
      t.pad_y = mm(1.5);
      t.header_rows = 0;
      t.columns = {Column{0, 0, Align::Left}, Column{0, 0, Align::Right}};
      t.rows.push_back({Cell{clean(trim(parts[0]))}, Cell{date + "印发"}});
      t.origin = opt.origin;
      blocks.push_back(t);
      blocks.push_back(Rule{mm(0.35), kBlack, 0, 0, 0, 0});
    } else if (kw == "distribution") {
      // 简报 版记 at the page foot: one line per part (报：… 送：…), 四号, between rules
      // (the outer ones 0.35 mm, those between 0.25 mm).
      blocks.push_back(fill());
      auto parts = split_outside(rest, '|');
      for (std::size_t i = 0; i < parts.size(); ++i) {
        blocks.push_back(Rule{mm(i == 0 ? 0.35 : 0.25), kBlack, 0, 0, 0, 0});
        Table t;
        t.ruled = false;
        t.size = kSize4;
        t.pad_x = kSize4;
        t.pad_y = mm(1.5);
        t.header_rows = 0;
        t.columns = {Column{0, 0, Align::Left}};
        t.rows.push_back({Cell{clean(trim(parts[i]))}});
        t.origin = opt.origin;
        blocks.push_back(t);
      }
      blocks.push_back(Rule{mm(0.35), kBlack, 0, 0, 0, 0});
    } else if (kw == "chart") {
      // @chart [height=MM] | title | value axis title; then @cat and @series lines.
      auto parts = split_outside(rest, '|');
      if (parts.size() != 3) fail("@chart 应为 “选项 | 图题 | 数值轴标题”");
      Chart c;
      auto o = options(clean(parts[0]));
      if (o.count("height")) c.height = mm(std::stod(o["height"]));
      c.title = clean(trim(parts[1]));
      c.y_title = clean(trim(parts[2]));
      c.origin = opt.origin;
      blocks.push_back(c);
      chart = &std::get<Chart>(static_cast<BlockVariant&>(blocks.back()));
    } else if (kw == "cat" || kw == "series") {
      if (!chart) fail("@" + kw + " 前没有 @chart");
      auto parts = split_outside(rest, '|');
      std::vector<std::string> cells;
      for (std::size_t i = 1; i < parts.size(); ++i) cells.push_back(clean(trim(parts[i])));
      if (kw == "cat") {
        chart->x_title = clean(trim(parts[0]));
        chart->categories = cells;
      } else {
        ChartSeries series{clean(trim(parts[0])), {}, cells};
        for (const std::string& c : cells) {
          std::string digits;
          for (char ch : c)
            if (ch != ',') digits += ch;
          try {
            series.values.push_back(std::stod(digits));
          } catch (const std::exception&) {
            fail("@series 的数值“" + c + "”不是数字");
          }
        }
        if (series.values.size() != chart->categories.size()) fail("@series " + series.name + " 的数值个数与 @cat 的类别数不同");
        chart->series.push_back(std::move(series));
      }
    } else if (kw == "table") {
      Table t;
      auto o = options(clean(rest));
      t.size = o.count("size") ? std::stod(o["size"]) : 12;
      t.pad_y = mm(1.0);
      t.header_rows = 0;
      t.split_rows = o.count("split") > 0;
      t.ruled = o.count("plain") == 0;
      t.keep_together = o.count("keep") > 0;
      if (o.count("align"))
        for (auto& a : split_outside(o["align"], ','))
          t.columns.push_back(Column{0, 0, a == "l" ? Align::Left : a == "r" ? Align::Right : Align::Centre});
      for (const char* key : {"minw", "w"})
        if (o.count(key)) {  // column widths in mm: minimum, or fixed (w=)
          auto w = split_outside(o[key], ',');
          if (t.columns.size() < w.size()) t.columns.resize(w.size(), Column{0, 0, Align::Centre});
          for (size_t i = 0; i < w.size(); ++i) {
            t.columns[i].min_width = mm(std::stod(w[i]));
            if (key[0] == 'w') t.columns[i].max_width = t.columns[i].min_width;
          }
        }
      t.origin = opt.origin;
      blocks.push_back(t);
      table = &std::get<Table>(static_cast<BlockVariant&>(blocks.back()));
    } else if (kw == "th" || kw == "tr") {
      if (!table) fail("@" + kw + " 前没有 @table");
      std::vector<Cell> row;
      for (auto& raw : split_outside(rest, '|')) {
        std::string c = trim(raw);
        Cell cell;
        if (!c.empty() && c[0] == '{') {
          size_t e = c.find('}');
          if (e == std::string::npos) fail("单元格选项缺少 “}”：" + clean(c));
          auto o = options(c.substr(1, e - 1));
          c = trim(c.substr(e + 1));
          if (o.count("span")) cell.colspan = std::stoi(o["span"]);
          if (o.count("left")) cell.align = Align::Left;
          if (o.count("right")) cell.align = Align::Right;
          if (o.count("centre")) cell.align = Align::Centre;
          if (o.count("bold")) cell.role = std::string(kHeading1);
          if (o.count("h")) cell.min_height = mm(std::stod(o["h"]));
          if (o.count("bottom")) cell.valign = VAlign::Bottom;
          if (o.count("top")) cell.valign = VAlign::Top;
        }
        cell.text = clean(cell_breaks(c));
        row.push_back(std::move(cell));
      }
      if (kw == "th") {
        if (table->header_rows != int(table->rows.size())) fail("@th 应在 @tr 之前");
        ++table->header_rows;
      }
      table->rows.push_back(std::move(row));
    } else {
      fail("未知的指令 @" + kw);
    }
    out.kinds.resize(blocks.size(), kw);
  }
  for (Block& b : blocks)
    if (auto* t = std::get_if<Table>(&static_cast<BlockVariant&>(b))) {
      size_t n = 0;
      for (auto& row : t->rows) {
        size_t w = 0;
        for (auto& c : row) w += size_t(std::max(1, c.colspan));
        n = std::max(n, w);
      }
      if (t->columns.size() < n) t->columns.resize(n, Column{0, 0, Align::Centre});
    }
  return out;
}

}  // namespace tws::documents
