#include "pipeline/phase_reports.h"

#include <algorithm>
#include <map>

#include "report/xlsx_table.h"

namespace tws::pipeline {
namespace {

using report::Column;
using report::ColumnKind;
using report::TableSheet;
using report::Value;

std::string join(const std::vector<std::string>& v, const char* sep = "；") {
  std::string s;
  for (auto& x : v) s += (s.empty() ? "" : sep) + x;
  return s;
}

report::WorkbookInfo info(const config::Settings& s, const std::string& title, const std::string& date) {
  return {title, s.institution.name, s.institution.name, date, s.output.xlsx_font};
}

const records::Application* find_app(const records::YearInput& in, const std::string& id) {
  for (auto& a : in.applications)
    if (a.id == id) return &a;
  return nullptr;
}

TableSheet eligibility_sheet(const config::Settings& s, int year, const records::YearInput& in,
                             const std::vector<rules::EligibilityResult>& el) {
  TableSheet t{"资格审查", s.institution.name + " " + std::to_string(year) + " 年技师工作站资格审查汇总", {}, {}};
  t.columns = {{"申报编号"}, {"工作站名称"}, {"所在部门"}, {"领办人"}};
  if (!el.empty())
    for (auto& c : el.front().criteria)
      t.columns.push_back({std::to_string(c.number) + "." + c.title, ColumnKind::Verdict, 14});
  t.columns.push_back({"结论", ColumnKind::Text, 20});
  t.columns.push_back({"审查意见", ColumnKind::Text, 80});
  for (auto& e : el) {
    const records::Application* a = find_app(in, e.application_id);
    std::vector<Value> row{e.application_id, a ? a->name : "", a ? a->department : "", a ? a->leader : ""};
    std::vector<std::string> reasons;
    for (auto& c : e.criteria) {
      row.push_back(rules::verdict_label(c.verdict));
      for (auto& r : c.reasons) reasons.push_back(std::to_string(c.number) + "." + r);
    }
    row.push_back(e.summary);
    row.push_back(join(reasons));
    t.rows.push_back(std::move(row));
  }
  return t;
}

TableSheet review_sheet(const config::Settings& s, int year, const records::YearInput& in,
                        const rules::SelectionResult& sel) {
  size_t experts = 0;
  for (auto& c : sel.candidates) experts = std::max(experts, c.score.scores.size());
  TableSheet t{"评审汇总", s.institution.name + " " + std::to_string(year) + " 年技师工作站专家评审汇总", {}, {}};
  t.columns = {{"申报编号"}, {"工作站名称"}, {"所在部门"}};
  for (size_t i = 0; i < experts; ++i) t.columns.push_back({"专家" + std::to_string(i + 1), ColumnKind::Decimal, 10});
  t.columns.insert(t.columns.end(), {{"评审得分", ColumnKind::Score}, {"排名", ColumnKind::Integer},
                                     {"是否推荐"}, {"说明", ColumnKind::Text, 80}});
  for (auto& c : sel.candidates) {
    const records::Application* a = find_app(in, c.application_id);
    std::vector<Value> row{c.application_id, a ? a->name : "", a ? a->department : ""};
    for (size_t i = 0; i < experts; ++i) row.push_back(i < c.score.scores.size() ? Value(c.score.scores[i]) : Value{});
    row.push_back(c.rank > 0 ? Value(c.score.aggregate) : Value{});
    row.push_back(c.rank > 0 ? Value(double(c.rank)) : Value{});
    row.push_back(std::string(c.recommended ? "是" : "否"));
    std::vector<std::string> why{c.score.reason};
    why.insert(why.end(), c.reasons.begin(), c.reasons.end());
    row.push_back(join(why));
    t.rows.push_back(std::move(row));
  }
  return t;
}

TableSheet problems_sheet(const Diagnostics& diags) {
  TableSheet t{"输入问题", "", {{"级别"}, {"文件"}, {"工作表"}, {"单元格"}, {"说明", ColumnKind::Text, 80}}, {}};
  for (auto& d : diags.items()) {
    std::string cell = d.where.row > 0 ? (d.where.column > 0 ? column_name(d.where.column) : "") + std::to_string(d.where.row) : "";
    t.rows.push_back({std::string(d.severity == Severity::Error ? "错误" : "警告"), d.where.file, d.where.sheet,
                      cell, d.message});
  }
  return t;
}

}  // namespace

void write_selection_workbook(const std::filesystem::path& target, const config::Settings& s, int year,
                              const std::string& date, const records::YearInput& in,
                              const std::vector<rules::EligibilityResult>& eligibility,
                              const rules::SelectionResult& selection, const rules::PublicityPeriod& pub,
                              const Diagnostics& diags) {
  TableSheet list{"建议名单",
                  std::to_string(year) + " 年技师工作站建议名单（公示期 " + calendar::iso(pub.start) + " 至 " +
                      calendar::iso(pub.end) + "，" + std::to_string(pub.workdays) + " 个工作日）",
                  {{"序号", ColumnKind::Integer}, {"申报编号"}, {"工作站名称"}, {"所在部门"}, {"职业（工种）"}, {"领办人"},
                   {"评审得分", ColumnKind::Score}},
                  {}};
  int n = 0;
  for (auto& c : selection.candidates) {
    if (!c.recommended) continue;
    const records::Application* a = find_app(in, c.application_id);
    list.rows.push_back({double(++n), c.application_id, a ? a->name : "", a ? a->department : "",
                         a ? a->occupation : "", a ? a->leader : "", c.score.aggregate});
  }
  report::write_tables(target, info(s, std::to_string(year) + " 年技师工作站资格审查汇总", date),
                       {eligibility_sheet(s, year, in, eligibility), review_sheet(s, year, in, selection), list,
                        problems_sheet(diags)});
}

void write_approval_workbook(const std::filesystem::path& target, const config::Settings& s, int year,
                             const std::string& date, const rules::ApprovalResult& a,
                             const rules::PublicityPeriod& pub) {
  TableSheet st{"认定名单", s.institution.name + " " + std::to_string(year) + " 年认定的技师工作站",
                {{"工作站编号"}, {"申报编号"}, {"工作站名称"}, {"所在部门"}, {"职业（工种）"}, {"领办人"},
                 {"聘期开始", ColumnKind::Date}, {"聘期结束", ColumnKind::Date}, {"资助期（年）", ColumnKind::Integer},
                 {"上一聘期编号"}},
                {}};
  for (auto& x : a.stations)
    st.rows.push_back({x.code, x.application_id, x.name, x.department, x.occupation, x.leader,
                       calendar::iso(x.term_start), calendar::iso(x.term_end), double(x.funding_years),
                       x.previous_code});
  TableSheet dec{"认定决定", "公示期 " + calendar::iso(pub.start) + " 至 " + calendar::iso(pub.end),
                 {{"申报编号"}, {"是否认定"}, {"工作站编号"}, {"理由", ColumnKind::Text, 80}}, {}};
  for (auto& d : a.decisions)
    dec.rows.push_back({d.application_id, std::string(d.approved ? "是" : "否"), d.station_code, join(d.reasons)});
  report::write_tables(target, info(s, std::to_string(year) + " 年技师工作站认定名单", date), {st, dec});
}

void write_assessment_workbook(const std::filesystem::path& target, const config::Settings& s, int year,
                               const std::string& date, const rules::Registry& reg,
                               const rules::AssessmentOutcome& o, const rules::FundingPlan& plan) {
  TableSheet t{"考核汇总", s.institution.name + " " + std::to_string(year) + " 年技师工作站年度考核汇总", {}, {}};
  t.columns = {{"工作站编号"}, {"工作站名称"}, {"所在部门"}, {"领办人"}, {"聘期第几年", ColumnKind::Integer}};
  if (!o.results.empty())
    for (auto& item : o.results.front().items) t.columns.push_back({item.name, ColumnKind::Decimal, 10});
  t.columns.insert(t.columns.end(), {{"计算得分", ColumnKind::Decimal}, {"委员会评分", ColumnKind::Decimal},
                                     {"考核得分", ColumnKind::Decimal}, {"等级", ColumnKind::Grade},
                                     {"经费（元）", ColumnKind::Money}, {"说明", ColumnKind::Text, 90}});
  for (auto& r : o.results) {
    const rules::Station* st = rules::find_station(reg, r.station_code);
    double amount = 0;
    for (auto& f : plan.lines)
      if (f.station_code == r.station_code) amount = f.amount;
    std::vector<Value> row{r.station_code, st ? st->name : "", st ? st->department : "", st ? st->leader : "",
                           st ? Value(double(year - st->first_year + 1)) : Value{}};
    std::vector<std::string> why;
    for (auto& item : r.items) {
      row.push_back(item.points);
      why.push_back(item.reason);
    }
    row.push_back(r.computed_total);
    row.push_back(r.committee_score ? Value(*r.committee_score) : Value{});
    row.push_back(r.total);
    row.push_back(rules::grade_label(r.grade));
    row.push_back(amount);
    why.insert(why.end(), r.reasons.begin(), r.reasons.end());
    row.push_back(join(why));
    t.rows.push_back(std::move(row));
  }
  TableSheet f{"经费", std::to_string(year) + " 年技师工作站经费下达（合计 " + rules::amount_in_figures(plan.total) +
                           " 元，" + rules::amount_in_words(plan.total) + "）",
               {{"工作站编号"}, {"工作站名称"}, {"所在部门"}, {"等级", ColumnKind::Grade}, {"金额（元）", ColumnKind::Money},
                {"大写"}, {"说明", ColumnKind::Text, 60}},
               {}};
  for (auto& l : plan.lines)
    f.rows.push_back({l.station_code, l.station_name, l.department, rules::grade_label(l.grade), l.amount,
                      rules::amount_in_words(l.amount), l.reason});
  for (auto& d : plan.departments)
    f.rows.push_back({std::string("小计"), std::string(), d.department, std::string(), d.amount,
                      rules::amount_in_words(d.amount), std::to_string(d.stations) + " 个工作站"});
  f.rows.push_back({std::string("合计"), std::string(), std::string(), std::string(), plan.total,
                    rules::amount_in_words(plan.total), std::string()});
  for (auto& n : plan.not_funded) f.rows.push_back({std::string("未资助"), std::string(), std::string(), std::string(), Value{}, std::string(), n});
  TableSheet rv{"撤销", "", {{"工作站编号"}, {"撤销日期", ColumnKind::Date}, {"原因", ColumnKind::Text, 80}}, {}};
  for (auto& r : o.revocations) rv.rows.push_back({r.station_code, calendar::iso(r.on), r.reason});
  report::write_tables(target, info(s, std::to_string(year) + " 年技师工作站年度考核汇总", date), {t, f, rv});
}

}  // namespace tws::pipeline
