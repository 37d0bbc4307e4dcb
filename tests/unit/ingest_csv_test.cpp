// CSV: RFC 4180 splitting, line endings, encodings, and how read_workbook_bytes
// decides a file is CSV.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <iterator>
#include <string>

#include "ingest/text_encoding.h"
#include "ingest/workbook.h"

using namespace tws::ingest;

namespace {

std::string csv_inspect(std::string_view bytes, const std::string& name = "名单.csv") {
  return inspect_text(read_csv_bytes(bytes, name));
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const tws::InputError& e) {
    return e.message;
  }
  return "<no error>";
}

// "工号,姓名\n" in GB18030: 工 B9 A4, 号 BA C5, 姓 D0 D5, 名 C3 FB.
const std::string kGbHeader = "\xB9\xA4\xBA\xC5,\xD0\xD5\xC3\xFB\n";

}  // namespace

TEST(IngestCsv, QuotedFieldsWithCommasQuotesAndLineBreaks) {
  Workbook wb = read_csv_bytes("a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nx,,z\r\n", "t.csv");
  const Sheet& s = wb.sheets.at(0);
  ASSERT_EQ(s.rows.size(), 2u);
  ASSERT_EQ(s.rows[0].cells.size(), 4u);
  EXPECT_EQ(s.rows[0].cells[1].text, "b,c");
  EXPECT_EQ(s.rows[0].cells[2].text, "say \"hi\"");
  EXPECT_EQ(s.rows[0].cells[3].text, "two\nlines");
  EXPECT_EQ(s.rows[1].index, 1u);
  EXPECT_TRUE(s.rows[1].cells[1].empty());
  EXPECT_EQ(s.rows[1].cells[2].text, "z");
  for (const auto& c : s.rows[0].cells) EXPECT_EQ(c.type, CellType::String);
}

TEST(IngestCsv, LineEndingsAndEmptyLines) {
  const std::string expected = "# sheet: 名单\na\tb\n\nc\n";
  EXPECT_EQ(csv_inspect("a,b\n\nc\n"), expected);
  EXPECT_EQ(csv_inspect("a,b\r\n\r\nc\r\n"), expected);
  EXPECT_EQ(csv_inspect("a,b\r\rc\r"), expected);
  EXPECT_EQ(csv_inspect("a,b\n\nc"), expected);  // no final line break
  EXPECT_EQ(csv_inspect(",,\n"), "# sheet: 名单\n");
}

TEST(IngestCsv, TextIsKeptAsTyped) {
  EXPECT_EQ(csv_inspect("0059,1.50,2015-03-01,TRUE,=1+1, 空格 \n"),
            "# sheet: 名单\n0059\t1.50\t2015-03-01\tTRUE\t=1+1\t 空格 \n");
}

TEST(IngestCsv, Encodings) {
  const std::string utf8 = "工号,姓名\n";
  EXPECT_EQ(csv_inspect(utf8), "# sheet: 名单\n工号\t姓名\n");
  EXPECT_EQ(csv_inspect("\xEF\xBB\xBF" + utf8), "# sheet: 名单\n工号\t姓名\n");
  EXPECT_EQ(csv_inspect(kGbHeader), "# sheet: 名单\n工号\t姓名\n");
  // GB18030's own BOM (84 31 95 33) is dropped too.
  EXPECT_EQ(csv_inspect("\x84\x31\x95\x33" + kGbHeader), "# sheet: 名单\n工号\t姓名\n");
  // A 4-byte GB18030 sequence outside GBK: 𠀀 U+20000 = 95 32 82 36.
  EXPECT_EQ(csv_inspect("\x95\x32\x82\x36\n"), "# sheet: 名单\n\xF0\xA0\x80\x80\n");
}

TEST(IngestCsv, UndecodableBytesAreAnError) {
  const std::string message =
      "CSV 文件的编码无法识别（既不是 UTF-8 也不是 GB18030/GBK）；请在 Excel 或 WPS 中另存为 .xlsx 或“CSV UTF-8”后重新上传";
  EXPECT_EQ(error_of([] { read_csv_bytes("a,\xFF\xFF\n", "t.csv"); }), message);
  EXPECT_EQ(error_of([] { read_csv_bytes("a,\x81\n", "t.csv"); }), message);  // truncated GB sequence
  EXPECT_EQ(error_of([] { read_csv_bytes("\xEF\xBB\xBF" + kGbHeader, "t.csv"); }), message);  // BOM says UTF-8
  EXPECT_TRUE(error_of([] { read_csv_bytes("\xFF\xFE" "a\0,\0", "t.csv"); }).find("UTF-16") != std::string::npos);
  EXPECT_TRUE(error_of([] { read_csv_bytes(std::string("a,b\0c\n", 6), "t.csv"); }).find("不是可识别") !=
              std::string::npos);
}

TEST(IngestCsv, StrictUtf8Validation) {
  using tws::ingest::detail::is_valid_utf8;
  EXPECT_TRUE(is_valid_utf8("工号 abc \xF0\x9F\x98\x80"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xE5\xB7"));          // truncated
}

TEST(IngestCsv, UnclosedQuoteReadsToTheEndWithAWarning) {
  Workbook wb = read_csv_bytes("a,\"b\nc", "t.csv");
  ASSERT_EQ(wb.sheets[0].rows.size(), 1u);
  EXPECT_EQ(wb.sheets[0].rows[0].cells[1].text, "b\nc");
  ASSERT_EQ(wb.warnings.size(), 1u);
  EXPECT_EQ(wb.warnings[0].severity, tws::Severity::Warning);
}

TEST(IngestCsv, Limits) {
  ReadLimits limits;
  limits.max_cols = 3;
  EXPECT_NE(error_of([&] { read_csv_bytes("a,b,c,d\n", "t.csv", limits); }).find("超出范围"), std::string::npos);
  EXPECT_EQ(error_of([&] { read_csv_bytes("a,b,c,\n", "t.csv", limits); }), "<no error>");
  limits = {};
  limits.max_cells = 3;
  EXPECT_NE(error_of([&] { read_csv_bytes("a,b\nc,d\n", "t.csv", limits); }).find("单元格数量超过 3 个"),
            std::string::npos);
}

TEST(IngestCsv, ContentDecidesTheReader) {
  // A CSV under another name is still read as CSV when it is text.
  EXPECT_EQ(inspect_text(read_workbook_bytes("a,b\n", "upload.txt")), "# sheet: upload\na\tb\n");
  EXPECT_EQ(inspect_text(read_workbook_bytes(kGbHeader, "export.xls")), "# sheet: export\n工号\t姓名\n");
  // Binary that is not a spreadsheet.
  EXPECT_NE(error_of([] { read_workbook_bytes(std::string("\x89PNG\r\n\x1a\n\0\0", 10), "photo.xlsx"); })
                .find("不是可识别的电子表格"),
            std::string::npos);
  // An "xls" that is really a web page.
  EXPECT_NE(error_of([] { read_workbook_bytes("<html><table><tr><td>1</td></tr></table></html>", "导出.xls"); })
                .find("网页（HTML）"),
            std::string::npos);
  // An xlsx renamed to .csv is still an xlsx.
  std::ifstream in(std::string(TWS_SHARED_DIR) + "/fixtures/xlsx/wps_date1_easyexcel.xlsx", std::ios::binary);
  std::string xlsx((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(read_workbook_bytes(xlsx, "renamed.csv").sheets.size(), 3u);
  // Other bytes in a .csv are read as CSV, so their decoding errors are CSV errors.
  EXPECT_NE(error_of([] { read_workbook_bytes("\xFF\xFF", "a.csv"); }).find("CSV 文件的编码无法识别"),
            std::string::npos);
}
