// A progress line for long phases, on stderr only when it is a terminal (cron and
// logs get the summary, not carriage returns). Thread-safe: workers call tick().
#pragma once
#include <atomic>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>

namespace tws {

// Who else follows the progress lines (the web page's run status): called on every
// tick with the label, the count done and the total, from the ticking thread.
// One listener per process; an empty function removes it.
using ProgressListener = std::function<void(const std::string& label, std::size_t done, std::size_t total)>;
void set_progress_listener(ProgressListener listener);

class Progress {
 public:
  // `enabled` false (e.g. --quiet) or stderr not a terminal: nothing is printed.
  Progress(std::string label, std::size_t total, bool enabled);
  ~Progress();  // ends the line
  void tick();

 private:
  std::string label_;
  std::size_t total_;
  bool on_;
  std::atomic<std::size_t> done_{0};
  std::mutex mu_;
};

}  // namespace tws
