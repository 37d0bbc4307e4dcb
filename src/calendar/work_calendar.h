// Working days on the mainland Chinese calendar: weekends, statutory holidays and
// adjusted working days (调休), for the publicity period of 第五条（三）.
#pragma once
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/errors.h"

namespace tws::calendar {

using Day = tws::Date;  // the name some callers use for a calendar day
using tws::iso;
using tws::parse_iso;

struct Special {
  Date date;
  bool workday = false;  // true: 调休上班; false: 放假
  std::string name;      // 春节, 国庆节, …
};

class WorkCalendar {
 public:
  // Reads every *.csv in `dir` (date,kind,name). Throws tws::InputError naming the
  // file and line of a malformed row or a date listed twice with different kinds.
  static WorkCalendar load(const std::filesystem::path& dir);
  void add(const Special& s);

  // A year counts as covered when its 春节 and 国庆节 holidays are listed.
  bool covers(int year) const;
  std::set<int> covered_years() const;
  // Throws tws::CalendarError (Chinese message) for a day in an uncovered year.
  bool is_workday(Date d) const;
  // The last day of a period that starts on `from` (counted when it is a working
  // day) and holds `workdays` working days.
  Date period_end(Date from, int workdays) const;
  // The first working day strictly after `d`.
  Date next_workday(Date d) const;
  // The year's listed days, in date order.
  std::vector<Special> year_listing(int year) const;

 private:
  std::map<std::chrono::sys_days, Special> special_;
};

}  // namespace tws::calendar
