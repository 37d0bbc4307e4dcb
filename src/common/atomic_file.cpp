#include "common/atomic_file.h"
#include "common/run_lock.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>

namespace tws {
namespace fs = std::filesystem;

namespace {

void fsync_path(const fs::path& p, int flags) {
  int fd = ::open(p.c_str(), flags);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

namespace {
fs::path folder_of(const fs::path& target) { return target.parent_path().empty() ? fs::path(".") : target.parent_path(); }
// ".<name>.tmp<pid>" beside the target: the pid keeps two processes apart; the run lock
// keeps two runs apart anyway.
fs::path temporary_path(const fs::path& target) {
  return folder_of(target) / ("." + target.filename().string() + ".tmp" + std::to_string(::getpid()));
}
}  // namespace

void set_mode(const fs::path& file, unsigned mode) {
  if (::chmod(file.c_str(), mode) != 0)
    throw std::runtime_error("chmod " + file.string() + ": " + std::strerror(errno));
}

void write_atomically(const fs::path& target, const std::function<void(const fs::path&)>& write,
                      unsigned mode) {
  fs::path dir = folder_of(target);
  fs::create_directories(dir);
  fs::path tmp = temporary_path(target);
  try {
    write(tmp);
    set_mode(tmp, mode);
    fsync_path(tmp, O_RDONLY);
    crash_point();
    fs::rename(tmp, target);
    fsync_path(dir, O_RDONLY | O_DIRECTORY);
    crash_point();
  } catch (...) {
    std::error_code ec;
    fs::remove(tmp, ec);
    throw;
  }
}

void write_file_atomically(const fs::path& target, std::string_view bytes, unsigned mode) {
  write_atomically(target, [&](const fs::path& tmp) {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) throw std::runtime_error("写入失败: " + tmp.string());
  }, mode);
}

fs::path StagedFiles::add(const fs::path& target) {
  fs::path dir = folder_of(target);
  fs::path tmp = temporary_path(target);
  std::lock_guard<std::mutex> lock(mutex_);
  if (committed_) throw std::logic_error("StagedFiles::stage after commit");
  if (std::find(dirs_.begin(), dirs_.end(), dir) == dirs_.end()) {
    fs::create_directories(dir);
    dirs_.push_back(dir);
  }
  staged_.push_back(target.string());  // before writing: a failed write is cleaned up too
  return tmp;
}

void StagedFiles::stage_written(const fs::path& target, const std::function<void(const fs::path& tmp)>& write) {
  write(add(target));
}

void StagedFiles::stage(const fs::path& target, std::string_view bytes, unsigned mode) {
  const fs::path tmp = add(target);
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) throw std::runtime_error("写入失败: " + tmp.string());
  set_mode(tmp, mode);
}

void StagedFiles::commit() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (committed_ || staged_.empty()) {
    committed_ = true;
    return;
  }
  // One flush for all of them (an fsync per file costs seconds for a phase's forms); where
  // syncfs is refused, one fsync per file.
  int fd = ::open(dirs_.front().c_str(), O_RDONLY | O_DIRECTORY);
  bool synced = fd >= 0 && ::syncfs(fd) == 0;
  if (fd >= 0) ::close(fd);
  if (!synced)
    for (const std::string& f : staged_) fsync_path(temporary_path(f), O_RDONLY);
  std::size_t renamed = 0;
  try {
    for (const std::string& f : staged_) {
      crash_point();
      fs::rename(temporary_path(f), f);
      ++renamed;
      crash_point();
    }
  } catch (...) {
    std::error_code ec;
    for (std::size_t i = renamed; i < staged_.size(); ++i) fs::remove(temporary_path(staged_[i]), ec);
    committed_ = true;  // nothing left to clean up
    throw;
  }
  committed_ = true;
  for (const fs::path& dir : dirs_) fsync_path(dir, O_RDONLY | O_DIRECTORY);
  staged_.clear();
}

StagedFiles::~StagedFiles() {
  if (committed_) return;
  std::error_code ec;
  for (const std::string& f : staged_) fs::remove(temporary_path(f), ec);
}

}  // namespace tws
