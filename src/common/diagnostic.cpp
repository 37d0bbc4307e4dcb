#include "common/diagnostic.h"

namespace tws {

std::string column_name(int column) {
  std::string s;
  for (int c = column; c > 0; c = (c - 1) / 26) s.insert(s.begin(), char('A' + (c - 1) % 26));
  return s;
}

std::string format_location(const Location& w) {
  std::string s = w.file;
  if (!w.sheet.empty()) s += (s.empty() ? "" : ":") + w.sheet;
  if (w.row > 0) {
    s += w.sheet.empty() ? (s.empty() ? "" : ":") : "!";
    if (w.column > 0) s += column_name(w.column) + std::to_string(w.row);
    else s += "第" + std::to_string(w.row) + "行";
  } else if (w.column > 0) {
    s += (w.sheet.empty() ? ":" : "!") + column_name(w.column) + "列";
  }
  return s;
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string s = format_location(d.where);
  if (!s.empty()) s += ": ";
  if (d.severity == Severity::Warning) s += "警告：";
  return s + d.message;
}

void Diagnostics::error(Location where, std::string message) {
  items_.push_back({Severity::Error, std::move(where), std::move(message)});
}
void Diagnostics::warning(Location where, std::string message) {
  items_.push_back({Severity::Warning, std::move(where), std::move(message)});
}
void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}
bool Diagnostics::has_errors() const { return error_count() > 0; }
size_t Diagnostics::error_count() const {
  size_t n = 0;
  for (auto& d : items_) n += d.severity == Severity::Error;
  return n;
}
size_t Diagnostics::warning_count() const { return items_.size() - error_count(); }

}  // namespace tws
