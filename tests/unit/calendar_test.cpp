// 第五条（三）“公示不少于 3 个工作日”: working days on the Chinese calendar with 调休.
// Expected dates checked by hand against templates/calendar/cn-holidays.csv.
#include <gtest/gtest.h>

#include "calendar/work_calendar.h"
#include "common/paths.h"

using namespace tws::calendar;

namespace {
const WorkCalendar& cal() {
  static WorkCalendar c = WorkCalendar::load(tws::templates_dir() / "calendar");
  return c;
}
std::string end(const char* from, int n) { return iso(cal().period_end(parse_iso(from), n)); }
}  // namespace

TEST(Article5_3_Publicity, ThreeWorkingDaysSkipLabourDayHoliday) {
  EXPECT_EQ(end("2026-04-30", 3), "2026-05-07");  // Thu, then 5/1–5/5 off
}

TEST(Article5_3_Publicity, NationalDayHolidaySkipped) {
  EXPECT_EQ(end("2026-09-30", 3), "2026-10-09");
}

TEST(Article5_3_Publicity, AdjustedSaturdayCountsAsWorkingDay) {
  EXPECT_EQ(end("2026-05-08", 3), "2026-05-11");  // Sat 5/9 is 调休上班
}

TEST(Article5_3_Publicity, StartOnHolidayCountsFromNextWorkingDay) {
  EXPECT_EQ(end("2024-04-04", 3), "2024-04-09");  // Sun 4/7 is 调休上班
}

TEST(Article5_3_Publicity, OrdinaryWeekendSkipped) {
  EXPECT_EQ(end("2025-03-14", 3), "2025-03-18");  // Fri, Mon, Tue
  EXPECT_EQ(end("2025-03-12", 1), "2025-03-12");
}

TEST(Calendar, UncoveredYearIsAnErrorNotAGuess) {
  EXPECT_FALSE(cal().covers(2027));
  EXPECT_TRUE(cal().covers(2019));
  EXPECT_TRUE(cal().covers(2026));
  EXPECT_FALSE(cal().covers(2018));  // only late-December rows of the 2019 notice
  EXPECT_THROW(cal().period_end(parse_iso("2026-12-30"), 3), tws::CalendarError);
  EXPECT_THROW(cal().is_workday(parse_iso("2027-03-01")), tws::CalendarError);
}

TEST(Calendar, NextWorkdayHonoursAdjustedDays) {
  EXPECT_EQ(iso(cal().next_workday(parse_iso("2026-02-13"))), "2026-02-14");
  EXPECT_EQ(iso(cal().next_workday(parse_iso("2026-02-14"))), "2026-02-24");
}

TEST(Calendar, YearListing) {
  auto y = cal().year_listing(2026);
  EXPECT_EQ(y.size(), 39u);  // 33 holiday + 6 workday rows (data/README.md)
  EXPECT_THROW(parse_iso("2026-13-01"), std::invalid_argument);
}
