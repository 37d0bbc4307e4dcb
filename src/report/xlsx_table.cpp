#include "report/xlsx_table.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <stdexcept>

#include "common/atomic_file.h"
#include "common/errors.h"
#include "common/diagnostic.h"

namespace tws::report {

// ───────────────────────────── layout helpers ─────────────────────────────

bool TableSheet::grouped() const {
  return std::any_of(columns.begin(), columns.end(), [](const Column& c) { return !c.group.empty(); });
}

std::string cell_ref(uint32_t row, uint32_t col, bool absolute) {
  const std::string d = absolute ? "$" : "";
  return d + column_name(static_cast<int>(col) + 1) + d + std::to_string(row + 1);
}

std::string quoted_sheet(const std::string& name) {
  std::string q = "'";
  for (char c : name) q += c == '\'' ? std::string("''") : std::string(1, c);
  return q + "'";
}

std::string column_range(const TableSheet& t, size_t col, bool absolute) {
  if (t.rows.empty()) return "";
  const auto c = static_cast<uint32_t>(col);
  return cell_ref(t.first_data_row(), c, absolute) + ":" + cell_ref(t.totals_row() - 1, c, absolute);
}

double number_of(const Value& v) {
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* f = std::get_if<Formula>(&v)) return f->cached;
  return 0;
}

Formula column_sum(const TableSheet& t, size_t col) {
  if (t.rows.empty()) return {"0", 0};
  double sum = 0;
  for (const auto& r : t.rows)
    if (col < r.size()) sum += number_of(r[col]);
  return {"SUM(" + column_range(t, col) + ")", sum};
}

Formula column_count(const TableSheet& t, size_t col, const std::string& what) {
  if (t.rows.empty()) return {"0", 0};
  double n = 0;
  for (const auto& r : t.rows)
    if (col < r.size())
      if (auto* s = std::get_if<std::string>(&r[col]); s && *s == what) ++n;
  return {"COUNTIF(" + column_range(t, col) + ",\"" + what + "\")", n};
}

constexpr size_t kMaxStringBytes = 32000;  // ≤ 32,000 characters whatever the encoding
std::string cell_text(const std::string& s) {
  if (s.size() <= kMaxStringBytes) return s;
  size_t cut = kMaxStringBytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "…";
}

const Value* value_at(const TableSheet& t, uint32_t row, uint32_t col, Value& scratch) {
  if (!t.title.empty() && row == 0) {
    scratch = col == 0 ? Value(t.title) : Value{};
    return &scratch;
  }
  if (row >= t.first_header_row() && row <= t.last_header_row()) {
    scratch = Value{};
    if (col < t.columns.size()) {
      const Column& c = t.columns[col];
      if (!t.grouped() || row == t.last_header_row()) scratch = c.header;
      else if (c.group.empty()) scratch = c.header;
      else if (col == 0 || t.columns[col - 1].group != c.group) scratch = c.group;
    }
    return &scratch;
  }
  if (row >= t.first_data_row() && row < t.totals_row()) {
    auto& r = t.rows[row - t.first_data_row()];
    return col < r.size() ? &r[col] : nullptr;
  }
  if (row == t.totals_row() && col < t.totals.size()) return &t.totals[col];
  return nullptr;
}

namespace {

void check(lxw_error err, const std::string& what) {
  if (err != LXW_NO_ERROR) throw std::runtime_error(what + "：" + lxw_strerror(err));
}

// The run's date as the workbook's creation time (00:00 UTC), so the same run gives
// the same bytes; no date (tests) gives 2000-01-01.
time_t epoch_of(const std::string& iso) {
  using namespace std::chrono;
  const Date d = iso.empty() ? make_date(2000, 1, 1) : parse_iso(iso);
  return system_clock::to_time_t(sys_days(d));
}

// The date as libxlsxwriter takes it (worksheet_write_datetime, and the serial number
// a chart's cache holds).
lxw_datetime lxw_date(const Date& d) {
  return {int(d.year()), int(unsigned(d.month())), int(unsigned(d.day())), 0, 0, 0};
}

// template_writer::display_width without its vector of code points: the same UTF-8
// decoding (malformed bytes count as one narrow character each), the same wide ranges
// and the same left-to-right sum, so the same double to the last bit — widths decide
// column widths and row heights (report_workbooks_test compares the two on every BMP code
// point and on malformed input).
bool is_wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2014 && c <= 0x2026) || (c >= 0x2E80 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
         (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || c >= 0x20000;
}

}  // namespace

double text_width(std::string_view s) {
  double w = 0;
  for (size_t i = 0; i < s.size();) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      w += 1.1;
      ++i;
      continue;
    }
    const int len = (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
    char32_t c = len == 1 ? b : b & (0x7F >> len);
    for (int k = 1; k < len && i + k < s.size(); ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    w += is_wide(c) ? 2.1 : 1.1;
    i += len;
  }
  return w;
}

namespace {

// The text a number shows in its column's format (for widths only), in `buf`.
// std::to_chars with a precision prints what printf does with the same conversion.
std::string_view shown(double v, ColumnKind k, char (&buf)[400]) {
  char* const end = buf + sizeof buf;
  std::to_chars_result r{buf, std::errc{}};
  switch (k) {
    case ColumnKind::Integer: r = std::to_chars(buf, end, v, std::chars_format::fixed, 0); break;
    case ColumnKind::Decimal: r = std::to_chars(buf, end, v, std::chars_format::fixed, 1); break;
    case ColumnKind::Score: r = std::to_chars(buf, end, v, std::chars_format::fixed, 2); break;
    case ColumnKind::Percent:
      r = std::to_chars(buf, end - 1, v * 100, std::chars_format::fixed, 1);
      if (r.ec == std::errc{}) *r.ptr++ = '%';
      break;
    case ColumnKind::Money: {
      const long long n = std::llround(v);
      char digits[24];
      auto d = std::to_chars(digits, digits + sizeof digits, n < 0 ? -(unsigned long long)n : (unsigned long long)n);
      const size_t nd = size_t(d.ptr - digits);
      char* p = buf;
      std::memcpy(p, "¥", sizeof "¥" - 1);
      p += sizeof "¥" - 1;
      if (n < 0) *p++ = '-';
      for (size_t i = 0; i < nd; ++i) {
        if (i > 0 && (nd - i) % 3 == 0) *p++ = ',';
        *p++ = digits[i];
      }
      return {buf, size_t(p - buf)};
    }
    case ColumnKind::Date: return "2026年12月31日";
    default: r = std::to_chars(buf, end, v, std::chars_format::general, 10); break;
  }
  if (r.ec != std::errc{}) return "0";
  return {buf, size_t(r.ptr - buf)};
}

}  // namespace

double number_width(double v, ColumnKind k) {
  // text_width of n narrow characters, summed the same way.
  static const auto narrow = [] {
    std::array<double, 32> w{};
    for (size_t n = 1; n < w.size(); ++n) w[n] = w[n - 1] + 1.1;
    return w;
  }();
  // Whole numbers print as their digits (a minus sign for a negative or -0) and the
  // format's fixed decimals; all of it narrow characters.
  const size_t decimals = k == ColumnKind::Integer ? 0 : k == ColumnKind::Decimal ? 2 : k == ColumnKind::Score ? 3 : 99;
  if (decimals != 99 && v > -1e15 && v < 1e15 && v == double(static_cast<long long>(v))) {
    const long long n = static_cast<long long>(v);
    char digits[24];
    const size_t len = size_t(std::to_chars(digits, digits + sizeof digits, n < 0 ? -n : n).ptr - digits);
    return narrow[len + (std::signbit(v) ? 1 : 0) + decimals];
  }
  char buf[400];
  return text_width(shown(v, k, buf));
}

namespace {

// Widest line of a text.
double max_line_width(std::string_view s) {
  double w = 0;
  for (;;) {
    const size_t nl = s.find('\n');
    w = std::max(w, text_width(s.substr(0, nl)));
    if (nl == std::string_view::npos) return w;
    s.remove_prefix(nl + 1);
  }
}

double value_width(const Value& v, ColumnKind k) {
  if (auto* s = std::get_if<std::string>(&v)) return max_line_width(*s);
  if (auto* d = std::get_if<double>(&v)) return number_width(*d, k);
  if (auto* f = std::get_if<Formula>(&v)) return number_width(f->cached, k);
  if (std::holds_alternative<Date>(v)) return number_width(0, ColumnKind::Date);
  return 0;
}

// Width of a header of n ≥ 4 characters on two lines (the wider line), or of the whole
// header when shorter. A header with a bracket breaks before it ("经费" / "（元）"), so a
// wrapped line never holds a bracket's end alone; any other breaks after ceil(n/2).
double half_width(const std::string& s) {
  if (auto open = s.find("（"); open != std::string::npos && open > 0)
    return std::max(text_width(s.substr(0, open)), text_width(s.substr(open)));
  std::vector<std::string> chars;
  for (size_t i = 0; i < s.size();) {
    size_t len = 1;
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0xF0) len = 4;
    else if (c >= 0xE0) len = 3;
    else if (c >= 0xC0) len = 2;
    chars.push_back(s.substr(i, len));
    i += len;
  }
  if (chars.size() < 4) return text_width(s);
  const size_t half = (chars.size() + 1) / 2;
  std::string a, b;
  for (size_t i = 0; i < chars.size(); ++i) (i < half ? a : b) += chars[i];
  return std::max(text_width(a), text_width(b));
}

// Lines a wrapped text takes in a column `width` characters wide.
int lines_for(std::string_view s, double width) {
  const double avail = std::max(1.0, width - 1.2);
  int lines = 0;
  for (;;) {
    const size_t nl = s.find('\n');
    lines += std::max(1, static_cast<int>(std::ceil(text_width(s.substr(0, nl)) / avail - 1e-9)));
    if (nl == std::string_view::npos) break;
    s.remove_prefix(nl + 1);
  }
  return std::max(1, lines);
}

constexpr double kLinePoints = 15.5;  // one line of 11 pt 宋体 (Excel: 14.25) with room for fallback fonts
double height_for(int lines) { return lines * kLinePoints + 4; }

bool centred(ColumnKind k) {
  return k == ColumnKind::Grade || k == ColumnKind::Verdict || k == ColumnKind::YesNo || k == ColumnKind::Date;
}

enum class Role { Body, Muted, Total };

class Formats {
 public:
  Formats(lxw_workbook* wb, std::string font) : wb_(wb), font_(std::move(font)) {
    title = workbook_add_format(wb);
    format_set_font_name(title, font_.c_str());
    format_set_font_size(title, 16);
    format_set_bold(title);
    format_set_align(title, LXW_ALIGN_CENTER);
    format_set_align(title, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(title);
    header = bordered();
    format_set_bold(header);
    format_set_bg_color(header, 0xDDEBF7);
    format_set_text_wrap(header);
    format_set_align(header, LXW_ALIGN_CENTER);
    note = workbook_add_format(wb);
    format_set_font_name(note, font_.c_str());
    format_set_font_size(note, 10);
    format_set_text_wrap(note);
    format_set_align(note, LXW_ALIGN_LEFT);
    format_set_align(note, LXW_ALIGN_VERTICAL_TOP);
    good = fill(0xC6EFCE, 0x006100);
    bad = fill(0xFFC7CE, 0x9C0006);
    amber = fill(0xFFEB9C, 0x9C5700);
    neutral = fill(0xEDEDED, 0x000000);
  }

  lxw_format* cell(ColumnKind k, Role role) {
    auto key = std::make_pair(k, role);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    lxw_format* f = bordered();
    switch (k) {
      case ColumnKind::Integer: format_set_num_format(f, "0"); break;
      case ColumnKind::Decimal: format_set_num_format(f, "0.0"); break;
      case ColumnKind::Score: format_set_num_format(f, "0.00"); break;
      case ColumnKind::Money: format_set_num_format(f, "\"¥\"#,##0"); break;
      case ColumnKind::Percent: format_set_num_format(f, "0.0%"); break;
      case ColumnKind::Date: format_set_num_format(f, "yyyy\"年\"m\"月\"d\"日\""); break;
      case ColumnKind::Text: format_set_text_wrap(f); break;
      default: break;
    }
    if (centred(k)) format_set_align(f, LXW_ALIGN_CENTER);
    if (role == Role::Muted) {
      format_set_font_color(f, 0x808080);
      format_set_font_strikeout(f);
    } else if (role == Role::Total) {
      format_set_bold(f);
      format_set_bg_color(f, 0xF2F2F2);
      format_set_top(f, LXW_BORDER_DOUBLE);
    }
    cache_[key] = f;
    return f;
  }

  lxw_format *title, *header, *note, *good, *bad, *amber, *neutral;

 private:
  lxw_format* bordered() {
    lxw_format* f = workbook_add_format(wb_);
    format_set_font_name(f, font_.c_str());
    format_set_font_size(f, 11);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    return f;
  }
  lxw_format* fill(uint32_t bg, uint32_t fg) {
    lxw_format* x = workbook_add_format(wb_);
    format_set_bg_color(x, bg);
    format_set_font_color(x, fg);
    return x;
  }
  lxw_workbook* wb_;
  std::string font_;
  std::map<std::pair<ColumnKind, Role>, lxw_format*> cache_;
};

void highlight(lxw_worksheet* ws, lxw_row_t first, lxw_row_t last, lxw_col_t c1, lxw_col_t c2, const char* value,
               lxw_format* fmt) {
  lxw_conditional_format cf{};
  cf.type = LXW_CONDITIONAL_TYPE_CELL;
  cf.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
  std::string quoted = std::string("\"") + value + "\"";
  cf.value_string = const_cast<char*>(quoted.c_str());
  cf.format = fmt;
  check(worksheet_conditional_format_range(ws, first, c1, last, c2, &cf), "条件格式");
}

std::string header_text(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '&' ? std::string("&&") : std::string(1, c);
  return out;
}

void page_setup(lxw_worksheet* ws, const std::string& title, lxw_row_t repeat_first, lxw_row_t repeat_last,
                bool repeat, uint16_t pages_tall) {
  worksheet_set_paper(ws, 9);  // A4
  worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, pages_tall);
  worksheet_set_margins(ws, 0.4, 0.4, 0.75, 0.7);
  worksheet_center_horizontally(ws);
  if (repeat) check(worksheet_repeat_rows(ws, repeat_first, repeat_last), "打印标题行");
  lxw_header_footer_options hf{};
  hf.margin = 0.3;
  std::string header = "&C" + header_text(title);
  check(worksheet_set_header_opt(ws, header.c_str(), &hf), "页眉");
  check(worksheet_set_footer_opt(ws, "&C第 &P 页 共 &N 页", &hf), "页脚");
}

struct Layout {
  std::vector<double> widths;
  std::vector<std::pair<size_t, size_t>> groups;  // [first, last] column of each group run
};

// A header ending in a closing bracket that would wrap: wherever a viewer breaks it, the
// bracket's end may be left alone on the last line ("经费（元" / "）").
bool wraps_bracket(const std::string& s, double width) {
  const std::string close = "）";
  return s.size() >= close.size() && s.compare(s.size() - close.size(), close.size(), close) == 0 &&
         text_width(s) + 2 > width;
}

Layout plan_columns(const TableSheet& t) {
  Layout l;
  const size_t n = t.columns.size();
  l.widths.assign(n, 0);
  // Widest value per column, row by row (each row's cells are together in memory).
  std::vector<double> widest(n, 0);
  auto measure = [&](const std::vector<Value>& r) {
    for (size_t c = 0; c < n && c < r.size(); ++c) widest[c] = std::max(widest[c], value_width(r[c], t.columns[c].kind));
  };
  for (const auto& r : t.rows) measure(r);
  measure(t.totals);
  for (size_t c = 0; c < n; ++c) {
    const Column& col = t.columns[c];
    double data = widest[c];
    if (col.kind == ColumnKind::Text) data = std::min(data, col.max_width - 1.5);
    // A text column's header wraps beyond the column's maximum; any other column's
    // header of four or more characters goes on two lines (培养/人数, 委员会/评分).
    double header;
    if (col.kind == ColumnKind::Text) {
      header = std::min(text_width(col.header), std::max(8.5, std::min(col.max_width, data + 1.5)));
      // Wrapped, a bracketed part starts a line of its own (no "）" left alone).
      if (header < text_width(col.header)) header = std::max(header, std::min(col.max_width, half_width(col.header)));
    } else {
      header = half_width(col.header);
    }
    l.widths[c] = std::max({5.0, data + 1.5, header + 2.0});
    if (col.kind == ColumnKind::Text) l.widths[c] = std::min(l.widths[c], std::max(col.max_width, 5.0));
  }
  // The 16 pt bold title (about 1.45 × a body character) on one line: a table narrower
  // than its title is widened in proportion, so the title never breaks inside a word or
  // a bracket ("…考核结果（/按部门）").
  double total = 0;
  for (double w : l.widths) total += w;
  const double title = text_width(t.title) * 1.45 + 2;
  if (total > 0 && title > total)
    for (double& w : l.widths) w *= title / total;
  for (size_t c = 0; c < n;) {
    size_t e = c;
    if (!t.columns[c].group.empty())
      while (e + 1 < n && t.columns[e + 1].group == t.columns[c].group) ++e;
    if (!t.columns[c].group.empty()) l.groups.push_back({c, e});
    c = e + 1;
  }
  // Such a header, and such a group name below, gets the width of one line.
  for (size_t c = 0; c < n; ++c)
    if (wraps_bracket(t.columns[c].header, l.widths[c])) l.widths[c] = text_width(t.columns[c].header) + 2;
  for (auto [c, e] : l.groups) {
    const std::string& g = t.columns[c].group;
    double have = 0;
    for (size_t k = c; k <= e; ++k) have += l.widths[k];
    const double need = wraps_bracket(g, have) ? text_width(g) + 2 : 0;
    if (need > have)
      for (size_t k = c; k <= e; ++k) l.widths[k] += (need - have) / double(e - c + 1);
  }
  return l;
}

void write_value(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const Value& v, lxw_format* fmt) {
  lxw_error err = LXW_NO_ERROR;
  if (auto* s = std::get_if<std::string>(&v)) {
    std::string text = cell_text(*s);
    err = text.empty() ? worksheet_write_blank(ws, row, col, fmt) : worksheet_write_string(ws, row, col, text.c_str(), fmt);
  } else if (auto* d = std::get_if<double>(&v)) {
    err = worksheet_write_number(ws, row, col, *d, fmt);
  } else if (auto* dt = std::get_if<Date>(&v); dt && dt->ok()) {
    lxw_datetime d = lxw_date(*dt);
    err = worksheet_write_datetime(ws, row, col, &d, fmt);
  } else if (auto* f = std::get_if<Formula>(&v)) {
    // libxlsxwriter's worksheet_write_formula caches 0 as the result, which viewers
    // that do not recalculate (and readers of the file) would show; the result tws
    // worked out is given as the cached value instead.
    std::string text = "=" + f->text;
    err = worksheet_write_formula_num(ws, row, col, text.c_str(), fmt, f->cached);
  } else {
    err = worksheet_write_blank(ws, row, col, fmt);
  }
  check(err, "写入单元格 " + cell_ref(row, col));
}

void write_notes(lxw_worksheet* ws, Formats& f, const std::vector<std::string>& notes, lxw_row_t first,
                 lxw_col_t ncols, double total_width) {
  lxw_row_t row = first;
  for (auto& n : notes) {
    std::string text = cell_text(n);
    int lines = lines_for(text, total_width * 1.1);  // 10 pt notes: a little more per line
    check(worksheet_set_row(ws, row, std::max(15.0, lines * 13.5 + 2), nullptr), "行高");
    if (ncols > 1)
      check(worksheet_merge_range(ws, row, 0, row, ncols - 1, text.c_str(), f.note), "合并单元格");
    else
      check(worksheet_write_string(ws, row, 0, text.c_str(), f.note), "写入说明");
    ++row;
  }
}

// The title row, merged across the table.
void write_title(lxw_worksheet* ws, Formats& f, const std::string& title, lxw_col_t ncols, double total_width) {
  check(worksheet_set_row(ws, 0, std::max(30.0, lines_for(title, total_width / 1.45) * 21.0 + 6), nullptr), "行高");
  if (ncols > 1) check(worksheet_merge_range(ws, 0, 0, 0, ncols - 1, title.c_str(), f.title), "标题");
  else check(worksheet_write_string(ws, 0, 0, title.c_str(), f.title), "标题");
}

// Two header rows: each group's name merged over its columns above their headers; an
// ungrouped column's header merged down over both rows.
void write_grouped_header(lxw_worksheet* ws, Formats& f, const TableSheet& t, const Layout& l) {
  const lxw_row_t h0 = t.first_header_row(), h1 = t.last_header_row();
  const size_t n = t.columns.size();
  int group_lines = 1, sub_lines = 1, tall_lines = 1;
  for (auto [a, b] : l.groups) {
    double w = 0;
    for (size_t c = a; c <= b; ++c) w += l.widths[c];
    group_lines = std::max(group_lines, lines_for(t.columns[a].group, w));
  }
  for (size_t c = 0; c < n; ++c) {
    int lines = lines_for(t.columns[c].header, l.widths[c]);
    if (t.columns[c].group.empty()) tall_lines = std::max(tall_lines, lines);
    else sub_lines = std::max(sub_lines, lines);
  }
  sub_lines = std::max(sub_lines, tall_lines - group_lines);
  check(worksheet_set_row(ws, h0, height_for(group_lines), nullptr), "行高");
  std::vector<lxw_col_t> vertical;  // ungrouped columns whose header spans both header rows
  size_t gi = 0;
  for (size_t c = 0; c < n; ++c) {
    const lxw_col_t cc = static_cast<lxw_col_t>(c);
    if (t.columns[c].group.empty()) {
      check(worksheet_write_string(ws, h0, cc, t.columns[c].header.c_str(), f.header), "表头");
      vertical.push_back(cc);
    } else if (gi < l.groups.size() && l.groups[gi].first == c) {
      auto [a, b] = l.groups[gi++];
      if (a == b) check(worksheet_write_string(ws, h0, cc, t.columns[c].group.c_str(), f.header), "表头");
      else check(worksheet_merge_range(ws, h0, cc, h0, static_cast<lxw_col_t>(b), t.columns[c].group.c_str(), f.header), "表头");
    }
  }
  check(worksheet_set_row(ws, h1, height_for(sub_lines), nullptr), "行高");
  // The top-left cell of each vertical merge is already in row h0; merge_range
  // writes it again (ignored in constant_memory mode) and pads row h1.
  for (lxw_col_t cc : vertical) worksheet_merge_range(ws, h0, cc, h1, cc, t.columns[cc].header.c_str(), f.header);
  for (size_t c = 0; c < n; ++c)
    if (!t.columns[c].group.empty())
      check(worksheet_write_string(ws, h1, static_cast<lxw_col_t>(c), t.columns[c].header.c_str(), f.header), "表头");
}

void write_header(lxw_worksheet* ws, Formats& f, const TableSheet& t, const Layout& l) {
  if (t.grouped()) return write_grouped_header(ws, f, t, l);
  int lines = 1;
  for (size_t c = 0; c < t.columns.size(); ++c) lines = std::max(lines, lines_for(t.columns[c].header, l.widths[c]));
  check(worksheet_set_row(ws, t.first_header_row(), height_for(lines), nullptr), "行高");
  for (size_t c = 0; c < t.columns.size(); ++c)
    check(worksheet_write_string(ws, t.first_header_row(), static_cast<lxw_col_t>(c), t.columns[c].header.c_str(),
                                 f.header),
          "表头");
}

// One data or totals row: as tall as its longest wrapped text, muted cells (data rows
// only) grey and struck through, cells missing at the end blank.
void write_row(lxw_worksheet* ws, Formats& f, const TableSheet& t, const Layout& l, lxw_row_t row,
               const std::vector<Value>& values, const size_t* data_index, Role role) {
  const size_t n = t.columns.size();
  int lines = 1;
  for (size_t c = 0; c < n && c < values.size(); ++c)
    if (auto* s = std::get_if<std::string>(&values[c]))
      if (t.columns[c].kind == ColumnKind::Text || s->find('\n') != std::string::npos)
        lines = std::max(lines, lines_for(*s, l.widths[c]));
  if (lines > 1) check(worksheet_set_row(ws, row, height_for(lines), nullptr), "行高");
  const Value empty;
  for (size_t c = 0; c < n; ++c) {
    const bool muted = data_index && t.muted.count({*data_index, c}) > 0;
    write_value(ws, row, static_cast<lxw_col_t>(c), c < values.size() ? values[c] : empty,
                f.cell(t.columns[c].kind, muted ? Role::Muted : role));
  }
}

// Grades and verdicts coloured by conditional formats over each run of such columns.
void highlight_columns(lxw_worksheet* ws, Formats& f, const TableSheet& t) {
  if (t.rows.empty()) return;
  const lxw_row_t first = t.first_data_row(), last = t.totals_row() - 1;
  const size_t n = t.columns.size();
  for (size_t c = 0; c < n;) {
    const ColumnKind k = t.columns[c].kind;
    size_t e = c;
    while (e + 1 < n && t.columns[e + 1].kind == k) ++e;
    const lxw_col_t c1 = static_cast<lxw_col_t>(c), c2 = static_cast<lxw_col_t>(e);
    if (k == ColumnKind::Grade) {
      highlight(ws, first, last, c1, c2, "优秀", f.good);
      highlight(ws, first, last, c1, c2, "合格", f.neutral);
      highlight(ws, first, last, c1, c2, "不合格", f.bad);
    } else if (k == ColumnKind::Verdict) {
      highlight(ws, first, last, c1, c2, "通过", f.good);
      highlight(ws, first, last, c1, c2, "不通过", f.bad);
      highlight(ws, first, last, c1, c2, "提示", f.amber);
      highlight(ws, first, last, c1, c2, "待核实", f.amber);
    }
    c = e + 1;
  }
}

// Rows go out strictly in order (constant_memory mode drops anything written to a row
// above the current one), so each row's height is set before its cells and the filter
// range before the data: libxlsxwriter refuses an autofilter whose last row is written.
void write_table(lxw_workbook* wb, Formats& f, const TableSheet& t, const WorkbookInfo& info) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, t.name.c_str());
  if (!ws) throw std::runtime_error("无法创建工作表“" + t.name + "”");
  const Layout l = plan_columns(t);
  const lxw_col_t ncols = static_cast<lxw_col_t>(std::max<size_t>(t.columns.size(), 1));
  double total_width = 0;
  for (double w : l.widths) total_width += w;

  worksheet_set_default_row(ws, 18, LXW_FALSE);
  if (!t.title.empty()) write_title(ws, f, t.title, ncols, total_width);
  write_header(ws, f, t, l);
  const lxw_row_t h0 = t.first_header_row(), h1 = t.last_header_row();
  check(worksheet_autofilter(ws, h1, 0, t.rows.empty() ? h1 : t.totals_row() - 1, ncols - 1), "筛选");
  for (size_t i = 0; i < t.rows.size(); ++i) write_row(ws, f, t, l, t.data_row(i), t.rows[i], &i, Role::Body);
  lxw_row_t next = t.totals_row();
  if (!t.totals.empty()) write_row(ws, f, t, l, next++, t.totals, nullptr, Role::Total);
  if (!t.notes.empty()) write_notes(ws, f, t.notes, next + 1, ncols, total_width);

  for (size_t c = 0; c < t.columns.size(); ++c)
    check(worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), l.widths[c], nullptr), "列宽");
  worksheet_freeze_panes(ws, t.first_data_row(), static_cast<lxw_col_t>(t.freeze_columns));
  highlight_columns(ws, f, t);
  page_setup(ws, t.title.empty() ? info.title : t.title, h0, h1, true, 0);
}

// ─────────────────────────────── charts ───────────────────────────────────

using Tables = std::map<std::string, const TableSheet*>;

// Fills a series range's cache with the values tws wrote, so viewers that draw from
// the cache show the real data. libxlsxwriter fills the cache itself at
// workbook_close from the cells it holds, but caches a formula cell as 0 and, in
// constant_memory mode (cells already written out), leaves every cache empty;
// ignore_cache tells it to keep this one.
void fill_cache(lxw_series_range* r, const Tables& tables, const CellRange& range) {
  auto it = tables.find(range.sheet);
  if (!r || it == tables.end()) return;
  uint16_t count = 0;
  for (uint32_t row = range.first_row; row <= range.last_row; ++row)
    for (uint32_t col = range.first_col; col <= range.last_col; ++col) {
      auto* p = static_cast<lxw_series_data_point*>(calloc(1, sizeof(lxw_series_data_point)));
      if (!p) throw std::bad_alloc();
      Value scratch;
      const Value* v = value_at(*it->second, row, col, scratch);
      if (!v || std::holds_alternative<std::monostate>(*v)) {
        p->no_data = LXW_TRUE;
      } else if (auto* s = std::get_if<std::string>(v)) {
        p->is_string = LXW_TRUE;
        p->string = strdup(s->c_str());
        r->has_string_cache = LXW_TRUE;
      } else if (auto* d = std::get_if<Date>(v)) {
        lxw_datetime x = lxw_date(*d);
        p->number = d->ok() ? lxw_datetime_to_excel_datetime(&x) : 0;
      } else {
        p->number = number_of(*v);
      }
      STAILQ_INSERT_TAIL(r->data_cache, p, list_pointers);
      ++count;
    }
  r->num_data_points = count;
  r->ignore_cache = LXW_TRUE;
}

lxw_chart_font chart_font(const std::string& name, double size, bool bold) {
  lxw_chart_font font{};
  font.name = const_cast<char*>(name.c_str());
  font.size = size;
  font.bold = bold;
  return font;
}

// A pie's slices: one fill colour per point, labelled with category and percentage.
void style_pie_series(lxw_chart_series* series, const ChartSeries& s) {
  chart_series_set_labels_options(series, LXW_FALSE, LXW_TRUE, LXW_TRUE);
  chart_series_set_labels_percentage(series);
  chart_series_set_labels_separator(series, LXW_CHART_LABEL_SEPARATOR_NEWLINE);
  chart_series_set_labels_position(series, LXW_CHART_LABEL_POSITION_BEST_FIT);
  if (s.point_colours.empty()) return;
  std::vector<lxw_chart_fill> fills(s.point_colours.size());
  std::vector<lxw_chart_point> points(s.point_colours.size());
  std::vector<lxw_chart_point*> ptrs;
  for (size_t i = 0; i < s.point_colours.size(); ++i) {
    fills[i].color = s.point_colours[i];
    points[i].fill = &fills[i];
    ptrs.push_back(&points[i]);
  }
  ptrs.push_back(nullptr);
  check(chart_series_set_points(series, ptrs.data()), "图表颜色");
}

void add_series(lxw_chart* chart, const Chart& c, const ChartSeries& s, const Tables& tables,
                lxw_chart_font* label_font) {
  lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
  if (!series) throw std::runtime_error("无法添加图表数据系列");
  chart_series_set_categories(series, c.categories.sheet.c_str(), c.categories.first_row, c.categories.first_col,
                              c.categories.last_row, c.categories.last_col);
  chart_series_set_values(series, s.values.sheet.c_str(), s.values.first_row, s.values.first_col, s.values.last_row,
                          s.values.last_col);
  fill_cache(series->categories, tables, c.categories);
  fill_cache(series->values, tables, s.values);
  if (!s.name.sheet.empty()) {
    chart_series_set_name_range(series, s.name.sheet.c_str(), s.name.first_row, s.name.first_col);
    fill_cache(series->title.range, tables, s.name);
  }
  chart_series_set_labels(series);
  chart_series_set_labels_font(series, label_font);
  if (c.type == ChartType::Pie) return style_pie_series(series, s);
  lxw_chart_fill fill{};
  fill.color = s.colour;
  chart_series_set_fill(series, &fill);
  chart_series_set_labels_position(series, LXW_CHART_LABEL_POSITION_OUTSIDE_END);
}

// A column chart's axes: titled, counts from 0 in whole steps.
void set_axes(lxw_chart* chart, const Chart& c, lxw_chart_font* font) {
  if (!c.x_title.empty()) chart_axis_set_name(chart->x_axis, c.x_title.c_str());
  if (!c.y_title.empty()) chart_axis_set_name(chart->y_axis, c.y_title.c_str());
  chart_axis_set_name_font(chart->x_axis, font);
  chart_axis_set_name_font(chart->y_axis, font);
  chart_axis_set_num_font(chart->x_axis, font);
  chart_axis_set_num_font(chart->y_axis, font);
  chart_axis_set_min(chart->y_axis, 0);
  chart_axis_set_major_unit(chart->y_axis, 1);
  chart_axis_set_num_format(chart->y_axis, "0");
}

// Chart `c` placed on `ws` at `row`, `x` pixels from the left.
void insert_chart(lxw_workbook* wb, lxw_worksheet* ws, const Chart& c, const Tables& tables, const std::string& font,
                  lxw_row_t row, uint32_t x) {
  lxw_chart_font title_font = chart_font(font, 14, true), small_font = chart_font(font, 10, false);
  lxw_chart* chart = workbook_add_chart(wb, c.type == ChartType::Pie ? LXW_CHART_PIE : LXW_CHART_COLUMN);
  if (!chart) throw std::runtime_error("无法创建图表“" + c.title + "”");
  chart_title_set_name(chart, c.title.c_str());
  chart_title_set_name_font(chart, &title_font);
  chart_legend_set_position(chart, c.type == ChartType::Pie ? LXW_CHART_LEGEND_RIGHT : LXW_CHART_LEGEND_BOTTOM);
  chart_legend_set_font(chart, &small_font);
  for (auto& s : c.series) add_series(chart, c, s, tables, &small_font);
  if (c.type == ChartType::Column) set_axes(chart, c, &small_font);
  lxw_chart_options opt{};
  opt.x_offset = static_cast<int32_t>(x);
  opt.y_offset = 0;
  opt.x_scale = c.width_px / 480.0;  // libxlsxwriter's default chart is 480 × 288 px
  opt.y_scale = c.height_px / 288.0;
  opt.object_position = LXW_OBJECT_MOVE_DONT_SIZE;
  std::string alt = c.title;
  opt.description = const_cast<char*>(alt.c_str());
  check(worksheet_insert_chart_opt(ws, row, 0, chart, &opt), "插入图表");
}

// A sheet of charts side by side under a title, notes below, printed on one page.
void write_charts(lxw_workbook* wb, Formats& f, const ChartSheet& cs, const WorkbookInfo& info, const Tables& tables) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, cs.name.c_str());
  if (!ws) throw std::runtime_error("无法创建工作表“" + cs.name + "”");
  constexpr double kColWidth = 9.0;  // characters → 68 px
  constexpr uint32_t kColPx = 68, kRowPx = 20, kGap = 24;
  uint32_t width_px = kGap, height_px = 0;
  for (auto& c : cs.charts) {
    width_px += c.width_px + kGap;
    height_px = std::max(height_px, c.height_px);
  }
  // At least 8 columns: a sheet without charts (a year without results) still shows its
  // title and note across a readable width (and one cell cannot be merged).
  const lxw_col_t ncols = std::max<lxw_col_t>(8, static_cast<lxw_col_t>((width_px + kColPx - 1) / kColPx));
  check(worksheet_set_column(ws, 0, ncols - 1, kColWidth, nullptr), "列宽");
  check(worksheet_set_row(ws, 0, 30, nullptr), "行高");
  check(worksheet_merge_range(ws, 0, 0, 0, ncols - 1, cs.title.c_str(), f.title), "标题");
  const lxw_row_t chart_row = 2;
  lxw_row_t last_row = chart_row + static_cast<lxw_row_t>((height_px + kRowPx - 1) / kRowPx) + 1;
  if (!cs.notes.empty()) {
    write_notes(ws, f, cs.notes, last_row + 1, ncols, ncols * kColWidth);
    last_row += 1 + static_cast<lxw_row_t>(cs.notes.size());
  }
  uint32_t x = kGap;
  for (auto& c : cs.charts) {
    insert_chart(wb, ws, c, tables, info.font, chart_row, x);
    x += c.width_px + kGap;
  }
  check(worksheet_print_area(ws, 0, 0, last_row, ncols - 1), "打印区域");
  worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
  page_setup(ws, cs.title, 0, 0, false, 1);
}

lxw_workbook* new_workbook(const std::filesystem::path& file, const WorkbookInfo& info, bool constant_memory) {
  lxw_workbook_options options{};
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(file.c_str(), &options);
  if (!wb) throw std::runtime_error("无法创建工作簿 " + file.string());
  lxw_doc_properties props{};
  props.title = const_cast<char*>(info.title.c_str());
  props.subject = const_cast<char*>(info.subject.c_str());
  props.author = const_cast<char*>(info.author.c_str());
  props.manager = const_cast<char*>(info.author.c_str());
  props.company = const_cast<char*>(info.company.c_str());
  props.keywords = const_cast<char*>(info.keywords.c_str());
  props.comments = const_cast<char*>(info.comments.c_str());
  props.created = epoch_of(info.date_iso);
  const lxw_error err = workbook_set_properties(wb, &props);
  if (err != LXW_NO_ERROR) workbook_close(wb);
  check(err, "文档属性");
  return wb;
}

}  // namespace

void write_workbook(const std::filesystem::path& target, const WorkbookInfo& info, const std::vector<Sheet>& sheets) {
  Tables tables;  // charts take their cached values from these
  size_t largest = 0;
  for (auto& s : sheets)
    if (auto* t = std::get_if<TableSheet>(&s)) {
      tables[t->name] = t;
      largest = std::max(largest, t->rows.size());
    }
  write_atomically(target, [&](const std::filesystem::path& tmp) {
    lxw_workbook* wb = new_workbook(tmp, info, largest >= info.constant_memory_rows);
    try {
      Formats f(wb, info.font);
      for (auto& s : sheets) {
        if (auto* t = std::get_if<TableSheet>(&s)) write_table(wb, f, *t, info);
        else write_charts(wb, f, std::get<ChartSheet>(s), info, tables);
      }
    } catch (...) {
      workbook_close(wb);
      throw;
    }
    errno = 0;
    const lxw_error closed = workbook_close(wb);
    if (closed != LXW_NO_ERROR && is_io_error(errno)) throw write_error(target, errno);
    check(closed, "写入 " + target.string());
    std::string missing;
    try {
      missing = compare_workbook(tmp, sheets);
    } catch (const InputError&) {
      missing = "无法读回";
    }
    if (!missing.empty()) throw write_error(target, EIO);
  });
}

}  // namespace tws::report
