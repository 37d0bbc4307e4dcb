// The call for applications (第五条（一）): the windows of the year's selection on the
// working-day calendar, as the 启动申报通知 announces them.
#include "rules/rules.h"

namespace tws::rules {

// 第五条（一）学校每年4月份启动我校“技师工作站”申报工作
CallSchedule call_schedule(Date issued, const config::Call& c, int publicity_workdays,
                           const calendar::WorkCalendar& cal) {
  CallSchedule s;
  s.issued = issued;
  try {
    // A window of n working days starting on the first working day after `after`.
    auto window = [&](Date after, int n, Date& start, Date& end) {
      start = cal.next_workday(after);
      end = cal.period_end(start, n);
    };
    Date apply_start{};
    window(issued, c.apply_workdays, apply_start, s.apply_end);
    window(s.apply_end, c.review_workdays, s.review_start, s.review_end);
    window(s.review_end, c.expert_workdays, s.expert_start, s.expert_end);
    window(s.expert_end, publicity_workdays, s.publicity_start, s.publicity_end);
  } catch (const CalendarError& e) {
    throw RulesError(std::string("无法排定申报日程：") + e.what());
  }
  return s;
}

std::string call_day_problem(Date issued, int year) {
  if (int(issued.year()) != year)
    return "不在 " + std::to_string(year) + " 年内；启动申报通知属于它所在的年度";
  return "";
}

std::string call_day_note(Date issued) {
  if (unsigned(issued.month()) == 4) return "";
  return "启动申报日期 " + iso(issued) + " 不在4月；管理办法第五条（一）规定学校每年4月份启动申报工作";
}

}  // namespace tws::rules
