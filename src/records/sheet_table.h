// A sheet matched against its SheetSpec: the header row found by text, each spec
// column bound to a sheet column; rows below it are data. Built from the sheet's first
// rows only, so the rows after them can be streamed past it.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "ingest/workbook.h"
#include "records/schema.h"

namespace tws::records {

class SheetTable {
 public:
  // The header is looked for in this many first (non-blank) rows.
  static constexpr size_t kHeaderSearchRows = 15;

  // Finds the header row among `top`, the sheet's first kHeaderSearchRows rows (possibly
  // below a title row or in `merged` cells), binds columns and reports missing required
  // columns to `diags`.
  SheetTable(std::string sheet, const std::vector<ingest::Row>& top, const std::vector<ingest::MergedRange>& merged,
             const SheetSpec& spec, std::string file, Diagnostics& diags);
  // The same for a sheet held whole.
  SheetTable(const ingest::Sheet& sheet, const SheetSpec& spec, std::string file, Diagnostics& diags);

  bool usable() const { return usable_; }
  // A data row: below the header and not blank.
  bool is_data(const ingest::Row& row) const;
  bool has(const std::string& column) const { return columns_.count(column) > 0; }
  // The cell of `column` in `row`; an empty cell when absent.
  const ingest::Cell& cell(const ingest::Row& row, const std::string& column) const;
  Location where(const ingest::Row& row, const std::string& column = "") const;
  // The cell of `column` in `row` is merged with the cell above it (a vertically merged
  // range of data rows, not its top row): its value belongs to another row.
  bool merged_from_above(const ingest::Row& row, const std::string& column) const;

 private:
  std::string sheet_, file_;
  std::map<std::string, uint32_t> columns_;  // spec column name → 0-based sheet column
  uint32_t header_row_ = 0;
  std::vector<ingest::MergedRange> data_merges_;  // merges spanning rows below the header
  bool usable_ = false;
};

}  // namespace tws::records
