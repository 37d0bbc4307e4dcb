// The step every phase ends with, once its documents are made: stage them with their
// hashes, issue the 发文字号, commit the registry in one transaction, and write
// manifest.json from what the registry then holds.
#include <algorithm>

#include "common/sha256.h"
#include "common/strings.h"
#include "pipeline/phase.h"
#include "tws_version.h"

namespace tws::pipeline::detail {
namespace fs = std::filesystem;
namespace {

// The outputs with their paths relative to the output folder and their hashes: those
// known from the bytes written, the others read back from disk.
std::vector<registry::Output> recorded(const Outputs& outs, const fs::path& base) {
  std::vector<registry::Output> r;
  for (std::size_t i = 0; i < outs.paths.size(); ++i) {
    const std::string& o = outs.paths[i];
    r.push_back({fs::relative(o, base).string(), outs.sha256[i].empty() ? sha256_file(o) : outs.sha256[i]});
  }
  return r;
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
  outs.add(std::move(p), std::move(hash));
}

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

void commit_phase(const Year& y, registry::RegistryDb& db, const rules::Registry& next, const std::string& phase,
                  const std::string& hash, const Outputs& outs, const std::string& counts,
                  const std::optional<registry::Selection>& selection,
                  const std::vector<registry::IssuedDocument>& documents) {
  std::optional<registry::Reissue> reissue;
  if (y.redo)
    reissue = registry::Reissue{y.opt.year, phase, iso(y.reissue_date), y.redo->run_date, y.redo->inputs_sha256, hash};
  db.commit_phase(next, {y.opt.year, phase, hash, y.opt.date, recorded(outs, y.opt.output), counts}, selection,
                  TWS_VERSION, documents, reissue);
}

void remove_replaced_outputs(const Year& y, const Outputs& outs) {
  if (!y.redo) return;
  for (auto& o : y.redo->outputs) {
    const fs::path p = y.opt.output / o.path;
    bool kept = std::any_of(outs.paths.begin(), outs.paths.end(), [&](const std::string& n) { return fs::path(n) == p; });
    if (!kept && fs::exists(p) && sha256_file(p) == o.sha256) fs::remove(p);
  }
}

// Every input and config file with its hash, and each committed phase of the year with
// its outputs, hashes and decision counts — all taken from the registry, so the
// manifest always agrees with it.
void write_manifest(const Year& y, const registry::RegistryDb& db) {
  std::string j = "{\n  \"tool\": \"tws\",\n  \"version\": \"" TWS_VERSION "\",\n  \"year\": " +
                  std::to_string(y.opt.year) + ",";
  j += json_list("config", y.config_files, [&](const fs::path& c) {
    return "{\"path\": " + json_string(c.string()) + ", \"sha256\": \"" + file_hash(y, c) + "\"}";
  });
  j += "," + json_list("inputs", y.in.files, [&](const fs::path& f) {
    return "{\"path\": " + json_string(f.string()) + ", \"sha256\": \"" + file_hash(y, f) +
           "\", \"size\": " + std::to_string(fs::file_size(f)) + "}";
  });
  j += "," + json_list("phases", db.phase_records(), [&](const registry::PhaseRecord& p) -> std::string {
    if (p.year != y.opt.year) return {};
    return "{\"phase\": \"" + p.phase + "\", \"date\": \"" + p.run_date + "\", \"inputs_sha256\": \"" +
           p.inputs_sha256 + "\", \"counts\": " + p.counts +
           ", \"outputs\": " + registry::outputs_json(p.outputs) + "}";
  });
  j += "," + json_list("reissues", db.reissues(), [&](const registry::Reissue& r) -> std::string {
    if (r.year != y.opt.year) return {};
    return "{\"phase\": \"" + r.phase + "\", \"date\": \"" + r.date + "\", \"original_date\": \"" +
           r.original_date + "\", \"replaced_inputs_sha256\": \"" + r.old_inputs_sha256 + "\"}";
  });
  j += "\n}\n";
  write_file_atomically(y.out_dir / "manifest.json", j);
}

}  // namespace tws::pipeline::detail
