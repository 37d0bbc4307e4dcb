// Stage 1 — itemize: UTF-8 text + font role → measured characters. Each character takes
// the first face of the role's chain that has it (a rare name character missing from
// FangSong comes from the next font; one outside the BMP, such as 𠮷, too). A character
// in no face of the chain is a problem naming the text and the character, never a
// silent blank.
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <cctype>
#include <cstdio>

#include "typeset/stages.h"

namespace tws::typeset::detail {


std::string u_plus(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", unsigned(cp));
  return buf;
}

Cls classify(char32_t cp) {
  static constexpr std::u32string_view open = U"（《〈「『【〔〖［｛“‘";
  static constexpr std::u32string_view close = U"）》〉」』】〕〗］｝”’";
  static constexpr std::u32string_view comma = U"，、；：";
  static constexpr std::u32string_view stop = U"。？！．";
  static constexpr std::u32string_view middle = U"·・／";
  static constexpr std::u32string_view dash = U"—⸺–～－";
  static constexpr std::u32string_view ellipsis = U"…⋯";
  if (cp == U'\n') return Cls::Newline;
  // Only U+0020 is a droppable space; U+3000 is a full-width blank that holds its cell
  // (the handwriting blanks of "　　年　月　日").
  if (cp == U' ') return Cls::Space;
  if (cp == U'\u3000') return Cls::Han;
  if (open.find(cp) != open.npos) return Cls::Open;
  if (close.find(cp) != close.npos) return Cls::Close;
  if (comma.find(cp) != comma.npos) return Cls::Comma;
  if (stop.find(cp) != stop.npos) return Cls::Stop;
  if (middle.find(cp) != middle.npos) return Cls::Middle;
  if (dash.find(cp) != dash.npos) return Cls::Dash;
  if (ellipsis.find(cp) != ellipsis.npos) return Cls::Ellipsis;
  if (cp < 0x80) return (std::isalnum(int(cp)) ? Cls::Alnum : Cls::Other);
  UErrorCode err = U_ZERO_ERROR;
  UScriptCode sc = uscript_getScript(UChar32(cp), &err);
  if (sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA ||
      sc == USCRIPT_BOPOMOFO)
    return Cls::Han;
  if (u_isalnum(UChar32(cp))) {
    int eaw = u_getIntPropertyValue(UChar32(cp), UCHAR_EAST_ASIAN_WIDTH);
    return eaw == U_EA_FULLWIDTH ? Cls::Han : Cls::Alnum;
  }
  return Cls::Other;
}

namespace {

// “张𠮷明”中的“𠮷”: up to 12 characters of context around the character.
std::string context(std::string_view text, std::size_t at, std::size_t len) {
  std::size_t from = at, to = at + len;
  for (int k = 0; k < 12 && from > 0; ++k) {
    do --from;
    while (from > 0 && (uint8_t(text[from]) & 0xC0) == 0x80);
  }
  for (int k = 0; k < 12 && to < text.size(); ++k) {
    do ++to;
    while (to < text.size() && (uint8_t(text[to]) & 0xC0) == 0x80);
  }
  std::string s = "“";
  if (from > 0) s += "…";
  s += text.substr(from, to - from);
  if (to < text.size()) s += "…";
  return s + "”";
}

std::string chain_names(std::string_view role, const FontSet& fonts) {
  std::string s;
  for (int id : fonts.chain(role)) s += (s.empty() ? "" : "、") + fonts.face(id).postscript_name;
  return s;
}

// Walks the text, calling ok(cp, face, byte) or reporting a problem.
template <class F>
std::vector<std::string> walk(std::string_view text, std::string_view role, const FontSet& fonts,
                              F&& ok) {
  std::vector<std::string> problems;
  fonts.chain(role);  // throws for an unknown role
  for (std::size_t i = 0; i < text.size();) {
    std::size_t at = i;
    bool valid = true;
    char32_t cp = decode_utf8(text, i, valid);
    std::string ch(text.substr(at, i - at));
    std::string where = context(text, at, i - at) + "中的";
    if (!valid) {
      problems.push_back(where + "字节不是有效的 UTF-8");
      continue;
    }
    if (cp == U'\r' || cp == 0x200B || cp == 0xFEFF) continue;  // not drawn
    if (cp == U'\t') cp = U' ';
    if (cp == U'\n') {
      ok(cp, -1, at);
      continue;
    }
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
      problems.push_back(where + "控制字符（" + u_plus(cp) + "）无法显示");
      continue;
    }
    int face = fonts.face_for(role, cp);
    if (face < 0) {
      problems.push_back(where + "“" + ch + "”（" + u_plus(cp) + "）在字体角色 " +
                         std::string(role) + " 的字体（" + chain_names(role, fonts) +
                         "）中都没有，无法显示");
      continue;
    }
    ok(cp, face, at);
  }
  return problems;
}

}  // namespace

std::vector<std::string> check_text(std::string_view text, std::string_view role,
                                    const FontSet& fonts) {
  return walk(text, role, fonts, [](char32_t, int, std::size_t) {});
}

Run itemize(std::string_view text, std::string_view role, double size, double pitch,
            const FontSet& fonts) {
  Run run;
  run.problems = walk(text, role, fonts, [&](char32_t cp, int face, std::size_t byte) {
    Char c;
    c.cp = cp;
    c.cls = classify(cp);
    c.byte = byte;
    if (face < 0) {  // "\n"
      run.chars.push_back(c);
      return;
    }
    c.face = face;
    c.gid = fonts.glyph(face, cp);
    double adv = fonts.advance_em(face, cp);
    // Full-width glyphs sit on the character grid (GB/T 9704: 28 per 156 mm line);
    // proportional ones (Latin, digits) keep their own width.
    double em = adv >= 0.95 ? pitch : size;
    c.advance = adv * em;
    c.sq_left = fonts.squeeze_left_em(face, cp) * em;
    c.sq_right = fonts.squeeze_right_em(face, cp) * em;
    run.chars.push_back(c);
  });
  return run;
}

}  // namespace tws::typeset::detail
