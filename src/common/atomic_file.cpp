#include "common/atomic_file.h"
#include "common/errors.h"
#include "common/run_lock.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace tws {
namespace fs = std::filesystem;

namespace {

// fsync of a file or folder; a refusal is a failed write of `p`.
void fsync_path(const fs::path& p, int flags) {
  int fd = ::open(p.c_str(), flags | O_CLOEXEC);
  if (fd < 0) throw write_error(p, errno);
  if (::fsync(fd) != 0) {
    int err = errno;
    ::close(fd);
    if (err != EINVAL && err != EROFS) throw write_error(p, err);  // a folder that cannot be synced
  } else {
    ::close(fd);
  }
}

fs::path folder_of(const fs::path& target) { return target.parent_path().empty() ? fs::path(".") : target.parent_path(); }

}  // namespace

// The pid keeps two processes apart; the run lock keeps two runs apart anyway.
fs::path temporary_path(const fs::path& target) {
  return folder_of(target) / ("." + target.filename().string() + ".tmp" + std::to_string(::getpid()));
}

void make_folders(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw write_error(dir, ec.value());
}

void set_mode(const fs::path& file, unsigned mode) {
  if (::chmod(file.c_str(), mode) != 0)
    throw std::runtime_error("chmod " + file.string() + ": " + std::strerror(errno));
}

void write_new_file(const fs::path& file, std::string_view bytes, unsigned mode) {
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) throw write_error(file, errno);
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int err = n < 0 ? errno : ENOSPC;
      ::close(fd);
      throw write_error(file, err);
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  if (::fchmod(fd, mode) != 0 || ::close(fd) != 0) throw write_error(file, errno);
}

void write_atomically(const fs::path& target, const std::function<void(const fs::path&)>& write,
                      unsigned mode) {
  fs::path dir = folder_of(target);
  make_folders(dir);
  fs::path tmp = temporary_path(target);
  try {
    write(tmp);
    set_mode(tmp, mode);
    fsync_path(tmp, O_RDONLY);
    crash_point();
    if (::rename(tmp.c_str(), target.c_str()) != 0) throw write_error(target, errno);
    fsync_path(dir, O_RDONLY | O_DIRECTORY);
    crash_point();
  } catch (...) {
    std::error_code ec;
    fs::remove(tmp, ec);
    throw;
  }
}

void write_file_atomically(const fs::path& target, std::string_view bytes, unsigned mode) {
  write_atomically(target, [&](const fs::path& tmp) { write_new_file(tmp, bytes, mode); }, mode);
}

fs::path StagedFiles::add(const fs::path& target) {
  fs::path dir = folder_of(target);
  fs::path tmp = temporary_path(target);
  std::lock_guard<std::mutex> lock(mutex_);
  if (published_) throw std::logic_error("StagedFiles::stage after published");
  if (std::find(dirs_.begin(), dirs_.end(), dir) == dirs_.end()) {
    make_folders(dir);
    dirs_.push_back(dir);
  }
  staged_.push_back(target.string());  // before writing: a failed write is cleaned up too
  return tmp;
}

void StagedFiles::stage_written(const fs::path& target, const std::function<void(const fs::path& tmp)>& write) {
  write(add(target));
}

void StagedFiles::stage(const fs::path& target, std::string_view bytes, unsigned mode) {
  write_new_file(add(target), bytes, mode);
}

void StagedFiles::sync() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (staged_.empty()) return;
  int fd = ::open(dirs_.front().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  bool synced = fd >= 0 && ::syncfs(fd) == 0;
  if (fd >= 0) ::close(fd);
  if (!synced)
    for (const std::string& f : staged_) fsync_path(temporary_path(f), O_RDONLY);
}

std::vector<std::string> StagedFiles::targets() {
  std::lock_guard<std::mutex> lock(mutex_);
  return staged_;
}

void StagedFiles::published() {
  std::lock_guard<std::mutex> lock(mutex_);
  published_ = true;
}

StagedFiles::~StagedFiles() {
  if (published_) return;
  std::error_code ec;
  for (const std::string& f : staged_) fs::remove(temporary_path(f), ec);
}

}  // namespace tws
