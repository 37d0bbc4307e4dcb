// The spreadsheet model every reader produces: sheets of typed cells, as the
// reader saw them, before any header matching or validation.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/diagnostic.h"
#include "common/errors.h"

namespace tws::ingest {
namespace detail {
class XlsxPackage;
}

enum class CellType { Empty, String, Number, Boolean, Error, Date };

// A calendar date and/or time of day, as stored (serials carry no time zone).
struct DateTime {
  int year = 0, month = 0, day = 0;        // all 0 for a time-only value
  int hour = 0, minute = 0, second = 0;
  bool has_date = false, has_time = false;
  std::string iso() const;                  // 2026-04-15, 2026-04-15T08:30:00, 08:30:00
};

// The calendar day of a date cell (a DateTime with a date), or of a number read as a
// 1900-system serial (its whole days); nullopt when it is none.
std::optional<Date> day_of(const DateTime& d);
std::optional<Date> serial_day(double serial);

struct Cell {
  CellType type = CellType::Empty;
  std::string text;       // String: the text; Error: "#N/A"; other types: empty
  double number = 0;      // Number; Boolean (0/1)
  DateTime date;          // Date
  std::string format;     // number format code the cell was stored with ("" = General)
  bool uncached_formula = false;  // Empty: a formula saved without its result (some generators)
  bool empty() const { return type == CellType::Empty || (type == CellType::String && text.empty()); }
};

struct Row {
  uint32_t index = 0;         // 0-based row number in the sheet
  std::vector<Cell> cells;    // index = 0-based column; trailing empty cells trimmed
  const Cell* at(size_t col) const { return col < cells.size() ? &cells[col] : nullptr; }
};

// A merged range, 0-based and inclusive; the value sits in the top-left cell.
struct MergedRange {
  uint32_t first_row = 0, first_col = 0, last_row = 0, last_col = 0;
};

struct Sheet {
  std::string name;
  bool hidden = false;
  std::vector<Row> rows;              // ascending by index; blank rows omitted
  std::vector<MergedRange> merged;
};

struct Workbook {
  std::string source;                 // file name as given, for messages
  std::vector<Sheet> sheets;
  std::vector<Diagnostic> warnings;   // e.g. hidden sheet, WPS cell image
  const Sheet* find_sheet(std::string_view name) const;
};

// Limits for untrusted uploads (real HR files are kilobytes to a few MB).
struct ReadLimits {
  uint64_t max_file_bytes = 64ull << 20;          // the file itself
  uint64_t max_total_uncompressed = 256ull << 20; // all parts read, inflated
  uint64_t max_part_uncompressed = 128ull << 20;  // one part
  double min_inflate_ratio = 0.01;                // compressed/uncompressed, past 100 KiB
  uint32_t max_entries = 1000;
  uint32_t max_xml_depth = 64;
  uint64_t max_cells = 5'000'000;
  uint32_t max_rows = 1'048'576, max_cols = 16'384;
  // Added for ingest: all text stored in cells, counted after shared strings are
  // expanded (one huge shared string referenced by every cell would otherwise
  // multiply memory without any part being large).
  uint64_t max_text_bytes = 256ull << 20;
};

// Reads .xlsx (Transitional or Strict) or .csv (UTF-8 with or without BOM,
// GB18030/GBK) by content, not by extension. Throws tws::InputError with a plain
// Chinese message on a file it cannot read: .xls or encrypted workbooks (OLE2),
// corrupt or truncated zips, zip or XML bombs, limits exceeded.
Workbook read_workbook(const std::filesystem::path& path, const ReadLimits& limits = {});
// The same from bytes in memory; `name` is used in messages.
Workbook read_workbook_bytes(std::string_view bytes, const std::string& name,
                             const ReadLimits& limits = {});
Workbook read_xlsx_bytes(std::string_view bytes, const std::string& name,
                         const ReadLimits& limits = {});
Workbook read_csv_bytes(std::string_view bytes, const std::string& name,
                        const ReadLimits& limits = {});

// A workbook read one sheet at a time, so that a sheet's cells are never all held: an
// .xlsx sheet's rows are streamed from its XML; a .csv is read whole (one sheet). The
// same checks, limits, messages and warnings as read_workbook. Throws InputError as it.
class WorkbookReader {
 public:
  explicit WorkbookReader(const std::filesystem::path& path, const ReadLimits& limits = {});
  ~WorkbookReader();
  WorkbookReader(const WorkbookReader&) = delete;
  WorkbookReader& operator=(const WorkbookReader&) = delete;

  const std::string& source() const { return source_; }
  // SHA-256 of the bytes read from the file: those parsed, whatever the file holds later.
  const std::string& sha256() const { return sha256_; }
  std::vector<std::string> sheet_names() const;   // worksheets, in workbook order
  // Sheet `index` (each at most once): `begin` gets its merged ranges and its number of
  // rows, then `each` its non-blank rows in ascending order.
  void read(size_t index, const std::function<void(const std::vector<MergedRange>&, size_t rows)>& begin,
            const std::function<void(Row&&)>& each);
  // Reads every sheet not read yet and drops its rows: a broken or over-limit sheet
  // still fails the file, and its warnings are given, as when the whole file is read.
  void read_rest();
  // Warnings in workbook sheet order, as Workbook::warnings.
  std::vector<Diagnostic> warnings() const;
  // A producer's check of its own file: every XML part of an .xlsx is well-formed,
  // also parts that reading never opens ([Content_Types].xml, styles, charts), and
  // when `declared` begins with an XML declaration (for producers that write one into
  // every part). Throws InputError naming the first part that is not. Nothing to
  // check for .csv.
  void check_xml_parts(bool declared);

 private:
  std::string source_, bytes_, sha256_;
  std::unique_ptr<Workbook> whole_;                    // .csv
  std::unique_ptr<detail::XlsxPackage> package_;       // .xlsx
  std::vector<bool> read_;
};

// How `tws inspect` shows a cell: text as is, numbers in shortest round-trip
// form, dates as ISO 8601, booleans TRUE/FALSE, errors as their code.
std::string display(const Cell& cell);

// What `tws inspect FILE [--sheet NAME]` prints: per sheet a line `# sheet: NAME`,
// then one tab-separated line per row. Unknown sheet name: InputError listing sheets.
// Details: ` (hidden)` follows a hidden sheet's name; every row from the first
// to the last non-blank one gets a line, blank rows as empty lines, so the N-th
// line under the header is sheet row N (as in Excel and LibreOffice's CSV
// export); a line ends at the row's last non-empty cell; a tab, LF or CR inside
// a cell is written as \t, \n or \r.
std::string inspect_text(const Workbook& workbook, const std::string& only_sheet = "");

}  // namespace tws::ingest
