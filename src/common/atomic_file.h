// Outputs appear whole or not at all: write to a temporary file in the same folder,
// then rename over the target (rename is atomic within one file system).
#pragma once
#include <filesystem>
#include <functional>
#include <string_view>
#include <vector>

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

// Many files at once (a phase's PDFs): every file is written to its temporary path and
// given its mode, all of them are made durable with one syncfs() (one flush of the file
// system instead of one fsync per file: 1,000 forms took 7 s of fsyncs here), then each
// is renamed onto its target and each folder is fsynced once. The same guarantee per
// file as write_file_atomically — whole or absent, durable when this returns; an
// exception before the renames leaves every target as it was.
struct PendingFile {
  std::filesystem::path target;
  std::string_view bytes;
  unsigned mode = 0644;
};
void write_files_atomically(const std::vector<PendingFile>& files);

}  // namespace tws
