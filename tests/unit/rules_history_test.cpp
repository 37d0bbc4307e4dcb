// rules::state_before: the registry as it stood before a phase of a year, so that a
// corrected phase (--reissue) decides from the same state as its first run did.
#include <gtest/gtest.h>

#include "rules/rules.h"

using namespace tws;
using namespace tws::rules;
using calendar::parse_iso;

namespace {

Station station(const std::string& code, int first_year) {
  Station s;
  s.code = code;
  s.application_id = std::to_string(first_year) + "-" + code.substr(code.size() - 2);
  s.first_year = first_year;
  s.name = "站" + code;
  s.term_start = make_date(first_year, 6, 3);
  s.term_end = term_end(s.term_start, 2);
  s.members = {{"甲", "一级/高级技师", true}};
  return s;
}

AssessmentResult result(const std::string& code, int year, Grade g) {
  AssessmentResult a;
  a.station_code = code;
  a.year = year;
  a.assessed_on = make_date(year, 12, 31);
  a.grade = g;
  return a;
}

FundingLine line(const std::string& code, int year) { return {code, "站" + code, "机电系", year, Grade::Pass, 20000, ""}; }

std::vector<std::string> codes(const Registry& r) {
  std::vector<std::string> out;
  for (auto& s : r.stations) out.push_back(s.code);
  return out;
}
std::vector<std::string> years(const Registry& r) {
  std::vector<std::string> out;
  for (auto& a : r.assessments) out.push_back(a.station_code + "/" + std::to_string(a.year));
  for (auto& f : r.funding) out.push_back("￥" + f.station_code + "/" + std::to_string(f.year));
  return out;
}

// 2024: JS202401 approved; 2024 assessed 合格 and funded. 2025: JS202501 approved,
// JS202401 assessed 不合格 on 2025-12-31 and revoked (第七条).
Registry history() {
  Registry r;
  r = apply_approval(std::move(r), ApprovalResult{{station("JS202401", 2024)}, {}, {}});
  AssessmentOutcome o2024{{result("JS202401", 2024, Grade::Pass)}, {}, {}};
  r = apply_assessment(std::move(r), o2024);
  r = apply_funding(std::move(r), FundingPlan{2024, {line("JS202401", 2024)}, {}, {}, 20000});
  r = apply_approval(std::move(r), ApprovalResult{{station("JS202501", 2025)}, {}, {}});
  AssessmentOutcome o2025{{result("JS202401", 2025, Grade::Fail), result("JS202501", 2025, Grade::Pass)},
                          {{"JS202401", make_date(2025, 12, 31), "2025 年度考核不合格"}},
                          {}};
  r = apply_assessment(std::move(r), o2025);
  r = apply_funding(std::move(r), FundingPlan{2025, {line("JS202501", 2025)}, {}, {}, 20000});
  return r;
}

}  // namespace

TEST(Reissue_StateBefore, SelectAndApproveOfAYearDropItsOwnStationsAndLaterResults) {
  // 第五条（四）: the year's own stations must not count against its applications (第三条 criterion 9).
  const Registry before = state_before(history(), 2025, Phase::Approve);
  EXPECT_EQ(codes(before), std::vector<std::string>{"JS202401"});
  EXPECT_EQ(years(before), (std::vector<std::string>{"JS202401/2024", "￥JS202401/2024"}));
  EXPECT_EQ(codes(state_before(history(), 2025, Phase::Select)), codes(before));
  EXPECT_TRUE(state_before(history(), 2024, Phase::Select).stations.empty());
}

TEST(Reissue_StateBefore, RevocationByALaterAssessmentIsLifted) {
  // 第七条: the 不合格 of 2025 revoked JS202401 on 2025-12-31; before 2025 it was 在聘.
  Registry now = history();
  ASSERT_TRUE(find_station(now, "JS202401")->revoked_on.has_value());
  const Registry before = state_before(now, 2025, Phase::Assess);
  const Station* s = find_station(before, "JS202401");
  ASSERT_NE(s, nullptr);
  EXPECT_FALSE(s->revoked_on.has_value());
  EXPECT_TRUE(s->revocation_reason.empty());
  EXPECT_EQ(s->status, StationStatus::Active);
}

TEST(Reissue_StateBefore, AssessOfAYearKeepsItsStationsAndUndoesExactlyItsResults) {
  // 第六条、第八条: assessing 2025 again starts from the state after 2025's approval.
  const Registry before = state_before(history(), 2025, Phase::Assess);
  EXPECT_EQ(codes(before), (std::vector<std::string>{"JS202401", "JS202501"}));
  EXPECT_EQ(years(before), (std::vector<std::string>{"JS202401/2024", "￥JS202401/2024"}));
  ASSERT_EQ(find_station(before, "JS202501")->members.size(), 1u);
}

TEST(Reissue_StateBefore, RevocationOfAnEarlierYearStays) {
  // A revocation made by the 2024 assessment is history for 2025's phases.
  Registry r;
  r = apply_approval(std::move(r), ApprovalResult{{station("JS202401", 2024)}, {}, {}});
  AssessmentOutcome o{{result("JS202401", 2024, Grade::Fail)}, {{"JS202401", make_date(2024, 12, 31), "2024 年度考核不合格"}}, {}};
  r = apply_assessment(std::move(r), o);
  const Registry before = state_before(r, 2025, Phase::Select);
  ASSERT_TRUE(find_station(before, "JS202401")->revoked_on.has_value());
  EXPECT_EQ(years(before), std::vector<std::string>{"JS202401/2024"});
}
