// The regulation (德职院政发〔2022〕42号) as pure functions: no I/O, no clock, no
// globals. Inputs are validated records (records.h), settings (settings.h) and the
// registry state (state.h); outputs are decisions that carry their reasons in
// Chinese, each reason citing the article it applies (“……（第四条（一））”).
//
// The yearly pipeline, one function per phase (SPEC §1):
//   check_eligibility → select → publicity_period → approve (+ apply_approval)
//   → assess (+ apply_assessment) → plan_funding (+ apply_funding)
// The apply_* functions take a registry by value and return the next one, so a
// caller can write outputs first and persist the new state only when all went well.
#pragma once
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "calendar/work_calendar.h"
#include "common/diagnostic.h"
#include "config/settings.h"
#include "records/records.h"
#include "rules/state.h"
#include "common/errors.h"

namespace tws::rules {

/// A rule that cannot be applied at all: a date outside the holiday calendar, a
/// setting with an unknown value, an amount too large to write in 大写. what() is
/// plain Chinese for the user.
using tws::RulesError;

// ───────────────────────── Eligibility (第二条, 第三条, 第四条, 第五条（二）) ──

// 通过; 不通过; 提示: a soft norm not met (第四条（三）“一般”), shown, does not block;
// 待核实: a fact only people can settle, blocks selection until a row of reviews.xlsx's
// 资格核实 sheet settles it (SPEC §2).
enum class Verdict { Pass, Fail, Hint, Verify };
/// "通过" | "不通过" | "提示" | "待核实"
std::string verdict_label(Verdict v);

/// One doubtful fact of a criterion: the clause a 资格核实 row names to settle it
/// (as the 资格审查汇总 prints it, e.g. "第四条（一）") and what is doubtful.
struct Doubt {
  std::string clause;
  std::string what;
};

/// One criterion of SPEC §2's eligibility list (1–9).
struct Criterion {
  int number = 0;
  Verdict verdict = Verdict::Fail;
  std::string title;    // e.g. "高技能领军人才领办"
  std::string article;  // e.g. "第二条、第四条（一）"
  std::vector<std::string> reasons;  // each ends with its article in （）
  std::vector<Doubt> doubts;         // the facts that made it 待核实 (kept once settled)
  std::vector<std::string> findings;  // 资格核实 rows applied: "第四条（一） 不通过（资格核实第 2 行）：说明"
};

struct EligibilityResult {
  std::string application_id;
  std::vector<Criterion> criteria;  // always 9, in SPEC order
  bool eligible = false;            // no criterion 不通过 or 待核实
  int hints = 0;                    // criteria 提示
  std::string previous_code;        // station of the previous term (criterion 9), if any
  // The previous term and its grades year by year (第三条), when the application
  // continues a station: "JS202401（聘期2024年5月23日至2026年5月22日）：2024年度优秀；2025年度优秀".
  std::string previous_term;
  std::vector<std::string> settled;  // clauses a 资格核实 row settled
  std::string summary;              // e.g. "符合条件（第 4 项提示）"
};

/// A criterion still 待核实: the clause to settle and what is doubtful.
struct Pending {
  int criterion = 0;
  std::string clause;
  std::vector<std::string> what;
};
/// The unsettled doubts of one result, one per criterion and clause.
std::vector<Pending> pending(const EligibilityResult& r);

/// 第二条、第三条、第四条、第五条（二）: every criterion for one application.
/// `members` and `honours` may hold the whole year's rows (filtered by 申报编号);
/// `as_of` is the publicity start (criterion 9 compares it with registered terms);
/// `findings` the 资格核实 rows (those of other applications are ignored).
EligibilityResult check_eligibility(const records::Application& app,
                                    const std::vector<records::Member>& members,
                                    const std::vector<records::Honour>& honours,
                                    const Registry& registry, Date as_of,
                                    const config::Eligibility& settings,
                                    const std::vector<records::Verification>& findings = {});
/// Every application of the year, in input order (findings from in.verifications).
std::vector<EligibilityResult> check_eligibility(const records::YearInput& in,
                                                 const Registry& registry, Date as_of,
                                                 const config::Eligibility& settings);
/// Warnings for 资格核实 rows that settle nothing: the application or the clause has
/// no 待核实 item.
Diagnostics unused_findings(const std::vector<records::Verification>& findings,
                            const std::vector<EligibilityResult>& results);
/// Why a 荣誉 row's 级别 (国家级, 省级, 市级) contradicts the level of the 第二条 honour it
/// names (山东省技术能手 is 省级), "" when it does not; HR is warned, nothing is decided by it.
std::string honour_level_conflict(const records::Honour& honour);

// ───────────────────────── Selection (第五条（三）) ──────────────────────────

struct ScoreSummary {
  std::vector<double> scores;  // as given, in review order
  bool trimmed = false;        // one highest and one lowest dropped
  double dropped_high = 0, dropped_low = 0;
  double aggregate = 0;        // 评审得分, rounded to 0.01 (the published number)
  double mean = 0;             // mean of all scores, rounded to 0.01 (tie-break)
  double max = 0;              // highest single score (tie-break)
  std::string reason;          // how the aggregate was formed
};

/// 第五条（三）: drop one highest and one lowest with ≥ drop_extremes_min_experts
/// experts (when drop_extremes), plain mean otherwise. Throws RulesError for no
/// scores; the caller checks min_experts and score ranges (select does).
ScoreSummary aggregate_scores(const std::vector<double>& scores, const config::Selection& s);

struct Candidate {
  std::string application_id;
  bool eligible = false;
  int hints = 0;             // criteria 提示 (tie-break)
  ScoreSummary score;
  int rank = 0;              // 1-based; 0 = not ranked (ineligible or input error)
  bool recommended = false;  // enters the 建议名单
  // After score.reason (how the aggregate was formed, when ranked), which is not repeated
  // here: ties, the threshold and the quota, or why the application was not ranked.
  std::vector<std::string> reasons;
};

struct SelectionResult {
  std::vector<Candidate> candidates;  // ranked ones in rank order, then the others in input order
  Diagnostics diags;                  // input errors (too few experts, score out of range)
};

/// 第五条（三）: aggregate, rank the eligible applications (ties broken by higher
/// aggregate → higher mean of all scores → higher single score → fewer 提示
/// → smaller 申报编号, each tie reported), recommend those ≥ threshold within quota.
SelectionResult select(const std::vector<records::Application>& apps,
                       const std::vector<EligibilityResult>& eligibility,
                       const std::vector<records::Review>& reviews,
                       const config::Selection& s);

// ───────────────────────── Call (第五条（一）) ───────────────────────────────

/// The windows the 启动申报通知 announces, every day included; each window starts on the
/// first working day after the one before ends.
struct CallSchedule {
  Date issued{};                            // the notice's 成文日期
  Date apply_end{};                         // 申报截止: the apply_workdays-th working day after the issue
  Date review_start{}, review_end{};        // 资格审查（第五条（二））
  Date expert_start{}, expert_end{};        // 专家评审（第五条（三））
  Date publicity_start{}, publicity_end{};  // 公示（第五条（三））, [publicity] workdays
};

/// 第五条（一）“学校每年4月份启动”: the schedule from [call] issue_date (`issued`) on the
/// working-day calendar. Throws RulesError for a year the calendar does not cover.
CallSchedule call_schedule(Date issued, const config::Call& c, int publicity_workdays,
                           const calendar::WorkCalendar& cal);
/// What is wrong with `issued` as the call of `year` ("" when nothing): it must lie in
/// that year. A day outside April is allowed (the school may start late) but reported by
/// call_day_note.
std::string call_day_problem(Date issued, int year);
/// "" in April, else a note that 第五条（一） names April.
std::string call_day_note(Date issued);

// ───────────────────────── Publicity (第五条（三）) ──────────────────────────

struct PublicityPeriod {
  Date start{}, end{};  // both days included
  int workdays = 3;
  std::vector<std::string> reasons;
};

/// 第五条（三）“公示不少于 3 个工作日”: start = publicity.start_date, or the first
/// working day after `run_date`; end = the day the workdays-th working day ends.
/// Throws RulesError for a bad start date or a year the calendar does not cover.
PublicityPeriod publicity_period(const config::Publicity& p, Date run_date,
                                 const calendar::WorkCalendar& cal);
/// True from the day after the period's last day.
bool publicity_ended(const PublicityPeriod& p, Date d);

/// 第五条（四）“公示结束后，建议名单报学校研究确定”: what is wrong with `decided` as the day
/// of the school's decision ("" when nothing): it must be a working day after the
/// publicity period. Throws RulesError for a year the calendar does not cover.
std::string decision_day_problem(Date decided, const PublicityPeriod& publicity, const calendar::WorkCalendar& cal);
/// The same for the assessment's decision: a working day, not before the year's
/// approval (`approved`, when known).
std::string assessment_day_problem(Date decided, std::optional<Date> approved, const calendar::WorkCalendar& cal);

// ───────────────────────── Approval (第五条（四）) ───────────────────────────

/// "JS" + year + sequence (at least 2 digits): JS202601.
std::string station_code(int year, int sequence);

struct ApprovalDecision {
  std::string application_id;
  bool approved = false;
  std::string station_code;  // when approved
  std::vector<std::string> reasons;
};

struct ApprovalResult {
  std::vector<Station> stations;           // newly registered, in recommendation order
  std::vector<ApprovalDecision> decisions;  // one per recommended candidate
  Diagnostics diags;                       // errors: approval inside the publicity period, …
};

/// 第五条（四）: the recommended list minus upheld objections becomes stations with a
/// 聘期 from `approval_date` (第三条) and a 资助期 (第八条). Codes continue the year's
/// sequence in the registry; an application already registered keeps its station.
ApprovalResult approve(const SelectionResult& selection,
                       const std::vector<EligibilityResult>& eligibility,
                       const records::YearInput& in, const Registry& registry,
                       const PublicityPeriod& publicity, Date approval_date,
                       const config::Funding& f);
/// The registry with the new stations added.
Registry apply_approval(Registry r, const ApprovalResult& a);

// ───────────────────────── Assessment (第六条, 第七条) ───────────────────────

/// 第六条、第七条: the 100-point sheet for one station-year, hard rules, committee
/// score and grade (without the batch-wide cap on 优秀).
AssessmentResult assess_station(const records::Performance& p, const Station& station,
                                Date assessed_on, const config::Assessment& a);

struct Revocation {
  std::string station_code;
  Date on{};
  std::string reason;  // short, e.g. "2026 年度考核不合格"; stored as Station::revocation_reason
};

struct AssessmentOutcome {
  std::vector<AssessmentResult> results;  // by year, then station code
  std::vector<Revocation> revocations;    // 第七条: one per 不合格
  Diagnostics diags;  // errors carry the performance row's location
};

/// Every performance row: resolves the station (工作站编号 or 申报编号), checks it is
/// known, not revoked and the year lies in its term, assesses, applies the optional
/// cap on 优秀 per year and revokes every 不合格 as of `assessed_on`.
AssessmentOutcome assess(const std::vector<records::Performance>& rows, const Registry& registry,
                         Date assessed_on, const config::Assessment& a);
/// The registry with the results stored (replacing the same station-year) and the
/// revocations applied.
Registry apply_assessment(Registry r, const AssessmentOutcome& o);

// ───────────────────────── Funding (第八条) ──────────────────────────────────

struct DepartmentTotal {
  std::string department;
  int stations = 0;
  double amount = 0;
};

struct FundingPlan {
  int year = 0;
  std::vector<FundingLine> lines;            // funded stations, by station code
  std::vector<std::string> not_funded;       // why each other station gets nothing
  std::vector<DepartmentTotal> departments;  // in order of first station code
  double total = 0;
};

/// 第八条: for each station whose 资助期 includes `year` and whose assessment of that
/// year is 优秀 or 合格, the amount for its grade; nothing after 不合格 (第七条).
FundingPlan plan_funding(const Registry& r, int year, const config::Funding& f);
/// The registry with the year's funding lines stored (replacing that year's lines).
Registry apply_funding(Registry r, const FundingPlan& plan);

/// Amount in financial 大写 (中国人民银行《正确填写票据和结算凭证的基本规定》):
/// 20000 → 贰万元整, 120000 → 壹拾贰万元整, 100500 → 壹拾万零伍佰元整, 0 → 零元整,
/// 12.5 → 壹拾贰元伍角. Uses ICU's %spellout-cardinal-financial. Throws RulesError
/// for negative amounts or ≥ 10¹².
std::string amount_in_words(double yuan);
/// 20000 → "20,000.00"
std::string amount_in_figures(double yuan);

// ───────────────────────── Corrections (--reissue) ──────────────────────────

enum class Phase { Select, Approve, Assess };

/// The registry as it stood before `phase` of `year` first ran, from a registry that
/// may already hold that phase's results and those of later phases of the year:
///  - select and approve of Y: stations approved in Y or later (apply_approval; their
///    members go with them) are dropped;
///  - assess of Y: stations approved after Y are dropped;
///  - every phase of Y: assessments and funding lines of Y and later are dropped
///    (apply_assessment, apply_funding), and each revocation one of those assessments
///    made (a 不合格 assessed on the revocation day, 第七条) is lifted.
/// A year's own results never count against it when a phase is run again.
Registry state_before(Registry r, int year, Phase phase);

// ───────────────────────── Terms (第三条) ────────────────────────────────────

/// 第三条 聘期为 2 年: the last day of a term starting on `start` (start + years − 1
/// day; a term from 29 February ends on 28 February).
Date term_end(Date start, int years);
/// 第三条、第七条: 已撤销 from revoked_on, 聘期届满 after term_end, 在聘 otherwise.
StationStatus status_on(const Station& s, Date d);
/// Years the station is assessed in (第三条) and funded in (第八条).
bool in_term_years(const Station& s, int year);
bool in_funding_period(const Station& s, int year);
/// Every station's stored status brought up to `d`.
Registry refresh_status(Registry r, Date d);

}  // namespace tws::rules
