// The ToUnicode CMap of update.h: bfrange for runs of codes that stand for themselves
// (never across a last-byte block), bfchar for single codes and for private codes of
// characters outside the BMP (UTF-16 surrogate pairs), at most 100 entries per block.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "render/pdf/update.h"

using tws::render::pdf::to_unicode_cmap;

namespace {

int count(const std::string& s, const std::string& what) {
  int n = 0;
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST(PdfToUnicode, RangesSinglesAndSurrogatePairs) {
  std::map<std::uint16_t, char32_t> codes;
  for (char32_t cp = 0x4EFD; cp <= 0x4F02; ++cp) codes[uint16_t(cp)] = cp;  // crosses 4EFF|4F00
  codes[0x0020] = U' ';
  codes[0xE000] = U'𠮷';
  const std::string cmap = to_unicode_cmap(codes);
  EXPECT_NE(cmap.find("2 beginbfrange\n<4EFD> <4EFF> <4EFD>\n<4F00> <4F02> <4F00>\nendbfrange"), std::string::npos) << cmap;
  EXPECT_NE(cmap.find("2 beginbfchar\n<0020> <0020>\n<E000> <D842DFB7>\nendbfchar"), std::string::npos) << cmap;
  EXPECT_NE(cmap.find("/CMapType 2 def"), std::string::npos);
  EXPECT_NE(cmap.find("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange"), std::string::npos);
}

TEST(PdfToUnicode, AtMostOneHundredEntriesPerBlock) {
  std::map<std::uint16_t, char32_t> codes;
  for (char32_t cp = 0x4E00; cp < 0x4E00 + 2 * 250; cp += 2) codes[uint16_t(cp)] = cp;  // 250 singles
  const std::string cmap = to_unicode_cmap(codes);
  EXPECT_EQ(count(cmap, "100 beginbfchar"), 2) << cmap.substr(0, 400);
  EXPECT_EQ(count(cmap, "50 beginbfchar"), 1);
  EXPECT_EQ(count(cmap, "\n<4"), 250);
  EXPECT_EQ(count(cmap, "beginbfrange"), 0);
}
