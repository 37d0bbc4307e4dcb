#include "pipeline/year_run.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <ostream>
#include <set>
#include <thread>
#include <unordered_map>

#include "calendar/work_calendar.h"
#include "common/atomic_file.h"
#include "common/paths.h"
#include "common/progress.h"
#include "common/run_lock.h"
#include "common/sha256.h"
#include "common/stage_timer.h"
#include "config/settings.h"
#include "documents/documents.h"
#include "documents/workbooks.h"
#include "records/records.h"
#include "registry/registry_db.h"
#include "rules/rules.h"
#include "tws_version.h"

namespace tws::pipeline {
namespace fs = std::filesystem;
namespace {

// Which input files each phase reads (by stem); errors in them stop the phase.
const std::map<std::string, std::vector<std::string>> kPhaseInputs = {
    {"select", {"applications", "reviews"}},
    {"approve", {"applications", "reviews", "objections"}},
    {"assess", {"performance"}},
};

struct Year {
  RunOptions opt;
  config::Settings settings;
  std::vector<fs::path> config_files;
  calendar::WorkCalendar cal;
  Date today{};
  fs::path out_dir;
  records::YearInput in;
  Diagnostics diags;
  std::optional<documents::Renderer> docs;  // fonts loaded at the run's first PDF
  // SHA-256 of each input and config file, read once per run (the inputs hash of every
  // phase and the manifest ask again; the run lock keeps the files as they were read).
  mutable std::map<fs::path, std::string> file_hashes;
};

const std::string& file_hash(const Year& y, const fs::path& p) {
  auto it = y.file_hashes.find(p);
  if (it == y.file_hashes.end()) it = y.file_hashes.emplace(p, sha256_file(p)).first;
  return it->second;
}

// Worker threads for the PDFs: --jobs, else the machine's cores.
int jobs(const Year& y) {
  if (y.opt.jobs > 0) return y.opt.jobs;
  return std::max(1, int(std::thread::hardware_concurrency()));
}

// The PDF documents' renderer (src/documents), created at the first document of the run;
// each substitute face is reported then, once.
documents::Renderer& renderer(Year& y) {
  if (!y.docs) {
    documents::Options o;
    o.fonts_ini = y.settings.output.fonts;
    if (o.fonts_ini.is_relative() && !fs::exists(o.fonts_ini) && fs::exists(fs::path(TWS_SOURCE_DIR) / o.fonts_ini))
      o.fonts_ini = fs::path(TWS_SOURCE_DIR) / o.fonts_ini;
    o.templates = templates_dir() / "documents";
    o.duplex = y.settings.output.duplex;
    o.preprinted = y.opt.letterhead == "preprinted";
    y.docs.emplace(y.settings, o);
    // --require-standard-fonts refuses substitute faces.
    auto substitutes = documents::font_substitutes(y.docs->fonts());
    if (y.opt.require_standard_fonts && !substitutes.empty()) {
      std::string list;
      for (auto& s : substitutes) list += "\n  " + s;
      throw EnvironmentError("要求使用标准字体（--require-standard-fonts），但以下角色使用了替代字体：" + list +
                             "\n请把授权字体放入 fonts/ 并在 fonts/fonts.ini 中排在首位");
    }
    for (auto& s : substitutes) y.diags.warning({fs::path(o.fonts_ini).string()}, "字体替代：" + s);
  }
  return *y.docs;
}

// A phase's output files in the order they are listed, each with its SHA-256 when the
// phase had its bytes at hand ("" when it is read from the file when listed).
struct Outputs {
  std::vector<std::string> paths;
  std::vector<std::string> sha256;

  void add(std::string path, std::string hash = {}) {
    paths.push_back(std::move(path));
    sha256.push_back(std::move(hash));
  }
};

// Stages a phase's document (committed with the others by staged.commit()) and lists it
// in `outs` with its hash, taken from the bytes.
void stage_document(const Year& y, const documents::Document& d, StagedFiles& staged, Outputs& outs) {
  std::string p = (y.out_dir / d.path).string();
  staged.stage(p, d.bytes, d.mode);
  outs.add(std::move(p), sha256_hex(d.bytes));
}

// The 发文字号 a phase issues: the one recorded when the phase ran before, else the next
// free serial of the document's year (institution.next_serial at the earliest).
registry::IssuedDocument issue_number(const Year& y, const registry::RegistryDb& db, const std::string& kind,
                                      Date date) {
  if (auto prev = db.issued_document(y.opt.year, kind)) return *prev;
  registry::IssuedDocument d;
  d.year = y.opt.year;
  d.kind = kind;
  d.doc_year = int(date.year());
  d.serial = db.next_serial(d.doc_year, y.settings.institution.next_serial);
  d.number = documents::document_number(y.settings.institution.doc_prefix, d.doc_year, d.serial);
  d.date = iso(date);
  return d;
}

// f() counted under `stage` in the TWS_PROFILE totals (bench/run's split by stage).
template <class F>
auto timed(const char* stage, F&& f) {
  StageTimer t(stage);
  return f();
}

bool blocks(const Diagnostic& d, const std::string& phase) {
  if (d.severity != Severity::Error) return false;
  if (d.where.file.empty()) return true;
  const fs::path file(d.where.file);
  for (auto& stem : kPhaseInputs.at(phase))
    if (file.stem() == stem) return true;
  // Problems in a config file or the year folder stop every phase.
  return file.extension() == ".ini" || fs::is_directory(file);
}

size_t blocking_errors(const Year& y, const std::string& phase) {
  size_t n = 0;
  for (auto& d : y.diags.items()) n += blocks(d, phase);
  return n;
}

std::optional<fs::path> input_path(const Year& y, const std::string& stem) {
  for (auto& f : y.in.files)
    if (f.stem() == stem) return f;
  return std::nullopt;
}

// SHA-256 over the configuration and the phase's input files (name and content).
std::string inputs_hash(const Year& y, const std::string& phase) {
  Sha256 h;
  for (auto& c : y.config_files) h.update(c.filename().string() + '\0' + file_hash(y, c) + '\n');
  for (auto& stem : kPhaseInputs.at(phase))
    if (auto p = input_path(y, stem)) h.update(p->filename().string() + '\0' + file_hash(y, *p) + '\n');
  return h.hex();
}

std::string json_string(const std::string& s) {
  std::string j = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') j += '\\', j += char(c);
    else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      j += buf;
    } else j += char(c);
  }
  return j + "\"";
}

std::string json_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// The outputs with their hashes: those known from the bytes written, the others read
// back from disk.
std::string outputs_json(const Outputs& outs, const fs::path& base) {
  std::string j = "[";
  for (std::size_t i = 0; i < outs.paths.size(); ++i) {
    const std::string& o = outs.paths[i];
    const std::string& hash = outs.sha256[i];
    j += (j.size() > 1 ? "," : "") + std::string("{\"path\":") + json_string(fs::relative(o, base).string()) +
         ",\"sha256\":\"" + (hash.empty() ? sha256_file(o) : hash) + "\"}";
  }
  return j + "]";
}

PhaseReport fail(const std::string& phase, const std::string& why) {
  return {phase, PhaseStatus::Failed, why, {}};
}
PhaseReport not_due(const std::string& phase, const std::string& why) {
  return {phase, PhaseStatus::NotDue, why, {}};
}

// Same inputs → nothing to do; changed inputs after the phase was done → refused.
std::optional<PhaseReport> already_done(const registry::RegistryDb& db, const Year& y, const std::string& phase,
                                        const std::string& hash) {
  auto rec = db.phase_record(y.opt.year, phase);
  if (!rec) return std::nullopt;
  if (rec->inputs_sha256 == hash)
    return PhaseReport{phase, PhaseStatus::Unchanged, "已于 " + rec->run_date + " 完成，输入未变，未做任何改动", {}};
  if (phase == "select" && !db.phase_record(y.opt.year, "approve")) return std::nullopt;  // corrections before approval
  if (y.opt.reissue) return std::nullopt;  // recorded as a reissue by reissue_note()
  return fail(phase, "该环节已于 " + rec->run_date + " 完成，此后输入或配置被修改；为防止已发文的结果被悄悄改变，本次拒绝执行"
                     "（确需更正并重新发文时加 --reissue）");
}

// Counts JSON of a phase, marked when it replaces an earlier result (--reissue).
std::string with_reissue(const registry::RegistryDb& db, const Year& y, const std::string& phase, std::string counts) {
  auto rec = db.phase_record(y.opt.year, phase);
  if (!rec) return counts;
  counts.pop_back();
  return counts + ",\"reissue_of\":\"" + rec->inputs_sha256 + "\"}";
}

Date eligibility_date(const Year& y) {
  if (!y.settings.publicity.start_date.empty()) return parse_iso(y.settings.publicity.start_date);
  return y.today;
}

struct Selected {
  std::vector<rules::EligibilityResult> eligibility;
  rules::SelectionResult selection;
};

Selected decide_selection(const Year& y, const rules::Registry& reg) {
  Selected s;
  StageTimer t("rules");
  s.eligibility = rules::check_eligibility(y.in, reg, eligibility_date(y), y.settings.eligibility);
  s.selection = rules::select(y.in.applications, s.eligibility, y.in.reviews, y.settings.selection);
  return s;
}

std::vector<std::string> recommended_ids(const rules::SelectionResult& s) {
  std::vector<std::string> ids;
  for (auto& c : s.candidates)
    if (c.recommended) ids.push_back(c.application_id);
  return ids;
}

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

// Forms of applications that a corrected input no longer has.
void remove_stale_forms(const Year& y, const Outputs& outs) {
  const fs::path dir = y.out_dir / "申报认定表";
  if (!fs::is_directory(dir)) return;
  std::set<std::string> forms;
  for (const std::string& o : outs.paths) {
    const fs::path p(o);
    if (p.parent_path().filename() == "申报认定表") forms.insert(p.filename().string());
  }
  for (auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".pdf" && !forms.count(e.path().filename().string())) fs::remove(e.path());
}

PhaseReport run_select(Year& y, registry::RegistryDb& db) {
  const std::string phase = "select";
  if (!y.in.has_applications) return not_due(phase, "没有 applications.xlsx，跳过资格审查与评审");
  if (!y.in.has_reviews) return not_due(phase, "尚无专家评分（reviews.xlsx），资格审查与评审待评分后进行");
  if (size_t n = blocking_errors(y, phase)) return fail(phase, "输入有 " + std::to_string(n) + " 个错误，未写任何文件");
  std::string hash = inputs_hash(y, phase);
  if (auto done = already_done(db, y, phase, hash)) return *done;

  rules::Registry reg = db.load();
  reg = timed("rules", [&] { return rules::refresh_status(std::move(reg), y.today); });
  const Selected s = decide_selection(y, reg);
  if (s.selection.diags.has_errors()) {
    y.diags.append(s.selection.diags);
    return fail(phase, "评分数据有误，未写任何文件");
  }
  rules::PublicityPeriod pub = timed("rules", [&] { return rules::publicity_period(y.settings.publicity, y.today, y.cal); });
  // Every output is staged (written to a hidden temporary file) before any target changes:
  // a character no font has stops the phase with nothing written. The forms stream to
  // disk as they are made.
  StagedFiles staged;
  const records::ByApplication by_application(y.in);  // for the 公示名单, the forms and the workbook
  const fs::path out = y.out_dir / "资格审查汇总.xlsx";
  Outputs outs;  // the workbook, the 公示名单, then the forms in application order
  outs.add(out.string());
  try {
    auto& r = renderer(y);  // its font warnings are listed in the workbook too
    stage_document(y, r.publicity(y.opt.year, by_application, s.eligibility, s.selection, pub, pub.start), staged,
                   outs);
    stage_forms(y, r, by_application, s, staged, outs);
  } catch (const documents::DocumentError& e) {
    y.diags.append(e.diags);
    return fail(phase, "文书无法生成（见上面的错误），未写任何文件");
  }
  timed("xlsx", [&] {
    staged.stage_written(out, [&](const fs::path& tmp) {
      documents::write_selection_workbook(tmp, y.settings, y.opt.year, y.opt.date, y.in, by_application, s.eligibility,
                               s.selection, pub, y.diags);
    });
    return 0;
  });
  staged.commit();
  remove_stale_forms(y, outs);
  registry::Selection sel{y.opt.year, iso(pub.start), iso(pub.end), recommended_ids(s.selection)};
  size_t eligible = std::count_if(s.eligibility.begin(), s.eligibility.end(), [](auto& e) { return e.eligible; });
  std::string counts = "{\"applications\":" + std::to_string(y.in.applications.size()) +
                       ",\"eligible\":" + std::to_string(eligible) +
                       ",\"recommended\":" + std::to_string(sel.recommended.size()) + "}";
  db.commit_phase(reg, {y.opt.year, phase, hash, y.opt.date, outputs_json(outs, y.opt.output), with_reissue(db, y, phase, counts)}, sel,
                  TWS_VERSION);
  return {phase, PhaseStatus::Done,
          std::to_string(y.in.applications.size()) + " 项申报，" + std::to_string(eligible) + " 项符合条件，推荐 " +
              std::to_string(sel.recommended.size()) + " 项；公示期 " + sel.publicity_start + " 至 " + sel.publicity_end,
          std::move(outs.paths)};
}

PhaseReport run_approve(Year& y, registry::RegistryDb& db) {
  const std::string phase = "approve";
  auto stored = db.selection(y.opt.year);
  if (!stored) return not_due(phase, "尚未完成遴选（tws select），无法认定");
  rules::PublicityPeriod pub;
  pub.start = parse_iso(stored->publicity_start);
  pub.end = parse_iso(stored->publicity_end);
  pub.workdays = y.settings.publicity.workdays;
  if (!rules::publicity_ended(pub, y.today))
    return not_due(phase, "公示期至 " + stored->publicity_end + "，尚未结束（运行日期 " + y.opt.date + "）");
  Date approval = y.cal.next_workday(pub.end);
  if (std::chrono::sys_days(approval) > std::chrono::sys_days(y.today))
    return not_due(phase, "认定日期 " + iso(approval) + " 尚未到来");
  if (size_t n = blocking_errors(y, phase)) return fail(phase, "输入有 " + std::to_string(n) + " 个错误，未写任何文件");
  std::string hash = inputs_hash(y, phase);
  if (auto done = already_done(db, y, phase, hash)) return *done;

  rules::Registry reg = db.load();
  reg = timed("rules", [&] { return rules::refresh_status(std::move(reg), approval); });
  // The selection is decided again, to check it against the one published and to
  // continue from it.
  const Selected s = decide_selection(y, reg);
  if (recommended_ids(s.selection) != stored->recommended)
    return fail(phase, "申报或评分数据在公示后被修改，建议名单与公示的不一致；请恢复公示时的输入");
  rules::ApprovalResult a = timed("rules", [&] {
    return rules::approve(s.selection, s.eligibility, y.in, reg, pub, approval, y.settings.funding);
  });
  if (a.diags.has_errors()) {
    y.diags.append(a.diags);
    return fail(phase, "认定数据有误，未写任何文件");
  }
  rules::Registry next = timed("rules", [&] { return rules::apply_approval(std::move(reg), a); });
  registry::IssuedDocument number = issue_number(y, db, "认定通知", approval);
  // The 认定通知 and the workbook are staged and committed together.
  StagedFiles staged;
  fs::path out = y.out_dir / "认定名单.xlsx";
  Outputs outs;
  outs.add(out.string());
  try {
    auto& r = renderer(y);
    stage_document(y, r.approval_notice(y.opt.year, y.in, a, pub, approval, number.number), staged, outs);
  } catch (const documents::DocumentError& e) {
    y.diags.append(e.diags);
    return fail(phase, "文书无法生成（见上面的错误），未写任何文件");
  }
  timed("xlsx", [&] {
    staged.stage_written(out, [&](const fs::path& tmp) {
      documents::write_approval_workbook(tmp, y.settings, y.opt.year, y.opt.date, a, pub);
    });
    return 0;
  });
  staged.commit();
  std::string counts = "{\"recommended\":" + std::to_string(a.decisions.size()) +
                       ",\"approved\":" + std::to_string(a.stations.size()) + "}";
  db.commit_phase(next, {y.opt.year, phase, hash, y.opt.date, outputs_json(outs, y.opt.output), with_reissue(db, y, phase, counts)},
                  std::nullopt, TWS_VERSION, {number});
  return {phase, PhaseStatus::Done,
          "认定 " + std::to_string(a.stations.size()) + " 个工作站（" + iso(approval) + "）",
          std::move(outs.paths)};
}

PhaseReport run_assess(Year& y, registry::RegistryDb& db) {
  const std::string phase = "assess";
  if (!y.in.has_performance) return not_due(phase, "没有 performance.xlsx，跳过年度考核");
  // The blank template uploaded: no 通报 or 经费下达通知 is issued for nobody.
  if (y.in.performance.empty() && !y.diags.has_errors())
    return not_due(phase, "performance.xlsx 中没有考核数据行，跳过年度考核");
  if (size_t n = blocking_errors(y, phase)) return fail(phase, "输入有 " + std::to_string(n) + " 个错误，未写任何文件");
  std::string hash = inputs_hash(y, phase);
  if (auto done = already_done(db, y, phase, hash)) return *done;

  rules::Registry reg = db.load();
  reg = timed("rules", [&] { return rules::refresh_status(std::move(reg), y.today); });
  rules::AssessmentOutcome o = timed("rules", [&] { return rules::assess(y.in.performance, reg, y.today, y.settings.assessment); });
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
  registry::IssuedDocument number = issue_number(y, db, "考核结果通报", y.today);
  // The PDFs and the workbook are staged and committed together.
  fs::path out = y.out_dir / "考核汇总.xlsx";
  Outputs outs;
  outs.add(out.string());
  StagedFiles staged;
  try {
    auto& r = renderer(y);
    stage_document(y, r.assessment_report(y.opt.year, o, next, plan, y.today, number.number), staged, outs);
    stage_document(y, r.funding_notice(y.opt.year, plan, next, y.today), staged, outs);
  } catch (const documents::DocumentError& e) {
    y.diags.append(e.diags);
    return fail(phase, "文书无法生成（见上面的错误），未写任何文件");
  }
  timed("xlsx", [&] {
    staged.stage_written(out, [&](const fs::path& tmp) {
      documents::write_assessment_workbook(tmp, y.settings, y.opt.year, y.opt.date, y.in.performance, next, o, plan);
    });
    return 0;
  });
  staged.commit();
  std::map<std::string, int> grades;
  for (auto& r : o.results) ++grades[rules::grade_label(r.grade)];
  std::string counts = "{\"assessed\":" + std::to_string(o.results.size()) + ",\"excellent\":" +
                       std::to_string(grades["优秀"]) + ",\"pass\":" + std::to_string(grades["合格"]) +
                       ",\"fail\":" + std::to_string(grades["不合格"]) +
                       ",\"funding_total\":" + json_number(plan.total) + "}";
  db.commit_phase(next, {y.opt.year, phase, hash, y.opt.date, outputs_json(outs, y.opt.output), with_reissue(db, y, phase, counts)},
                  std::nullopt, TWS_VERSION, {number});
  return {phase, PhaseStatus::Done,
          std::to_string(o.results.size()) + " 个工作站考核：优秀 " + std::to_string(grades["优秀"]) + "，合格 " +
              std::to_string(grades["合格"]) + "，不合格 " + std::to_string(grades["不合格"]) + "（撤销 " +
              std::to_string(o.revocations.size()) + "）；下达经费 " + rules::amount_in_figures(plan.total) + " 元（" +
              rules::amount_in_words(plan.total) + "）",
          std::move(outs.paths)};
}

// Temporary files of a run that was killed before it could rename them.
void remove_stale_temporaries(const fs::path& dir) {
  if (!fs::is_directory(dir)) return;
  for (auto& e : fs::recursive_directory_iterator(dir)) {
    std::string name = e.path().filename().string();
    if (e.is_regular_file() && name.size() > 1 && name[0] == '.' && name.find(".tmp") != std::string::npos)
      fs::remove(e.path());
  }
}

// output/<year>/manifest.json: every input and config file with its hash, and each
// committed phase of the year with its outputs, hashes and decision counts — all
// taken from the registry, so the manifest always agrees with it.
void write_manifest(const Year& y, const registry::RegistryDb& db) {
  std::string j = "{\n  \"tool\": \"tws\",\n  \"version\": \"" TWS_VERSION "\",\n  \"year\": " +
                  std::to_string(y.opt.year) + ",\n  \"config\": [";
  bool first = true;
  for (auto& c : y.config_files) {
    j += std::string(first ? "\n" : ",\n") + "    {\"path\": " + json_string(c.string()) + ", \"sha256\": \"" +
         file_hash(y, c) + "\"}";
    first = false;
  }
  j += "\n  ],\n  \"inputs\": [";
  first = true;
  for (auto& f : y.in.files) {
    j += std::string(first ? "\n" : ",\n") + "    {\"path\": " + json_string(f.string()) + ", \"sha256\": \"" +
         file_hash(y, f) + "\", \"size\": " + std::to_string(fs::file_size(f)) + "}";
    first = false;
  }
  j += "\n  ],\n  \"phases\": [";
  first = true;
  for (auto& p : db.phase_records()) {
    if (p.year != y.opt.year) continue;
    j += std::string(first ? "\n" : ",\n") + "    {\"phase\": \"" + p.phase + "\", \"date\": \"" + p.run_date +
         "\", \"inputs_sha256\": \"" + p.inputs_sha256 + "\", \"counts\": " + p.counts +
         ", \"outputs\": " + p.outputs + "}";
    first = false;
  }
  j += "\n  ]\n}\n";
  write_file_atomically(y.out_dir / "manifest.json", j);
}

void append_log(const fs::path& log, const RunOptions& o, const std::string& which, const RunReport& r) {
  fs::create_directories(log.parent_path());
  std::ofstream out(log, std::ios::app);
  out << "== tws " << which << " --year " << o.year << " --date " << o.date << " (tws " TWS_VERSION ")\n";
  for (auto& d : r.diags.items()) out << format_diagnostic(d) << "\n";
  print_summary(r, out);
}

}  // namespace

bool RunReport::failed() const {
  if (diags.has_errors()) return true;
  return std::any_of(phases.begin(), phases.end(), [](auto& p) { return p.status == PhaseStatus::Failed; });
}

RunReport run_phases(const RunOptions& opt, const std::string& which) {
  RunReport report;
  Year y;
  y.opt = opt;
  y.settings = config::load_settings(opt.config, report.diags);
  y.config_files.push_back(opt.config);
  fs::path year_ini = opt.input / std::to_string(opt.year) / "tws.ini";
  if (fs::exists(year_ini)) {
    y.settings = config::load_settings(year_ini, report.diags, y.settings);
    y.config_files.push_back(year_ini);
  }
  y.cal = calendar::WorkCalendar::load(templates_dir() / "calendar");
  y.today = parse_iso(opt.date);
  y.out_dir = opt.output / std::to_string(opt.year);
  y.in = records::load_year(opt.input, opt.year, y.settings, y.diags);
  fs::path reg_path = opt.registry.empty() ? fs::path(y.settings.output.registry) : opt.registry;
  RunLock lock(reg_path);
  remove_stale_temporaries(y.out_dir);
  registry::RegistryDb db(reg_path);

  std::vector<std::string> phases = which == "run" ? std::vector<std::string>{"select", "approve", "assess"}
                                                   : std::vector<std::string>{which};
  for (auto& phase : phases) {
    PhaseReport r;
    try {
      if (phase == "select") r = run_select(y, db);
      else if (phase == "approve") r = run_approve(y, db);
      else r = run_assess(y, db);
    } catch (const rules::RulesError& e) {
      r = fail(phase, e.what());
    } catch (const CalendarError& e) {
      r = fail(phase, e.what());
    }
    report.phases.push_back(std::move(r));
  }
  report.diags.append(y.diags);
  bool done = std::any_of(report.phases.begin(), report.phases.end(), [](auto& p) { return p.status == PhaseStatus::Done; });
  if (done || (!db.phase_records().empty() && !fs::exists(y.out_dir / "manifest.json") &&
               std::any_of(report.phases.begin(), report.phases.end(), [](auto& p) { return p.status == PhaseStatus::Unchanged; })))
    write_manifest(y, db);
  append_log(y.out_dir / "run.log", opt, which, report);
  return report;
}

std::vector<std::string> verify_year(const RunOptions& opt, size_t& checked) {
  Diagnostics diags;
  config::Settings settings = config::load_settings(opt.config, diags);
  fs::path reg_path = opt.registry.empty() ? fs::path(settings.output.registry) : opt.registry;
  if (!fs::exists(reg_path)) throw InputError({reg_path.string()}, "登记库不存在：该年度尚未运行");
  registry::RegistryDb db(reg_path);
  static const std::regex entry(R"re(\{"path":"((?:[^"\\]|\\.)*)","sha256":"([0-9a-f]{64})"\})re");
  std::vector<std::string> problems;
  checked = 0;
  bool any = false;
  for (auto& rec : db.phase_records()) {
    if (rec.year != opt.year) continue;
    any = true;
    for (auto it = std::sregex_iterator(rec.outputs.begin(), rec.outputs.end(), entry); it != std::sregex_iterator(); ++it) {
      std::string rel;
      std::string raw = (*it)[1];
      for (size_t i = 0; i < raw.size(); ++i) rel += raw[i] == '\\' && i + 1 < raw.size() ? raw[++i] : raw[i];
      fs::path file = opt.output / rel;
      ++checked;
      if (!fs::exists(file)) problems.push_back("缺失：" + file.string() + "（" + rec.phase + "，" + rec.run_date + "）");
      else if (sha256_file(file) != (*it)[2].str())
        problems.push_back("已被修改：" + file.string() + "（" + rec.phase + "，" + rec.run_date + " 生成后内容有变）");
    }
  }
  if (!any) throw InputError({reg_path.string()}, std::to_string(opt.year) + " 年度没有任何已完成的环节可核对");
  return problems;
}

void print_summary(const RunReport& report, std::ostream& out) {
  static const std::map<std::string, std::string> names = {
      {"select", "资格审查与评审"}, {"approve", "认定"}, {"assess", "年度考核与经费"}};
  static const char* status[] = {"完成", "无变化", "未到/跳过", "失败"};
  for (auto& p : report.phases) {
    out << "【" << names.at(p.phase) << "】" << status[static_cast<int>(p.status)] << "：" << p.message << "\n";
    for (auto& o : p.outputs) out << "    写入 " << o << "\n";
  }
  out << "错误 " << report.diags.error_count() << " 个，警告 " << report.diags.warning_count() << " 个。\n";
}

}  // namespace tws::pipeline
