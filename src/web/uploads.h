// The input files HR uploads through the page, one slot per input of a year: each
// upload is kept as a numbered version under input/.tws-web/<year>/ (the history),
// checked with the same reader and checks as `tws check` on a copy of the year's folder
// with the upload in its slot, and installed into input/<year>/ atomically when it has
// no error (or when HR installs it anyway). The slot, never the uploaded file's name,
// decides the installed name; no value of a request becomes part of a path.
#pragma once
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "pipeline/year_run.h"

namespace tws::web {

struct Slot {
  std::string key;    // applications | reviews | objections | performance (the file's stem)
  std::string title;  // 申报材料 …
};
const std::vector<Slot>& slots();
const Slot* find_slot(const std::string& key);

struct Version {
  int id = 0;
  std::string slot, ext;         // ext: .xlsx or .csv, by content
  std::string at, user, sha256;  // when, who
  uint64_t size = 0;
  std::string state;             // 检查中 | 有错误 | 已安装 | 被替换 | 原有文件
  int errors = 0, warnings = 0;
  std::string original_name;     // as the browser sent it, shown only
};

// A problem of the checked file and the row it sits in, as read.
struct Problem {
  Diagnostic diag;
  std::vector<std::string> row;  // the row's cells as displayed; empty when no row
  int column = 0;                // 1-based, the highlighted cell (0: none)
};

struct CheckResult {
  std::vector<Problem> problems;       // of the uploaded file
  std::vector<Diagnostic> others;      // of the year's other files and settings
  pipeline::RunReport forecast;
  int errors = 0, warnings = 0;
};

class UploadStore {
 public:
  explicit UploadStore(pipeline::RunOptions base) : base_(std::move(base)) {}

  // A new temporary file for an upload of `year`, in the input folder's file system.
  std::filesystem::path temporary(int year);
  // The temporary file kept as the slot's next version (state 检查中).
  Version add(int year, const std::string& slot, const std::filesystem::path& temp, const std::string& user,
              const std::string& original_name, const std::string& now);
  // The version checked as `tws check` would check the year with it installed, on `date`.
  CheckResult check(int year, const Version& v, const std::string& date);
  // Records the check's counts and installs the version when it has no error and no later
  // version of its slot is installed. Returns whether it was installed.
  bool settle(int year, int id, const CheckResult& r, const std::string& now);
  // Installs a version (HR's "install anyway", or restoring an older one).
  void install(int year, int id, const std::string& now);
  std::vector<Version> history(int year);
  std::optional<Version> version(int year, int id);
  std::filesystem::path version_file(int year, const Version& v) const;

 private:
  std::filesystem::path dir(int year) const;
  std::vector<Version> read_index(int year) const;
  void write_index(int year, const std::vector<Version>& all) const;
  void install_locked(int year, std::vector<Version>& all, Version& v, const std::string& now);

  pipeline::RunOptions base_;
  std::mutex mu_;  // the index of every year
};

}  // namespace tws::web
