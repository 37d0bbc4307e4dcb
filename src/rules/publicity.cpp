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

namespace {

// "" on a working day, else why not.
std::string day_off(Date d, const calendar::WorkCalendar& cal) {
  try {
    return cal.is_workday(d) ? "" : "是休息日（周末或法定节假日），学校研究决定的日期应为工作日";
  } catch (const CalendarError& e) {
    throw RulesError(std::string("无法核对学校研究决定的日期：") + e.what());
  }
}

}  // namespace

// 第五条（四）公示结束后，建议名单报学校研究确定
std::string decision_day_problem(Date decided, const PublicityPeriod& pub, const calendar::WorkCalendar& cal) {
  if (!publicity_ended(pub, decided))
    return "不在公示期（" + iso(pub.start) + " 至 " + iso(pub.end) +
           "）之后；学校研究确定须在公示结束之后（第五条（四））";
  return day_off(decided, cal);
}

std::string assessment_day_problem(Date decided, std::optional<Date> approved, const calendar::WorkCalendar& cal) {
  if (approved && sys_days(decided) < sys_days(*approved))
    return "早于本年度的认定日期 " + iso(*approved) + "；年度考核在认定之后进行";
  return day_off(decided, cal);
}

}  // namespace tws::rules
