// Number formats, serial dates, ISO dates, `_xHHHH_` escapes, display() and
// inspect_text(): the pieces the readers are built from, tested directly.
#include <gtest/gtest.h>

#include "ingest/number_format.h"
#include "ingest/ooxml_text.h"
#include "ingest/workbook.h"

using namespace tws::ingest;
using namespace tws::ingest::detail;

namespace {

std::string parts(std::string_view code) {
  ShownParts p = shown_parts(code);
  return std::string(p.date ? "D" : "") + (p.time ? "T" : "") + (p.any() ? "" : "N");
}

std::string serial(double s, bool date1904 = false, ShownParts shown = {true, true}) {
  auto dt = serial_to_datetime(s, date1904, shown);
  return dt ? dt->iso() : "<none>";
}

std::string iso(std::string_view text) {
  auto dt = parse_iso_datetime(text);
  return dt ? dt->iso() : "<none>";
}

Cell number(double v) {
  Cell c;
  c.type = CellType::Number;
  c.number = v;
  return c;
}

Cell text(std::string t) {
  Cell c;
  c.type = CellType::String;
  c.text = std::move(t);
  return c;
}

}  // namespace

TEST(IngestNumberFormat, BuiltinIdsThatAreDatesOrTimes) {
  for (uint32_t id : {14u, 15u, 16u, 17u, 27u, 28u, 29u, 30u, 31u, 36u, 50u, 51u, 52u, 53u, 54u, 57u, 58u})
    EXPECT_EQ(parts(builtin_format_code(id)), "D") << id;
  for (uint32_t id : {18u, 19u, 20u, 21u, 32u, 33u, 34u, 35u, 45u, 47u, 55u, 56u})
    EXPECT_EQ(parts(builtin_format_code(id)), "T") << id;
  EXPECT_EQ(parts(builtin_format_code(22)), "DT");
}

TEST(IngestNumberFormat, BuiltinIdsThatAreNumbers) {
  for (uint32_t id : {0u, 1u, 2u, 3u, 4u, 9u, 10u, 11u, 12u, 13u, 37u, 38u, 39u, 40u, 46u, 48u, 49u})
    EXPECT_EQ(parts(builtin_format_code(id)), "N") << id;
  EXPECT_EQ(builtin_format_code(31), "yyyy\"年\"m\"月\"d\"日\"");
  EXPECT_EQ(builtin_format_code(55), "上午/下午h\"时\"mm\"分\"");
  EXPECT_EQ(builtin_format_code(0), "");
}

TEST(IngestNumberFormat, CustomCodes) {
  EXPECT_EQ(parts("yyyy\"年\"m\"月\"d\"日\""), "D");
  EXPECT_EQ(parts("[DBNum1][$-804]yyyy\"年\"m\"月\"d\"日\""), "D");
  EXPECT_EQ(parts("[DBNum1][$-804]m\"月\"d\"日\""), "D");
  EXPECT_EQ(parts("[DBNum1]上午/下午h\"时\"mm\"分\""), "T");
  EXPECT_EQ(parts("上午/下午h:mm"), "T");
  EXPECT_EQ(parts("yyyy/m/d\\ h:mm\\ AM/PM"), "DT");
  EXPECT_EQ(parts("yyyy\"年\"m\"月\"d\"日\"\\ h:mm:ss"), "DT");
  EXPECT_EQ(parts("yyyy\\-mm\\-dd"), "D");
  EXPECT_EQ(parts("mmm-yy"), "D");
  EXPECT_EQ(parts("mm:ss"), "T");        // m before s is minutes
  EXPECT_EQ(parts("h:mm"), "T");         // m after h is minutes
  EXPECT_EQ(parts("[$-F800]dddd, mmmm dd, yyyy"), "D");
  EXPECT_EQ(parts("[Red]yyyy-mm-dd"), "D");
  EXPECT_EQ(parts("A/P h"), "T");
}

TEST(IngestNumberFormat, CodesThatAreNotDates) {
  EXPECT_EQ(parts("General"), "N");
  EXPECT_EQ(parts("\"￥\"#,##0.00;\"￥\"\\-#,##0.00"), "N");
  EXPECT_EQ(parts("\\¥#,##0;\\¥\\-#,##0"), "N");
  EXPECT_EQ(parts("_ \"￥\"* #,##0.00_ ;_ \"￥\"* \\-#,##0.00_ ;_ \"￥\"* \"-\"??_ ;_ @_ "), "N");
  EXPECT_EQ(parts("0.00_ "), "N");
  EXPECT_EQ(parts("0.00E+00"), "N");
  EXPECT_EQ(parts("#,##0\"天\""), "N");
  EXPECT_EQ(parts("[h]:mm:ss"), "N");   // elapsed time is a duration
  EXPECT_EQ(parts("[hh]:mm:ss"), "N");
  EXPECT_EQ(parts("[mm]:ss"), "N");
  EXPECT_EQ(parts("@"), "N");
  EXPECT_EQ(parts("0;[Red]\"d\"yyyy"), "N");  // only the first section counts
  EXPECT_EQ(parts("[$-804]0.00"), "N");
  EXPECT_EQ(parts("元"), "N");  // unquoted CJK is a literal
}

TEST(IngestSerialDate, The1900System) {
  EXPECT_EQ(serial(1), "1900-01-01T00:00:00");
  EXPECT_EQ(serial(59), "1900-02-28T00:00:00");
  EXPECT_EQ(serial(60), "1900-02-29T00:00:00");  // Excel's fictitious day
  EXPECT_EQ(serial(61), "1900-03-01T00:00:00");
  EXPECT_EQ(serial(0, false, {true, false}), "1899-12-31");
  EXPECT_EQ(serial(43831.042372685202), "2020-01-01T01:01:01");
  EXPECT_EQ(serial(45000, false, {true, false}), "2023-03-15");
  EXPECT_EQ(serial(2958465, false, {true, false}), "9999-12-31");
  EXPECT_EQ(serial(2958466), "<none>");
  EXPECT_EQ(serial(-1), "<none>");
}

TEST(IngestSerialDate, The1904System) {
  EXPECT_EQ(serial(0, true, {true, false}), "1904-01-01");
  EXPECT_EQ(serial(42735, true, {true, false}), "2021-01-01");
  EXPECT_EQ(serial(59, true, {true, false}), "1904-02-29");  // 1904 is a real leap year
}

TEST(IngestSerialDate, FractionsRoundToTheSecondAndCarryTheDay) {
  EXPECT_EQ(serial(45000.99999421), "2023-03-16T00:00:00");  // never 24:00:00
  EXPECT_EQ(serial(45000.999994), "2023-03-15T23:59:59");
  EXPECT_EQ(serial(45000.9999942), "2023-03-15T23:59:59");  // 86,399.4989 s
  EXPECT_EQ(serial(0.99999999, false, {false, true}), "00:00:00");
  EXPECT_EQ(serial(0.5, false, {false, true}), "12:00:00");
  EXPECT_EQ(serial(0.3541666666666667, false, {false, true}), "08:30:00");
}

TEST(IngestIsoDate, AcceptedForms) {
  EXPECT_EQ(iso("2015-03-01"), "2015-03-01");
  EXPECT_EQ(iso("2024-01-02T13:45:30"), "2024-01-02T13:45:30");
  EXPECT_EQ(iso("2024-01-02 13:45"), "2024-01-02T13:45:00");
  EXPECT_EQ(iso("1900-02-28T00:00:00"), "1900-02-28T00:00:00");
  EXPECT_EQ(iso("08:30:00"), "08:30:00");
  EXPECT_EQ(iso("2024-01-02T13:45:30.6Z"), "2024-01-02T13:45:31");
  EXPECT_EQ(iso("2024-12-31T23:59:59.9+08:00"), "2025-01-01T00:00:00");
  EXPECT_EQ(iso("2024-02-29"), "2024-02-29");
}

TEST(IngestIsoDate, RejectedForms) {
  for (const char* bad : {"", "2023-02-29", "2024-13-01", "2024-1-2", "24:00:00", "12:60:00", "2024-01-02X10:00",
                          "2024/01/02", "abc", "2024-01-02T10:00:00+0800x"})
    EXPECT_EQ(iso(bad), "<none>") << bad;
}

TEST(IngestEscapes, OoxmlEscapesAreDecoded) {
  EXPECT_EQ(decode_ooxml_escapes("a_x000D_b"), "a\rb");
  EXPECT_EQ(decode_ooxml_escapes("_x005F_x000D_"), "_x000D_");
  EXPECT_EQ(decode_ooxml_escapes("_x4E2D__x6587_"), "中文");
  EXPECT_EQ(decode_ooxml_escapes("_xD83D__xDE00_"), "\xF0\x9F\x98\x80");  // surrogate pair
  EXPECT_EQ(decode_ooxml_escapes("_xD83D_x"), "\xEF\xBF\xBDx");          // lone surrogate
  EXPECT_EQ(decode_ooxml_escapes("_x00_ _xZZZZ_ x000D_"), "_x00_ _xZZZZ_ x000D_");
  EXPECT_EQ(decode_ooxml_escapes("plain"), "plain");
}

TEST(IngestDisplay, NumbersInShortestRoundTripForm) {
  EXPECT_EQ(display(number(0)), "0");
  EXPECT_EQ(display(number(-0.0)), "0");
  EXPECT_EQ(display(number(1002)), "1002");
  EXPECT_EQ(display(number(92.5)), "92.5");
  EXPECT_EQ(display(number(0.1)), "0.1");
  EXPECT_EQ(display(number(-3.25)), "-3.25");
  EXPECT_EQ(display(number(1000000)), "1000000");
  EXPECT_EQ(display(number(43831.042372685202)), "43831.0423726852");
  EXPECT_EQ(display(number(1111.1111000000001)), "1111.1111");
  // An 18-digit ID stored as a number has lost its last digit; the exact double is shown.
  EXPECT_EQ(display(number(110101199001011234.0)), "110101199001011232");
  EXPECT_EQ(display(number(1e20)), "100000000000000000000");
  EXPECT_EQ(display(number(1e21)), "1e+21");
  EXPECT_EQ(display(number(1.5e300)), "1.5e+300");
  EXPECT_EQ(display(number(0.000001)), "0.000001");
  EXPECT_EQ(display(number(1.5e-7)), "1.5e-7");
}

TEST(IngestDisplay, OtherTypes) {
  Cell b;
  b.type = CellType::Boolean;
  b.number = 1;
  EXPECT_EQ(display(b), "TRUE");
  b.number = 0;
  EXPECT_EQ(display(b), "FALSE");
  Cell e;
  e.type = CellType::Error;
  e.text = "#SPILL!";
  EXPECT_EQ(display(e), "#SPILL!");
  EXPECT_EQ(display(Cell()), "");
  EXPECT_EQ(display(text("0059")), "0059");
  Cell d;
  d.type = CellType::Date;
  d.date = DateTime{2026, 4, 15, 8, 30, 0, true, false};
  EXPECT_EQ(display(d), "2026-04-15");
  d.date.has_time = true;
  EXPECT_EQ(display(d), "2026-04-15T08:30:00");
  d.date.has_date = false;
  EXPECT_EQ(display(d), "08:30:00");
}

TEST(IngestInspect, BlankRowsKeepRowNumbersAndSpecialCharactersAreEscaped) {
  Workbook wb;
  wb.source = "x.xlsx";
  Sheet s;
  s.name = "名单";
  s.rows.push_back(Row{0, {text("姓名"), Cell(), text("备注")}});
  s.rows.push_back(Row{3, {text("a\tb"), text("line1\nline2\r")}});
  Sheet hidden;
  hidden.name = "_lists";
  hidden.hidden = true;
  hidden.rows.push_back(Row{1, {Cell(), number(5), Cell()}});
  wb.sheets = {s, hidden};
  EXPECT_EQ(inspect_text(wb),
            "# sheet: 名单\n"
            "姓名\t\t备注\n"
            "\n"
            "\n"
            "a\\tb\tline1\\nline2\\r\n"
            "# sheet: _lists (hidden)\n"
            "\n"
            "\t5\n");
  EXPECT_EQ(inspect_text(wb, "_lists"), "# sheet: _lists (hidden)\n\n\t5\n");
}

TEST(IngestInspect, UnknownSheetListsTheSheets) {
  Workbook wb;
  wb.source = "x.xlsx";
  wb.sheets.resize(2);
  wb.sheets[0].name = "申报汇总";
  wb.sheets[1].name = "入站人员";
  try {
    inspect_text(wb, "荣誉");
    FAIL() << "no error";
  } catch (const tws::InputError& e) {
    EXPECT_EQ(e.message, "没有名为“荣誉”的工作表；这个文件中的工作表有：申报汇总、入站人员");
  }
}
