#include "report/xlsx_table.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <optional>
#include <stdexcept>
#include <tuple>

#include "common/atomic_file.h"

namespace tws::report {

namespace detail {  // xlsx_package.cpp
// Always true; calling it is what links xlsx_package.cpp's interposers into the program.
bool package_interposers_linked();
// Whether this libxlsxwriter is the one they and RowWriter were written against (1.1.4).
bool package_interposers_usable();
// Between the two, on this thread, libxlsxwriter's temporary files are in memory and its
// zip is written (deflated on two threads) by xlsx_package.cpp. They nest.
void begin_package_scope();
void end_package_scope();
// Inside a scope: a run of rows printed by tws, deflated as it is written (on the
// worker, while the workbook is still being written); end_rows gives the marker to put
// in the sheet's file in its place, replaced by the rows when the sheet is zipped.
// begin_rows is -1 outside a scope.
long begin_rows();
void write_rows(long run, const char* data, size_t n);
std::string end_rows(long run);
}  // namespace detail

// ───────────────────────────── layout helpers ─────────────────────────────

bool TableSheet::grouped() const {
  return std::any_of(columns.begin(), columns.end(), [](const Column& c) { return !c.group.empty(); });
}

const std::vector<Value>& TableSheet::row(size_t i, SourceRow& scratch) const {
  if (!streamed()) return rows[i];
  scratch.cells.clear();
  scratch.muted.clear();
  source.fill(i, scratch);
  return scratch.cells;
}

void hold_rows(TableSheet& t) {
  if (!t.streamed()) return;
  std::vector<std::vector<Value>> rows(t.source.count);
  std::set<std::pair<size_t, size_t>> muted;
  SourceRow r;
  for (size_t i = 0; i < rows.size(); ++i) {
    t.row(i, r);
    for (size_t c : r.muted) muted.insert({i, c});
    rows[i] = std::move(r.cells);
  }
  t.rows = std::move(rows);
  t.muted = std::move(muted);
  t.source = {};
}

namespace {

// A table's data rows in turn: its held rows, or its source's made one at a time (the
// last one made is kept, so reading along a row makes it once).
class RowReader {
 public:
  explicit RowReader(const TableSheet& t) : t_(t) {}
  const std::vector<Value>& operator[](size_t i) {
    if (!t_.streamed()) return t_.rows[i];
    if (i != made_) {
      t_.row(i, scratch_);
      made_ = i;
    }
    return scratch_.cells;
  }
  // Whether row i (the one last read, for a source) has muted cells, and cell (i, c) is one.
  bool any_muted() const { return t_.streamed() ? !scratch_.muted.empty() : !t_.muted.empty(); }
  bool muted(size_t i, size_t c) const {
    if (!t_.streamed()) return t_.muted.count({i, c}) > 0;
    return std::find(scratch_.muted.begin(), scratch_.muted.end(), c) != scratch_.muted.end();
  }

 private:
  const TableSheet& t_;
  SourceRow scratch_;
  size_t made_ = size_t(-1);
};

}  // namespace

std::string cell_ref(uint32_t row, uint32_t col, bool absolute) {
  std::string letters;
  for (uint32_t c = col + 1; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), char('A' + (c - 1) % 26));
  std::string d = absolute ? "$" : "";
  return d + letters + d + std::to_string(row + 1);
}

std::string quoted_sheet(const std::string& name) {
  std::string q = "'";
  for (char c : name) q += c == '\'' ? std::string("''") : std::string(1, c);
  return q + "'";
}

std::string column_range(const TableSheet& t, size_t col, bool absolute) {
  if (t.row_count() == 0) return "";
  const auto c = static_cast<uint32_t>(col);
  return cell_ref(t.first_data_row(), c, absolute) + ":" + cell_ref(t.totals_row() - 1, c, absolute);
}

double number_of(const Value& v) {
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* f = std::get_if<Formula>(&v)) return f->cached;
  return 0;
}

Formula column_sum(const TableSheet& t, size_t col) {
  double sum = 0;
  RowReader rows(t);
  for (size_t i = 0; i < t.row_count(); ++i)
    if (const auto& r = rows[i]; col < r.size()) sum += number_of(r[col]);
  return column_sum(t, col, sum);
}

Formula column_sum(const TableSheet& t, size_t col, double sum) {
  if (t.row_count() == 0) return {"0", 0};
  return {"SUM(" + column_range(t, col) + ")", sum};
}

double excel_serial(const Date& d) {
  using namespace std::chrono;
  const sys_days day{year{d.year} / month{unsigned(d.month)} / std::chrono::day{unsigned(d.day)}};
  const sys_days epoch{year{1899} / December / 30};
  return double((day - epoch).count());
}

Date parse_date(const std::string& iso) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (std::sscanf(iso.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return {};
  using namespace std::chrono;
  if (!year_month_day{year{y} / month{unsigned(m)} / day{unsigned(d)}}.ok() || y < 1901) return {};
  return {y, m, d};
}

namespace {

void check(lxw_error err, const std::string& what) {
  if (err != LXW_NO_ERROR) throw std::runtime_error(what + "：" + lxw_strerror(err));
}

time_t epoch_of(const std::string& iso) {
  Date d = parse_date(iso);
  if (d.year == 0) d = {2000, 1, 1};
  std::tm tm{};
  tm.tm_year = d.year - 1900;
  tm.tm_mon = d.month - 1;
  tm.tm_mday = d.day;
  return timegm(&tm);
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

// Excel refuses strings over 32,767 characters; reasons never come close, but a
// pasted document might.
constexpr size_t kMaxStringBytes = 32000;  // ≤ 32,000 characters whatever the encoding
std::string fit_string(const std::string& s) {
  if (s.size() <= kMaxStringBytes) return s;
  size_t cut = kMaxStringBytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "…";
}

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

// Width of the first ceil(n/2) characters of a header of n ≥ 4 characters (the
// wider of its two lines), or of the whole header when shorter.
double half_width(const std::string& s) {
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

Layout plan_columns(const TableSheet& t) {
  Layout l;
  const size_t n = t.columns.size();
  l.widths.assign(n, 0);
  // Widest value per column, row by row (each row's cells are together in memory).
  std::vector<double> widest(n, 0);
  auto measure = [&](const std::vector<Value>& r) {
    for (size_t c = 0; c < n && c < r.size(); ++c) widest[c] = std::max(widest[c], value_width(r[c], t.columns[c].kind));
  };
  RowReader rows(t);
  for (size_t i = 0; i < t.row_count(); ++i) measure(rows[i]);
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
    } else {
      header = half_width(col.header);
    }
    l.widths[c] = std::max({5.0, data + 1.5, header + 2.0});
    if (col.kind == ColumnKind::Text) l.widths[c] = std::min(l.widths[c], std::max(col.max_width, 5.0));
  }
  for (size_t c = 0; c < n;) {
    size_t e = c;
    if (!t.columns[c].group.empty())
      while (e + 1 < n && t.columns[e + 1].group == t.columns[c].group) ++e;
    if (!t.columns[c].group.empty()) l.groups.push_back({c, e});
    c = e + 1;
  }
  return l;
}

void write_value(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const Value& v, lxw_format* fmt) {
  lxw_error err = LXW_NO_ERROR;
  if (auto* s = std::get_if<std::string>(&v)) {
    std::string text = fit_string(*s);
    err = text.empty() ? worksheet_write_blank(ws, row, col, fmt) : worksheet_write_string(ws, row, col, text.c_str(), fmt);
  } else if (auto* d = std::get_if<double>(&v)) {
    err = worksheet_write_number(ws, row, col, *d, fmt);
  } else if (auto* dt = std::get_if<Date>(&v)) {
    err = dt->year ? worksheet_write_number(ws, row, col, excel_serial(*dt), fmt) : worksheet_write_blank(ws, row, col, fmt);
  } else if (auto* f = std::get_if<Formula>(&v)) {
    std::string text = "=" + f->text;
    err = worksheet_write_formula_num(ws, row, col, text.c_str(), fmt, f->cached);
  } else {
    err = worksheet_write_blank(ws, row, col, fmt);
  }
  check(err, "写入单元格 " + cell_ref(row, col));
}

// ──────────────── rows printed straight into a constant_memory sheet ────────────────
//
// In constant_memory mode libxlsxwriter holds one row of cells — a malloc'd lxw_cell
// per cell, each string copied and escaped into new buffers — and prints them with
// fprintf("%.16G") and lists of malloc'd XML attributes when the next row starts: 60 %
// of the 1,000-station 考核汇总's 67 ms (perf: vfprintf, printf_fp, malloc/free,
// _write_cell). RowWriter prints the same XML for whole rows itself:
//   <row r="5" ht="35" customHeight="1"><c r="A5" s="3" t="inlineStr"><is><t>…</t></is></c>
//   <c r="B5" s="4"><v>12</v></c><c r="C5" s="5"><f>SUM(B4:B5)</f><v>3</v></c><c r="D5" s="6"/></row>
// byte for byte what libxlsxwriter 1.1.4 prints for the same calls (report_workbooks_test
// writes workbooks both ways and compares every part), and keeps the bookkeeping its API
// would: the sheet's dimensions, merged ranges, the row it may still write to, and its
// row-height flag (see begin_row). The rows go to xlsx_package.cpp, which deflates them
// while the workbook is being written and splices them into the sheet when it is zipped
// (a marker stands in for them in the sheet's row file); outside a package scope they
// would go into the row file (ws->file) itself. Only for libxlsxwriter 1.1.4, whose
// struct lxw_worksheet it reads and writes.

// printf("%.16G", v): std::to_chars with a precision prints what printf prints; a
// whole number below 10^15 prints as its digits (-0 as "-0", which the cast would lose).
void put_g16(std::string& out, double v) {
  char buf[64];
  if (v > -1e15 && v < 1e15 && v == double(static_cast<long long>(v)) && (v != 0 || !std::signbit(v))) {
    out.append(buf, std::to_chars(buf, buf + sizeof buf, static_cast<long long>(v)).ptr);
    return;
  }
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 16);
  for (char* p = buf; p < r.ptr; ++p)
    if (*p >= 'a' && *p <= 'z') *p = char(*p - 'a' + 'A');  // 1E+20, INF, NAN
  out.append(buf, r.ptr);
}

void put_uint(std::string& out, uint64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

std::string column_letters(lxw_col_t col) {
  std::string letters;
  for (uint32_t c = col + 1; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), char('A' + (c - 1) % 26));
  return letters;
}

class RowWriter {
 public:
  RowWriter(lxw_worksheet* ws, lxw_col_t ncols) : ws_(ws), run_(detail::begin_rows()) {
    lxw_worksheet_write_single_row(ws_);  // the pending header row goes out first
    sticky_height_ = ws_->optimize_row->height_changed;
    for (lxw_col_t c = 0; c < ncols; ++c) names_.push_back(column_letters(c));
    buf_.reserve(kFlushBytes + 64 * 1024);
  }

  // worksheet_set_row(row, *height) when `height`, else none. libxlsxwriter resets the
  // row it holds to LXW_DEF_ROW_HEIGHT (15) after printing it but never clears its
  // height_changed flag, which worksheet_set_row sets for a height other than the
  // sheet's default (18): until the first such row, rows print the default height;
  // after it, a row without a height of its own prints 15, i.e. no ht attribute.
  void begin_row(lxw_row_t row, const double* height) {
    double h = LXW_DEF_ROW_HEIGHT;
    if (height) {
      h = *height;
      if (h != ws_->default_row_height) sticky_height_ = true;
    }
    const double printed = sticky_height_ ? h : ws_->default_row_height;
    row_text_.clear();
    put_uint(row_text_, uint64_t(row) + 1);
    buf_ += "<row r=\"";
    buf_ += row_text_;
    buf_ += '"';
    if (printed != LXW_DEF_ROW_HEIGHT) {
      buf_ += " ht=\"";
      put_g16(buf_, printed);
      buf_ += "\" customHeight=\"1\"";
    }
    if (ws_->excel_version == 2010) buf_ += " x14ac:dyDescent=\"0.25\"";
    buf_ += '>';
    row_ = row;
    rows_ = true;
    min_row_ = std::min(min_row_, row);
    max_row_ = std::max(max_row_, row);
  }

  void end_row() {
    buf_ += "</row>";
    if (buf_.size() >= kFlushBytes) flush();
  }

  void value(lxw_col_t col, const Value& v, lxw_format* fmt) {
    if (auto* s = std::get_if<std::string>(&v)) {
      if (s->size() <= kMaxStringBytes) string(col, *s, fmt);
      else string(col, fit_string(*s), fmt);
    } else if (auto* d = std::get_if<double>(&v)) {
      number(col, *d, fmt);
    } else if (auto* dt = std::get_if<Date>(&v)) {
      if (dt->year) number(col, excel_serial(*dt), fmt);
      else blank(col, fmt);
    } else if (auto* f = std::get_if<Formula>(&v)) {
      formula(col, f->text, f->cached, fmt);
    } else {
      blank(col, fmt);
    }
  }

  void number(lxw_col_t col, double v, lxw_format* fmt) {
    open_cell(col, fmt);
    buf_ += "><v>";
    put_g16(buf_, v);
    buf_ += "</v></c>";
  }

  // worksheet_write_string: the text up to a NUL; control characters as _xHHHH_, then
  // & < > escaped; xml:space="preserve" when the escaped text starts or ends with a space.
  void string(lxw_col_t col, const std::string& s, lxw_format* fmt) {
    const std::string_view text(s.c_str());
    if (text.empty()) return blank(col, fmt);
    open_cell(col, fmt);
    buf_ += " t=\"inlineStr\"><is><t";
    const size_t mark = buf_.size();
    buf_ += '>';
    const size_t start = buf_.size();
    escape(text, true);
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; };
    if (space(buf_[start]) || space(buf_.back())) buf_.insert(mark, " xml:space=\"preserve\"");
    buf_ += "</t></is></c>";
  }

  void formula(lxw_col_t col, const std::string& f, double cached, lxw_format* fmt) {
    const std::string_view text(f.c_str());
    open_cell(col, fmt);
    buf_ += "><f>";
    escape(text, false);
    buf_ += "</f><v>";
    put_g16(buf_, cached);
    buf_ += "</v></c>";
  }

  void blank(lxw_col_t col, lxw_format* fmt) {
    if (!fmt) return;  // libxlsxwriter ignores a blank cell without a format
    open_cell(col, fmt);
    buf_ += "/>";
  }

  // worksheet_merge_range's record (its cells are written by the caller).
  void merge(lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row, lxw_col_t last_col) {
    auto* m = static_cast<lxw_merged_range*>(calloc(1, sizeof(lxw_merged_range)));
    if (!m) throw std::bad_alloc();
    m->first_row = first_row;
    m->first_col = first_col;
    m->last_row = last_row;
    m->last_col = last_col;
    STAILQ_INSERT_TAIL(ws_->merged_ranges, m, list_pointers);
    ws_->merged_range_count++;
    max_row_ = std::max(max_row_, last_row);
    max_col_ = std::max(max_col_, last_col);
    min_col_ = std::min(min_col_, first_col);
  }

  // Prints what is left and leaves libxlsxwriter's state as its API would have.
  void finish() {
    flush();
    if (run_ >= 0) {
      const std::string marker = detail::end_rows(run_);
      if (std::fwrite(marker.data(), 1, marker.size(), ws_->file) != marker.size())
        throw std::runtime_error("写入工作表行数据失败");
    }
    if (!rows_) return;
    ws_->dim_rowmin = std::min(ws_->dim_rowmin, min_row_);
    ws_->dim_rowmax = std::max(ws_->dim_rowmax, max_row_);
    if (min_col_ <= max_col_) {
      ws_->dim_colmin = std::min(ws_->dim_colmin, min_col_);
      ws_->dim_colmax = std::max(ws_->dim_colmax, max_col_);
    }
    ws_->optimize_row->row_num = row_;
    ws_->optimize_row->height_changed = sticky_height_ ? LXW_TRUE : LXW_FALSE;
  }

 private:
  static constexpr size_t kFlushBytes = 64 * 1024;

  // & < > as entities; with `controls`, also U+0001–U+001F but tab and newline as
  // _xHHHH_ (lxw_escape_control_characters, then lxw_escape_data). Plain runs are
  // copied whole.
  void escape(std::string_view text, bool controls) {
    static const auto special = [] {
      std::array<uint8_t, 256> t{};
      t['&'] = t['<'] = t['>'] = 1;
      for (int c = 1; c < 0x20; ++c)
        if (c != '\t' && c != '\n') t[c] = 2;
      return t;
    }();
    size_t run = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      const uint8_t kind = special[c];
      if (kind == 0 || (kind == 2 && !controls)) continue;
      buf_.append(text.data() + run, i - run);
      run = i + 1;
      if (c == '&') buf_ += "&amp;";
      else if (c == '<') buf_ += "&lt;";
      else if (c == '>') buf_ += "&gt;";
      else {
        static const char hex[] = "0123456789ABCDEF";
        buf_ += "_x00";
        buf_ += hex[c >> 4];
        buf_ += hex[c & 15];
        buf_ += '_';
      }
    }
    buf_.append(text.data() + run, text.size() - run);
  }

  void open_cell(lxw_col_t col, lxw_format* fmt) {
    buf_ += "<c r=\"";
    buf_ += names_[col];
    buf_ += row_text_;
    buf_ += '"';
    if (const int32_t s = style(fmt)) {
      buf_ += " s=\"";
      put_uint(buf_, uint64_t(s));
      buf_ += '"';
    }
    min_col_ = std::min(min_col_, col);
    max_col_ = std::max(max_col_, col);
  }

  // lxw_format_get_xf_index numbers a format on its first call; a format equal to one
  // already numbered gets that number on every call without keeping it, so the first
  // answer per format is kept here (the calls come in the order libxlsxwriter's would).
  int32_t style(lxw_format* fmt) {
    if (!fmt) return 0;
    for (auto& [f, index] : styles_)
      if (f == fmt) return index;
    const int32_t index = lxw_format_get_xf_index(fmt);
    styles_.push_back({fmt, index});
    return index;
  }

  void flush() {
    if (buf_.empty()) return;
    if (run_ >= 0) detail::write_rows(run_, buf_.data(), buf_.size());
    else if (std::fwrite(buf_.data(), 1, buf_.size(), ws_->file) != buf_.size())
      throw std::runtime_error("写入工作表行数据失败");
    buf_.clear();
  }

  lxw_worksheet* ws_;
  long run_;  // the rows' run in xlsx_package.cpp, or -1: straight into ws->file
  std::vector<std::string> names_;
  std::vector<std::pair<lxw_format*, int32_t>> styles_;
  std::string buf_, row_text_;
  bool sticky_height_ = false, rows_ = false;
  lxw_row_t row_ = 0, min_row_ = LXW_ROW_MAX, max_row_ = 0;
  lxw_col_t min_col_ = LXW_COL_MAX, max_col_ = 0;
};

void write_notes(lxw_worksheet* ws, Formats& f, const std::vector<std::string>& notes, lxw_row_t first,
                 lxw_col_t ncols, double total_width, RowWriter* direct = nullptr) {
  lxw_row_t row = first;
  for (auto& n : notes) {
    std::string text = fit_string(n);
    int lines = lines_for(text, total_width * 1.1);  // 10 pt notes: a little more per line
    const double height = std::max(15.0, lines * 13.5 + 2);
    if (direct) {
      direct->begin_row(row, &height);
      if (ncols > 1) direct->merge(row, 0, row, ncols - 1);
      direct->string(0, text, f.note);
      for (lxw_col_t c = 1; c < ncols; ++c) direct->blank(c, f.note);
      direct->end_row();
      ++row;
      continue;
    }
    check(worksheet_set_row(ws, row, height, nullptr), "行高");
    if (ncols > 1)
      check(worksheet_merge_range(ws, row, 0, row, ncols - 1, text.c_str(), f.note), "合并单元格");
    else
      check(worksheet_write_string(ws, row, 0, text.c_str(), f.note), "写入说明");
    ++row;
  }
}

void write_table(lxw_workbook* wb, Formats& f, const TableSheet& t, const WorkbookInfo& info, bool direct_rows) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, t.name.c_str());
  if (!ws) throw std::runtime_error("无法创建工作表“" + t.name + "”");
  const Layout l = plan_columns(t);
  const size_t n = t.columns.size();
  const lxw_col_t ncols = static_cast<lxw_col_t>(std::max<size_t>(n, 1));
  double total_width = 0;
  for (double w : l.widths) total_width += w;

  worksheet_set_default_row(ws, 18, LXW_FALSE);
  // Rows go out strictly in order (constant_memory mode drops anything written to
  // a row above the current one), so each row's height is set before its cells.
  if (!t.title.empty()) {
    check(worksheet_set_row(ws, 0, std::max(30.0, lines_for(t.title, total_width / 1.45) * 21.0 + 6), nullptr), "行高");
    if (ncols > 1) check(worksheet_merge_range(ws, 0, 0, 0, ncols - 1, t.title.c_str(), f.title), "标题");
    else check(worksheet_write_string(ws, 0, 0, t.title.c_str(), f.title), "标题");
  }
  const lxw_row_t h0 = t.first_header_row(), h1 = t.last_header_row();
  std::vector<lxw_col_t> vertical;  // ungrouped columns whose header spans both header rows
  if (t.grouped()) {
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
    for (lxw_col_t cc : vertical)
      worksheet_merge_range(ws, h0, cc, h1, cc, t.columns[cc].header.c_str(), f.header);
    for (size_t c = 0; c < n; ++c)
      if (!t.columns[c].group.empty())
        check(worksheet_write_string(ws, h1, static_cast<lxw_col_t>(c), t.columns[c].header.c_str(), f.header), "表头");
  } else {
    int lines = 1;
    for (size_t c = 0; c < n; ++c) lines = std::max(lines, lines_for(t.columns[c].header, l.widths[c]));
    check(worksheet_set_row(ws, h0, height_for(lines), nullptr), "行高");
    for (size_t c = 0; c < n; ++c)
      check(worksheet_write_string(ws, h0, static_cast<lxw_col_t>(c), t.columns[c].header.c_str(), f.header), "表头");
  }

  // The filter range is set before the data rows go out: in constant_memory mode
  // libxlsxwriter refuses an autofilter whose last row was already written.
  const lxw_row_t last_data = t.row_count() == 0 ? h1 : t.totals_row() - 1;
  check(worksheet_autofilter(ws, h1, 0, last_data, ncols - 1), "筛选");

  // Rows after the header: printed by RowWriter in constant_memory mode (fast paths on,
  // libxlsxwriter 1.1.4, a table with columns), else cell by cell through the API.
  std::optional<RowWriter> direct;
  if (direct_rows && n > 0) direct.emplace(ws, ncols);
  const Value empty;
  // Formats by column and role, made on first use (the order the API path makes them).
  std::vector<lxw_format*> formats(3 * n, nullptr);
  auto format = [&](size_t c, Role r) {
    lxw_format*& fmt = formats[3 * c + static_cast<size_t>(r)];
    if (!fmt) fmt = f.cell(t.columns[c].kind, r);
    return fmt;
  };
  RowReader rows(t);
  auto write_row = [&](lxw_row_t row, const std::vector<Value>& values, size_t data_index, Role role) {
    int lines = 1;
    for (size_t c = 0; c < n && c < values.size(); ++c)
      if (auto* s = std::get_if<std::string>(&values[c]))
        if (t.columns[c].kind == ColumnKind::Text || s->find('\n') != std::string::npos)
          lines = std::max(lines, lines_for(*s, l.widths[c]));
    const double height = height_for(lines);
    if (direct) direct->begin_row(row, lines > 1 ? &height : nullptr);
    else if (lines > 1) check(worksheet_set_row(ws, row, height, nullptr), "行高");
    const bool any_muted = role == Role::Body && rows.any_muted();
    for (size_t c = 0; c < n; ++c) {
      Role r = role;
      if (any_muted && rows.muted(data_index, c)) r = Role::Muted;
      const Value& v = c < values.size() ? values[c] : empty;
      if (direct) direct->value(static_cast<lxw_col_t>(c), v, format(c, r));
      else write_value(ws, row, static_cast<lxw_col_t>(c), v, format(c, r));
    }
    if (direct) direct->end_row();
  };
  for (size_t i = 0; i < t.row_count(); ++i) write_row(t.data_row(i), rows[i], i, Role::Body);
  lxw_row_t next = t.totals_row();
  if (!t.totals.empty()) write_row(next++, t.totals, 0, Role::Total);
  if (!t.notes.empty()) write_notes(ws, f, t.notes, next + 1, ncols, total_width, direct ? &*direct : nullptr);
  if (direct) direct->finish();

  for (size_t c = 0; c < n; ++c)
    check(worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), l.widths[c], nullptr), "列宽");
  worksheet_freeze_panes(ws, t.first_data_row(), static_cast<lxw_col_t>(t.freeze_columns));
  if (t.row_count() > 0) {
    const lxw_row_t first = t.first_data_row();
    for (size_t c = 0; c < n;) {
      const ColumnKind k = t.columns[c].kind;
      size_t e = c;
      while (e + 1 < n && t.columns[e + 1].kind == k) ++e;
      const lxw_col_t c1 = static_cast<lxw_col_t>(c), c2 = static_cast<lxw_col_t>(e);
      if (k == ColumnKind::Grade) {
        highlight(ws, first, last_data, c1, c2, "优秀", f.good);
        highlight(ws, first, last_data, c1, c2, "合格", f.neutral);
        highlight(ws, first, last_data, c1, c2, "不合格", f.bad);
      } else if (k == ColumnKind::Verdict) {
        highlight(ws, first, last_data, c1, c2, "通过", f.good);
        highlight(ws, first, last_data, c1, c2, "不通过", f.bad);
        highlight(ws, first, last_data, c1, c2, "需专家核实", f.amber);
      }
      c = e + 1;
    }
  }
  page_setup(ws, t.title.empty() ? info.title : t.title, h0, h1, true, 0);
}

// ─────────────────────────────── charts ───────────────────────────────────

const Value* value_at(const TableSheet& t, RowReader& rows, uint32_t row, uint32_t col, Value& scratch) {
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
    auto& r = rows[row - t.first_data_row()];
    return col < r.size() ? &r[col] : nullptr;
  }
  if (row == t.totals_row() && col < t.totals.size()) return &t.totals[col];
  return nullptr;
}

// Fills a series range's cache with the values tws wrote, so viewers that draw from
// the cache (and charts over formula cells, which libxlsxwriter would cache as 0,
// or over constant_memory sheets, which it cannot read back) show the real data.
void fill_cache(lxw_series_range* r, const std::map<std::string, const TableSheet*>& tables, const CellRange& range) {
  auto it = tables.find(range.sheet);
  if (!r || it == tables.end()) return;
  uint16_t count = 0;
  RowReader rows(*it->second);
  for (uint32_t row = range.first_row; row <= range.last_row; ++row)
    for (uint32_t col = range.first_col; col <= range.last_col; ++col) {
      auto* p = static_cast<lxw_series_data_point*>(calloc(1, sizeof(lxw_series_data_point)));
      if (!p) throw std::bad_alloc();
      Value scratch;
      const Value* v = value_at(*it->second, rows, row, col, scratch);
      if (!v || std::holds_alternative<std::monostate>(*v)) {
        p->no_data = LXW_TRUE;
      } else if (auto* s = std::get_if<std::string>(v)) {
        p->is_string = LXW_TRUE;
        p->string = strdup(s->c_str());
        r->has_string_cache = LXW_TRUE;
      } else if (auto* d = std::get_if<Date>(v)) {
        p->number = d->year ? excel_serial(*d) : 0;
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

void write_charts(lxw_workbook* wb, Formats& f, const ChartSheet& cs, const WorkbookInfo& info,
                  const std::map<std::string, const TableSheet*>& tables) {
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
  const lxw_row_t chart_rows = static_cast<lxw_row_t>((height_px + kRowPx - 1) / kRowPx) + 1;
  lxw_row_t last_row = chart_row + chart_rows;
  if (!cs.notes.empty()) {
    write_notes(ws, f, cs.notes, last_row + 1, ncols, ncols * kColWidth);
    last_row += 1 + static_cast<lxw_row_t>(cs.notes.size());
  }

  uint32_t x = kGap;
  lxw_chart_font title_font = chart_font(info.font, 14, true), axis_font = chart_font(info.font, 10, false),
                 label_font = chart_font(info.font, 10, false);
  for (auto& c : cs.charts) {
    lxw_chart* chart = workbook_add_chart(wb, c.type == ChartType::Pie ? LXW_CHART_PIE : LXW_CHART_COLUMN);
    if (!chart) throw std::runtime_error("无法创建图表“" + c.title + "”");
    chart_title_set_name(chart, c.title.c_str());
    chart_title_set_name_font(chart, &title_font);
    chart_legend_set_position(chart, c.type == ChartType::Pie ? LXW_CHART_LEGEND_RIGHT : LXW_CHART_LEGEND_BOTTOM);
    chart_legend_set_font(chart, &axis_font);
    for (auto& s : c.series) {
      lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
      if (!series) throw std::runtime_error("无法添加图表数据系列");
      chart_series_set_categories(series, c.categories.sheet.c_str(), c.categories.first_row, c.categories.first_col,
                                  c.categories.last_row, c.categories.last_col);
      chart_series_set_values(series, s.values.sheet.c_str(), s.values.first_row, s.values.first_col,
                              s.values.last_row, s.values.last_col);
      fill_cache(series->categories, tables, c.categories);
      fill_cache(series->values, tables, s.values);
      if (!s.name.sheet.empty()) {
        chart_series_set_name_range(series, s.name.sheet.c_str(), s.name.first_row, s.name.first_col);
        fill_cache(series->title.range, tables, s.name);
      }
      chart_series_set_labels(series);
      chart_series_set_labels_font(series, &label_font);
      if (c.type == ChartType::Pie) {
        chart_series_set_labels_options(series, LXW_FALSE, LXW_TRUE, LXW_TRUE);
        chart_series_set_labels_percentage(series);
        chart_series_set_labels_separator(series, LXW_CHART_LABEL_SEPARATOR_NEWLINE);
        chart_series_set_labels_position(series, LXW_CHART_LABEL_POSITION_BEST_FIT);
        std::vector<lxw_chart_fill> fills(s.point_colours.size());
        std::vector<lxw_chart_point> points(s.point_colours.size());
        std::vector<lxw_chart_point*> ptrs;
        for (size_t i = 0; i < s.point_colours.size(); ++i) {
          fills[i].color = s.point_colours[i];
          points[i].fill = &fills[i];
          ptrs.push_back(&points[i]);
        }
        ptrs.push_back(nullptr);
        if (!s.point_colours.empty()) check(chart_series_set_points(series, ptrs.data()), "图表颜色");
      } else {
        lxw_chart_fill fill{};
        fill.color = s.colour;
        chart_series_set_fill(series, &fill);
        chart_series_set_labels_position(series, LXW_CHART_LABEL_POSITION_OUTSIDE_END);
      }
    }
    if (c.type == ChartType::Column) {
      if (!c.x_title.empty()) chart_axis_set_name(chart->x_axis, c.x_title.c_str());
      if (!c.y_title.empty()) chart_axis_set_name(chart->y_axis, c.y_title.c_str());
      chart_axis_set_name_font(chart->x_axis, &axis_font);
      chart_axis_set_name_font(chart->y_axis, &axis_font);
      chart_axis_set_num_font(chart->x_axis, &axis_font);
      chart_axis_set_num_font(chart->y_axis, &axis_font);
      chart_axis_set_min(chart->y_axis, 0);
      chart_axis_set_major_unit(chart->y_axis, 1);
      chart_axis_set_num_format(chart->y_axis, "0");
    }
    lxw_chart_options opt{};
    opt.x_offset = static_cast<int32_t>(x);
    opt.y_offset = 0;
    opt.x_scale = c.width_px / 480.0;
    opt.y_scale = c.height_px / 288.0;
    opt.object_position = LXW_OBJECT_MOVE_DONT_SIZE;
    std::string alt = c.title;
    opt.description = const_cast<char*>(alt.c_str());
    check(worksheet_insert_chart_opt(ws, chart_row, 0, chart, &opt), "插入图表");
    x += c.width_px + kGap;
  }
  check(worksheet_print_area(ws, 0, 0, last_row, ncols - 1), "打印区域");
  worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
  page_setup(ws, cs.title, 0, 0, false, 1);
}

class PackageScope {
 public:
  explicit PackageScope(bool on) : on_(on) {
    if (on_) detail::begin_package_scope();
  }
  ~PackageScope() {
    if (on_) detail::end_package_scope();
  }
  PackageScope(const PackageScope&) = delete;
  PackageScope& operator=(const PackageScope&) = delete;

 private:
  bool on_;
};

using SheetRef = std::variant<const TableSheet*, const ChartSheet*, const LazyTable*>;

void write_sheets(const std::filesystem::path& target, const WorkbookInfo& info, const std::vector<SheetRef>& sheets) {
  std::map<std::string, const TableSheet*> tables;
  size_t largest = 0;
  for (auto& s : sheets) {
    if (auto* t = std::get_if<const TableSheet*>(&s)) {
      tables[(*t)->name] = *t;  // charts take their cached values from these
      largest = std::max(largest, (*t)->row_count());
    } else if (auto* l = std::get_if<const LazyTable*>(&s)) {
      largest = std::max(largest, (*l)->rows);
    }
  }
  static const bool linked = detail::package_interposers_linked();
  (void)linked;
  const bool fast = info.fast_paths && detail::package_interposers_usable();
  write_atomically(target, [&](const std::filesystem::path& tmp) {
    PackageScope scope(fast);
    lxw_workbook_options options{};
    options.constant_memory = largest >= info.constant_memory_rows ? LXW_TRUE : LXW_FALSE;
    lxw_workbook* wb = workbook_new_opt(tmp.c_str(), &options);
    if (!wb) throw std::runtime_error("无法创建工作簿 " + tmp.string());
    lxw_doc_properties props{};
    props.title = const_cast<char*>(info.title.c_str());
    props.subject = const_cast<char*>(info.subject.c_str());
    props.author = const_cast<char*>(info.author.c_str());
    props.manager = const_cast<char*>(info.author.c_str());
    props.company = const_cast<char*>(info.company.c_str());
    props.keywords = const_cast<char*>(info.keywords.c_str());
    props.comments = const_cast<char*>(info.comments.c_str());
    props.created = epoch_of(info.date_iso);
    check(workbook_set_properties(wb, &props), "文档属性");
    try {
      Formats f(wb, info.font);
      for (auto& s : sheets) {
        if (auto* t = std::get_if<const TableSheet*>(&s)) {
          write_table(wb, f, **t, info, fast && options.constant_memory);
        } else if (auto* l = std::get_if<const LazyTable*>(&s)) {
          const TableSheet table = (*l)->make();
          if (table.row_count() != (*l)->rows)
            throw std::logic_error("工作表“" + table.name + "”的行数与预计的不同");
          write_table(wb, f, table, info, fast && options.constant_memory);
        } else {
          write_charts(wb, f, *std::get<const ChartSheet*>(s), info, tables);
        }
      }
    } catch (...) {
      workbook_close(wb);
      throw;
    }
    check(workbook_close(wb), "写入 " + target.string());
  });
}

}  // namespace

void write_workbook(const std::filesystem::path& target, const WorkbookInfo& info, const std::vector<Sheet>& sheets) {
  std::vector<SheetRef> refs;
  for (auto& s : sheets) {
    if (auto* t = std::get_if<TableSheet>(&s)) refs.emplace_back(t);
    else refs.emplace_back(&std::get<ChartSheet>(s));
  }
  write_sheets(target, info, refs);
}

void write_lazy_tables(const std::filesystem::path& target, const WorkbookInfo& info,
                       const std::vector<LazyTable>& tables) {
  std::vector<SheetRef> refs;
  for (auto& t : tables) refs.emplace_back(&t);
  write_sheets(target, info, refs);
}

// The tables by reference (a vector<Sheet> of them would copy every row).
void write_tables(const std::filesystem::path& target, const WorkbookInfo& info,
                  const std::vector<TableSheet>& sheets) {
  std::vector<SheetRef> refs;
  for (auto& t : sheets) refs.emplace_back(&t);
  write_sheets(target, info, refs);
}

}  // namespace tws::report
