#include "pipeline/registry_export.h"

#include "common/date.h"
#include "documents/workbooks.h"
#include "registry/registry_db.h"
#include "report/xlsx_table.h"
#include "rules/rules.h"

namespace tws::pipeline {

size_t export_registry(const std::filesystem::path& registry_path, const std::filesystem::path& target,
                       const config::Settings& s, const std::string& date) {
  registry::RegistryDb db(registry_path);
  rules::Registry reg = rules::refresh_status(db.load(), parse_iso(date));
  report::WorkbookInfo info;
  auto sheets = documents::registry_sheets(reg, s, date, &info);
  report::write_workbook(target, info, sheets);
  return reg.stations.size();
}

}  // namespace tws::pipeline
