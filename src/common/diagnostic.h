// Diagnostics: problems found in user input, collected (never printed from deep
// inside) and reported together as `file:sheet!A12: message`.
#pragma once
#include <exception>
#include <string>
#include <string_view>
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
// Ready for a terminal or run.log: escape_controls() and mask_id_numbers() applied.
std::string format_diagnostic(const Diagnostic& d);

// GB 11643 check character ('0'–'9' or 'X') of the first 17 digits of an ID number.
char id_check_digit(std::string_view first17);
// Every ID-number-shaped run of digits (18 characters, the last may be X; or the 15
// digits of an old ID) as 3714**********503X, whatever its check digit: messages
// echo cells, and an ID typed into the wrong column must not reach stderr or run.log.
std::string mask_id_numbers(std::string_view s);
// Control characters (ESC, BEL, CR, DEL, the C1 range) as \x1B or \u009B, so a cell
// cannot drive the terminal; line feeds and tabs are kept.
std::string escape_controls(std::string_view s);
// Both of the above: any text that came from the input, before it is printed or logged.
std::string printable(std::string_view s);
// For text bound for a public document: "" or what sensitive number it holds, masked,
// e.g. "疑似身份证号 3714**********503X" (18 characters with a valid check character)
// or "疑似手机号码 138****5678" (11 digits 13x–19x); spaces and hyphens between
// digits are ignored.
std::string sensitive_number(std::string_view s);

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
