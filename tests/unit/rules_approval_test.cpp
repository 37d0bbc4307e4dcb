// Publicity (第五条（三）) and approval (第五条（四）, 第三条 term, 第八条 funding period).
// Dates checked by hand against templates/calendar/cn-holidays.csv (2026: 中秋
// 09-25…27 off, 国庆 10-01…07 off, Sun 09-20 and Sat 10-10 调休上班).
#include <gtest/gtest.h>

#include <algorithm>

#include "common/paths.h"
#include "records/values.h"
#include "rules/rules.h"

using namespace tws;
using namespace tws::rules;
using calendar::parse_iso;

namespace {

const calendar::WorkCalendar& cal() {
  static calendar::WorkCalendar c = calendar::WorkCalendar::load(templates_dir() / "calendar");
  return c;
}

PublicityPeriod period(const std::string& start, const std::string& run = "2026-09-01") {
  config::Publicity p;
  p.start_date = start;
  return publicity_period(p, parse_iso(run), cal());
}


}  // namespace

TEST(Article5_3_PublicityPeriod, StartsOnFirstWorkingDayAfterRunDateAcrossMidAutumn) {
  // “在全校范围内予以公示（公示不少于 3 个工作日）”: run Thu 2026-09-24; Fri 09-25 to
  // Sun 09-27 are 中秋 holidays, so the period starts Mon 09-28: 28, 29, 30 → ends 09-30.
  auto p = period("", "2026-09-24");
  EXPECT_EQ(iso(p.start), "2026-09-28");
  EXPECT_EQ(iso(p.end), "2026-09-30");
  EXPECT_EQ(p.reasons.back(), "公示 3 个工作日（不少于 3 个工作日，节假日和调休按国务院安排），2026-09-28 至 2026-09-30（第五条（三））");
}

TEST(Article5_3_PublicityPeriod, SpansTheNationalDayHoliday) {
  // “公示不少于 3 个工作日”: from Tue 09-29: 29, 30, then 10-01…07 off, Thu 10-08 → ends 10-08
  auto p = period("2026-09-29");
  EXPECT_EQ(iso(p.start), "2026-09-29");
  EXPECT_EQ(iso(p.end), "2026-10-08");
}

TEST(Article5_3_PublicityPeriod, StartOnTheMidAutumnFridayCountsFromMonday) {
  // a configured start on a holiday (Fri 2026-09-25, 中秋) counts from the next working day: 28, 29, 30
  auto p = period("2026-09-25");
  EXPECT_EQ(iso(p.start), "2026-09-25");
  EXPECT_EQ(iso(p.end), "2026-09-30");
  EXPECT_EQ(p.reasons[1], "2026-09-25 不是工作日，自其后第一个工作日起计算工作日（第五条（三））");
}

TEST(Article5_3_PublicityPeriod, AdjustedWeekendDaysCountAsWorkingDays) {
  // “3 个工作日”: Sat 2026-10-10 is 调休上班 — Thu 10-08, Fri 10-09, Sat 10-10 → ends 10-10
  EXPECT_EQ(iso(period("2026-10-08").end), "2026-10-10");
  // Sun 2026-09-20 is 调休上班 — Fri 09-18, (Sat 09-19 off), Sun 09-20, Mon 09-21 → ends 09-21
  EXPECT_EQ(iso(period("2026-09-18").end), "2026-09-21");
}

TEST(Article5_3_PublicityPeriod, UncoveredYearIsARulesError) {
  // the calendar has no 2027 arrangement yet: no guessing
  EXPECT_THROW(period("2027-03-01"), RulesError);
  try {  // Thu 2026-12-31 is the first working day; the 2nd would be in 2027
    period("", "2026-12-30");
    FAIL();
  } catch (const RulesError& e) {
    EXPECT_NE(std::string(e.what()).find("无法确定公示期：节假日日历未覆盖 2027 年"), std::string::npos) << e.what();
  }
  EXPECT_THROW(period("2026-13-01"), RulesError);
}

TEST(Article5_3_PublicityPeriod, EndedOnlyAfterTheLastDay) {
  // 第五条（四）“公示结束将建议名单报学校研究确定”: the last day still belongs to the publicity
  auto p = period("2026-09-28");  // ends 09-30
  EXPECT_FALSE(publicity_ended(p, parse_iso("2026-09-30")));
  EXPECT_TRUE(publicity_ended(p, parse_iso("2026-10-01")));
}

// ── 第五条（四）approval ──────────────────────────────────────────────────────

namespace {

struct Approval {
  records::YearInput in;
  SelectionResult selection;
  std::vector<EligibilityResult> eligibility;
  Registry registry;
  config::Funding funding;
  PublicityPeriod publicity = period("2026-09-28");  // 09-28 … 09-30

  Approval() { in.year = 2026; }
  void candidate(const std::string& id, bool recommended = true) {
    records::Application a;
    a.id = id;
    a.name = "工作站" + id;
    a.department = "机电工程系";
    a.occupation = "钳工";
    a.leader = "领办人" + id;
    a.leader_id_number = "370102198001011234";
    a.leader_level = records::parse_qualification("高级技师").value.value();
    a.annual_target = 12;
    in.applications.push_back(a);
    records::Member m;
    m.application_id = id;
    m.name = "成员" + id;
    m.id_number = "370102199001011111";
    m.level = records::parse_qualification("技师").value.value();
    in.members.push_back(m);
    Candidate c;
    c.application_id = id;
    c.eligible = true;
    c.recommended = recommended;
    selection.candidates.push_back(c);
    EligibilityResult e;
    e.application_id = id;
    e.eligible = true;
    eligibility.push_back(e);
  }
  void objection(const std::string& id, bool upheld, const std::string& reason) {
    records::Objection o;
    o.application_id = id;
    o.upheld = upheld;
    o.reason = reason;
    o.where = {"objections.xlsx", "公示异议", static_cast<int>(in.objections.size()) + 2};
    in.objections.push_back(o);
  }
  ApprovalResult run(const std::string& date = "2026-10-09") const {
    return approve(selection, eligibility, in, registry, publicity, parse_iso(date), funding);
  }
};

const ApprovalDecision& decision(const ApprovalResult& r, const std::string& id) {
  auto it = std::find_if(r.decisions.begin(), r.decisions.end(), [&](auto& d) { return d.application_id == id; });
  EXPECT_NE(it, r.decisions.end());
  return *it;
}

}  // namespace

TEST(Article5_4_Approval, UpheldObjectionDropsCandidateRejectedOneDoesNot) {
  // “公示结束将建议名单报学校研究确定后发文公布”: an objection found true (成立) removes the candidate
  Approval a;
  a.candidate("2026-01");
  a.candidate("2026-02");
  a.candidate("2026-03");
  a.candidate("2026-04", false);
  a.objection("2026-02", true, "入站人员证书存疑");
  a.objection("2026-03", false, "场地面积不实");
  auto r = a.run();
  EXPECT_FALSE(r.diags.has_errors());
  ASSERT_EQ(r.stations.size(), 2u);
  EXPECT_EQ(r.stations[0].application_id, "2026-01");
  EXPECT_EQ(r.stations[0].code, "JS202601");
  EXPECT_EQ(r.stations[1].application_id, "2026-03");
  EXPECT_EQ(r.stations[1].code, "JS202602");  // codes follow the list after the drop
  ASSERT_EQ(r.decisions.size(), 3u);          // the unrecommended 2026-04 gets none
  auto& dropped = decision(r, "2026-02");
  EXPECT_FALSE(dropped.approved);
  EXPECT_EQ(dropped.reasons[0], "公示异议“入站人员证书存疑”经核查成立，不予认定（第五条（三）、（四））");
  auto& kept = decision(r, "2026-03");
  EXPECT_TRUE(kept.approved);
  EXPECT_EQ(kept.reasons[0], "公示异议“场地面积不实”经核查不成立，维持建议（第五条（三）、（四））");
}

TEST(Article5_4_Approval, StationGetsTermFundingPeriodAndMembers) {
  // 第三条 “聘期为 2 年”; 第八条 “技师工作站资助期为 2 年”
  Approval a;
  a.candidate("2026-01");
  auto r = a.run("2026-10-09");
  ASSERT_EQ(r.stations.size(), 1u);
  const Station& s = r.stations[0];
  EXPECT_EQ(iso(s.term_start), "2026-10-09");
  EXPECT_EQ(iso(s.term_end), "2028-10-08");  // two whole years
  EXPECT_EQ(s.first_year, 2026);
  EXPECT_EQ(s.funding_years, 2);
  EXPECT_EQ(s.annual_target, 12);
  EXPECT_EQ(s.status, StationStatus::Active);
  ASSERT_EQ(s.members.size(), 2u);  // the leader (from 申报汇总) first, then the member
  EXPECT_EQ(s.members[0].name, "领办人2026-01");
  EXPECT_TRUE(s.members[0].is_leader);
  EXPECT_EQ(s.members[0].level_label, "一级/高级技师");
  EXPECT_EQ(s.members[1].level_label, "二级/技师");
  auto& d = decision(r, "2026-01");
  EXPECT_EQ(d.reasons[1], "聘期2年，2026年10月9日至2028年10月8日（第三条）");
  EXPECT_EQ(d.reasons[2], "资助期2年，2026–2027年度（第八条）");
}

TEST(Article5_4_Approval, NotBeforeThePublicityPeriodEnds) {
  // “公示结束将建议名单报学校研究确定”: publicity ends 09-30, approval on 09-30 is too early
  Approval a;
  a.candidate("2026-01");
  auto r = a.run("2026-09-30");
  EXPECT_TRUE(r.diags.has_errors());
  EXPECT_TRUE(r.stations.empty());
  EXPECT_FALSE(a.run("2026-10-01").diags.has_errors());
}

TEST(Article5_4_Approval, CodesContinueTheYearsSequenceAndRerunIsStable) {
  // “报学校研究确定后发文公布”: each station gets one code, never reused, stable across re-runs
  Approval a;
  a.candidate("2026-01");
  a.candidate("2026-02");
  Station earlier;
  earlier.code = "JS202601";
  earlier.application_id = "2026-01";
  earlier.first_year = 2026;
  a.registry.stations.push_back(earlier);
  auto r = a.run();
  ASSERT_EQ(r.stations.size(), 1u);  // 2026-01 is already registered and keeps JS202601
  EXPECT_EQ(decision(r, "2026-01").station_code, "JS202601");
  EXPECT_EQ(r.stations[0].code, "JS202602");
  Registry next = apply_approval(a.registry, r);
  EXPECT_EQ(next.stations.size(), 2u);
  EXPECT_EQ(apply_approval(next, r).stations.size(), 2u);  // applying twice adds nothing
  EXPECT_EQ(station_code(2026, 7), "JS202607");
  EXPECT_EQ(station_code(2026, 123), "JS2026123");
}

TEST(Article5_4_Approval, ReapplicationLinksThePreviousTerm) {
  // 第三条 “聘期满后可重新按照程序进行申报”
  Approval a;
  a.candidate("2026-01");
  a.eligibility[0].previous_code = "JS202401";
  auto r = a.run();
  ASSERT_EQ(r.stations.size(), 1u);
  EXPECT_EQ(r.stations[0].previous_code, "JS202401");
  EXPECT_EQ(decision(r, "2026-01").reasons.back(), "上一聘期为 JS202401（第三条）");
}

TEST(Article5_4_Approval, ObjectionAgainstUnlistedApplicationIsAWarning) {
  // “在全校范围内予以公示”: only the 建议名单 is published, so only it can be objected to
  Approval a;
  a.candidate("2026-01");
  a.candidate("2026-02", false);
  a.objection("2026-02", true, "不实");
  auto r = a.run();
  EXPECT_FALSE(r.diags.has_errors());
  EXPECT_EQ(r.diags.warning_count(), 1u);
  EXPECT_EQ(r.stations.size(), 1u);
}

// 第五条（四）“公示结束后，建议名单报学校研究确定”: the decision's day, recorded by HR, is a
// working day after the publicity period (2026-05-25 … 2026-05-27).
TEST(Article5_4_SchoolDecision, AWorkingDayAfterThePublicityPeriod) {
  const PublicityPeriod p = period("2026-05-25", "2026-05-20");
  ASSERT_EQ(iso(p.end), "2026-05-27");
  EXPECT_EQ(decision_day_problem(parse_iso("2026-05-28"), p, cal()), "");
  EXPECT_EQ(decision_day_problem(parse_iso("2026-06-22"), p, cal()), "");
  // Inside or before the period.
  EXPECT_NE(decision_day_problem(parse_iso("2026-05-27"), p, cal()).find("须在公示结束之后（第五条（四））"), std::string::npos);
  EXPECT_NE(decision_day_problem(parse_iso("2026-05-25"), p, cal()), "");
  EXPECT_NE(decision_day_problem(parse_iso("2026-05-12"), p, cal()), "");
  // A weekend and the 端午节 holiday are days off; an adjusted (调休) Sunday is a working day.
  EXPECT_NE(decision_day_problem(parse_iso("2026-05-30"), p, cal()).find("是休息日"), std::string::npos);
  EXPECT_NE(decision_day_problem(parse_iso("2026-06-19"), p, cal()).find("是休息日"), std::string::npos);
  EXPECT_EQ(decision_day_problem(parse_iso("2026-09-20"), p, cal()), "");
  EXPECT_THROW(decision_day_problem(parse_iso("2027-06-01"), p, cal()), RulesError);
}

TEST(Article5_4_SchoolDecision, TheAssessmentDecisionFollowsTheApproval) {
  const auto approved = std::optional<Date>(parse_iso("2026-05-28"));
  EXPECT_EQ(assessment_day_problem(parse_iso("2026-12-30"), approved, cal()), "");
  EXPECT_NE(assessment_day_problem(parse_iso("2026-05-27"), approved, cal()).find("早于本年度的认定日期 2026-05-28"),
            std::string::npos);
  EXPECT_NE(assessment_day_problem(parse_iso("2026-10-01"), approved, cal()).find("是休息日"), std::string::npos);
  EXPECT_EQ(assessment_day_problem(parse_iso("2026-03-02"), std::nullopt, cal()), "");
}
