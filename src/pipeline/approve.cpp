// The approve phase (认定): once the publicity period has ended, the stations, terms and
// members at approval, 认定名单.xlsx and the 认定通知 with its 发文字号.
#include "documents/workbooks.h"
#include "pipeline/phase.h"

namespace tws::pipeline::detail {
namespace fs = std::filesystem;
namespace {

// The publicity period the select phase fixed.
rules::PublicityPeriod published_period(const Year& y, const registry::Selection& stored) {
  rules::PublicityPeriod pub;
  pub.start = parse_iso(stored.publicity_start);
  pub.end = parse_iso(stored.publicity_end);
  pub.workdays = y.settings.publicity.workdays;
  return pub;
}

// The 认定通知 (when a number was issued for it) and the workbook, staged together; false
// when a document cannot be made.
bool stage_approve_outputs(Year& y, const rules::ApprovalResult& a, const rules::PublicityPeriod& pub, Date approval,
                           const std::optional<registry::IssuedDocument>& number, StagedFiles& staged, Outputs& outs) {
  fs::path out = y.out_dir / "认定名单.xlsx";
  outs.add(out.string());
  try {
    auto& r = renderer(y);
    if (number)
      stage_document(y, [&] { return r.approval_notice(y.opt.year, y.in, a, pub, approval, number->number); }, staged,
                     outs);
  } catch (const documents::DocumentError& e) {
    y.diags.append(e.diags);
    return false;
  }
  timed("xlsx", [&] {
    staged.stage_written(out, [&](const fs::path& tmp) {
      documents::write_approval_workbook(tmp, y.settings, y.opt.year, y.opt.date, a, pub);
    });
    return 0;
  });
  return true;
}

// The year's own tws.ini, where the school's decision is recorded.
std::string year_ini(const Year& y) { return (y.opt.input / std::to_string(y.opt.year) / "tws.ini").string(); }

// The day of approval: the school's decision ([approval] decided_on); with nothing
// recommended there is nothing to decide, and the year's approval (of nobody) is
// recorded on the first working day after the publicity period unless a day is given.
std::optional<Date> approval_day(const Year& y, const registry::Selection& stored, const rules::PublicityPeriod& pub) {
  const std::string& decided = y.settings.approval.decided_on;
  if (!decided.empty()) return parse_iso(decided);
  if (stored.recommended.empty()) return y.cal.next_workday(pub.end);
  return std::nullopt;
}

// Not due while the school has not decided or its decision is dated after `today`.
std::optional<PhaseReport> awaiting_decision(const Year& y, const registry::Selection& stored,
                                             const rules::PublicityPeriod& pub, Date today) {
  const std::optional<Date> day = approval_day(y, stored, pub);
  if (!day)
    return not_due("approve", "公示已于 " + stored.publicity_end + " 结束，等待学校研究决定（在 " + year_ini(y) +
                                  " [approval] decided_on 填写决定日期）", Waiting::Decision);
  if (std::chrono::sys_days(*day) <= std::chrono::sys_days(today)) return std::nullopt;
  if (y.settings.approval.decided_on.empty()) return not_due("approve", "认定日期 " + iso(*day) + " 尚未到来", Waiting::Date);
  return not_due("approve", "学校研究决定日期 " + iso(*day) + "（[approval] decided_on）尚未到来（运行日期 " + iso(today) + "）", Waiting::Date);
}

// An error in the school's decision as recorded (its day, the 发文字号 serial given),
// reported at the key's line; false when there is one.
bool decision_valid(Year& y, const registry::RegistryDb& db, const rules::PublicityPeriod& pub, Date approval) {
  const config::Approval& a = y.settings.approval;
  if (std::string why = rules::decision_day_problem(approval, pub, y.cal); !why.empty()) {
    y.diags.error(y.settings.where["approval.decided_on"], "配置项 approval.decided_on 的值“" + a.decided_on + "”无效：" + why);
    return false;
  }
  return serial_free(y, db, "approval.doc_number", "认定通知", approval, a.doc_number);
}

// Why no station is approved: nobody recommended, or every objection upheld.
std::string none_approved(const rules::ApprovalResult& a) {
  if (a.decisions.empty()) return "本年度建议名单为空，没有认定任何工作站";
  return "建议名单 " + std::to_string(a.decisions.size()) + " 项均因异议成立不予认定，没有认定任何工作站";
}

}  // namespace

PhaseReport run_approve(Year& y, registry::RegistryDb& db) {
  const std::string phase = "approve";
  auto stored = db.selection(y.opt.year);
  if (!stored) return not_due(phase, "尚未完成遴选（tws select），无法认定", Waiting::EarlierPhase);
  const rules::PublicityPeriod pub = published_period(y, *stored);
  if (!rules::publicity_ended(pub, y.today))
    return not_due(phase, "公示期至 " + stored->publicity_end + "，尚未结束（运行日期 " + y.opt.date + "）", Waiting::Date);
  // 第五条（四）: approved on the day the school decided, once it has (a phase done
  // before is first compared with its record: unchanged, refused, or reissued).
  if (!db.phase_record(y.opt.year, phase))
    if (auto wait = awaiting_decision(y, *stored, pub, y.today)) return *wait;
  if (size_t n = blocking_errors(y, phase)) return fail(phase, "输入有 " + std::to_string(n) + " 个错误，未写任何文件");
  std::string hash = inputs_hash(y, phase);
  if (auto done = already_done(db, y, phase, hash)) return *done;
  if (auto wait = awaiting_decision(y, *stored, pub, y.redo ? y.reissue_date : y.today)) return *wait;
  const Date approval = *approval_day(y, *stored, pub);
  if (!decision_valid(y, db, pub, approval)) return fail(phase, "学校研究决定的记录有误，未写任何文件");

  // The selection is decided again from the state it was decided from, as of the
  // publicity start it fixed, to check it against the one published and to continue
  // from it.
  rules::Registry reg = base_state(db, y, rules::Phase::Approve);
  reg = timed("rules", [&] { return rules::refresh_status(std::move(reg), approval); });
  const Selected s = decide_selection(y, reg, pub.start);
  if (size_t n = returned_sheet_errors(y, s.eligibility))
    return fail(phase, std::to_string(n) + " 处交回的专家评分表有误（reviews/），未写任何文件");
  if (recommended_ids(s.selection) != stored->recommended)
    return fail(phase, "申报或评分数据在公示后被修改，建议名单与公示的不一致；请恢复公示时的输入");
  rules::ApprovalResult a = timed("rules", [&] {
    return rules::approve(s.selection, s.eligibility, y.in, reg, pub, approval, y.settings.funding);
  });
  if (a.diags.has_errors()) {
    y.diags.append(a.diags);
    return fail(phase, "认定数据有误，未写任何文件");
  }
  if (y.opt.forecast)
    return {phase, PhaseStatus::Done, "认定 " + std::to_string(a.stations.size()) + " 个工作站（" + iso(approval) + "）", {}};
  rules::Registry next = timed("rules", [&] { return rules::apply_approval(std::move(reg), a); });
  // No station approved: no 认定通知 (it would announce nobody) and no 发文字号 used.
  std::optional<registry::IssuedDocument> number;
  if (!a.stations.empty()) number = issue_number(y, db, "认定通知", approval, y.settings.approval.doc_number);
  StagedFiles staged;
  Outputs outs;
  if (!stage_approve_outputs(y, a, pub, approval, number, staged, outs))
    return fail(phase, "文书无法生成（见上面的错误），未写任何文件");
  std::string counts = "{\"recommended\":" + std::to_string(a.decisions.size()) +
                       ",\"approved\":" + std::to_string(a.stations.size()) + "}";
  commit_phase(y, db, staged, next, phase, hash, outs, counts, std::nullopt,
               number ? std::vector<registry::IssuedDocument>{*number} : std::vector<registry::IssuedDocument>{});
  if (!number)
    return {phase, PhaseStatus::Done, none_approved(a) + "，不印发认定通知，未使用发文字号（" + iso(approval) + "）",
            std::move(outs.paths)};
  return {phase, PhaseStatus::Done, "认定 " + std::to_string(a.stations.size()) + " 个工作站（" + iso(approval) + "）",
          std::move(outs.paths)};
}

}  // namespace tws::pipeline::detail
