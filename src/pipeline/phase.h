// What the files of src/pipeline share (private to the folder): the year being run,
// the gates every phase passes (year_run.cpp), the shared commit step (commit.cpp)
// and the three phases (select.cpp, approve.cpp, assess.cpp).
#pragma once
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "calendar/work_calendar.h"
#include "common/atomic_file.h"
#include "common/diagnostic.h"
#include "common/stage_timer.h"
#include "config/settings.h"
#include "documents/documents.h"
#include "pipeline/year_run.h"
#include "records/records.h"
#include "registry/registry_db.h"
#include "rules/rules.h"

namespace tws::pipeline::detail {

// The phases of a year, in the order `run` takes them.
inline const std::vector<std::string> kPhaseOrder = {"select", "approve", "assess"};
// The phases after `phase` that the registry has a record of for the year.
std::vector<std::string> later_phases_recorded(const registry::RegistryDb& db, int year, const std::string& phase);

// One run's view of its year: options, settings, calendar, the inputs as read.
struct Year {
  RunOptions opt;
  config::Settings settings;
  std::vector<std::filesystem::path> config_files;
  calendar::WorkCalendar cal;
  Date today{};
  std::filesystem::path out_dir;
  records::YearInput in;
  Diagnostics diags;
  std::vector<Doubt> doubts;  // the 待核实 items select stopped at
  std::optional<documents::Renderer> docs;  // fonts loaded at the run's first PDF
  // SHA-256 of each input and config file, read once per run (the inputs hash of every
  // phase and the manifest ask again; the run lock keeps the files as they were read).
  mutable std::map<std::filesystem::path, std::string> file_hashes;
  // Each config file's settings as read, "section.key=value" in file order (comments and
  // blank lines left out): what the inputs hash takes of a config file.
  std::map<std::filesystem::path, std::vector<std::string>> config_settings;
  std::string command;  // select | approve | assess | run
  // While a recorded phase is done again (--reissue): the record it replaces. Its
  // content keeps the dates of the first run (today and opt.date are the record's for
  // the phase); the reissue's own --date is reissue_date, recorded and printed in the
  // documents' 附注.
  std::optional<registry::PhaseRecord> redo;
  Date reissue_date{};
  // A phase of the year was reissued in this run: every later recorded phase of the
  // year is done again too (its base state changed, even when its inputs did not).
  bool cascade = false;
  // The records of later phases of the year that a reissued phase's commit removed (its
  // new state no longer holds their results): each is done again as a reissue of it.
  std::vector<registry::PhaseRecord> superseded;
};

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

// The selection decided from the inputs (select.cpp); approve decides it again to check
// it against the one published. Eligibility is judged as of the publicity start
// (criterion 9: 在申报日 … 尚在聘期内), the same day for both phases.
struct Selected {
  std::vector<rules::EligibilityResult> eligibility;
  rules::SelectionResult selection;
};
Selected decide_selection(const Year& y, const rules::Registry& reg, Date as_of);
// Its first step: 第二条、第三条、第四条 for every application (the 专家评分表 list the eligible ones).
std::vector<rules::EligibilityResult> decide_eligibility(const Year& y, const rules::Registry& reg, Date as_of);
// SPEC §2: a 待核实 item blocks selection until a 资格核实 row settles it. One error per
// item, at the application's row, saying where to record the finding. Returns how many.
size_t unsettled_doubts(Year& y, const std::vector<rules::EligibilityResult>& el);
// The registry as it stood before the phase of this year first ran (rules::state_before):
// a phase run again never sees the year's own results.
rules::Registry base_state(const registry::RegistryDb& db, const Year& y, rules::Phase phase);
std::vector<std::string> recommended_ids(const rules::SelectionResult& s);

// The phases, in the order `run` takes them.
// The call (启动申报通知) stands outside kPhaseOrder: no phase depends on it, so
// issuing or correcting it never touches the selection's records.
PhaseReport run_call(Year& y, registry::RegistryDb& db);
PhaseReport run_select(Year& y, registry::RegistryDb& db);
PhaseReport run_approve(Year& y, registry::RegistryDb& db);
PhaseReport run_assess(Year& y, registry::RegistryDb& db);
// `tws review-sheets` (review_sheets.cpp): one 专家评分表 per expert of [review] experts;
// no registry record, no step of `run`.
PhaseReport run_review_sheets(Year& y, registry::RegistryDb& db);
// The returned 专家评分表 (y.in.returned) each compared with the one written for its
// expert from `el`: errors at their cells into y.diags; returns how many.
size_t returned_sheet_errors(Year& y, const std::vector<rules::EligibilityResult>& el);
// The experts of [review] experts with no score yet (no sheet returned, no row in
// reviews.xlsx), while some application is eligible.
std::vector<std::string> missing_experts(const Year& y, const std::vector<rules::EligibilityResult>& el);

// --- year_run.cpp: the year and the gates of a phase ---
const std::string& file_hash(const Year& y, const std::filesystem::path& p);
// Worker threads for the PDFs: --jobs, else the machine's cores.
int jobs(const Year& y);
// The PDF documents' renderer, created at the first document of the run; each
// substitute face is reported then, once.
documents::Renderer& renderer(Year& y);
// Errors in the configuration or in the phase's own inputs.
size_t blocking_errors(const Year& y, const std::string& phase);
// SHA-256 over the configuration's settings and the phase's input files (name and
// content). A decision recorded for a later phase of the year ([approval] for select,
// [assessment] decided_on for select and approve) is not an input of the phase.
std::string inputs_hash(const Year& y, const std::string& phase);
PhaseReport fail(const std::string& phase, const std::string& why);
PhaseReport not_due(const std::string& phase, const std::string& why, Waiting waiting);
// Same inputs → nothing to do; changed inputs after the phase was done → refused, or
// with --reissue done again (y.redo set, y.today the first run's date). A later year
// with recorded phases depends on this one: refused.
std::optional<PhaseReport> already_done(const registry::RegistryDb& db, Year& y, const std::string& phase,
                                        const std::string& hash);

// f() counted under `stage` in the TWS_PROFILE totals (bench/run's split by stage).
template <class F>
auto timed(const char* stage, F&& f) {
  StageTimer t(stage);
  return f();
}

// --- commit.cpp: the step every phase ends with ---
// Stages a phase's document, and its .docx draft when it has one, (committed with the
// others by staged.commit()) and lists them in `outs` with their hashes, taken from the
// bytes.
// While reissuing, a document whose bytes differ from those the phase recorded is made
// again with the 更正 附注 (make() is called twice); an unchanged one stays as it was.
void stage_document(Year& y, const std::function<documents::Document()>& make, StagedFiles& staged, Outputs& outs);
// The 发文字号 a phase issues, dated `date`: `serial` when given (the office's register),
// else the serial recorded when the phase ran before in the same document year, else the
// next free serial of the document's year (institution.next_serial at the earliest).
registry::IssuedDocument issue_number(const Year& y, const registry::RegistryDb& db, const std::string& kind,
                                      Date date, int serial = 0);
// Whether `serial` (the office register's 发文字号 serial set at config `key`; 0 = none)
// is free for the year's `kind` dated `date`; else an error at the key, and false.
bool serial_free(Year& y, const registry::RegistryDb& db, const std::string& key, const std::string& kind, Date date,
                 int serial);
// The phase's end (commit.cpp's protocol): stages manifest.json, syncs the staged files,
// records the moves (T1), moves them and removes the files the phase recorded before
// and no longer makes (only while unchanged), then the registry's one transaction for the phase (T2): the
// next rules state, the phase record with its outputs and counts (marked when it
// replaces an earlier result), the selection and the documents issued, when given.
// Any failure undoes the moves before it is rethrown.
void commit_phase(const Year& y, registry::RegistryDb& db, StagedFiles& staged, const rules::Registry& next,
                  const std::string& phase, const std::string& hash, const Outputs& outs, const std::string& counts,
                  const std::optional<registry::Selection>& selection = std::nullopt,
                  const std::vector<registry::IssuedDocument>& documents = {});
// Undoes pending moves in reverse order: old files back from their backups, new files
// (by their hash) and temporaries removed.
void roll_back(const std::vector<registry::PendingFile>& files);
// The moves a command that did not finish left in the registry, undone (under the lock,
// before anything else is read).
void recover_pending(registry::RegistryDb& db);
// output/<year>/manifest.json's text for these phase records.
std::string manifest_text(const Year& y, const std::vector<registry::PhaseRecord>& records,
                          const std::vector<registry::Reissue>& reissues);
// output/<year>/manifest.json, from the registry.
void write_manifest(const Year& y, const registry::RegistryDb& db);

}  // namespace tws::pipeline::detail
