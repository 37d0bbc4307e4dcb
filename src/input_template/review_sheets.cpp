#include "input_template/review_sheets.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/errors.h"
#include "common/strings.h"
#include "input_template/input_template.h"

namespace tws::template_writer {
namespace {

namespace fs = std::filesystem;
using records::ReviewCell;
using records::ReviewCellKind;
using records::ReviewSheet;

constexpr const char* kFont = "宋体";
// 2024-01-01T00:00:00Z: a fixed creation date, so the same sheet gives the same bytes.
constexpr time_t kFixedCreated = 1704067200;
constexpr double kLineHeight = 15.0;  // points per line of 11 pt 宋体
constexpr uint32_t kFill = 0xFFF2CC;   // the cells the expert fills in

void check(lxw_error err, const std::string& what) {
  if (err != LXW_NO_ERROR) throw std::runtime_error(what + "：" + lxw_strerror(err));
}

std::string num(double v) {
  std::ostringstream out;
  out.precision(15);
  out << v;
  return out.str();
}

// Lines `text` takes in a wrapped cell `width` units wide, with room for viewers that
// set the text wider than display_width measures it (LibreOffice by about a tenth).
int lines_in(const std::string& text, double width) {
  int lines = 0;
  std::istringstream in(text);
  for (std::string seg; std::getline(in, seg);)
    lines += std::max(1, int(std::ceil(display_width(seg) * 1.1 / std::max(1.0, width - 2))));
  return std::max(1, lines);
}

struct Formats {
  lxw_format *title, *label, *header, *text, *number, *score, *total, *opinion, *signature;
  lxw_format *prose_title, *prose_heading, *prose;
};

lxw_format* add_format(lxw_workbook* wb, double size = 11) {
  lxw_format* f = workbook_add_format(wb);
  format_set_font_name(f, kFont);
  format_set_font_size(f, size);
  return f;
}

lxw_format* cell_format(lxw_workbook* wb, uint8_t align) {
  lxw_format* f = add_format(wb);
  format_set_border(f, LXW_BORDER_THIN);
  format_set_text_wrap(f);
  format_set_align(f, align);
  format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  return f;
}

Formats make_formats(lxw_workbook* wb) {
  Formats f{};
  f.title = add_format(wb, 16);
  format_set_bold(f.title);
  format_set_align(f.title, LXW_ALIGN_CENTER);
  format_set_align(f.title, LXW_ALIGN_VERTICAL_CENTER);
  f.label = add_format(wb);
  format_set_align(f.label, LXW_ALIGN_VERTICAL_CENTER);
  f.header = cell_format(wb, LXW_ALIGN_CENTER);
  format_set_bold(f.header);
  format_set_bg_color(f.header, 0xDDEBF7);
  f.text = cell_format(wb, LXW_ALIGN_LEFT);
  f.number = cell_format(wb, LXW_ALIGN_CENTER);
  f.score = cell_format(wb, LXW_ALIGN_CENTER);
  format_set_bg_color(f.score, kFill);
  format_set_unlocked(f.score);
  f.total = cell_format(wb, LXW_ALIGN_CENTER);
  format_set_bold(f.total);
  format_set_num_format(f.total, "General;-General;\"\"");  // 0 (nothing scored yet) shows blank
  f.opinion = cell_format(wb, LXW_ALIGN_LEFT);
  format_set_bg_color(f.opinion, kFill);
  format_set_unlocked(f.opinion);
  f.signature = add_format(wb, 12);
  format_set_align(f.signature, LXW_ALIGN_VERTICAL_CENTER);
  f.prose_title = add_format(wb, 16);
  format_set_bold(f.prose_title);
  format_set_align(f.prose_title, LXW_ALIGN_CENTER);
  f.prose_heading = add_format(wb, 12);
  format_set_bold(f.prose_heading);
  f.prose = add_format(wb);
  format_set_text_wrap(f.prose);
  format_set_align(f.prose, LXW_ALIGN_VERTICAL_TOP);
  return f;
}

// Column widths in character units: the whole row is printed one A4 landscape page wide.
std::vector<double> column_widths(const ReviewSheet& s) {
  const bool items = !s.items.empty();
  std::vector<double> w = {5, 10, items ? 20.0 : 22.0, 14, 8, 12, items ? 24.0 : 30.0};
  for (auto& i : s.items) w.push_back(std::max(8.0, display_width(i.name) + 2));
  w.push_back(9);
  w.push_back(items ? 20.0 : 30.0);
  return w;
}

// A score column's bounds, over every entry row (`last` the last one).
void validate(lxw_worksheet* ws, const ReviewCell& c, lxw_row_t last) {
  lxw_data_validation dv;
  std::memset(&dv, 0, sizeof dv);
  const std::string range = num(c.low) + "–" + num(c.high);
  const std::string input = "请填写 " + range + " 的分数，可带一位小数";
  const std::string error = "分数应在 " + range + " 之间";
  dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
  dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
  dv.minimum_number = c.low;
  dv.maximum_number = c.high;
  dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
  dv.input_title = const_cast<char*>("评分");
  dv.input_message = const_cast<char*>(input.c_str());
  dv.error_title = const_cast<char*>("评分超出范围");
  dv.error_message = const_cast<char*>(error.c_str());
  check(worksheet_data_validation_range(ws, c.row, c.col, last, c.col, &dv), "设置评分范围");
}

void limit_opinion(lxw_worksheet* ws, const ReviewCell& c, lxw_row_t last) {
  lxw_data_validation dv;
  std::memset(&dv, 0, sizeof dv);
  dv.validate = LXW_VALIDATION_TYPE_LENGTH;
  dv.criteria = LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO;
  dv.value_number = 500;
  dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
  dv.error_message = const_cast<char*>("评审意见不超过 500 字");
  check(worksheet_data_validation_range(ws, c.row, c.col, last, c.col, &dv), "设置评审意见长度");
}

// The 合计 of an entry row: the sum of its item cells, saved with its value (0).
void write_total(lxw_worksheet* ws, const ReviewCell& c, const Formats& f) {
  const std::string row = std::to_string(c.row + 1);
  const std::string formula = "=SUM(" + column_name(int(records::kReviewFirstItemCol) + 1) + row + ":" +
                              column_name(int(c.col)) + row + ")";
  check(worksheet_write_formula_num(ws, c.row, c.col, formula.c_str(), f.total, 0), "写入合计公式");
}

// Each entry row as high as its longest text, at least two lines (room to write by hand).
void set_row_heights(lxw_worksheet* ws, const ReviewSheet& s, const std::vector<double>& widths) {
  check(worksheet_set_row(ws, 0, 30, nullptr), "设置行高");
  check(worksheet_set_row(ws, 1, 20, nullptr), "设置行高");
  check(worksheet_set_row(ws, records::kReviewHeaderRow, 2 * kLineHeight + 6, nullptr), "设置行高");
  for (size_t k = 0; k < s.entries.size(); ++k) {
    const records::ReviewEntry& e = s.entries[k];
    const std::string* texts[] = {&e.id, &e.station, &e.department, &e.leader, &e.result, &e.hints};
    int lines = 2;
    for (size_t c = 0; c < 6; ++c) lines = std::max(lines, lines_in(*texts[c], widths[c + 1]));
    check(worksheet_set_row(ws, records::kReviewFirstEntryRow + k, lines * kLineHeight + 4, nullptr), "设置行高");
  }
  check(worksheet_set_row(ws, records::kReviewFirstEntryRow + s.entries.size() + 1, 30, nullptr), "设置行高");
}

void write_scores(lxw_workbook* wb, const ReviewSheet& s, const Formats& f) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, records::kReviewSheetName);
  if (!ws) throw std::runtime_error("无法添加工作表 专家评分");
  const std::vector<double> widths = column_widths(s);
  for (size_t c = 0; c < widths.size(); ++c) check(worksheet_set_column(ws, c, c, widths[c], nullptr), "设置列宽");
  const lxw_col_t last = lxw_col_t(records::review_columns(s) - 1);
  const lxw_row_t last_entry = lxw_row_t(records::kReviewFirstEntryRow + s.entries.size() - 1);
  for (const ReviewCell& c : records::review_cells(s)) {
    const bool first_entry = c.row == records::kReviewFirstEntryRow;
    switch (c.kind) {
      case ReviewCellKind::Title:
        check(worksheet_merge_range(ws, c.row, 0, c.row, last, c.text.c_str(), f.title), "写入标题");
        break;
      case ReviewCellKind::Label:
        check(worksheet_merge_range(ws, c.row, 0, c.row, last, c.text.c_str(), f.label), "写入专家");
        break;
      case ReviewCellKind::Signature:
        check(worksheet_merge_range(ws, c.row, 0, c.row, last, c.text.c_str(), f.signature), "写入签名栏");
        break;
      case ReviewCellKind::Header:
        check(worksheet_write_string(ws, c.row, c.col, c.text.c_str(), f.header), "写入表头");
        break;
      case ReviewCellKind::Text:
        check(worksheet_write_string(ws, c.row, c.col, c.text.c_str(), f.text), "写入申报");
        break;
      case ReviewCellKind::Number:
        check(worksheet_write_number(ws, c.row, c.col, c.number, f.number), "写入序号");
        break;
      case ReviewCellKind::Score:
        check(worksheet_write_blank(ws, c.row, c.col, f.score), "写入评分栏");
        if (first_entry) validate(ws, c, last_entry);
        break;
      case ReviewCellKind::Total:
        write_total(ws, c, f);
        break;
      case ReviewCellKind::Opinion:
        check(worksheet_write_blank(ws, c.row, c.col, f.opinion), "写入评审意见栏");
        if (first_entry) limit_opinion(ws, c, last_entry);
        break;
    }
  }
  set_row_heights(ws, s, widths);
  worksheet_freeze_panes(ws, records::kReviewFirstEntryRow, 0);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
  worksheet_center_horizontally(ws);
  check(worksheet_repeat_rows(ws, records::kReviewHeaderRow, records::kReviewHeaderRow), "设置打印标题");
  check(worksheet_set_footer(ws, "&C第 &P 页 共 &N 页"), "设置页脚");
  worksheet_protect(ws, nullptr, nullptr);
  worksheet_activate(ws);
}

std::string read_text_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("找不到专家评分表填写说明模板文件：" + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  if (s.rfind("\xEF\xBB\xBF", 0) == 0) s.erase(0, 3);
  return s;
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
}

// The template's lines for this sheet: comments and the other case's lines dropped,
// placeholders filled in.
std::vector<std::string> guide_lines(const std::string& text, const ReviewSheet& s) {
  std::vector<std::string> items;
  for (auto& i : s.items) items.push_back(i.name + " " + num(i.points) + " 分");
  const std::vector<std::pair<std::string, std::string>> fill = {
      {"{年度}", std::to_string(s.year)},      {"{专家}", s.expert},
      {"{评分表编号}", s.id},                  {"{申报项数}", std::to_string(s.entries.size())},
      {"{评分项}", join(items, "、")},         {"{最低分}", num(s.score_min)},
      {"{满分}", num(s.score_max)}};
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line[0] == '%') continue;
    bool skip = false;
    for (auto [mark, keep] : {std::pair{"{有评分项}", !s.items.empty()}, std::pair{"{无评分项}", s.items.empty()}})
      if (line.rfind(mark, 0) == 0) {
        skip = !keep;
        line.erase(0, std::strlen(mark));
      }
    if (skip) continue;
    for (auto& [from, to] : fill) replace_all(line, from, to);
    out.push_back(line);
  }
  return out;
}

void write_guide(lxw_workbook* wb, const ReviewSheet& s, const std::string& text, const Formats& f) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, records::kReviewGuideName);
  if (!ws) throw std::runtime_error("无法添加工作表 填写说明");
  constexpr double kWidth = 110;
  check(worksheet_set_column(ws, 0, 0, kWidth, nullptr), "设置列宽");
  lxw_row_t row = 0;
  for (const std::string& line : guide_lines(text, s)) {
    if (line.rfind("# ", 0) == 0) {
      check(worksheet_write_string(ws, row, 0, line.substr(2).c_str(), f.prose_title), "写入填写说明");
      check(worksheet_set_row(ws, row, 30, nullptr), "设置行高");
    } else if (line.rfind("## ", 0) == 0) {
      check(worksheet_write_string(ws, row, 0, line.substr(3).c_str(), f.prose_heading), "写入填写说明");
      check(worksheet_set_row(ws, row, 22, nullptr), "设置行高");
    } else if (!line.empty()) {
      check(worksheet_write_string(ws, row, 0, line.c_str(), f.prose), "写入填写说明");
      check(worksheet_set_row(ws, row, lines_in(line, kWidth) * kLineHeight + 3, nullptr), "设置行高");
    }
    ++row;
  }
  worksheet_set_paper(ws, 9);
  worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_protect(ws, nullptr, nullptr);
}

void write_info(lxw_workbook* wb, const ReviewSheet& s) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, records::kReviewInfoName);
  if (!ws) throw std::runtime_error("无法添加工作表 评分表信息");
  lxw_format* text = add_format(wb);
  check(worksheet_set_column(ws, 0, 0, 12, nullptr), "设置列宽");
  check(worksheet_set_column(ws, 1, 1, 80, nullptr), "设置列宽");
  lxw_row_t row = 0;
  for (auto& [label, value] : records::review_info(s)) {
    check(worksheet_write_string(ws, row, 0, label.c_str(), text), "写入评分表信息");
    check(worksheet_write_string(ws, row, 1, value.c_str(), text), "写入评分表信息");
    ++row;
  }
  worksheet_protect(ws, nullptr, nullptr);
  worksheet_hide(ws);
}

}  // namespace

void write_review_sheet(const fs::path& target, const fs::path& templates_dir, const ReviewSheet& sheet) {
  const std::string text = read_text_file(templates_dir / "input" / "专家评分表填写说明.txt");
  lxw_workbook* wb = workbook_new(target.c_str());
  if (!wb) throw std::runtime_error("无法创建 " + target.string());
  std::unique_ptr<lxw_workbook, void (*)(lxw_workbook*)> guard(wb, lxw_workbook_free);
  const std::string title = std::to_string(sheet.year) + "年度“技师工作站”专家评分表（" + sheet.expert + "）";
  lxw_doc_properties props;
  std::memset(&props, 0, sizeof props);
  props.title = const_cast<char*>(title.c_str());
  props.created = kFixedCreated;
  check(workbook_set_properties(wb, &props), "设置文档属性");
  check(workbook_set_custom_property_string(wb, "评分表编号", sheet.id.c_str()), "设置文档属性");
  const Formats f = make_formats(wb);
  write_scores(wb, sheet, f);
  write_guide(wb, sheet, text, f);
  write_info(wb, sheet);
  guard.release();  // workbook_close frees the workbook whatever it returns
  errno = 0;
  const lxw_error closed = workbook_close(wb);
  if (closed != LXW_NO_ERROR && is_io_error(errno)) throw write_error(target, errno);
  check(closed, "写入 " + target.string() + " 失败");
}

}  // namespace tws::template_writer
