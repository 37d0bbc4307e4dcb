// Reads one worksheet part, streaming, into a Sheet of typed cells.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "ingest/number_format.h"
#include "ingest/workbook.h"
#include "ingest/zip_archive.h"

namespace tws::ingest::detail {

// The number format of one cellXfs entry.
struct XfFormat {
  std::string code;  // "" = General
  ShownParts shown;
};

// Counted across every sheet of a workbook against ReadLimits.
struct ReadBudget {
  uint64_t cells = 0;       // cell slots stored, empty ones inside a row included
  uint64_t text_bytes = 0;  // text stored in cells
};

struct SheetContext {
  const std::vector<std::string>& shared_strings;
  const std::vector<XfFormat>& formats;  // by cellXfs index (the `s` attribute)
  bool date1904 = false;
  const ReadLimits& limits;
  std::string file;
  ReadBudget& budget;
  std::vector<Diagnostic>& warnings;
};

// Fills sheet.rows and sheet.merged; sheet.name is used in messages.
void read_sheet(ZipArchive& zip, const std::string& part, const SheetContext& context, Sheet& sheet);

// What a pass over a worksheet that builds no cells finds: its merged ranges (stored
// after the rows, yet needed to read the header above them), how many rows hold cells,
// and whether they come in ascending order, so the rows can then be streamed.
struct SheetScan {
  std::vector<MergedRange> merged;
  size_t rows = 0;
  bool ordered = true;
};
SheetScan scan_sheet(ZipArchive& zip, const std::string& part, const SheetContext& context, const std::string& name);
// Hands each non-blank row to `each` as it is read, in the part's order (ascending once
// scan_sheet found it ordered); keeps no cells itself.
void stream_sheet(ZipArchive& zip, const std::string& part, const SheetContext& context, const std::string& name,
                  const std::function<void(Row&&)>& each);

// "B12" -> column 1, row 11 (0-based). False if it is not a cell reference.
bool parse_cell_ref(std::string_view ref, uint32_t& col, uint32_t& row);

}  // namespace tws::ingest::detail
