#include "ingest/text_encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <climits>
#include <memory>
#include <vector>

namespace tws::ingest::detail {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Length of the UTF-8 sequence starting at s[i], or 0 if it is malformed
// (overlong forms, surrogates and code points past U+10FFFF included).
size_t utf8_sequence(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return uint8_t(s[k]); };
  auto cont = [&](size_t k) { return k < s.size() && (byte(k) & 0xC0) == 0x80; };
  uint8_t b = byte(i);
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (b >= 0xE0 && b <= 0xEF) {
    if (!cont(i + 1) || !cont(i + 2)) return 0;
    uint8_t b1 = byte(i + 1);
    if (b == 0xE0 && b1 < 0xA0) return 0;  // overlong
    if (b == 0xED && b1 > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (b >= 0xF0 && b <= 0xF4) {
    if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    uint8_t b1 = byte(i + 1);
    if (b == 0xF0 && b1 < 0x90) return 0;  // overlong
    if (b == 0xF4 && b1 > 0x8F) return 0;  // past U+10FFFF
    return 4;
  }
  return 0;
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

}  // namespace

bool is_valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t n = utf8_sequence(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::optional<std::string> gb18030_to_utf8(std::string_view bytes) {
  if (bytes.size() >= size_t(INT_MAX) / 4) return std::nullopt;
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open("GB18030", &err));
  if (U_FAILURE(err)) return std::nullopt;
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  // Every GB18030 sequence of n bytes yields at most n UTF-16 units.
  std::vector<UChar> utf16(bytes.size() + 1);
  int32_t units = ucnv_toUChars(conv.get(), utf16.data(), int32_t(utf16.size()), bytes.data(),
                                int32_t(bytes.size()), &err);
  if (U_FAILURE(err)) return std::nullopt;
  int32_t length = 0;
  err = U_ZERO_ERROR;
  u_strToUTF8(nullptr, 0, &length, utf16.data(), units, &err);
  if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) return std::nullopt;
  std::string out(size_t(length), '\0');
  err = U_ZERO_ERROR;
  u_strToUTF8(out.data(), length, &length, utf16.data(), units, &err);
  if (U_FAILURE(err)) return std::nullopt;
  return out;
}

std::optional<std::string> decode_text(std::string_view bytes) {
  if (bytes.substr(0, kUtf8Bom.size()) == kUtf8Bom) {
    bytes.remove_prefix(kUtf8Bom.size());
    if (!is_valid_utf8(bytes)) return std::nullopt;  // a BOM promises UTF-8
    return std::string(bytes);
  }
  if (is_valid_utf8(bytes)) return std::string(bytes);
  auto text = gb18030_to_utf8(bytes);
  // GB18030 has its own BOM (84 31 95 33), which decodes to U+FEFF.
  if (text && text->substr(0, kUtf8Bom.size()) == kUtf8Bom) text->erase(0, kUtf8Bom.size());
  return text;
}

bool has_utf16_bom(std::string_view bytes) {
  return bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF";
}

}  // namespace tws::ingest::detail
