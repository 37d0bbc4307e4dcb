#include "common/stage_timer.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <string>

namespace tws {
namespace {

struct Totals {
  std::mutex mu;
  std::map<std::string, std::pair<long long, long>> by_stage;  // ns, calls
  ~Totals() {
    for (auto& [name, t] : by_stage) std::fprintf(stderr, "stage %s %.4f %ld\n", name.c_str(), t.first / 1e9, t.second);
  }
};

bool enabled() {
  static const bool on = std::getenv("TWS_PROFILE") != nullptr;
  return on;
}

Totals& totals() {
  static Totals t;
  return t;
}

long long now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

StageTimer::StageTimer(const char* stage) : stage_(stage) {
  if (enabled()) {
    totals();  // constructed before first use so it is destroyed after the last
    start_ns_ = now_ns();
  }
}

StageTimer::~StageTimer() {
  if (!enabled()) return;
  long long d = now_ns() - start_ns_;
  std::lock_guard<std::mutex> lock(totals().mu);
  auto& t = totals().by_stage[stage_];
  t.first += d;
  ++t.second;
}

}  // namespace tws
