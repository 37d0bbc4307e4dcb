// Every file in shared/fixtures/xlsx/ read to values checked by hand (with
// `unzip -p` on the XML and python3-openpyxl), written here as literals.
#include <gtest/gtest.h>

#include <string>

#include "ingest/workbook.h"

using namespace tws::ingest;

namespace {

std::string fixture(const std::string& name) { return std::string(TWS_SHARED_DIR) + "/fixtures/xlsx/" + name; }

const Cell* at(const Sheet& sheet, uint32_t row, uint32_t col) {
  for (const auto& r : sheet.rows)
    if (r.index == row) return r.at(col);
  return nullptr;
}

// display() of a cell, "<none>" where nothing is stored.
std::string shown(const Sheet& sheet, uint32_t row, uint32_t col) {
  const Cell* c = at(sheet, row, col);
  return c ? display(*c) : "<none>";
}

CellType type_at(const Sheet& sheet, uint32_t row, uint32_t col) {
  const Cell* c = at(sheet, row, col);
  return c ? c->type : CellType::Empty;
}

std::string error_message(const std::string& path) {
  try {
    read_workbook(path);
  } catch (const tws::InputError& e) {
    return e.message;
  }
  return "<no error>";
}

bool rows_ascending(const Sheet& sheet) {
  for (size_t i = 1; i < sheet.rows.size(); ++i)
    if (sheet.rows[i - 1].index >= sheet.rows[i].index) return false;
  return true;
}

}  // namespace

TEST(IngestFixtures, PhoneticRunIsSkipped) {
  Workbook wb = read_workbook(fixture("excelmac_rPh_phonetic_xlnt_15.xlsx"));
  ASSERT_EQ(wb.sheets.size(), 1u);
  const Sheet& s = wb.sheets[0];
  EXPECT_EQ(s.name, "1");
  // A1 is <si><t>秀</t><rPh><t>シュウ </t></rPh></si>: the reading is not the text.
  EXPECT_EQ(shown(s, 0, 0), "秀");
  EXPECT_EQ(shown(s, 0, 1), "秀");
  EXPECT_EQ(shown(s, 0, 2), "秀");
}

TEST(IngestFixtures, Date1904SystemAndElapsedTime) {
  Workbook wb = read_workbook(fixture("libreoffice_date1904_calamine.xlsx"));
  const Sheet& s = wb.sheets.at(0);
  // 42735 in the 1904 system (date1904="true") is 2021-01-01; in 1900 it would be 2016-12-31.
  ASSERT_EQ(type_at(s, 0, 0), CellType::Date);
  EXPECT_EQ(shown(s, 0, 0), "2021-01-01");
  EXPECT_EQ(at(s, 0, 0)->format, "yyyy\\-mm\\-dd");
  EXPECT_EQ(shown(s, 1, 0), "2021-01-02");
  // [hh]:mm:ss is a duration: stays a number.
  EXPECT_EQ(type_at(s, 2, 0), CellType::Number);
  EXPECT_EQ(shown(s, 2, 0), "10.6320601851852");
  EXPECT_EQ(shown(s, 0, 1), "15");
  EXPECT_EQ(shown(s, 2, 1), "17");
}

// Column A holds serial 43831.0423726852 (2020-01-01 01:01:01) in 27 formats;
// column B is the text Excel zh-CN showed for it.
TEST(IngestFixtures, ZhCnDateFormatsColumnAAgainstColumnB) {
  Workbook wb = read_workbook(fixture("excelmac_zhcn_dataformat_easyexcel.xlsx"));
  ASSERT_EQ(wb.sheets.size(), 3u);
  const Sheet& s = wb.sheets[0];
  struct Case {
    uint32_t row;
    const char* a;  // our display of column A
    const char* b;  // Excel's zh-CN display text in column B
  };
  const Case cases[] = {
      {1, "2020-01-01T01:01:01", "2020-1-1 1:01"},  // id 22
      {2, "01:01:01", "01:01.0"},                    // id 47 mmss.0
      {3, "2020-01-01", "2020/1/1"},                 // id 14
      {4, "2020-01-01", "2020年1月1日"},             // [DBNum1][$-804]yyyy"年"m"月"d"日"
      {5, "2020-01-01", "2020年1月"},                // [DBNum1][$-804]yyyy"年"m"月"
      {6, "2020-01-01", "1月1日"},                   // [DBNum1][$-804]m"月"d"日"
      {7, "2020-01-01", "2020年1月1日"},             // id 31, no <numFmt>
      {8, "2020-01-01", "2020年1月"},                // id 57, no <numFmt>
      {9, "2020-01-01", "1月1日"},                   // id 58, no <numFmt>
      {10, "2020-01-01T01:01:01", "2020/1/1 1:01 上午"},
      {11, "2020-01-01", "20/1/1"},
      {12, "2020-01-01", "1/1"},
      {13, "2020-01-01", "01/01/20"},
      {14, "2020-01-01", "1-一月"},
      {15, "2020-01-01", "1-一月-20"},
      {16, "2020-01-01", "一月/20"},
      {17, "2020-01-01", "一/20"},
      {18, "2020-01-01", "一"},
      {19, "01:01:01", "1:01 上午"},       // id 18
      {20, "01:01:01", "1:01:01 上午"},    // id 19
      {21, "01:01:01", "1:01:01"},         // id 21
      {22, "01:01:01", "1时01分"},         // id 32, no <numFmt>
      {23, "01:01:01", "上午1时01分"},     // id 55, no <numFmt>
      {24, "01:01:01", "上午1时01分01秒"}, // id 56, no <numFmt>
      {25, "01:01:01", "1时01分"},         // [DBNum1]h"时"mm"分"
      {26, "01:01:01", "上午1时01分"},     // [DBNum1]上午/下午h"时"mm"分"
      {27, "2020-01-01T01:01:01", "2020年1月1日 1:01:01"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE("row " + std::to_string(c.row + 1));
    EXPECT_EQ(type_at(s, c.row, 0), CellType::Date);
    EXPECT_EQ(shown(s, c.row, 0), c.a);
    EXPECT_EQ(shown(s, c.row, 1), c.b);
    EXPECT_EQ(type_at(s, c.row, 1), CellType::String);
  }
  EXPECT_EQ(at(s, 7, 0)->format, "yyyy\"年\"m\"月\"d\"日\"");
  EXPECT_EQ(at(s, 4, 0)->format, "[DBNum1][$-804]yyyy\"年\"m\"月\"d\"日\"");
  // Column E: ￥, %, #,##0 and 0.00_ formats are numbers, not dates.
  EXPECT_EQ(type_at(s, 2, 4), CellType::Number);  // 0.00%
  EXPECT_EQ(shown(s, 2, 4), "1.1111");
  EXPECT_EQ(type_at(s, 3, 4), CellType::Number);  // "￥"#,##0.00
  EXPECT_EQ(type_at(s, 8, 4), CellType::Number);  // #,##0
  EXPECT_EQ(shown(s, 9, 4), "1111.1111");
  EXPECT_EQ(shown(s, 13, 4), "0.105");
  EXPECT_EQ(shown(s, 14, 4), "0.045");
  // Private-use characters in a shared string come through unchanged.
  EXPECT_EQ(shown(s, 16, 2), "\uE001" "1月" "\uE002" "/20");
  // A29 has a style and no value: a blank row, omitted.
  EXPECT_EQ(s.rows.back().index, 27u);
  EXPECT_TRUE(wb.sheets[1].rows.empty());
  EXPECT_TRUE(wb.sheets[2].rows.empty());
}

TEST(IngestFixtures, PowerBiRowsAndCellsWithoutR) {
  Workbook wb = read_workbook(fixture("powerbi_no_r_attr_calamine_issue_261.xlsx"));
  ASSERT_EQ(wb.sheets.size(), 1u);
  const Sheet& s = wb.sheets[0];
  EXPECT_EQ(s.name, "Some Sheet");
  EXPECT_TRUE(rows_ascending(s));
  EXPECT_EQ(shown(s, 0, 0), "String Value 32");
  // <row r="7"> after five rows without r; its cells have no r either.
  EXPECT_EQ(shown(s, 6, 0), "String Value 29");
  EXPECT_EQ(shown(s, 6, 1), "2023-03-15");  // 45000, mmm-yy
  EXPECT_EQ(shown(s, 6, 5), "String Value 43");
  EXPECT_EQ(shown(s, 6, 6), "901");
  // The next <row> has no r: row 8.
  EXPECT_EQ(shown(s, 7, 0), "String Value 35");
  EXPECT_EQ(shown(s, 7, 1), "String Value 1");
  EXPECT_EQ(shown(s, 7, 6), "902");
  EXPECT_EQ(shown(s, 9, 6), "String Value 39");
  EXPECT_EQ(shown(s, 10, 0), "2023-03-15");  // id 14
  EXPECT_EQ(shown(s, 10, 1), " ");
  EXPECT_EQ(shown(s, 11, 3), "903");
  EXPECT_EQ(shown(s, 60, 4), "String Value 11");
  EXPECT_EQ(shown(s, 60, 6), "939");
  EXPECT_EQ(shown(s, 65, 0), "String Value 42");
  EXPECT_EQ(shown(s, 65, 3), "String Value 8");
  EXPECT_EQ(s.rows.back().index, 65u);
  ASSERT_EQ(s.merged.size(), 25u);
  EXPECT_EQ(s.merged.front().first_row, 0u);
  EXPECT_EQ(s.merged.front().last_row, 4u);
  EXPECT_EQ(s.merged.front().last_col, 4u);  // A1:E5
  EXPECT_EQ(s.merged.back().first_row, 65u);  // D66:E66
  EXPECT_EQ(s.merged.back().first_col, 3u);
  EXPECT_EQ(s.merged.back().last_col, 4u);
}

TEST(IngestFixtures, WpsTextInNumberFormatCellsAndEmptySheets) {
  Workbook wb = read_workbook(fixture("wps_date1_easyexcel.xlsx"));
  ASSERT_EQ(wb.sheets.size(), 3u);
  const Sheet& s = wb.sheets[0];
  EXPECT_EQ(s.name, "Sheet1");
  EXPECT_EQ(shown(s, 0, 0), "a");
  EXPECT_EQ(shown(s, 0, 1), "b");
  ASSERT_EQ(type_at(s, 1, 0), CellType::String);
  EXPECT_EQ(shown(s, 1, 0), "1.00");
  EXPECT_EQ(at(s, 1, 0)->format, "0.00_ ");
  EXPECT_EQ(shown(s, 1, 1), "1");
  EXPECT_EQ(type_at(s, 1, 1), CellType::String);
  EXPECT_EQ(s.rows.size(), 2u);  // row 3 has styled cells and no values
  EXPECT_EQ(wb.sheets[1].name, "Sheet2");
  EXPECT_TRUE(wb.sheets[1].rows.empty());
  EXPECT_TRUE(wb.sheets[2].rows.empty());
  EXPECT_TRUE(wb.warnings.empty());
}

TEST(IngestFixtures, OpenpyxlInlineStringsMergeAndSerial59) {
  Workbook wb = read_workbook(fixture("openpyxl309_inlineStr_merge.xlsx"));
  const Sheet& s = wb.sheets.at(0);
  EXPECT_EQ(s.name, "考核");
  EXPECT_EQ(shown(s, 0, 0), "工号");
  EXPECT_EQ(shown(s, 1, 0), "0059");
  EXPECT_EQ(type_at(s, 1, 0), CellType::String);
  EXPECT_EQ(shown(s, 1, 1), "张三");
  EXPECT_EQ(shown(s, 1, 2), "2015-03-01");           // 42064, yyyy-mm-dd
  EXPECT_EQ(shown(s, 1, 3), "92.5");
  EXPECT_EQ(shown(s, 1, 4), "2024-01-02T13:45:30");  // 45293.57326388889
  EXPECT_EQ(shown(s, 1, 5), "TRUE");
  EXPECT_EQ(type_at(s, 1, 5), CellType::Boolean);
  EXPECT_EQ(type_at(s, 2, 0), CellType::Number);
  EXPECT_EQ(shown(s, 2, 0), "1002");
  // Serial 59 is 1900-02-28 (1 = 1900-01-01), not 1900-02-27.
  EXPECT_EQ(shown(s, 2, 2), "1900-02-28T00:00:00");
  EXPECT_EQ(shown(s, 2, 4), "08:30:00");  // 0.3541666666666667, h:mm:ss
  EXPECT_EQ(shown(s, 2, 5), "FALSE");
  EXPECT_EQ(shown(s, 4, 0), "合并单元格说明");
  ASSERT_EQ(s.merged.size(), 1u);
  EXPECT_EQ(s.merged[0].first_row, 4u);
  EXPECT_EQ(s.merged[0].first_col, 0u);
  EXPECT_EQ(s.merged[0].last_row, 4u);
  EXPECT_EQ(s.merged[0].last_col, 5u);
  // H10 is a formula with an empty cached <v></v>: nothing there, row omitted.
  EXPECT_EQ(s.rows.back().index, 4u);
  EXPECT_EQ(s.rows.size(), 4u);
}

TEST(IngestFixtures, OpenpyxlIsoDateCells) {
  Workbook wb = read_workbook(fixture("openpyxl309_t_d_isodates.xlsx"));
  const Sheet& s = wb.sheets.at(0);
  ASSERT_EQ(type_at(s, 1, 2), CellType::Date);
  EXPECT_EQ(shown(s, 1, 2), "2015-03-01");
  EXPECT_FALSE(at(s, 1, 2)->date.has_time);
  EXPECT_EQ(shown(s, 1, 4), "2024-01-02T13:45:30");
  EXPECT_EQ(shown(s, 2, 2), "1900-02-28T00:00:00");
  const Cell* time = at(s, 2, 4);
  ASSERT_NE(time, nullptr);
  EXPECT_EQ(time->type, CellType::Date);
  EXPECT_FALSE(time->date.has_date);
  EXPECT_EQ(time->date.hour, 8);
  EXPECT_EQ(time->date.minute, 30);
  EXPECT_EQ(display(*time), "08:30:00");
  EXPECT_EQ(shown(s, 1, 0), "0059");
}

TEST(IngestFixtures, LibxlsxwriterCjkSheetNamesRichStringCachedFormulas) {
  Workbook wb = read_workbook(fixture("libxlsxwriter114_features.xlsx"));
  ASSERT_EQ(wb.sheets.size(), 2u);
  EXPECT_EQ(wb.sheets[0].name, "考核汇总");
  EXPECT_EQ(wb.sheets[1].name, "部门统计");
  EXPECT_NE(wb.find_sheet("部门统计"), nullptr);
  const Sheet& s = wb.sheets[0];
  EXPECT_EQ(shown(s, 0, 5), "入职日期");
  EXPECT_EQ(shown(s, 1, 5), "2015-03-01");  // 42064, yyyy"年"m"月"d"日"
  EXPECT_EQ(at(s, 1, 5)->format, "yyyy\"年\"m\"月\"d\"日\"");
  EXPECT_EQ(shown(s, 6, 5), "2020-03-06");  // 43896
  EXPECT_EQ(shown(s, 1, 4), "0");           // formula result cached as 0
  EXPECT_EQ(shown(s, 4, 6), "需改进：考勤"); // two rich-text runs
  EXPECT_EQ(shown(s, 5, 1), "钱七·阿卜杜拉");
  EXPECT_EQ(shown(s, 8, 0), "合计与说明（合并单元格）");
  EXPECT_EQ(at(s, 7, 0), nullptr);
  ASSERT_EQ(s.merged.size(), 1u);
  EXPECT_EQ(s.merged[0].last_col, 6u);
  EXPECT_EQ(shown(wb.sheets[1], 4, 0), "合计");
  EXPECT_EQ(shown(wb.sheets[1], 3, 2), "82");
}

TEST(IngestFixtures, LibreOfficeRichRunsAndGeneralNumFmt164) {
  for (const char* name : {"lo74_csv_utf8_richruns.xlsx", "lo74_csv_gb18030.xlsx"}) {
    SCOPED_TRACE(name);
    Workbook wb = read_workbook(fixture(name));
    const Sheet& s = wb.sheets.at(0);
    EXPECT_EQ(shown(s, 3, 1), "王五, 副处长");  // three runs
    EXPECT_EQ(shown(s, 4, 1), "钱七·阿卜杜拉");
    EXPECT_EQ(shown(s, 3, 4), "2017年5月3日");
    EXPECT_EQ(type_at(s, 1, 0), CellType::Number);  // numFmt 164 = General
    EXPECT_EQ(at(s, 1, 0)->format, "");
    EXPECT_EQ(shown(s, 1, 4), "2015-03-01");
    EXPECT_EQ(type_at(s, 2, 4), CellType::String);
    EXPECT_EQ(shown(s, 2, 4), "2016/4/2");
    EXPECT_EQ(shown(s, 4, 3), "59");
  }
  EXPECT_EQ(read_workbook(fixture("lo74_csv_utf8_richruns.xlsx")).sheets[0].name, "utf8bom");
  EXPECT_EQ(read_workbook(fixture("lo74_csv_gb18030.xlsx")).sheets[0].name, "gbk");
}

TEST(IngestFixtures, CsvInBothEncodingsAreEqual) {
  Workbook utf8 = read_workbook(fixture("hr_utf8_bom.csv"));
  Workbook gb = read_workbook(fixture("hr_gb18030.csv"));
  ASSERT_EQ(utf8.sheets.size(), 1u);
  EXPECT_EQ(utf8.sheets[0].name, "hr_utf8_bom");
  EXPECT_EQ(gb.sheets[0].name, "hr_gb18030");
  const Sheet& a = utf8.sheets[0];
  const Sheet& b = gb.sheets[0];
  ASSERT_EQ(a.rows.size(), 5u);
  ASSERT_EQ(b.rows.size(), 5u);
  for (size_t r = 0; r < a.rows.size(); ++r) {
    ASSERT_EQ(a.rows[r].cells.size(), 5u);
    ASSERT_EQ(b.rows[r].cells.size(), 5u);
    for (size_t c = 0; c < 5; ++c) {
      EXPECT_EQ(a.rows[r].cells[c].type, CellType::String);
      EXPECT_EQ(a.rows[r].cells[c].text, b.rows[r].cells[c].text) << r << "," << c;
    }
  }
  EXPECT_EQ(shown(a, 0, 0), "工号");  // the BOM is not part of the first header
  EXPECT_EQ(shown(a, 3, 1), "王五, 副处长");
  EXPECT_EQ(shown(b, 3, 1), "王五, 副处长");
  EXPECT_EQ(shown(a, 4, 3), "0059");
  EXPECT_EQ(shown(b, 4, 4), "2018-06-04");
}

// LibreOffice made the two lo74 xlsx files from these csv files; they show the
// same text, except that LibreOffice turned 0059 into the number 59.
TEST(IngestFixtures, CsvEqualsLibreOfficeConversions) {
  const std::pair<const char*, const char*> pairs[] = {
      {"hr_utf8_bom.csv", "lo74_csv_utf8_richruns.xlsx"},
      {"hr_gb18030.csv", "lo74_csv_gb18030.xlsx"},
  };
  for (const auto& [csv, xlsx] : pairs) {
    SCOPED_TRACE(csv);
    const Sheet a = read_workbook(fixture(csv)).sheets.at(0);
    const Sheet b = read_workbook(fixture(xlsx)).sheets.at(0);
    ASSERT_EQ(a.rows.size(), b.rows.size());
    for (uint32_t r = 0; r < a.rows.size(); ++r)
      for (uint32_t c = 0; c < 5; ++c) {
        if (r == 4 && c == 3) continue;
        EXPECT_EQ(shown(a, r, c), shown(b, r, c)) << r << "," << c;
      }
    EXPECT_EQ(shown(a, 4, 3), "0059");
    EXPECT_EQ(shown(b, 4, 3), "59");
  }
}

TEST(IngestFixtures, LegacyAndEncryptedFilesGiveClearMessages) {
  const std::string xls = "这是旧版 Excel 97-2003（.xls）文件，请在 Excel 或 WPS 中另存为 .xlsx 后重新上传";
  const std::string encrypted = "工作簿已加密（设置了打开密码），请取消密码后另存为 .xlsx";
  EXPECT_EQ(error_message(fixture("lo74_biff8.xls")), xls);
  EXPECT_EQ(error_message(fixture("lo74_encrypted_pw_secret.xls")), encrypted);
  EXPECT_EQ(error_message(fixture("lo74_encrypted_standard_pw_secret.xlsx")), encrypted);
  EXPECT_EQ(error_message(fixture("encrypted_agile_calamine_pass_protected.xlsx")), encrypted);
}

TEST(IngestFixtures, ErrorsCarryTheFileName) {
  try {
    read_workbook(fixture("lo74_biff8.xls"));
    FAIL() << "no error";
  } catch (const tws::InputError& e) {
    EXPECT_EQ(e.where.file, fixture("lo74_biff8.xls"));
    EXPECT_NE(std::string(e.what()).find("lo74_biff8.xls: 这是旧版"), std::string::npos);
  }
}

TEST(IngestFixtures, MissingFileIsAnInputError) {
  EXPECT_NE(error_message(fixture("no_such_file.xlsx")).find("找不到"), std::string::npos);
}

TEST(IngestFixtures, InspectTextOfAFixture) {
  Workbook wb = read_workbook(fixture("openpyxl309_inlineStr_merge.xlsx"));
  EXPECT_EQ(inspect_text(wb),
            "# sheet: 考核\n"
            "工号\t姓名\t入职日期\t得分\t时间\t布尔\n"
            "0059\t张三\t2015-03-01\t92.5\t2024-01-02T13:45:30\tTRUE\n"
            "1002\t李四\t1900-02-28T00:00:00\t78\t08:30:00\tFALSE\n"
            "\n"
            "合并单元格说明\n");
}
