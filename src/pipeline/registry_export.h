// `tws registry export`: the registry as a workbook (its content: documents/workbooks.h).
#pragma once
#include <filesystem>
#include <string>

#include "config/settings.h"

namespace tws::pipeline {

// Writes `target` atomically from the registry at `registry_path`; the registry
// holds ID numbers, but the export shows none (names and levels only). Returns the
// number of stations written.
size_t export_registry(const std::filesystem::path& registry_path, const std::filesystem::path& target,
                       const config::Settings& settings, const std::string& date);

}  // namespace tws::pipeline
