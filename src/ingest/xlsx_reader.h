// Internal entry points of the xlsx reader, shared with the by-content dispatch
// in workbook.cpp.
#pragma once
#include <string>
#include <string_view>

#include "ingest/workbook.h"

namespace tws::ingest::detail {

// Reads a zip package as a workbook (no size or magic checks).
Workbook read_xlsx_package(std::string_view bytes, const std::string& name, const ReadLimits& limits);
// Throws the InputError that fits an OLE2 file (.xls, encrypted workbook,
// other); returns if `bytes` is not OLE2.
void check_not_ole2(std::string_view bytes, const std::string& name);

}  // namespace tws::ingest::detail
