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
// temporary file is removed and `target` is left as it was. A refused write, rename
// or folder throws write_error (errors.h) naming `target` and the cause.
void write_atomically(const std::filesystem::path& target,
                      const std::function<void(const std::filesystem::path& tmp)>& write,
                      unsigned mode = 0644);

// chmod, or std::runtime_error naming the file (a staged file written by another writer
// than stage(): a PDF libharu saves itself).
void set_mode(const std::filesystem::path& file, unsigned mode);

// Convenience for bytes already in memory.
void write_file_atomically(const std::filesystem::path& target, std::string_view bytes,
                           unsigned mode = 0644);

// Creates (or truncates) `file` with `mode` and writes `bytes`; write_error on failure.
void write_new_file(const std::filesystem::path& file, std::string_view bytes, unsigned mode);

// fs::create_directories, or write_error naming the folder.
void make_folders(const std::filesystem::path& dir);

// The hidden temporary path of `target`: ".<name>.tmp<pid>" beside it.
std::filesystem::path temporary_path(const std::filesystem::path& target);

// A phase's files, each written as it comes to its hidden temporary path (so its
// bytes can be freed) and left there: the phase's commit (src/pipeline/commit.cpp)
// makes them durable with sync() and moves them into place itself, recording each
// move in the registry first. Destroyed before published(), it removes every
// temporary: the targets stay as they were. stage() may be called from several threads.
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
  // Every temporary on disk: one syncfs (an fsync per file is slow for a phase's
  // hundreds of forms), or an fsync per file where syncfs is refused.
  void sync();
  // The targets, in the order staged.
  std::vector<std::string> targets();
  // The temporaries are now the caller's (moved into place or removed by it).
  void published();

 private:
  std::filesystem::path add(const std::filesystem::path& target);
  std::mutex mutex_;
  std::vector<std::string> staged_;
  std::vector<std::filesystem::path> dirs_;
  bool published_ = false;
};

}  // namespace tws
