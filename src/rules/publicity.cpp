// Publicity (第五条（三）): the period on the working-day calendar with 调休.
#include <stdexcept>

#include "rules/detail.h"
#include "rules/rules.h"

namespace tws::rules {
using namespace std::chrono;

// 第五条（三）在全校范围内予以公示（公示不少于 3 个工作日）
PublicityPeriod publicity_period(const config::Publicity& p, Date run_date, const calendar::WorkCalendar& cal) {
  PublicityPeriod r;
  r.workdays = p.workdays;
  try {
    if (!p.start_date.empty()) {
      r.start = parse_iso(p.start_date);
      r.reasons.push_back("公示自设置的 " + iso(r.start) + " 开始（第五条（三））");
      if (!cal.is_workday(r.start))
        r.reasons.push_back(iso(r.start) + " 不是工作日，自其后第一个工作日起计算工作日（第五条（三））");
    } else {
      r.start = cal.next_workday(run_date);
      r.reasons.push_back("公示自运行日 " + iso(run_date) + " 之后的第一个工作日 " + iso(r.start) +
                          " 开始（第五条（三））");
    }
    r.end = cal.period_end(r.start, p.workdays);
  } catch (const CalendarError& e) {  // calendar year not covered
    throw RulesError(std::string("无法确定公示期：") + e.what());
  } catch (const std::invalid_argument& e) {  // bad start date or workdays
    throw RulesError(std::string("无法确定公示期：") + e.what());
  }
  r.reasons.push_back("公示 " + std::to_string(p.workdays) + " 个工作日（不少于 3 个工作日，节假日和调休按国务院安排），" +
                      iso(r.start) + " 至 " + iso(r.end) + "（第五条（三））");
  return r;
}

bool publicity_ended(const PublicityPeriod& p, Date d) { return sys_days(d) > sys_days(p.end); }

}  // namespace tws::rules
