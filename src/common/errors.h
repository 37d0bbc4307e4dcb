// The exceptions that end a tws command, and the one table of their exit codes
// (exit_status). Each stage throws these, never its own types.
#pragma once
#include <exception>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "common/diagnostic.h"

namespace tws {

enum ExitCode { kOk = 0, kInputProblems = 1, kUsage = 2, kEnvironment = 3 };

// A problem that stops reading one input (a corrupt file, a bad config line), at its place.
struct InputError : std::exception {
  Location where;
  std::string message;
  InputError(Location w, std::string m) : where(std::move(w)), message(std::move(m)) {
    text_ = format_location(where) + ": " + message;
  }
  const char* what() const noexcept override { return text_.c_str(); }

 private:
  std::string text_;
};

// A command line that cannot be run as given (a bad --date, an unknown option).
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The machine, not the input: another run holds the lock, a font or template is
// missing, the disk refuses a write.
struct EnvironmentError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Why a write failed, for the user (磁盘已满, 没有写权限, …), from the errno of the call
// that failed; strerror's text for other errors.
std::string io_cause(int err);
// Whether errno `err` is a refusal of the disk or the file system (full, no
// permission, read-only, I/O error), as left by a library that reports only its own code.
bool is_io_error(int err);
// "无法写入 <file>：<cause>" for a file or folder the disk refused (a hidden temporary
// ".<name>.tmp<pid>" is named by the file it stands for).
EnvironmentError write_error(const std::filesystem::path& file, int err);

// A day in a year the holiday calendar does not cover (templates/calendar/ needs it).
struct CalendarError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A setting or an input the regulation's rules cannot apply (an unknown choice, no
// scores, an amount too large for 大写). what() is plain Chinese for the user.
struct RulesError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Text that cannot be set (a character no font has, an unreadable font): every problem
// found, each a complete sentence.
struct TypesetError : std::runtime_error {
  std::vector<std::string> problems;
  explicit TypesetError(std::vector<std::string> p);
};

// A document whose input text cannot be printed: every problem with the record it came
// from. The phase fails and writes nothing.
struct DocumentError : std::runtime_error {
  Diagnostics diags;
  explicit DocumentError(Diagnostics d);
};

// libharu could not make or save a PDF.
struct RenderError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A document template that cannot be read or names an unknown field: a fault of the
// installation, not of the user's input.
struct TemplateError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What a command that ended with `e` exits with, and the line it prints.
struct ExitStatus {
  ExitCode code;
  std::string message;
};
ExitStatus exit_status(const std::exception& e);

}  // namespace tws
