// Renderer::brief: the 年度工作简报 (templates/documents/工作简报.txt). Every figure is
// taken from the registry's state (stations, assessments, funding lines), so its funding
// agrees with the 考核汇总 and the 经费下达通知 to the yuan; the counts of the select
// phase come in BriefFigures.
#include <algorithm>
#include <map>

#include "common/strings.h"
#include "documents/documents.h"
#include "documents/template.h"

namespace tws::documents {

bool in_term_in(const rules::Station& s, int year) {
  return rules::in_term_years(s, year) && !(s.revoked_on && int(s.revoked_on->year()) < year);
}

namespace {

// Grades of the assessments of each year, from the registry's first year to `year`.
Context year_row(const rules::Registry& reg, int y) {
  std::map<rules::Grade, int> grades;
  for (auto& a : reg.assessments)
    if (a.year == y) ++grades[a.grade];
  int in_term = 0;
  for (auto& s : reg.stations) in_term += in_term_in(s, y);
  Context r;
  r.set("year", std::to_string(y))
      .set("excellent", std::to_string(grades[rules::Grade::Excellent]))
      .set("pass", std::to_string(grades[rules::Grade::Pass]))
      .set("fail", std::to_string(grades[rules::Grade::Fail]))
      .set("in_term", std::to_string(in_term));
  return r;
}

}  // namespace

Document Renderer::brief(int year, const BriefFigures& f, const rules::Registry& reg, calendar::Day date) {
  Context ctx;
  const config::Settings& s = settings_;
  ctx.set("institution", s.institution.name)
      .set("hr_office", s.institution.hr_office)
      .set("year", std::to_string(year))
      .set("issue", std::to_string(f.issue))
      .set("date", chinese_date(date))
      .set("to", s.brief.to)
      .set("copy", s.brief.copy)
      .set("applications", std::to_string(f.applications))
      .set("eligible", std::to_string(f.eligible))
      .set("publicized", std::to_string(f.publicized));
  for (const char* key : {"brief.to", "brief.copy"})
    if (auto w = s.where.find(key); w != s.where.end())
      check(w->second, std::string("配置项 ") + key + " ", key == std::string("brief.to") ? s.brief.to : s.brief.copy);

  int first = year, approved = 0;
  for (auto& st : reg.stations) {
    first = std::min(first, st.first_year);
    approved += st.first_year == year;
  }
  for (int y = first; y <= year; ++y) ctx.list("years").push_back(year_row(reg, y));

  // This year's stations in term, with their grade and funding.
  const rules::RegistryIndex index(reg);
  std::map<std::string, double> funded;
  double total = 0;
  std::vector<std::pair<std::string, std::pair<int, double>>> departments;  // in plan order
  for (auto& l : reg.funding) {
    if (l.year != year) continue;
    funded[l.station_code] += l.amount;
    total += l.amount;
    auto d = std::find_if(departments.begin(), departments.end(), [&](auto& x) { return x.first == l.department; });
    if (d == departments.end()) d = departments.insert(departments.end(), {l.department, {0, 0.0}});
    d->second.first += 1;
    d->second.second += l.amount;
  }
  auto& stations = ctx.list("stations");
  std::map<rules::Grade, int> grades;
  int n = 0;
  for (auto& st : reg.stations) {
    if (!in_term_in(st, year)) continue;
    const rules::AssessmentResult* a = index.assessment(st.code, year);
    if (a) ++grades[a->grade];
    auto money = funded.find(st.code);
    Context r;
    r.set("n", std::to_string(++n))
        .set("code", st.code)
        .set("name", st.name)
        .set("department", st.department)
        .set("leader", st.leader)
        .set("grade", a ? rules::grade_label(a->grade) : "—")
        .set("amount", money == funded.end() ? "—" : rules::amount_in_figures(money->second));
    stations.push_back(std::move(r));
  }
  std::vector<std::string> revoked;
  for (auto& st : reg.stations)
    if (st.revoked_on && int(st.revoked_on->year()) == year)
      revoked.push_back(st.name + "（" + st.revocation_reason + "）");
  auto& depts = ctx.list("departments");
  for (auto& [name, v] : departments) {
    Context r;
    r.set("department", name)
        .set("stations", std::to_string(v.first))
        .set("amount", rules::amount_in_figures(v.second))
        .set("words", rules::amount_in_words(v.second));
    depts.push_back(std::move(r));
  }
  ctx.set("approved", std::to_string(approved))
      .set("in_term", std::to_string(n))
      .set("assessed", std::to_string(grades[rules::Grade::Excellent] + grades[rules::Grade::Pass] +
                                      grades[rules::Grade::Fail]))
      .set("excellent", std::to_string(grades[rules::Grade::Excellent]))
      .set("pass", std::to_string(grades[rules::Grade::Pass]))
      .set("fail", std::to_string(grades[rules::Grade::Fail]))
      .set("revoked", std::to_string(revoked.size()))
      .set("revoked_names", tws::join(revoked, "、"))
      .set("funded", std::to_string(funded.size()))
      .set("total", rules::amount_in_figures(total))
      .set("total_words", rules::amount_in_words(total))
      .set("has_funding", departments.empty() ? "" : "是");
  return make("工作简报", std::move(ctx), "工作简报.pdf", "工作简报", date, false, false);
}

}  // namespace tws::documents
