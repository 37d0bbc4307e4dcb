// Plain-table workbooks: values re-read by openpyxl, user text never a formula,
// deterministic bytes, and the formatting HR expects.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/workbook.h"
#include "report/xlsx_table.h"

namespace fs = std::filesystem;
using namespace tws::report;

namespace {
std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
std::string run(const std::string& cmd) {
  std::string out;
  FILE* f = popen(cmd.c_str(), "r");
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, f)) out.append(buf, n);
  pclose(f);
  return out;
}
TableSheet sample() {
  TableSheet t{"评审汇总", "德州职业技术学院 2026 年技师工作站评审汇总",
               {{"申报编号"}, {"工作站名称"}, {"评分", ColumnKind::Score}, {"等级", ColumnKind::Grade},
                {"经费", ColumnKind::Money}},
               {}};
  t.rows.push_back({std::string("2026-01"), std::string("数控加工技师工作站"), 86.25, std::string("优秀"), 20000.0});
  t.rows.push_back({std::string("2026-02"), std::string("=1+1"), 59.5, std::string("不合格"), 0.0});
  t.rows.push_back({std::string("2026-03"), std::string("@SUM(A1)"), Value{}, std::string("+cmd"), Value{}});
  return t;
}
}  // namespace

TEST(ReportXlsx, ValuesReadBackAndUserTextStaysText) {
  fs::path dir = fs::temp_directory_path() / "tws_report_test";
  fs::create_directories(dir);
  fs::path p = dir / "t.xlsx";
  write_tables(p, {"评审汇总", "德州职业技术学院", "德州职业技术学院", "2026-05-06"}, {sample()});
  auto wb = tws::ingest::read_workbook(p);
  ASSERT_EQ(wb.sheets.size(), 1u);
  const auto& rows = wb.sheets[0].rows;
  ASSERT_EQ(rows.size(), 5u);  // title, header, 3 data rows
  EXPECT_EQ(rows[0].cells[0].text, "德州职业技术学院 2026 年技师工作站评审汇总");
  EXPECT_EQ(rows[1].cells[2].text, "评分");
  EXPECT_DOUBLE_EQ(rows[2].cells[2].number, 86.25);
  EXPECT_EQ(rows[3].cells[1].type, tws::ingest::CellType::String);
  EXPECT_EQ(rows[3].cells[1].text, "=1+1");
  EXPECT_EQ(rows[4].cells[1].text, "@SUM(A1)");

  std::string py = "/usr/bin/python3 -c \"import openpyxl; wb=openpyxl.load_workbook('" + p.string() +
                   "'); ws=wb['评审汇总']; print(ws.freeze_panes, ws.auto_filter.ref, ws['B4'].data_type, ws['B4'].value,"
                   " len(ws.conditional_formatting), ws.print_title_rows, wb.properties.creator, ws.page_setup.orientation)\"";
  EXPECT_EQ(run(py), "A3 A2:E5 s =1+1 1 $1:$2 德州职业技术学院 landscape\n");

  // Same content and date → same bytes.
  fs::path q = dir / "u.xlsx";
  write_tables(q, {"评审汇总", "德州职业技术学院", "德州职业技术学院", "2026-05-06"}, {sample()});
  EXPECT_EQ(slurp(p), slurp(q));
  fs::remove_all(dir);
}
