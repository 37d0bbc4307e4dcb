// 第三条: terms (聘期) and the status of a station on a given day.
#include "rules/rules.h"

namespace tws::rules {
using namespace std::chrono;

// 第三条 聘期为 2 年. The term holds `years` whole years: 2026-07-01 → 2028-06-30.
// A start of 29 February has no anniversary in a common year; sys_days carries the
// invalid 02-29 over to 03-01, so the term ends on 28 February.
Date term_end(Date start, int n) {
  Date anniversary{start.year() + std::chrono::years{n}, start.month(), start.day()};
  return Date{sys_days(anniversary) - days(1)};
}

// 第三条、第七条
StationStatus status_on(const Station& s, Date d) {
  if (s.revoked_on && sys_days(*s.revoked_on) <= sys_days(d)) return StationStatus::Revoked;
  if (sys_days(d) > sys_days(s.term_end)) return StationStatus::Expired;
  return StationStatus::Active;
}

// 第三条: a term starting in year Y is assessed for Y … Y + term_years − 1.
bool in_term_years(const Station& s, int year) {
  return year >= s.first_year && year < s.first_year + s.term_years;
}

// 第八条 资助期为 2 年: funded for Y … Y + funding_years − 1.
bool in_funding_period(const Station& s, int year) {
  return year >= s.first_year && year < s.first_year + s.funding_years;
}

Registry refresh_status(Registry r, Date d) {
  for (auto& s : r.stations) s.status = status_on(s, d);
  return r;
}

}  // namespace tws::rules
