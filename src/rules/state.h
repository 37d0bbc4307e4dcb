// The registry state the rules read and produce: stations with their terms, yearly
// assessment results and funding lines. Plain values only (strings, numbers, dates,
// vectors) so the registry layer can persist them in SQLite column by column.
//
// Invariants the rules keep (and the registry should check on load):
//  1. Station::code is unique; codes are never reused (rules::approve).
//  2. term_end = term_start + term_years years − 1 day (rules::term_end, 第三条).
//  3. Assessment and funding years of a station lie in
//     [first_year, first_year + term_years − 1] and
//     [first_year, first_year + funding_years − 1] respectively (第三条, 第八条).
//  4. At most one AssessmentResult per (station_code, year) (rules::apply_assessment).
//  5. A station with revoked_on set is 已撤销 from that day on and is never assessed or
//     funded again (第七条); rules::status_on derives 在聘/聘期届满 from the dates.
#pragma once
#include <unordered_map>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "calendar/work_calendar.h"

namespace tws::rules {

// 第三条: a station is 在聘 within its term, 聘期届满 after it, 已撤销 after 第七条.
enum class StationStatus { Active, Expired, Revoked };
// "在聘" | "聘期届满" | "已撤销"
std::string status_label(StationStatus s);

// 第七条 grades.
enum class Grade { Excellent, Pass, Fail };
// "优秀" | "合格" | "不合格"
std::string grade_label(Grade g);

// A member as registered at approval: name and level only. ID numbers stay in the
// application records and never enter the registry's public view.
struct StationMember {
  std::string name;
  std::string level_label;  // Qualification::label, e.g. "二级/技师"
  bool is_leader = false;
};

struct Station {
  std::string code;              // 工作站编号, e.g. JS202601 (rules::station_code)
  std::string application_id;    // 申报编号 of the approved application
  int first_year = 0;            // year of approval = first 考核/资助 year
  std::string name;
  std::string department, occupation;
  std::string leader;
  std::string leader_id_number;  // PRIVATE: for matching re-applications only; never print
  int annual_target = 0;         // 年培养目标 at approval (assessment 人才培养 target)
  Date term_start{}, term_end{};  // 聘期, both days included
  int term_years = 2;            // 第三条 聘期为 2 年
  int funding_years = 2;         // 第八条 资助期为 2 年
  StationStatus status = StationStatus::Active;  // as last refreshed; see status_on
  std::optional<Date> revoked_on;
  std::string revocation_reason;  // e.g. "2026 年度考核不合格"
  std::string previous_code;     // the station's previous term, when re-applied
  std::vector<StationMember> members;  // 入站人员 at approval
};

// One assessed item of the 100-point sheet (SPEC §2).
struct ItemScore {
  std::string group;   // 目标任务完成 | 持续发展能力 | 补助资金管理使用 | 经济社会效益
  std::string name;    // 企业对接, 人才培养, …
  double points = 0;
  double max_points = 0;
  std::string reason;  // e.g. "企业对接：上学期 1 家、下学期 2 家，少 1 家，扣 4 分，得 11 分（第六条（二））"
};

struct AssessmentResult {
  std::string station_code;
  int year = 0;                 // 考核年度
  Date assessed_on{};            // the assessment date given by the caller
  std::vector<ItemScore> items;
  double computed_total = 0;    // sum of item points
  std::optional<double> committee_score;  // 考核委员会评分, when given
  double total = 0;             // the score graded (computed, replaced or blended)
  Grade grade = Grade::Pass;
  std::vector<std::string> reasons;  // every rule that produced the grade, in order
};

struct FundingLine {
  std::string station_code;
  std::string station_name;
  std::string department;
  int year = 0;
  Grade grade = Grade::Pass;
  double amount = 0;  // yuan
  std::string reason;
};

struct Registry {
  std::vector<Station> stations;
  std::vector<AssessmentResult> assessments;
  std::vector<FundingLine> funding;
};

const Station* find_station(const Registry& r, const std::string& code);
const AssessmentResult* find_assessment(const Registry& r, const std::string& code, int year);

// find_station / find_assessment for many lookups (one scan per row would make the
// assessment quadratic). Answers exactly as they do — the first match in registry
// order — for a registry that is not changed while the index is in use.
class RegistryIndex {
 public:
  explicit RegistryIndex(const Registry& r);
  const Station* station(const std::string& code) const;
  const AssessmentResult* assessment(const std::string& code, int year) const;
  // Stations registered for an application, in registry order.
  const std::vector<const Station*>& stations_of_application(const std::string& application_id) const;

 private:
  std::unordered_map<std::string, const Station*> by_code_;
  std::map<std::pair<std::string, int>, const AssessmentResult*> assessments_;
  std::unordered_map<std::string, std::vector<const Station*>> by_application_;
};

}  // namespace tws::rules
