// Header matching (SPEC §3): by text, below a title row, inside merged cells,
// with spaces, full-width brackets and line breaks.
#include <gtest/gtest.h>

#include "records/schema.h"
#include "records/sheet_table.h"

using namespace tws;
using namespace tws::records;
using ingest::Cell;
using ingest::CellType;

namespace {
Cell s(const std::string& t) { Cell c; c.type = t.empty() ? CellType::Empty : CellType::String; c.text = t; return c; }
ingest::Row row(uint32_t index, std::vector<std::string> texts) {
  ingest::Row r;
  r.index = index;
  for (auto& t : texts) r.cells.push_back(s(t));
  return r;
}
const SheetSpec& reviews() { return input_file("reviews.xlsx").sheets[0]; }
// The rows the table takes as data.
std::vector<const ingest::Row*> data_rows(const ingest::Sheet& sh, const SheetTable& t) {
  std::vector<const ingest::Row*> rows;
  for (auto& r : sh.rows)
    if (t.is_data(r)) rows.push_back(&r);
  return rows;
}
}  // namespace

TEST(Headers, NormalisedComparison) {
  EXPECT_EQ(normalize_header("职业 （工种）\n"), normalize_header("职业(工种)"));
  EXPECT_EQ(normalize_header("领办人\n姓名"), "领办人姓名");
  EXPECT_EQ(normalize_header("＊评分"), "评分");
}

TEST(Headers, FoundBelowTitleRowWithAliases) {
  ingest::Sheet sh;
  sh.name = "专家评分";
  sh.rows = {row(0, {"2026年专家评分表"}), row(2, {"编号", "专家 姓名", "分数", "评审意见"}),
             row(3, {"2026-01", "张三", "80", "好"}), row(5, {"2026-02", "李四", "70", ""})};
  sh.merged = {{0, 0, 0, 3}};
  Diagnostics d;
  SheetTable t(sh, reviews(), "reviews.xlsx", d);
  ASSERT_TRUE(t.usable()) << (d.items().empty() ? "" : d.items()[0].message);
  auto rows = data_rows(sh, t);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(t.cell(*rows[1], "专家").text, "李四");
  EXPECT_EQ(t.where(*rows[1], "评分").row, 6);
  EXPECT_EQ(t.where(*rows[1], "评分").column, 3);
}

TEST(Headers, MergedVerticalHeaderCell) {
  // "申报编号" spans rows 1–2; "专家/评分/意见" sit in row 2 under a group header.
  ingest::Sheet sh;
  sh.name = "专家评分";
  sh.rows = {row(0, {"申报编号", "评审情况", "", ""}), row(1, {"", "专家", "评分", "意见"}),
             row(2, {"2026-01", "张三", "80", "好"})};
  sh.merged = {{0, 0, 1, 0}, {0, 1, 0, 3}};
  Diagnostics d;
  SheetTable t(sh, reviews(), "reviews.xlsx", d);
  ASSERT_TRUE(t.usable());
  auto rows = data_rows(sh, t);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(t.cell(*rows[0], "申报编号").text, "2026-01");
  EXPECT_EQ(t.cell(*rows[0], "评分").text, "80");
}

TEST(Headers, MissingRequiredColumnReportedWithRow) {
  ingest::Sheet sh;
  sh.name = "专家评分";
  sh.rows = {row(0, {"申报编号", "专家", "意见"}), row(1, {"2026-01", "张三", "好"})};
  Diagnostics d;
  SheetTable t(sh, reviews(), "reviews.xlsx", d);
  EXPECT_FALSE(t.usable());
  ASSERT_EQ(d.error_count(), 1u);
  EXPECT_EQ(format_diagnostic(d.items()[0]), "reviews.xlsx:专家评分!第1行: 缺少列“评分”");
}

TEST(Headers, NoHeaderRowAtAll) {
  ingest::Sheet sh;
  sh.name = "专家评分";
  sh.rows = {row(0, {"a", "b"}), row(1, {"1", "2"})};
  Diagnostics d;
  SheetTable t(sh, reviews(), "reviews.xlsx", d);
  EXPECT_FALSE(t.usable());
  EXPECT_NE(d.items().at(0).message.find("找不到表头行"), std::string::npos);
}

TEST(Diagnostics, LocationFormat) {
  EXPECT_EQ(column_name(1), "A");
  EXPECT_EQ(column_name(27), "AA");
  EXPECT_EQ(column_name(16384), "XFD");
  EXPECT_EQ(format_location({"a.xlsx", "申报汇总", 7, 6}), "a.xlsx:申报汇总!F7");
  EXPECT_EQ(format_location({"a.csv", "", 3, 2}), "a.csv:B3");
}
