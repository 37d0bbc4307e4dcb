#include "ingest/ooxml_text.h"

#include <optional>

namespace tws::ingest::detail {

namespace {

constexpr size_t kEscapeLength = 7;  // _xHHHH_

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<char16_t> escape_at(std::string_view s, size_t i) {
  if (s.size() - i < kEscapeLength || s[i] != '_' || s[i + 1] != 'x' || s[i + 6] != '_')
    return std::nullopt;
  unsigned value = 0;
  for (size_t k = 2; k < 6; ++k) {
    int h = hex_value(s[i + k]);
    if (h < 0) return std::nullopt;
    value = value * 16 + unsigned(h);
  }
  return char16_t(value);
}

bool is_high(char16_t u) { return u >= 0xD800 && u <= 0xDBFF; }
bool is_low(char16_t u) { return u >= 0xDC00 && u <= 0xDFFF; }

}  // namespace


std::string decode_ooxml_escapes(std::string_view s) {
  if (s.find("_x") == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    auto unit = escape_at(s, i);
    if (!unit) {
      out += s[i++];
      continue;
    }
    i += kEscapeLength;
    char32_t cp = *unit;
    if (is_high(*unit)) {
      auto low = escape_at(s, i);
      if (low && is_low(*low)) {
        cp = 0x10000 + ((char32_t(*unit) - 0xD800) << 10) + (char32_t(*low) - 0xDC00);
        i += kEscapeLength;
      } else {
        cp = 0xFFFD;
      }
    } else if (is_low(*unit) || cp == 0) {
      cp = 0xFFFD;
    }
    append_utf8(out, cp);
  }
  return out;
}

}  // namespace tws::ingest::detail
