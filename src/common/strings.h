// Small text helpers shared by every stage.
#pragma once
#include <cstdio>
#include <string>
#include <string_view>

namespace tws {

// The items' texts with `sep` between them; any range of things that convert to
// std::string_view (std::string, std::string_view, const char*).
template <class Range>
std::string join(const Range& items, std::string_view sep) {
  std::string out;
  bool first = true;
  for (const auto& item : items) {
    if (!first) out += sep;
    out += std::string_view(item);
    first = false;
  }
  return out;
}

// `s` with the ASCII letters in lower case, other bytes (UTF-8 too) as they are: file
// names as Windows saves them (REVIEWS.XLSX) compare equal to tws's own.
inline std::string lower_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return s;
}

// `s` as a JSON string literal, quotes included: " and \ escaped, control characters
// as \u00XX, everything else (UTF-8 too) as it is.
inline std::string json_string(std::string_view s) {
  std::string j = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') j += '\\', j += char(c);
    else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      j += buf;
    } else j += char(c);
  }
  return j + "\"";
}

}  // namespace tws
