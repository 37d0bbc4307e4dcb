// Time spent per pipeline stage (ingest, rules, layout, pdf, xlsx, registry), for
// bench/run. Off unless $TWS_PROFILE is set; then the totals are printed to stderr at
// exit as `stage NAME SECONDS CALLS`. Thread-safe; costs two clock reads per scope.
#pragma once

namespace tws {

class StageTimer {
 public:
  explicit StageTimer(const char* stage);
  ~StageTimer();
  StageTimer(const StageTimer&) = delete;
  StageTimer& operator=(const StageTimer&) = delete;

 private:
  const char* stage_;
  long long start_ns_ = 0;
};

}  // namespace tws
