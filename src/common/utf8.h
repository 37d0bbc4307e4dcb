// UTF-8: the one encoder and decoder of tws, shared by the reader (OOXML escapes), the
// typesetter (text of glyph runs) and the templates. Inline so the fuzz builds need no
// extra source.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace tws {

inline void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

// Decodes one code point at `i` (advancing it); U+FFFD and ok=false on malformed input
// (then `i` moves on by one byte).
inline char32_t decode_utf8(std::string_view s, std::size_t& i, bool& ok) {
  auto b = [&](std::size_t k) { return k < s.size() ? uint8_t(s[k]) : 0; };
  uint8_t c = b(i);
  int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  ok = n > 0 && i + n <= s.size();
  char32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
  for (int k = 1; ok && k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) ok = false;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  if (!ok) {
    ++i;
    return 0xFFFD;
  }
  i += n;
  return cp;
}

}  // namespace tws
