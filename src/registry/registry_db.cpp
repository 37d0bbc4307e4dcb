#include "registry/registry_db.h"

#include "common/atomic_file.h"
#include "common/run_lock.h"
#include "common/stage_timer.h"
#include "common/strings.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <cerrno>

#include <algorithm>
#include <map>
#include <sstream>
#include <unordered_map>
#include <stdexcept>

namespace tws::registry {
namespace fs = std::filesystem;
namespace {

// Version 1 schema. Later versions add steps to kMigrations; never edit a step.
const char* const kMigrations[] = {
    R"sql(
CREATE TABLE stations(
  code TEXT PRIMARY KEY, application_id TEXT NOT NULL, first_year INTEGER NOT NULL,
  name TEXT NOT NULL, department TEXT NOT NULL, occupation TEXT NOT NULL, leader TEXT NOT NULL,
  leader_id_number TEXT NOT NULL, annual_target INTEGER NOT NULL,
  term_start TEXT NOT NULL, term_end TEXT NOT NULL, term_years INTEGER NOT NULL,
  funding_years INTEGER NOT NULL, status TEXT NOT NULL, revoked_on TEXT,
  revocation_reason TEXT NOT NULL DEFAULT '', previous_code TEXT NOT NULL DEFAULT '');
CREATE TABLE station_members(
  station_code TEXT NOT NULL REFERENCES stations(code), seq INTEGER NOT NULL,
  name TEXT NOT NULL, level_label TEXT NOT NULL, is_leader INTEGER NOT NULL,
  PRIMARY KEY(station_code, seq));
CREATE TABLE assessments(
  station_code TEXT NOT NULL REFERENCES stations(code), year INTEGER NOT NULL,
  assessed_on TEXT NOT NULL, computed_total REAL NOT NULL, committee_score REAL,
  total REAL NOT NULL, grade TEXT NOT NULL, reasons TEXT NOT NULL,
  PRIMARY KEY(station_code, year));
CREATE TABLE assessment_items(
  station_code TEXT NOT NULL, year INTEGER NOT NULL, seq INTEGER NOT NULL,
  grp TEXT NOT NULL, name TEXT NOT NULL, points REAL NOT NULL, max_points REAL NOT NULL,
  reason TEXT NOT NULL, PRIMARY KEY(station_code, year, seq));
CREATE TABLE funding(
  station_code TEXT NOT NULL REFERENCES stations(code), year INTEGER NOT NULL,
  station_name TEXT NOT NULL, department TEXT NOT NULL, grade TEXT NOT NULL,
  amount REAL NOT NULL, reason TEXT NOT NULL, PRIMARY KEY(station_code, year));
CREATE TABLE revocations(
  station_code TEXT PRIMARY KEY REFERENCES stations(code), revoked_on TEXT NOT NULL,
  reason TEXT NOT NULL);
CREATE TABLE selections(
  year INTEGER PRIMARY KEY, publicity_start TEXT NOT NULL, publicity_end TEXT NOT NULL,
  recommended TEXT NOT NULL);
CREATE TABLE phases(
  year INTEGER NOT NULL, phase TEXT NOT NULL, inputs_sha256 TEXT NOT NULL,
  run_date TEXT NOT NULL, outputs TEXT NOT NULL, counts TEXT NOT NULL,
  PRIMARY KEY(year, phase));
CREATE TABLE runs(
  id INTEGER PRIMARY KEY AUTOINCREMENT, run_date TEXT NOT NULL, year INTEGER NOT NULL,
  phase TEXT NOT NULL, tool_version TEXT NOT NULL, inputs_sha256 TEXT NOT NULL,
  outputs TEXT NOT NULL, counts TEXT NOT NULL);
)sql",
    // Version 2: 发文字号 issued by the phases, one per (year, kind), unique per doc year.
    R"sql(
CREATE TABLE documents(
  year INTEGER NOT NULL, kind TEXT NOT NULL, doc_year INTEGER NOT NULL, serial INTEGER NOT NULL,
  number TEXT NOT NULL, date TEXT NOT NULL,
  PRIMARY KEY(year, kind), UNIQUE(doc_year, serial));
)sql",
    // Version 3: a phase's outputs as rows, in the order listed (seq), instead of the
    // JSON text of phases.outputs, which is read here for the last time.
    R"sql(
CREATE TABLE phase_outputs(
  year INTEGER NOT NULL, phase TEXT NOT NULL, seq INTEGER NOT NULL,
  path TEXT NOT NULL, sha256 TEXT NOT NULL,
  PRIMARY KEY(year, phase, seq));
INSERT INTO phase_outputs
  SELECT p.year, p.phase, o.key, json_extract(o.value, '$.path'), json_extract(o.value, '$.sha256')
  FROM phases p, json_each(p.outputs) o;
ALTER TABLE phases DROP COLUMN outputs;
)sql",
    // Version 4: phases done again on corrected inputs (--reissue).
    R"sql(
CREATE TABLE reissues(
  id INTEGER PRIMARY KEY AUTOINCREMENT, year INTEGER NOT NULL, phase TEXT NOT NULL,
  date TEXT NOT NULL, original_date TEXT NOT NULL,
  old_inputs_sha256 TEXT NOT NULL, new_inputs_sha256 TEXT NOT NULL);
)sql",
    // Version 5: the file moves of a phase whose registry transaction has not committed.
    R"sql(
CREATE TABLE pending_files(
  year INTEGER NOT NULL, phase TEXT NOT NULL, seq INTEGER NOT NULL, action TEXT NOT NULL,
  target TEXT NOT NULL, temp TEXT NOT NULL, backup TEXT NOT NULL, had_old INTEGER NOT NULL,
  sha256 TEXT NOT NULL, PRIMARY KEY(year, phase, seq));
)sql",
    // Version 6: the accounts of `tws serve` and its audit log (invariant 7).
    R"sql(
CREATE TABLE users(
  name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0, failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0, created TEXT NOT NULL, last_login TEXT NOT NULL DEFAULT '');
CREATE TABLE audit(
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT NOT NULL, action TEXT NOT NULL,
  what TEXT NOT NULL, sha256 TEXT NOT NULL, remote TEXT NOT NULL);
)sql",
};

// A failed statement: a refused write of the file (disk full, no permission, I/O error)
// as write_error naming it and the cause; anything else with SQLite's own words.
[[noreturn]] void sqlite_failed(sqlite3* db, const std::string& what) {
  const int code = sqlite3_errcode(db);
  const int err = sqlite3_system_errno(db);
  const char* file = sqlite3_db_filename(db, "main");
  if (file && *file) {
    if (code == SQLITE_FULL) throw write_error(file, ENOSPC);
    // Read-only although its mode allows writing (checked before it is opened): SQLite
    // fell back to reading after its read-write open failed, for a cause it may not keep.
    if (code == SQLITE_READONLY) throw write_error(file, is_io_error(err) ? err : EIO);
    // SQLite keeps the errno of its last call, not always of the failing one: a
    // failed read or write it does not explain is a disk I/O error.
    if (code == SQLITE_IOERR || code == SQLITE_CANTOPEN) throw write_error(file, is_io_error(err) ? err : EIO);
  }
  throw std::runtime_error(what + sqlite3_errmsg(db));
}

// A prepared statement with bound parameters only: nothing from input is ever
// pasted into SQL text.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &s_, nullptr) != SQLITE_OK) sqlite_failed(db, "登记库语句错误：");
  }
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt& bind(int i, const std::string& v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind(int i, long long v) { sqlite3_bind_int64(s_, i, v); return *this; }
  Stmt& bind(int i, int v) { sqlite3_bind_int64(s_, i, v); return *this; }
  Stmt& bind(int i, double v) { sqlite3_bind_double(s_, i, v); return *this; }
  Stmt& bind_null(int i) { sqlite3_bind_null(s_, i); return *this; }
  bool step() {
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite_failed(db_, "登记库读写失败：");
  }
  void run() {
    step();
    reset();
  }
  void reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  std::string text(int c) const {
    auto* p = sqlite3_column_text(s_, c);
    return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(s_, c)) : std::string();
  }
  long long integer(int c) const { return sqlite3_column_int64(s_, c); }
  double real(int c) const { return sqlite3_column_double(s_, c); }
  bool is_null(int c) const { return sqlite3_column_type(s_, c) == SQLITE_NULL; }

 private:
  sqlite3* db_;
  sqlite3_stmt* s_ = nullptr;
};

rules::Grade grade_from(const std::string& label) {
  if (label == "优秀") return rules::Grade::Excellent;
  if (label == "不合格") return rules::Grade::Fail;
  return rules::Grade::Pass;
}

rules::StationStatus status_from(const std::string& label) {
  if (label == "已撤销") return rules::StationStatus::Revoked;
  if (label == "聘期届满") return rules::StationStatus::Expired;
  return rules::StationStatus::Active;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  std::stringstream in(s);
  for (std::string x; std::getline(in, x, sep);) out.push_back(x);
  return out;
}

}  // namespace

std::string outputs_json(const std::vector<Output>& outputs) {
  std::string j = "[";
  for (auto& o : outputs)
    j += (j.size() > 1 ? "," : "") + std::string("{\"path\":") + json_string(o.path) + ",\"sha256\":\"" + o.sha256 + "\"}";
  return j + "]";
}

RegistryDb::RegistryDb(const fs::path& path) : path_(path) {
  // A registry that does not exist yet is created by the first commit, so a run
  // that fails before committing leaves no file behind.
  if (fs::exists(path)) open(false);
}

void RegistryDb::open(bool create) {
  if (create) {
    if (path_.has_parent_path()) make_folders(path_.parent_path());
    // Create it 0600 before SQLite opens it: it holds ID numbers.
    mode_t old = ::umask(077);
    int rc = sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    ::umask(old);
    if (rc != SQLITE_OK) {
      // As in sqlite_failed: the errno kept may be of a later call (a stat that found
      // no journal), so only a write error's own errno is named; otherwise a disk I/O error.
      const int err = sqlite3_system_errno(db_);
      sqlite3_close(db_);
      db_ = nullptr;
      throw write_error(path_, is_io_error(err) ? err : EIO);
    }
  } else if (sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    std::string why = db_ ? sqlite3_errmsg(db_) : "";
    sqlite3_close(db_);
    db_ = nullptr;
    throw std::runtime_error("无法打开登记库 " + path_.string() + "：" + why);
  }
  sqlite3_busy_timeout(db_, 5000);  // invariant 8
  try {
    exec("PRAGMA foreign_keys = ON");
    migrate();
  } catch (const std::runtime_error& e) {
    const int code = sqlite3_errcode(db_);
    if (code != SQLITE_NOTADB && code != SQLITE_CORRUPT) throw;
    sqlite3_close(db_);
    db_ = nullptr;
    throw EnvironmentError("登记库 " + path_.string() + " 已损坏或不是 SQLite 数据库，未做任何改动；请从备份恢复该文件");
  }
}

RegistryDb::~RegistryDb() { sqlite3_close(db_); }

void RegistryDb::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    sqlite3_free(err);
    sqlite_failed(db_, "登记库操作失败：");
  }
}

void RegistryDb::migrate() {
  Stmt v(db_, "PRAGMA user_version");
  v.step();
  int version = static_cast<int>(v.integer(0));
  if (version > kSchemaVersion)
    throw std::runtime_error("登记库 " + path_.string() + " 的版本（" + std::to_string(version) +
                             "）比本程序新（" + std::to_string(kSchemaVersion) + "），请升级 tws");
  if (version == kSchemaVersion) return;
  transaction(false, [&] {
    for (int step = version; step < kSchemaVersion; ++step) exec(kMigrations[step]);
    exec(("PRAGMA user_version = " + std::to_string(kSchemaVersion)).c_str());
  });
}

void RegistryDb::transaction(bool kill_points, const std::function<void()>& body) {
  exec("BEGIN IMMEDIATE");
  try {
    body();
    if (kill_points) crash_point();
    exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  if (kill_points) crash_point();
}

rules::Registry RegistryDb::load() const {
  StageTimer timer("registry");
  rules::Registry r;
  if (!db_) return r;
  Stmt s(db_, "SELECT code, application_id, first_year, name, department, occupation, leader, "
              "leader_id_number, annual_target, term_start, term_end, term_years, funding_years, "
              "status, revoked_on, revocation_reason, previous_code FROM stations ORDER BY code");
  while (s.step()) {
    rules::Station st;
    st.code = s.text(0);
    st.application_id = s.text(1);
    st.first_year = static_cast<int>(s.integer(2));
    st.name = s.text(3);
    st.department = s.text(4);
    st.occupation = s.text(5);
    st.leader = s.text(6);
    st.leader_id_number = s.text(7);
    st.annual_target = static_cast<int>(s.integer(8));
    st.term_start = parse_iso(s.text(9));
    st.term_end = parse_iso(s.text(10));
    st.term_years = static_cast<int>(s.integer(11));
    st.funding_years = static_cast<int>(s.integer(12));
    st.status = status_from(s.text(13));
    if (!s.is_null(14)) st.revoked_on = parse_iso(s.text(14));
    st.revocation_reason = s.text(15);
    st.previous_code = s.text(16);
    r.stations.push_back(std::move(st));
  }
  // Children are attached through an index, not a scan per row (quadratic).
  std::unordered_map<std::string, rules::Station*> station_by_code;
  for (auto& st : r.stations) station_by_code.emplace(st.code, &st);
  Stmt m(db_, "SELECT station_code, name, level_label, is_leader FROM station_members ORDER BY station_code, seq");
  while (m.step())
    if (auto it = station_by_code.find(m.text(0)); it != station_by_code.end())
      it->second->members.push_back({m.text(1), m.text(2), m.integer(3) != 0});
  Stmt a(db_, "SELECT station_code, year, assessed_on, computed_total, committee_score, total, grade, reasons "
              "FROM assessments ORDER BY year, station_code");
  while (a.step()) {
    rules::AssessmentResult x;
    x.station_code = a.text(0);
    x.year = static_cast<int>(a.integer(1));
    x.assessed_on = parse_iso(a.text(2));
    x.computed_total = a.real(3);
    if (!a.is_null(4)) x.committee_score = a.real(4);
    x.total = a.real(5);
    x.grade = grade_from(a.text(6));
    x.reasons = split(a.text(7), '\n');
    r.assessments.push_back(std::move(x));
  }
  Stmt i(db_, "SELECT station_code, year, grp, name, points, max_points, reason FROM assessment_items "
              "ORDER BY year, station_code, seq");
  std::map<std::pair<std::string, int>, std::vector<rules::AssessmentResult*>> assessment_by_key;
  for (auto& x : r.assessments) assessment_by_key[{x.station_code, x.year}].push_back(&x);
  while (i.step())
    if (auto it = assessment_by_key.find({i.text(0), static_cast<int>(i.integer(1))}); it != assessment_by_key.end())
      for (auto* x : it->second) x->items.push_back({i.text(2), i.text(3), i.real(4), i.real(5), i.text(6)});
  Stmt f(db_, "SELECT station_code, station_name, department, year, grade, amount, reason FROM funding "
              "ORDER BY year, station_code");
  while (f.step())
    r.funding.push_back({f.text(0), f.text(1), f.text(2), static_cast<int>(f.integer(3)),
                         grade_from(f.text(4)), f.real(5), f.text(6)});
  return r;
}

std::optional<Selection> RegistryDb::selection(int year) const {
  if (!db_) return std::nullopt;
  Stmt s(db_, "SELECT publicity_start, publicity_end, recommended FROM selections WHERE year = ?");
  s.bind(1, year);
  if (!s.step()) return std::nullopt;
  return Selection{year, s.text(0), s.text(1), split(s.text(2), ',')};
}

std::optional<PhaseRecord> RegistryDb::phase_record(int year, const std::string& phase) const {
  for (auto& p : phase_records())
    if (p.year == year && p.phase == phase) return p;
  return std::nullopt;
}

std::vector<PhaseRecord> RegistryDb::phase_records() const {
  std::vector<PhaseRecord> out;
  if (!db_) return out;
  Stmt s(db_, "SELECT year, phase, inputs_sha256, run_date, counts FROM phases ORDER BY year, phase");
  Stmt o(db_, "SELECT path, sha256 FROM phase_outputs WHERE year = ? AND phase = ? ORDER BY seq");
  while (s.step()) {
    PhaseRecord p{static_cast<int>(s.integer(0)), s.text(1), s.text(2), s.text(3), {}, s.text(4)};
    o.bind(1, p.year).bind(2, p.phase);
    while (o.step()) p.outputs.push_back({o.text(0), o.text(1)});
    o.reset();
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<Reissue> RegistryDb::reissues() const {
  std::vector<Reissue> out;
  if (!db_) return out;
  Stmt s(db_, "SELECT year, phase, date, original_date, old_inputs_sha256, new_inputs_sha256 FROM reissues ORDER BY id");
  while (s.step())
    out.push_back({static_cast<int>(s.integer(0)), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)});
  return out;
}

std::optional<IssuedDocument> RegistryDb::issued_document(int year, const std::string& kind) const {
  if (!db_) return std::nullopt;
  Stmt s(db_, "SELECT doc_year, serial, number, date FROM documents WHERE year = ? AND kind = ?");
  s.bind(1, year).bind(2, kind);
  if (!s.step()) return std::nullopt;
  return IssuedDocument{year, kind, static_cast<int>(s.integer(0)), static_cast<int>(s.integer(1)), s.text(2), s.text(3)};
}

int RegistryDb::next_serial(int doc_year, int first) const {
  if (!db_) return first;
  Stmt s(db_, "SELECT MAX(serial) FROM documents WHERE doc_year = ?");
  s.bind(1, doc_year);
  if (!s.step() || s.is_null(0)) return first;
  return std::max(first, static_cast<int>(s.integer(0)) + 1);
}

std::optional<IssuedDocument> RegistryDb::document_with_serial(int doc_year, int serial) const {
  if (!db_) return std::nullopt;
  Stmt s(db_, "SELECT year, kind, number, date FROM documents WHERE doc_year = ? AND serial = ?");
  s.bind(1, doc_year).bind(2, serial);
  if (!s.step()) return std::nullopt;
  return IssuedDocument{static_cast<int>(s.integer(0)), s.text(1), doc_year, serial, s.text(2), s.text(3)};
}

void RegistryDb::commit_phase(const rules::Registry& next, const PhaseRecord& rec,
                              const std::optional<Selection>& sel, const std::string& tool_version,
                              const std::vector<IssuedDocument>& documents, const std::optional<Reissue>& reissue,
                              const std::vector<std::string>& superseded) {
  StageTimer timer("registry");
  if (!db_) open(true);
  transaction(true, [&] {
    // The whole state is rewritten: small (hundreds of rows a year) and it makes the
    // stored state exactly the rules' state, with no partial updates to reason about.
    for (const char* t : {"assessment_items", "assessments", "funding", "revocations", "station_members", "stations"})
      exec((std::string("DELETE FROM ") + t).c_str());
    Stmt st(db_, "INSERT INTO stations VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    Stmt mem(db_, "INSERT INTO station_members VALUES(?,?,?,?,?)");
    Stmt rev(db_, "INSERT INTO revocations VALUES(?,?,?)");
    for (auto& s : next.stations) {
      st.bind(1, s.code).bind(2, s.application_id).bind(3, s.first_year).bind(4, s.name)
          .bind(5, s.department).bind(6, s.occupation).bind(7, s.leader).bind(8, s.leader_id_number)
          .bind(9, s.annual_target).bind(10, iso(s.term_start)).bind(11, iso(s.term_end))
          .bind(12, s.term_years).bind(13, s.funding_years).bind(14, rules::status_label(s.status));
      if (s.revoked_on) st.bind(15, iso(*s.revoked_on)); else st.bind_null(15);
      st.bind(16, s.revocation_reason).bind(17, s.previous_code);
      st.run();
      for (size_t k = 0; k < s.members.size(); ++k) {
        mem.bind(1, s.code).bind(2, static_cast<int>(k)).bind(3, s.members[k].name)
            .bind(4, s.members[k].level_label).bind(5, s.members[k].is_leader ? 1 : 0);
        mem.run();
      }
      if (s.revoked_on) {
        rev.bind(1, s.code).bind(2, iso(*s.revoked_on)).bind(3, s.revocation_reason);
        rev.run();
      }
    }
    Stmt as(db_, "INSERT INTO assessments VALUES(?,?,?,?,?,?,?,?)");
    Stmt it(db_, "INSERT INTO assessment_items VALUES(?,?,?,?,?,?,?,?)");
    for (auto& a : next.assessments) {
      as.bind(1, a.station_code).bind(2, a.year).bind(3, iso(a.assessed_on)).bind(4, a.computed_total);
      if (a.committee_score) as.bind(5, *a.committee_score); else as.bind_null(5);
      as.bind(6, a.total).bind(7, rules::grade_label(a.grade)).bind(8, join(a.reasons, "\n"));
      as.run();
      for (size_t k = 0; k < a.items.size(); ++k) {
        auto& x = a.items[k];
        it.bind(1, a.station_code).bind(2, a.year).bind(3, static_cast<int>(k)).bind(4, x.group).bind(5, x.name)
            .bind(6, x.points).bind(7, x.max_points).bind(8, x.reason);
        it.run();
      }
    }
    Stmt fu(db_, "INSERT INTO funding VALUES(?,?,?,?,?,?,?)");
    for (auto& f : next.funding) {
      fu.bind(1, f.station_code).bind(2, f.year).bind(3, f.station_name).bind(4, f.department)
          .bind(5, rules::grade_label(f.grade)).bind(6, f.amount).bind(7, f.reason);
      fu.run();
    }
    if (sel) {
      Stmt s(db_, "INSERT OR REPLACE INTO selections VALUES(?,?,?,?)");
      s.bind(1, sel->year).bind(2, sel->publicity_start).bind(3, sel->publicity_end).bind(4, join(sel->recommended, ","));
      s.run();
    }
    Stmt doc(db_, "INSERT OR REPLACE INTO documents VALUES(?,?,?,?,?,?)");
    for (auto& d : documents) {
      doc.bind(1, d.year).bind(2, d.kind).bind(3, d.doc_year).bind(4, d.serial).bind(5, d.number).bind(6, d.date);
      doc.run();
    }
    write_phase_record(rec);
    for (const std::string& phase : superseded)
      for (const char* t : {"phases", "phase_outputs"}) {
        Stmt del(db_, (std::string("DELETE FROM ") + t + " WHERE year = ? AND phase = ?").c_str());
        del.bind(1, rec.year).bind(2, phase);
        del.run();
      }
    if (reissue) {
      Stmt r(db_, "INSERT INTO reissues(year, phase, date, original_date, old_inputs_sha256, new_inputs_sha256) "
                  "VALUES(?,?,?,?,?,?)");
      r.bind(1, reissue->year).bind(2, reissue->phase).bind(3, reissue->date).bind(4, reissue->original_date)
          .bind(5, reissue->old_inputs_sha256).bind(6, reissue->new_inputs_sha256);
      r.run();
    }
    Stmt done(db_, "DELETE FROM pending_files WHERE year = ? AND phase = ?");
    done.bind(1, rec.year).bind(2, rec.phase);
    done.run();
    Stmt run(db_, "INSERT INTO runs(run_date, year, phase, tool_version, inputs_sha256, outputs, counts) "
                  "VALUES(?,?,?,?,?,?,?)");
    run.bind(1, rec.run_date).bind(2, rec.year).bind(3, rec.phase).bind(4, tool_version)
        .bind(5, rec.inputs_sha256).bind(6, outputs_json(rec.outputs)).bind(7, rec.counts);
    run.run();
  });
}

void RegistryDb::begin_pending(const std::vector<PendingFile>& files) {
  if (!db_) open(true);
  transaction(true, [&] {
    Stmt ins(db_, "INSERT INTO pending_files VALUES(?,?,?,?,?,?,?,?,?)");
    for (size_t k = 0; k < files.size(); ++k) {
      const PendingFile& f = files[k];
      ins.bind(1, f.year).bind(2, f.phase).bind(3, static_cast<int>(k)).bind(4, f.action).bind(5, f.target)
          .bind(6, f.temp).bind(7, f.backup).bind(8, f.had_old ? 1 : 0).bind(9, f.sha256);
      ins.run();
    }
  });
}

std::vector<PendingFile> RegistryDb::pending_files() const {
  std::vector<PendingFile> out;
  if (!db_) return out;
  Stmt s(db_, "SELECT year, phase, action, target, temp, backup, sha256, had_old FROM pending_files ORDER BY year, phase, seq");
  while (s.step())
    out.push_back({static_cast<int>(s.integer(0)), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6),
                   s.integer(7) != 0});
  return out;
}

void RegistryDb::drop_pending() {
  if (db_) exec("DELETE FROM pending_files");
}

// The phase record and its outputs, replacing those of an earlier run of the phase.
void RegistryDb::write_phase_record(const PhaseRecord& rec) {
  Stmt ph(db_, "INSERT OR REPLACE INTO phases(year, phase, inputs_sha256, run_date, counts) VALUES(?,?,?,?,?)");
  ph.bind(1, rec.year).bind(2, rec.phase).bind(3, rec.inputs_sha256).bind(4, rec.run_date).bind(5, rec.counts);
  ph.run();
  Stmt del(db_, "DELETE FROM phase_outputs WHERE year = ? AND phase = ?");
  del.bind(1, rec.year).bind(2, rec.phase);
  del.run();
  Stmt out(db_, "INSERT INTO phase_outputs(year, phase, seq, path, sha256) VALUES(?,?,?,?,?)");
  for (size_t k = 0; k < rec.outputs.size(); ++k) {
    out.bind(1, rec.year).bind(2, rec.phase).bind(3, static_cast<int>(k)).bind(4, rec.outputs[k].path)
        .bind(5, rec.outputs[k].sha256);
    out.run();
  }
}

bool RegistryDb::has_phases() const {
  if (!db_) return false;
  Stmt s(db_, "SELECT EXISTS(SELECT 1 FROM phases)");
  s.step();
  return s.integer(0) != 0;
}

void RegistryDb::create() {
  if (!db_) open(true);
}

namespace {

const char* const kUserColumns =
    "SELECT name, role, password_hash, disabled, failed_logins, locked_until, created, last_login FROM users";

UserRow user_row(const Stmt& s) {
  return UserRow{s.text(0), s.text(1), s.text(2), s.integer(3) != 0, static_cast<int>(s.integer(4)),
                 s.integer(5), s.text(6), s.text(7)};
}

}  // namespace

std::vector<UserRow> RegistryDb::users() const {
  std::vector<UserRow> out;
  if (!db_) return out;
  Stmt s(db_, (std::string(kUserColumns) + " ORDER BY name").c_str());
  while (s.step()) out.push_back(user_row(s));
  return out;
}

std::optional<UserRow> RegistryDb::user(const std::string& name) const {
  if (!db_) return std::nullopt;
  Stmt s(db_, (std::string(kUserColumns) + " WHERE name = ?").c_str());
  s.bind(1, name);
  if (!s.step()) return std::nullopt;
  return user_row(s);
}

bool RegistryDb::add_user(const UserRow& u) {
  create();
  Stmt s(db_, "INSERT OR IGNORE INTO users VALUES(?,?,?,?,?,?,?,?)");
  s.bind(1, u.name).bind(2, u.role).bind(3, u.password_hash).bind(4, u.disabled ? 1 : 0)
      .bind(5, u.failed_logins).bind(6, u.locked_until).bind(7, u.created).bind(8, u.last_login);
  s.run();
  return sqlite3_changes(db_) == 1;
}

bool RegistryDb::set_password_hash(const std::string& name, const std::string& hash) {
  if (!db_) return false;
  Stmt s(db_, "UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = 0 WHERE name = ?");
  s.bind(1, hash).bind(2, name);
  s.run();
  return sqlite3_changes(db_) == 1;
}

bool RegistryDb::set_disabled(const std::string& name, bool disabled) {
  if (!db_) return false;
  Stmt s(db_, "UPDATE users SET disabled = ? WHERE name = ?");
  s.bind(1, disabled ? 1 : 0).bind(2, name);
  s.run();
  return sqlite3_changes(db_) == 1;
}

int RegistryDb::count_failed_login(const std::string& name) {
  if (!db_) return 0;
  Stmt s(db_, "UPDATE users SET failed_logins = failed_logins + 1 WHERE name = ? RETURNING failed_logins");
  s.bind(1, name);
  const int n = s.step() ? static_cast<int>(s.integer(0)) : 0;
  s.reset();
  return n;
}

void RegistryDb::lock_user(const std::string& name, long long until) {
  if (!db_) return;
  Stmt s(db_, "UPDATE users SET locked_until = ?, failed_logins = 0 WHERE name = ?");
  s.bind(1, until).bind(2, name);
  s.run();
}

void RegistryDb::record_login(const std::string& name, const std::string& at) {
  if (!db_) return;
  Stmt s(db_, "UPDATE users SET failed_logins = 0, locked_until = 0, last_login = ? WHERE name = ?");
  s.bind(1, at).bind(2, name);
  s.run();
}

void RegistryDb::add_audit(const AuditRow& a) {
  create();
  Stmt s(db_, "INSERT INTO audit(at, user, action, what, sha256, remote) VALUES(?,?,?,?,?,?)");
  s.bind(1, a.at).bind(2, a.user).bind(3, a.action).bind(4, a.what).bind(5, a.sha256).bind(6, a.remote);
  s.run();
}

std::vector<AuditRow> RegistryDb::audit_rows(size_t limit) const {
  std::vector<AuditRow> out;
  if (!db_) return out;
  Stmt s(db_, "SELECT at, user, action, what, sha256, remote FROM audit ORDER BY id DESC LIMIT ?");
  s.bind(1, static_cast<long long>(limit));
  while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)});
  return out;
}

}  // namespace tws::registry
