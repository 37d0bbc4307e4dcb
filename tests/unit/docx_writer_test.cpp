// src/docx (the WordprocessingML writer) and documents/draft.cpp (blocks → .docx):
// deterministic bytes, escaped text, and the duplex blank page as an unnumbered
// section with the 版记 framed at the foot of the last page.
#include <gtest/gtest.h>
#include <zip.h>

#include <string>

#include "docx/docx.h"
#include "documents/draft.h"

namespace {

using namespace tws;

std::string part_of(const std::string& bytes, const char* name) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (!z) {
    zip_source_free(src);
    return {};
  }
  std::string out;
  if (zip_file_t* f = zip_fopen(z, name, 0)) {
    char buf[4096];
    for (zip_int64_t n; (n = zip_fread(f, buf, sizeof buf)) > 0;) out.append(buf, std::size_t(n));
    zip_fclose(f);
  }
  zip_discard(z);
  return out;
}

docx::Document one_paragraph(const std::string& text) {
  docx::Document d;
  docx::Paragraph p;
  p.runs.push_back({text, {}});
  d.body.push_back(p);
  d.properties = {"标题", "主题", "德州职业技术学院", "", 2026, 5, 28};
  return d;
}

TEST(DocxWriter, SameDocumentSameBytes) {
  const auto d = one_paragraph("根据管理办法");
  const std::string a = docx::write(d), b = docx::write(d);
  ASSERT_EQ(a.substr(0, 2), "PK");
  EXPECT_EQ(a, b);
  EXPECT_NE(part_of(a, "docProps/core.xml").find("2026-05-28T00:00:00Z"), std::string::npos);
  EXPECT_NE(part_of(a, "word/document.xml").find("根据管理办法"), std::string::npos);
}

TEST(DocxWriter, EscapesMarkupAndDropsControlCharacters) {
  const std::string xml = part_of(docx::write(one_paragraph("a<b>&\"c\x01" "d\ne")), "word/document.xml");
  EXPECT_NE(xml.find("a&lt;b&gt;&amp;&quot;cd</w:t><w:br/><w:t xml:space=\"preserve\">e"), std::string::npos) << xml;
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
}

TEST(DocxDraft, DuplexBlankPageIsAnUnnumberedSectionAndTheColophonSitsAtTheFoot) {
  using namespace typeset;
  const FontSet fonts = FontSet::fixed_width();
  Table colophon;
  colophon.ruled = false;
  colophon.header_rows = 0;
  colophon.columns = {Column{0, 0, Align::Left}, Column{0, 0, Align::Right}};
  colophon.rows.push_back({Cell{"院长办公室"}, Cell{"2026年5月28日印发"}});
  // As Renderer::lay_out leaves them when the 版记 needs a blank page before it.
  documents::DraftBlocks d;
  d.blocks = {body("正文"), PageBreak{}, Space{1}, PageBreak{}, fill(), Rule{}, colophon, Rule{}};
  d.kinds = {"p", "pagebreak", "pagebreak", "pagebreak", "colophon", "colophon", "colophon", "colophon"};
  d.unnumbered_from = 1;
  const std::string xml = part_of(documents::write_draft(d, fonts, PageStyle{}, {"t", "s", "a", 2026, 5, 28}),
                                  "word/document.xml");
  // The body's paragraph ends the numbered section (w:sectPr in its properties); the
  // last section has empty footers.
  const auto first = xml.find("<w:sectPr>");
  ASSERT_NE(first, std::string::npos);
  EXPECT_NE(xml.find("</w:sectPr></w:pPr><w:r><w:t xml:space=\"preserve\">正文</w:t>"), std::string::npos);
  EXPECT_NE(xml.substr(first, 200).find("rIdFooterOdd"), std::string::npos);
  const auto last = xml.rfind("<w:sectPr>");
  ASSERT_NE(last, first);
  EXPECT_NE(xml.substr(last, 200).find("rIdFooterNone"), std::string::npos);
  EXPECT_EQ(xml.substr(last, 200).find("rIdFooterOdd"), std::string::npos);
  // The blank page, then the 版记 on a page of its own, framed at the foot, ruled.
  const auto colophon_at = xml.find("院长办公室");
  EXPECT_LT(xml.find("<w:pageBreakBefore/>", first), colophon_at);
  EXPECT_NE(xml.find("w:yAlign=\"bottom\""), std::string::npos);
  EXPECT_NE(xml.find("<w:pBdr><w:top w:val=\"single\""), std::string::npos);
  EXPECT_NE(xml.find("<w:bottom w:val=\"single\""), std::string::npos);
  EXPECT_NE(xml.find("院长办公室</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t xml:space=\"preserve\">2026年5月28日印发"),
            std::string::npos)
      << xml;
}

}  // namespace
