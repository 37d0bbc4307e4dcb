// The parts of a template workbook (input_template.cpp) that the pre-filled workbooks
// (prefilled.cpp) reuse: formats, the instructions sheet, column widths, formats and
// validations. Private to src/input_template/.
#pragma once
#include <xlsxwriter.h>

#include <ctime>
#include <filesystem>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "input_template/input_template.h"
#include "records/schema.h"

namespace tws::template_writer::detail {

// Validations and text formats cover the header row + this many rows (rows 2..1001).
constexpr lxw_row_t kDataRows = 1000;
// Every cell carries a format naming a Chinese font; Excel's default (Calibri)
// would otherwise render CJK with a fallback font of a different width.
constexpr const char* kFont = "宋体";
// 2024-01-01T00:00:00Z. libxlsxwriter stamps core.xml with the current time unless
// told otherwise; a fixed date makes the same schema give the same bytes.
constexpr time_t kFixedCreated = 1704067200;
constexpr const char* kListsSheet = "_lists";
// Points per wrapped line of 11 pt 宋体, for the row heights we set ourselves
// (Excel does not auto-fit merged cells).
constexpr double kLineHeight = 15.0;

// Values for {name} in the instructions text ("assessment.excellent" → "90").
using Vars = std::map<std::string, std::string>;

struct Formats {
  lxw_format *header, *body, *text, *percent, *date, *year;
  lxw_format *title, *heading, *prose, *table_head, *table_cell;
};

// One line of the instructions text, after selecting the lines for one workbook.
struct ProseLine {
  enum Kind { Title, Heading, Text, Blank, Table } kind;
  std::string text;
};

// std::runtime_error naming `what` when libxlsxwriter refused.
void check(lxw_error err, const std::string& what);
// A4 landscape, one page wide.
void set_print(lxw_worksheet* ws);
// A data sheet's column header (bold, wrapped) at row 0; returns the lines it takes.
double write_column_header(lxw_worksheet* ws, lxw_col_t col, const records::ColumnSpec& c, double width, const Formats& f);
// A data sheet's header row height from its tallest header, frozen and repeated on print.
void finish_data_sheet(lxw_worksheet* ws, double header_lines);
// Lines `text` takes in a wrapped cell `width` units wide.
int wrapped_lines(std::string_view text, double width);
// A format in the template's font and size.
lxw_format* add_format(lxw_workbook* wb);
Formats make_formats(lxw_workbook* wb);
std::string read_text_file(const std::filesystem::path& path);
// The 填写说明 sheet from `text` (templates/input/填写说明.txt) with `vars`; `own`: a
// text whose section for the file replaces the file's own (the pre-filled workbooks').
void write_instructions(lxw_workbook* wb, const records::FileSpec& file, const std::string& text, const Formats& f,
                        const Vars& vars, const std::string& own);
double column_width(const records::ColumnSpec& c);
lxw_format* column_format(const records::ColumnSpec& c, const Formats& f);

// Lists too long to write inline, laid out one per column of `_lists`.
class ListSheet {
 public:
  // The list formula for `values`, e.g. "=_lists!$A$1:$A$7"; identical lists share a column.
  std::string formula(const std::vector<std::string>& values) {
    size_t col = 0;
    while (col < lists_.size() && lists_[col] != values) ++col;
    if (col == lists_.size()) lists_.push_back(values);
    std::string letter = tws::column_name(static_cast<int>(col) + 1);
    return "=" + std::string(kListsSheet) + "!$" + letter + "$1:$" + letter + "$" +
           std::to_string(values.size());
  }
  void write(lxw_workbook* wb, const Formats& f) const {
    if (lists_.empty()) return;
    lxw_worksheet* ws = workbook_add_worksheet(wb, kListsSheet);
    if (!ws) throw std::runtime_error("无法添加工作表 _lists");
    for (size_t c = 0; c < lists_.size(); ++c) {
      double width = 8;
      for (size_t r = 0; r < lists_[c].size(); ++r) {
        check(worksheet_write_string(ws, r, c, lists_[c][r].c_str(), f.body), "写入下拉列表");
        width = std::max(width, display_width(lists_[c][r]) + 2);
      }
      check(worksheet_set_column(ws, c, c, width, nullptr), "设置列宽");
    }
    worksheet_hide(ws);
  }

 private:
  std::vector<std::vector<std::string>> lists_;
};

// A workbook titled `title` (file `name`, for messages) written to `tmp` by `sheets`, with the fixed document date;
// write_error when the disk refuses it.
void build_workbook(const std::filesystem::path& tmp, const std::string& title, const std::string& name,
                    const std::function<void(lxw_workbook*, const Formats&)>& sheets);

// The column's validation over rows 2..1001 (drop-down, number range or hint).
void add_validation(lxw_worksheet* ws, lxw_col_t col, const records::SheetSpec& sheet, const records::ColumnSpec& c,
                    ListSheet& lists);

}  // namespace tws::template_writer::detail
