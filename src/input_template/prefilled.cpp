// `tws template --year Y` (issue 19 item 3): the year's performance.xlsx and
// objections.xlsx pre-filled from the registry. What identifies a row is filled in and
// locked (sheet protection without a password: it guards against slips, not against
// HR); what HR enters is unlocked and keeps the blank template's validations. The
// headers are the schema's, so the files read back as typed input.
#include <algorithm>
#include <cstring>

#include "input_template/parts.h"

namespace tws::template_writer {
namespace {

namespace fs = std::filesystem;
using namespace detail;
using records::ColumnSpec;
using records::FieldType;
using records::FileSpec;
using records::SheetSpec;

constexpr lxw_color_t kLockedFill = 0xF2F2F2;  // grey: filled in by tws
constexpr lxw_color_t kInputFill = 0xFFF9E5;   // pale yellow: to be filled in by HR

// A cell format for `type` in the template's font: locked (grey) or unlocked (yellow).
lxw_format* cell_format(lxw_workbook* wb, FieldType type, bool locked) {
  lxw_format* f = add_format(wb);
  format_set_bg_color(f, locked ? kLockedFill : kInputFill);
  format_set_border(f, LXW_BORDER_THIN);
  format_set_border_color(f, 0xBFBFBF);
  if (!locked) format_set_unlocked(f);
  switch (type) {
    case FieldType::Code:
    case FieldType::IdNumber:
    case FieldType::Phone: format_set_num_format(f, "@"); break;
    case FieldType::Percent: format_set_num_format(f, "0%"); break;
    case FieldType::Year: format_set_num_format(f, "0"); break;
    case FieldType::Date: format_set_num_format(f, "yyyy\"年\"m\"月\"d\"日\""); break;
    default: break;
  }
  return f;
}

// Locked cells stay selectable; widths and heights may change (a long name to read).
void protect(lxw_worksheet* ws) {
  lxw_protection options;
  std::memset(&options, 0, sizeof options);
  options.format_columns = 1;
  options.format_rows = 1;
  worksheet_protect(ws, nullptr, &options);
}

// A sheet of `rows` data rows: the columns named in `filled` take their values from it
// (locked); the others are blank, unlocked cells with the column's validation, or with
// `id_list` (a list formula) for 申报编号 when given. `locked`: the sheet is protected.
struct FilledSheet {
  const SheetSpec* spec;
  size_t rows = 0;
  std::map<std::string, std::vector<std::string>> filled;
  std::string id_list;
  bool locked = true;
};

void write_filled_sheet(lxw_workbook* wb, const FilledSheet& s, const Formats& f, ListSheet& lists) {
  const SheetSpec& sheet = *s.spec;
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
  if (!ws) throw std::runtime_error("无法添加工作表 " + sheet.name);
  double header_lines = 1;
  for (size_t i = 0; i < sheet.columns.size(); ++i) {
    const ColumnSpec& c = sheet.columns[i];
    const lxw_col_t col = static_cast<lxw_col_t>(i);
    auto values = s.filled.find(c.name);
    double width = column_width(c);
    if (values != s.filled.end())
      for (auto& v : values->second) width = std::max(width, display_width(v) + 2);
    check(worksheet_set_column(ws, col, col, width, column_format(c, f)), "设置列宽");
    header_lines = std::max(header_lines, write_column_header(ws, col, c, width, f));
    if (values != s.filled.end()) {
      lxw_format* fmt = cell_format(wb, c.type, true);
      for (size_t r = 0; r < s.rows; ++r) {
        const std::string& v = values->second[r];
        const lxw_row_t row = static_cast<lxw_row_t>(r + 1);
        if (c.type == FieldType::Year || (c.type == FieldType::Integer && !v.empty()))
          check(worksheet_write_number(ws, row, col, std::stod(v), fmt), "写入预填内容");
        else
          check(worksheet_write_string(ws, row, col, v.c_str(), fmt), "写入预填内容");
      }
      continue;
    }
    lxw_format* fmt = cell_format(wb, c.type, false);
    for (size_t r = 0; r < s.rows; ++r) check(worksheet_write_blank(ws, static_cast<lxw_row_t>(r + 1), col, fmt), "写入格式");
    if (c.name == "申报编号" && !s.id_list.empty()) {
      lxw_data_validation dv;
      std::memset(&dv, 0, sizeof dv);
      dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
      dv.value_formula = const_cast<char*>(s.id_list.c_str());
      dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
      dv.input_title = const_cast<char*>(c.name.c_str());
      dv.input_message = const_cast<char*>("从公示名单中选择");
      check(worksheet_data_validation_range(ws, 1, col, kDataRows, col, &dv), "设置下拉列表（申报编号）");
    } else {
      add_validation(ws, col, sheet, c, lists);
    }
  }
  finish_data_sheet(ws, header_lines);
  if (s.locked) protect(ws);
}

// A column shown for checking only: the reader does not know its header and skips it.
ColumnSpec shown_column(const std::string& name) {
  ColumnSpec c;
  c.name = name;
  c.required = false;
  c.hint = "预填，供核对；程序不读取此列";
  return c;
}

Vars with_year(Vars vars, int year, size_t rows) {
  vars["year"] = std::to_string(year);
  vars["count"] = std::to_string(rows);
  return vars;
}

}  // namespace

void write_prefilled_performance(const fs::path& target, const fs::path& templates_dir, int year,
                                 const std::vector<StationRow>& rows, const std::map<std::string, std::string>& vars) {
  const std::string text = read_text_file(templates_dir / "input" / "填写说明.txt");
  const std::string own = read_text_file(templates_dir / "input" / "预填说明.txt");
  FileSpec file = records::input_file("performance.xlsx");
  SheetSpec& sheet = file.sheets.at(0);
  auto name_at = std::find_if(sheet.columns.begin(), sheet.columns.end(), [](auto& c) { return c.name == "工作站名称"; });
  sheet.columns.insert(name_at + 1, {shown_column("领办人"), shown_column("所在部门")});
  FilledSheet s{&sheet, rows.size()};
  for (const StationRow& r : rows) {
    s.filled["工作站编号"].push_back(r.code);
    s.filled["申报编号"].push_back(r.application_id);
    s.filled["工作站名称"].push_back(r.name);
    s.filled["领办人"].push_back(r.leader);
    s.filled["所在部门"].push_back(r.department);
    s.filled["考核年度"].push_back(std::to_string(year));
  }
  build_workbook(target, file.title, file.file, [&](lxw_workbook* wb, const Formats& f) {
    ListSheet lists;
    write_instructions(wb, file, text, f, with_year(vars, year, rows.size()), own);
    write_filled_sheet(wb, s, f, lists);
    lists.write(wb, f);
  });
}

void write_prefilled_objections(const fs::path& target, const fs::path& templates_dir, int year,
                                const std::vector<PublicizedRow>& rows, const std::map<std::string, std::string>& vars) {
  const std::string text = read_text_file(templates_dir / "input" / "填写说明.txt");
  const std::string own = read_text_file(templates_dir / "input" / "预填说明.txt");
  const FileSpec& file = records::input_file("objections.xlsx");
  // The list the 申报编号 drop-down offers: a locked sheet of the 公示名单.
  SheetSpec list;
  list.name = "公示名单";
  for (const char* name : {"序号", "申报编号", "工作站名称", "所在部门", "领办人"}) list.columns.push_back(shown_column(name));
  list.columns[0].type = FieldType::Integer;
  list.columns[1].type = FieldType::Code;
  for (auto& c : list.columns) c.hint.clear();
  FilledSheet listed{&list, rows.size()};
  for (size_t i = 0; i < rows.size(); ++i) {
    listed.filled["序号"].push_back(std::to_string(i + 1));
    listed.filled["申报编号"].push_back(rows[i].application_id);
    listed.filled["工作站名称"].push_back(rows[i].name);
    listed.filled["所在部门"].push_back(rows[i].department);
    listed.filled["领办人"].push_back(rows[i].leader);
  }
  FilledSheet objections{&file.sheets.at(0), 0};
  objections.locked = false;
  objections.id_list = "=公示名单!$B$2:$B$" + std::to_string(std::max<size_t>(rows.size(), 1) + 1);
  build_workbook(target, file.title, file.file, [&](lxw_workbook* wb, const Formats& f) {
    ListSheet lists;
    write_instructions(wb, file, text, f, with_year(vars, year, rows.size()), own);
    write_filled_sheet(wb, objections, f, lists);
    write_filled_sheet(wb, listed, f, lists);
    lists.write(wb, f);
  });
}

}  // namespace tws::template_writer
