#include "common/progress.h"

#include <unistd.h>

#include <cstdio>

namespace tws {
namespace {
std::mutex listener_mu;
ProgressListener listener;
}  // namespace

void set_progress_listener(ProgressListener l) {
  std::lock_guard<std::mutex> lock(listener_mu);
  listener = std::move(l);
}

Progress::Progress(std::string label, std::size_t total, bool enabled)
    : label_(std::move(label)), total_(total), on_(enabled && total > 1 && ::isatty(STDERR_FILENO)) {}

Progress::~Progress() {
  if (on_) std::fprintf(stderr, "\r%s %zu/%zu 完成\n", label_.c_str(), done_.load(), total_);
}

void Progress::tick() {
  std::size_t n = ++done_;
  {
    std::lock_guard<std::mutex> lock(listener_mu);
    if (listener) listener(label_, n, total_);
  }
  if (!on_) return;
  std::lock_guard<std::mutex> lock(mu_);
  std::fprintf(stderr, "\r%s %zu/%zu", label_.c_str(), n, total_);
  std::fflush(stderr);
}

}  // namespace tws
