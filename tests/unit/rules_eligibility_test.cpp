// Eligibility (SPEC §2 list 1–9): 第二条、第三条、第四条、第五条（二）.
// Records are built directly (no spreadsheet); expected values worked out by hand.
#include <gtest/gtest.h>

#include <algorithm>

#include "records/values.h"
#include "rules/rules.h"

using namespace tws;
using namespace tws::rules;
using records::Application;
using records::Honour;
using records::Member;

namespace {

records::Qualification q(const char* text) {
  auto p = records::parse_qualification(text);
  EXPECT_TRUE(p.value) << text << ": " << p.reason;
  return p.value.value_or(records::Qualification{});
}

// An application that meets every criterion except what a test changes: the
// leader holds 山东省技术能手 and 4 technicians join him.
struct Case {
  Application app;
  std::vector<Member> members;
  std::vector<Honour> honours;
  Registry registry;
  config::Eligibility settings;
  Date as_of = calendar::parse_iso("2026-04-20");

  Case() {
    app.id = "2026-01";
    app.name = "数控加工技师工作站";
    app.department = "机电工程系";
    app.occupation = "数控车工";
    app.leader = "张伟";
    app.leader_id_number = "370102198001011234";
    app.leader_qualification = "高级技师";
    app.leader_level = q("高级技师");
    app.area_m2 = 80;
    app.equipment = "五轴联动加工中心 2 台";
    app.annual_target = 12;
    app.systems_and_projects = "建立培养、评价、激励制度；主持校级教学改革项目 1 项";
    app.work_plan = "三年工作计划与目标";
    app.department_support = "系部提供场地、经费与人员";
    app.materials_complete = true;
    member("张伟", "高级技师", true);
    for (const char* n : {"李强", "王芳", "赵磊", "刘洋"}) member(n, "技师");
    honour("山东省技术能手");
  }
  Member& member(const std::string& name, const char* qual, bool leader = false) {
    Member m;
    m.application_id = app.id;
    m.name = name;
    m.qualification = qual;
    m.level = q(qual);
    m.is_leader = leader;
    members.push_back(m);
    return members.back();
  }
  void honour(const std::string& name) {
    Honour h;
    h.application_id = app.id;
    h.kind = "荣誉";
    h.name = name;
    honours.push_back(h);
  }
  void competition(const std::string& level, int rank, const std::string& participation = "个人") {
    Honour h;
    h.application_id = app.id;
    h.kind = "竞赛";
    h.name = "山东省职业技能大赛数控车项目";
    h.level = level;
    h.rank = rank;
    h.participation = participation;
    h.year = 2025;
    honours.push_back(h);
  }
  EligibilityResult run() const { return check_eligibility(app, members, honours, registry, as_of, settings); }
  Criterion criterion(int n) const { return run().criteria.at(n - 1); }
};

bool has_reason(const Criterion& c, const std::string& text) {
  return std::any_of(c.reasons.begin(), c.reasons.end(), [&](auto& r) { return r == text; });
}
bool mentions(const Criterion& c, const std::string& part) {
  return std::any_of(c.reasons.begin(), c.reasons.end(), [&](auto& r) { return r.find(part) != std::string::npos; });
}
std::string reasons(const Criterion& c) {
  std::string s;
  for (auto& r : c.reasons) s += r + "\n";
  return s;
}

}  // namespace

// ── 第二条 / 第四条（一）: the leader ──────────────────────────────────────────

TEST(Article4_1_Leader, BaselineCaseIsEligible) {
  // “有高技能领军人才领办……入站人员具备技师及以上职业资格的不少于 5 人”
  Case c;
  auto r = c.run();
  ASSERT_EQ(r.criteria.size(), 9u);
  for (auto& k : r.criteria) EXPECT_EQ(k.verdict, Verdict::Pass) << k.number << ": " << reasons(k);
  EXPECT_TRUE(r.eligible);
  EXPECT_EQ(r.hints, 0);
  EXPECT_EQ(r.summary, "符合条件");
}

TEST(Article4_1_Leader, ProvincialClass1ThirdPlaceQualifies) {
  // “包含获得省级一类竞赛前 3 名……的选手”
  Case c;
  c.honours.clear();
  c.competition("省级一类", 3);
  auto r = c.run();
  EXPECT_EQ(r.criteria[0].verdict, Verdict::Pass) << reasons(r.criteria[0]);
  EXPECT_TRUE(has_reason(r.criteria[0],
                         "2025年“山东省职业技能大赛数控车项目”（省级一类）第3名，属省级一类竞赛前3名（第四条（一））"))
      << reasons(r.criteria[0]);
  EXPECT_TRUE(r.eligible);
}

TEST(Article4_1_Leader, ProvincialClass1FourthPlaceDoesNot) {
  // “省级一类竞赛前 3 名”: 第 4 名 is outside
  Case c;
  c.honours.clear();
  c.competition("省级一类", 4);
  auto r = c.run();
  EXPECT_EQ(r.criteria[0].verdict, Verdict::Fail);
  EXPECT_TRUE(mentions(r.criteria[0], "第4名，不在省级一类竞赛前3名（第四条（一））")) << reasons(r.criteria[0]);
  EXPECT_FALSE(r.eligible);
  EXPECT_EQ(r.summary, "不符合条件（第1项不通过）");
}

TEST(Article4_1_Leader, MunicipalClass1FirstPlaceQualifiesSecondDoesNot) {
  // “省级二类竞赛、市级一类竞赛的第 1 名选手”
  Case first;
  first.honours.clear();
  first.competition("市级一类", 1);
  EXPECT_EQ(first.criterion(1).verdict, Verdict::Pass);

  Case second;
  second.honours.clear();
  second.competition("市级一类", 2);
  EXPECT_EQ(second.criterion(1).verdict, Verdict::Fail);
  EXPECT_TRUE(mentions(second.criterion(1), "第2名，市级一类竞赛须获第1名（第四条（一））"));

  Case provincial2;
  provincial2.honours.clear();
  provincial2.competition("省级二类", 1);
  EXPECT_EQ(provincial2.criterion(1).verdict, Verdict::Pass);

  Case municipal2;  // 市级二类 is not named at all
  municipal2.honours.clear();
  municipal2.competition("市级二类", 1);
  EXPECT_EQ(municipal2.criterion(1).verdict, Verdict::Fail);
}

TEST(Article4_1_Leader, TeamPlacingFollowsSetting) {
  // “获得省级一类竞赛前 3 名……选手”: a team placing is a setting (SPEC §2)
  Case c;
  c.honours.clear();
  c.competition("省级一类", 1, "团体");
  c.settings.team_placing = "expert";
  EXPECT_EQ(c.criterion(1).verdict, Verdict::Verify);
  EXPECT_TRUE(mentions(c.criterion(1), "团体赛名次，是否视为领办人个人成绩须经资格核实"));
  EXPECT_FALSE(c.run().eligible);  // 待核实 blocks until settled
  EXPECT_EQ(c.run().summary, "待资格核实（第1项待核实）");
  c.settings.team_placing = "accept";
  EXPECT_EQ(c.criterion(1).verdict, Verdict::Pass);
  c.settings.team_placing = "reject";
  EXPECT_EQ(c.criterion(1).verdict, Verdict::Fail);
  c.settings.team_placing = "maybe";
  EXPECT_THROW(c.run(), RulesError);
}

TEST(Article4_1_Leader, TeamPlacingOutsideTheNamedPlacesFailsWhateverTheSetting) {
  // a team 第 4 名 in 省级一类 would not qualify even as an individual
  Case c;
  c.honours.clear();
  c.competition("省级一类", 4, "团体");
  c.settings.team_placing = "accept";
  EXPECT_EQ(c.criterion(1).verdict, Verdict::Fail);
}

TEST(Article4_1_Leader, NationalTopThreeQualifiesAsInterpretation) {
  // “省级一类竞赛前 3 名”: national competitions are not named; interpreted as at least as strong
  Case c;
  c.honours.clear();
  c.competition("国家级一类", 2);
  EXPECT_EQ(c.criterion(1).verdict, Verdict::Pass);
  EXPECT_TRUE(mentions(c.criterion(1), "未列国家级竞赛")) << reasons(c.criterion(1));
  EXPECT_TRUE(mentions(c.criterion(1), "解释"));

  Case fifth;
  fifth.honours.clear();
  fifth.competition("国家级二类", 5);
  EXPECT_EQ(fifth.criterion(1).verdict, Verdict::Verify);
  EXPECT_EQ(fifth.criterion(1).doubts.at(0).clause, "第四条（一）");
}

TEST(Article2_Honours, ListedHonoursQualifyInTheirUsualSpellings) {
  // “齐鲁首席技师（山东省首席技师）、山东省技术技能大师、山东省技术能手、德州市首席技师、德州市技术能手”
  for (const char* name : {"中华技能大奖", "泰山产业领军人才（产业技能类）", "泰山产业领军人才 (产业技能类)",
                           "齐鲁首席技师（山东省首席技师）", "齐鲁首席技师", "山东省首席技师", "山东省技术技能大师",
                           "山东省技术能手称号", "德州市首席技师", "德州市技术能手", "中华技能大奖获得者"}) {
    Case c;
    c.honours.clear();
    c.honour(name);
    EXPECT_EQ(c.criterion(1).verdict, Verdict::Pass) << name << "\n" << reasons(c.criterion(1));
  }
}

TEST(Article2_Honours, UnlistedHonourOfTheSameKindNeedsVerification) {
  // “……德州市技术能手等行业公认具有绝技绝活的高端技能人才”: the list ends with 等
  Case c;
  c.honours.clear();
  c.honour("泰山产业领军人才（产业创新类）");
  EXPECT_EQ(c.criterion(1).verdict, Verdict::Verify);
  EXPECT_EQ(c.criterion(1).doubts.at(0).clause, "第二条");
  Case other;
  other.honours.clear();
  other.honour("优秀教师");
  EXPECT_EQ(other.criterion(1).verdict, Verdict::Fail);
  EXPECT_TRUE(mentions(other.criterion(1), "既无第二条所列荣誉"));
}

// ── 第四条（一）: five technicians ───────────────────────────────────────────

TEST(Article4_1_Members, FiveTechniciansPassFourFail) {
  // “入站人员具备技师及以上职业资格的不少于 5 人”
  Case five;  // leader 高级技师 + 4 技师
  EXPECT_EQ(five.criterion(2).verdict, Verdict::Pass);
  EXPECT_TRUE(has_reason(five.criterion(2), "技师及以上入站人员5人，不少于5人（第四条（一））"))
      << reasons(five.criterion(2));

  Case four;
  four.members.pop_back();
  EXPECT_EQ(four.criterion(2).verdict, Verdict::Fail);
  EXPECT_TRUE(has_reason(four.criterion(2), "技师及以上入站人员4人，少于5人（第四条（一））"))
      << reasons(four.criterion(2));
}

TEST(Article4_1_Members, LevelsAboveTechnicianCount) {
  // “技师及以上”: 高级技师, 一级, 特级技师, 首席技师 count; 三级/高级工 does not
  Case c;
  c.members.resize(1);  // the leader
  c.member("甲", "二级/技师");
  c.member("乙", "国家职业资格一级");
  c.member("丙", "特级技师");
  c.member("丁", "首席技师");
  EXPECT_EQ(c.criterion(2).verdict, Verdict::Pass);
  c.members.back().level = q("三级/高级工");
  EXPECT_EQ(c.criterion(2).verdict, Verdict::Fail);
  EXPECT_TRUE(mentions(c.criterion(2), "未达技师、不计入：丁（三级/高级工）"));
}

TEST(Article4_1_Members, MedicalSupervisorTechnicianIsNotCounted) {
  // “具备技师及以上职业资格”: 主管技师 is a medical 职称, not the 技师 level
  Case c;
  c.members.pop_back();
  c.member("刘洋", "主管技师");
  auto k = c.criterion(2);
  EXPECT_EQ(k.verdict, Verdict::Verify) << reasons(k);  // 4 confirmed; the 5th only once verified
  EXPECT_TRUE(mentions(k, "技师及以上入站人员4人，少于5人；另有1人的职业资格须经资格核实通过后计入"));
  EXPECT_TRUE(mentions(k, "刘洋（职称（非职业技能等级）：主管技师）"));

  Case short_;  // 3 technicians + 主管技师 cannot reach 5 whatever the experts say
  short_.members.pop_back();
  short_.members.pop_back();
  short_.member("刘洋", "主管技师");
  EXPECT_EQ(short_.criterion(2).verdict, Verdict::Fail);
}

TEST(Article4_1_Members, LeaderCountsOrNotBySetting) {
  // “入站人员……不少于 5 人”: whether the leader is one of them is a setting
  Case c;  // leader + 4 technicians
  c.settings.leader_counts = true;
  EXPECT_EQ(c.criterion(2).verdict, Verdict::Pass);
  EXPECT_TRUE(mentions(c.criterion(2), "领办人张伟（一级/高级技师）按设置计入人数"));
  c.settings.leader_counts = false;
  EXPECT_EQ(c.criterion(2).verdict, Verdict::Fail);
  EXPECT_TRUE(has_reason(c.criterion(2), "技师及以上入站人员4人，少于5人（第四条（一））"));
}

TEST(Article4_1_Members, LeaderMissingFromMemberListTakenFromApplication) {
  // “有高技能领军人才领办”: the leader counts from 申报汇总 when not listed as a member
  Case c;
  c.members.erase(c.members.begin());  // 4 技师 left, no 是否领办人 = 是
  EXPECT_EQ(c.criterion(2).verdict, Verdict::Pass);
  c.app.leader_level = q("三级");
  EXPECT_EQ(c.criterion(2).verdict, Verdict::Fail);
}

TEST(Article4_1_Members, SamePersonListedTwiceCountsOnce) {
  // “入站人员……不少于 5 人”: persons, not rows — one ID number counts once
  Case c;
  c.members.pop_back();
  c.members.back().id_number = "370102199001011111";
  Member twin = c.members.back();
  c.members.push_back(twin);
  EXPECT_EQ(c.criterion(2).verdict, Verdict::Fail);
}

// ── 第四条（二）–（六）, 第五条（二） ─────────────────────────────────────────

TEST(Article4_2_Systems, SchoolLevelProjectRequired) {
  // “有独立承担过校级及以上重大项目的经历、经验和成果”
  Case c;
  EXPECT_EQ(c.criterion(3).verdict, Verdict::Pass);
  c.app.systems_and_projects = "主持市级科研课题";
  EXPECT_EQ(c.criterion(3).verdict, Verdict::Pass);
  c.app.systems_and_projects = "建立了培训和考核制度，承担多项重大项目";
  EXPECT_EQ(c.criterion(3).verdict, Verdict::Verify);
  EXPECT_EQ(c.criterion(3).doubts.at(0).clause, "第四条（二）");
  c.app.systems_and_projects = "";
  EXPECT_EQ(c.criterion(3).verdict, Verdict::Fail);
  EXPECT_FALSE(c.run().eligible);
}

TEST(Article4_3_Area, AreaBelow60IsHint) {
  // “其中固定工作场所一般不少于 60 平方米”
  Case c;
  c.app.area_m2 = 60;
  EXPECT_EQ(c.criterion(4).verdict, Verdict::Pass);
  c.app.area_m2 = 59.9;
  auto k = c.criterion(4);
  EXPECT_EQ(k.verdict, Verdict::Hint);
  EXPECT_TRUE(k.doubts.empty());  // nothing to settle
  EXPECT_TRUE(mentions(k, "固定工作场所59.9平方米，少于60平方米；第四条（三）规定“一般不少于60平方米”"))
      << reasons(k);
  auto r = c.run();
  EXPECT_TRUE(r.eligible);  // 提示 does not block
  EXPECT_EQ(r.hints, 1);
  EXPECT_EQ(r.summary, "符合条件（第4项提示）");
  EXPECT_TRUE(pending(r).empty());
  c.app.area_m2.reset();
  EXPECT_EQ(c.criterion(4).verdict, Verdict::Hint);
  c.settings.area_strict = true;
  EXPECT_EQ(c.criterion(4).verdict, Verdict::Fail);
  EXPECT_FALSE(c.run().eligible);
}

TEST(Article4_4_Equipment, EquipmentMustBeStated) {
  // “具有本行业、本领域较为先进的生产科研仪器设备”
  Case c;
  c.app.equipment = " ";
  EXPECT_EQ(c.criterion(5).verdict, Verdict::Fail);
}

TEST(Article4_5_Plan, AnnualTargetNineFailsTenPasses) {
  // “每年为企业或社会培养高技能人才不少于 10 人”
  Case c;
  c.app.annual_target = 9;
  EXPECT_EQ(c.criterion(6).verdict, Verdict::Fail);
  EXPECT_TRUE(has_reason(c.criterion(6), "年培养目标9人，少于10人（第四条（五））"));
  c.app.annual_target = 10;
  EXPECT_EQ(c.criterion(6).verdict, Verdict::Pass);
  EXPECT_TRUE(has_reason(c.criterion(6), "年培养目标10人，不少于10人（第四条（五））"));
  c.app.work_plan = "";  // “有明确的工作计划、工作目标和预期收益”
  EXPECT_EQ(c.criterion(6).verdict, Verdict::Fail);
}

TEST(Article4_6_Support, DepartmentSupportMustBeStated) {
  // “系部（院）要在人力、物力上给予技师工作站充分保障”
  Case c;
  c.app.department_support = "";
  EXPECT_EQ(c.criterion(7).verdict, Verdict::Fail);
}

TEST(Article5_2_Materials, IncompleteMaterialsFail) {
  // “需填写《……申报（认定）表》、申请报告；报送……证书等原件及复印件”
  Case c;
  c.app.materials_complete = false;
  EXPECT_EQ(c.criterion(8).verdict, Verdict::Fail);
  EXPECT_EQ(c.run().summary, "不符合条件（第8项不通过）");
}

// ── 第三条: re-application (criterion 9) ────────────────────────────────────

namespace {
Station previous_term() {
  Station s;
  s.code = "JS202401";
  s.application_id = "2024-03";
  s.first_year = 2024;
  s.name = "数控加工技师工作站";
  s.department = "机电工程系";
  s.term_start = calendar::parse_iso("2024-07-01");
  s.term_end = calendar::parse_iso("2026-06-30");
  return s;
}

// The previous term's grade of `year` in the registry (第七条).
void grade(Registry& r, int year, Grade g, const std::string& code = "JS202401") {
  AssessmentResult a;
  a.station_code = code;
  a.year = year;
  a.grade = g;
  r.assessments.push_back(a);
}

// A re-application of JS202401 the day after its term, with `grades` for 2024 and 2025.
struct Reapplication : Case {
  explicit Reapplication(std::vector<Grade> grades) {
    app.previous_term = "JS202401";
    registry.stations.push_back(previous_term());
    for (size_t i = 0; i < grades.size(); ++i) grade(registry, 2024 + static_cast<int>(i), grades[i]);
    as_of = calendar::parse_iso("2026-07-01");
  }
};

records::Verification finding(const std::string& id, const std::string& clause, bool passed, const std::string& note) {
  records::Verification v;
  v.application_id = id;
  v.clause = records::normalize_clause(clause);
  v.passed = passed;
  v.note = note;
  v.where = {"reviews.xlsx", "资格核实", 3, 1};
  return v;
}
}  // namespace

TEST(Article3_Reapplication, RefusedWhileActiveAllowedTheDayAfterTheTerm) {
  // “聘期为 2 年。在聘期内做出突出贡献、符合申报条件的，聘期满后可重新按照程序进行申报”
  Case c;
  c.app.previous_term = "JS202401";
  c.registry.stations.push_back(previous_term());

  c.as_of = calendar::parse_iso("2026-06-29");  // one day before the term ends
  EXPECT_EQ(c.criterion(9).verdict, Verdict::Fail);
  EXPECT_TRUE(has_reason(c.criterion(9), "工作站 JS202401“数控加工技师工作站”（聘期2024年7月1日至2026年6月30日）在公示开始日"
                                         "2026年6月29日尚在聘期内，聘期满后方可重新申报（第三条）"))
      << reasons(c.criterion(9));
  EXPECT_FALSE(c.run().eligible);

  c.as_of = calendar::parse_iso("2026-06-30");  // the last day is still in the term
  EXPECT_EQ(c.criterion(9).verdict, Verdict::Fail);

  c.as_of = calendar::parse_iso("2026-07-01");  // one day after
  grade(c.registry, 2024, Grade::Excellent);
  auto r = c.run();
  EXPECT_EQ(r.criteria[8].verdict, Verdict::Pass) << reasons(r.criteria[8]);
  EXPECT_EQ(r.previous_code, "JS202401");
  EXPECT_TRUE(r.eligible);
}

TEST(Article3_Reapplication, SameStationFoundByNameWithoutPreviousCode) {
  // “在聘期内……聘期满后可重新……申报”: an active station cannot apply again under its name
  Case c;
  c.registry.stations.push_back(previous_term());
  c.as_of = calendar::parse_iso("2026-04-20");
  EXPECT_EQ(c.criterion(9).verdict, Verdict::Fail);
}

TEST(Article3_Reapplication, RevokedStationFails) {
  // 第七条 “经考核评估不合格的，撤销‘技师工作站’资格” — a revoked station re-applying
  Case c;
  Station s = previous_term();
  s.revoked_on = calendar::parse_iso("2025-01-10");
  s.revocation_reason = "2024 年度考核不合格";
  c.registry.stations.push_back(s);
  c.app.previous_term = "JS202401";
  grade(c.registry, 2024, Grade::Fail);
  for (const char* setting : {"excellent", "verify", "none"}) {
    c.settings.reapply_contribution = setting;
    auto r = c.run();
    auto& k = r.criteria[8];
    EXPECT_EQ(k.verdict, Verdict::Fail) << setting;
    EXPECT_TRUE(mentions(k, "已于2025年1月10日撤销（2024 年度考核不合格），不属“在聘期内做出突出贡献”")) << reasons(k);
    EXPECT_EQ(r.previous_term, "JS202401（聘期2024年7月1日至2026年6月30日，2025年1月10日撤销）：2024年度不合格；2025年度无考核结果");
  }
}

TEST(Article3_Reapplication, PreviousTermNamedByItsApplicationId) {
  // “聘期满后可重新按照程序进行申报”: 上一聘期编号 may be the old 申报编号 instead of the station code
  Case c;
  c.app.name = "数控技术技师工作站";  // renamed, so only the number links the terms
  c.app.previous_term = "2024-03";
  c.registry.stations.push_back(previous_term());
  c.as_of = calendar::parse_iso("2026-05-01");
  EXPECT_EQ(c.criterion(9).verdict, Verdict::Fail);
  c.as_of = calendar::parse_iso("2026-07-01");
  EXPECT_EQ(c.run().previous_code, "JS202401");
}

TEST(Article3_Reapplication, SameLeaderAndOccupationLinksThePreviousTerm) {
  // “聘期满后可重新按照程序进行申报”: renamed, moved, no 上一聘期编号 — same leader, same 工种
  Reapplication c({Grade::Excellent, Grade::Pass});
  c.app.previous_term.clear();
  c.app.name = "精密数控技师工作站";
  c.app.department = "智能制造学院";
  Station& st = c.registry.stations.back();
  st.leader_id_number = c.app.leader_id_number;
  st.occupation = c.app.occupation;
  EXPECT_EQ(c.run().previous_code, "JS202401");
  st.occupation = "焊工";  // another trade: not the same station
  EXPECT_EQ(c.run().previous_code, "");
}

TEST(Article3_Contribution, OnlyTheLatestTermIsJudged) {
  // “在聘期内做出突出贡献”: the term just ended counts, not an older revoked one
  Reapplication c({Grade::Excellent, Grade::Pass});
  Station older = previous_term();
  older.code = "JS202001";
  older.application_id = "2020-02";
  older.first_year = 2020;
  older.term_start = calendar::parse_iso("2020-07-01");
  older.term_end = calendar::parse_iso("2022-06-30");
  older.revoked_on = calendar::parse_iso("2021-01-10");
  older.revocation_reason = "2020 年度考核不合格";
  c.registry.stations.insert(c.registry.stations.begin(), older);
  auto r = c.run();
  EXPECT_EQ(r.criteria[8].verdict, Verdict::Pass) << reasons(r.criteria[8]);
  EXPECT_EQ(r.previous_code, "JS202401");
  EXPECT_TRUE(mentions(r.criteria[8], "JS202001“数控加工技师工作站”（聘期2020年7月1日至2022年6月30日）为更早的聘期"));
}

TEST(Article3_Contribution, ExcellentAndNoFailPasses) {
  // “在聘期内做出突出贡献”: default — at least one 优秀 and no 不合格
  Reapplication c({Grade::Pass, Grade::Excellent});
  auto r = c.run();
  EXPECT_EQ(r.criteria[8].verdict, Verdict::Pass) << reasons(r.criteria[8]);
  EXPECT_TRUE(has_reason(r.criteria[8], "上一聘期JS202401的年度考核：2024年度合格；2025年度优秀；有优秀且无不合格，"
                                        "视为在聘期内做出突出贡献（第三条）"))
      << reasons(r.criteria[8]);
  EXPECT_EQ(r.previous_term, "JS202401（聘期2024年7月1日至2026年6月30日）：2024年度合格；2025年度优秀");
  EXPECT_TRUE(r.eligible);
}

TEST(Article3_Contribution, OnlyPassGradesNeedVerification) {
  // “在聘期内做出突出贡献”: 合格 both years is not evidently 突出 — people decide
  Reapplication c({Grade::Pass, Grade::Pass});
  auto r = c.run();
  EXPECT_EQ(r.criteria[8].verdict, Verdict::Verify) << reasons(r.criteria[8]);
  EXPECT_FALSE(r.eligible);
  auto p = pending(r);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].criterion, 9);
  EXPECT_EQ(p[0].clause, "第三条");
  EXPECT_EQ(p[0].what.at(0), "上一聘期JS202401的年度考核：2024年度合格；2025年度合格，均为合格、没有优秀，是否在聘期内做出突出贡献");
}

TEST(Article3_Contribution, NoGradedYearNeedsVerification) {
  // “在聘期内做出突出贡献”: nothing in the registry to judge by
  Reapplication c({});
  auto k = c.criterion(9);
  EXPECT_EQ(k.verdict, Verdict::Verify);
  EXPECT_TRUE(mentions(k, "登记册中没有聘期内的年度考核结果")) << reasons(k);
}

TEST(Article3_Contribution, VerificationRowSettlesIt) {
  // 资格核实 第三条: 通过 → 通过 “经资格核实”, 不通过 → 不通过 with the 说明
  Reapplication c({Grade::Pass, Grade::Pass});
  std::vector<records::Verification> rows = {finding("2026-01", "第三条", true, "聘期内获省级技术攻关成果奖（李娜）")};
  auto r = check_eligibility(c.app, c.members, c.honours, c.registry, c.as_of, c.settings, rows);
  EXPECT_EQ(r.criteria[8].verdict, Verdict::Pass);
  EXPECT_TRUE(has_reason(r.criteria[8], "经资格核实：聘期内获省级技术攻关成果奖（李娜）（第三条）")) << reasons(r.criteria[8]);
  EXPECT_EQ(r.criteria[8].findings.at(0), "第三条 通过（资格核实第3行）：聘期内获省级技术攻关成果奖（李娜）");
  EXPECT_TRUE(r.eligible);
  EXPECT_TRUE(pending(r).empty());
  rows[0].passed = false;
  rows[0].note = "未见突出贡献材料（李娜）";
  r = check_eligibility(c.app, c.members, c.honours, c.registry, c.as_of, c.settings, rows);
  EXPECT_EQ(r.criteria[8].verdict, Verdict::Fail);
  EXPECT_TRUE(has_reason(r.criteria[8], "经资格核实不通过：未见突出贡献材料（李娜）（第三条）"));
  EXPECT_FALSE(r.eligible);
}

TEST(Article3_Contribution, SettingVerifyAlwaysAsks) {
  // reapply_contribution = verify: even 优秀 both years goes to 资格核实
  Reapplication c({Grade::Excellent, Grade::Excellent});
  c.settings.reapply_contribution = "verify";
  auto k = c.criterion(9);
  EXPECT_EQ(k.verdict, Verdict::Verify);
  EXPECT_TRUE(mentions(k, "按设置，是否在聘期内做出突出贡献一律须经资格核实")) << reasons(k);
}

TEST(Article3_Contribution, SettingNoneDoesNotCheck) {
  // reapply_contribution = none: only “聘期满后” is checked
  Reapplication c({Grade::Pass, Grade::Pass});
  c.settings.reapply_contribution = "none";
  auto k = c.criterion(9);
  EXPECT_EQ(k.verdict, Verdict::Pass) << reasons(k);
  EXPECT_TRUE(mentions(k, "按设置不审查聘期内贡献"));
  c.settings.reapply_contribution = "often";
  EXPECT_THROW(c.run(), RulesError);
}

TEST(Article3_Contribution, FailGradeWithoutRevocationFails) {
  // 第七条 revokes on 不合格; a 不合格 in the term is never 突出贡献
  Reapplication c({Grade::Excellent, Grade::Fail});
  EXPECT_EQ(c.criterion(9).verdict, Verdict::Fail);
}

// ── 资格核实 of 第四条（一）and the warnings for rows that settle nothing ────────

TEST(Article4_1_Verification, ProfessionalTitleNeedsVerification) {
  // “具备技师及以上职业资格”: a 主管技师 counts only once people confirm it
  Case c;
  c.members.pop_back();
  c.member("刘洋", "主管技师");
  auto r = c.run();
  auto p = pending(r);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].criterion, 2);
  EXPECT_EQ(p[0].clause, "第四条（一）");
  EXPECT_EQ(p[0].what.at(0), "刘洋（职称（非职业技能等级）：主管技师）不是职业资格等级，是否具备技师及以上职业资格");
  // HR writes the clause with half-width brackets.
  std::vector<records::Verification> rows = {finding("2026-01", "第四条(一)", true, "持高级技师证书，申报时误填（张敏）")};
  r = check_eligibility(c.app, c.members, c.honours, c.registry, c.as_of, c.settings, rows);
  EXPECT_EQ(r.criteria[1].verdict, Verdict::Pass) << reasons(r.criteria[1]);
  EXPECT_TRUE(has_reason(r.criteria[1], "待核实的1人经资格核实计入，技师及以上入站人员达到5人（第四条（一））"));
  EXPECT_EQ(r.settled, std::vector<std::string>{"第四条（一）"});
  rows[0].passed = false;
  rows[0].note = "组织人事处核查职称证书，非职业资格（张敏）";
  r = check_eligibility(c.app, c.members, c.honours, c.registry, c.as_of, c.settings, rows);
  EXPECT_EQ(r.criteria[1].verdict, Verdict::Fail);
  EXPECT_TRUE(has_reason(r.criteria[1], "经资格核实不通过：组织人事处核查职称证书，非职业资格（张敏）（第四条（一））"));
  EXPECT_EQ(r.summary, "不符合条件（第2项不通过）");
}

TEST(Article4_1_Verification, TeamPlacingSettledByARow) {
  // “获得省级一类竞赛前 3 名……选手”: a team placing under team_placing = expert
  Case c;
  c.honours.clear();
  c.competition("省级一类", 2, "团体");
  std::vector<records::Verification> rows = {finding("2026-01", "第四条（一）", true, "领办人为该团体主力选手（张敏）")};
  auto r = check_eligibility(c.app, c.members, c.honours, c.registry, c.as_of, c.settings, rows);
  EXPECT_EQ(r.criteria[0].verdict, Verdict::Pass);
  EXPECT_TRUE(r.eligible);
  // A row for another application's id is not this one's.
  rows[0].application_id = "2026-02";
  r = check_eligibility(c.app, c.members, c.honours, c.registry, c.as_of, c.settings, rows);
  EXPECT_EQ(r.criteria[0].verdict, Verdict::Verify);
}

TEST(Article4_1_Verification, RowWithNothingToSettleIsAWarning) {
  // SPEC §2: a 资格核实 row for an application or clause with nothing 待核实 is a warning
  Case c;
  c.members.pop_back();
  c.member("刘洋", "主管技师");
  std::vector<records::Verification> rows = {finding("2026-01", "第三条", true, "无"),
                                             finding("2026-01", "第四条（一）", true, "持证（张敏）")};
  rows[0].clause_where = {"input/2026/reviews.xlsx", "资格核实", 2, 2};
  auto r = check_eligibility(c.app, c.members, c.honours, c.registry, c.as_of, c.settings, rows);
  Diagnostics d = unused_findings(rows, {r});
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].severity, Severity::Warning);
  EXPECT_EQ(d.items()[0].where.row, 2);
  EXPECT_EQ(d.items()[0].message, "申报“2026-01”在条款“第三条”下没有待核实的事项，此行不起作用（该申报没有待核实的事项）");
}

TEST(Article3_Reapplication, UnknownPreviousCodeIsFlagged) {
  // “聘期满后可重新按照程序进行申报”: a previous term the registry does not know is checked by hand
  Case c;
  c.app.previous_term = "JS202399";
  EXPECT_EQ(c.criterion(9).verdict, Verdict::Verify);
  EXPECT_TRUE(has_reason(c.criterion(9), "上一聘期编号 JS202399 在登记册中找不到对应的工作站编号或申报编号，须经资格核实（第三条）"));
  Case fresh;
  EXPECT_TRUE(has_reason(fresh.criterion(9), "不是在聘技师工作站（首次申报）（第三条）"));
}

TEST(Article4_Eligibility, BatchFollowsInputOrder) {
  // “设立校技师工作站应当具备以下条件”: each application against its own members and honours
  Case c;
  records::YearInput in;
  in.year = 2026;
  in.applications = {c.app, c.app};
  in.applications[1].id = "2026-02";
  in.members = c.members;
  in.honours = c.honours;
  auto all = check_eligibility(in, c.registry, c.as_of, c.settings);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_TRUE(all[0].eligible);
  EXPECT_EQ(all[1].application_id, "2026-02");
  EXPECT_FALSE(all[1].eligible);  // no members, no honours under 2026-02
}

