// What each workbook of the year holds (report/xlsx_table.h writes it): the real
// decisions with their reasons, for HR to check, filter, print and hand to leaders.
// The counterpart of the PDFs' content in this folder; src/pipeline only calls it.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "config/settings.h"
#include "records/records.h"
#include "report/xlsx_table.h"
#include "rules/rules.h"

namespace tws::documents {

// 资格审查汇总.xlsx:
//  资格审查 — one row per application: criteria 1–9 (通过/不通过/提示, coloured),
//            the reasons of every criterion not passed or settled by 资格核实, the
//            资格核实 findings, the previous term and its grades, members by qualification
//            level, each expert's score, the aggregate, rank, recommended 是/否;
//  评审汇总 — the ranking: expert scores (dropped extremes struck through), aggregate,
//            rank, recommended, how the aggregate was formed and tie-breaks;
//  建议名单 — the recommended list with the publicity period;
//  输入问题 — every warning and problem found in the inputs (file, sheet, cell, message).
// `by` indexes `in` (the phase has built it for the forms already).
std::vector<report::Sheet> selection_sheets(const config::Settings& s, int year, const records::YearInput& in,
                                            const records::ByApplication& by,
                                            const std::vector<rules::EligibilityResult>& eligibility,
                                            const rules::SelectionResult& selection,
                                            const rules::PublicityPeriod& publicity, const Diagnostics& diags);
void write_selection_workbook(const std::filesystem::path& target, const config::Settings& s, int year,
                              const std::string& date, const records::YearInput& in,
                              const records::ByApplication& by,
                              const std::vector<rules::EligibilityResult>& eligibility,
                              const rules::SelectionResult& selection, const rules::PublicityPeriod& publicity,
                              const Diagnostics& diags);

// 认定名单.xlsx: the stations approved and every recommended candidate's decision.
std::vector<report::Sheet> approval_sheets(const config::Settings& s, int year, const rules::ApprovalResult& approval,
                                           const rules::PublicityPeriod& publicity);
void write_approval_workbook(const std::filesystem::path& target, const config::Settings& s, int year,
                             const std::string& date, const rules::ApprovalResult& approval,
                             const rules::PublicityPeriod& publicity);

// 考核汇总.xlsx:
//  考核汇总 — one row per station-year: code, name, department, leader, year of term,
//            each indicator's value (from `performance`) and item score, totals,
//            grade (coloured), funding, the grading reasons; revocations as notes;
//  按部门   — per department: stations, 优秀/合格/不合格 counts and funding as
//            SUMPRODUCT/EXACT formulas over 考核汇总, cached with what its rows hold;
//  图表     — a column chart of grades by department and a pie of the grades;
//  经费     — the funding ledger of the assessed stations across their years, with
//            totals in figures and 大写.
// `registry` is the state after the assessment and the year's funding were applied.
std::vector<report::Sheet> assessment_sheets(const config::Settings& s, int year,
                                             const std::vector<records::Performance>& performance,
                                             const rules::Registry& registry, const rules::AssessmentOutcome& outcome,
                                             const rules::FundingPlan& plan);
void write_assessment_workbook(const std::filesystem::path& target, const config::Settings& s, int year,
                               const std::string& date, const std::vector<records::Performance>& performance,
                               const rules::Registry& registry, const rules::AssessmentOutcome& outcome,
                               const rules::FundingPlan& plan);

// `tws registry export`: 工作站, 入站人员, 考核, 经费, 撤销 for a registry as of `date`
// (statuses already refreshed), and its document properties in `info`. No ID numbers.
std::vector<report::Sheet> registry_sheets(const rules::Registry& registry, const config::Settings& s,
                                           const std::string& date, report::WorkbookInfo* info = nullptr);

// The document properties of a workbook titled `title`, dated the run's `date`.
report::WorkbookInfo workbook_info(const config::Settings& s, const std::string& title, const std::string& date);

}  // namespace tws::documents
