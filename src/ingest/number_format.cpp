#include "ingest/number_format.h"

#include <cmath>
#include <string>
#include <vector>

namespace tws::ingest::detail {

namespace {

constexpr int64_t kSecondsPerDay = 86'400;
// 9999-12-31 is the last day Excel can show: serial 2,958,465 in the 1900 system.
constexpr double kLastSerial1900 = 2'958'465.0;
constexpr double kLastSerial1904 = kLastSerial1900 - 1'462.0;

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = unsigned(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + int64_t(doe) - 719468;
}

void civil_from_days(int64_t z, int& year, int& month, int& day) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = unsigned(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  day = int(doy - (153 * mp + 2) / 5 + 1);
  month = int(mp < 10 ? mp + 3 : mp - 9);
  year = int(int64_t(yoe) + era * 400 + (month <= 2));
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

void set_date_from_days(DateTime& dt, int64_t days_since_1970) {
  civil_from_days(days_since_1970, dt.year, dt.month, dt.day);
}

void set_time_from_seconds(DateTime& dt, int64_t seconds) {
  dt.hour = int(seconds / 3600);
  dt.minute = int(seconds / 60 % 60);
  dt.second = int(seconds % 60);
}

bool starts_with_ci(std::string_view s, size_t at, std::string_view word) {
  if (s.size() - at < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    char c = s[at + i];
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    if (c != word[i]) return false;
  }
  return true;
}

size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

std::string_view first_section(std::string_view code) {
  bool quoted = false;
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == '"') quoted = !quoted;
    else if (!quoted && c == '\\') ++i;
    else if (!quoted && c == ';') return code.substr(0, i);
  }
  return code;
}

// `[h]`, `[mm]`, `[ss]`: elapsed time, a duration rather than a time of day.
bool is_elapsed_bracket(std::string_view inside) {
  if (inside.empty()) return false;
  char first = char(inside[0] | 0x20);
  if (first != 'h' && first != 'm' && first != 's') return false;
  for (char c : inside)
    if (char(c | 0x20) != first) return false;
  return true;
}

// The date/time tokens of a format section, one letter per run: y (year or
// era), M (m, still ambiguous), d, h, s, a (AM/PM, A/P, 上午/下午). Returns
// false for an elapsed-time format.
bool tokenize(std::string_view s, std::string& tokens) {
  static constexpr std::string_view kAmPmZh = "上午/下午";
  for (size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == '"') {
      size_t close = s.find('"', i + 1);
      i = close == std::string_view::npos ? s.size() : close + 1;
    } else if (c == '\\' || c == '_' || c == '*') {
      i += 1 + (i + 1 < s.size() ? utf8_length(uint8_t(s[i + 1])) : 0);
    } else if (c == '[') {
      size_t close = s.find(']', i);
      if (close == std::string_view::npos) break;
      if (is_elapsed_bracket(s.substr(i + 1, close - i - 1))) return false;
      i = close + 1;
    } else if (starts_with_ci(s, i, "general")) {
      i += 7;
    } else if (starts_with_ci(s, i, "am/pm") || starts_with_ci(s, i, "a/p")) {
      tokens += 'a';
      i += s[i + 1] == '/' ? 3 : 5;
    } else if (s.substr(i, kAmPmZh.size()) == kAmPmZh) {
      tokens += 'a';
      i += kAmPmZh.size();
    } else {
      char lower = char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      char token = 0;
      if (lower == 'y' || lower == 'd' || lower == 'h' || lower == 's') token = lower;
      else if (lower == 'm') token = 'M';
      // `e` is the era year (zh-TW, ja-JP) unless it is an exponent `E+`/`E-`;
      // `g` names the era.
      else if (lower == 'e' && !(i + 1 < s.size() && (s[i + 1] == '+' || s[i + 1] == '-'))) token = 'y';
      else if (lower == 'g') token = 'y';
      if (token && (tokens.empty() || tokens.back() != token || i == 0 ||
                    char(s[i - 1] | 0x20) != lower))
        tokens += token;
      i += utf8_length(uint8_t(c));
    }
  }
  return true;
}

}  // namespace

std::string builtin_format_code(uint32_t id) {
  switch (id) {
    case 1: return "0";
    case 2: return "0.00";
    case 3: return "#,##0";
    case 4: return "#,##0.00";
    case 9: return "0%";
    case 10: return "0.00%";
    case 11: return "0.00E+00";
    case 12: return "# ?/?";
    case 13: return "# ?\?/?\?";
    case 14: return "mm-dd-yy";
    case 15: return "d-mmm-yy";
    case 16: return "d-mmm";
    case 17: return "mmm-yy";
    case 18: return "h:mm AM/PM";
    case 19: return "h:mm:ss AM/PM";
    case 20: return "h:mm";
    case 21: return "h:mm:ss";
    case 22: return "m/d/yy h:mm";
    case 27: case 36: case 50: case 52: case 57: return "yyyy\"年\"m\"月\"";
    case 28: case 29: case 51: case 53: case 54: case 58: return "m\"月\"d\"日\"";
    case 30: return "m-d-yy";
    case 31: return "yyyy\"年\"m\"月\"d\"日\"";
    case 32: return "h\"时\"mm\"分\"";
    case 33: return "h\"时\"mm\"分\"ss\"秒\"";
    case 34: case 55: return "上午/下午h\"时\"mm\"分\"";
    case 35: case 56: return "上午/下午h\"时\"mm\"分\"ss\"秒\"";
    case 37: return "#,##0 ;(#,##0)";
    case 38: return "#,##0 ;[Red](#,##0)";
    case 39: return "#,##0.00;(#,##0.00)";
    case 40: return "#,##0.00;[Red](#,##0.00)";
    case 45: return "mm:ss";
    case 46: return "[h]:mm:ss";
    case 47: return "mmss.0";
    case 48: return "##0.0E+0";
    case 49: return "@";
    default: return "";
  }
}

ShownParts shown_parts(std::string_view code) {
  std::string tokens;
  if (!tokenize(first_section(code), tokens)) return {};
  ShownParts parts;
  for (size_t k = 0; k < tokens.size(); ++k) {
    char t = tokens[k];
    if (t == 'M') {
      // Excel reads m as minutes right after an hour or right before seconds.
      bool minutes = (k > 0 && tokens[k - 1] == 'h') || (k + 1 < tokens.size() && tokens[k + 1] == 's');
      (minutes ? parts.time : parts.date) = true;
    } else if (t == 'y' || t == 'd') {
      parts.date = true;
    } else {
      parts.time = true;
    }
  }
  return parts;
}

std::optional<DateTime> serial_to_datetime(double serial, bool date1904, ShownParts shown) {
  if (!std::isfinite(serial) || serial < 0) return std::nullopt;
  if (serial >= (date1904 ? kLastSerial1904 : kLastSerial1900) + 1) return std::nullopt;
  int64_t days = int64_t(std::floor(serial));
  // Excel keeps times to the millisecond and shows them rounded to the second,
  // so a fraction >= 0.99999421 (86,399.4995 s) carries into the next day
  // instead of showing 24:00:00.
  int64_t ms = std::llround((serial - double(days)) * double(kSecondsPerDay) * 1000.0);
  int64_t seconds = (ms + 500) / 1000;
  if (seconds >= kSecondsPerDay) {
    ++days;
    seconds -= kSecondsPerDay;
  }
  DateTime dt;
  dt.has_date = shown.date;
  dt.has_time = shown.time;
  if (shown.date) {
    if (date1904) {
      set_date_from_days(dt, days_from_civil(1904, 1, 1) + days);
    } else if (days == 60) {
      // Excel's fictitious 1900-02-29 (Lotus 1-2-3 compatibility), shown as Excel shows it.
      dt.year = 1900, dt.month = 2, dt.day = 29;
    } else {
      // Before the fictitious day serials count from 1899-12-31, after it from 1899-12-30.
      set_date_from_days(dt, days_from_civil(1899, 12, days < 60 ? 31 : 30) + days);
    }
    if (dt.year > 9999) return std::nullopt;
  }
  if (shown.time) set_time_from_seconds(dt, seconds);
  return dt;
}

namespace {

bool read_digits(std::string_view s, size_t& i, size_t n, int& out) {
  if (s.size() - i < n) return false;
  out = 0;
  for (size_t k = 0; k < n; ++k) {
    char c = s[i + k];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  i += n;
  return true;
}

bool read_date(std::string_view s, size_t& i, DateTime& dt) {
  size_t j = i;
  if (!read_digits(s, j, 4, dt.year) || j >= s.size() || s[j++] != '-') return false;
  if (!read_digits(s, j, 2, dt.month) || j >= s.size() || s[j++] != '-') return false;
  if (!read_digits(s, j, 2, dt.day)) return false;
  if (dt.month < 1 || dt.month > 12 || dt.day < 1 || dt.day > days_in_month(dt.year, dt.month))
    return false;
  i = j;
  return dt.has_date = true;
}

// HH:MM[:SS[.fff]] as seconds of the day, rounded to the second (may be 86400).
bool read_time(std::string_view s, size_t& i, int64_t& seconds) {
  int h = 0, m = 0, sec = 0;
  if (!read_digits(s, i, 2, h) || i >= s.size() || s[i++] != ':' || !read_digits(s, i, 2, m))
    return false;
  if (i < s.size() && s[i] == ':' && !read_digits(s, ++i, 2, sec)) return false;
  if (h > 23 || m > 59 || sec > 59) return false;
  seconds = h * 3600 + m * 60 + sec;
  if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
    size_t start = ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start) return false;
    seconds += s[start] >= '5';
  }
  return true;
}

// Serials carry no time zone, so a zone suffix is accepted and ignored.
bool read_zone(std::string_view s, size_t& i) {
  if (i == s.size()) return true;
  if (s[i] == 'Z') return ++i == s.size();
  if (s[i] != '+' && s[i] != '-') return false;
  ++i;
  int hh = 0, mm = 0;
  if (!read_digits(s, i, 2, hh)) return false;
  if (i < s.size() && s[i] == ':') ++i;
  if (i < s.size() && !read_digits(s, i, 2, mm)) return false;
  return i == s.size() && hh <= 14 && mm <= 59;
}

}  // namespace

std::optional<DateTime> parse_iso_datetime(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  DateTime dt;
  size_t i = 0;
  bool dated = read_date(text, i, dt);
  if (!dated) dt = DateTime();
  if (dated && i == text.size()) return dt;
  if (dated && text[i] != 'T' && text[i] != ' ') return std::nullopt;
  if (dated) ++i;
  int64_t seconds = 0;
  if (!read_time(text, i, seconds) || !read_zone(text, i)) return std::nullopt;
  dt.has_time = true;
  if (seconds == kSecondsPerDay) {
    seconds = 0;
    if (dated) set_date_from_days(dt, days_from_civil(dt.year, unsigned(dt.month), unsigned(dt.day)) + 1);
  }
  set_time_from_seconds(dt, seconds);
  return dt;
}

}  // namespace tws::ingest::detail
