#include "pipeline/registry_export.h"

#include "registry/registry_db.h"
#include "report/xlsx_table.h"
#include "rules/rules.h"

namespace tws::pipeline {

size_t export_registry(const std::filesystem::path& registry_path, const std::filesystem::path& target,
                       const config::Settings& s, const std::string& date) {
  using report::ColumnKind;
  using report::Value;
  registry::RegistryDb db(registry_path);
  rules::Registry reg = rules::refresh_status(db.load(), calendar::parse_iso(date));
  report::TableSheet st{"工作站", s.institution.name + "技师工作站登记（截至 " + date + "）",
                        {{"工作站编号"}, {"申报编号"}, {"工作站名称"}, {"所在部门"}, {"职业（工种）"}, {"领办人"},
                         {"认定年度", ColumnKind::Integer}, {"聘期开始", ColumnKind::Date}, {"聘期结束", ColumnKind::Date},
                         {"状态"}, {"撤销日期", ColumnKind::Date}, {"上一聘期编号"}},
                        {}};
  report::TableSheet mem{"入站人员", "", {{"工作站编号"}, {"姓名"}, {"职业资格"}, {"是否领办人"}}, {}};
  report::TableSheet rv{"撤销", "", {{"工作站编号"}, {"工作站名称"}, {"撤销日期", ColumnKind::Date}, {"原因", ColumnKind::Text, 80}}, {}};
  for (auto& x : reg.stations) {
    st.rows.push_back({x.code, x.application_id, x.name, x.department, x.occupation, x.leader, double(x.first_year),
                       calendar::iso(x.term_start), calendar::iso(x.term_end), rules::status_label(x.status),
                       x.revoked_on ? Value(calendar::iso(*x.revoked_on)) : Value{}, x.previous_code});
    for (auto& m : x.members) mem.rows.push_back({x.code, m.name, m.level_label, std::string(m.is_leader ? "是" : "否")});
    if (x.revoked_on) rv.rows.push_back({x.code, x.name, calendar::iso(*x.revoked_on), x.revocation_reason});
  }
  report::TableSheet as{"考核", "", {{"工作站编号"}, {"考核年度", ColumnKind::Integer}, {"考核日期", ColumnKind::Date},
                                     {"计算得分", ColumnKind::Decimal}, {"委员会评分", ColumnKind::Decimal},
                                     {"考核得分", ColumnKind::Decimal}, {"等级", ColumnKind::Grade}}, {}};
  for (auto& a : reg.assessments)
    as.rows.push_back({a.station_code, double(a.year), calendar::iso(a.assessed_on), a.computed_total,
                       a.committee_score ? Value(*a.committee_score) : Value{}, a.total, rules::grade_label(a.grade)});
  report::TableSheet fu{"经费", "", {{"工作站编号"}, {"工作站名称"}, {"所在部门"}, {"年度", ColumnKind::Integer},
                                     {"等级", ColumnKind::Grade}, {"金额（元）", ColumnKind::Money}, {"大写"}}, {}};
  double total = 0;
  for (auto& f : reg.funding) {
    fu.rows.push_back({f.station_code, f.station_name, f.department, double(f.year), rules::grade_label(f.grade),
                       f.amount, rules::amount_in_words(f.amount)});
    total += f.amount;
  }
  fu.rows.push_back({std::string("合计"), Value{}, Value{}, Value{}, Value{}, total, rules::amount_in_words(total)});
  report::write_tables(target, {"技师工作站登记库导出", s.institution.name, s.institution.name, date, s.output.xlsx_font},
                       {st, mem, as, fu, rv});
  return reg.stations.size();
}

}  // namespace tws::pipeline
