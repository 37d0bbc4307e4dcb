#include "common/run_lock.h"
#include "common/atomic_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace tws {

RunLock::RunLock(const std::filesystem::path& registry) {
  std::filesystem::path lock = registry;
  lock += ".lock";
  if (lock.has_parent_path()) make_folders(lock.parent_path());
  fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) throw write_error(lock, errno);
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    ::close(fd_);
    fd_ = -1;
    if (err == EWOULDBLOCK)
      throw RunBusy("另一个 tws 进程正在运行（锁文件 " + lock.string() + " 已被占用），本次未做任何改动；请等它结束后再运行");
    throw EnvironmentError("无法锁定 " + lock.string() + "：" + std::strerror(err));
  }
}

RunLock::~RunLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

void crash_point() {
  static const long kill_at = [] {
    const char* v = std::getenv("TWS_TEST_KILL_AT");
    return v ? std::strtol(v, nullptr, 10) : 0L;
  }();
  static long count = 0;
  if (kill_at > 0 && ++count == kill_at) ::kill(::getpid(), SIGKILL);
}

}  // namespace tws
