#include "common/diagnostic.h"

#include <cstdio>

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
  return printable(s + d.message);
}

char id_check_digit(std::string_view first17) {
  static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * weights[i];
  return "10X98765432"[sum % 11];
}

namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

// The runs of digits in `s` as [begin, end); a run of 17 digits followed by X or x
// takes the letter in.
std::vector<std::pair<size_t, size_t>> digit_runs(std::string_view s) {
  std::vector<std::pair<size_t, size_t>> runs;
  for (size_t i = 0; i < s.size();) {
    if (!digit(s[i])) { ++i; continue; }
    size_t j = i;
    while (j < s.size() && digit(s[j])) ++j;
    if (j - i == 17 && j < s.size() && (s[j] == 'X' || s[j] == 'x')) ++j;
    runs.emplace_back(i, j);
    i = j;
  }
  return runs;
}

// The first 4 and last 4 characters kept, the middle as '*'.
std::string masked(std::string_view id) {
  return std::string(id.substr(0, 4)) + std::string(id.size() - 8, '*') + std::string(id.substr(id.size() - 4));
}

bool valid_id(std::string_view r) {
  if (r.size() != 18) return false;
  char last = r[17] == 'x' ? 'X' : r[17];
  return id_check_digit(r) == last;
}

bool mobile(std::string_view r) { return r.size() == 11 && r[0] == '1' && r[1] >= '3'; }

}  // namespace

std::string mask_id_numbers(std::string_view s) {
  std::string out;
  size_t at = 0;
  for (auto [b, e] : digit_runs(s)) {
    if (e - b != 18 && e - b != 15) continue;
    out.append(s.substr(at, b - at)).append(masked(s.substr(b, e - b)));
    at = e;
  }
  return out.append(s.substr(at));
}

std::string escape_controls(std::string_view s) {
  std::string out;
  char buf[16];
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    unsigned char next = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    } else if (c == 0xC2 && next >= 0x80 && next <= 0x9F) {  // U+0080–U+009F in UTF-8
      std::snprintf(buf, sizeof buf, "\\u%04X", next);
      out += buf;
      ++i;
    } else {
      out += char(c);
    }
  }
  return out;
}

std::string printable(std::string_view s) { return mask_id_numbers(escape_controls(s)); }

std::string sensitive_number(std::string_view s) {
  std::string joined;  // digits separated by spaces or hyphens, joined up
  for (size_t i = 0; i < s.size(); ++i) {
    bool between = (s[i] == ' ' || s[i] == '-') && i > 0 && i + 1 < s.size() && digit(s[i - 1]) && digit(s[i + 1]);
    if (!between) joined += s[i];
  }
  for (std::string_view text : {s, std::string_view(joined)}) {
    for (auto [b, e] : digit_runs(text)) {
      std::string_view r = text.substr(b, e - b);
      if (valid_id(r)) return "疑似身份证号 " + masked(r);
      if (mobile(r)) return "疑似手机号码 " + std::string(r.substr(0, 3)) + "****" + std::string(r.substr(7));
    }
  }
  return "";
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
