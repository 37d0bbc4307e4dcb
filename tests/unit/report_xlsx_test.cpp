// report/xlsx_table: the workbook writer. Every value re-read by the project's own
// reader is the value written (strings, numbers, Excel date numbers with the
// yyyy"年"m"月"d"日" format, formulas with their cached results), user text stays
// text (= + - @), the constant_memory path writes the same values, bytes are
// reproducible, and openpyxl finds the formatting HR expects.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <unistd.h>

#include "ingest/workbook.h"
#include "ingest/zip_archive.h"
#include "report/xlsx_table.h"

namespace fs = std::filesystem;
using namespace tws::report;

// Shared with report_workbooks_test.cpp (declared there).
namespace tws::report_test {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// One part of an xlsx package (the project's own zip reader), e.g. xl/worksheets/sheet1.xml.
std::string part(const std::filesystem::path& xlsx, const std::string& name) {
  std::string bytes = slurp(xlsx);
  tws::ingest::detail::ZipArchive zip(bytes, {}, xlsx.string());
  return zip.read_all(name);
}

std::string run(const std::string& cmd) {
  std::string out;
  FILE* f = popen(cmd.c_str(), "r");
  if (!f) return out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, f)) out.append(buf, n);
  pclose(f);
  return out;
}

const ingest::Cell* cell_at(const ingest::Sheet& s, uint32_t row, uint32_t col) {
  for (auto& r : s.rows)
    if (r.index == row) return r.at(col);
  return nullptr;
}

std::string where(const ingest::Sheet& s, uint32_t row, uint32_t col) {
  return s.name + "!" + report::cell_ref(row, col);
}

void expect_value(const ingest::Sheet& s, uint32_t row, uint32_t col, const report::Value& v) {
  const ingest::Cell* c = cell_at(s, row, col);
  const std::string at = where(s, row, col);
  if (auto* str = std::get_if<std::string>(&v)) {
    if (str->empty()) {
      EXPECT_TRUE(!c || c->empty()) << at;
      return;
    }
    ASSERT_TRUE(c) << at << " missing, want " << *str;
    EXPECT_EQ(c->type, ingest::CellType::String) << at;
    EXPECT_EQ(c->text, *str) << at;
  } else if (auto* d = std::get_if<double>(&v)) {
    ASSERT_TRUE(c) << at << " missing, want " << *d;
    EXPECT_EQ(c->type, ingest::CellType::Number) << at;
    EXPECT_NEAR(c->number, *d, 1e-9) << at;
  } else if (auto* f = std::get_if<report::Formula>(&v)) {
    ASSERT_TRUE(c) << at << " missing, want =" << f->text;
    EXPECT_EQ(c->type, ingest::CellType::Number) << at;
    EXPECT_NEAR(c->number, f->cached, 1e-9) << at << " =" << f->text;
  } else if (auto* dt = std::get_if<tws::Date>(&v); dt && dt->ok()) {
    ASSERT_TRUE(c) << at << " missing date";
    EXPECT_EQ(c->type, ingest::CellType::Date) << at;
    EXPECT_EQ(c->date.year, int(dt->year())) << at;
    EXPECT_EQ(c->date.month, int(unsigned(dt->month()))) << at;
    EXPECT_EQ(c->date.day, int(unsigned(dt->day()))) << at;
    EXPECT_EQ(c->format, "yyyy\"年\"m\"月\"d\"日\"") << at;
  } else {
    EXPECT_TRUE(!c || c->empty()) << at << " should be empty";
  }
}

// Every title, header, data, totals and note cell of every table sheet; chart sheets
// keep their title. Returns the number of cells compared.
size_t expect_round_trip(const std::filesystem::path& file, const std::vector<report::Sheet>& sheets) {
  ingest::Workbook wb = ingest::read_workbook(file);
  EXPECT_EQ(wb.sheets.size(), sheets.size());
  size_t compared = 0;
  for (size_t i = 0; i < sheets.size() && i < wb.sheets.size(); ++i) {
    const ingest::Sheet& s = wb.sheets[i];
    if (auto* cs = std::get_if<report::ChartSheet>(&sheets[i])) {
      EXPECT_EQ(s.name, cs->name);
      expect_value(s, 0, 0, cs->title);
      continue;
    }
    const report::TableSheet& t = std::get<report::TableSheet>(sheets[i]);
    EXPECT_EQ(s.name, t.name);
    if (!t.title.empty()) expect_value(s, 0, 0, t.title), ++compared;
    for (size_t c = 0; c < t.columns.size(); ++c) {
      const auto col = static_cast<uint32_t>(c);
      const report::Column& h = t.columns[c];
      if (!t.grouped()) {
        expect_value(s, t.first_header_row(), col, h.header);
      } else if (h.group.empty()) {
        expect_value(s, t.first_header_row(), col, h.header);
      } else {
        expect_value(s, t.last_header_row(), col, h.header);
        if (c == 0 || t.columns[c - 1].group != h.group) expect_value(s, t.first_header_row(), col, h.group);
      }
      ++compared;
    }
    for (size_t r = 0; r < t.rows.size(); ++r) {
      const auto& row = t.rows[r];
      for (size_t c = 0; c < t.columns.size(); ++c, ++compared)
        expect_value(s, t.data_row(r), static_cast<uint32_t>(c), c < row.size() ? row[c] : report::Value{});
    }
    uint32_t next = t.totals_row();
    if (!t.totals.empty()) {
      for (size_t c = 0; c < t.columns.size(); ++c, ++compared)
        expect_value(s, next, static_cast<uint32_t>(c), c < t.totals.size() ? t.totals[c] : report::Value{});
      ++next;
    }
    for (size_t n = 0; n < t.notes.size(); ++n, ++compared)
      expect_value(s, next + 1 + static_cast<uint32_t>(n), 0, t.notes[n]);
  }
  return compared;
}

}  // namespace tws::report_test

using tws::report_test::expect_round_trip;
using tws::report_test::run;
using tws::report_test::slurp;
using tws::report_test::part;

namespace {

const char* kInjections[] = {"=1+1", "+1+1", "-1+1", "@SUM(A1:A2)", "=HYPERLINK(\"http://x\",\"y\")",
                             "=cmd|' /C calc'!A0", "+\"a\"", "-", "=", "@"};

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

// Every feature of the writer in one workbook: grouped headers, dates, formulas,
// totals, notes, muted cells, verdicts, long wrapped text, a chart sheet.
std::vector<Sheet> feature_sheets(size_t rows) {
  TableSheet t{"考核汇总", "德州职业技术学院 2026 年度技师工作站考核汇总", {}, {}};
  t.columns = {{"工作站编号", ColumnKind::Text, 11}, {"所在部门", ColumnKind::Text, 12},
               {"上学期", ColumnKind::Integer, 8, "企业对接（15 分）"}, {"下学期", ColumnKind::Integer, 8, "企业对接（15 分）"},
               {"得分", ColumnKind::Decimal, 8, "企业对接（15 分）"}, {"执行率", ColumnKind::Percent, 8, "预算执行（10 分）"},
               {"考核日期", ColumnKind::Date}, {"等级", ColumnKind::Grade}, {"条件", ColumnKind::Verdict},
               {"推荐", ColumnKind::YesNo}, {"经费（元）", ColumnKind::Money}, {"说明", ColumnKind::Text, 30}};
  t.freeze_columns = 1;
  const char* depts[] = {"机电工程系", "建筑工程系", "信息工程系"};
  const char* grades[] = {"优秀", "合格", "不合格"};
  const char* verdicts[] = {"通过", "不通过", "提示"};
  for (size_t i = 0; i < rows; ++i) {
    char code[16];
    std::snprintf(code, sizeof code, "JS2026%04zu", i + 1);
    std::string why = i % 7 == 0 ? std::string(kInjections[i / 7 % 10])
                                 : "各项合计 " + std::to_string(60 + i % 40) + " 分（第七条）\n总分不低于 60 分，评为合格（第七条）";
    t.rows.push_back({std::string(code), std::string(depts[i % 3]), double(i % 4), double((i + 1) % 3), 15.0 - 4 * (i % 2),
                      0.5 + (i % 50) / 100.0, tws::make_date(2026, 1 + unsigned(i % 12), 1 + unsigned(i % 28)), std::string(grades[i % 3]),
                      std::string(verdicts[i % 3]), std::string(i % 2 ? "是" : "否"), 20000.0 * (i % 3 != 2), why});
    if (i % 5 == 0) t.muted.insert({i, 4});
  }
  t.totals.assign(t.columns.size(), Value{});
  t.totals[0] = std::string("合计");
  t.totals[2] = column_sum(t, 2);
  t.totals[10] = column_sum(t, 10);
  t.notes = {"说明：第一行说明。", "=1+1 开头的说明也只是文字"};

  TableSheet d{"按部门", "按部门", {{"所在部门", ColumnKind::Text, 20}, {"工作站数", ColumnKind::Integer},
                                     {"经费（元）", ColumnKind::Money}}, {}};
  const std::string sheet = quoted_sheet(t.name) + "!";
  for (size_t k = 0; k < 3; ++k) {
    double n = 0, money = 0;
    for (auto& r : t.rows)
      if (std::get<std::string>(r[1]) == depts[k]) ++n, money += number_of(r[10]);
    std::string a = "$" + cell_ref(d.data_row(k), 0);
    d.rows.push_back({std::string(depts[k]), Formula{"COUNTIF(" + sheet + column_range(t, 1, true) + "," + a + ")", n},
                      Formula{"SUMIFS(" + sheet + column_range(t, 10, true) + "," + sheet + column_range(t, 1, true) + "," +
                                  a + ")",
                              money}});
  }
  d.totals = {std::string("合计"), column_sum(d, 1), column_sum(d, 2)};

  ChartSheet cs{"图表", "图表", {}, {"数据来源：按部门"}};
  Chart col;
  col.title = "各部门工作站数";
  col.categories = {d.name, d.first_data_row(), 0, d.totals_row() - 1, 0};
  col.series.push_back({{d.name, d.last_header_row(), 1, d.last_header_row(), 1},
                        {d.name, d.first_data_row(), 1, d.totals_row() - 1, 1}, 0x5BA55B, {}});
  Chart pie;
  pie.type = ChartType::Pie;
  pie.title = "经费构成";
  pie.categories = col.categories;
  pie.series.push_back({{}, {d.name, d.first_data_row(), 2, d.totals_row() - 1, 2}, 0, {0x5BA55B, 0xA6A6A6, 0xD9534F}});
  cs.charts = {col, pie};
  return {t, d, cs};
}

WorkbookInfo info(size_t constant_memory_rows = 500) {
  WorkbookInfo i{"2026 年度技师工作站考核汇总", "德州职业技术学院", "德州职业技术学院", "2026-12-31"};
  i.constant_memory_rows = constant_memory_rows;
  return i;
}

struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name) : path(fs::temp_directory_path() / (name + "-" + std::to_string(getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

}  // namespace

TEST(ReportXlsx, ValuesReadBackAndUserTextStaysText) {
  TempDir dir("tws_report_test");
  fs::path p = dir.path / "t.xlsx";
  write_workbook(p, {"评审汇总", "德州职业技术学院", "德州职业技术学院", "2026-05-06"}, {sample()});
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

  // Print titles repeat the header row; the title is in the page header.
  std::string py = "/usr/bin/python3 -c \"import openpyxl; wb=openpyxl.load_workbook('" + p.string() +
                   "'); ws=wb['评审汇总']; print(ws.freeze_panes, ws.auto_filter.ref, ws['B4'].data_type, ws['B4'].value,"
                   " len(ws.conditional_formatting), ws.print_title_rows, wb.properties.creator, ws.page_setup.orientation)\"";
  EXPECT_EQ(run(py), "A3 A2:E5 s =1+1 1 $2:$2 德州职业技术学院 landscape\n");

  // Same content and date → same bytes.
  fs::path q = dir.path / "u.xlsx";
  write_workbook(q, {"评审汇总", "德州职业技术学院", "德州职业技术学院", "2026-05-06"}, {sample()});
  EXPECT_EQ(slurp(p), slurp(q));
}

// A year whose performance sheet has no rows yet (the blank template uploaded) gives a
// chart sheet without charts: its title and note, not an internal error.
TEST(ReportXlsx, ChartSheetWithoutChartsKeepsTitleAndNote) {
  TempDir dir("tws_report_test");
  fs::path p = dir.path / "c.xlsx";
  tws::report::ChartSheet cs{"图表", "2026 年度技师工作站考核结果图表", {}, {"本年度没有考核结果。"}};
  ASSERT_NO_THROW(tws::report::write_workbook(p, {"考核汇总", "德州职业技术学院", "德州职业技术学院", "2026-12-31"}, {cs}));
  auto wb = tws::ingest::read_workbook(p);
  ASSERT_EQ(wb.sheets.size(), 1u);
  const std::string text = tws::ingest::inspect_text(wb);
  EXPECT_NE(text.find("2026 年度技师工作站考核结果图表"), std::string::npos) << text;
  EXPECT_NE(text.find("本年度没有考核结果。"), std::string::npos) << text;
}

TEST(ReportXlsx, EveryFeatureRoundTripsThroughTheProjectReader) {
  TempDir dir("tws_report_features");
  auto sheets = feature_sheets(40);
  fs::path p = dir.path / "f.xlsx";
  write_workbook(p, info(), sheets);
  size_t n = expect_round_trip(p, sheets);
  EXPECT_GT(n, 40u * 12u);
  // Excel date numbers, not text: 2026-01-01 (row 1's date) is serial 46023.
  EXPECT_NE(part(p, "xl/worksheets/sheet1.xml").find("<v>46023</v>"), std::string::npos);
  EXPECT_EQ(cell_ref(0, 27, true), "$AB$1");
  EXPECT_EQ(quoted_sheet("考核'汇总"), "'考核''汇总'");
}

// User text that looks like a formula is a string cell in the file: no <f> element
// but the formulas tws itself wrote, openpyxl sees type 's', LibreOffice shows the
// text (checked in tests/cli/xlsx_reports.sh), in both writer modes.
TEST(ReportXlsx, TextStartingWithFormulaCharactersIsNeverAFormula) {
  TempDir dir("tws_report_injection");
  TableSheet t{"输入问题", "", {{"文件"}, {"说明", ColumnKind::Text, 60}}, {}};
  for (const char* s : kInjections) t.rows.push_back({std::string(s), std::string(s)});
  t.notes = {"=1+1"};
  for (size_t mode : {size_t(500), size_t(0)}) {
    fs::path p = dir.path / ("i" + std::to_string(mode) + ".xlsx");
    write_workbook(p, info(mode), {t});
    auto wb = tws::ingest::read_workbook(p);
    ASSERT_EQ(wb.sheets.size(), 1u);
    for (size_t i = 0; i < std::size(kInjections); ++i) {
      const auto* row = &wb.sheets[0].rows[1 + i];
      ASSERT_EQ(row->index, 1 + i);
      for (int c = 0; c < 2; ++c) {
        EXPECT_EQ(row->cells[c].type, tws::ingest::CellType::String) << kInjections[i];
        EXPECT_EQ(row->cells[c].text, kInjections[i]);
      }
    }
    std::string xml = part(p, "xl/worksheets/sheet1.xml");
    ASSERT_FALSE(xml.empty());
    EXPECT_EQ(xml.find("<f>"), std::string::npos) << "mode " << mode;
    std::string py = "/usr/bin/python3 -c \"import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1]).active; "
                     "print(sorted({c.data_type for r in ws.iter_rows(min_row=2) for c in r if c.value is not None}))\" '" +
                     p.string() + "'";
    EXPECT_EQ(run(py), "['s']\n") << "mode " << mode;
  }
}

// constant_memory (rows streamed, strings inline) writes exactly the same cells as
// the default mode; both are reproducible byte for byte.
TEST(ReportXlsx, ConstantMemoryModeWritesTheSameValues) {
  TempDir dir("tws_report_constant");
  auto sheets = feature_sheets(600);
  fs::path big = dir.path / "big.xlsx", normal = dir.path / "normal.xlsx", again = dir.path / "again.xlsx";
  write_workbook(big, info(500), sheets);       // 600 rows ≥ 500: constant_memory
  write_workbook(normal, info(100000), sheets);  // default mode
  write_workbook(again, info(500), sheets);
  EXPECT_EQ(slurp(big), slurp(again));
  std::string sheet1 = part(big, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet1.find("t=\"inlineStr\""), std::string::npos) << "constant_memory writes inline strings";
  std::string sheet1n = part(normal, "xl/worksheets/sheet1.xml");
  EXPECT_EQ(sheet1n.find("t=\"inlineStr\""), std::string::npos);
  expect_round_trip(big, sheets);
  expect_round_trip(normal, sheets);
  auto a = tws::ingest::read_workbook(big), b = tws::ingest::read_workbook(normal);
  EXPECT_EQ(tws::ingest::inspect_text(a), tws::ingest::inspect_text(b));
  // The charts carry the real cached values in both modes (libxlsxwriter alone would
  // cache formula cells as 0 and cache nothing in constant_memory mode).
  for (const fs::path& p : {big, normal}) {
    std::string chart = part(p, "xl/charts/chart1.xml");
    EXPECT_NE(chart.find("<c:v>200</c:v>"), std::string::npos) << p;  // 600 stations / 3 departments
    EXPECT_NE(chart.find("<c:v>机电工程系</c:v>"), std::string::npos) << p;
  }
}

TEST(ReportXlsx, OpenpyxlFindsTheFormatting) {
  TempDir dir("tws_report_openpyxl");
  fs::path p = dir.path / "f.xlsx";
  write_workbook(p, info(), feature_sheets(12));
  const char* script = R"PY(
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["考核汇总"]
out = [ws.freeze_panes, ws.auto_filter.ref, ws.print_title_rows, ws.page_setup.paperSize, ws.page_setup.orientation,
       ws.sheet_properties.pageSetUpPr.fitToPage, ws.page_setup.fitToWidth, ws.page_setup.fitToHeight,
       ws.oddHeader.center.text, ws.oddFooter.center.text, ws.print_options.horizontalCentered]
rules = sorted((str(r.sqref), rule.formula[0]) for r in ws.conditional_formatting for rule in r.rules)
out.append(rules)
out.append(sorted(str(m) for m in ws.merged_cells.ranges)[:4])
out.append([ws["A1"].font.b, ws["A1"].font.sz, ws["A4"].font.name, ws["A4"].border.left.style])
out.append([ws["G4"].is_date, ws["G4"].number_format, ws["K4"].number_format, ws["F4"].number_format, ws["E4"].number_format])
out.append([ws["L5"].alignment.wrap_text, ws["E4"].font.strike, ws["E5"].font.strike, ws["A16"].value, ws["C16"].value])
d = wb["按部门"]
out.append([d["B3"].data_type, d["B3"].value])
c = wb["图表"]
out.append([type(x).__name__ for x in c._charts])
p = wb.properties
out.append([p.title, p.creator, p.created.isoformat()])
for x in out: print(x)
)PY";
  std::ofstream(dir.path / "check.py") << script;
  std::string got = run("/usr/bin/python3 '" + (dir.path / "check.py").string() + "' '" + p.string() + "' 2>&1");
  const std::string want =
      "B4\nA3:L15\n$2:$3\n9\nlandscape\nTrue\nNone\n0\n德州职业技术学院 2026 年度技师工作站考核汇总\n第 &P 页 共 &N 页\nTrue\n"
      "[('H4:H15', '\"不合格\"'), ('H4:H15', '\"优秀\"'), ('H4:H15', '\"合格\"'), ('I4:I15', '\"不通过\"'), "
      "('I4:I15', '\"待核实\"'), ('I4:I15', '\"提示\"'), ('I4:I15', '\"通过\"')]\n";
  EXPECT_EQ(got.substr(0, want.size()), want) << got;
  EXPECT_NE(got.find("[True, 16.0, '宋体', 'thin']"), std::string::npos) << got;
  EXPECT_NE(got.find("[True, 'yyyy\"年\"m\"月\"d\"日\"', '\"¥\"#,##0', '0.0%', '0.0']"), std::string::npos) << got;
  EXPECT_NE(got.find("[True, True, None, '合计', '=SUM(C4:C15)']"), std::string::npos) << got;
  EXPECT_NE(got.find("['f', \"=COUNTIF('考核汇总'!$B$4:$B$15,$A3)\"]"), std::string::npos) << got;
  EXPECT_NE(got.find("['BarChart', 'PieChart']"), std::string::npos) << got;
  EXPECT_NE(got.find("['2026 年度技师工作站考核汇总', '德州职业技术学院', '2026-12-31T00:00:00']"), std::string::npos) << got;
}

// The read-back check of write_workbook: a file holding exactly the sheets compares
// equal in both writer modes; a changed, removed or added cell, a note or a renamed
// sheet is named by sheet and cell.
TEST(ReportXlsx, CompareWorkbookFindsEveryMissingOrChangedCell) {
  TempDir dir("tws_report_compare");
  for (size_t mode : {size_t(500), size_t(0)}) {
    auto sheets = feature_sheets(40);
    fs::path p = dir.path / ("c" + std::to_string(mode) + ".xlsx");
    write_workbook(p, info(mode), sheets);
    EXPECT_EQ(compare_workbook(p, sheets), "") << "mode " << mode;
    auto& t = std::get<TableSheet>(sheets[0]);
    const uint32_t row = t.data_row(3);
    auto changed = sheets;
    std::get<TableSheet>(changed[0]).rows[3][1] = std::string("另一个名称");
    EXPECT_EQ(compare_workbook(p, changed), t.name + "!" + cell_ref(row, 1) + "：文字不符");
    auto number = sheets;
    auto& r = std::get<TableSheet>(number[0]).rows[3];
    size_t col = 0;
    while (col < r.size() && !std::holds_alternative<double>(r[col])) ++col;
    ASSERT_LT(col, r.size());
    r[col] = std::get<double>(r[col]) + 0.01;
    EXPECT_EQ(compare_workbook(p, number), t.name + "!" + cell_ref(row, uint32_t(col)) + "：数值不符");
    auto fewer = sheets;
    std::get<TableSheet>(fewer[0]).rows.back().assign(std::get<TableSheet>(fewer[0]).rows.back().size(), Value{});
    EXPECT_NE(compare_workbook(p, fewer), "");
    auto note = sheets;
    std::get<TableSheet>(note[0]).notes.push_back("多出的说明");
    EXPECT_NE(compare_workbook(p, note), "");
    auto renamed = sheets;
    std::get<TableSheet>(renamed[0]).name = "别的表";
    EXPECT_EQ(compare_workbook(p, renamed), "工作表“" + t.name + "”应为“别的表”");
  }
}

// A part cut short or without the XML declaration libxlsxwriter always writes (what a
// failed write of one of its temporary parts leaves) is found, also in parts the
// reader never opens.
TEST(ReportXlsx, CompareWorkbookChecksEveryXmlPart) {
  TempDir dir("tws_report_parts");
  auto sheets = feature_sheets(5);
  fs::path p = dir.path / "p.xlsx";
  write_workbook(p, info(), sheets);
  auto damaged = [&](const std::string& part, const std::string& python_edit) {
    fs::path q = dir.path / "q.xlsx";
    std::string py = "/usr/bin/python3 -c \"import zipfile,sys; a=zipfile.ZipFile(sys.argv[1]); "
                     "b=zipfile.ZipFile(sys.argv[2],'w',zipfile.ZIP_DEFLATED)\n"
                     "for i in a.infolist():\n d=a.read(i.filename).decode()\n"
                     " if i.filename==sys.argv[3]: d=" + python_edit + "\n b.writestr(i,d)\" '" +
                     p.string() + "' '" + q.string() + "' '" + part + "'";
    run(py);
    return q;
  };
  EXPECT_THROW(compare_workbook(damaged("docProps/core.xml", "d[d.index('<cp:'):]"), sheets), tws::InputError);
  EXPECT_THROW(compare_workbook(damaged("[Content_Types].xml", "d.replace('/><Override','<Override',1)"), sheets),
               tws::InputError);
  EXPECT_EQ(compare_workbook(damaged("docProps/core.xml", "d"), sheets), "");
}
