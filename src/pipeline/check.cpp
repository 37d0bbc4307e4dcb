// `tws check`: the year's phases run exactly as `tws run` would run them, on a copy of
// the registry and into a private temporary folder that is removed afterwards, so check
// finds every problem run would stop at (inputs, the rules against the registry, a
// character the documents cannot print) and leaves the user's files as they were.
#include <string>
#include <system_error>

#include "common/errors.h"
#include "common/temp_folder.h"
#include "config/settings.h"
#include "pipeline/year_run.h"

namespace tws::pipeline {
namespace fs = std::filesystem;
namespace {

// The registry file and its rollback journal (a run killed mid-commit leaves one, and
// SQLite needs it to open the file as it was), when they exist.
void copy_registry(const fs::path& from, const fs::path& to) {
  for (const char* suffix : {"", "-journal"}) {
    fs::path f = from.string() + suffix;
    if (fs::exists(f)) fs::copy_file(f, to.string() + suffix);
  }
}

}  // namespace

RunReport check_year(const RunOptions& options) {
  // The registry run would open: only input/tws.ini may name it (run reports the
  // config's problems, in the report).
  Diagnostics ignored;
  const config::Settings settings = config::load_settings(options.config, ignored);
  const fs::path registry = options.registry.empty() ? fs::path(settings.output.registry) : options.registry;
  TempFolder tmp("tws-check-");
  RunOptions o = options;
  o.output = tmp.path() / "output";
  o.registry = tmp.path() / "registry.sqlite3";
  o.quiet = true;
  copy_registry(registry, o.registry);
  return run_phases(o, "run");
}

}  // namespace tws::pipeline
