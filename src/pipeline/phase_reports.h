// Each phase's results as a plain, formatted workbook (report/xlsx_table.h):
// real decisions with their reasons, for HR to check before documents go out.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "config/settings.h"
#include "records/records.h"
#include "rules/rules.h"

namespace tws::pipeline {

// 资格审查汇总.xlsx: 资格审查 (one row per application, criteria 1–9), 评审汇总
// (expert scores, aggregate, rank, recommended), 建议名单 (with the publicity
// period), 输入问题 (warnings and problems found in the inputs).
void write_selection_workbook(const std::filesystem::path& target, const config::Settings& s, int year,
                              const std::string& date, const records::YearInput& in,
                              const std::vector<rules::EligibilityResult>& eligibility,
                              const rules::SelectionResult& selection, const rules::PublicityPeriod& publicity,
                              const Diagnostics& diags);

// 认定名单.xlsx: the stations approved and every recommended candidate's decision.
void write_approval_workbook(const std::filesystem::path& target, const config::Settings& s, int year,
                             const std::string& date, const rules::ApprovalResult& approval,
                             const rules::PublicityPeriod& publicity);

// 考核汇总.xlsx: 考核汇总 (items, total, grade, reasons), 经费 (the year's funding
// with totals in figures and 大写), 撤销 (revocations).
void write_assessment_workbook(const std::filesystem::path& target, const config::Settings& s, int year,
                               const std::string& date, const rules::Registry& registry,
                               const rules::AssessmentOutcome& outcome, const rules::FundingPlan& plan);

}  // namespace tws::pipeline
