// A year as the web page shows it: what `run` would do now (a forecast, nothing
// written), what the registry holds for it, and the dates that matter. Read only.
#pragma once
#include <string>
#include <vector>

#include "pipeline/year_run.h"

namespace tws::pipeline {

struct IssuedNumber {
  std::string kind, number, date;  // 认定通知, 德职院政发〔2026〕18号, 2026-05-28
};

struct OutputFile {
  std::string path;     // relative to the output folder: 2026/认定通知.pdf
  std::string sha256;   // as recorded
  std::string phase, run_date;
};

struct YearOverview {
  int year = 0;
  RunReport forecast;                  // check_year with options.forecast
  std::vector<std::string> done_on;    // per kPhaseOrder phase: its run date, "" when not done
  std::string publicity_start, publicity_end;  // recorded, else as the rules would set it today
  bool publicity_recorded = false;
  std::string approval_decided_on, approval_meeting, assessment_decided_on;  // the year's tws.ini
  int approval_doc_number = 0;
  std::vector<std::string> terms_ending;  // "JS202401 某某工作站（领办人）：聘期至 2026-05-22"
  std::vector<IssuedNumber> documents;
  std::vector<OutputFile> outputs;     // every file the year's phases recorded
};

// The phases in the order `run` takes them, and their names for people.
const std::vector<std::string>& phase_order();
std::string phase_title(const std::string& phase);

YearOverview year_overview(const RunOptions& options);
// Only what the registry holds of the year (done_on, the recorded publicity period,
// documents, outputs, terms ending): no forecast, no settings.
YearOverview year_records(const RunOptions& options);

// The registry path the options name (--registry, else the config's output.registry).
std::filesystem::path registry_path(const RunOptions& options);

}  // namespace tws::pipeline
