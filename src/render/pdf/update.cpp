// The incremental update of update.h. libharu 2.3.0 saves a classic cross-reference
// table and uncompressed dictionaries; each Type0 font dictionary names its own
// ToUnicode stream (/ToUnicode n 0 R) and its /BaseFont (tag+PostScript name). The
// update redefines those stream objects and the Info object under their own numbers,
// so no other object changes, and ends with a new xref section and a trailer that
// points back (/Prev) at libharu's.
#include "render/pdf/update.h"

#include <hpdf.h>

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "common/sha256.h"

namespace tws::render::pdf {

namespace {

std::string hex4(unsigned v) {
  char b[8];
  std::snprintf(b, sizeof b, "%04X", v & 0xFFFF);
  return b;
}

// UTF-16 of one character, as hex digits.
std::string utf16_hex(char32_t cp) {
  if (cp < 0x10000) return hex4(unsigned(cp));
  cp -= 0x10000;
  return hex4(0xD800 + unsigned(cp >> 10)) + hex4(0xDC00 + unsigned(cp & 0x3FF));
}

// A PDF text string from UTF-8: literal when plain ASCII, else UTF-16BE with its byte
// order mark.
std::string text_string(const std::string& s) {
  auto plain = [](char c) { return c >= 0x20 && c < 0x7F && c != '(' && c != ')' && c != '\\'; };
  if (std::all_of(s.begin(), s.end(), plain)) return "(" + s + ")";
  std::string out = "<FEFF";
  for (std::size_t i = 0; i < s.size();) {
    const auto b = uint8_t(s[i]);
    const int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < n && i + std::size_t(k) < s.size(); ++k) cp = (cp << 6) | (uint8_t(s[i + std::size_t(k)]) & 0x3F);
    out += utf16_hex(cp);
    i += std::size_t(n);
  }
  return out + ">";
}

// libharu's cross-reference table: in-use object number → offset, and the trailer.
struct Xref {
  std::size_t at = 0;  // offset of "xref"
  std::map<int, std::size_t> offsets;
  std::string trailer;
};

Xref read_xref(const std::string& pdf) {
  const std::size_t sx = pdf.rfind("startxref");
  if (sx == std::string::npos) throw RenderError("PDF 后处理：libharu 的输出没有 startxref");
  Xref x;
  x.at = std::stoul(pdf.substr(sx + 9, 24));
  const std::size_t tr = pdf.find("trailer", x.at);
  if (pdf.compare(x.at, 4, "xref") != 0 || tr == std::string::npos || tr > sx)
    throw RenderError("PDF 后处理：libharu 的输出没有交叉引用表");
  std::istringstream in(pdf.substr(x.at + 4, tr - x.at - 4));
  int first = 0, count = 0;
  while (in >> first >> count)
    for (int k = 0; k < count; ++k) {
      std::size_t off = 0;
      int gen = 0;
      std::string type;
      in >> off >> gen >> type;
      if (type == "n") x.offsets[first + k] = off;
    }
  x.trailer = pdf.substr(tr, sx - tr);
  return x;
}

// The top-level dictionary of the object at `off` ("n 0 obj\n<< … >>").
std::string object_dict(const std::string& pdf, std::size_t off) {
  const std::size_t from = pdf.find("<<", off);
  if (from == std::string::npos || from > pdf.find("obj", off) + 8) return {};
  int depth = 0;
  for (std::size_t i = from; i + 1 < pdf.size(); ++i) {
    if (pdf[i] == '<' && pdf[i + 1] == '<') ++depth, ++i;
    else if (pdf[i] == '>' && pdf[i + 1] == '>') {
      ++i;
      if (--depth == 0) return pdf.substr(from, i + 1 - from);
    }
  }
  return {};
}

// The token after `key` in a dictionary ("/BaseFont /X" → "/X"; "/Info 3 0 R" → "3").
std::string value_of(const std::string& dict, const std::string& key) {
  std::size_t k = dict.find(key + " ");
  if (k == std::string::npos) k = dict.find(key + "\n");
  if (k == std::string::npos) return {};
  std::istringstream in(dict.substr(k + key.size(), 200));
  std::string v;
  in >> v;
  return v;
}

std::string stream_object(const std::string& data) {
  return "<<\n/Length " + std::to_string(data.size()) + "\n>>\nstream\n" + data + "\nendstream";
}

std::string info_dict(const DocumentInfo& info) {
  char date[32];
  std::snprintf(date, sizeof date, "(D:%04d%02d%02d%02d%02d%02d)", info.year, info.month, info.day,
                info.hour, info.minute, info.second);
  std::string d = "<<\n/Producer " + text_string(std::string("Haru Free PDF Library ") + HPDF_GetVersion()) + "\n";
  for (auto [key, value] : {std::pair{"/Title", &info.title}, {"/Author", &info.author},
                            {"/Subject", &info.subject}, {"/Keywords", &info.keywords},
                            {"/Creator", &info.creator}})
    if (!value->empty()) d += std::string(key) + " " + text_string(*value) + "\n";
  return d + "/CreationDate " + date + "\n/ModDate " + date + "\n>>";
}

}  // namespace

std::string to_unicode_cmap(const std::map<std::uint16_t, char32_t>& codes) {
  // Runs of consecutive codes that stand for themselves, each within one last-byte block
  // (a bfrange may not cross one); a run of one, or a code for another character, is
  // a bfchar. At most 100 entries per block (PDF 32000-1 §9.10.3).
  std::vector<std::pair<unsigned, unsigned>> ranges;
  std::vector<std::pair<unsigned, char32_t>> chars;
  for (auto [code, cp] : codes) {
    if (cp == code && !ranges.empty() && ranges.back().second + 1 == code && (code & 0xFF) != 0)
      ranges.back().second = code;
    else if (cp == code)
      ranges.emplace_back(code, code);
    else
      chars.emplace_back(code, cp);
  }
  int nr = 0, nc = 0;
  auto flush = [](std::string& out, std::string& body, int& n, const char* op) {
    if (n) out += std::to_string(n) + " begin" + op + "\n" + body + "end" + op + "\n";
    body.clear();
    n = 0;
  };
  std::string out, body;
  for (auto [a, b] : ranges) {
    if (a == b) {
      chars.emplace_back(a, char32_t(a));
      continue;
    }
    body += "<" + hex4(a) + "> <" + hex4(b) + "> <" + hex4(a) + ">\n";
    if (++nr == 100) flush(out, body, nr, "bfrange");
  }
  flush(out, body, nr, "bfrange");
  std::sort(chars.begin(), chars.end());
  for (auto [code, cp] : chars) {
    body += "<" + hex4(code) + "> <" + utf16_hex(cp) + ">\n";
    if (++nc == 100) flush(out, body, nc, "bfchar");
  }
  flush(out, body, nc, "bfchar");
  return "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
         "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
         "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
         "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" +
         out + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend";
}

std::string add_reader_update(std::string pdf, const std::vector<FontCodes>& fonts,
                              const DocumentInfo& info) {
  if (pdf.compare(0, 7, "%PDF-1.") == 0 && pdf.size() > 8 && pdf[7] < '4') pdf[7] = '4';
  const Xref x = read_xref(pdf);
  int size = std::stoi(value_of(x.trailer, "/Size"));
  const std::string root = value_of(x.trailer, "/Root");
  std::string info_ref = value_of(x.trailer, "/Info");
  const int info_obj = info_ref.empty() ? size++ : std::stoi(info_ref);

  // Each font's ToUnicode object, by the PostScript name after libharu's "XXXXXX+" tag.
  std::map<std::string, int> to_unicode;
  for (auto [num, off] : x.offsets) {
    const std::string d = object_dict(pdf, off);
    if (d.find("/Subtype /Type0") == std::string::npos) continue;
    std::string name = value_of(d, "/BaseFont");
    name = name.substr(name.find('+') == std::string::npos ? 1 : name.find('+') + 1);
    const std::string ref = value_of(d, "/ToUnicode");
    if (!ref.empty()) to_unicode[name] = std::stoi(ref);
  }

  std::map<int, std::string> objects;  // number → body
  for (const FontCodes& f : fonts) {
    auto it = to_unicode.find(f.base_font);
    if (it == to_unicode.end()) throw RenderError("PDF 后处理：找不到字体 " + f.base_font + " 的 ToUnicode");
    objects[it->second] = stream_object(to_unicode_cmap(f.codes));
  }
  objects[info_obj] = info_dict(info);

  // The /ID: a SHA-256 of libharu's cross-reference table and trailer (the offset of
  // every object, so the length of every deflated page, font and image) and of the
  // objects above (the title, the date, the characters of each font). Hashing these
  // few kilobytes rather than the whole file keeps the update under a millisecond.
  Sha256 h;
  h.update(std::string_view(pdf).substr(x.at));
  for (const auto& [num, body] : objects) h.update(body);
  const std::string id = "<" + h.hex().substr(0, 32) + ">";

  std::string xref = "xref\n";
  for (const auto& [num, body] : objects) {
    char entry[24];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n\r\n", pdf.size());
    xref += std::to_string(num) + " 1\n" + entry;
    pdf += std::to_string(num) + " 0 obj\n" + body + "\nendobj\n";
  }
  const std::size_t xref_at = pdf.size();
  pdf += xref + "trailer\n<<\n/Size " + std::to_string(size) + "\n/Root " + root + " 0 R\n/Info " +
         std::to_string(info_obj) + " 0 R\n/Prev " + std::to_string(x.at) + "\n/ID [" + id + id +
         "]\n>>\nstartxref\n" + std::to_string(xref_at) + "\n%%EOF\n";
  return pdf;
}

}  // namespace tws::render::pdf
