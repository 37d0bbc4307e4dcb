// 专家评分表, out and back (第五条（三）“组织人事处组织专家进行评审”): `tws review-sheets`
// writes one workbook per expert of [review] experts, listing the applications the
// select phase finds eligible; the select phase reads the returned ones from
// input/<year>/reviews/ (records::read_returned_sheets) and checks here that each is
// the sheet written for its expert, unchanged but for the scores.
#include <algorithm>
#include <fstream>
#include <iterator>

#include "common/paths.h"
#include "common/strings.h"
#include "input_template/review_sheets.h"
#include "pipeline/phase.h"
#include "records/review_sheet.h"

namespace tws::pipeline::detail {
namespace fs = std::filesystem;
namespace {

// The eligible applications as every expert's sheet lists them, in application order:
// the 资格审查 summary and each 提示 criterion's reasons.
std::vector<records::ReviewEntry> review_entries(const Year& y, const std::vector<rules::EligibilityResult>& el) {
  const records::ByApplication by(y.in);
  std::vector<records::ReviewEntry> entries;
  for (auto& e : el) {
    const records::Application* app = by.application(e.application_id);
    if (!e.eligible || !app) continue;
    std::vector<std::string> hints;
    for (auto& c : e.criteria)
      if (c.verdict == rules::Verdict::Hint)
        for (auto& r : c.reasons) hints.push_back(std::to_string(c.number) + " " + r);
    entries.push_back({app->id, app->name, app->department, app->leader, e.summary, join(hints, "\n")});
  }
  return entries;
}

std::string year_ini(const Year& y) { return (y.opt.input / std::to_string(y.opt.year) / "tws.ini").string(); }

fs::path sheet_path(const Year& y, const std::string& expert) {
  return y.out_dir / "专家评分表" / (std::to_string(y.opt.year) + "年度专家评分表-" + expert + ".xlsx");
}

std::string file_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Why an existing file at `target` must not be replaced: it is not a blank 专家评分表 tws
// wrote (it may be an expert's return saved there); "" when it may.
std::string not_replaceable(const Year& y, const fs::path& target) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(target, ec))) return "";
  if (!fs::is_regular_file(fs::symlink_status(target, ec))) return "已存在且不是普通文件";
  Diagnostics ignored;
  std::string sha;
  auto sheet = records::read_returned_sheet(target, y.settings, ignored, sha);
  if (!sheet) return "已存在，且不是 tws 生成的专家评分表";
  if (sheet->scored > 0) return "已存在，且已填有 " + std::to_string(sheet->scored) + " 个评分（可能是专家交回的评分表）";
  return "";
}

}  // namespace

size_t returned_sheet_errors(Year& y, const std::vector<rules::EligibilityResult>& el) {
  const std::vector<records::ReviewEntry> entries = review_entries(y, el);
  Diagnostics found = y.in.returned_problems;
  for (const records::ReturnedSheet& r : y.in.returned)
    records::compare_returned(r, records::make_review_sheet(y.opt.year, r.expert, entries, y.settings), found);
  y.diags.append(found);
  return found.error_count();
}

std::vector<std::string> missing_experts(const Year& y, const std::vector<rules::EligibilityResult>& el) {
  std::vector<std::string> missing;
  if (std::none_of(el.begin(), el.end(), [](auto& e) { return e.eligible; })) return missing;  // nothing to score
  for (const std::string& expert : y.settings.review.experts)
    if (std::none_of(y.in.reviews.begin(), y.in.reviews.end(), [&](auto& r) { return r.expert == expert; }))
      missing.push_back(expert);
  return missing;
}

PhaseReport run_review_sheets(Year& y, registry::RegistryDb& db) {
  const std::string phase = "review-sheets";
  const std::vector<std::string>& experts = y.settings.review.experts;
  if (experts.empty()) {
    y.diags.error({year_ini(y)}, "未设置评审专家：请在 " + year_ini(y) +
                                     " 的 [review] 中填写 experts，专家之间用顿号或逗号分隔，如 experts = 张三、李四、王五");
    return fail(phase, "未设置评审专家（[review] experts），未写任何文件");
  }
  if (int(experts.size()) < y.settings.selection.min_experts) {
    y.diags.error(y.settings.where["review.experts"],
                  "[review] experts 只有 " + std::to_string(experts.size()) + " 位专家，少于 [selection] min_experts = " +
                      std::to_string(y.settings.selection.min_experts) + " 位（每项申报至少须有这么多专家评分）");
    return fail(phase, "评审专家人数不足，未写任何文件");
  }
  if (!y.in.has_applications) return fail(phase, "没有 applications.xlsx，无法生成专家评分表");
  if (size_t n = blocking_errors(y, phase)) return fail(phase, "输入有 " + std::to_string(n) + " 个错误，未写任何文件");
  // Eligibility as the select phase will judge it: the state before the year's select,
  // as of the publicity start.
  const rules::PublicityPeriod pub = rules::publicity_period(y.settings.publicity, y.today, y.cal);
  rules::Registry reg = rules::refresh_status(base_state(db, y, rules::Phase::Select), y.today);
  const std::vector<rules::EligibilityResult> el = decide_eligibility(y, reg, pub.start);
  if (size_t n = unsettled_doubts(y, el))
    return fail(phase, std::to_string(n) + " 项待核实事项尚无资格核实结论；资格审查完成后才能生成专家评分表，未写任何文件");
  const std::vector<records::ReviewEntry> entries = review_entries(y, el);
  if (entries.empty()) return fail(phase, "没有通过资格审查的申报，无需专家评审，未写任何文件");

  std::vector<std::pair<fs::path, records::ReviewSheet>> sheets;
  size_t refused = 0;
  for (const std::string& expert : experts) {
    sheets.emplace_back(sheet_path(y, expert), records::make_review_sheet(y.opt.year, expert, entries, y.settings));
    if (std::string why = not_replaceable(y, sheets.back().first); !why.empty()) {
      y.diags.error({sheets.back().first.string()}, why + "：为免覆盖，未写任何评分表；请先把它移出 " +
                                                        sheets.back().first.parent_path().string());
      ++refused;
    }
  }
  if (refused) return fail(phase, std::to_string(refused) + " 个评分表文件不能覆盖，未写任何文件");
  const std::string message = std::to_string(experts.size()) + " 位评审专家的专家评分表，每份 " +
                              std::to_string(entries.size()) + " 项申报";
  if (y.opt.forecast) return {phase, PhaseStatus::Done, message, {}};
  std::vector<std::string> written;
  for (auto& [path, sheet] : sheets) {
    const std::string before = fs::exists(path) ? file_bytes(path) : "";
    make_folders(path.parent_path());
    write_atomically(path, [&](const fs::path& tmp) { template_writer::write_review_sheet(tmp, templates_dir(), sheet); });
    if (file_bytes(path) != before) written.push_back(path.string());
  }
  // Done also when nothing changed: the sheets are no phase of the year (no record, no manifest).
  if (written.empty()) return {phase, PhaseStatus::Done, message + "，与已有的相同，未做任何改动", {}};
  return {phase, PhaseStatus::Done,
          message + "；专家交回的评分表放入 " + (y.opt.input / std::to_string(y.opt.year) / "reviews").string() + "/",
          written};
}

}  // namespace tws::pipeline::detail
