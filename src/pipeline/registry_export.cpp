#include "pipeline/registry_export.h"

#include <map>

#include "documents/workbooks.h"
#include "registry/registry_db.h"
#include "report/xlsx_table.h"
#include "rules/rules.h"

namespace tws::pipeline {
namespace {

using report::ColumnKind;
using report::TableSheet;
using report::Value;

// rules::amount_in_words builds an ICU formatter on every call (about 0.1 ms);
// ledgers repeat the same few amounts, so each is spelled once per workbook.
std::string words(double yuan) {
  static thread_local std::map<double, std::string> memo;
  auto it = memo.find(yuan);
  if (it == memo.end()) it = memo.emplace(yuan, rules::amount_in_words(yuan)).first;
  return it->second;
}

std::string yuan(double v) {
  std::string f = rules::amount_in_figures(v);
  return "¥" + f.substr(0, f.find('.'));
}

}  // namespace

std::vector<report::Sheet> registry_sheets(const rules::Registry& reg, const config::Settings& s,
                                           const std::string& date, report::WorkbookInfo* info_out) {
  const std::string as_of = "（截至 " + date + "）";
  const std::string& inst = s.institution.name;

  // 工作站: one row per station and term; nothing but stations below the header
  // (scripts read the codes from row 3 down).
  TableSheet st{"工作站", inst + "技师工作站登记" + as_of,
                {{"工作站编号", ColumnKind::Text, 11}, {"申报编号", ColumnKind::Text, 12}, {"工作站名称", ColumnKind::Text, 30},
                 {"所在部门", ColumnKind::Text, 16}, {"职业（工种）", ColumnKind::Text, 24}, {"领办人", ColumnKind::Text, 10},
                 {"认定年度", ColumnKind::Integer}, {"聘期开始", ColumnKind::Date}, {"聘期结束", ColumnKind::Date},
                 {"状态", ColumnKind::Text, 10}, {"撤销日期", ColumnKind::Date}, {"上一聘期编号", ColumnKind::Text, 12}},
                {}};
  st.freeze_columns = 1;
  TableSheet mem{"入站人员", inst + "技师工作站入站人员" + as_of,
                 {{"工作站编号", ColumnKind::Text, 11}, {"工作站名称", ColumnKind::Text, 30}, {"姓名", ColumnKind::Text, 10},
                  {"职业资格", ColumnKind::Text, 16}, {"是否领办人", ColumnKind::YesNo}},
                 {}};
  mem.freeze_columns = 1;
  TableSheet rv{"撤销", inst + "技师工作站撤销记录" + as_of,
                {{"工作站编号", ColumnKind::Text, 11}, {"工作站名称", ColumnKind::Text, 30}, {"所在部门", ColumnKind::Text, 16},
                 {"撤销日期", ColumnKind::Date}, {"原因", ColumnKind::Text, 60}},
                {}};
  std::map<std::string, int> status_count;
  for (auto& x : reg.stations) {
    st.rows.push_back({x.code, x.application_id, x.name, x.department, x.occupation, x.leader, double(x.first_year),
                       x.term_start, x.term_end, rules::status_label(x.status),
                       x.revoked_on ? Value(*x.revoked_on) : Value{}, x.previous_code});
    ++status_count[rules::status_label(x.status)];
    for (auto& m : x.members)
      mem.rows.push_back({x.code, x.name, m.name, m.level_label, std::string(m.is_leader ? "是" : "否")});
    if (x.revoked_on)
      rv.rows.push_back({x.code, x.name, x.department, *x.revoked_on, x.revocation_reason});
  }
  mem.totals = {std::string("合计"), std::to_string(reg.stations.size()) + " 个工作站",
                std::to_string(mem.rows.size()) + " 人"};
  rv.totals = {std::string("合计"), std::to_string(rv.rows.size()) + " 个工作站"};
  rv.notes.push_back("经考核评估不合格的，撤销“技师工作站”资格，不再予以经费支持（第七条）。");

  TableSheet as{"考核", inst + "技师工作站年度考核结果" + as_of,
                {{"工作站编号", ColumnKind::Text, 11}, {"工作站名称", ColumnKind::Text, 30}, {"所在部门", ColumnKind::Text, 16},
                 {"考核年度", ColumnKind::Integer}, {"考核日期", ColumnKind::Date}, {"计算得分", ColumnKind::Decimal},
                 {"委员会评分", ColumnKind::Decimal}, {"考核得分", ColumnKind::Decimal}, {"等级", ColumnKind::Grade}},
                {}};
  as.freeze_columns = 1;
  std::map<int, std::map<std::string, int>> grades;
  const rules::RegistryIndex index(reg);
  for (auto& a : reg.assessments) {
    const rules::Station* x = index.station(a.station_code);
    as.rows.push_back({a.station_code, x ? Value(x->name) : Value{}, x ? Value(x->department) : Value{}, double(a.year),
                       a.assessed_on, a.computed_total,
                       a.committee_score ? Value(*a.committee_score) : Value{}, a.total, rules::grade_label(a.grade)});
    ++grades[a.year][rules::grade_label(a.grade)];
  }
  for (auto& [y, g] : grades)
    as.notes.push_back(std::to_string(y) + " 年度：优秀 " + std::to_string(g["优秀"]) + " 个，合格 " +
                       std::to_string(g["合格"]) + " 个，不合格 " + std::to_string(g["不合格"]) + " 个。");

  TableSheet fu{"经费", inst + "技师工作站经费台账" + as_of,
                {{"工作站编号", ColumnKind::Text, 11}, {"工作站名称", ColumnKind::Text, 30}, {"所在部门", ColumnKind::Text, 16},
                 {"年度", ColumnKind::Integer}, {"考核等级", ColumnKind::Grade}, {"金额（元）", ColumnKind::Money},
                 {"大写", ColumnKind::Text, 20}, {"说明", ColumnKind::Text, 86}},
                {}};
  fu.freeze_columns = 1;
  double total = 0;
  std::map<int, double> by_year;
  for (auto& f : reg.funding) {
    fu.rows.push_back({f.station_code, f.station_name, f.department, double(f.year), rules::grade_label(f.grade),
                       f.amount, words(f.amount), f.reason});
    total += f.amount;
    by_year[f.year] += f.amount;
  }
  fu.totals = {std::string("合计"), Value{}, Value{}, Value{}, Value{}, report::column_sum(fu, 5),
               words(total), Value{}};
  for (auto& [y, amount] : by_year)
    fu.notes.push_back(std::to_string(y) + " 年度下达 " + yuan(amount) + "（" + words(amount) + "）。");

  std::string summary;
  for (const char* k : {"在聘", "聘期届满", "已撤销"})
    summary += std::string(summary.empty() ? "" : "，") + k + " " + std::to_string(status_count[k]) + " 个";
  if (info_out) {
    *info_out = documents::workbook_info(s, "技师工作站登记库导出" + as_of, date);
    info_out->comments = "共 " + std::to_string(reg.stations.size()) + " 个工作站（" + summary + "）；" + info_out->comments;
  }
  return {st, mem, as, fu, rv};
}

size_t export_registry(const std::filesystem::path& registry_path, const std::filesystem::path& target,
                       const config::Settings& s, const std::string& date) {
  registry::RegistryDb db(registry_path);
  rules::Registry reg = rules::refresh_status(db.load(), calendar::parse_iso(date));
  report::WorkbookInfo info;
  auto sheets = registry_sheets(reg, s, date, &info);
  report::write_workbook(target, info, sheets);
  return reg.stations.size();
}

}  // namespace tws::pipeline
