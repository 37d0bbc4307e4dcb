// A calendar day: the one date type of tws (config, records, rules, registry, documents,
// workbooks). A spreadsheet serial number exists only inside ingest.
#pragma once
#include <chrono>
#include <string>

namespace tws {

using Date = std::chrono::year_month_day;

inline Date make_date(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}
// 2024-05-23
std::string iso(Date d);
// Parses YYYY-MM-DD; throws std::invalid_argument with a Chinese message.
Date parse_iso(const std::string& text);
// 2024年5月23日, as dates are written in documents.
std::string chinese_date(Date d);

}  // namespace tws
