// `tws registry export`: the registry as a workbook (its content: documents/workbooks.h).
#pragma once
#include <filesystem>
#include <string>

#include "config/settings.h"

namespace tws::pipeline {

// Writes `target` from the registry at `registry_path`; the registry holds ID numbers,
// but the export shows none (names and levels only). A regular file (or a new path) is
// replaced atomically; a pipe or a character device (/dev/stdout) is written through,
// never renamed over; anything else is refused. A symbolic link is followed. Returns
// the number of stations written.
// Whether any phase has been run into the registry (false for one holding only the
// accounts of `tws serve`).
bool registry_has_phases(const std::filesystem::path& registry_path);

size_t export_registry(const std::filesystem::path& registry_path, const std::filesystem::path& target,
                       const config::Settings& settings, const std::string& date);

}  // namespace tws::pipeline
