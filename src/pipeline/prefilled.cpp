// `tws template --year Y`: performance.xlsx with a row per station in term in Y and
// objections.xlsx with Y's 公示名单, from the registry; the scoring rules of the year's
// [assessment] settings in the 填写说明.
#include "pipeline/prefilled.h"

#include <algorithm>
#include <cstdio>
#include <functional>

#include "common/atomic_file.h"
#include "common/paths.h"
#include "input_template/input_template.h"
#include "pipeline/overview.h"
#include "records/records.h"
#include "registry/registry_db.h"
#include "rules/rules.h"

namespace tws::pipeline {
namespace fs = std::filesystem;
namespace {

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}
std::string percent(double v) { return number(v * 100) + "%"; }

// The values the 预填说明 names: the year's [assessment] settings (shares as percentages)
// and the publicity's working days.
std::map<std::string, std::string> instruction_values(const config::Settings& s) {
  const config::Assessment& a = s.assessment;
  std::map<std::string, std::string> v = {
      {"enterprise_points", number(a.enterprise_points)}, {"enterprise_deduction", number(a.enterprise_deduction)},
      {"enterprise_min_per_semester", number(a.enterprise_min_per_semester)},
      {"training_points", number(a.training_points)}, {"training_deduction", number(a.training_deduction)},
      {"training_min_target", number(a.training_min_target)}, {"apprentice_points", number(a.apprentice_points)},
      {"apprentice_per_person", number(a.apprentice_per_person)}, {"achievement_points", number(a.achievement_points)},
      {"achievement_per_item", number(a.achievement_per_item)}, {"course_points", number(a.course_points)},
      {"course_per_10_trainees", number(a.course_per_10_trainees)}, {"course_per_award", number(a.course_per_award)},
      {"budget_high_rate", percent(a.budget_high_rate)}, {"budget_high_points", number(a.budget_high_points)},
      {"budget_mid_rate", percent(a.budget_mid_rate)}, {"budget_mid_points", number(a.budget_mid_points)},
      {"budget_low_points", number(a.budget_low_points)}, {"compliance_points", number(a.compliance_points)},
      {"benefit_high", number(a.benefit_high)}, {"benefit_high_points", number(a.benefit_high_points)},
      {"benefit_mid", number(a.benefit_mid)}, {"benefit_mid_points", number(a.benefit_mid_points)},
      {"benefit_low", number(a.benefit_low)}, {"benefit_low_points", number(a.benefit_low_points)},
      {"social_max", number(a.social_max)}, {"committee_mode", a.committee_mode},
      {"committee_weight", percent(a.committee_weight)}, {"excellent", number(a.excellent)},
      {"pass", number(a.pass)}, {"excellent_cap", percent(a.excellent_cap)}};
  std::map<std::string, std::string> out;
  for (auto& [k, value] : v) out["assessment." + k] = value;
  out["publicity.workdays"] = std::to_string(s.publicity.workdays);
  return out;
}

// 第三条、第七条: the stations assessed in `year` — in their term that year and not revoked
// by an earlier year's assessment — as the registry stood before the year's assessment.
std::vector<template_writer::StationRow> stations_in_term(const rules::Registry& reg, int year) {
  std::vector<template_writer::StationRow> rows;
  for (const rules::Station& s : rules::state_before(reg, year, rules::Phase::Assess).stations)
    if (rules::in_term_years(s, year) && !s.revoked_on)
      rows.push_back({s.code, s.application_id, s.name, s.leader, s.department});
  std::sort(rows.begin(), rows.end(), [](auto& a, auto& b) { return a.code < b.code; });
  return rows;
}

// The 公示名单 of the year (申报编号 order): names from the year's applications.xlsx as it
// is now, else from the station approved for the application.
std::vector<template_writer::PublicizedRow> publicized(const registry::Selection& sel, const rules::Registry& reg,
                                                       const RunOptions& opt, const config::Settings& s) {
  Diagnostics ignored;  // the list is the registry's; the file only lends the names
  const records::YearInput in = records::load_year(opt.input, opt.year, s, ignored);
  std::vector<template_writer::PublicizedRow> rows;
  for (const std::string& id : sel.recommended) {
    template_writer::PublicizedRow r{id, "", "", ""};
    for (const auto& a : in.applications)
      if (a.id == id) r = {id, a.name, a.department, a.leader};
    for (const auto& st : reg.stations)
      if (r.name.empty() && st.application_id == id) r = {id, st.name, st.department, st.leader};
    rows.push_back(r);
  }
  std::sort(rows.begin(), rows.end(), [](auto& a, auto& b) { return a.application_id < b.application_id; });
  return rows;
}

}  // namespace

config::Settings year_settings(const RunOptions& opt) {
  Diagnostics diags;
  config::Settings s = config::load_settings(opt.config, diags);
  const fs::path year_ini = opt.input / std::to_string(opt.year) / "tws.ini";
  if (fs::exists(year_ini)) s = config::load_year_settings(year_ini, diags, s);
  return s;
}

std::vector<std::string> write_prefilled_templates(const RunOptions& opt, const std::string& dir_option, bool force,
                                                   std::vector<std::string>& notes) {
  const std::string year = std::to_string(opt.year);
  const fs::path reg_path = registry_path(opt);
  if (!fs::exists(reg_path))
    throw InputError({reg_path.string()}, "登记库不存在：尚未运行任何环节，无法预填模板；空白模板请用 tws template（不加 --year）");
  const config::Settings settings = year_settings(opt);
  const registry::RegistryDb db(reg_path);
  const rules::Registry reg = db.load();
  const fs::path dir = dir_option.empty() ? opt.output / year / "模板" : fs::path(dir_option);
  const fs::path templates = templates_dir();

  // What can be pre-filled: each workbook with its writer, or why not.
  std::vector<std::pair<fs::path, std::function<void(const fs::path&)>>> files;
  const auto selection = db.selection(opt.year);
  if (selection && !db.phase_record(opt.year, "approve")) {
    notes.push_back("未生成 performance.xlsx：" + year + " 年度的公示名单已发布但尚未认定，认定后在聘工作站才完整；请在 tws approve --year " +
                    year + " 之后再运行");
  } else if (auto rows = stations_in_term(reg, opt.year); rows.empty()) {
    notes.push_back("未生成 performance.xlsx：登记库中没有 " + year + " 年度在聘的工作站");
  } else {
    files.emplace_back(dir / "performance.xlsx", [&, rows](const fs::path& tmp) {
      template_writer::write_prefilled_performance(tmp, templates, opt.year, rows, instruction_values(settings));
    });
  }
  if (!selection) {
    notes.push_back("未生成 objections.xlsx：登记库中没有 " + year + " 年度的公示名单（尚未运行 tws select --year " + year + "）");
  } else {
    auto rows = publicized(*selection, reg, opt, settings);
    files.emplace_back(dir / "objections.xlsx", [&, rows](const fs::path& tmp) {
      template_writer::write_prefilled_objections(tmp, templates, opt.year, rows, instruction_values(settings));
    });
  }
  if (files.empty()) {
    std::string why;
    for (auto& n : notes) why += "\n  " + n;
    throw InputError({reg_path.string()}, year + " 年度没有可预填的内容，未写任何文件：" + why +
                                              "\n空白模板请用 tws template（不加 --year）");
  }
  // Checked for every file before any is written, as `tws template` does.
  for (auto& [target, write] : files) {
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(target, ec))) continue;
    if (!force)
      throw InputError({target.string()}, "文件已存在，未写入任何预填模板（以免覆盖已填写的文件）；确需覆盖时加 --force");
    if (!fs::is_regular_file(target)) throw InputError({target.string()}, "已存在且不是普通文件，未写入任何预填模板");
  }
  make_folders(dir);
  std::vector<std::string> written;
  for (auto& [target, write] : files) {
    write_atomically(target, write);
    written.push_back(target.string());
  }
  return written;
}

}  // namespace tws::pipeline
