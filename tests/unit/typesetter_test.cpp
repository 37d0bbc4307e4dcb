// typeset::Typesetter: a document set once, its pages counted, blocks inserted, then laid
// out — the same pages as layout() of the same blocks (src/documents places the 版记 of a
// duplex-printed document this way).
#include <gtest/gtest.h>

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

}  // namespace

TEST(Typesetter, PagesAreThoseOfLayout) {
  const FontSet fonts = FontSet::fixed_width();
  PageStyle st;
  const Layout whole = layout(document(120), fonts, st);
  ASSERT_GT(whole.pages.size(), 3u);

  Typesetter ts(document(120), fonts, st);
  EXPECT_EQ(ts.page_count(st), int(whole.pages.size()));
  EXPECT_EQ(ts.page_count(st), int(whole.pages.size()));  // counting changes nothing
  const Layout laid = ts.layout(st);
  EXPECT_EQ(laid.warnings, whole.warnings);
  ASSERT_EQ(laid.pages.size(), whole.pages.size());
  for (std::size_t k = 0; k < laid.pages.size(); ++k) EXPECT_EQ(laid.pages[k].number, int(k) + 1);
  EXPECT_EQ(dump(laid.pages, fonts), dump(whole.pages, fonts));
  EXPECT_EQ(dump(ts.layout(st).pages, fonts), dump(whole.pages, fonts));  // laying out changes nothing
}

// Blocks inserted after setting (a page break before the 版记, a blank page) paginate as
// if they had been there from the start; page numbering comes from the style given.
TEST(Typesetter, InsertedBlocksAndUnnumberedPages) {
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
  const std::vector<Page> pages = ts.layout(blank).pages;
  ASSERT_EQ(int(pages.size()), n);
  EXPECT_EQ(pages[std::size_t(n - 1)].number, 0);
  EXPECT_EQ(pages[std::size_t(n - 2)].number, 0);
  EXPECT_EQ(dump(pages, fonts), dump(whole.pages, fonts));
}

TEST(Typesetter, ProblemsAreReportedWhenSetting) {
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
