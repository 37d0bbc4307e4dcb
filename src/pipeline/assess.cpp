// The assess phase (年度考核 and 经费): grades, revocations and the year's funding,
// 考核汇总.xlsx, the 考核结果通报 with its 发文字号 and the 经费下达通知.
#include <cstdio>

#include "documents/workbooks.h"
#include "pipeline/phase.h"

namespace tws::pipeline::detail {
namespace fs = std::filesystem;
namespace {

std::string json_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// The PDFs (dated `day`) and the workbook, staged together; false when a document cannot be made.
bool stage_assess_outputs(Year& y, const rules::AssessmentOutcome& o, const rules::Registry& next,
                          const rules::FundingPlan& plan, const registry::IssuedDocument& number, Date day,
                          StagedFiles& staged, Outputs& outs) {
  fs::path out = y.out_dir / "考核汇总.xlsx";
  outs.add(out.string());
  try {
    auto& r = renderer(y);
    stage_document(y, [&] { return r.assessment_report(y.opt.year, o, next, plan, day, number.number); }, staged,
                   outs);
    // Nothing to fund (every station 不合格 or out of its 资助期): no 经费下达通知.
    if (!plan.lines.empty())
      stage_document(y, [&] { return r.funding_notice(y.opt.year, plan, next, day); }, staged, outs);
  } catch (const documents::DocumentError& e) {
    y.diags.append(e.diags);
    return false;
  }
  timed("xlsx", [&] {
    staged.stage_written(out, [&](const fs::path& tmp) {
      documents::write_assessment_workbook(tmp, y.settings, y.opt.year, y.opt.date, y.in.performance, next, o, plan);
    });
    return 0;
  });
  return true;
}

// The phase record's counts (JSON) and the line for the user.
std::pair<std::string, std::string> assess_summary(const rules::AssessmentOutcome& o, const rules::FundingPlan& plan) {
  std::map<std::string, int> grades;
  for (auto& r : o.results) ++grades[rules::grade_label(r.grade)];
  std::string counts = "{\"assessed\":" + std::to_string(o.results.size()) + ",\"excellent\":" +
                       std::to_string(grades["优秀"]) + ",\"pass\":" + std::to_string(grades["合格"]) +
                       ",\"fail\":" + std::to_string(grades["不合格"]) +
                       ",\"funding_total\":" + json_number(plan.total) + "}";
  std::string message =
      std::to_string(o.results.size()) + " 个工作站考核：优秀 " + std::to_string(grades["优秀"]) + "，合格 " +
      std::to_string(grades["合格"]) + "，不合格 " + std::to_string(grades["不合格"]) + "（撤销 " +
      std::to_string(o.revocations.size()) + "）；下达经费 " + rules::amount_in_figures(plan.total) + " 元（" +
      rules::amount_in_words(plan.total) + "）";
  return {counts, message};
}

// Not due while the year's approval is pending (its stations are assessed too), or while
// the assessment's recorded decision ([assessment] decided_on) is dated after `today`.
std::optional<PhaseReport> assessment_not_due(const Year& y, const registry::RegistryDb& db, Date today) {
  const bool selecting = y.in.has_applications || db.selection(y.opt.year);
  if (selecting && !db.phase_record(y.opt.year, "approve"))
    return not_due("assess", "已有 performance.xlsx，但本年度尚未认定；年度考核等待认定完成后进行", Waiting::EarlierPhase);
  const std::string& decided = y.settings.assessment.decided_on;
  if (!decided.empty() && std::chrono::sys_days(parse_iso(decided)) > std::chrono::sys_days(today))
    return not_due("assess", "考核结果决定日期 " + decided + "（[assessment] decided_on）尚未到来（运行日期 " + iso(today) + "）", Waiting::Date);
  return std::nullopt;
}

// The day the results bear: [assessment] decided_on, else the run's date; an error in
// the recorded day is reported at its line (nullopt). It may not precede the year's
// approval as the registry recorded it (the 认定通知's date), whatever tws.ini says now.
std::optional<Date> assessment_day(Year& y, const registry::RegistryDb& db) {
  const std::string& decided = y.settings.assessment.decided_on;
  if (decided.empty()) return y.today;
  const Date d = parse_iso(decided);
  std::optional<Date> approved;
  if (auto notice = db.issued_document(y.opt.year, "认定通知")) approved = parse_iso(notice->date);
  if (std::string why = rules::assessment_day_problem(d, approved, y.cal); !why.empty()) {
    y.diags.error(y.settings.where["assessment.decided_on"], "配置项 assessment.decided_on 的值“" + decided + "”无效：" + why);
    return std::nullopt;
  }
  return d;
}

}  // namespace

PhaseReport run_assess(Year& y, registry::RegistryDb& db) {
  const std::string phase = "assess";
  if (!y.in.has_performance) return not_due(phase, "没有 performance.xlsx，跳过年度考核", Waiting::Inputs);
  // The blank template uploaded: no 通报 or 经费下达通知 is issued for nobody.
  if (y.in.performance.empty() && !y.diags.has_errors())
    return not_due(phase, "performance.xlsx 中没有考核数据行，跳过年度考核", Waiting::Inputs);
  if (!db.phase_record(y.opt.year, phase))
    if (auto wait = assessment_not_due(y, db, y.today)) return *wait;
  if (size_t n = blocking_errors(y, phase)) return fail(phase, "输入有 " + std::to_string(n) + " 个错误，未写任何文件");
  std::string hash = inputs_hash(y, phase);
  if (auto done = already_done(db, y, phase, hash)) return *done;
  if (auto wait = assessment_not_due(y, db, y.redo ? y.reissue_date : y.today)) return *wait;
  const std::optional<Date> day = assessment_day(y, db);
  if (!day) return fail(phase, "考核结果决定日期有误，未写任何文件");

  rules::Registry reg = base_state(db, y, rules::Phase::Assess);
  reg = timed("rules", [&] { return rules::refresh_status(std::move(reg), *day); });
  rules::AssessmentOutcome o = timed("rules", [&] { return rules::assess(y.in.performance, reg, *day, y.settings.assessment); });
  if (o.diags.has_errors()) {
    y.diags.append(o.diags);
    return fail(phase, "考核数据有误，未写任何文件");
  }
  rules::FundingPlan plan;
  rules::Registry next = timed("rules", [&] {
    rules::Registry r = rules::apply_assessment(std::move(reg), o);
    plan = rules::plan_funding(r, y.opt.year, y.settings.funding);
    return rules::apply_funding(std::move(r), plan);
  });
  if (y.opt.forecast) return {phase, PhaseStatus::Done, assess_summary(o, plan).second, {}};
  registry::IssuedDocument number = issue_number(y, db, "考核结果通报", *day);
  StagedFiles staged;
  Outputs outs;
  if (!stage_assess_outputs(y, o, next, plan, number, *day, staged, outs))
    return fail(phase, "文书无法生成（见上面的错误），未写任何文件");
  auto [counts, message] = assess_summary(o, plan);
  commit_phase(y, db, staged, next, phase, hash, outs, counts, std::nullopt, {number});
  if (plan.lines.empty()) message += "；本年度无下达经费的工作站，不印发经费下达通知";
  return {phase, PhaseStatus::Done, message, std::move(outs.paths)};
}

}  // namespace tws::pipeline::detail
