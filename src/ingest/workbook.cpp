// Entry points: decide what a file is by its content, then hand it to the
// xlsx or csv reader.
#include "ingest/workbook.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "common/sha256.h"
#include "ingest/messages.h"
#include "ingest/number_format.h"
#include "ingest/ole2.h"
#include "ingest/text_encoding.h"
#include "ingest/xlsx_reader.h"

#include <stdexcept>

namespace tws::ingest {

namespace {

using namespace detail;

constexpr const char* kMarkup =
    "这是网页（HTML）或 XML 表格格式的文件（常见于系统导出的“.xls”），不是真正的 Excel 工作簿；"
    "请在 Excel 或 WPS 中打开后另存为 .xlsx 再上传";

bool is_zip(std::string_view b) {
  // Local file header, or the end record of an empty archive.
  return b.substr(0, 4) == std::string_view("PK\x03\x04", 4) || b.substr(0, 4) == std::string_view("PK\x05\x06", 4);
}

std::string lower_extension(const std::string& name) {
  std::string ext = std::filesystem::path(name).extension().string();
  for (char& c : ext)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return ext;
}

// Text a person could have typed: no control characters but tab and line breaks.
bool looks_like_text(std::string_view text) {
  for (unsigned char c : text)
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return false;
  return true;
}

bool starts_with_markup(std::string_view text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '<';
}

}  // namespace

std::optional<Date> day_of(const DateTime& d) {
  const Date day = make_date(d.year, unsigned(d.month), unsigned(d.day));
  if (!d.has_date || !day.ok()) return std::nullopt;
  return day;
}

std::optional<Date> serial_day(double serial) {
  auto d = detail::serial_to_datetime(std::floor(serial), false, {.date = true});
  return d ? day_of(*d) : std::nullopt;
}

std::string DateTime::iso() const {
  char buf[40];
  if (has_date && has_time)
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute, second);
  else if (has_date)
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  else if (has_time)
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", hour, minute, second);
  else
    buf[0] = '\0';
  return buf;
}

const Sheet* Workbook::find_sheet(std::string_view name) const {
  for (const auto& s : sheets)
    if (s.name == name) return &s;
  return nullptr;
}

Workbook read_workbook_bytes(std::string_view bytes, const std::string& name, const ReadLimits& limits) {
  Location where{name, "", 0, 0};
  if (bytes.empty()) throw InputError(where, kEmptyFile);
  if (bytes.size() > limits.max_file_bytes) throw InputError(where, file_limit_message(limits.max_file_bytes));
  if (is_zip(bytes)) return read_xlsx_package(bytes, name, limits);
  if (has_ole2_magic(bytes)) check_not_ole2(bytes, name);
  if (lower_extension(name) == ".csv") return read_csv_bytes(bytes, name, limits);
  if (has_utf16_bom(bytes)) throw InputError(where, kCsvUtf16);
  auto text = decode_text(bytes);
  if (text && starts_with_markup(*text)) throw InputError(where, kMarkup);
  if (text && looks_like_text(*text)) return read_csv_bytes(bytes, name, limits);
  throw InputError(where, kNotSpreadsheet);
}

namespace {
std::string read_file(const std::filesystem::path& path, const ReadLimits& limits) {
  Location where{path.string(), "", 0, 0};
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  if (ec) throw InputError(where, "找不到或无法读取这个文件；请检查文件名和路径是否正确");
  if (size > limits.max_file_bytes) throw InputError(where, file_limit_message(limits.max_file_bytes));
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) throw InputError(where, "无法读取这个文件；请检查文件是否被其他程序占用");
  return bytes;
}
}  // namespace

Workbook read_workbook(const std::filesystem::path& path, const ReadLimits& limits) {
  return read_workbook_bytes(read_file(path, limits), path.string(), limits);
}

WorkbookReader::WorkbookReader(const std::filesystem::path& path, const ReadLimits& limits)
    : source_(path.string()), bytes_(read_file(path, limits)), sha256_(sha256_hex(bytes_)) {
  // The checks of read_workbook_bytes, then a zip is opened for streaming; anything
  // else is read whole by it.
  if (!bytes_.empty() && bytes_.size() <= limits.max_file_bytes && is_zip(bytes_)) {
    package_ = std::make_unique<XlsxPackage>(bytes_, source_, limits);
    read_.assign(package_->sheet_count(), false);
  } else {
    whole_ = std::make_unique<Workbook>(read_workbook_bytes(bytes_, source_, limits));
    std::string().swap(bytes_);
    read_.assign(whole_->sheets.size(), false);
  }
}

WorkbookReader::~WorkbookReader() = default;

std::vector<std::string> WorkbookReader::sheet_names() const {
  std::vector<std::string> names;
  for (size_t i = 0; i < read_.size(); ++i) names.push_back(package_ ? package_->sheet_name(i) : whole_->sheets[i].name);
  return names;
}

void WorkbookReader::read(size_t index, const std::function<void(const std::vector<MergedRange>&, size_t)>& begin,
                          const std::function<void(Row&&)>& each) {
  if (read_.at(index)) throw std::logic_error("WorkbookReader: a sheet is read once");
  read_[index] = true;
  if (package_) {
    package_->read(index, [&](const SheetScan& scan) { begin(scan.merged, scan.rows); }, each);
    return;
  }
  Sheet& sheet = whole_->sheets[index];
  begin(sheet.merged, sheet.rows.size());
  for (auto& row : sheet.rows) each(std::move(row));
  std::vector<Row>().swap(sheet.rows);
}

void WorkbookReader::read_rest() {
  for (size_t i = 0; i < read_.size(); ++i)
    if (!read_[i]) read(i, [](const std::vector<MergedRange>&, size_t) {}, [](Row&&) {});
}

void WorkbookReader::check_xml_parts(bool declared) {
  if (package_) package_->check_xml_parts(declared);
}

std::vector<Diagnostic> WorkbookReader::warnings() const {
  return package_ ? package_->warnings() : whole_->warnings;
}

}  // namespace tws::ingest
