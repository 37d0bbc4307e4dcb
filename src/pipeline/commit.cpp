// The step every phase ends with, once its documents are made: stage them with their
// hashes, issue the 发文字号, then publish the files and commit the registry so that
// either all of it happens or none (a fault at any write, rename or sync, or a kill):
//  1. every new file (the documents and manifest.json) is staged beside its target, synced;
//  2. registry transaction T1 records each move as a pending_files row;
//  3. each replaced or deleted file is kept as a hard link (".<name>.old<pid>"), then
//     the new file is renamed over its target (or the old one removed);
//  4. registry transaction T2: the next rules state and phase record, and the pending
//     rows removed;
//  5. the backups are removed.
// A failure before T2 commits undoes the moves at once; rows left by a killed run
// are undone by the next command under the run lock (recover_pending), so outputs and
// registry are either both old or both new.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <functional>
#include <cerrno>
#include <map>
#include <set>
#include <tuple>

#include "common/run_lock.h"
#include "common/sha256.h"
#include "common/strings.h"
#include "pipeline/phase.h"
#include "tws_version.h"

namespace tws::pipeline::detail {
namespace fs = std::filesystem;
namespace {

// The outputs with their paths relative to the output folder and their hashes: those
// known from the bytes written, the others read back from disk.
// Those not known are read from their staged temporaries.
std::vector<registry::Output> recorded(const Outputs& outs, const fs::path& base) {
  std::vector<registry::Output> r;
  for (std::size_t i = 0; i < outs.paths.size(); ++i) {
    const std::string& o = outs.paths[i];
    r.push_back({fs::relative(o, base).string(), outs.sha256[i].empty() ? sha256_file(temporary_path(o)) : outs.sha256[i]});
  }
  return r;
}

fs::path backup_path(const fs::path& target) {
  return target.parent_path() / ("." + target.filename().string() + ".old" + std::to_string(::getpid()));
}

bool present(const fs::path& p) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(p, ec));
}

void fsync_folder(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw write_error(dir, errno);
  int rc = ::fsync(fd), err = errno;
  ::close(fd);
  if (rc != 0 && err != EINVAL) throw write_error(dir, err);
}

// The moves of a phase: its staged files, then the files it no longer lists.
std::vector<registry::PendingFile> planned_moves(const Year& y, const std::string& phase,
                                                 const std::vector<std::string>& targets,
                                                 const std::map<std::string, std::string>& hashes,
                                                 const std::vector<fs::path>& deletions) {
  std::vector<registry::PendingFile> files;
  for (const std::string& t : targets) {
    const fs::path target = fs::absolute(t);
    files.push_back({y.opt.year, phase, "write", target.string(), temporary_path(target).string(),
                     backup_path(target).string(), hashes.at(t), present(target)});
  }
  for (const fs::path& d : deletions) {
    const fs::path target = fs::absolute(d);
    files.push_back({y.opt.year, phase, "delete", target.string(), "", backup_path(target).string(), "", true});
  }
  return files;
}

// Step 3: each old file kept as its backup, then replaced or removed.
void publish(const std::vector<registry::PendingFile>& files) {
  std::vector<fs::path> dirs;
  for (auto& f : files) {
    crash_point();
    if (f.had_old && ::link(f.target.c_str(), f.backup.c_str()) != 0) throw write_error(f.target, errno);
    if (f.action == "write" ? ::rename(f.temp.c_str(), f.target.c_str()) != 0 : ::unlink(f.target.c_str()) != 0)
      throw write_error(f.target, errno);
    const fs::path dir = fs::path(f.target).parent_path();
    if (std::find(dirs.begin(), dirs.end(), dir) == dirs.end()) dirs.push_back(dir);
  }
  for (auto& d : dirs) fsync_folder(d);
  crash_point();
}

void remove_backups(const std::vector<registry::PendingFile>& files) {
  std::error_code ec;
  for (auto& f : files)
    if (f.had_old) fs::remove(f.backup, ec);
}

// `"name": [` then one line per item of `items`, as `line` spells it, then `]`.
template <class Items, class Line>
std::string json_list(const char* name, const Items& items, Line line) {
  std::string j = std::string("\n  \"") + name + "\": [";
  bool first = true;
  for (auto& item : items) {
    std::string l = line(item);
    if (l.empty()) continue;
    j += (first ? "\n    " : ",\n    ") + l;
    first = false;
  }
  return j + "\n  ]";
}

}  // namespace

void stage_document(Year& y, const std::function<documents::Document()>& make, StagedFiles& staged, Outputs& outs) {
  documents::Document d = make();
  std::string p = (y.out_dir / d.path).string();
  std::string hash = sha256_hex(d.bytes);
  if (y.redo) {
    const std::string rel = fs::relative(p, y.opt.output).string();
    bool same = std::any_of(y.redo->outputs.begin(), y.redo->outputs.end(),
                            [&](const registry::Output& o) { return o.path == rel && o.sha256 == hash; });
    if (!same) {
      renderer(y).mark_reissue(y.reissue_date);
      try {
        d = make();
      } catch (...) {
        renderer(y).mark_reissue(std::nullopt);
        throw;
      }
      renderer(y).mark_reissue(std::nullopt);
      hash = sha256_hex(d.bytes);
    }
  }
  staged.stage(p, d.bytes, d.mode);
  const std::string draft = fs::path(p).replace_extension(".docx").string();
  outs.add(std::move(p), std::move(hash));
  if (!d.draft.empty()) {  // the editable .docx beside the PDF, from the same make()
    staged.stage(draft, d.draft, d.mode);
    outs.add(draft, sha256_hex(d.draft));
  }
}

registry::IssuedDocument issue_number(const Year& y, const registry::RegistryDb& db, const std::string& kind,
                                      Date date, int serial) {
  registry::IssuedDocument d;
  d.year = y.opt.year;
  d.kind = kind;
  d.doc_year = int(date.year());
  auto prev = db.issued_document(y.opt.year, kind);
  if (serial > 0) d.serial = serial;
  else if (prev && prev->doc_year == d.doc_year) d.serial = prev->serial;
  else d.serial = db.next_serial(d.doc_year, y.settings.institution.next_serial);
  d.number = documents::document_number(y.settings.institution.doc_prefix, d.doc_year, d.serial);
  d.date = iso(date);
  return d;
}

bool serial_free(Year& y, const registry::RegistryDb& db, const std::string& key, const std::string& kind, Date date,
                 int serial) {
  if (serial == 0) return true;
  auto other = db.document_with_serial(int(date.year()), serial);
  if (!other || (other->year == y.opt.year && other->kind == kind)) return true;
  y.diags.error(y.settings.where[key], "配置项 " + key + " 的值“" + std::to_string(serial) + "”无效：发文字号 " +
                                           other->number + " 已用于 " + std::to_string(other->year) + " 年度的" +
                                           other->kind + "（成文日期 " + other->date + "），请填写发文登记簿中未用的文号");
  return false;
}

void roll_back(const std::vector<registry::PendingFile>& files) {
  std::error_code ec;
  for (auto it = files.rbegin(); it != files.rend(); ++it) {
    const registry::PendingFile& f = *it;
    if (f.had_old && present(f.backup)) {
      // The old file back in place (a no-op when the move had not happened: both names
      // are links of the old file, and the backup is then removed below).
      if (::rename(f.backup.c_str(), f.target.c_str()) != 0) throw write_error(f.target, errno);
      fs::remove(f.backup, ec);
    } else if (!f.had_old && f.action == "write" && present(f.target) && sha256_file(f.target) == f.sha256) {
      fs::remove(f.target, ec);  // new here: tws's own file, by its hash
    }
    if (!f.temp.empty()) fs::remove(f.temp, ec);
  }
}

void recover_pending(registry::RegistryDb& db) {
  auto files = db.pending_files();
  if (files.empty()) return;
  roll_back(files);
  db.drop_pending();
}

// The files the phase wrote and recorded before and no longer makes (an application
// withdrawn, a 认定通知 once nobody is approved): only files of tws's own record, and
// only while unchanged since (same SHA-256); any other file, a scan a user put beside
// them, stays.
std::vector<fs::path> replaced_outputs(const Year& y, const registry::RegistryDb& db, const std::string& phase,
                                       const Outputs& outs) {
  std::vector<fs::path> stale;
  auto before = db.phase_record(y.opt.year, phase);
  if (!before) return stale;
  const std::set<std::string> now(outs.paths.begin(), outs.paths.end());
  for (const registry::Output& o : before->outputs) {
    const fs::path file = y.opt.output / o.path;
    std::error_code ec;
    if (!now.count(file.string()) && fs::is_regular_file(fs::symlink_status(file, ec)) && sha256_file(file) == o.sha256)
      stale.push_back(file);
  }
  return stale;
}

void commit_phase(const Year& y, registry::RegistryDb& db, StagedFiles& staged, const rules::Registry& next,
                  const std::string& phase, const std::string& hash, const Outputs& outs, const std::string& counts,
                  const std::optional<registry::Selection>& selection,
                  const std::vector<registry::IssuedDocument>& documents) {
  const registry::PhaseRecord rec{y.opt.year, phase, hash, y.opt.date, recorded(outs, y.opt.output), counts};
  std::optional<registry::Reissue> reissue;
  if (y.redo)
    reissue = registry::Reissue{y.opt.year, phase, iso(y.reissue_date), y.redo->run_date, y.redo->inputs_sha256, hash};
  // Later phases of the year (a reissue's): the new state no longer holds their results.
  const std::vector<std::string> superseded = later_phases_recorded(db, y.opt.year, phase);
  // manifest.json as the registry will be after T2, published with the phase's files.
  std::vector<registry::PhaseRecord> after = db.phase_records();
  std::erase_if(after, [&](auto& p) {
    return p.year == rec.year && (p.phase == rec.phase || std::count(superseded.begin(), superseded.end(), p.phase));
  });
  after.push_back(rec);
  std::sort(after.begin(), after.end(), [](auto& a, auto& b) { return std::tie(a.year, a.phase) < std::tie(b.year, b.phase); });
  std::vector<registry::Reissue> reissues = db.reissues();
  if (reissue) reissues.push_back(*reissue);
  const std::string manifest = manifest_text(y, after, reissues);
  staged.stage(y.out_dir / "manifest.json", manifest);
  std::map<std::string, std::string> hashes;
  for (std::size_t i = 0; i < outs.paths.size(); ++i)
    hashes[outs.paths[i]] = rec.outputs[i].sha256;
  hashes[(y.out_dir / "manifest.json").string()] = sha256_hex(manifest);
  staged.sync();
  const auto files = planned_moves(y, phase, staged.targets(), hashes, replaced_outputs(y, db, phase, outs));
  db.begin_pending(files);  // T1
  staged.published();
  try {
    publish(files);
    db.commit_phase(next, rec, selection, TWS_VERSION, documents, reissue, superseded);  // T2
  } catch (...) {
    try {
      roll_back(files);
      db.drop_pending();
    } catch (...) {
      // Left for the next command: recover_pending() finds the rows.
    }
    throw;
  }
  remove_backups(files);
}

// Every input and config file with its hash, and each committed phase of the year with
// its outputs, hashes and decision counts — all taken from the registry's records, so
// the manifest always agrees with it.
std::string manifest_text(const Year& y, const std::vector<registry::PhaseRecord>& records,
                          const std::vector<registry::Reissue>& reissues) {
  std::string j = "{\n  \"tool\": \"tws\",\n  \"version\": \"" TWS_VERSION "\",\n  \"year\": " +
                  std::to_string(y.opt.year) + ",";
  j += json_list("config", y.config_files, [&](const fs::path& c) {
    return "{\"path\": " + json_string(c.string()) + ", \"sha256\": \"" + file_hash(y, c) + "\"}";
  });
  j += "," + json_list("inputs", y.in.files, [&](const fs::path& f) {
    return "{\"path\": " + json_string(f.string()) + ", \"sha256\": \"" + file_hash(y, f) +
           "\", \"size\": " + std::to_string(fs::file_size(f)) + "}";
  });
  j += "," + json_list("phases", records, [&](const registry::PhaseRecord& p) -> std::string {
    if (p.year != y.opt.year) return {};
    return "{\"phase\": \"" + p.phase + "\", \"date\": \"" + p.run_date + "\", \"inputs_sha256\": \"" +
           p.inputs_sha256 + "\", \"counts\": " + p.counts +
           ", \"outputs\": " + registry::outputs_json(p.outputs) + "}";
  });
  j += "," + json_list("reissues", reissues, [&](const registry::Reissue& r) -> std::string {
    if (r.year != y.opt.year) return {};
    return "{\"phase\": \"" + r.phase + "\", \"date\": \"" + r.date + "\", \"original_date\": \"" +
           r.original_date + "\", \"replaced_inputs_sha256\": \"" + r.old_inputs_sha256 + "\"}";
  });
  return j + "\n}\n";
}

void write_manifest(const Year& y, const registry::RegistryDb& db) {
  write_file_atomically(y.out_dir / "manifest.json", manifest_text(y, db.phase_records(), db.reissues()));
}

}  // namespace tws::pipeline::detail
