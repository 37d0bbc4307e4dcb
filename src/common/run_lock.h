// One run at a time: an exclusive, non-blocking flock on `<registry>.lock`, held
// by every command that writes for as long as it runs. The kernel drops the lock
// when the process ends, however it ends, so a crashed run never blocks the next.
#pragma once
#include <filesystem>
#include <stdexcept>

#include "common/errors.h"

namespace tws {

// Another process (cron, the command line, the web page) holds the lock.
struct RunBusy : EnvironmentError {
  using EnvironmentError::EnvironmentError;
};

class RunLock {
 public:
  // Throws RunBusy at once when another process holds the lock.
  explicit RunLock(const std::filesystem::path& registry);
  ~RunLock();
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;

 private:
  int fd_ = -1;
};

// Test-only fault injection for the crash test: when $TWS_TEST_KILL_AT is N, the
// N-th call in this process (counting every output written and every registry
// commit, before and after) kills the process with SIGKILL.
void crash_point();

}  // namespace tws
