#include "input_template/input_template.h"

#include "common/errors.h"

#include <xlsxwriter.h>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/atomic_file.h"
#include "common/diagnostic.h"
#include "common/strings.h"
#include "input_template/parts.h"
#include "records/schema.h"

namespace tws::template_writer {
namespace detail {

namespace fs = std::filesystem;
using records::ColumnSpec;
using records::FieldType;
using records::FileSpec;
using records::SheetSpec;

// libxlsxwriter 1.1.4 checks an inline list's length in characters but copies it
// into a 256-byte buffer: ~85 CJK characters overflow it and abort (fixed in 1.1.6).
// Longer lists go to the hidden `_lists` sheet; 60 bytes leaves a wide margin.
constexpr size_t kMaxInlineListBytes = 60;

// Common spellings of the skill levels (SPEC §2 "Qualification levels"), lowest
// first. Offered as suggestions only: 技师, 国家职业资格二级 … remain valid input.
const std::vector<std::string> kLevelSuggestions = {
    "五级/初级工", "四级/中级工", "三级/高级工", "二级/技师", "一级/高级技师", "特级技师", "首席技师"};

// 第二条: the honours that make a 高技能领军人才 (the list ends with 等, so other
// names stay allowed).
const std::vector<std::string> kHonourSuggestions = {
    "中华技能大奖", "泰山产业领军人才（产业技能类）", "齐鲁首席技师（山东省首席技师）",
    "山东省技术技能大师", "山东省技术能手", "德州市首席技师", "德州市技术能手"};

// The clauses a 待核实 item of the 资格审查汇总 can name (SPEC §2): 第二条 (an honour not
// listed), 第三条 (re-application), 第四条（一） (a 职称 for a 职业资格, a team placing),
// 第四条（二） (the project's level).
const std::vector<std::string> kClauseSuggestions = {"第二条", "第三条", "第四条（一）", "第四条（二）"};

// Suggested values for free-text columns, keyed by sheet and column.
struct Suggestion {
  std::string sheet, column;
  const std::vector<std::string>* values;
  uint8_t error_type;
};
const std::vector<Suggestion>& suggestions() {
  static const std::vector<Suggestion> list = {
      // 名称 also holds competition names, so a name off the list is only noted.
      {"荣誉与竞赛", "名称", &kHonourSuggestions, LXW_VALIDATION_ERROR_TYPE_INFORMATION},
      // 条款 is read normalised (第四条(一) is 第四条（一）), so other spellings pass.
      {"资格核实", "条款", &kClauseSuggestions, LXW_VALIDATION_ERROR_TYPE_WARNING},
  };
  return list;
}

// A4 landscape, one page wide, so a printed template is readable.
void set_print(lxw_worksheet* ws) {
  worksheet_set_paper(ws, 9);  // 9 = A4
  worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);
}

void check(lxw_error err, const std::string& what) {
  if (err != LXW_NO_ERROR)
    throw std::runtime_error(what + "：" + lxw_strerror(err));
}

// ---------------------------------------------------------------- measuring text

bool is_wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2014 && c <= 0x2026) ||
         (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
         (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || c >= 0x20000;
}

std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
    char32_t c = len == 1 ? b : b & (0x7F >> len);
    for (int k = 1; k < len && i + k < s.size(); ++k)
      c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(c);
    i += len;
  }
  return out;
}

// Lines `text` takes in a wrapped cell `width` units wide.
int wrapped_lines(std::string_view text, double width) {
  int lines = 0;
  size_t start = 0;
  while (true) {
    size_t nl = text.find('\n', start);
    std::string_view seg = text.substr(start, nl == std::string_view::npos ? nl : nl - start);
    lines += std::max(1, static_cast<int>(std::ceil(display_width(seg) / std::max(1.0, width - 1))));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

// ---------------------------------------------------------------- formats


lxw_format* add_format(lxw_workbook* wb) {
  lxw_format* f = workbook_add_format(wb);
  format_set_font_name(f, kFont);
  format_set_font_size(f, 11);
  return f;
}

Formats make_formats(lxw_workbook* wb) {
  Formats f{};
  f.header = add_format(wb);
  format_set_bold(f.header);
  format_set_bg_color(f.header, 0xDDEBF7);
  format_set_text_wrap(f.header);
  format_set_align(f.header, LXW_ALIGN_CENTER);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_border(f.header, LXW_BORDER_THIN);
  f.body = add_format(wb);
  f.text = add_format(wb);
  format_set_num_format(f.text, "@");
  f.percent = add_format(wb);
  format_set_num_format(f.percent, "0%");
  f.date = add_format(wb);
  format_set_num_format(f.date, "yyyy\"年\"m\"月\"d\"日\"");
  f.year = add_format(wb);
  format_set_num_format(f.year, "0");
  f.title = add_format(wb);
  format_set_bold(f.title);
  format_set_font_size(f.title, 16);
  format_set_align(f.title, LXW_ALIGN_CENTER);
  format_set_align(f.title, LXW_ALIGN_VERTICAL_CENTER);
  f.heading = add_format(wb);
  format_set_bold(f.heading);
  format_set_font_size(f.heading, 12);
  format_set_align(f.heading, LXW_ALIGN_VERTICAL_CENTER);
  f.prose = add_format(wb);
  format_set_text_wrap(f.prose);
  format_set_align(f.prose, LXW_ALIGN_VERTICAL_TOP);
  f.table_head = add_format(wb);
  format_set_bold(f.table_head);
  format_set_bg_color(f.table_head, 0xDDEBF7);
  format_set_border(f.table_head, LXW_BORDER_THIN);
  format_set_align(f.table_head, LXW_ALIGN_CENTER);
  format_set_align(f.table_head, LXW_ALIGN_VERTICAL_CENTER);
  f.table_cell = add_format(wb);
  format_set_border(f.table_cell, LXW_BORDER_THIN);
  format_set_text_wrap(f.table_cell);
  format_set_align(f.table_cell, LXW_ALIGN_VERTICAL_TOP);
  return f;
}

// ---------------------------------------------------------------- the instructions sheet

std::string read_text_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("找不到填写说明模板文件：" + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  if (s.rfind("\xEF\xBB\xBF", 0) == 0) s.erase(0, 3);
  return s;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
    s.replace(p, from.size(), to);
}

// Whether a "?key=value " or "?key!=value " line is kept: `vars` holds key with value
// (or not). Removes the condition from the line.
bool condition_holds(std::string& line, const Vars& vars) {
  const size_t space = line.find(' ');
  const std::string cond = line.substr(1, space == std::string::npos ? std::string::npos : space - 1);
  line = space == std::string::npos ? "" : line.substr(space + 1);
  const size_t ne = cond.find("!="), eq = cond.find('=');
  const bool negated = ne != std::string::npos;
  const std::string key = cond.substr(0, negated ? ne : eq);
  const std::string value = eq == std::string::npos ? "" : cond.substr(eq + 1);
  auto it = vars.find(key);
  if (it == vars.end()) throw std::runtime_error("填写说明模板的条件中有未知的名称 " + key);
  return (it->second == value) != negated;
}

// {name} of `vars` replaced; a {name} left that `vars` does not know is a typo in the text.
std::string substitute(std::string line, const Vars& vars) {
  for (auto& [k, v] : vars) replace_all(line, "{" + k + "}", v);
  static const std::regex unknown(R"(\{[A-Za-z_][A-Za-z0-9_.]*\})");
  std::smatch m;
  if (std::regex_search(line, m, unknown)) throw std::runtime_error("填写说明模板中有未知的名称 " + m.str());
  return line;
}

// The template's markup (documented at the top of 填写说明.txt): % comments,
// "# " title, "## " heading, [file] / [*] sections, {字段表}, {文件标题}, {文件名}, the
// names of `vars` in braces and "?name=value " lines. `own`, when not empty, is another
// text whose section for the file replaces the file's own section of `text`.
std::vector<ProseLine> prose_for(const std::string& text, const FileSpec& file, const Vars& vars,
                                 const std::string& own) {
  std::vector<ProseLine> out;
  std::string section = "*";
  bool has_table = false;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line[0] == '%') continue;
    if (line.size() > 2 && line.front() == '[' && line.back() == ']') {
      section = line.substr(1, line.size() - 2);
      if (section == file.file && !own.empty())
        for (auto& l : prose_for(own, file, vars, {}))
          if (l.kind != ProseLine::Table) out.push_back(l);
      continue;
    }
    if (section != "*" && (section != file.file || !own.empty())) continue;
    if (!line.empty() && line[0] == '?' && !condition_holds(line, vars)) continue;
    replace_all(line, "{文件标题}", file.title);
    replace_all(line, "{文件名}", file.file);
    if (line != "{字段表}") line = substitute(line, vars);
    if (line == "{字段表}") {
      out.push_back({ProseLine::Table, ""});
      has_table = true;
    } else if (line.rfind("## ", 0) == 0) {
      out.push_back({ProseLine::Heading, line.substr(3)});
    } else if (line.rfind("# ", 0) == 0) {
      out.push_back({ProseLine::Title, line.substr(2)});
    } else if (line.find_first_not_of(" \t") == std::string::npos) {
      out.push_back({ProseLine::Blank, ""});
    } else {
      out.push_back({ProseLine::Text, line});
    }
  }
  if (!has_table) out.push_back({ProseLine::Table, ""});
  return out;
}

const char* type_label(FieldType t) {
  switch (t) {
    case FieldType::Text: return "文本";
    case FieldType::Code: return "编号（文本）";
    case FieldType::Integer: return "整数";
    case FieldType::Rank: return "名次";
    case FieldType::Decimal: return "数值";
    case FieldType::Percent: return "百分比";
    case FieldType::Score: return "分数";
    case FieldType::YesNo: return "是/否";
    case FieldType::Date: return "日期";
    case FieldType::Year: return "年份";
    case FieldType::IdNumber: return "身份证号（文本）";
    case FieldType::Phone: return "电话（文本）";
    case FieldType::Qualification: return "职业资格";
    case FieldType::Choice: return "选项";
  }
  return "文本";
}

const char* required_label(const ColumnSpec& c) {
  if (c.value_required) return "必填";
  if (c.required) return "可空";
  return "可省略此列";
}

// The values a column offers: its choices, or suggestions for free-text columns.
const std::vector<std::string>* offered_values(const SheetSpec& sheet, const ColumnSpec& c,
                                               uint8_t* error_type) {
  *error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
  if (c.type == FieldType::YesNo || c.type == FieldType::Choice)
    return c.choices.empty() ? nullptr : &c.choices;
  if (c.type == FieldType::Qualification) {
    *error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
    return &kLevelSuggestions;
  }
  for (auto& s : suggestions())
    if (s.sheet == sheet.name && s.column == c.name) {
      *error_type = s.error_type;
      return s.values;
    }
  return nullptr;
}

// Columns of the table of columns: label and width.
struct TableColumn {
  const char* label;
  double width;
};
const std::vector<TableColumn>& table_columns() {
  static const std::vector<TableColumn> cols = {
      {"工作表", 12}, {"列名", 20}, {"是否必填", 11}, {"填写格式", 16}, {"可选值", 30}, {"说明", 50}};
  return cols;
}

void write_column_table(lxw_worksheet* ws, lxw_row_t& row, const FileSpec& file, const Formats& f) {
  auto& cols = table_columns();
  for (size_t i = 0; i < cols.size(); ++i)
    check(worksheet_write_string(ws, row, i, cols[i].label, f.table_head), "写入说明表");
  ++row;
  for (auto& sheet : file.sheets) {
    for (auto& c : sheet.columns) {
      uint8_t error_type;
      const auto* values = offered_values(sheet, c, &error_type);
      std::string offered = values ? join(*values, "、") : "";
      if (values && error_type != LXW_VALIDATION_ERROR_TYPE_STOP && !offered.empty())
        offered += "（可另填）";
      std::string format = type_label(c.type);
      if (c.max_chars > 0) format += "，不超过 " + std::to_string(c.max_chars) + " 字";
      std::vector<std::string> cells = {sheet.name, c.name, required_label(c), format, offered, c.hint};
      int lines = 1;
      for (size_t i = 0; i < cells.size(); ++i) {
        check(worksheet_write_string(ws, row, i, cells[i].c_str(), f.table_cell), "写入说明表");
        lines = std::max(lines, wrapped_lines(cells[i], cols[i].width));
      }
      check(worksheet_set_row(ws, row, lines * kLineHeight + 3, nullptr), "设置行高");
      ++row;
    }
  }
}

void write_instructions(lxw_workbook* wb, const FileSpec& file, const std::string& text, const Formats& f,
                        const Vars& vars, const std::string& own) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, "填写说明");
  if (!ws) throw std::runtime_error("无法添加工作表 填写说明");
  auto& cols = table_columns();
  double total = 0;
  for (size_t i = 0; i < cols.size(); ++i) {
    check(worksheet_set_column(ws, i, i, cols[i].width, f.body), "设置列宽");
    total += cols[i].width;
  }
  const lxw_col_t last = static_cast<lxw_col_t>(cols.size() - 1);
  lxw_row_t row = 0;
  for (auto& line : prose_for(text, file, vars, own)) {
    switch (line.kind) {
      case ProseLine::Blank:
        break;
      case ProseLine::Table:
        write_column_table(ws, row, file, f);
        continue;
      case ProseLine::Title:
        check(worksheet_merge_range(ws, row, 0, row, last, line.text.c_str(), f.title), "写入标题");
        check(worksheet_set_row(ws, row, 30, nullptr), "设置行高");
        break;
      case ProseLine::Heading:
        check(worksheet_merge_range(ws, row, 0, row, last, line.text.c_str(), f.heading), "写入小标题");
        check(worksheet_set_row(ws, row, 20, nullptr), "设置行高");
        break;
      case ProseLine::Text:
        check(worksheet_merge_range(ws, row, 0, row, last, line.text.c_str(), f.prose), "写入说明");
        check(worksheet_set_row(ws, row, wrapped_lines(line.text, total) * kLineHeight + 3, nullptr),
              "设置行高");
        break;
    }
    ++row;
  }
  set_print(ws);
  worksheet_activate(ws);
}

// ---------------------------------------------------------------- data sheets


// The upper bound a Score column states in its hint ("0–10"), else 100.
double score_max(const std::string& hint) {
  for (std::string_view dash : {"0–", "0-", "0～", "0~"}) {
    size_t p = hint.find(dash);
    if (p == std::string::npos || (p > 0 && std::isdigit(static_cast<unsigned char>(hint[p - 1]))))
      continue;
    size_t q = p + dash.size();
    size_t e = q;
    while (e < hint.size() && std::isdigit(static_cast<unsigned char>(hint[e]))) ++e;
    if (e > q) return std::stod(hint.substr(q, e - q));
  }
  return 100;
}

double column_width(const ColumnSpec& c) {
  double w = display_width(c.name) + 2;
  switch (c.type) {
    case FieldType::IdNumber: w = std::max(w, 22.0); break;
    case FieldType::Phone: w = std::max(w, 15.0); break;
    case FieldType::Code: w = std::max(w, 12.0); break;
    case FieldType::Qualification: w = std::max(w, 16.0); break;
    case FieldType::Date: w = std::max(w, 16.0); break;
    case FieldType::Text: w = std::max(w, c.value_required ? 14.0 : 24.0); break;
    default: break;
  }
  for (auto& choice : c.choices) w = std::max(w, display_width(choice) + 4);
  return std::max(8.0, w);
}

lxw_format* column_format(const ColumnSpec& c, const Formats& f) {
  switch (c.type) {
    case FieldType::IdNumber:
    case FieldType::Code:
    case FieldType::Phone: return f.text;
    case FieldType::Percent: return f.percent;
    case FieldType::Date: return f.date;
    case FieldType::Year: return f.year;
    default: return f.body;
  }
}

// One column's data validation: a drop-down list, a number range, or only the hint
// shown as the input message when a cell is selected.
void add_validation(lxw_worksheet* ws, lxw_col_t col, const SheetSpec& sheet, const ColumnSpec& c,
                    ListSheet& lists) {
  lxw_data_validation dv;
  std::memset(&dv, 0, sizeof dv);
  std::vector<char*> inline_list;
  std::string formula;
  uint8_t error_type;
  if (const auto* values = offered_values(sheet, c, &error_type)) {
    dv.error_type = error_type;
    if (join(*values, ",").size() <= kMaxInlineListBytes) {
      dv.validate = LXW_VALIDATION_TYPE_LIST;
      for (auto& v : *values) inline_list.push_back(const_cast<char*>(v.c_str()));
      inline_list.push_back(nullptr);
      dv.value_list = inline_list.data();
    } else {
      dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
      formula = lists.formula(*values);
      dv.value_formula = const_cast<char*>(formula.c_str());
    }
  } else {
    // Numbers are checked leniently (WARNING): the reader also accepts "12人", "95%".
    dv.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
    switch (c.type) {
      case FieldType::Integer:
        dv.validate = LXW_VALIDATION_TYPE_INTEGER;
        dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
        dv.value_number = 0;
        break;
      case FieldType::Decimal:
        dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
        dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
        dv.value_number = 0;
        break;
      case FieldType::Score:
        dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
        dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        dv.minimum_number = 0;
        dv.maximum_number = score_max(c.hint);
        break;
      case FieldType::Year:
        dv.validate = LXW_VALIDATION_TYPE_INTEGER;
        dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        dv.minimum_number = 2000;
        dv.maximum_number = 2100;
        break;
      default:
        if (c.max_chars > 0) {  // tws refuses longer text: so does the cell
          dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
          dv.validate = LXW_VALIDATION_TYPE_LENGTH;
          dv.criteria = LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO;
          dv.value_number = static_cast<double>(c.max_chars);
          break;
        }
        if (c.hint.empty()) return;
        dv.validate = LXW_VALIDATION_TYPE_ANY;
        break;
    }
  }
  if (!c.hint.empty()) {
    dv.input_title = const_cast<char*>(c.name.c_str());
    dv.input_message = const_cast<char*>(c.hint.c_str());
  }
  check(worksheet_data_validation_range(ws, 1, col, kDataRows, col, &dv),
        "设置下拉列表（" + sheet.name + "·" + c.name + "）");
}

void write_data_sheet(lxw_workbook* wb, const SheetSpec& sheet, const Formats& f, ListSheet& lists) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
  if (!ws) throw std::runtime_error("无法添加工作表 " + sheet.name);
  double header_lines = 1;
  for (size_t i = 0; i < sheet.columns.size(); ++i) {
    const ColumnSpec& c = sheet.columns[i];
    const lxw_col_t col = static_cast<lxw_col_t>(i);
    lxw_format* fmt = column_format(c, f);
    double width = column_width(c);
    check(worksheet_set_column(ws, col, col, width, fmt), "设置列宽");
    header_lines = std::max(header_lines, write_column_header(ws, col, c, width, f));
    // Explicit blank cells too, so the text format survives a paste into the column
    // and readers that ignore column styles still see "@" on every input row.
    if (fmt != f.body)
      for (lxw_row_t r = 1; r <= kDataRows; ++r) check(worksheet_write_blank(ws, r, col, fmt), "写入格式");
    add_validation(ws, col, sheet, c, lists);
  }
  finish_data_sheet(ws, header_lines);
}

double write_column_header(lxw_worksheet* ws, lxw_col_t col, const ColumnSpec& c, double width, const Formats& f) {
  check(worksheet_write_string(ws, 0, col, c.name.c_str(), f.header), "写入表头");
  return wrapped_lines(c.name, width);
}

void finish_data_sheet(lxw_worksheet* ws, double header_lines) {
  check(worksheet_set_row(ws, 0, std::max(24.0, header_lines * kLineHeight + 6), nullptr), "设置行高");
  worksheet_freeze_panes(ws, 1, 0);
  set_print(ws);
  check(worksheet_repeat_rows(ws, 0, 0), "设置打印标题");
}

// ---------------------------------------------------------------- one workbook

void build_workbook(const fs::path& tmp, const std::string& title, const std::string& name,
                    const std::function<void(lxw_workbook*, const Formats&)>& sheets) {
  lxw_workbook* wb = workbook_new(tmp.c_str());
  if (!wb) throw std::runtime_error("无法创建 " + tmp.string());
  std::unique_ptr<lxw_workbook, void (*)(lxw_workbook*)> guard(wb, lxw_workbook_free);
  lxw_doc_properties props;
  std::memset(&props, 0, sizeof props);
  props.title = const_cast<char*>(title.c_str());
  props.created = kFixedCreated;
  check(workbook_set_properties(wb, &props), "设置文档属性");
  sheets(wb, make_formats(wb));
  guard.release();  // workbook_close frees the workbook whatever it returns
  errno = 0;
  const lxw_error closed = workbook_close(wb);
  if (closed != LXW_NO_ERROR && is_io_error(errno)) throw write_error(tmp, errno);
  check(closed, "写入 " + name + " 失败");
}

void write_workbook(const fs::path& tmp, const FileSpec& file, const std::string& text) {
  build_workbook(tmp, file.title, file.file, [&](lxw_workbook* wb, const Formats& f) {
    ListSheet lists;
    write_instructions(wb, file, text, f, {}, {});
    for (auto& sheet : file.sheets) write_data_sheet(wb, sheet, f, lists);
    lists.write(wb, f);
  });
}

}  // namespace detail

using namespace detail;

double display_width(std::string_view text) {
  double w = 0;
  for (char32_t c : code_points(text)) w += is_wide(c) ? 2.1 : 1.1;
  return w;
}

void write_input_templates(const fs::path& dir, const fs::path& templates_dir, bool force) {
  const std::string text = read_text_file(templates_dir / "input" / "填写说明.txt");
  // Checked for every file before any is written: a folder of filled inputs is left whole.
  for (const FileSpec& file : records::input_files()) {
    const fs::path target = dir / file.file;
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(target, ec))) continue;
    if (!force)
      throw InputError({target.string()}, "文件已存在，未写入任何模板（以免覆盖已填写的输入）；确需用空白模板覆盖时加 --force");
    if (!fs::is_regular_file(target))
      throw InputError({target.string()}, "已存在且不是普通文件，未写入任何模板");
  }
  fs::create_directories(dir);
  for (const FileSpec& file : records::input_files())
    write_atomically(dir / file.file, [&](const fs::path& tmp) { write_workbook(tmp, file, text); });
}

void write_input_template(const fs::path& target, const fs::path& templates_dir, const std::string& file_name) {
  const std::string text = read_text_file(templates_dir / "input" / "填写说明.txt");
  for (const FileSpec& file : records::input_files())
    if (file.file == file_name) return write_workbook(target, file, text);
  throw std::invalid_argument("没有名为 " + file_name + " 的输入模板");
}

}  // namespace tws::template_writer
