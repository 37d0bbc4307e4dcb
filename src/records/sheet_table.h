// A sheet matched against its SheetSpec: the header row found by text, each spec
// column bound to a sheet column, and the data rows below it.
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
  // Finds the header row (within the first rows, possibly below a title row or in
  // merged cells), binds columns and reports missing required columns to `diags`.
  SheetTable(const ingest::Sheet& sheet, const SheetSpec& spec, std::string file, Diagnostics& diags);

  bool usable() const { return usable_; }
  // Data rows (blank rows skipped).
  const std::vector<const ingest::Row*>& rows() const { return rows_; }
  bool has(const std::string& column) const { return columns_.count(column) > 0; }
  // The cell of `column` in `row`; an empty cell when absent.
  const ingest::Cell& cell(const ingest::Row& row, const std::string& column) const;
  Location where(const ingest::Row& row, const std::string& column = "") const;

 private:
  const ingest::Sheet& sheet_;
  std::string file_;
  std::map<std::string, uint32_t> columns_;  // spec column name → 0-based sheet column
  std::vector<const ingest::Row*> rows_;
  bool usable_ = false;
};

}  // namespace tws::records
