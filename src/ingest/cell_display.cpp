// How cells are shown to people: display() for one cell, inspect_text() for
// `tws inspect`.
#include <charconv>
#include <cmath>

#include "ingest/workbook.h"

namespace tws::ingest {

namespace {

// Numbers print like JavaScript's Number#toString: the shortest text that reads
// back as the same double, in plain notation for 1e-6 <= |x| < 1e21 (so
// 1000000 is "1000000", 0.1 is "0.1") and in exponent notation outside that
// range ("1e+21", "1.5e-7"), where a digit string would mislead.
std::string format_number(double v) {
  if (v == 0) return "0";  // also -0
  char buf[512];
  double a = std::fabs(v);
  bool plain = a >= 1e-6 && a < 1e21;
  auto fmt = plain ? std::chars_format::fixed : std::chars_format::scientific;
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, fmt);
  std::string s(buf, ec == std::errc() ? end : buf);
  if (!plain) {
    // "1.5e-07" -> "1.5e-7"
    size_t e = s.find('e');
    if (e != std::string::npos && e + 2 < s.size()) {
      size_t digits = e + 2;
      while (digits + 1 < s.size() && s[digits] == '0') s.erase(digits, 1);
    }
  }
  return s;
}

std::string escape_cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else out += c;
  }
  return out;
}

std::string row_line(const Row& row) {
  size_t last = row.cells.size();
  while (last > 0 && row.cells[last - 1].empty()) --last;
  std::string line;
  for (size_t c = 0; c < last; ++c) {
    if (c) line += '\t';
    line += escape_cell(display(row.cells[c]));
  }
  return line;
}

// Blank rows are printed as empty lines, so the N-th line under the header is
// sheet row N, as in Excel and in LibreOffice's CSV export.
std::string sheet_text(const Sheet& sheet) {
  std::string out = "# sheet: " + escape_cell(sheet.name) + (sheet.hidden ? " (hidden)" : "") + "\n";
  uint32_t next = 0;
  for (const Row& row : sheet.rows) {
    for (; next < row.index; ++next) out += '\n';
    out += row_line(row) + '\n';
    next = row.index + 1;
  }
  return out;
}

std::string sheet_list(const Workbook& wb) {
  std::string names;
  for (const auto& s : wb.sheets) names += (names.empty() ? "" : "、") + s.name;
  return names.empty() ? "（没有工作表）" : names;
}

}  // namespace

std::string display(const Cell& cell) {
  switch (cell.type) {
    case CellType::Empty: return "";
    case CellType::String:
    case CellType::Error: return cell.text;
    case CellType::Number: return format_number(cell.number);
    case CellType::Boolean: return cell.number != 0 ? "TRUE" : "FALSE";
    case CellType::Date: return cell.date.iso();
  }
  return "";
}

std::string inspect_text(const Workbook& workbook, const std::string& only_sheet) {
  if (!only_sheet.empty()) {
    const Sheet* sheet = workbook.find_sheet(only_sheet);
    if (!sheet)
      throw InputError(Location{workbook.source, "", 0, 0},
                       "没有名为“" + only_sheet + "”的工作表；这个文件中的工作表有：" + sheet_list(workbook));
    return sheet_text(*sheet);
  }
  std::string out;
  for (const auto& sheet : workbook.sheets) out += sheet_text(sheet);
  return out;
}

}  // namespace tws::ingest
