// Internal entry points of the xlsx reader, shared with the by-content dispatch
// in workbook.cpp.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/sheet_reader.h"
#include "ingest/workbook.h"
#include "ingest/zip_archive.h"
#include "common/errors.h"

namespace tws::ingest::detail {

// An opened .xlsx package: its worksheets in workbook order, read one at a time. A
// sheet's rows are streamed (a first pass over its XML takes the merged ranges and row
// order, so nothing of the sheet is held). `bytes` must outlive it.
class XlsxPackage {
 public:
  XlsxPackage(std::string_view bytes, std::string name, const ReadLimits& limits);
  size_t sheet_count() const { return sheets_.size(); }
  const std::string& sheet_name(size_t i) const { return sheets_.at(i).name; }
  bool hidden(size_t i) const { return sheets_.at(i).hidden; }
  // `begin` gets the sheet's merged ranges and row count, then `each` its rows ascending.
  void read(size_t index, const std::function<void(const SheetScan&)>& begin,
            const std::function<void(Row&&)>& each);
  // The package's warnings so far, in workbook sheet order (as read_xlsx_package gives them).
  std::vector<Diagnostic> warnings() const;
  // Parses every XML part of the package (.xml, .rels, .vml), also those the reader
  // never uses; throws InputError naming the first that is not well-formed or, when
  // `declared`, does not begin with an XML declaration.
  void check_xml_parts(bool declared);

 private:
  struct Worksheet {
    std::string name;
    bool hidden = false;
    std::string part;
    size_t entry = 0;  // position among the workbook's <sheet> entries
  };
  void note(size_t entry, const std::string& sheet, std::string message);

  ZipArchive zip_;
  std::string name_;
  ReadLimits limits_;
  bool date1904_ = false;
  std::vector<std::string> strings_;
  std::vector<XfFormat> formats_;
  ReadBudget budget_;
  std::vector<Worksheet> sheets_;
  std::vector<std::vector<Diagnostic>> notes_;  // by workbook <sheet> entry
};

// Reads a zip package as a workbook (no size or magic checks).
Workbook read_xlsx_package(std::string_view bytes, const std::string& name, const ReadLimits& limits);
// Throws the InputError that fits an OLE2 file (.xls, encrypted workbook,
// other); returns if `bytes` is not OLE2.
void check_not_ole2(std::string_view bytes, const std::string& name);

}  // namespace tws::ingest::detail
