// `tws registry export`: the registry as a workbook (stations and terms, members,
// assessments, funding with totals in figures and 大写, revocations), in the same
// style as the phase summaries (report/xlsx_table.h).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "config/settings.h"
#include "report/xlsx_table.h"
#include "rules/state.h"

namespace tws::pipeline {

// Writes `target` atomically from the registry at `registry_path`; the registry
// holds ID numbers, but the export shows none (names and levels only). Returns the
// number of stations written.
size_t export_registry(const std::filesystem::path& registry_path, const std::filesystem::path& target,
                       const config::Settings& settings, const std::string& date);

// The export's sheets (工作站, 入站人员, 考核, 经费, 撤销) for a registry as of `date`
// (statuses already refreshed), and its document properties in `info`.
std::vector<report::Sheet> registry_sheets(const rules::Registry& registry, const config::Settings& settings,
                                           const std::string& date, report::WorkbookInfo* info = nullptr);

}  // namespace tws::pipeline
