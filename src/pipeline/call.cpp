// The call phase (启动申报, 第五条（一）): on the day set in the year's tws.ini ([call]
// issue_date), the 启动申报通知 with its 发文字号, and beside it its attachments: the blank
// 申报（认定）表 (附件1) and the applications workbook (附件2).
#include "common/paths.h"
#include "input_template/input_template.h"
#include "pipeline/phase.h"

namespace tws::pipeline::detail {
namespace fs = std::filesystem;

PhaseReport run_call(Year& y, registry::RegistryDb& db) {
  const std::string phase = "call";
  const config::Call& c = y.settings.call;
  const std::string ini = (y.opt.input / std::to_string(y.opt.year) / "tws.ini").string();
  if (c.issue_date.empty())
    return not_due(phase, "未设置启动申报日期（在 " + ini + " 的 [call] issue_date 填写发文日期）", Waiting::Inputs);
  const Date issued = parse_iso(c.issue_date);
  if (std::string why = rules::call_day_problem(issued, y.opt.year); !why.empty()) {
    y.diags.error(y.settings.where["call.issue_date"], "配置项 call.issue_date 的值“" + c.issue_date + "”无效：" + why);
    return fail(phase, "启动申报日期有误，未写任何文件");
  }
  if (!db.phase_record(y.opt.year, phase) && std::chrono::sys_days(issued) > std::chrono::sys_days(y.today))
    return not_due(phase, "启动申报日期 " + c.issue_date + " 尚未到来（运行日期 " + y.opt.date + "）", Waiting::Date);
  if (size_t n = blocking_errors(y, phase)) return fail(phase, "输入有 " + std::to_string(n) + " 个错误，未写任何文件");
  const std::string hash = inputs_hash(y, phase);
  if (auto done = already_done(db, y, phase, hash)) return *done;
  if (std::string note = rules::call_day_note(issued); !note.empty()) y.diags.warning(y.settings.where["call.issue_date"], note);
  if (!serial_free(y, db, "call.doc_number", "启动申报通知", issued, c.doc_number))
    return fail(phase, "启动申报通知的文号有误，未写任何文件");
  const rules::CallSchedule schedule = rules::call_schedule(issued, c, y.settings.publicity.workdays, y.cal);
  const std::string message = "启动申报，申报截止 " + iso(schedule.apply_end) + "，公示 " + iso(schedule.publicity_start) +
                              " 至 " + iso(schedule.publicity_end) + "（" + iso(issued) + "）";
  if (y.opt.forecast) return {phase, PhaseStatus::Done, message, {}};

  const registry::IssuedDocument number = issue_number(y, db, "启动申报通知", issued, c.doc_number);
  StagedFiles staged;
  Outputs outs;
  try {
    auto& r = renderer(y);
    stage_document(y, [&] { return r.call_notice(y.opt.year, schedule, number.number); }, staged, outs);
    stage_document(y, [&] { return r.blank_application_form(y.opt.year, issued); }, staged, outs);
  } catch (const documents::DocumentError& e) {
    y.diags.append(e.diags);
    return fail(phase, "文书无法生成（见上面的错误），未写任何文件");
  }
  // 附件2: the applications workbook as `tws template` writes it (filled in, it is
  // input/<year>/applications.xlsx).
  const fs::path workbook = y.out_dir / "启动申报通知附件" / "附件2-申报汇总表.xlsx";
  outs.add(workbook.string());
  staged.stage_written(workbook, [&](const fs::path& tmp) {
    template_writer::write_input_template(tmp, templates_dir(), "applications.xlsx");
  });
  // The call changes no station: the registry's state is committed as it is.
  commit_phase(y, db, staged, db.load(), phase, hash, outs, "{}", std::nullopt, {number});
  return {phase, PhaseStatus::Done, message, std::move(outs.paths)};
}

}  // namespace tws::pipeline::detail
