// Bar charts (typeset::Chart, src/typeset/chart.cpp) with the fixed-width face: bars as
// filled boxes in proportion to their values, stacked in series order, every label as
// text, and the chart kept whole on a page.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "typeset/typeset.h"

using namespace tws::typeset;

namespace {

PageStyle plain() {
  PageStyle st;
  st.page_numbers = false;
  return st;
}

std::vector<BoxItem> bars(const Page& p) {
  std::vector<BoxItem> out;
  for (const Item& it : p.items)
    if (const auto* b = std::get_if<BoxItem>(&it))
      if (b->h > 8) out.push_back(*b);  // not the legend's swatches
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return std::tie(a.x, b.y) < std::tie(b.x, a.y); });
  return out;
}

bool has_text(const Page& p, const std::string& text) {
  for (const Item& it : p.items)
    if (const auto* r = std::get_if<GlyphRun>(&it))
      if (r->text() == text) return true;
  return false;
}

Chart grades() {
  Chart c;
  c.title = "图1　等级";
  c.x_title = "年度";
  c.y_title = "个数";
  c.categories = {"2024", "2025"};
  c.series = {{"优秀", {1, 3}, {"1", "3"}}, {"合格", {4, 5}, {"4", "5"}}};
  return c;
}

}  // namespace

TEST(TypesetChart, StackedBarsInProportionWithTheirLabels) {
  Layout L = layout({grades()}, FontSet::fixed_width(), plain());
  ASSERT_EQ(L.pages.size(), 1u);
  const Page& p = L.pages[0];
  auto b = bars(p);
  ASSERT_EQ(b.size(), 4u);  // two bars of two segments
  const double unit = b[0].h / 1;  // 2024 优秀 = 1
  EXPECT_NEAR(b[1].h, 4 * unit, 1e-6);
  EXPECT_NEAR(b[2].h, 3 * unit, 1e-6);
  EXPECT_NEAR(b[3].h, 5 * unit, 1e-6);
  EXPECT_NEAR(b[0].y, b[1].y + b[1].h, 1e-6);  // 合格 stacked on 优秀
  EXPECT_FALSE(b[0].fill == b[1].fill);
  for (const char* t : {"图1　等级", "年度", "个数", "2024", "2025", "优秀", "合格", "5", "8", "0"})
    EXPECT_TRUE(has_text(p, t)) << t;
}

TEST(TypesetChart, OneSeriesPrintsItsLabelsAsWritten) {
  Chart c;
  c.title = "经费";
  c.y_title = "元";
  c.categories = {"甲系", "乙系"};
  c.series = {{"经费", {80000, 20000}, {"80,000.00", "20,000.00"}}};
  Layout L = layout({c}, FontSet::fixed_width(), plain());
  const Page& p = L.pages[0];
  auto b = bars(p);
  ASSERT_EQ(b.size(), 2u);
  EXPECT_NEAR(b[0].h, 4 * b[1].h, 1e-6);
  EXPECT_TRUE(has_text(p, "80,000.00"));
  EXPECT_TRUE(has_text(p, "20,000.00"));
  EXPECT_TRUE(has_text(p, "80,000"));  // the grid's top line
}

TEST(TypesetChart, MovesWholeToTheNextPage) {
  PageStyle st = plain();
  Chart c = grades();
  c.height = mm(60);
  std::vector<Block> blocks{Space{st.block_height - mm(30)}, c};
  Layout L = layout(blocks, FontSet::fixed_width(), st);
  ASSERT_EQ(L.pages.size(), 2u);
  EXPECT_TRUE(bars(L.pages[0]).empty());
  EXPECT_EQ(bars(L.pages[1]).size(), 4u);
  for (const BoxItem& b : bars(L.pages[1])) EXPECT_LT(b.y + b.h, st.top + mm(60) + 1e-6);
}
