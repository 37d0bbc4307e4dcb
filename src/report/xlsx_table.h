// Workbooks of tables and charts, formatted the way HR expects on first open in
// Excel or WPS: a merged title row, frozen (one- or two-row) header, filter, widths
// that fit Chinese text, wrapped long text with row heights to match, number and
// date formats, coloured grades/verdicts, borders, a totals row, notes under the
// table, document properties, and A4 landscape print set-up (fit to one page wide,
// header rows repeated, title in the page header, '第 &P 页 共 &N 页' in the footer).
//
// Everything a user typed is written as a string, never as a formula, so a cell
// that begins with = + - @ cannot run. Formulas come only from Formula values,
// which tws builds itself; each carries its result, computed in C++, as the cached
// value so viewers that do not recalculate show it too.
//
// Same sheets + same WorkbookInfo → byte-identical file (document dates come from
// the run date, not the clock).
#pragma once
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "common/date.h"

namespace tws::report {

enum class ColumnKind {
  Text,     // wrapped when longer than the column
  Integer,  // 0
  Decimal,  // 0.0
  Score,    // 0.00
  Money,    // "¥"#,##0
  Percent,  // 0.0%
  Date,     // yyyy"年"m"月"d"日" (Date values are written as Excel date numbers)
  Grade,    // 优秀 green, 合格 neutral grey, 不合格 red (conditional formats)
  Verdict,  // 通过 green, 不通过 red, 提示 and 待核实 amber (conditional formats)
  YesNo,    // 是 / 否, centred
};

struct Column {
  std::string header;
  ColumnKind kind = ColumnKind::Text;
  double max_width = 40;  // Excel character units; longer text wraps
  std::string group;      // upper header row, merged over adjacent columns of the same group
};

// A formula written by tws (never user text) with its result computed in C++.
struct Formula {
  std::string text;  // without the leading '=': "SUM(F4:F12)"
  double cached = 0;
};

// A cell: empty, text (always a string cell), a number, a date (a date that is not
// ok(), such as Date{}, is a blank cell), or a formula.
using Value = std::variant<std::monostate, std::string, double, Date, Formula>;

struct TableSheet {
  std::string name;    // sheet name (≤ 31 characters)
  std::string title;   // merged title row above the header; also the printed page header
  std::vector<Column> columns;
  std::vector<std::vector<Value>> rows;
  std::vector<Value> totals;        // non-empty: a bold totals row right under the data
  std::vector<std::string> notes;   // lines under the table (merged across its width)
  std::set<std::pair<size_t, size_t>> muted;  // (row, column) of `rows` shown grey, struck through
  uint32_t freeze_columns = 0;      // columns kept in view when scrolling right

  // Layout (0-based sheet rows): title row, 1 or 2 header rows, data, totals.
  bool grouped() const;
  uint32_t header_rows() const { return grouped() ? 2 : 1; }
  uint32_t first_header_row() const { return title.empty() ? 0 : 1; }
  uint32_t last_header_row() const { return first_header_row() + header_rows() - 1; }
  uint32_t first_data_row() const { return last_header_row() + 1; }
  uint32_t data_row(size_t i) const { return first_data_row() + static_cast<uint32_t>(i); }
  uint32_t totals_row() const { return first_data_row() + static_cast<uint32_t>(rows.size()); }
};

// "A1"-style reference of a 0-based cell, absolute ("$F$4") when asked.
std::string cell_ref(uint32_t row, uint32_t col, bool absolute = false);

// Text as written into a cell: Excel refuses strings over 32,767 characters (reasons
// never come close, a pasted document might), so a longer one is cut with "…".
std::string cell_text(const std::string& s);

// The value written at 0-based (row, col) of `t`'s sheet, or null for an empty cell:
// the title, header and group cells are made into `scratch`; notes are not included.
const Value* value_at(const TableSheet& t, uint32_t row, uint32_t col, Value& scratch);
// Sheet name quoted for a formula: '考核汇总'.
std::string quoted_sheet(const std::string& name);
// The data cells of column `col` as a range ("F4:F12", or absolute "$F$4:$F$12"), or
// "" when the table has no rows.
std::string column_range(const TableSheet& t, size_t col, bool absolute = false);
// =SUM() over the data cells of column `col`, cached with the sum of its numbers.
Formula column_sum(const TableSheet& t, size_t col);
// =COUNTIF() of the text `what` over the data cells of column `col`, cached with the
// number of those cells that hold it.
Formula column_count(const TableSheet& t, size_t col, const std::string& what);
// The number a cell shows: a number, a formula's cached value, or 0.
double number_of(const Value& v);
// Width of a line of text in Excel character units as tws estimates it for 宋体: 2.1 per
// wide (CJK) character, 1.1 per other — template_writer::display_width, computed the
// same way without allocating.
double text_width(std::string_view s);
// text_width of a number as its column's format shows it (0 / 0.0 / 0.00 / "¥"#,##0 /
// 0.0% / a date / up to 10 significant digits).
double number_width(double v, ColumnKind k);

// Charts on a sheet of their own; data ranges point at a TableSheet of the same
// workbook and the cached values are taken from that sheet's Values.
struct CellRange {
  std::string sheet;
  uint32_t first_row = 0, first_col = 0, last_row = 0, last_col = 0;
};

enum class ChartType { Column, Pie };

struct ChartSeries {
  CellRange name;    // one cell holding the series name
  CellRange values;
  uint32_t colour = 0;                  // column charts: the series fill
  std::vector<uint32_t> point_colours;  // pie charts: one per slice
};

struct Chart {
  ChartType type = ChartType::Column;
  std::string title;
  CellRange categories;
  std::vector<ChartSeries> series;
  std::string x_title, y_title;
  uint32_t width_px = 560, height_px = 360;
};

struct ChartSheet {
  std::string name;
  std::string title;   // merged title row above the charts
  std::vector<Chart> charts;  // side by side, left to right
  std::vector<std::string> notes;  // lines under the charts
};

using Sheet = std::variant<TableSheet, ChartSheet>;

struct WorkbookInfo {
  std::string title;
  std::string author;      // the institution
  std::string company;
  std::string date_iso;    // the run's date: document properties, so bytes are reproducible
  std::string font = "宋体";
  std::string subject, keywords, comments;
  // libxlsxwriter's constant_memory mode (each row written out as soon as the next
  // one starts, strings inline instead of in the shared-strings table) once a table
  // sheet reaches this many data rows; 0 = always.
  size_t constant_memory_rows = 500;
};

// Writes `sheets` to `target` atomically, then reads the file back: a workbook whose
// sheets or cells differ from `sheets` (a write the library did not check failed) is
// a write error naming `target`. Throws std::runtime_error on other failures.
void write_workbook(const std::filesystem::path& target, const WorkbookInfo& info,
                    const std::vector<Sheet>& sheets);

// The first difference between the workbook `file` and `sheets` (sheet names in
// order; every title, header, data and totals cell of each table; notes), as
// "sheet!A1: …"; empty when the file holds them all. Charts and formats are not
// compared, but every XML part must be well-formed. Throws tws::InputError when the
// file cannot be read as a workbook or a part is not well-formed XML.
std::string compare_workbook(const std::filesystem::path& file, const std::vector<Sheet>& sheets);
}  // namespace tws::report
