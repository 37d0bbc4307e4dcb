// The web page's view of a year (overview.h): the forecast of check_year, the
// registry's records of the year, and the dates of the regulation's steps.
#include "pipeline/overview.h"

#include <filesystem>
#include <map>

#include "calendar/work_calendar.h"
#include "common/paths.h"
#include "config/settings.h"
#include "pipeline/phase.h"
#include "registry/registry_db.h"
#include "rules/rules.h"

namespace tws::pipeline {
namespace fs = std::filesystem;

const std::vector<std::string>& phase_order() { return detail::kPhaseOrder; }

std::string phase_title(const std::string& phase) {
  static const std::map<std::string, std::string> names = {
      {"call", "启动申报"}, {"select", "资格审查与评审"}, {"approve", "认定"}, {"assess", "年度考核与经费"},
      {"review-sheets", "专家评分表"}, {"run", "全部环节"}};
  auto it = names.find(phase);
  return it == names.end() ? phase : it->second;
}

namespace {

// The year's settings as a run reads them (input/tws.ini, then input/<year>/tws.ini).
config::Settings year_settings(const RunOptions& o) {
  Diagnostics ignored;  // the forecast reports them
  config::Settings s = config::load_settings(o.config, ignored);
  const fs::path year_ini = o.input / std::to_string(o.year) / "tws.ini";
  if (fs::exists(year_ini)) s = config::load_year_settings(year_ini, ignored, s);
  return s;
}

void add_records(YearOverview& v, const registry::RegistryDb& db, const RunOptions& o) {
  for (auto& phase : detail::kPhaseOrder) {
    auto rec = db.phase_record(o.year, phase);
    v.done_on.push_back(rec ? rec->run_date : "");
    if (rec)
      for (auto& out : rec->outputs) v.outputs.push_back({out.path, out.sha256, phase, rec->run_date});
  }
  for (const char* kind : {"认定通知", "考核结果通报", "经费下达通知"})
    if (auto d = db.issued_document(o.year, kind)) v.documents.push_back({d->kind, d->number, d->date});
  const rules::Registry reg = db.load();
  for (auto& s : reg.stations)
    if (int(s.term_end.year()) == o.year && !s.revoked_on)
      v.terms_ending.push_back(s.code + " " + s.name + "（" + s.leader + "）：聘期至 " + iso(s.term_end));
}

}  // namespace

YearOverview year_records(const RunOptions& o) {
  YearOverview v;
  v.year = o.year;
  const fs::path reg = registry_path(o);
  if (!fs::exists(reg)) {
    v.done_on.assign(detail::kPhaseOrder.size(), "");
    return v;
  }
  registry::RegistryDb db(reg);
  add_records(v, db, o);
  if (auto sel = db.selection(o.year)) {
    v.publicity_start = sel->publicity_start;
    v.publicity_end = sel->publicity_end;
    v.publicity_recorded = true;
  }
  return v;
}

YearOverview year_overview(const RunOptions& options) {
  RunOptions o = options;
  o.forecast = true;
  YearOverview v = year_records(o);
  v.forecast = check_year(o);
  const config::Settings s = year_settings(o);
  v.approval_decided_on = s.approval.decided_on;
  v.approval_meeting = s.approval.meeting;
  v.approval_doc_number = s.approval.doc_number;
  v.assessment_decided_on = s.assessment.decided_on;
  if (!v.publicity_recorded) {
    try {
      auto cal = calendar::WorkCalendar::load(templates_dir() / "calendar");
      auto pub = rules::publicity_period(s.publicity, parse_iso(o.date), cal);
      v.publicity_start = iso(pub.start);
      v.publicity_end = iso(pub.end);
    } catch (const std::exception&) {  // a calendar not covering the year: the forecast says so
    }
  }
  return v;
}

}  // namespace tws::pipeline
