// Workbooks of plain tables, formatted the way HR expects on first open in Excel or
// WPS: title row, frozen header, filter, widths that fit Chinese text, number
// formats, coloured grades/verdicts, borders, A4 landscape print set-up.
#pragma once
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

namespace tws::report {

enum class ColumnKind {
  Text,     // wrapped when long
  Integer,  // 0
  Decimal,  // 0.0
  Score,    // 0.00
  Money,    // ¥#,##0
  Percent,  // 0%
  Date,     // ISO text shown as written (yyyy-mm-dd)
  Grade,    // 优秀 green, 合格 neutral, 不合格 red
  Verdict,  // 通过 green, 不通过 red, 需专家核实 amber
};

struct Column {
  std::string header;
  ColumnKind kind = ColumnKind::Text;
  double max_width = 40;  // Excel character units; longer text wraps
};

// A cell: empty, text (always written as a string, never as a formula, so user
// text beginning with = + - @ cannot run), or a number.
using Value = std::variant<std::monostate, std::string, double>;

struct TableSheet {
  std::string name;    // sheet name (Simplified Chinese, ≤ 31 characters)
  std::string title;   // merged title row above the header
  std::vector<Column> columns;
  std::vector<std::vector<Value>> rows;
};

struct WorkbookInfo {
  std::string title;
  std::string author;      // the institution
  std::string company;
  std::string date_iso;    // the run's date: document properties, so bytes are reproducible
  std::string font = "宋体";
};

// Writes `sheets` to `target` atomically. Throws std::runtime_error on failure.
void write_tables(const std::filesystem::path& target, const WorkbookInfo& info,
                  const std::vector<TableSheet>& sheets);

}  // namespace tws::report
