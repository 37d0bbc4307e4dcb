#include "calendar/work_calendar.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <regex>
#include <stdexcept>

#include "common/diagnostic.h"
#include "common/errors.h"

namespace tws::calendar {
namespace fs = std::filesystem;
using namespace std::chrono;

WorkCalendar WorkCalendar::load(const fs::path& dir) {
  WorkCalendar cal;
  std::vector<fs::path> files;
  if (fs::is_directory(dir))
    for (auto& e : fs::directory_iterator(dir))
      if (e.path().extension() == ".csv") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  if (files.empty()) throw InputError({dir.string()}, "没有节假日日历文件（*.csv）");
  for (auto& f : files) {
    std::ifstream in(f);
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty() || line.rfind("date,", 0) == 0 || line[0] == '#') continue;
      static const std::regex row(R"((\d{4}-\d{2}-\d{2}),(holiday|workday),(.*))");
      std::smatch m;
      Location where{f.string(), "", n};
      if (!std::regex_match(line, m, row)) throw InputError(where, "日历行格式应为 date,holiday|workday,name");
      Special s;
      try {
        s.date = parse_iso(m[1]);
      } catch (const std::invalid_argument& e) {
        throw InputError(where, e.what());
      }
      s.workday = m[2] == "workday";
      s.name = m[3];
      auto it = cal.special_.find(sys_days(s.date));
      if (it != cal.special_.end() && it->second.workday != s.workday)
        throw InputError(where, m[1].str() + " 既列为放假又列为上班");
      cal.add(s);
    }
  }
  return cal;
}

void WorkCalendar::add(const Special& s) { special_[sys_days(s.date)] = s; }

bool WorkCalendar::covers(int y) const {
  bool spring = false, national = false;
  auto from = special_.lower_bound(sys_days(year(y) / January / 1));
  auto to = special_.lower_bound(sys_days(year(y + 1) / January / 1));
  for (auto it = from; it != to; ++it) {
    if (it->second.workday) continue;
    spring |= it->second.name == "春节";
    national |= it->second.name.find("国庆") != std::string::npos;
  }
  return spring && national;
}

std::set<int> WorkCalendar::covered_years() const {
  std::set<int> years;
  for (auto& [d, s] : special_)
    if (covers(static_cast<int>(s.date.year()))) years.insert(static_cast<int>(s.date.year()));
  return years;
}

bool WorkCalendar::is_workday(Date d) const {
  int y = static_cast<int>(d.year());
  if (!covers(y)) {
    std::string years;
    for (int c : covered_years()) years += (years.empty() ? "" : "、") + std::to_string(c);
    throw CalendarError("节假日日历未覆盖 " + std::to_string(y) + " 年（" + iso(d) +
                            "）；已覆盖：" + years + "。请按国务院办公厅通知在 templates/calendar/ 中补充该年安排");
  }
  auto it = special_.find(sys_days(d));
  if (it != special_.end()) return it->second.workday;
  weekday wd{sys_days(d)};
  return wd != Saturday && wd != Sunday;
}

Date WorkCalendar::period_end(Date from, int workdays) const {
  if (workdays < 1) throw std::invalid_argument("工作日数应至少为 1");
  sys_days d = sys_days(from);
  int counted = 0;
  for (;; d += days(1)) {
    if (is_workday(Date(d)) && ++counted == workdays) return Date(d);
  }
}

Date WorkCalendar::next_workday(Date from) const {
  sys_days d = sys_days(from) + days(1);
  while (!is_workday(Date(d))) d += days(1);
  return Date(d);
}

std::vector<Special> WorkCalendar::year_listing(int y) const {
  std::vector<Special> out;
  auto from = special_.lower_bound(sys_days(year(y) / January / 1));
  auto to = special_.lower_bound(sys_days(year(y + 1) / January / 1));
  for (auto it = from; it != to; ++it) out.push_back(it->second);
  return out;
}

}  // namespace tws::calendar
