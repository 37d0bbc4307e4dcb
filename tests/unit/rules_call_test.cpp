// The call for applications (第五条（一）): the windows the 启动申报通知 announces, counted
// in working days on templates/calendar/cn-holidays.csv. Checked by hand: 2026 清明
// 04-04…06 off; 劳动节 05-01…05 off, Sat 05-09 调休上班.
#include <gtest/gtest.h>

#include "common/paths.h"
#include "rules/rules.h"

using namespace tws;
using namespace tws::rules;

namespace {
const calendar::WorkCalendar& cal() {
  static calendar::WorkCalendar c = calendar::WorkCalendar::load(templates_dir() / "calendar");
  return c;
}
}  // namespace

TEST(Rules_Article5_1_Call, WindowsFollowOneAnotherOnWorkingDays) {
  config::Call c;  // 15, 5, 5 working days
  CallSchedule s = call_schedule(parse_iso("2026-04-01"), c, 3, cal());
  EXPECT_EQ(iso(s.apply_end), "2026-04-23");  // 15 working days from 04-02, 清明 skipped
  EXPECT_EQ(iso(s.review_start), "2026-04-24");
  EXPECT_EQ(iso(s.review_end), "2026-04-30");
  EXPECT_EQ(iso(s.expert_start), "2026-05-06");  // after 劳动节
  EXPECT_EQ(iso(s.expert_end), "2026-05-11");    // Sat 05-09 is a working day
  EXPECT_EQ(iso(s.publicity_start), "2026-05-12");
  EXPECT_EQ(iso(s.publicity_end), "2026-05-14");
}

TEST(Rules_Article5_1_Call, TheDayBelongsToItsYearAndAprilIsNamed) {
  EXPECT_EQ(call_day_problem(parse_iso("2026-04-01"), 2026), "");
  EXPECT_NE(call_day_problem(parse_iso("2025-04-01"), 2026).find("不在 2026 年内"), std::string::npos);
  EXPECT_EQ(call_day_note(parse_iso("2026-04-30")), "");
  EXPECT_NE(call_day_note(parse_iso("2026-05-06")).find("第五条（一）规定学校每年4月份启动"), std::string::npos);
}

TEST(Rules_Article5_1_Call, AYearTheCalendarDoesNotCoverIsARulesError) {
  config::Call c;
  EXPECT_THROW(call_schedule(parse_iso("2031-04-01"), c, 3, cal()), RulesError);
}
