// add_verifications (input_template.h): reviews.xlsx copied cell by cell with the web
// page's 资格核实 rows appended.
#include <xlsxwriter.h>

#include <map>
#include <stdexcept>

#include "ingest/workbook.h"
#include "input_template/input_template.h"

namespace tws::template_writer {
namespace {

const char* kSheet = "资格核实";
const std::vector<std::string> kHeader = {"申报编号", "条款", "结论", "说明"};


class Writer {
 public:
  explicit Writer(const std::filesystem::path& target) : wb_(workbook_new(target.c_str())) {
    if (!wb_) throw std::runtime_error("无法创建 " + target.string());
  }
  ~Writer() {
    if (wb_) workbook_close(wb_);
  }
  lxw_format* format(const std::string& code) {
    if (code.empty()) return nullptr;
    auto it = formats_.find(code);
    if (it != formats_.end()) return it->second;
    lxw_format* f = workbook_add_format(wb_);
    format_set_num_format(f, code.c_str());
    return formats_[code] = f;
  }
  void cell(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const ingest::Cell& v) {
    using ingest::CellType;
    switch (v.type) {
      case CellType::String: worksheet_write_string(ws, r, c, v.text.c_str(), format(v.format)); break;
      case CellType::Number: worksheet_write_number(ws, r, c, v.number, format(v.format)); break;
      case CellType::Boolean: worksheet_write_boolean(ws, r, c, v.number != 0, format(v.format)); break;
      case CellType::Error: worksheet_write_string(ws, r, c, v.text.c_str(), nullptr); break;
      case CellType::Date: {
        lxw_datetime d = {v.date.year, v.date.month, v.date.day, v.date.hour, v.date.minute, double(v.date.second)};
        worksheet_write_datetime(ws, r, c, &d, format(v.format.empty() ? "yyyy-mm-dd" : v.format));
        break;
      }
      case CellType::Empty: break;
    }
  }
  lxw_workbook* book() { return wb_; }
  void close() {
    lxw_error e = workbook_close(wb_);
    wb_ = nullptr;
    if (e != LXW_NO_ERROR) throw std::runtime_error(std::string("无法写入 reviews.xlsx：") + lxw_strerror(e));
  }

 private:
  lxw_workbook* wb_;
  std::map<std::string, lxw_format*> formats_;
};

// `rows` written from row `r` of `ws`, under the header when `header`.
void append(lxw_worksheet* ws, lxw_row_t r, bool header, const std::vector<std::vector<std::string>>& rows) {
  auto write = [&](const std::vector<std::string>& values) {
    for (size_t c = 0; c < values.size(); ++c) worksheet_write_string(ws, r, lxw_col_t(c), values[c].c_str(), nullptr);
    ++r;
  };
  if (header) write(kHeader);
  for (const auto& values : rows) write(values);
}

}  // namespace

void add_verifications(const std::filesystem::path& reviews, const std::vector<std::vector<std::string>>& rows,
                       const std::filesystem::path& target) {
  const ingest::Workbook in = ingest::read_workbook(reviews);
  const bool csv = reviews.extension() == ".csv" || reviews.extension() == ".CSV";
  Writer out(target);
  bool has_sheet = false;
  for (const auto& sheet : in.sheets) {
    const std::string name = csv ? "专家评分" : sheet.name;
    lxw_worksheet* ws = workbook_add_worksheet(out.book(), name.c_str());
    if (!ws) throw std::runtime_error("无法写入工作表 " + name);
    if (sheet.hidden) worksheet_hide(ws);
    for (const auto& m : sheet.merged) worksheet_merge_range(ws, m.first_row, m.first_col, m.last_row, m.last_col, "", nullptr);
    for (const auto& row : sheet.rows)  // after the merges: a range's value is its first cell's
      for (size_t c = 0; c < row.cells.size(); ++c) out.cell(ws, row.index, lxw_col_t(c), row.cells[c]);
    if (name != kSheet) continue;
    has_sheet = true;
    append(ws, sheet.rows.empty() ? 0 : sheet.rows.back().index + 1, sheet.rows.empty(), rows);
  }
  if (!has_sheet) append(workbook_add_worksheet(out.book(), kSheet), 0, true, rows);
  out.close();
}

}  // namespace tws::template_writer
