// Reads one worksheet part, streaming, into a Sheet of typed cells.
#pragma once
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

// "B12" -> column 1, row 11 (0-based). False if it is not a cell reference.
bool parse_cell_ref(std::string_view ref, uint32_t& col, uint32_t& row);

}  // namespace tws::ingest::detail
