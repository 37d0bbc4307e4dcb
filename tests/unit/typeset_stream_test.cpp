// typeset::Typesetter: a document set once, counted, then drawn page by page — the same
// pages as layout() of the same blocks (src/documents draws long 附件 tables this way).
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "typeset/typeset.h"

using namespace tws::typeset;

namespace {

// A notice-like document: body, a long table with a repeated header and a split row,
// the 版记 after a fill.
std::vector<Block> document(int rows) {
  std::vector<Block> b{title("关于认定技师工作站的通知"), body("各部门：根据有关规定，现将认定结果通知如下。")};
  Table t;
  t.size = 12;
  t.header_rows = 1;
  t.columns = {Column{0, 0, Align::Centre}, Column{0, 0, Align::Left}, Column{0, 0, Align::Centre}};
  t.rows.push_back({Cell{"序号"}, Cell{"工作站名称"}, Cell{"领办人"}});
  for (int i = 1; i <= rows; ++i) {
    std::string name = "第" + std::to_string(i) + "技能大师工作室";
    if (i % 7 == 0) name += "（含数控加工、智能制造与工业机器人应用方向的联合实训中心）";
    t.rows.push_back({Cell{std::to_string(i)}, Cell{name}, Cell{"张三"}});
  }
  b.push_back(t);
  b.push_back(fill());
  b.push_back(Rule{mm(0.35)});
  b.push_back(body("德州职业技术学院办公室　2026年12月31日印发"));
  b.push_back(Rule{mm(0.35)});
  return b;
}

GlyphUse glyphs_of(const std::vector<Page>& pages) {
  GlyphUse used;
  for (const Page& p : pages)
    for (const Item& it : p.items)
      if (const auto* r = std::get_if<GlyphRun>(&it))
        for (const PlacedGlyph& g : r->glyphs) used[{r->face, g.narrow}].insert(g.cp);
  return used;
}

}  // namespace

TEST(TypesetStream, PagesAreThoseOfLayout) {
  const FontSet fonts = FontSet::fixed_width();
  PageStyle st;
  const Layout whole = layout(document(120), fonts, st);
  ASSERT_GT(whole.pages.size(), 3u);

  Typesetter ts(document(120), fonts, st);
  EXPECT_EQ(ts.page_count(st), int(whole.pages.size()));
  EXPECT_EQ(ts.page_count(st), int(whole.pages.size()));  // counting changes nothing
  EXPECT_EQ(ts.glyphs(st), glyphs_of(whole.pages));
  EXPECT_EQ(ts.warnings(), whole.warnings);
  std::vector<Page> streamed;
  ts.paginate(st, [&](Page&& p) {
    EXPECT_EQ(p.number, int(streamed.size()) + 1);  // handed on in order, numbered
    streamed.push_back(std::move(p));
  });
  ASSERT_EQ(streamed.size(), whole.pages.size());
  EXPECT_EQ(dump(streamed, fonts), dump(whole.pages, fonts));
  EXPECT_THROW(ts.paginate(st, [](Page&&) {}), std::logic_error);
  EXPECT_THROW(ts.page_count(st), std::logic_error);
}

// Blocks inserted after setting (a page break before the 版记, a blank page) paginate as
// if they had been there from the start; page numbering comes from the style given.
TEST(TypesetStream, InsertedBlocksAndUnnumberedPages) {
  const FontSet fonts = FontSet::fixed_width();
  PageStyle st;
  const std::size_t colophon = 3;  // the fill
  std::vector<Block> moved = document(60);
  moved.insert(moved.begin() + colophon, PageBreak{});
  moved.insert(moved.begin() + colophon + 1, {Space{1}, PageBreak{}});
  PageStyle blank = st;
  const int n = int(layout(moved, fonts, st).pages.size());
  blank.unnumbered_pages = {n - 1, n};
  const Layout whole = layout(moved, fonts, blank);

  Typesetter ts(document(60), fonts, st);
  const int before = ts.page_count(st);
  ts.insert(colophon, {PageBreak{}});
  ts.insert(colophon + 1, {Space{1}, PageBreak{}});
  EXPECT_EQ(ts.page_count(blank), n);
  EXPECT_GT(n, before);
  EXPECT_EQ(ts.glyphs(blank), glyphs_of(whole.pages));
  std::vector<Page> streamed;
  ts.paginate(blank, [&](Page&& p) { streamed.push_back(std::move(p)); });
  ASSERT_EQ(int(streamed.size()), n);
  EXPECT_EQ(streamed[std::size_t(n - 1)].number, 0);
  EXPECT_EQ(streamed[std::size_t(n - 2)].number, 0);
  EXPECT_EQ(dump(streamed, fonts), dump(whole.pages, fonts));
}

TEST(TypesetStream, ProblemsAreReportedWhenSetting) {
  Paragraph p = body("超出平面的字𠮷");
  p.origin = "第1段";
  try {
    Typesetter ts({p}, FontSet::fixed_width(), PageStyle{});
    FAIL() << "no TypesetError";
  } catch (const TypesetError& e) {
    ASSERT_EQ(e.problems.size(), 1u);
    EXPECT_EQ(e.problems[0].rfind("第1段：", 0), 0u) << e.problems[0];
  }
}

// A table of more than 100 body rows sets them for their height only and again when
// drawn: its pages are those of the eager path (the first pages of a 101-row table are
// those of a 100-row one), split rows included.
TEST(TypesetStream, LongTablesSetRowsWhenDrawnWithTheSameResult) {
  const FontSet fonts = FontSet::fixed_width();
  auto doc = [](int rows) {
    Table t;
    t.size = 12;
    t.header_rows = 1;
    t.split_rows = true;
    t.rows.push_back({Cell{"序号"}, Cell{"说明"}});
    for (int i = 1; i <= rows; ++i) {
      std::string text = "第" + std::to_string(i) + "行";
      if (i % 9 == 0)
        for (int k = 0; k < 30; ++k) text += "很长的说明文字，会折成许多行，";
      t.rows.push_back({Cell{std::to_string(i)}, Cell{text}});
    }
    return std::vector<Block>{body("正文"), t};
  };
  const Layout eager = layout(doc(100), fonts, PageStyle{});
  const Layout lazy = layout(doc(101), fonts, PageStyle{});
  ASSERT_GT(eager.pages.size(), 4u);
  ASSERT_GE(lazy.pages.size(), eager.pages.size());
  for (std::size_t k = 0; k + 1 < eager.pages.size(); ++k)
    EXPECT_EQ(dump(lazy.pages[k], fonts), dump(eager.pages[k], fonts)) << "page " << k + 1;
}

// A document of more than 100 paragraphs sets them for their lines' pitches only and
// again when drawn: its pages are those of the eager path (the first pages of 102
// paragraphs are those of the first 100), widow and orphan control and kept headings
// included, and its glyphs are those its pages draw.
TEST(TypesetStream, LongDocumentsSetParagraphsWhenDrawnWithTheSameResult) {
  const FontSet fonts = FontSet::fixed_width();
  // A title, n items and a heading before every tenth: 1 + n + ⌈n/10⌉ paragraphs.
  auto doc = [](int n) {
    std::vector<Block> b{title("关于2026年度技师工作站考核结果的通报")};
    for (int i = 1; i <= n; ++i) {
      if (i % 10 == 1) b.push_back(heading(1, "第" + std::to_string(i / 10 + 1) + "组"));
      std::string text = "工作站JS2026" + std::to_string(i) + "考核不合格，撤销“技师工作站”资格，不再予以经费支持（第七条）。";
      for (int k = 0; k < i % 4; ++k) text += "年度考核得分低于六十分，按规定处理，";
      b.push_back(body(text + "特此通报。"));
    }
    return b;
  };
  const Layout eager = layout(doc(90), fonts, PageStyle{});  // 100 paragraphs
  const Layout lazy = layout(doc(91), fonts, PageStyle{});   // 102
  ASSERT_GT(eager.pages.size(), 4u);
  ASSERT_GE(lazy.pages.size(), eager.pages.size());
  for (std::size_t k = 0; k + 1 < eager.pages.size(); ++k)
    EXPECT_EQ(dump(lazy.pages[k], fonts), dump(eager.pages[k], fonts)) << "page " << k + 1;

  PageStyle st;
  Typesetter ts(doc(91), fonts, st);
  EXPECT_EQ(ts.page_count(st), int(lazy.pages.size()));
  EXPECT_EQ(ts.glyphs(st), glyphs_of(lazy.pages));
  std::vector<Page> streamed;
  ts.paginate(st, [&](Page&& p) { streamed.push_back(std::move(p)); });
  EXPECT_EQ(dump(streamed, fonts), dump(lazy.pages, fonts));
}
