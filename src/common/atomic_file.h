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

// write_files_atomically for files that are not all in memory at once (10,000 申报表
// held in memory took 1.5 GB): each stage() writes one file to its hidden temporary
// path (".<name>.tmp<pid>" beside the target) and returns, so its bytes can be freed;
// commit() makes them all durable with one syncfs and renames them onto their targets.
// Destroyed before commit() (an exception, a failing document), it removes every
// temporary: the targets stay as they were. stage() may be called from several threads.
class StagedFiles {
 public:
  StagedFiles() = default;
  ~StagedFiles();
  StagedFiles(const StagedFiles&) = delete;
  StagedFiles& operator=(const StagedFiles&) = delete;

  void stage(const std::filesystem::path& target, std::string_view bytes, unsigned mode = 0644);
  void commit();
  std::size_t size() const { return staged_.size(); }

 private:
  struct Staged {
    std::filesystem::path target, tmp;
  };
  std::mutex mutex_;
  std::vector<Staged> staged_;
  std::vector<std::filesystem::path> dirs_;
  bool committed_ = false;
};

}  // namespace tws
