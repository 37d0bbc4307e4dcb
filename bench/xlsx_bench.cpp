// xlsx_bench: writes a synthetic N-station 考核汇总.xlsx (documents::write_assessment_workbook,
// all four sheets: 考核汇总, 按部门 formulas, 图表, 经费 ledger over two years) and
// reports the time and the peak resident memory of this process.
//
//   xlsx_bench [--stations N] [--mode auto|constant|normal] [--out FILE] [--repeat R]
//
// --mode auto uses the writer's own rule (constant_memory once a sheet has ≥ 500
// rows); constant / normal force it. Run each mode in its own process: peak RSS is per
// process (getrusage). Output is one line of key=value pairs. write_ms times what
// documents::write_assessment_workbook does — assessment_sheets (the sheets' values from
// the outcome) and report::write_workbook (the file, fsynced and renamed into place) —
// not make_data (data_ms), which stands in for the assessment itself.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "config/settings.h"
#include "documents/workbooks.h"
#include "records/records.h"
#include "report/xlsx_table.h"
#include "rules/rules.h"

namespace fs = std::filesystem;
using namespace tws;

namespace {

long peak_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;  // KiB on Linux
}

long current_rss_kib() {
  FILE* f = std::fopen("/proc/self/statm", "r");
  long pages = 0, resident = 0;
  if (f) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

struct Data {
  config::Settings settings = config::default_settings();
  rules::Registry registry;
  std::vector<records::Performance> performance;
  rules::AssessmentOutcome outcome;
  rules::FundingPlan plan;
};

// N stations approved in 2025 across 12 departments, assessed for 2026 with
// indicator values spread over all three grades; each was funded in 2025 too.
Data make_data(int n) {
  Data x;
  const char* depts[] = {"机电工程系", "汽车工程系", "建筑工程系", "化工与医药系", "信息工程系", "经济管理系",
                         "纺织服装系", "旅游管理系", "学前教育学院", "艺术设计系", "基础部", "继续教育学院"};
  const calendar::Day start = calendar::parse_iso("2025-05-22");
  for (int i = 0; i < n; ++i) {
    rules::Station st;
    st.code = rules::station_code(2025, i + 1);
    st.application_id = "2025-" + std::to_string(10000 + i).substr(1);
    st.first_year = 2025;
    st.name = "第" + std::to_string(i + 1) + "号智能制造技师工作站";
    st.department = depts[i % 12];
    st.occupation = "数控车工";
    st.leader = "领办人" + std::to_string(i + 1);
    st.annual_target = 10 + i % 5;
    st.term_start = start;
    st.term_end = rules::term_end(start, 2);
    x.registry.stations.push_back(st);
    x.registry.funding.push_back({st.code, st.name, st.department, 2025, rules::Grade::Pass, 20000,
                                  "2025 年度考核合格，资助期第 1 年，下达经费 20,000.00 元（贰万元整）（第八条）"});
    records::Performance p;
    p.station_code = st.code;
    p.year = 2026;
    p.enterprises_first = 1 + i % 3;
    p.enterprises_second = i % 17 == 5 ? 0 : 2;
    p.trained = 5 + i % 11;
    p.apprentices = i % 6;
    p.tech_projects = i % 3;
    p.problems_solved = i % 2;
    p.innovations = i % 4 == 0;
    p.patents = i % 5 == 0;
    p.trainees = 7 * (i % 13);
    p.awards = i % 3;
    p.budget_rate = 0.55 + (i % 9) * 0.05;
    p.accounts_compliant = i % 6 != 1;
    p.funds_misused = i % 37 == 36;
    p.economic_benefit = (i % 8) * 9.5;
    p.social_score = 3 + i % 8;
    if (i % 23 == 22) p.committee_score = 86;
    x.performance.push_back(p);
  }
  const calendar::Day on = calendar::parse_iso("2026-12-31");
  x.outcome = rules::assess(x.performance, x.registry, on, x.settings.assessment);
  if (x.outcome.diags.has_errors()) throw std::runtime_error("synthetic performance rows have errors");
  x.registry = rules::apply_assessment(x.registry, x.outcome);
  x.plan = rules::plan_funding(x.registry, 2026, x.settings.funding);
  x.registry = rules::apply_funding(x.registry, x.plan);
  return x;
}

}  // namespace

int main(int argc, char** argv) {
  int stations = 1000, repeat = 1;
  std::string mode = "auto";
  fs::path out = fs::temp_directory_path() / "tws_xlsx_bench.xlsx";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error("missing value after " + a);
      return argv[++i];
    };
    if (a == "--stations") stations = std::stoi(next());
    else if (a == "--mode") mode = next();
    else if (a == "--out") out = next();
    else if (a == "--repeat") repeat = std::stoi(next());
    else {
      std::fprintf(stderr,
                   "usage: xlsx_bench [--stations N] [--mode auto|constant|normal] [--out FILE] [--repeat R]\n");
      return 2;
    }
  }
  using clock = std::chrono::steady_clock;
  const auto t0 = clock::now();
  Data x = make_data(stations);
  const auto t1 = clock::now();
  const long rss_before = current_rss_kib(), peak_before = peak_rss_kib();

  report::WorkbookInfo info = documents::workbook_info(x.settings, "2026 年度技师工作站考核汇总", "2026-12-31");
  if (mode == "constant") info.constant_memory_rows = 0;
  else if (mode == "normal") info.constant_memory_rows = size_t(-1);
  else if (mode != "auto") throw std::runtime_error("unknown --mode " + mode);
  double best_ms = 1e300, total_ms = 0;
  for (int r = 0; r < repeat; ++r) {
    const auto w0 = clock::now();
    auto sheets = documents::assessment_sheets(x.settings, 2026, x.performance, x.registry, x.outcome, x.plan);
    report::write_workbook(out, info, sheets);
    const double ms = std::chrono::duration<double, std::milli>(clock::now() - w0).count();
    best_ms = std::min(best_ms, ms);
    total_ms += ms;
  }
  const bool constant = mode == "constant" || (mode == "auto" && size_t(stations) >= info.constant_memory_rows);
  std::printf("stations=%d mode=%s constant_memory=%s rows_written=%zu data_ms=%.1f write_ms_best=%.1f "
              "write_ms_mean=%.1f file_bytes=%ju rss_before_write_kib=%ld peak_rss_before_write_kib=%ld "
              "peak_rss_kib=%ld\n",
              stations, mode.c_str(), constant ? "yes" : "no", x.outcome.results.size(),
              std::chrono::duration<double, std::milli>(t1 - t0).count(), best_ms, total_ms / repeat,
              static_cast<uintmax_t>(fs::file_size(out)), rss_before, peak_before, peak_rss_kib());
  return 0;
}
