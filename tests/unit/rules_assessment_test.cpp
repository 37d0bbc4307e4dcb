// Annual assessment (第六条, 第七条): SPEC §2's 100-point sheet item by item at its
// boundaries, the hard rules, the committee score, grades, the cap on 优秀 and
// revocation. The baseline row scores full marks; each test changes what it proves.
#include <gtest/gtest.h>

#include <algorithm>

#include "rules/rules.h"

using namespace tws;
using namespace tws::rules;
using calendar::parse_iso;

namespace {

Station station(const std::string& code, const std::string& app_id = "") {
  Station s;
  s.code = code;
  s.application_id = app_id.empty() ? "2026-" + code.substr(6) : app_id;
  s.first_year = 2026;
  s.name = "工作站" + code;
  s.department = "机电工程系";
  s.annual_target = 10;
  s.term_start = parse_iso("2026-07-01");
  s.term_end = parse_iso("2028-06-30");
  return s;
}

// Full marks: 15 + 15 + 10 + 15 + 10 + 10 + 5 + 10 + 10 = 100.
records::Performance full(const std::string& code = "JS202601", int row = 2) {
  records::Performance p;
  p.where = {"performance.xlsx", "年度考核", row};
  p.station_code = code;
  p.year = 2026;
  p.enterprises_first = 2, p.enterprises_second = 2;  // 15
  p.trained = 10;                                     // 15 (target 10)
  p.apprentices = 5;                                  // 10
  p.tech_projects = 2, p.problems_solved = 1, p.innovations = 1, p.patents = 1;  // 5 × 3 = 15
  p.trainees = 50, p.awards = 3;                      // 5 + 6 = 11 → 10
  p.budget_rate = 0.95;                               // 10
  p.accounts_compliant = true;                        // 5
  p.economic_benefit = 60;                            // 10
  p.social_score = 10;                                // 10
  return p;
}

const config::Assessment defaults{};
const Date kOn = parse_iso("2027-01-15");

AssessmentResult run(const records::Performance& p, const config::Assessment& a = defaults,
                     const Station& s = station("JS202601")) {
  return assess_station(p, s, kOn, a);
}

const ItemScore& item(const AssessmentResult& r, const std::string& name) {
  auto it = std::find_if(r.items.begin(), r.items.end(), [&](auto& i) { return i.name == name; });
  EXPECT_NE(it, r.items.end()) << name;
  return *it;
}
double points(const records::Performance& p, const std::string& name) { return item(run(p), name).points; }

bool has(const std::vector<std::string>& reasons, const std::string& text) {
  return std::find(reasons.begin(), reasons.end(), text) != reasons.end();
}
std::string all(const std::vector<std::string>& reasons) {
  std::string s;
  for (auto& r : reasons) s += r + "\n";
  return s;
}

}  // namespace

TEST(Article7_Sheet, FullMarksBaseline) {
  // “重点评估技师工作站的持续发展能力、补助资金的管理使用、目标任务完成情况及产生的经济社会效益”
  auto r = run(full());
  ASSERT_EQ(r.items.size(), 9u);
  EXPECT_DOUBLE_EQ(r.computed_total, 100);
  EXPECT_DOUBLE_EQ(r.total, 100);
  EXPECT_EQ(r.grade, Grade::Excellent);
  double max = 0;
  for (auto& i : r.items) max += i.max_points;
  EXPECT_DOUBLE_EQ(max, 100);  // 40 + 25 + 15 + 20
}

TEST(Article6_2_Enterprises, FourPointsForEachMissingEnterprise) {
  // “深入企业，每学期至少对接 2 家企业”
  auto p = full();
  p.enterprises_first = 1;
  auto r = run(p);
  EXPECT_EQ(item(r, "企业对接").points, 11);  // 15 − 4 × 1
  EXPECT_EQ(item(r, "企业对接").reason, "企业对接：上学期1家、下学期2家，少1家，扣4分，得11分（第六条（二））");
  p.enterprises_first = 2, p.enterprises_second = 3;
  EXPECT_EQ(item(run(p), "企业对接").reason, "企业对接：上学期2家、下学期3家，每学期均不少于2家，得15分（第六条（二））");
  p.enterprises_first = 3, p.enterprises_second = 1;  // a surplus in one semester does not make up the other
  EXPECT_EQ(points(p, "企业对接"), 11);
  p.enterprises_first = 0, p.enterprises_second = 0;  // 4 missing: 16 > 15
  EXPECT_EQ(points(p, "企业对接"), 0);
  EXPECT_EQ(item(run(p), "企业对接").reason, "企业对接：上学期0家、下学期0家，少4家，应扣16分，最低0分，得0分（第六条（二））");
}

TEST(Article6_3_Training, TwoPointsForEachPersonBelowTarget) {
  // 第四条（五）“每年为企业或社会培养高技能人才不少于 10 人”
  auto p = full();
  p.trained = 8;
  auto r = run(p);
  EXPECT_EQ(item(r, "人才培养").points, 11);  // 15 − 2 × 2
  EXPECT_EQ(item(r, "人才培养").reason, "人才培养：培养高技能人才8人，目标10人，少2人，扣4分，得11分（第四条（五）、第六条（三））");
  Station ambitious = station("JS202601");
  ambitious.annual_target = 12;  // the station's own target at approval is larger
  p.trained = 10;
  EXPECT_EQ(item(run(p, defaults, ambitious), "人才培养").points, 11);  // 15 − 2 × 2
  Station modest = station("JS202601");
  modest.annual_target = 9;  // never below 10
  p.trained = 9;
  EXPECT_EQ(item(run(p, defaults, modest), "人才培养").points, 13);  // 15 − 2 × 1
  p.trained = 2;
  EXPECT_EQ(points(p, "人才培养"), 0);  // 15 − 16 → 0
}

TEST(Article6_3_Apprentices, TwoPointsPerApprenticeUpToTen) {
  // “开展‘带高徒、传绝技’活动，由领办人带头”
  auto p = full();
  p.apprentices = 4;
  EXPECT_EQ(points(p, "带徒"), 8);
  p.apprentices = 5;
  EXPECT_EQ(points(p, "带徒"), 10);
  p.apprentices = 6;
  EXPECT_EQ(points(p, "带徒"), 10);
  EXPECT_EQ(item(run(p), "带徒").reason, "带徒：6人，每人2分，计12分，以10分为限，得10分（第六条（三））");
}

TEST(Article6_1_Achievements, ThreePointsPerItemUpToFifteen) {
  // “开展科技创新和技术攻关……解决关键性生产技术难题”
  auto p = full();
  p.tech_projects = 1, p.problems_solved = 1, p.innovations = 1, p.patents = 1;
  EXPECT_EQ(points(p, "技术成果"), 12);
  p.patents = 3;  // 6 items → 18 → 15
  EXPECT_EQ(points(p, "技术成果"), 15);
}

TEST(Article6_3_Courses, OnePointPerTenFullTraineesTwoPerAward) {
  // “积极组织参与‘金蓝领’培训、职业技能竞赛”; 第六条（四）“职业培训、师资培训任务”
  auto p = full();
  p.trainees = 29, p.awards = 0;
  EXPECT_EQ(points(p, "培训与竞赛"), 2);  // only 2 full tens
  EXPECT_EQ(item(run(p), "培训与竞赛").reason,
            "培训与竞赛：培训29人次，满10人次2个，计2分；竞赛获奖0项，计0分；得2分（第六条（三）、（四））");
  p.trainees = 30;
  EXPECT_EQ(points(p, "培训与竞赛"), 3);
  p.trainees = 29, p.awards = 4;
  EXPECT_EQ(points(p, "培训与竞赛"), 10);  // 2 + 8
  p.trainees = 50;
  EXPECT_EQ(points(p, "培训与竞赛"), 10);  // 5 + 8 = 13 → 10
}

TEST(Article7_Funds, BudgetExecutionBandsAndCompliance) {
  // “重点评估……补助资金的管理使用”
  auto p = full();
  p.budget_rate = 0.9;
  EXPECT_EQ(points(p, "预算执行"), 10);
  p.budget_rate = 0.8999;
  EXPECT_EQ(points(p, "预算执行"), 6);
  EXPECT_EQ(item(run(p), "预算执行").reason, "预算执行：预算执行率89.99%，低于90%、不低于70%，得6分（第七条）");
  p.budget_rate = 0.7;
  EXPECT_EQ(points(p, "预算执行"), 6);
  p.budget_rate = 0.6999;
  EXPECT_EQ(points(p, "预算执行"), 2);
  EXPECT_EQ(points(p, "账目合规"), 5);
  p.accounts_compliant = false;
  EXPECT_EQ(points(p, "账目合规"), 0);
}

TEST(Article7_Benefit, EconomicBenefitBands) {
  // “重点评估……产生的经济社会效益”: ≥ 50 万元 → 10, ≥ 20 → 7, ≥ 5 → 4, else 0
  auto p = full();
  for (auto [benefit, expected] : {std::pair{50.0, 10.0}, {49.99, 7.0}, {20.0, 7.0}, {19.99, 4.0}, {5.0, 4.0}, {4.99, 0.0}}) {
    p.economic_benefit = benefit;
    EXPECT_EQ(points(p, "经济效益"), expected) << benefit;
  }
  p.social_score = 7.5;
  EXPECT_EQ(points(p, "社会效益"), 7.5);
}

TEST(Article7_Grades, NinetyExcellentSixtyPass) {
  // “考核评估结论分为：优秀、合格、不合格”
  auto p = full();
  p.apprentices = 0;  // 100 − 10 = 90
  auto r = run(p);
  EXPECT_DOUBLE_EQ(r.total, 90);
  EXPECT_EQ(r.grade, Grade::Excellent);
  EXPECT_TRUE(has(r.reasons, "总分90分，不低于90分，评为优秀（第七条）")) << all(r.reasons);
  p.social_score = 9.5;  // 89.5
  EXPECT_EQ(run(p).grade, Grade::Pass);
  p.tech_projects = p.problems_solved = p.innovations = p.patents = 0;  // 100 − 10 − 15 = 75
  p.trainees = 0, p.awards = 0;                                        // − 10 = 65
  p.social_score = 5;                                                  // − 5 = 60
  r = run(p);
  EXPECT_DOUBLE_EQ(r.total, 60);
  EXPECT_EQ(r.grade, Grade::Pass);
  p.social_score = 4;  // 59
  r = run(p);
  EXPECT_EQ(r.grade, Grade::Fail);
  EXPECT_TRUE(has(r.reasons, "总分59分，低于60分，评为不合格（第七条）")) << all(r.reasons);
}

TEST(Article7_HardRules, FundsMisusedFailsEvenAtNinetyFive) {
  // “补助资金的管理使用”: 经费违规使用 → 不合格 whatever the score
  auto p = full();
  p.social_score = 5;  // 95
  p.funds_misused = true;
  auto r = run(p);
  EXPECT_DOUBLE_EQ(r.total, 95);
  EXPECT_EQ(r.grade, Grade::Fail);
  EXPECT_EQ(r.reasons.back(), "经费违规使用，不论得分一律评为不合格（第七条、第八条）");
}

TEST(Article6_2_HardRules, SemesterWithoutEnterpriseCapsAtPass) {
  // “每学期至少对接 2 家企业”: a semester with none cannot be 优秀
  auto p = full();
  p.enterprises_first = 0, p.enterprises_second = 5;  // 15 − 8 = 7 → total 92
  auto r = run(p);
  EXPECT_DOUBLE_EQ(r.total, 92);
  EXPECT_EQ(r.grade, Grade::Pass);
  EXPECT_TRUE(has(r.reasons, "上学期未对接任何企业，最高评为合格，由优秀调整为合格（第六条（二））")) << all(r.reasons);
}

TEST(Article7_Committee, ReplaceOrBlend) {
  // “由组织人事处联合教务处、科技处对技师工作站进行年度绩效考核评估”: the committee's score
  auto p = full();
  p.committee_score = 88;
  auto r = run(p);
  EXPECT_DOUBLE_EQ(r.computed_total, 100);
  EXPECT_DOUBLE_EQ(r.total, 88);
  EXPECT_EQ(r.grade, Grade::Pass);
  EXPECT_TRUE(has(r.reasons, "考核委员会评分88分，按设置替代计算得分100分（第七条）")) << all(r.reasons);

  config::Assessment blend;
  blend.committee_mode = "blend";
  blend.committee_weight = 0.5;
  p.committee_score = 70;
  EXPECT_DOUBLE_EQ(run(p, blend).total, 85);  // 0.5 × 100 + 0.5 × 70
  blend.committee_weight = 0.3;
  p.apprentices = 0, p.trainees = 0, p.awards = 0;  // computed 80
  p.committee_score = 100;
  r = run(p, blend);
  EXPECT_DOUBLE_EQ(r.total, 86);  // 0.7 × 80 + 0.3 × 100 = 56 + 30
  EXPECT_TRUE(has(r.reasons, "考核委员会评分100分占30%、计算得分80分占70%，合成86分（第七条）")) << all(r.reasons);
  blend.committee_mode = "average";
  EXPECT_THROW(run(p, blend), RulesError);
}

namespace {
Registry four_stations() {
  Registry reg;
  for (const char* c : {"JS202601", "JS202602", "JS202603", "JS202604"}) reg.stations.push_back(station(c));
  return reg;
}
}  // namespace

TEST(Article7_ExcellentCap, LowestExcellentDemotedWithTieReported) {
  // “考核评估结论分为：优秀、合格、不合格”, with an optional share cap on 优秀 (SPEC §2)
  std::vector<records::Performance> rows;
  auto add = [&](const char* code, double social) {
    rows.push_back(full(code, static_cast<int>(rows.size()) + 2));
    rows.back().social_score = social;
  };
  add("JS202601", 5);  // 95
  add("JS202602", 8);  // 98
  add("JS202603", 5);  // 95
  add("JS202604", 1);  // 91
  config::Assessment a;
  auto off = assess(rows, four_stations(), kOn, a);
  for (auto& r : off.results) EXPECT_EQ(r.grade, Grade::Excellent) << r.station_code;

  a.excellent_cap = 0.5;  // 4 × 50% = 2 优秀
  auto o = assess(rows, four_stations(), kOn, a);
  ASSERT_EQ(o.results.size(), 4u);
  EXPECT_FALSE(o.diags.has_errors());
  EXPECT_EQ(o.results[0].grade, Grade::Excellent);  // JS202601, 95, first of the tie by code
  EXPECT_EQ(o.results[1].grade, Grade::Excellent);  // JS202602, 98
  EXPECT_EQ(o.results[2].grade, Grade::Pass);       // JS202603, 95
  EXPECT_EQ(o.results[3].grade, Grade::Pass);       // JS202604, 91
  EXPECT_EQ(o.results[2].reasons.back(),
            "优秀比例上限50%（本年度4个工作站中至多2个优秀），总分95分在优秀中排第3位，调整为合格"
            "（与JS202601同为95分，按计算得分、工作站编号顺序排在其后）（第七条）");
  EXPECT_EQ(o.results[3].reasons.back(),
            "优秀比例上限50%（本年度4个工作站中至多2个优秀），总分91分在优秀中排第4位，调整为合格（第七条）");
  EXPECT_TRUE(o.revocations.empty());
}

TEST(Article7_Revocation, FailRevokesAsOfAssessmentDate) {
  // “经考核评估不合格的，撤销‘技师工作站’资格，不再予以经费支持”
  auto p = full();
  p.funds_misused = true;
  Registry reg = four_stations();
  auto o = assess({p}, reg, kOn, defaults);
  ASSERT_EQ(o.revocations.size(), 1u);
  EXPECT_EQ(o.revocations[0].station_code, "JS202601");
  EXPECT_EQ(calendar::iso(o.revocations[0].on), "2027-01-15");
  EXPECT_EQ(o.revocations[0].reason, "2026年度考核不合格");
  ASSERT_EQ(o.results.size(), 1u);
  EXPECT_EQ(o.results[0].reasons.back(), "2026年度考核不合格，撤销“技师工作站”资格，不再予以经费支持（第七条）");
  EXPECT_EQ(o.diags.warning_count(), 3u);  // JS202602–04 have no 2026 row

  Registry next = apply_assessment(reg, o);
  const Station* s = find_station(next, "JS202601");
  EXPECT_EQ(s->status, StationStatus::Revoked);
  EXPECT_EQ(status_on(*s, parse_iso("2027-01-14")), StationStatus::Active);
  EXPECT_EQ(status_on(*s, kOn), StationStatus::Revoked);
  ASSERT_NE(find_assessment(next, "JS202601", 2026), nullptr);

  // the second year's row for a revoked station is an error at that row
  auto second = full("JS202601", 7);
  second.year = 2027;
  auto o2 = assess({second}, next, parse_iso("2028-01-15"), defaults);
  EXPECT_TRUE(o2.results.empty());
  ASSERT_TRUE(o2.diags.has_errors());
  EXPECT_EQ(o2.diags.items()[0].where.row, 7);
  EXPECT_EQ(o2.diags.items()[0].message, "工作站 JS202601 已于 2027-01-15 撤销，不再考核（第七条）");

  // re-assessing the same year (a re-run) is allowed and replaces the result
  auto again = assess({p}, next, kOn, defaults);
  EXPECT_FALSE(again.diags.has_errors());
  EXPECT_EQ(apply_assessment(next, again).assessments.size(), 1u);
}

TEST(Article7_Rows, UnknownStationWrongYearAndMismatchAreRowErrors) {
  // performance rows must name a registered station in its term (第三条 聘期为 2 年)
  Registry reg = four_stations();
  auto unknown = full("JS209999", 3);
  auto late = full("JS202602", 4);
  late.year = 2028;  // term years 2026–2027
  auto mismatch = full("JS202603", 5);
  mismatch.application_id = "2026-01";
  auto by_id = full("", 6);
  by_id.application_id = "2026-04";
  auto o = assess({unknown, late, mismatch, by_id}, reg, kOn, defaults);
  ASSERT_EQ(o.diags.error_count(), 3u);
  auto& d = o.diags.items();
  EXPECT_EQ(d[0].where.row, 3);
  EXPECT_EQ(d[0].where.sheet, "年度考核");
  EXPECT_EQ(d[0].message, "工作站编号“JS209999”不在登记册中");
  EXPECT_EQ(d[1].where.row, 4);
  EXPECT_EQ(d[1].message, "考核年度 2028 不在工作站 JS202602 的聘期（2026–2027 年度）内（第三条）");
  EXPECT_EQ(d[2].where.row, 5);
  ASSERT_EQ(o.results.size(), 1u);
  EXPECT_EQ(o.results[0].station_code, "JS202604");  // found by 申报编号

  unknown.station_where = {"performance.xlsx", "年度考核", 3, 1};  // the 工作站编号 cell, A3
  late.year_where = {"performance.xlsx", "年度考核", 4, 4};
  auto cells = assess({unknown, late}, reg, kOn, defaults);
  ASSERT_EQ(cells.diags.error_count(), 2u);
  EXPECT_EQ(format_location(cells.diags.items()[0].where), "performance.xlsx:年度考核!A3");
  EXPECT_EQ(format_location(cells.diags.items()[1].where), "performance.xlsx:年度考核!D4");

  auto twice = assess({full("JS202601", 2), full("JS202601", 9)}, reg, kOn, defaults);
  ASSERT_TRUE(twice.diags.has_errors());
  EXPECT_EQ(twice.diags.items()[0].message, "工作站 JS202601 的 2026 年度考核数据重复（另见第 2 行）");
}
