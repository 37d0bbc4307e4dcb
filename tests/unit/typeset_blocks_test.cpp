// Blocks other than running text, with the fixed-width face: the pieces the documents
// are built from (GB/T 9704-2012 as summarised in ../shared/GBT9704.md).
#include <algorithm>
#include <gtest/gtest.h>

#include "typeset/typeset.h"

using namespace tws::typeset;

namespace {

PageStyle plain() {
  PageStyle st;
  st.page_numbers = false;
  return st;
}

std::vector<const GlyphRun*> runs(const Page& p) {
  std::vector<const GlyphRun*> r;
  for (const Item& it : p.items)
    if (const auto* g = std::get_if<GlyphRun>(&it)) r.push_back(g);
  return r;
}

std::vector<const RuleItem*> rules(const Page& p) {
  std::vector<const RuleItem*> r;
  for (const Item& it : p.items)
    if (const auto* g = std::get_if<RuleItem>(&it)) r.push_back(g);
  return r;
}

}  // namespace

// 版记: "its last element on the last line of the 版心 … the last rule coincides with the
// bottom edge of the 版心" — a fill Space pushes the blocks after it to the page bottom.
TEST(TypesetBlocks, FillPushesTheFootToTheBottomOfTheBlock) {
  PageStyle st = plain();
  Paragraph cc = body("抄送：组织人事处。");
  cc.size = 14;
  cc.first_indent = 0;
  cc.left_indent = 1;
  std::vector<Block> b{body("正文"), fill(), Rule{mm(0.35)}, cc, Rule{mm(0.35)}};
  auto L = layout(b, FontSet::fixed_width(), st);
  ASSERT_EQ(L.pages.size(), 1u);
  auto r = rules(L.pages[0]);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_NEAR(r[1]->y1 + r[1]->width / 2, mm(37 + 225), 1e-6);
  EXPECT_NEAR(r[0]->y1 - r[0]->width / 2, mm(37 + 225) - mm(0.7) - st.line_pitch(), 1e-6);
}

TEST(TypesetBlocks, FillMovesTheFootToANewPageWhenItDoesNotFit) {
  PageStyle st = plain();
  std::vector<Block> b;
  for (int i = 0; i < 21; ++i) b.push_back(body("正文"));
  b.push_back(fill());
  b.push_back(Rule{mm(0.35)});
  b.push_back(body("印发"));
  b.push_back(Rule{mm(0.35)});
  auto L = layout(b, FontSet::fixed_width(), st);
  ASSERT_EQ(L.pages.size(), 2u);
  EXPECT_EQ(rules(L.pages[0]).size(), 0u);
  EXPECT_EQ(rules(L.pages[1]).size(), 2u);
}

// 附件说明: "附件：1. name, continuation aligned with the name" — a hanging indent, and
// "\n" for the next attachment.
TEST(TypesetBlocks, HangingIndentAndForcedBreak) {
  Paragraph p = body("附件：1.技能大师工作室认定名单\n2.技能大师工作室建设任务书");
  p.left_indent = 5;   // where the names start
  p.first_indent = -3; // 附件： starts two characters in
  auto L = layout({p}, FontSet::fixed_width(), plain());
  auto r = runs(L.pages[0]);
  ASSERT_EQ(r.size(), 2u);
  const double pitch = PageStyle{}.char_pitch();
  EXPECT_EQ(r[0]->text(), "附件：1.技能大师工作室认定名单");
  EXPECT_EQ(r[1]->text(), "2.技能大师工作室建设任务书");
  EXPECT_NEAR(r[0]->glyphs.front().x, mm(28) + 2 * pitch, 1e-6);
  EXPECT_NEAR(r[1]->glyphs.front().x, mm(28) + 5 * pitch, 1e-6);
  // the line before "\n" is not justified
  EXPECT_NEAR(r[0]->glyphs[1].x - r[0]->glyphs[0].x, pitch, 1e-6);
}

// 版记's 印发 line: the office one character in from the left, the date one character in
// from the right, on one line — a table without rules.
TEST(TypesetBlocks, BorderlessTableForTwoSidedLine) {
  Table t;
  t.ruled = false;
  t.size = 14;
  t.header_rows = 0;
  t.pad_x = 14;
  t.columns = {{0, 0, Align::Left}, {0, 0, Align::Right}};
  t.rows.push_back({{"德州职业技术学院院长办公室"}, {"2026年5月20日印发"}});
  auto L = layout({t}, FontSet::fixed_width(), plain());
  EXPECT_TRUE(rules(L.pages[0]).empty());
  auto r = runs(L.pages[0]);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_NEAR(r[0]->glyphs.front().x, mm(28) + 14, 1e-6);
  EXPECT_NEAR(r[1]->glyphs.back().x + r[1]->glyphs.back().advance, mm(28 + 156) - 14, 1e-6);
  EXPECT_EQ(page_lines(L.pages[0]), (std::vector<std::string>{"德州职业技术学院院长办公室 2026年5月20日印发"}));
}

// 申报表 opinion boxes: a tall empty cell with the 签字/日期 line at its bottom.
TEST(TypesetBlocks, OpinionBoxTextAtTheBottom) {
  Table t;
  t.header_rows = 0;
  t.size = 14;
  t.columns = {{mm(30), mm(30), Align::Centre}, {0, 0, Align::Right}};
  Cell sign{"负责人签字：　　　　年　月　日"};
  sign.min_height = mm(40);
  sign.valign = VAlign::Bottom;
  t.rows.push_back({{"系部意见"}, sign});
  auto L = layout({t}, FontSet::fixed_width(), plain());
  auto r = runs(L.pages[0]);
  ASSERT_EQ(r.size(), 2u);
  const double row_bottom = mm(37) + mm(40);
  const double pitch = 1.4 * 14;
  // the signature line's em box sits pad_y above the row's bottom, centred in its pitch
  EXPECT_NEAR(r[1]->baseline, row_bottom - t.pad_y - pitch + (pitch - 14) / 2 + 0.88 * 14, 1e-6);
  EXPECT_NEAR(r[0]->baseline, mm(37) + mm(20) - pitch / 2 + (pitch - 14) / 2 + 0.88 * 14, 1e-6);
}

// Column widths from content: short cells (names, departments) stay on one line, the long
// text column wraps.
TEST(TypesetBlocks, ColumnWidthsKeepShortCellsWhole) {
  Table t;
  t.size = 16;
  t.rows.push_back({{"序号"}, {"工作室名称"}, {"领办人"}});
  t.rows.push_back({{"1"}, {"汽车检测与维修技术技能大师工作室（校企共建）实训基地"}, {"欧阳明月"}});
  PageStyle st = plain();
  st.block_width = 20 * 16;
  st.chars_per_line = 20;
  auto L = layout({t}, FontSet::fixed_width(), st);
  auto lines = page_lines(L.pages[0]);
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(lines[0], "序号 工作室名称 领办人");
  bool whole = false;
  for (const auto& l : lines) whole |= l.find("欧阳明月") != std::string::npos;
  EXPECT_TRUE(whole);
}

// A long 发文机关标志 is condensed to the block width rather than broken (GB/T 9704 §7.2.3:
// "a long name may be horizontally condensed").
TEST(TypesetBlocks, ShrinkToFitCondenses) {
  Paragraph p;
  p.text = "德州职业技术学院人力资源和社会保障处文件";  // 20 characters
  p.size = 32;
  p.first_indent = 0;
  p.align = Align::Centre;
  p.shrink_to_fit = true;
  auto L = layout({p}, FontSet::fixed_width(), plain());
  auto r = runs(L.pages[0]);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_NEAR(r[0]->hscale, mm(156) / (20 * 32), 1e-9);
  EXPECT_NEAR(r[0]->glyphs.front().x, mm(28), 1e-6);
  EXPECT_NEAR(r[0]->glyphs.back().x + r[0]->glyphs.back().advance, mm(184), 1e-6);
}

namespace {

// The text of each glyph run (one cell line each with the fixed-width face).
std::vector<std::string> run_texts(const Page& p) {
  std::vector<std::string> t;
  for (const GlyphRun* r : runs(p)) t.push_back(r->text());
  return t;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// A table of single-line rows: `n` body rows after a header, the last a 合计.
Table ledger(int n) {
  Table t;
  t.size = 16;
  t.rows.push_back({{"序号"}, {"名称"}, {"金额"}});
  for (int i = 1; i <= n; ++i) t.rows.push_back({{std::to_string(i)}, {"工作站"}, {"20000"}});
  t.rows.push_back({{"合计", 2}, {"100000"}});
  return t;
}

double row_height(const Table& t) { return 1.4 * t.size + 2 * t.pad_y; }

}  // namespace

// Column widths from content (CSS automatic table layout): a header keeps at least two
// characters a line (not 考/核/得/分), a name breaks at a word boundary (药物制剂|技师工作站,
// not …技师工|作站), no cell line holds one character alone.
TEST(TypesetBlocks, ColumnWidthsBreakCellsAtWords) {
  Table t;
  t.size = 12;
  t.rows.push_back({{"序号"}, {"工作站名称"}, {"考核得分"}});
  t.rows.push_back({{"1"}, {"药物制剂技师工作站"}, {"95"}});
  PageStyle st = plain();
  st.block_width = 12 * 12;
  auto texts = run_texts(layout({t}, FontSet::fixed_width(), st).pages.at(0));
  EXPECT_TRUE(has(texts, "考核得分") || (has(texts, "考核") && has(texts, "得分")));
  EXPECT_TRUE(has(texts, "药物制剂技师工作站") || (has(texts, "药物制剂") && has(texts, "技师工作站")) ||
              (has(texts, "药物制剂技师") && has(texts, "工作站")));
  for (const auto& s : texts)  // digits aside, more than one CJK character
    if (static_cast<unsigned char>(s[0]) >= 0x80) EXPECT_GT(s.size(), 3u) << s;
}

// A word the dictionary does not know (数控车工) is not broken before its last character.
TEST(TypesetBlocks, NoLoneCharacterOnACellsLastLine) {
  Table t;
  t.size = 12;
  t.header_rows = 0;
  t.columns = {{3 * 12 + 2 * t.pad_x, 3 * 12 + 2 * t.pad_x, Align::Left}, {0, 0, Align::Left}};
  t.rows.push_back({{"数控车工"}, {"证书"}});
  auto texts = run_texts(layout({t}, FontSet::fixed_width(), plain()).pages.at(0));
  EXPECT_TRUE(has(texts, "数控")) << texts.at(0);
  EXPECT_TRUE(has(texts, "车工"));
}

// The last row (合计) does not begin a page alone under the repeated header: the row
// before it goes along.
TEST(TypesetBlocks, TotalRowKeepsTheRowBefore) {
  Table t = ledger(5);
  PageStyle st = plain();
  st.block_height = 6 * row_height(t) + 10;  // header + 5 rows, not the 合计
  auto L = layout({t}, FontSet::fixed_width(), st);
  ASSERT_EQ(L.pages.size(), 2u);
  auto p2 = run_texts(L.pages[1]);
  EXPECT_TRUE(has(p2, "序号"));  // the header repeated
  EXPECT_TRUE(has(p2, "5"));
  EXPECT_TRUE(has(p2, "合计"));
  EXPECT_FALSE(has(run_texts(L.pages[0]), "5"));
}

// A table's header never ends a page without its first row, also when that row takes
// two lines and may not be split.
TEST(TypesetBlocks, HeaderGoesWithAWholeFirstRow) {
  Table t = ledger(2);
  t.rows[1][1].text = "工作站\n名称";
  PageStyle st = plain();
  Paragraph filler = body("正文");
  filler.line_pitch = st.block_height - 2.5 * row_height(t);  // room for the header + 1 line
  auto L = layout({filler, t}, FontSet::fixed_width(), st);
  ASSERT_EQ(L.pages.size(), 2u);
  EXPECT_FALSE(has(run_texts(L.pages[0]), "序号"));
  EXPECT_TRUE(has(run_texts(L.pages[1]), "序号"));
}

// A keep_together table (the approval boxes of a form) moves to the next page whole.
TEST(TypesetBlocks, KeepTogetherTableMovesWhole) {
  Table t = ledger(3);
  t.keep_together = true;
  PageStyle st = plain();
  Paragraph filler = body("正文");
  filler.line_pitch = st.block_height - 3 * row_height(t);
  auto L = layout({filler, t}, FontSet::fixed_width(), st);
  ASSERT_EQ(L.pages.size(), 2u);
  EXPECT_EQ(run_texts(L.pages[0]), std::vector<std::string>{"正文"});
  EXPECT_TRUE(has(run_texts(L.pages[1]), "合计"));
}
