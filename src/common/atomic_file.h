// Outputs appear whole or not at all: write to a temporary file in the same folder,
// then rename over the target (rename is atomic within one file system).
#pragma once
#include <filesystem>
#include <functional>
#include <string_view>

namespace tws {

// Calls `write(tmp_path)` to produce the file at a temporary path next to `target`,
// fsyncs it, sets `mode`, then renames it onto `target`. On any exception the
// temporary file is removed and `target` is left as it was.
void write_atomically(const std::filesystem::path& target,
                      const std::function<void(const std::filesystem::path& tmp)>& write,
                      unsigned mode = 0644);

// Convenience for bytes already in memory.
void write_file_atomically(const std::filesystem::path& target, std::string_view bytes,
                           unsigned mode = 0644);

}  // namespace tws
