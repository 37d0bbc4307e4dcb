// `tws brief` (pipeline/brief.h). The brief is not a phase: it changes no record, so
// it can be made again at any time after the assessment (a corrected assessment, a new
// [brief] reader list) and no phase's inputs hash reads [brief].
#include "pipeline/brief.h"

#include <fstream>
#include <iterator>
#include <regex>

#include "common/atomic_file.h"
#include "common/run_lock.h"
#include "pipeline/overview.h"
#include "pipeline/phase.h"

namespace tws::pipeline {
namespace fs = std::filesystem;

namespace {

// A count the select phase recorded in its counts ({"applications":12,…}); 0 when absent.
int recorded_count(const std::optional<registry::PhaseRecord>& rec, const std::string& key) {
  std::smatch m;
  if (!rec || !std::regex_search(rec->counts, m, std::regex("\"" + key + "\":([0-9]+)"))) return 0;
  return std::stoi(m[1]);
}

// Whether an existing file is a brief tws wrote: its Info names tws as the creator and
// 工作简报 (UTF-16 hex, as render::pdf writes it) as the subject.
bool ours(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return bytes.rfind("%PDF-", 0) == 0 && bytes.find("/Creator (tws)") != std::string::npos &&
         bytes.find("/Subject <FEFF5DE54F5C7B8062A5>") != std::string::npos;
}

}  // namespace

BriefResult write_brief(const RunOptions& opt) {
  const std::string year = std::to_string(opt.year);
  const fs::path reg_path = registry_path(opt);
  if (!fs::exists(reg_path)) throw InputError({reg_path.string()}, "登记库不存在：尚未运行任何年度，无法编印工作简报");
  RunLock lock(reg_path);
  registry::RegistryDb db(reg_path);
  const auto assess = db.phase_record(opt.year, "assess");
  if (!assess)
    throw InputError({reg_path.string()}, year + " 年度的年度考核尚未完成，无法编印工作简报；请先运行 tws run --year " + year);
  if (opt.date < assess->run_date)
    throw InputError({}, "简报日期 " + opt.date + " 早于 " + year + " 年度考核的日期 " + assess->run_date + "（--date）");

  detail::Year y;
  y.opt = opt;
  Diagnostics diags;
  y.settings = config::load_settings(opt.config, diags);
  int first = opt.year;
  for (auto& p : db.phase_records()) first = std::min(first, p.year);
  documents::BriefFigures f;
  f.issue = y.settings.brief.first_issue + opt.year - first;
  const auto select = db.phase_record(opt.year, "select");
  f.applications = recorded_count(select, "applications");
  f.eligible = recorded_count(select, "eligible");
  if (auto sel = db.selection(opt.year))
    for (auto& id : sel->recommended) f.publicized += !id.empty();

  const fs::path target = opt.output / year / "工作简报.pdf";
  if (fs::exists(target) && !ours(target))
    throw InputError({target.string()}, "该文件已存在，但不是 tws 编印的工作简报；为免覆盖他人的文件，本次未写入。请将其改名或移走后重新运行");
  documents::Document doc = detail::renderer(y).brief(opt.year, f, db.load(), parse_iso(opt.date));
  make_folders(target.parent_path());
  write_file_atomically(target, doc.bytes, doc.mode);
  return {target, f.issue, doc.pages};
}

}  // namespace tws::pipeline
