// Outputs appear whole or not at all: write to a temporary file in the same folder,
// then rename over the target (rename is atomic within one file system).
#pragma once
#include <filesystem>
#include <functional>
#include <mutex>
#include <string_view>
#include <vector>

namespace tws {

// Calls `write(tmp_path)` to produce the file at a temporary path next to `target`,
// fsyncs it, sets `mode`, then renames it onto `target`. On any exception the
// temporary file is removed and `target` is left as it was.
void write_atomically(const std::filesystem::path& target,
                      const std::function<void(const std::filesystem::path& tmp)>& write,
                      unsigned mode = 0644);

// chmod, or std::runtime_error naming the file (a staged file written by another writer
// than stage(): a PDF libharu saves itself).
void set_mode(const std::filesystem::path& file, unsigned mode);

// Convenience for bytes already in memory.
void write_file_atomically(const std::filesystem::path& target, std::string_view bytes,
                           unsigned mode = 0644);

// A phase's files, each whole or absent like write_file_atomically, written as they
// come rather than held until the end: each stage() writes one file to its hidden
// temporary path (".<name>.tmp<pid>" beside the target) and returns, so its bytes can
// be freed; commit() makes them all durable with one syncfs (an fsync per file is slow
// for a phase's hundreds of forms) and renames them onto their targets. Destroyed before commit() (an exception, a failing document), it removes
// every temporary: the targets stay as they were. stage() may be called from several
// threads.
class StagedFiles {
 public:
  StagedFiles() = default;
  ~StagedFiles();
  StagedFiles(const StagedFiles&) = delete;
  StagedFiles& operator=(const StagedFiles&) = delete;

  void stage(const std::filesystem::path& target, std::string_view bytes, unsigned mode = 0644);
  // Stages a file that `write` writes itself, at the temporary path it is given.
  void stage_written(const std::filesystem::path& target,
                     const std::function<void(const std::filesystem::path& tmp)>& write);
  void commit();
  std::size_t size() const { return staged_.size(); }  // staged and not yet committed

 private:
  // The targets; a target's temporary path follows from it.
  std::filesystem::path add(const std::filesystem::path& target);
  std::mutex mutex_;
  std::vector<std::string> staged_;
  std::vector<std::filesystem::path> dirs_;
  bool committed_ = false;
};

}  // namespace tws
