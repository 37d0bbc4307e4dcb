// The year's phases as the command line runs them: read inputs, apply the rules,
// write the outputs (each atomically), then commit the registry in one transaction
// (invariant 1 of registry_db.h). A phase that cannot be trusted writes nothing.
#pragma once
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "common/diagnostic.h"

namespace tws::pipeline {

struct RunOptions {
  std::filesystem::path config = "input/tws.ini";
  std::filesystem::path input = "input";
  std::filesystem::path output = "output";
  std::filesystem::path registry;  // empty: from the config
  int year = 0;
  std::string date;                // the run's "today", YYYY-MM-DD
  bool quiet = false, verbose = false;
  bool reissue = false;  // redo a phase whose inputs changed after it was done
  bool require_standard_fonts = false;  // a substitute face is an error (exit 3)
  std::string letterhead = "print";  // print | preprinted (套红纸: the 版头 left blank)
  int jobs = 0;  // PDF workers (--jobs); 0 = the machine's cores. Output is the same for any value.
  bool new_registry = false;  // start a registry although earlier years' manifests exist
  // A forecast (check_year for the web page): each phase stops where it would start
  // writing and reports Done with the message it would give; no document is laid out.
  bool forecast = false;
};

enum class PhaseStatus {
  Done,      // ran and committed
  Unchanged, // already done on the same inputs: nothing written
  NotDue,    // inputs missing or its date has not come
  Failed,    // input problems: nothing written, registry untouched
};

// What a phase that is not due waits for.
enum class Waiting { Nothing, Inputs, Date, Decision, EarlierPhase };

struct PhaseReport {
  std::string phase;  // select | approve | assess
  PhaseStatus status = PhaseStatus::NotDue;
  std::string message;  // one line for the user (Chinese)
  std::vector<std::string> outputs;  // paths of the files written
  Waiting waiting = Waiting::Nothing;  // NotDue: why
};

// A 待核实 item select stopped at (SPEC §2): a row of reviews.xlsx's 资格核实 sheet settles it.
struct Doubt {
  std::string application_id, clause;  // 2026-03, 第四条（一）
  std::string what;                    // what is to be verified
};

struct RunReport {
  std::vector<PhaseReport> phases;
  Diagnostics diags;
  std::vector<Doubt> doubts;
  bool failed() const;
};

// One phase by name ("call", "select", "approve", "assess"), or every phase in order
// ("run": the call when the year has one, then select, approve, assess) — each only when
// its inputs exist and its date has come.
RunReport run_phases(const RunOptions& options, const std::string& which);

// `tws check`: every phase `run` would do now, done on a copy of the registry into a
// temporary folder removed afterwards; the report is the one run would give. Writes
// nothing of the user's (no output, no registry change, no lock, no run.log).
RunReport check_year(const RunOptions& options);

// `tws verify`: re-hashes every output the registry recorded for the year and
// returns one line per file changed or missing since its run (empty = all intact).
// `checked` receives the number of files compared.
std::vector<std::string> verify_year(const RunOptions& options, size_t& checked);

// Prints the one-screen summary of a run.
void print_summary(const RunReport& report, std::ostream& out);

}  // namespace tws::pipeline
