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

void write_atomically(const fs::path& target, const std::function<void(const fs::path&)>& write,
                      unsigned mode) {
  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  fs::create_directories(dir);
  // The pid keeps two processes apart; the run lock keeps two runs apart anyway.
  fs::path tmp = dir / ("." + target.filename().string() + ".tmp" + std::to_string(::getpid()));
  try {
    write(tmp);
    if (::chmod(tmp.c_str(), mode) != 0)
      throw std::runtime_error("chmod " + tmp.string() + ": " + std::strerror(errno));
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

void write_files_atomically(const std::vector<PendingFile>& files) {
  if (files.empty()) return;
  std::vector<fs::path> tmps;
  std::vector<fs::path> dirs;
  tmps.reserve(files.size());
  try {
    for (const PendingFile& f : files) {
      fs::path dir = f.target.parent_path().empty() ? fs::path(".") : f.target.parent_path();
      if (dirs.empty() || dirs.back() != dir) {
        fs::create_directories(dir);
        if (std::find(dirs.begin(), dirs.end(), dir) == dirs.end()) dirs.push_back(dir);
      }
      fs::path tmp = dir / ("." + f.target.filename().string() + ".tmp" + std::to_string(::getpid()));
      tmps.push_back(tmp);
      {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(f.bytes.data(), static_cast<std::streamsize>(f.bytes.size()));
        out.close();
        if (!out) throw std::runtime_error("写入失败: " + tmp.string());
      }
      if (::chmod(tmp.c_str(), f.mode) != 0)
        throw std::runtime_error("chmod " + tmp.string() + ": " + std::strerror(errno));
    }
    // One flush for all of them; where syncfs is refused, one fsync per file as before.
    int fd = ::open(dirs.front().c_str(), O_RDONLY | O_DIRECTORY);
    bool synced = fd >= 0 && ::syncfs(fd) == 0;
    if (fd >= 0) ::close(fd);
    if (!synced)
      for (const fs::path& tmp : tmps) fsync_path(tmp, O_RDONLY);
    for (std::size_t i = 0; i < files.size(); ++i) {
      crash_point();
      fs::rename(tmps[i], files[i].target);
      crash_point();
    }
  } catch (...) {
    std::error_code ec;
    for (const fs::path& tmp : tmps) fs::remove(tmp, ec);
    throw;
  }
  for (const fs::path& dir : dirs) fsync_path(dir, O_RDONLY | O_DIRECTORY);
}

}  // namespace tws
