// The .csv reader: decode (text_encoding.h), then split records per RFC 4180
// (quoted fields may hold commas, doubled quotes and line breaks; records end
// with CRLF, LF or CR). Every field is kept as the text it is: typing happens
// later, so `0059` stays `0059`.
#include <filesystem>

#include "ingest/messages.h"
#include "ingest/text_encoding.h"
#include "ingest/workbook.h"

namespace tws::ingest {

namespace {

using namespace detail;

class CsvParser {
 public:
  CsvParser(std::string_view text, const ReadLimits& limits, const std::string& file, Sheet& sheet)
      : s_(text), limits_(limits), file_(file), sheet_(sheet) {}

  // Returns false if the text ended inside a quoted field.
  bool run() {
    while (i_ < s_.size()) {
      read_field();
      if (i_ >= s_.size()) break;
      char c = s_[i_++];
      if (c == ',') {
        end_field();
        continue;
      }
      if (c == '\r' && i_ < s_.size() && s_[i_] == '\n') ++i_;
      end_record();
    }
    // Text that does not end with a line break still ends a record.
    if (!s_.empty() && s_.back() != '\n' && s_.back() != '\r') end_record();
    else if (open_quote_) end_record();
    return !open_quote_;
  }

 private:
  void read_field() {
    if (s_[i_] == '"') read_quoted();
    // Anything after a closing quote up to the delimiter is kept, as Excel does.
    size_t end = s_.find_first_of(",\r\n", i_);
    if (end == std::string_view::npos) end = s_.size();
    field_.append(s_.substr(i_, end - i_));
    i_ = end;
  }

  void read_quoted() {
    ++i_;
    for (;;) {
      size_t quote = s_.find('"', i_);
      if (quote == std::string_view::npos) {
        field_.append(s_.substr(i_));
        i_ = s_.size();
        open_quote_ = true;
        return;
      }
      field_.append(s_.substr(i_, quote - i_));
      i_ = quote + 1;
      if (i_ < s_.size() && s_[i_] == '"') {
        field_ += '"';
        ++i_;
        continue;
      }
      return;
    }
  }

  [[noreturn]] void fail(const std::string& message) const {
    throw InputError(Location{file_, "", 0, 0}, message);
  }

  void end_field() {
    if (!field_.empty()) {
      if (col_ >= limits_.max_cols || record_ >= limits_.max_rows)
        fail(grid_limit_message(limits_.max_rows, limits_.max_cols));
      if (cells_.size() <= col_) cells_.resize(size_t(col_) + 1);
      cells_[col_].type = CellType::String;
      cells_[col_].text = std::move(field_);
      field_.clear();
    }
    ++col_;
  }

  void end_record() {
    end_field();
    if (!cells_.empty()) {
      cell_count_ += cells_.size();
      if (cell_count_ > limits_.max_cells) fail(cells_limit_message(limits_.max_cells));
      sheet_.rows.push_back(Row{record_, std::move(cells_)});
      cells_ = {};
    }
    ++record_;
    col_ = 0;
  }

  std::string_view s_;
  size_t i_ = 0;
  const ReadLimits& limits_;
  const std::string& file_;
  Sheet& sheet_;
  std::string field_;
  std::vector<Cell> cells_;
  uint32_t record_ = 0, col_ = 0;
  uint64_t cell_count_ = 0;
  bool open_quote_ = false;
};

}  // namespace

Workbook read_csv_bytes(std::string_view bytes, const std::string& name, const ReadLimits& limits) {
  Location where{name, "", 0, 0};
  if (bytes.empty()) throw InputError(where, kEmptyFile);
  if (bytes.size() > limits.max_file_bytes) throw InputError(where, file_limit_message(limits.max_file_bytes));
  if (has_utf16_bom(bytes)) throw InputError(where, kCsvUtf16);
  auto text = decode_text(bytes);
  if (!text) throw InputError(where, kCsvEncoding);
  if (text->find('\0') != std::string::npos) throw InputError(where, kNotSpreadsheet);
  if (text->size() > limits.max_text_bytes) throw InputError(where, text_limit_message(limits.max_text_bytes));

  Workbook wb;
  wb.source = name;
  Sheet sheet;
  sheet.name = std::filesystem::path(name).stem().string();
  if (!CsvParser(*text, limits, name, sheet).run())
    wb.warnings.push_back({Severity::Warning, where,
                           "文件末尾有一个没有闭合的引号，最后一个单元格读到了文件结尾；请检查最后一行的内容是否完整"});
  wb.sheets.push_back(std::move(sheet));
  return wb;
}

}  // namespace tws::ingest
