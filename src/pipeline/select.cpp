// The select phase (资格审查 and 专家评审): eligibility and ranking, the 公示名单, one
// 申报（认定）表 per application, 资格审查汇总.xlsx; fixes the publicity period.
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "common/progress.h"
#include "common/strings.h"
#include "common/sha256.h"
#include "documents/workbooks.h"
#include "pipeline/phase.h"

namespace tws::pipeline::detail {
namespace fs = std::filesystem;

std::vector<rules::EligibilityResult> decide_eligibility(const Year& y, const rules::Registry& reg, Date as_of) {
  StageTimer t("rules");
  return rules::check_eligibility(y.in, reg, as_of, y.settings.eligibility);
}

Selected decide_selection(const Year& y, const rules::Registry& reg, Date as_of) {
  Selected s;
  s.eligibility = decide_eligibility(y, reg, as_of);
  StageTimer t("rules");
  s.selection = rules::select(y.in.applications, s.eligibility, y.in.reviews, y.settings.selection);
  return s;
}

std::vector<std::string> recommended_ids(const rules::SelectionResult& s) {
  std::vector<std::string> ids;
  for (auto& c : s.candidates)
    if (c.recommended) ids.push_back(c.application_id);
  return ids;
}

namespace {

// One 申报认定表 per application with an eligibility result (the last one of its id),
// rendered on the worker pool, staged as each is made and listed in application order.
void stage_forms(const Year& y, documents::Renderer& r, const records::ByApplication& by_application,
                 const Selected& s, StagedFiles& staged, Outputs& outs) {
  std::unordered_map<std::string_view, const rules::EligibilityResult*> eligibility;
  for (auto& x : s.eligibility) eligibility[x.application_id] = &x;
  std::unordered_map<std::string_view, const rules::Candidate*> candidates;
  for (auto& x : s.selection.candidates) candidates[x.application_id] = &x;
  struct Form {
    const records::Application* app;
    const rules::EligibilityResult* e;
    const rules::Candidate* c;
    std::string sha256;  // filled when the form is made
  };
  std::vector<Form> forms;
  for (auto& app : y.in.applications) {
    auto e = eligibility.find(app.id);
    auto c = candidates.find(app.id);
    if (e != eligibility.end()) forms.push_back({&app, e->second, c == candidates.end() ? nullptr : c->second, {}});
  }
  Progress progress("生成申报（认定）表", forms.size(), !y.opt.quiet);
  r.render_each(
      forms.size(), jobs(y),
      [&](documents::Renderer& w, std::size_t i) {
        return w.application_form(y.opt.year, by_application, *forms[i].app, *forms[i].e, forms[i].c, y.today);
      },
      [&](std::size_t i, documents::Document&& doc) {
        forms[i].sha256 = sha256_hex(doc.bytes);
        staged.stage(y.out_dir / doc.path, doc.bytes, doc.mode);
        progress.tick();
      });
  for (Form& f : forms) outs.add((y.out_dir / documents::application_form_path(*f.app)).string(), std::move(f.sha256));
}

// Two applications whose 申报（认定）表 would be one file (application_form_path keeps
// only some characters of the 申报编号 and the name): an input error at the later row,
// found before anything is made. Returns how many.
size_t clashing_form_paths(Year& y) {
  std::map<fs::path, const records::Application*> seen;
  size_t clashes = 0;
  for (auto& app : y.in.applications) {
    auto [it, fresh] = seen.emplace(documents::application_form_path(app), &app);
    if (fresh) continue;
    y.diags.error(app.where, "申报（认定）表的文件名“" + it->first.filename().string() + "”与第 " +
                                 std::to_string(it->second->where.row) +
                                 " 行的申报相同：请修改申报编号或工作站名称，使每项申报的文件名不同");
    ++clashes;
  }
  return clashes;
}

// Every output is staged (written to a hidden temporary file) before any target changes:
// a character no font has stops the phase with nothing written (false). The forms
// stream to disk as they are made. Lists the workbook, the 公示名单, then the forms in
// application order.
bool stage_select_outputs(Year& y, const Selected& s, const rules::PublicityPeriod& pub, StagedFiles& staged,
                          Outputs& outs) {
  const records::ByApplication by_application(y.in);  // for the 公示名单, the forms and the workbook
  const fs::path out = y.out_dir / "资格审查汇总.xlsx";
  outs.add(out.string());
  try {
    auto& r = renderer(y);  // its font warnings are listed in the workbook too
    stage_document(
        y, [&] { return r.publicity(y.opt.year, by_application, s.eligibility, s.selection, pub, pub.start); }, staged,
        outs);
    stage_forms(y, r, by_application, s, staged, outs);
  } catch (const documents::DocumentError& e) {
    y.diags.append(e.diags);
    return false;
  }
  timed("xlsx", [&] {
    staged.stage_written(out, [&](const fs::path& tmp) {
      documents::write_selection_workbook(tmp, y.settings, y.opt.year, y.opt.date, y.in, by_application, s.eligibility,
                               s.selection, pub, y.diags);
    });
    return 0;
  });
  return true;
}

// 第五条（三）: a configured publicity start before the run's date would date the 公示名单
// in the past (and let approval follow at once); only the period already stored for the
// year (a rerun, a reissue) may lie there.
std::optional<std::string> publicity_in_the_past(const Year& y, const registry::RegistryDb& db,
                                                 const rules::PublicityPeriod& pub) {
  const std::string& configured = y.settings.publicity.start_date;
  if (configured.empty() || std::chrono::sys_days(pub.start) >= std::chrono::sys_days(y.today)) return std::nullopt;
  if (auto stored = db.selection(y.opt.year); stored && stored->publicity_start == iso(pub.start)) return std::nullopt;
  return y.settings.source + "：[publicity] start_date = " + configured + " 早于运行日期 " + y.opt.date +
         "，公示不能从已过去的日期开始；请改为 " + y.opt.date +
         " 或以后的日期，或删去该项（公示自运行日期后的第一个工作日开始），未写任何文件";
}

}  // namespace

size_t unsettled_doubts(Year& y, const std::vector<rules::EligibilityResult>& el) {
  const records::ByApplication by(y.in);
  const std::string reviews = (y.in.dir / "reviews.xlsx").string();
  // A CSV holds one sheet, the scores: the findings need the workbook.
  std::string csv;
  for (const auto& f : y.in.files)
    if (tws::lower_ascii(f.filename().string()) == "reviews.csv")
      csv = "（" + f.string() + " 只能容纳专家评分一个工作表：请把评分复制到 reviews.xlsx 的“专家评分”工作表，删去或移走 CSV 文件）";
  size_t n = 0;
  for (auto& e : el)
    for (auto& p : rules::pending(e)) {
      const records::Application* app = by.application(e.application_id);
      y.diags.error(app ? app->where : Location{reviews},
                    "申报 " + e.application_id + " 第 " + std::to_string(p.criterion) + " 项资格条件待核实（" + p.clause +
                        "）：" + tws::join(p.what, "；") + "。请在 " + reviews + " 工作表“资格核实”填写一行：申报编号 " +
                        e.application_id + "，条款 " + p.clause + "，结论 通过或不通过，说明（核实了什么、由谁核实）" + csv);
      y.doubts.push_back({e.application_id, p.clause, tws::join(p.what, "；")});
      ++n;
    }
  return n;
}

PhaseReport run_select(Year& y, registry::RegistryDb& db) {
  const std::string phase = "select";
  if (!y.in.has_applications) return not_due(phase, "没有 applications.xlsx，跳过资格审查与评审", Waiting::Inputs);
  if (!y.in.has_reviews && y.in.returned_files.empty())
    return not_due(phase, "尚无专家评分（reviews.xlsx，或交回 reviews/ 的专家评分表），资格审查与评审待评分后进行", Waiting::Inputs);
  if (size_t n = blocking_errors(y, phase)) return fail(phase, "输入有 " + std::to_string(n) + " 个错误，未写任何文件");
  if (size_t n = clashing_form_paths(y)) return fail(phase, std::to_string(n) + " 项申报的申报（认定）表文件名重复，未写任何文件");
  std::string hash = inputs_hash(y, phase);
  if (auto done = already_done(db, y, phase, hash)) return *done;

  rules::PublicityPeriod pub = timed("rules", [&] { return rules::publicity_period(y.settings.publicity, y.today, y.cal); });
  if (auto why = publicity_in_the_past(y, db, pub)) return fail(phase, *why);
  rules::Registry reg = base_state(db, y, rules::Phase::Select);
  reg = timed("rules", [&] { return rules::refresh_status(std::move(reg), y.today); });
  const Selected s = decide_selection(y, reg, pub.start);
  y.diags.append(rules::unused_findings(y.in.verifications, s.eligibility));
  if (size_t n = unsettled_doubts(y, s.eligibility))
    return fail(phase, std::to_string(n) + " 项待核实事项尚无资格核实结论（reviews.xlsx 工作表“资格核实”），未写任何文件");
  if (size_t n = returned_sheet_errors(y, s.eligibility))
    return fail(phase, std::to_string(n) + " 处交回的专家评分表有误（reviews/），未写任何文件");
  if (auto missing = missing_experts(y, s.eligibility); !missing.empty())
    return not_due(phase, "专家评分尚未收齐：" + join(missing, "、") + " 的专家评分表还没有交回 reviews/（[review] experts 共 " +
                              std::to_string(y.settings.review.experts.size()) + " 位）；收齐后再评审。不再参加评审的专家请从 [review] experts 中删去",
                   Waiting::Inputs);
  if (s.selection.diags.has_errors()) {
    y.diags.append(s.selection.diags);
    return fail(phase, "评分数据有误，未写任何文件");
  }
  registry::Selection sel{y.opt.year, iso(pub.start), iso(pub.end), recommended_ids(s.selection)};
  size_t eligible = std::count_if(s.eligibility.begin(), s.eligibility.end(), [](auto& e) { return e.eligible; });
  const std::string message = std::to_string(y.in.applications.size()) + " 项申报，" + std::to_string(eligible) +
                              " 项符合条件，推荐 " + std::to_string(sel.recommended.size()) + " 项；公示期 " +
                              sel.publicity_start + " 至 " + sel.publicity_end;
  if (y.opt.forecast) return {phase, PhaseStatus::Done, message, {}};
  StagedFiles staged;
  Outputs outs;
  if (!stage_select_outputs(y, s, pub, staged, outs)) return fail(phase, "文书无法生成（见上面的错误），未写任何文件");
  std::string counts = "{\"applications\":" + std::to_string(y.in.applications.size()) +
                       ",\"eligible\":" + std::to_string(eligible) +
                       ",\"recommended\":" + std::to_string(sel.recommended.size()) + "}";
  commit_phase(y, db, staged, reg, phase, hash, outs, counts, sel);
  return {phase, PhaseStatus::Done, message, std::move(outs.paths)};
}

}  // namespace tws::pipeline::detail
