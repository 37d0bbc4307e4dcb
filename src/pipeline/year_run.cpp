// The year as a run sees it (settings, calendar, inputs), the gates every phase passes
// before it does anything, the order of the phases in `run`, and `tws verify`. Each
// phase is in its own file (select.cpp, approve.cpp, assess.cpp); the step they end
// with is in commit.cpp.
#include "pipeline/year_run.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <regex>
#include <ostream>
#include <sstream>
#include <set>
#include <thread>

#include "common/paths.h"
#include "common/run_lock.h"
#include "common/sha256.h"
#include "common/strings.h"
#include "pipeline/overview.h"
#include "pipeline/phase.h"
#include "tws_version.h"

namespace tws::pipeline {
namespace fs = std::filesystem;
namespace detail {
namespace {

// Which input files each phase reads (by stem); errors in them stop the phase.
const std::map<std::string, std::vector<std::string>> kPhaseInputs = {
    {"call", {}},
    {"select", {"applications", "reviews"}},
    {"approve", {"applications", "reviews", "objections"}},
    {"assess", {"performance"}},
    {"review-sheets", {"applications", "reviews"}},
};

bool blocks(const Diagnostic& d, const std::string& phase) {
  if (d.severity != Severity::Error) return false;
  if (d.where.file.empty()) return true;
  const fs::path file(d.where.file);
  // The 专家评分表 returned into reviews/ are the scores of select (approve reads them again).
  if (file.filename() == "reviews" || file.parent_path().filename() == "reviews")
    return phase == "select" || phase == "approve";
  for (auto& stem : kPhaseInputs.at(phase))
    if (lower_ascii(file.stem().string()) == stem) return true;
  // Problems in a config file or the year folder stop every phase.
  return file.extension() == ".ini" || fs::is_directory(file);
}

std::optional<fs::path> input_path(const Year& y, const std::string& stem) {
  for (auto& f : y.in.files)
    if (lower_ascii(f.stem().string()) == stem) return f;
  return std::nullopt;
}

}  // namespace

const std::string& file_hash(const Year& y, const fs::path& p) {
  auto it = y.file_hashes.find(p);
  if (it == y.file_hashes.end()) it = y.file_hashes.emplace(p, sha256_file(p)).first;
  return it->second;
}

int jobs(const Year& y) {
  if (y.opt.jobs > 0) return y.opt.jobs;
  return std::max(1, int(std::thread::hardware_concurrency()));
}

// fonts.ini is looked up beside the sources too (TWS_SOURCE_DIR, defined for this file
// only), so a build runs from any folder.
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

size_t blocking_errors(const Year& y, const std::string& phase) {
  size_t n = 0;
  for (auto& d : y.diags.items()) n += blocks(d, phase);
  return n;
}

namespace {

bool before(const std::string& phase, const std::string& later) {
  return std::find(kPhaseOrder.begin(), kPhaseOrder.end(), phase) <
         std::find(kPhaseOrder.begin(), kPhaseOrder.end(), later);
}

// The phase a year-only key records the decision of: approve for [approval], assess for
// [assessment] decided_on; "" for the rules every phase reads.
std::string decided_by(const std::string& key) {
  if (!config::year_only_key(key)) return "";
  if (key.rfind("call.", 0) == 0) return "call";
  return key.rfind("approval.", 0) == 0 ? "approve" : "assess";
}

// Whether the 启动申报通知 reads `key`: [call], the institution, the contact, the
// publicity's length, the conditions it announces, the term, the output's look.
bool call_reads(const std::string& key) {
  static const std::vector<std::string> prefixes = {
      "call.", "institution.", "publicity.contact", "publicity.address", "publicity.workdays",
      "eligibility.min_skilled_members", "eligibility.leader_counts", "eligibility.min_area_m2",
      "eligibility.min_annual_target", "funding.term_years", "output."};
  return std::any_of(prefixes.begin(), prefixes.end(), [&](auto& p) { return key.rfind(p, 0) == 0; });
}

// Whether `phase`'s inputs hash takes `key`: the call its own keys; the other phases
// every key but [call], [brief] (only `tws brief` reads it) and the decisions of later phases.
bool phase_reads(const std::string& phase, const std::string& key) {
  if (phase == "call") return call_reads(key);
  if (key.rfind("call.", 0) == 0 || key.rfind("brief.", 0) == 0) return false;
  const std::string later = decided_by(key);
  return later.empty() || !before(phase, later);
}

// A config file as the phase reads it: its settings, without the decisions of later phases.
std::string config_digest(const Year& y, const fs::path& file, const std::string& phase) {
  Sha256 h;
  auto it = y.config_settings.find(file);
  if (it == y.config_settings.end()) return h.hex();
  for (const std::string& line : it->second)
    if (phase_reads(phase, line.substr(0, line.find('=')))) h.update(line + '\n');
  return h.hex();
}

// The hash the phases recorded before config files were taken by their settings (their
// bytes): a phase recorded so is unchanged while its files are.
std::string bytes_hash(const Year& y, const std::string& phase) {
  Sha256 h;
  for (auto& c : y.config_files) h.update(c.filename().string() + '\0' + file_hash(y, c) + '\n');
  for (auto& stem : kPhaseInputs.at(phase))
    if (auto p = input_path(y, stem))  // renaming reviews.XLSX to reviews.xlsx changes no input
      h.update(lower_ascii(p->filename().string()) + '\0' + file_hash(y, *p) + '\n');
  return h.hex();
}

}  // namespace

std::string inputs_hash(const Year& y, const std::string& phase) {
  Sha256 h;
  for (auto& c : y.config_files) h.update(c.filename().string() + '\0' + config_digest(y, c, phase) + '\n');
  for (auto& stem : kPhaseInputs.at(phase))
    if (auto p = input_path(y, stem)) h.update(p->filename().string() + '\0' + file_hash(y, *p) + '\n');
  if (phase == "select" || phase == "approve")
    for (auto& p : y.in.returned_files) h.update("reviews/" + p.filename().string() + '\0' + file_hash(y, p) + '\n');
  return h.hex();
}

PhaseReport fail(const std::string& phase, const std::string& why) {
  return {phase, PhaseStatus::Failed, why, {}};
}
PhaseReport not_due(const std::string& phase, const std::string& why, Waiting waiting) {
  return {phase, PhaseStatus::NotDue, why, {}, waiting};
}

namespace {


// The first later year with a recorded phase, if any: its results rest on this year's.
std::optional<int> later_year_recorded(const registry::RegistryDb& db, const Year& y) {
  for (auto& p : db.phase_records())
    if (p.year > y.opt.year) return p.year;
  return std::nullopt;
}


}  // namespace

std::vector<std::string> later_phases_recorded(const registry::RegistryDb& db, int year, const std::string& phase) {
  std::vector<std::string> later;
  auto at = std::find(kPhaseOrder.begin(), kPhaseOrder.end(), phase);
  if (at == kPhaseOrder.end()) return later;  // the call: no phase depends on it
  for (auto it = at + 1; it != kPhaseOrder.end(); ++it)
    if (db.phase_record(year, *it)) later.push_back(*it);
  return later;
}

namespace {

PhaseReport later_year_refusal(const Year& y, const std::string& phase, int later) {
  const std::string year = std::to_string(y.opt.year);
  return fail(phase, std::to_string(later) + " 年度已有完成的环节，其结果以 " + year + " 年度为依据；" + year +
                         " 年度的环节不能在其后执行或更正（各年度须按顺序运行），本次未做任何改动");
}

}  // namespace

rules::Registry base_state(const registry::RegistryDb& db, const Year& y, rules::Phase phase) {
  return timed("rules", [&] { return rules::state_before(db.load(), y.opt.year, phase); });
}

std::optional<PhaseReport> already_done(const registry::RegistryDb& db, Year& y, const std::string& phase,
                                        const std::string& hash) {
  auto rec = db.phase_record(y.opt.year, phase);
  for (auto& s : y.superseded)
    if (!rec && s.phase == phase) rec = s;
  if (rec && (rec->inputs_sha256 == hash || rec->inputs_sha256 == bytes_hash(y, phase)) && !y.cascade)
    return PhaseReport{phase, PhaseStatus::Unchanged, "已于 " + rec->run_date + " 完成，输入未变，未做任何改动", {}};
  if (auto later = later_year_recorded(db, y)) return later_year_refusal(y, phase, *later);
  if (!rec) return std::nullopt;
  if (phase == "select" && !db.phase_record(y.opt.year, "approve")) return std::nullopt;  // corrections before approval
  if (!y.opt.reissue)
    return fail(phase, "该环节已于 " + rec->run_date + " 完成，此后输入或配置被修改；为防止已发文的结果被悄悄改变，本次拒绝执行"
                       "（确需更正并重新发文时加 --reissue）");
  auto later = later_phases_recorded(db, y.opt.year, phase);
  if (y.command != "run" && !later.empty())
    return fail(phase, "本年度其后的环节（" + join(later, "、") + "）已完成，更正须连同它们一起重做；请改用 tws run --year " +
                           std::to_string(y.opt.year) + " --reissue");
  for (auto& p : later) y.superseded.push_back(*db.phase_record(y.opt.year, p));
  // Done again as of its first run: the same dates on every document and workbook.
  y.redo = rec;
  y.reissue_date = y.today;
  y.today = parse_iso(rec->run_date);
  y.opt.date = rec->run_date;
  return std::nullopt;
}

}  // namespace detail

namespace {
using namespace detail;

// A config file's settings and the SHA-256 of the bytes they were read from: hashed
// before and after reading, so a file replaced meanwhile is noticed.
config::Settings load_config(Year& y, const fs::path& file, Diagnostics& diags, const config::Settings* base) {
  std::ifstream in(file, std::ios::binary);
  const std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Sha256 bytes;
  bytes.update(content);
  const std::string before = bytes.hex();
  config::Settings s = base ? config::load_year_settings(file, diags, *base) : config::load_settings(file, diags);
  if (sha256_file(file) != before)
    throw EnvironmentError("配置文件 " + file.string() + " 在读取过程中被修改，本次未做任何改动；请等修改完成后重新运行");
  y.file_hashes[file] = before;
  y.config_settings[file] = config::setting_lines(content);
  y.config_files.push_back(file);
  return s;
}

// Settings (input/tws.ini, then input/<year>/tws.ini over it), calendar and inputs;
// each input file is hashed from the very bytes parsed.
void load_year(Year& y, const RunOptions& opt, Diagnostics& diags) {
  y.opt = opt;
  y.settings = fs::exists(opt.config) ? load_config(y, opt.config, diags, nullptr) : config::load_settings(opt.config, diags);
  if (!fs::exists(opt.config)) y.config_files.push_back(opt.config);
  fs::path year_ini = opt.input / std::to_string(opt.year) / "tws.ini";
  if (fs::exists(year_ini)) y.settings = load_config(y, year_ini, diags, &y.settings);
  y.cal = calendar::WorkCalendar::load(templates_dir() / "calendar");
  y.today = parse_iso(opt.date);
  y.out_dir = opt.output / std::to_string(opt.year);
  y.in = records::load_year(opt.input, opt.year, y.settings, y.diags);
  for (auto& h : y.in.honours)
    if (std::string why = rules::honour_level_conflict(h); !why.empty()) y.diags.warning(h.level_where, why);
  for (auto& [file, hash] : y.in.file_sha256) y.file_hashes[file] = hash;
}

// The years of the output folder that have been run (their manifest.json exists).
std::vector<std::string> years_run(const fs::path& output) {
  std::vector<std::string> years;
  if (!fs::is_directory(output)) return years;
  for (auto& e : fs::directory_iterator(output))
    if (e.is_directory() && fs::exists(e.path() / "manifest.json")) years.push_back(e.path().filename().string());
  std::sort(years.begin(), years.end());
  return years;
}

// A registry that would start afresh (`what` says why) while years have been run, as if
// they never happened: refused unless --new-registry.
void refuse_fresh_start(const fs::path& reg, const RunOptions& opt, const std::string& what) {
  if (opt.new_registry) return;
  const std::vector<std::string> years = years_run(opt.output);
  if (years.empty()) return;
  throw EnvironmentError("登记库 " + reg.string() + what + "，但 " + (opt.output / years.front() / "manifest.json").string() +
                         " 等表明 " + join(years, "、") +
                         " 年度已经运行过；为免当作从未运行而重新开始，本次未做任何改动。请从备份恢复登记库；"
                         "确需新建登记库时加 --new-registry");
}

// The registry as a writing command finds it, before it is opened: a missing or empty
// (0-byte) file while years have been run (refuse_fresh_start); a read-only one was made
// so by someone, and tws does not change the mode of a file it did not create.
void check_registry(const fs::path& reg, const RunOptions& opt) {
  struct stat st {};
  const bool found = ::stat(reg.c_str(), &st) == 0;
  if (found && !S_ISREG(st.st_mode))
    throw EnvironmentError("登记库 " + reg.string() + " 不是普通文件，本次未做任何改动");
  if (found && (st.st_mode & S_IWUSR) == 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", unsigned(st.st_mode & 07777));
    throw EnvironmentError("登记库 " + reg.string() + " 是只读文件（权限 " + mode +
                           "），本次未做任何改动；tws 不会更改它的权限。确需继续时请由管理员恢复写权限（如 chmod 600 " +
                           reg.string() + "）后再运行");
  }
  if (!found || st.st_size == 0) refuse_fresh_start(reg, opt, found ? " 是空文件（0 字节）" : " 不存在");
}

PhaseReport run_named_phase(Year& y, registry::RegistryDb& db, const std::string& phase) {
  try {
    if (phase == "call") return run_call(y, db);
    if (phase == "review-sheets") return run_review_sheets(y, db);
    if (phase == "select") return run_select(y, db);
    if (phase == "approve") return run_approve(y, db);
    return run_assess(y, db);
  } catch (const rules::RulesError& e) {
    return fail(phase, e.what());
  } catch (const CalendarError& e) {
    return fail(phase, e.what());
  }
}

// One phase by name; errors of the rules or the calendar fail it alone. A reissued
// phase runs on its first run's date (already_done()); the run's own date comes back
// after it, and the later recorded phases of the year follow it.
PhaseReport run_phase(Year& y, registry::RegistryDb& db, const std::string& phase) {
  const Date today = y.today;
  const std::string date = y.opt.date;
  PhaseReport r = run_named_phase(y, db, phase);
  if (y.redo && r.status == PhaseStatus::Done) {
    y.cascade = true;
    r.message += "（更正：按 " + y.opt.date + " 的原日期重做，" + date + " 重新印发）";
  }
  y.redo.reset();
  y.today = today;
  y.opt.date = date;
  return r;
}

// What `run` takes: the call first when the year has one (set or issued), then the phases.
std::vector<std::string> run_order(const Year& y, const registry::RegistryDb& db) {
  std::vector<std::string> phases = kPhaseOrder;
  if (!y.settings.call.issue_date.empty() || db.phase_record(y.opt.year, "call")) phases.insert(phases.begin(), "call");
  return phases;
}

// The earliest year before this one whose input folder holds spreadsheets but which
// has no recorded phase: its results (stations, revocations) decide this year's.
std::optional<int> unrun_earlier_year(const Year& y, const registry::RegistryDb& db) {
  if (!fs::is_directory(y.opt.input)) return std::nullopt;
  std::set<int> recorded;
  for (auto& p : db.phase_records()) recorded.insert(p.year);
  std::set<int> years;
  for (auto& e : fs::directory_iterator(y.opt.input)) {
    const std::string name = e.path().filename().string();
    if (!e.is_directory() || name.size() != 4 || !std::all_of(name.begin(), name.end(), ::isdigit)) continue;
    int year = std::stoi(name);
    if (year >= y.opt.year || recorded.count(year)) continue;
    for (auto& [phase, stems] : kPhaseInputs)
      for (auto& stem : stems)
        if (records::find_input_file(e.path(), stem)) years.insert(year);
  }
  if (years.empty()) return std::nullopt;
  return *years.begin();
}

bool any_status(const RunReport& r, PhaseStatus s) {
  return std::any_of(r.phases.begin(), r.phases.end(), [s](auto& p) { return p.status == s; });
}

// Temporaries and backups a command that was killed left (".<name>.tmp<pid>",
// ".<name>.old<pid>"), once its pending moves are undone: no other file is touched.
void remove_stale_temporaries(const fs::path& dir) {
  static const std::regex ours(R"(\..+\.(tmp|old)[0-9]+)");
  if (!fs::is_directory(dir)) return;
  for (auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && std::regex_match(e.path().filename().string(), ours)) fs::remove(e.path());
}

// run.log names input cells and echoes their text: readable by the owner and the
// group only (0640), like the internal 申报（认定）表.
void append_log(const fs::path& log, const RunOptions& o, const std::string& which, const RunReport& r) {
  fs::create_directories(log.parent_path());
  std::ostringstream out;
  out << "== tws " << which << " --year " << o.year << " --date " << o.date << " (tws " TWS_VERSION ")\n";
  for (auto& d : r.diags.items()) out << format_diagnostic(d) << "\n";
  print_summary(r, out);
  const std::string text = out.str();
  int fd = ::open(log.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) throw write_error(log, errno);
  (void)::fchmod(fd, 0640);  // a log another user created keeps its mode: only its owner may change it
  const ssize_t n = ::write(fd, text.data(), text.size());
  const int write_err = n < 0 ? errno : n != ssize_t(text.size()) ? ENOSPC : 0;  // short: the disk is full
  const int close_err = ::close(fd) == 0 ? 0 : errno;
  if (write_err || close_err) throw write_error(log, write_err ? write_err : close_err);
}

}  // namespace

bool RunReport::failed() const {
  if (diags.has_errors()) return true;
  return std::any_of(phases.begin(), phases.end(), [](auto& p) { return p.status == PhaseStatus::Failed; });
}

// The registry path: --registry, else the config's output.registry.
fs::path registry_path(const RunOptions& opt) {
  if (!opt.registry.empty()) return opt.registry;
  Diagnostics ignored;  // reported when the year is loaded
  return config::load_settings(opt.config, ignored).output.registry;
}

RunReport run_phases(const RunOptions& opt, const std::string& which) {
  RunReport report;
  // The lock first, then everything else is read: an input replaced during the run
  // waits for the next one.
  const fs::path reg_path = registry_path(opt);
  RunLock lock(reg_path);
  check_registry(reg_path, opt);
  registry::RegistryDb db(reg_path);
  recover_pending(db);
  // A file holding only the accounts of `tws serve` (`tws user add` made it) is new too.
  if (fs::exists(reg_path) && !db.has_phases()) refuse_fresh_start(reg_path, opt, " 中没有任何已运行的环节");
  Year y;
  load_year(y, opt, report.diags);
  remove_stale_temporaries(y.out_dir);

  y.command = which;
  std::vector<std::string> phases = which == "run" ? run_order(y, db) : std::vector<std::string>{which};
  if (auto earlier = unrun_earlier_year(y, db)) {
    const std::string e = std::to_string(*earlier);
    report.diags.error({(opt.input / e).string()}, e + " 年度有输入文件但从未运行；各年度须按顺序运行，请先运行 tws run --year " +
                                                       e + "，再运行 " + std::to_string(opt.year) + " 年度");
    phases.clear();
  }
  for (auto& phase : phases) report.phases.push_back(run_phase(y, db, phase));
  report.diags.append(y.diags);
  report.doubts = y.doubts;
  // Each phase publishes the manifest with its files; one lost since is written again.
  if (any_status(report, PhaseStatus::Unchanged) && !fs::exists(y.out_dir / "manifest.json")) write_manifest(y, db);
  append_log(y.out_dir / "run.log", opt, which, report);
  return report;
}

std::vector<std::string> verify_year(const RunOptions& opt, size_t& checked) {
  Diagnostics diags;
  config::Settings settings = config::load_settings(opt.config, diags);
  fs::path reg_path = opt.registry.empty() ? fs::path(settings.output.registry) : opt.registry;
  if (!fs::exists(reg_path)) throw InputError({reg_path.string()}, "登记库不存在：该年度尚未运行");
  RunLock lock(reg_path);
  registry::RegistryDb db(reg_path);
  recover_pending(db);  // what a killed run left half-moved is undone before it is checked
  std::vector<std::string> problems;
  checked = 0;
  bool any = false;
  for (auto& rec : db.phase_records()) {
    if (rec.year != opt.year) continue;
    any = true;
    for (auto& o : rec.outputs) {
      fs::path file = opt.output / o.path;
      ++checked;
      if (!fs::exists(file)) problems.push_back("缺失：" + file.string() + "（" + rec.phase + "，" + rec.run_date + "）");
      else if (sha256_file(file) != o.sha256)
        problems.push_back("已被修改：" + file.string() + "（" + rec.phase + "，" + rec.run_date + " 生成后内容有变）");
    }
  }
  if (!any) throw InputError({reg_path.string()}, std::to_string(opt.year) + " 年度没有任何已完成的环节可核对");
  return problems;
}

void print_summary(const RunReport& report, std::ostream& out) {
  static const char* status[] = {"完成", "无变化", "未到/跳过", "失败"};
  for (auto& p : report.phases) {
    out << "【" << phase_title(p.phase) << "】" << status[static_cast<int>(p.status)] << "：" << printable(p.message) << "\n";
    for (auto& o : p.outputs) out << "    写入 " << printable(o) << "\n";
  }
  out << "错误 " << report.diags.error_count() << " 个，警告 " << report.diags.warning_count() << " 个。\n";
}

}  // namespace tws::pipeline
