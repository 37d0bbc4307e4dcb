// The registry: one SQLite file holding every station, term, assessment, funding
// line and revocation across years, the publicity period of each year's selection,
// which phases have run on which inputs, and a log of runs.
//
// Invariants (SPEC §5):
//  1. The file changes only inside commit_phase(), in one transaction that writes the
//     whole next state of the rules (rules::Registry) plus the phase record and the
//     run log line; callers call it only after every output of the phase exists.
//  2. A phase of a year is recorded with the SHA-256 of its inputs; running it again
//     on the same inputs changes nothing (phase_record() lets the caller skip).
//  3. The schema is versioned by PRAGMA user_version; migrate() brings any older
//     file forward inside a transaction; a newer file is refused.
//  4. The file is created mode 0600 (it holds ID numbers); the mode of an existing
//     file is never changed.
//  5. A phase's outputs are rows of phase_outputs, replaced with its phase record in
//     commit_phase()'s transaction; nothing parses them back from text.
//  6. Files being moved into place are rows of pending_files (schema 5), committed by
//     begin_pending() before the first move and removed by commit_phase()'s
//     transaction: rows left over mean that transaction never committed, and the moves
//     are to be undone (src/pipeline/commit.cpp).
//  7. The accounts of `tws serve` and its audit log (tables users and audit, schema 6)
//     are the exception to invariant 1: they change outside commit_phase(), each change
//     in its own small transaction (one statement), and never touch the rules' state,
//     the phase records or pending_files. A file holding only them has never run a
//     phase (has_phases() is false): the pipeline treats it as a new registry.
//  8. Writers wait up to 5 s for one another (busy timeout): the web server records
//     audit rows while a run may be committing.
#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "rules/state.h"

struct sqlite3;

namespace tws::registry {

// What the select phase fixed for a year: the publicity period and the list.
struct Selection {
  int year = 0;
  std::string publicity_start, publicity_end;  // ISO dates
  std::vector<std::string> recommended;        // 申报编号 in rank order
};

// A file a phase wrote: its path relative to the output folder (2026/认定通知.pdf) and
// the SHA-256 of the bytes written.
struct Output {
  std::string path;
  std::string sha256;
  bool operator==(const Output&) const = default;
};

struct PhaseRecord {
  int year = 0;
  std::string phase;            // select | approve | assess
  std::string inputs_sha256;    // over the phase's input files and the config
  std::string run_date;         // --date of the run that did it
  std::vector<Output> outputs;  // in the order the phase listed them (table phase_outputs)
  std::string counts;           // JSON: decision counts
};

// The outputs as JSON, [{"path":…,"sha256":…}] without spaces: how manifest.json and
// the run log spell them.
std::string outputs_json(const std::vector<Output>& outputs);

// A numbered document issued by a phase (发文字号 德职院政发〔2026〕18号): allocated once,
// the same number on every re-run of the phase (schema version 2).
struct IssuedDocument {
  int year = 0;           // the programme year whose phase issued it
  std::string kind;       // e.g. 认定通知
  int doc_year = 0;       // the year inside 〔〕 (the document's date)
  int serial = 0;         // the number before 号
  std::string number;     // the full 发文字号
  std::string date;       // ISO 成文日期
};

// A phase done again on corrected inputs (--reissue, schema version 4): when, and which
// inputs it replaced. The phase record keeps the date of the phase's first run (the
// date its documents bear); this row is the only trace of the correction.
struct Reissue {
  int year = 0;
  std::string phase;
  std::string date;            // --date of the reissue
  std::string original_date;   // the phase's run date, kept on its documents
  std::string old_inputs_sha256, new_inputs_sha256;
};

// A file move of a phase being committed: `target` replaced by `temp` (action "write",
// sha256 of the new bytes) or removed (action "delete"); when it existed (had_old), it
// is kept as `backup` (a hard link) until the registry has committed.
struct PendingFile {
  int year = 0;
  std::string phase;
  std::string action;  // write | delete
  std::string target, temp, backup, sha256;
  bool had_old = false;
};

// An account of `tws serve` (table users). locked_until: unix time, 0 when not locked.
struct UserRow {
  std::string name, role, password_hash;
  bool disabled = false;
  int failed_logins = 0;
  long long locked_until = 0;
  std::string created, last_login;  // "YYYY-MM-DD HH:MM:SS", last_login "" before the first
};

// A line of the audit log (table audit), in the order written (id).
struct AuditRow {
  std::string at, user, action, what, sha256, remote;
};

class RegistryDb {
 public:
  // Opens and migrates an existing file; a missing one reads as empty and is
  // created (with its folders) by the first begin_pending(), commit_phase() or
  // account or audit writer (create(), add_user(), add_audit()). A file
  // that is not an SQLite database, or a corrupt one, is an EnvironmentError naming it.
  explicit RegistryDb(const std::filesystem::path& path);
  ~RegistryDb();
  RegistryDb(const RegistryDb&) = delete;
  RegistryDb& operator=(const RegistryDb&) = delete;

  static constexpr int kSchemaVersion = 6;

  rules::Registry load() const;
  std::optional<Selection> selection(int year) const;
  std::optional<PhaseRecord> phase_record(int year, const std::string& phase) const;
  std::vector<PhaseRecord> phase_records() const;
  // Every reissue recorded, in the order made.
  std::vector<Reissue> reissues() const;
  // The document of this kind the year's phase issued before, if any.
  std::optional<IssuedDocument> issued_document(int year, const std::string& kind) const;
  // The next free serial of doc_year: max(first, highest issued + 1).
  int next_serial(int doc_year, int first) const;
  // The document issued under this serial of doc_year, if any.
  std::optional<IssuedDocument> document_with_serial(int doc_year, int serial) const;

  // One transaction: the next rules state, the phase record, the selection (when
  // given) and a run-log line. Throws std::runtime_error and rolls back on failure.
  // `documents`: numbered documents the phase issued (kept when already recorded).
  // `superseded`: phases of the same year whose results `next` no longer holds (the
  // later phases of a reissued one): their records are removed.
  void commit_phase(const rules::Registry& next, const PhaseRecord& record,
                    const std::optional<Selection>& selection, const std::string& tool_version,
                    const std::vector<IssuedDocument>& documents = {},
                    const std::optional<Reissue>& reissue = std::nullopt,
                    const std::vector<std::string>& superseded = {});

  // One transaction recording the moves about to be made (invariant 6).
  void begin_pending(const std::vector<PendingFile>& files);
  std::vector<PendingFile> pending_files() const;
  // Forgets every pending move (after they were undone).
  void drop_pending();

  // Whether any phase has been recorded (false for a missing file, or one holding
  // only accounts): a registry without phases is a new one.
  bool has_phases() const;

  // Accounts and audit (invariant 7); each writer is one statement, and creates the
  // file (mode 0600) when missing.
  void create();  // creates the file now when missing
  std::vector<UserRow> users() const;  // by name
  std::optional<UserRow> user(const std::string& name) const;
  bool add_user(const UserRow& row);  // false: the name is taken
  // The setters return false when there is no such user.
  bool set_password_hash(const std::string& name, const std::string& hash);  // also unlocks
  bool set_disabled(const std::string& name, bool disabled);
  // Adds one to failed_logins and returns the new count (0: no such user).
  int count_failed_login(const std::string& name);
  // Locks until `until` and starts the count again.
  void lock_user(const std::string& name, long long until);
  // A successful login at `at`: the count and any lock are cleared.
  void record_login(const std::string& name, const std::string& at);
  void add_audit(const AuditRow& row);
  std::vector<AuditRow> audit_rows(size_t limit) const;  // newest first


 private:
  void open(bool create);
  void migrate();
  void write_phase_record(const PhaseRecord& rec);
  void exec(const char* sql);
  // body() inside BEGIN IMMEDIATE … COMMIT, rolled back when it throws; with kill
  // points (the crash test's TWS_TEST_KILL_AT) just before and after the COMMIT.
  void transaction(bool kill_points, const std::function<void()>& body);
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
};

}  // namespace tws::registry
