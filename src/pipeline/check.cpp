// `tws check`: the year's phases run exactly as `tws run` would run them, on a copy of
// the registry and into a private temporary folder that is removed afterwards, so check
// finds every problem run would stop at (inputs, the rules against the registry, a
// character the documents cannot print) and leaves the user's files as they were.
#include <cstdlib>
#include <string>
#include <system_error>

#include "common/errors.h"
#include "config/settings.h"
#include "pipeline/year_run.h"

namespace tws::pipeline {
namespace fs = std::filesystem;
namespace {

// A folder of its own under the system's temporary folder (mode 0700: the run's forms
// hold ID numbers), removed with everything in it when this goes.
class TempFolder {
 public:
  TempFolder() {
    std::string pattern = (fs::temp_directory_path() / "tws-check-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw EnvironmentError("无法创建临时目录：" + pattern);
    path_ = pattern;
  }
  ~TempFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

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
  TempFolder tmp;
  RunOptions o = options;
  o.output = tmp.path() / "output";
  o.registry = tmp.path() / "registry.sqlite3";
  o.quiet = true;
  copy_registry(registry, o.registry);
  return run_phases(o, "run");
}

}  // namespace tws::pipeline
