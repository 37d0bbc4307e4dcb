// Annual assessment (第六条, 第七条): SPEC §2's 100-point sheet, its hard rules,
// the committee's score, the grades, the optional cap on 优秀 and revocation.
//
// The sheet scores the four focus areas 第七条 names — 目标任务完成情况 (40),
// 持续发展能力 (25), 补助资金的管理使用 (15), 经济社会效益 (20) — with the duties of
// 第六条 as indicators. Every weight is a setting (config::Assessment).
#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>
#include <set>

#include "rules/detail.h"
#include "rules/rules.h"

namespace tws::rules {
namespace {
using detail::num;
using records::Performance;

const char* kGoals = "目标任务完成";
const char* kGrowth = "持续发展能力";
const char* kFunds = "补助资金管理使用";
const char* kBenefit = "经济社会效益";

ItemScore item(const char* group, const char* name, double points, double max, std::string reason) {
  return {group, name, detail::round2(points), max, std::move(reason)};
}

// “扣 N 分，得 M 分” with the floor at 0 said when it bites.
std::string deduction(double per_unit, int units, double full, double& points) {
  double d = per_unit * units;
  points = std::max(0.0, full - d);
  std::string s = "扣" + num(d) + "分";
  if (full - d < 0) s = "应扣" + num(d) + "分，最低0分";
  return s + "，得" + num(points) + "分";
}

// 第六条（二）深入企业，每学期至少对接 2 家企业
ItemScore enterprises(const Performance& p, const config::Assessment& a) {
  int need = a.enterprise_min_per_semester;
  int missing = std::max(0, need - p.enterprises_first) + std::max(0, need - p.enterprises_second);
  std::string head = "企业对接：上学期" + std::to_string(p.enterprises_first) + "家、下学期" +
                     std::to_string(p.enterprises_second) + "家，";
  if (missing == 0)
    return item(kGoals, "企业对接", a.enterprise_points, a.enterprise_points,
                head + "每学期均不少于" + std::to_string(need) + "家，得" + num(a.enterprise_points) + "分（第六条（二））");
  double pts;
  std::string d = deduction(a.enterprise_deduction, missing, a.enterprise_points, pts);
  return item(kGoals, "企业对接", pts, a.enterprise_points,
              head + "少" + std::to_string(missing) + "家，" + d + "（第六条（二））");
}

// 第四条（五）每年为企业或社会培养高技能人才不少于 10 人; 第六条（三）
ItemScore training(const Performance& p, const Station& st, const config::Assessment& a) {
  int target = std::max(a.training_min_target, st.annual_target);
  int missing = std::max(0, target - p.trained);
  std::string head = "人才培养：培养高技能人才" + std::to_string(p.trained) + "人，目标" + std::to_string(target) + "人";
  if (st.annual_target > a.training_min_target) head += "（认定时年培养目标）";
  if (missing == 0)
    return item(kGoals, "人才培养", a.training_points, a.training_points,
                head + "，已完成，得" + num(a.training_points) + "分（第四条（五）、第六条（三））");
  double pts;
  std::string d = deduction(a.training_deduction, missing, a.training_points, pts);
  return item(kGoals, "人才培养", pts, a.training_points,
              head + "，少" + std::to_string(missing) + "人，" + d + "（第四条（五）、第六条（三））");
}

// Points per unit up to a maximum, with the cap said when it bites.
std::string capped(double raw, double max, double& points) {
  points = std::min(raw, max);
  if (raw > max) return "计" + num(raw) + "分，以" + num(max) + "分为限，得" + num(points) + "分";
  return "得" + num(points) + "分";
}

// 第六条（三）开展“带高徒、传绝技”活动
ItemScore apprentices(const Performance& p, const config::Assessment& a) {
  double pts;
  std::string c = capped(a.apprentice_per_person * p.apprentices, a.apprentice_points, pts);
  return item(kGoals, "带徒", pts, a.apprentice_points,
              "带徒：" + std::to_string(p.apprentices) + "人，每人" + num(a.apprentice_per_person) + "分，" + c +
                  "（第六条（三））");
}

// 第六条（一）科技创新和技术攻关……解决关键性生产技术难题
ItemScore achievements(const Performance& p, const config::Assessment& a) {
  int n = p.tech_projects + p.problems_solved + p.innovations + p.patents;
  double pts;
  std::string c = capped(a.achievement_per_item * n, a.achievement_points, pts);
  return item(kGrowth, "技术成果", pts, a.achievement_points,
              "技术成果：技术攻关项目" + std::to_string(p.tech_projects) + "项、解决技术难题" +
                  std::to_string(p.problems_solved) + "项、创新成果" + std::to_string(p.innovations) + "项、专利" +
                  std::to_string(p.patents) + "项，共" + std::to_string(n) + "项，每项" +
                  num(a.achievement_per_item) + "分，" + c + "（第六条（一））");
}

// 第六条（三）“金蓝领”培训、职业技能竞赛; 第六条（四）委托的职业培训
ItemScore courses(const Performance& p, const config::Assessment& a) {
  int tens = p.trainees / 10;  // only full tens count: 29 人次 → 2
  double raw = a.course_per_10_trainees * tens + a.course_per_award * p.awards;
  double pts;
  std::string c = capped(raw, a.course_points, pts);
  return item(kGrowth, "培训与竞赛", pts, a.course_points,
              "培训与竞赛：培训" + std::to_string(p.trainees) + "人次，满10人次" + std::to_string(tens) + "个，计" +
                  num(a.course_per_10_trainees * tens) + "分；竞赛获奖" + std::to_string(p.awards) + "项，计" +
                  num(a.course_per_award * p.awards) + "分；" + c + "（第六条（三）、（四））");
}

// 第七条 重点评估……补助资金的管理使用
ItemScore budget(const Performance& p, const config::Assessment& a) {
  std::string head = "预算执行：预算执行率" + detail::percent(p.budget_rate) + "，";
  if (detail::at_least(p.budget_rate, a.budget_high_rate))
    return item(kFunds, "预算执行", a.budget_high_points, a.budget_high_points,
                head + "不低于" + detail::percent(a.budget_high_rate) + "，得" + num(a.budget_high_points) + "分（第七条）");
  if (detail::at_least(p.budget_rate, a.budget_mid_rate))
    return item(kFunds, "预算执行", a.budget_mid_points, a.budget_high_points,
                head + "低于" + detail::percent(a.budget_high_rate) + "、不低于" + detail::percent(a.budget_mid_rate) +
                    "，得" + num(a.budget_mid_points) + "分（第七条）");
  return item(kFunds, "预算执行", a.budget_low_points, a.budget_high_points,
              head + "低于" + detail::percent(a.budget_mid_rate) + "，得" + num(a.budget_low_points) + "分（第七条）");
}

ItemScore compliance(const Performance& p, const config::Assessment& a) {
  return item(kFunds, "账目合规", p.accounts_compliant ? a.compliance_points : 0, a.compliance_points,
              p.accounts_compliant ? "账目合规：是，得" + num(a.compliance_points) + "分（第七条）"
                                   : std::string("账目合规：否，不得分（第七条）"));
}

// 第七条 重点评估……产生的经济社会效益
ItemScore economic(const Performance& p, const config::Assessment& a) {
  std::string head = "经济效益：" + num(p.economic_benefit) + "万元，";
  struct Band { double from, points; };
  for (Band b : {Band{a.benefit_high, a.benefit_high_points}, Band{a.benefit_mid, a.benefit_mid_points},
                 Band{a.benefit_low, a.benefit_low_points}})
    if (detail::at_least(p.economic_benefit, b.from))
      return item(kBenefit, "经济效益", b.points, a.benefit_high_points,
                  head + "不低于" + num(b.from) + "万元，得" + num(b.points) + "分（第七条）");
  return item(kBenefit, "经济效益", 0, a.benefit_high_points,
              head + "低于" + num(a.benefit_low) + "万元，得0分（第七条）");
}

ItemScore social(const Performance& p, const config::Assessment& a) {
  double pts = std::clamp(p.social_score, 0.0, a.social_max);
  return item(kBenefit, "社会效益", pts, a.social_max,
              "社会效益：考核委员会评分" + num(pts) + "分（满分" + num(a.social_max) + "分）（第七条）");
}

// Errors in a row that ingest should have caught; re-checked because a wrong
// number here decides a revocation.
void check_values(const Performance& p, const config::Assessment& a, Diagnostics& diags) {
  for (int v : {p.enterprises_first, p.enterprises_second, p.trained, p.apprentices, p.tech_projects,
                p.problems_solved, p.innovations, p.patents, p.trainees, p.awards})
    if (v < 0) {
      diags.error(p.where, "考核数据中的人数、家数、项数不能为负数");
      break;
    }
  if (p.budget_rate < 0) diags.error(p.where, "预算执行率不能为负数");
  if (p.economic_benefit < 0) diags.error(p.where, "经济效益不能为负数");
  if (p.social_score < 0 || p.social_score > a.social_max)
    diags.error(p.where, "社会效益评分 " + num(p.social_score) + " 超出 0–" + num(a.social_max) + " 的范围");
  if (p.committee_score && (*p.committee_score < 0 || *p.committee_score > 100))
    diags.error(p.where, "考核委员会评分 " + num(*p.committee_score) + " 超出 0–100 的范围");
}

// The station a row names by 工作站编号 or 申报编号; nullptr after an error, placed on
// the identifying cell when ingest recorded it, else on the row.
const Station* resolve(const Performance& p, const RegistryIndex& reg, Diagnostics& diags) {
  std::string code = records::clean_code(p.station_code), app = records::clean_code(p.application_id);
  const Location& cell = p.station_where.row ? p.station_where : p.where;
  if (!code.empty()) {
    const Station* st = reg.station(code);
    if (!st) diags.error(cell, "工作站编号“" + code + "”不在登记册中");
    else if (!app.empty() && st->application_id != app)
      diags.error(cell, "工作站编号“" + code + "”与申报编号“" + app + "”不是同一个工作站（" + code +
                            " 的申报编号为 " + st->application_id + "）");
    else return st;
    return nullptr;
  }
  if (app.empty()) {
    diags.error(cell, "未填写工作站编号或申报编号");
    return nullptr;
  }
  const std::vector<const Station*>& found = reg.stations_of_application(app);
  if (found.size() == 1) return found[0];
  diags.error(cell, found.empty() ? "申报编号“" + app + "”没有对应的已认定工作站"
                                  : "申报编号“" + app + "”对应多个工作站，请填写工作站编号");
  return nullptr;
}

// 第七条 and 第三条: only stations in their term and not revoked are assessed. A
// station revoked by this very year's assessment may be re-assessed (a re-run).
bool assessable(const Performance& p, const Station& st, const RegistryIndex& reg, Date on, Diagnostics& diags) {
  if (status_on(st, on) == StationStatus::Revoked) {
    auto* earlier = reg.assessment(st.code, p.year);
    if (!earlier || earlier->grade != Grade::Fail) {
      diags.error(p.where, "工作站 " + st.code + " 已于 " + iso(*st.revoked_on) + " 撤销，不再考核（第七条）");
      return false;
    }
  }
  if (!in_term_years(st, p.year)) {
    const Location& cell = p.year_where.row ? p.year_where : p.where;
    diags.error(cell, "考核年度 " + std::to_string(p.year) + " 不在工作站 " + st.code + " 的聘期（" +
                          std::to_string(st.first_year) + "–" + std::to_string(st.first_year + st.term_years - 1) +
                          " 年度）内（第三条）");
    return false;
  }
  return true;
}

// SPEC §2 optional cap on the share of 优秀 within one year: the lowest totals are
// demoted to 合格; ties ordered by computed score, then by station code.
void cap_excellent(std::vector<AssessmentResult*> year, const config::Assessment& a) {
  if (a.excellent_cap <= 0) return;
  const int allowed = static_cast<int>(std::floor(a.excellent_cap * year.size() + detail::kEps));
  std::vector<AssessmentResult*> top;
  for (auto* r : year)
    if (r->grade == Grade::Excellent) top.push_back(r);
  std::sort(top.begin(), top.end(), [](auto* x, auto* y) {
    if (x->total != y->total) return x->total > y->total;
    if (x->computed_total != y->computed_total) return x->computed_total > y->computed_total;
    return x->station_code < y->station_code;
  });
  for (int i = allowed; i < static_cast<int>(top.size()); ++i) {
    AssessmentResult& r = *top[i];
    r.grade = Grade::Pass;
    std::string why = "优秀比例上限" + detail::percent(a.excellent_cap) + "（本年度" + std::to_string(year.size()) +
                      "个工作站中至多" + std::to_string(allowed) + "个优秀），总分" + num(r.total) + "分在优秀中排第" +
                      std::to_string(i + 1) + "位，调整为合格";
    if (i > 0 && top[i - 1]->total == r.total)
      why += "（与" + top[i - 1]->station_code + "同为" + num(r.total) + "分，按计算得分、工作站编号顺序排在其后）";
    r.reasons.push_back(why + "（第七条）");
  }
}

}  // namespace

// 第六条、第七条: one station-year.
AssessmentResult assess_station(const Performance& p, const Station& st, Date assessed_on, const config::Assessment& a) {
  AssessmentResult r;
  r.station_code = st.code;
  r.year = p.year;
  r.assessed_on = assessed_on;
  r.items = {enterprises(p, a), training(p, st, a), apprentices(p, a), achievements(p, a), courses(p, a),
             budget(p, a),      compliance(p, a),   economic(p, a),    social(p, a)};
  double sum = 0;
  for (auto& i : r.items) sum += i.points;
  r.computed_total = detail::round2(sum);
  r.total = r.computed_total;
  r.reasons.push_back("各项合计" + num(r.computed_total) + "分（第七条）");

  // 第七条 考核评估 by 组织人事处联合教务处、科技处: the committee's own score.
  if (p.committee_score) {
    r.committee_score = *p.committee_score;
    if (a.committee_mode == "replace") {
      r.total = detail::round2(*p.committee_score);
      r.reasons.push_back("考核委员会评分" + num(r.total) + "分，按设置替代计算得分" + num(r.computed_total) + "分（第七条）");
    } else if (a.committee_mode == "blend") {
      r.total = detail::round2((1 - a.committee_weight) * r.computed_total + a.committee_weight * *p.committee_score);
      r.reasons.push_back("考核委员会评分" + num(*p.committee_score) + "分占" + detail::percent(a.committee_weight) +
                          "、计算得分" + num(r.computed_total) + "分占" + detail::percent(1 - a.committee_weight) +
                          "，合成" + num(r.total) + "分（第七条）");
    } else {
      throw RulesError("设置 assessment.committee_mode 的值“" + a.committee_mode + "”无效，应为 replace 或 blend");
    }
  }

  // 第七条 考核评估结论分为：优秀、合格、不合格.
  std::string total = "总分" + num(r.total) + "分，";
  if (detail::at_least(r.total, a.excellent)) {
    r.grade = Grade::Excellent;
    r.reasons.push_back(total + "不低于" + num(a.excellent) + "分，评为优秀（第七条）");
  } else if (detail::at_least(r.total, a.pass)) {
    r.grade = Grade::Pass;
    r.reasons.push_back(total + "低于" + num(a.excellent) + "分、不低于" + num(a.pass) + "分，评为合格（第七条）");
  } else {
    r.grade = Grade::Fail;
    r.reasons.push_back(total + "低于" + num(a.pass) + "分，评为不合格（第七条）");
  }

  // 第六条（二）每学期至少对接 2 家企业: a semester with none caps the grade at 合格.
  for (auto [semester, n] : {std::pair{"上学期", p.enterprises_first}, std::pair{"下学期", p.enterprises_second}})
    if (n == 0) {
      std::string why = std::string(semester) + "未对接任何企业，最高评为合格";
      if (r.grade == Grade::Excellent) {
        r.grade = Grade::Pass;
        why += "，由优秀调整为合格";
      }
      r.reasons.push_back(why + "（第六条（二））");
      break;
    }
  // 第七条 补助资金的管理使用: misuse fails the station whatever the score.
  if (p.funds_misused) {
    r.grade = Grade::Fail;
    r.reasons.push_back("经费违规使用，不论得分一律评为不合格（第七条、第八条）");
  }
  return r;
}

// 第七条 由组织人事处……对技师工作站进行年度绩效考核评估; 经考核评估不合格的，撤销资格.
AssessmentOutcome assess(const std::vector<Performance>& rows, const Registry& reg, Date assessed_on,
                         const config::Assessment& a) {
  AssessmentOutcome out;
  std::map<std::pair<int, std::string>, const Performance*> seen;
  std::vector<AssessmentResult> results;
  results.reserve(rows.size());
  const RegistryIndex index(reg);
  for (auto& p : rows) {
    Diagnostics row;
    check_values(p, a, row);
    const Station* st = resolve(p, index, row);
    if (st && assessable(p, *st, index, assessed_on, row)) {
      auto [it, fresh] = seen.insert({{p.year, st->code}, &p});
      if (!fresh)
        row.error(p.where, "工作站 " + st->code + " 的 " + std::to_string(p.year) + " 年度考核数据重复（另见第 " +
                               std::to_string(it->second->where.row) + " 行）");
    }
    if (row.has_errors() || !st) {
      out.diags.append(row);
      continue;
    }
    results.push_back(assess_station(p, *st, assessed_on, a));
  }
  std::sort(results.begin(), results.end(),
            [](auto& x, auto& y) { return std::tie(x.year, x.station_code) < std::tie(y.year, y.station_code); });

  std::map<int, std::vector<AssessmentResult*>> by_year;
  for (auto& r : results) by_year[r.year].push_back(&r);
  for (auto& [year, list] : by_year) cap_excellent(list, a);

  // Stations in their term the rows leave out: said, not guessed.
  Location file = rows.empty() ? Location{} : Location{rows[0].where.file, rows[0].where.sheet};
  for (auto& [year, list] : by_year)
    for (auto& st : reg.stations)
      if (in_term_years(st, year) && status_on(st, assessed_on) != StationStatus::Revoked &&
          !seen.count({year, st.code}))
        out.diags.warning(file, "在聘工作站 " + st.code + "“" + st.name + "”没有 " + std::to_string(year) + " 年度考核数据");

  for (auto& r : results)
    if (r.grade == Grade::Fail) {
      std::string year = std::to_string(r.year) + "年度考核不合格";
      r.reasons.push_back(year + "，撤销“技师工作站”资格，不再予以经费支持（第七条）");
      // The short form is what the registry keeps and later reasons quote.
      out.revocations.push_back({r.station_code, assessed_on, year});
    }
  out.results = std::move(results);
  return out;
}

// 第七条 撤销“技师工作站”资格: the revocations enter the registry.
Registry apply_assessment(Registry r, const AssessmentOutcome& o) {
  // Positions by key, built once (the registry's vectors are indexed, not pointed into,
  // because results are appended below). Every station with a code, as the scans did.
  std::map<std::pair<std::string, int>, std::size_t> assessment_at;
  for (std::size_t i = 0; i < r.assessments.size(); ++i)
    assessment_at.emplace(std::make_pair(r.assessments[i].station_code, r.assessments[i].year), i);
  std::unordered_map<std::string, std::vector<std::size_t>> stations_at;
  for (std::size_t i = 0; i < r.stations.size(); ++i) stations_at[r.stations[i].code].push_back(i);
  auto stations_coded = [&](const std::string& code) -> const std::vector<std::size_t>& {
    static const std::vector<std::size_t> none;
    auto it = stations_at.find(code);
    return it == stations_at.end() ? none : it->second;
  };
  r.assessments.reserve(r.assessments.size() + o.results.size());
  for (auto& res : o.results) {
    auto at = assessment_at.find({res.station_code, res.year});
    auto old = at == assessment_at.end() ? r.assessments.end() : r.assessments.begin() + std::ptrdiff_t(at->second);
    if (old != r.assessments.end()) {
      // A re-assessment that no longer fails lifts the revocation it had caused.
      for (std::size_t k : stations_coded(res.station_code))
        if (auto& st = r.stations[k]; old->grade == Grade::Fail && res.grade != Grade::Fail &&
            st.revoked_on == old->assessed_on) {
          st.revoked_on.reset();
          st.revocation_reason.clear();
          st.status = StationStatus::Active;
        }
      *old = res;
    } else {
      assessment_at.emplace(std::make_pair(res.station_code, res.year), r.assessments.size());
      r.assessments.push_back(res);
    }
  }
  for (auto& v : o.revocations)
    for (std::size_t k : stations_coded(v.station_code)) {
      auto& st = r.stations[k];
      st.revoked_on = v.on;
      st.revocation_reason = v.reason;
      st.status = StationStatus::Revoked;
    }
  return r;
}

}  // namespace tws::rules
