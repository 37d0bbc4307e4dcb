// Diagnostics: problems found in user input, collected (never printed from deep
// inside) and reported together as `file:sheet!A12: message`.
#pragma once
#include <exception>
#include <string>
#include <utility>
#include <vector>

namespace tws {

enum class Severity { Error, Warning };

// Where in the input a problem sits. Empty fields are left out when printed.
struct Location {
  std::string file;    // as the user named it, e.g. "input/2026/applications.xlsx"
  std::string sheet;   // sheet name, empty for CSV or whole-file problems
  int row = 0;         // 1-based; 0 = whole sheet / file
  int column = 0;      // 1-based; 0 = whole row
};

struct Diagnostic {
  Severity severity = Severity::Error;
  Location where;
  std::string message;  // plain Simplified Chinese for the user
};

// "A", "B", ..., "Z", "AA" for 1-based column numbers.
std::string column_name(int column);
// "applications.xlsx:申报汇总!F7: 日期无法识别"
std::string format_location(const Location& where);
std::string format_diagnostic(const Diagnostic& d);

// Collects problems across a whole phase so all of them are reported at once.
class Diagnostics {
 public:
  void error(Location where, std::string message);
  void warning(Location where, std::string message);
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void append(const Diagnostics& other);
  const std::vector<Diagnostic>& items() const { return items_; }
  bool has_errors() const;
  size_t error_count() const;
  size_t warning_count() const;

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace tws
