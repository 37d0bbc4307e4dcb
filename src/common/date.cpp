#include "common/date.h"

#include <cstdio>
#include <regex>
#include <stdexcept>

namespace tws {

std::string iso(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

Date parse_iso(const std::string& text) {
  static const std::regex re(R"((\d{4})-(\d{2})-(\d{2}))");
  std::smatch m;
  if (std::regex_match(text, m, re)) {
    Date d = make_date(std::stoi(m[1]), unsigned(std::stoul(m[2])), unsigned(std::stoul(m[3])));
    if (d.ok()) return d;
  }
  throw std::invalid_argument("日期“" + text + "”无效，应为 YYYY-MM-DD");
}

std::string chinese_date(Date d) {
  return std::to_string(static_cast<int>(d.year())) + "年" + std::to_string(static_cast<unsigned>(d.month())) +
         "月" + std::to_string(static_cast<unsigned>(d.day())) + "日";
}

}  // namespace tws
