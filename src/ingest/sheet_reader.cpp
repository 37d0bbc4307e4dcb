#include "ingest/sheet_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <optional>

#include "ingest/messages.h"
#include "ingest/ooxml_text.h"
#include "ingest/opc_package.h"
#include "ingest/xml_parser.h"

namespace tws::ingest::detail {

namespace {

// The elements of a worksheet that carry data; everything else is Other.
enum class El : uint8_t { Other, Worksheet, SheetData, Row, Cell, V, F, Is, Run, T, MergeCells, MergeCell };

El classify(bool root, El parent, std::string_view ns, std::string_view local) {
  if (!is_main_ns(ns)) return El::Other;
  if (root) return local == "worksheet" ? El::Worksheet : El::Other;
  switch (parent) {
    case El::Worksheet:
      if (local == "sheetData") return El::SheetData;
      return local == "mergeCells" ? El::MergeCells : El::Other;
    case El::SheetData: return local == "row" ? El::Row : El::Other;
    case El::Row: return local == "c" ? El::Cell : El::Other;
    case El::Cell:
      if (local == "v") return El::V;
      if (local == "f") return El::F;
      return local == "is" ? El::Is : El::Other;
    // <rPh> (a phonetic reading) is Other, so the <t> inside it is never read.
    case El::Is:
      if (local == "t") return El::T;
      return local == "r" ? El::Run : El::Other;
    case El::Run: return local == "t" ? El::T : El::Other;
    case El::MergeCells: return local == "mergeCell" ? El::MergeCell : El::Other;
    default: return El::Other;
  }
}

std::string_view trim(std::string_view s) {
  const char* ws = " \t\r\n";
  size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

template <typename T>
bool parse_uint(std::string_view s, T& out) {
  s = trim(s);
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && !s.empty();
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

Cell text_cell(CellType type, std::string text) {
  Cell c;
  c.type = type;
  c.text = std::move(text);
  return c;
}

// The raw parts of the <c> being read.
struct PendingCell {
  uint32_t col = 0;
  std::string type = "n";
  uint32_t style = 0;
  std::string v, f, inline_text;
  bool has_f = false;  // an <f> element, possibly empty (a shared formula's other cells)
};

// Reads a worksheet's rows and merged ranges. Each finished row goes to `sink`; with no
// sink (a scan) no cell is built: only row order, row count and merges are taken.
class SheetHandler : public XmlHandler {
 public:
  SheetHandler(const SheetContext& ctx, std::string name, std::function<void(Row&&)> sink)
      : ctx_(ctx), name_(std::move(name)), sink_(std::move(sink)) {}

  SheetScan scan;  // merged ranges always; row order and count in a scan

  void start(std::string_view ns, std::string_view local, const XmlAttrs& attrs) override {
    El el = classify(stack_.empty(), stack_.empty() ? El::Other : stack_.back(), ns, local);
    stack_.push_back(el);
    switch (el) {
      case El::Row: begin_row(attrs); break;
      case El::Cell: begin_cell(attrs); break;
      case El::MergeCell: add_merge(attrs); break;
      case El::V: text_ = sink_ ? &cell_.v : nullptr; break;
      case El::F:
        cell_.has_f = true;
        text_ = sink_ ? &cell_.f : nullptr;
        break;
      case El::T: text_ = sink_ ? &cell_.inline_text : nullptr; break;
      default: break;
    }
  }

  void end(std::string_view, std::string_view) override {
    El el = stack_.back();
    stack_.pop_back();
    if (el == El::V || el == El::F || el == El::T) text_ = nullptr;
    else if (el == El::Cell) finish_cell();
    else if (el == El::Row) finish_row();
  }

  void text(std::string_view chars) override {
    if (text_) text_->append(chars);
  }

 private:
  [[noreturn]] void fail(const std::string& message) const {
    throw InputError(Location{ctx_.file, name_, 0, 0}, message);
  }

  [[noreturn]] void fail_ref(std::string_view ref) const {
    fail("单元格地址“" + std::string(ref.substr(0, 32)) + "”无效，文件可能已损坏；请在 Excel 或 WPS 中重新保存为 .xlsx 后再上传");
  }

  void check_grid(uint64_t row, uint64_t col) const {
    if (row >= ctx_.limits.max_rows || col >= ctx_.limits.max_cols)
      fail(grid_limit_message(ctx_.limits.max_rows, ctx_.limits.max_cols));
  }

  void begin_row(const XmlAttrs& attrs) {
    row_cells_.clear();
    row_has_cells_ = false;
    next_col_ = 0;
    row_from_cell_.reset();
    row_r_.reset();
    if (const std::string_view* r = attrs.find("r")) {
      uint64_t n = 0;
      if (!parse_uint(*r, n) || n == 0) fail_ref(*r);
      check_grid(n - 1, 0);
      row_r_ = uint32_t(n - 1);
    }
  }

  uint32_t current_row() const {
    if (row_r_) return *row_r_;
    return row_from_cell_ ? *row_from_cell_ : next_row_;
  }

  void begin_cell(const XmlAttrs& attrs) {
    cell_ = PendingCell();
    if (const std::string_view* r = attrs.find("r")) {
      uint32_t col = 0, row = 0;
      if (!parse_cell_ref(*r, col, row)) fail_ref(*r);
      check_grid(row, col);
      cell_.col = col;
      if (!row_from_cell_) row_from_cell_ = row;
    } else {
      // Power BI leaves out `r`: the cell follows the previous one.
      cell_.col = next_col_;
    }
    check_grid(current_row(), cell_.col);
    next_col_ = cell_.col + 1;
    if (const std::string_view* t = attrs.find("t")) cell_.type = std::string(*t);
    if (const std::string_view* s = attrs.find("s")) {
      if (!parse_uint(*s, cell_.style)) cell_.style = 0;
    }
  }

  const XfFormat& format() const {
    static const XfFormat general;
    return cell_.style < ctx_.formats.size() ? ctx_.formats[cell_.style] : general;
  }

  // WPS stores a picture placed in a cell as a DISPIMG formula; it is not text.
  bool is_wps_image() const {
    return starts_with(trim(cell_.f), "_xlfn.DISPIMG(") || starts_with(trim(cell_.v), "=DISPIMG(");
  }

  void warn_image() {
    ctx_.warnings.push_back({Severity::Warning,
                             Location{ctx_.file, name_, int(current_row()) + 1, int(cell_.col) + 1},
                             "单元格中是 WPS 嵌入的图片（DISPIMG），不是文字，已按空单元格处理；"
                             "如需填写内容，请删除图片后输入文字"});
  }

  Cell shared_string_cell(std::string_view v) const {
    Cell c;
    if (trim(v).empty()) return c;  // t="s" with <v/>: empty, not string 0
    uint64_t index = 0;
    if (!parse_uint(v, index) || index >= ctx_.shared_strings.size())
      fail("共享字符串编号“" + std::string(trim(v).substr(0, 32)) +
           "”超出范围，文件可能已损坏；请在 Excel 或 WPS 中重新保存为 .xlsx 后再上传");
    c.type = CellType::String;
    c.text = ctx_.shared_strings[index];
    return c;
  }

  Cell number_cell(std::string_view v) const {
    Cell c;
    std::string_view s = trim(v);
    if (s.empty()) return c;
    double number = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), number);
    if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(number)) {
      c.type = CellType::String;  // not a number after all: keep what is there
      c.text = std::string(v);
      return c;
    }
    const XfFormat& fmt = format();
    // The format decides what a date cell carries, as Excel shows it: a
    // date-only format drops the time of day, a time-only format the date.
    if (fmt.shown.any()) {
      if (auto dt = serial_to_datetime(number, ctx_.date1904, fmt.shown)) {
        c.type = CellType::Date;
        c.date = *dt;
        return c;
      }
    }
    c.type = CellType::Number;
    c.number = number;
    return c;
  }

  Cell boolean_cell(std::string_view v) const {
    Cell c;
    std::string_view s = trim(v);
    if (s.empty()) return c;
    c.type = CellType::Boolean;
    if (s == "1" || s == "true" || s == "TRUE") c.number = 1;
    else if (s == "0" || s == "false" || s == "FALSE") c.number = 0;
    else c = text_cell(CellType::String, std::string(v));
    return c;
  }

  Cell make_cell() const {
    const std::string& t = cell_.type;
    Cell c;
    if (t == "s") c = shared_string_cell(cell_.v);
    else if (t == "inlineStr") c = text_cell(CellType::String, decode_ooxml_escapes(cell_.inline_text));
    else if (t == "str") c = text_cell(CellType::String, decode_ooxml_escapes(cell_.v));
    else if (t == "b") c = boolean_cell(cell_.v);
    else if (t == "e") c = trim(cell_.v).empty() ? Cell() : text_cell(CellType::Error, std::string(trim(cell_.v)));
    else if (t == "d") c = date_cell(cell_.v);
    else c = number_cell(cell_.v);
    if (!c.empty()) c.format = format().code;
    return c;
  }

  static Cell date_cell(std::string_view v) {
    Cell c;
    if (trim(v).empty()) return c;
    if (auto dt = parse_iso_datetime(v)) {
      c.type = CellType::Date;
      c.date = *dt;
    } else {
      c.type = CellType::String;
      c.text = std::string(v);
    }
    return c;
  }

  void finish_cell() {
    if (!sink_) {
      row_has_cells_ = true;  // a scan cannot tell an empty cell: any <c> counts
      return;
    }
    if (is_wps_image()) {
      warn_image();
      return;
    }
    Cell c = make_cell();
    // A formula with no result saved reads as empty, but the validation must be able to
    // say why (else "未填写" misleads): the cell is kept, marked.
    if (c.empty() && cell_.has_f && trim(cell_.v).empty()) c.uncached_formula = true;
    if (c.empty() && !c.uncached_formula) return;
    ctx_.budget.text_bytes += c.text.size();
    if (ctx_.budget.text_bytes > ctx_.limits.max_text_bytes)
      fail(text_limit_message(ctx_.limits.max_text_bytes));
    if (row_cells_.size() <= cell_.col) row_cells_.resize(size_t(cell_.col) + 1);
    row_cells_[cell_.col] = std::move(c);
  }

  void finish_row() {
    uint32_t index = current_row();
    next_row_ = index + 1;
    if (!sink_) {
      if (!row_has_cells_) return;
      if (scan.rows > 0 && index <= last_row_) scan.ordered = false;
      last_row_ = index;
      ++scan.rows;
      return;
    }
    // Blank rows are omitted (a row of formulas without results is blank too).
    if (std::none_of(row_cells_.begin(), row_cells_.end(), [](const Cell& c) { return !c.empty(); })) {
      row_cells_.clear();
      return;
    }
    ctx_.budget.cells += row_cells_.size();
    if (ctx_.budget.cells > ctx_.limits.max_cells) fail(cells_limit_message(ctx_.limits.max_cells));
    sink_(Row{index, std::move(row_cells_)});
    row_cells_ = {};
  }

  void add_merge(const XmlAttrs& attrs) {
    const std::string_view* ref = attrs.find("ref");
    if (!ref) return;
    size_t colon = ref->find(':');
    if (colon == std::string_view::npos) return;
    MergedRange m;
    if (!parse_cell_ref(ref->substr(0, colon), m.first_col, m.first_row) ||
        !parse_cell_ref(ref->substr(colon + 1), m.last_col, m.last_row))
      return;  // a merge is layout, not data: a bad one is skipped
    if (m.first_row > m.last_row) std::swap(m.first_row, m.last_row);
    if (m.first_col > m.last_col) std::swap(m.first_col, m.last_col);
    if (m.last_row >= ctx_.limits.max_rows || m.last_col >= ctx_.limits.max_cols) return;
    scan.merged.push_back(m);
  }

  const SheetContext& ctx_;
  std::string name_;
  std::function<void(Row&&)> sink_;
  std::vector<El> stack_;
  std::string* text_ = nullptr;
  PendingCell cell_;
  std::vector<Cell> row_cells_;
  bool row_has_cells_ = false;
  std::optional<uint32_t> row_r_, row_from_cell_;
  uint32_t next_row_ = 0, next_col_ = 0, last_row_ = 0;
};

// Rows given out of order or twice: sort them, later cells winning.
void merge_unordered_rows(std::vector<Row>& rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.index < b.index; });
  std::vector<Row> merged;
  for (auto& row : rows) {
    if (merged.empty() || merged.back().index != row.index) {
      merged.push_back(std::move(row));
      continue;
    }
    auto& into = merged.back().cells;
    if (into.size() < row.cells.size()) into.resize(row.cells.size());
    for (size_t c = 0; c < row.cells.size(); ++c)
      if (!row.cells[c].empty()) into[c] = std::move(row.cells[c]);
  }
  rows = std::move(merged);
}

}  // namespace

bool parse_cell_ref(std::string_view ref, uint32_t& col, uint32_t& row) {
  size_t i = 0;
  uint64_t c = 0;
  while (i < ref.size() && i < 4) {
    char ch = ref[i];
    if (ch >= 'a' && ch <= 'z') ch = char(ch - 'a' + 'A');
    if (ch < 'A' || ch > 'Z') break;
    c = c * 26 + uint64_t(ch - 'A' + 1);
    ++i;
  }
  uint64_t r = 0;
  if (i == 0 || !parse_uint(ref.substr(i), r) || r == 0 || r > UINT32_MAX) return false;
  if (ref.substr(i).find_first_of(" \t\r\n+") != std::string_view::npos) return false;
  col = uint32_t(c - 1);
  row = uint32_t(r - 1);
  return true;
}

void read_sheet(ZipArchive& zip, const std::string& part, const SheetContext& context, Sheet& sheet) {
  SheetHandler handler(context, sheet.name, [&](Row&& row) { sheet.rows.push_back(std::move(row)); });
  parse_xml_part(zip, part, handler, context.limits, context.file);
  sheet.merged = std::move(handler.scan.merged);
  auto disorder = std::adjacent_find(sheet.rows.begin(), sheet.rows.end(),
                                     [](const Row& a, const Row& b) { return a.index >= b.index; });
  if (disorder != sheet.rows.end()) merge_unordered_rows(sheet.rows);
}

SheetScan scan_sheet(ZipArchive& zip, const std::string& part, const SheetContext& context, const std::string& name) {
  SheetHandler handler(context, name, nullptr);
  parse_xml_part(zip, part, handler, context.limits, context.file);
  return std::move(handler.scan);
}

void stream_sheet(ZipArchive& zip, const std::string& part, const SheetContext& context, const std::string& name,
                  const std::function<void(Row&&)>& each) {
  SheetHandler handler(context, name, each);
  parse_xml_part(zip, part, handler, context.limits, context.file);
}

}  // namespace tws::ingest::detail
