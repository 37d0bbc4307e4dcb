// xlsx files built in memory: producer quirks that must read correctly, and
// malformed or hostile files that must give one clear InputError, never a
// crash or a hang.
#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "ingest/workbook.h"

using namespace tws::ingest;

namespace {

const std::string kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const std::string kR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const std::string kPkg = "http://schemas.openxmlformats.org/package/2006/relationships";
const std::string kStrictMain = "http://purl.oclc.org/ooxml/spreadsheetml/main";
const std::string kStrictR = "http://purl.oclc.org/ooxml/officeDocument/relationships";

// --- a zip writer (stored entries) so tests control every byte ---

uint32_t crc32(const std::string& data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char byte : data) {
    crc ^= byte;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void put16(std::string& out, uint32_t v) {
  out += char(v & 0xFF);
  out += char((v >> 8) & 0xFF);
}
void put32(std::string& out, uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}

using Parts = std::vector<std::pair<std::string, std::string>>;

std::string stored_zip(const Parts& parts) {
  std::string out, central;
  for (const auto& [name, data] : parts) {
    uint32_t offset = uint32_t(out.size()), crc = crc32(data), size = uint32_t(data.size());
    put32(out, 0x04034b50);
    put16(out, 20), put16(out, 0x0800), put16(out, 0), put16(out, 0), put16(out, 0x21);
    put32(out, crc), put32(out, size), put32(out, size);
    put16(out, uint32_t(name.size())), put16(out, 0);
    out += name + data;
    put32(central, 0x02014b50);
    put16(central, 20), put16(central, 20), put16(central, 0x0800), put16(central, 0);
    put16(central, 0), put16(central, 0x21);
    put32(central, crc), put32(central, size), put32(central, size);
    put16(central, uint32_t(name.size())), put16(central, 0), put16(central, 0);
    put16(central, 0), put16(central, 0), put32(central, 0), put32(central, offset);
    central += name;
  }
  uint32_t cd_offset = uint32_t(out.size());
  out += central;
  put32(out, 0x06054b50);
  put16(out, 0), put16(out, 0), put16(out, uint32_t(parts.size())), put16(out, uint32_t(parts.size()));
  put32(out, uint32_t(central.size())), put32(out, cd_offset), put16(out, 0);
  return out;
}

// A deflated zip made by libzip (for the zip bomb).
std::string deflated_zip(const Parts& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* za = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  zip_source_keep(buffer);
  for (const auto& [name, data] : parts) {
    zip_source_t* s = zip_source_buffer(za, data.data(), data.size(), 0);
    zip_int64_t index = zip_file_add(za, name.c_str(), s, ZIP_FL_ENC_UTF_8);
    zip_set_file_compression(za, zip_uint64_t(index), ZIP_CM_DEFLATE, 1);
  }
  zip_close(za);
  zip_source_open(buffer);
  zip_source_seek(buffer, 0, SEEK_END);
  std::string out(size_t(zip_source_tell(buffer)), '\0');
  zip_source_seek(buffer, 0, SEEK_SET);
  zip_source_read(buffer, out.data(), out.size());
  zip_source_close(buffer);
  zip_source_free(buffer);
  return out;
}

// --- a minimal workbook: one sheet, styles, shared strings ---

const std::string kStyles =
    "<styleSheet xmlns=\"" + kMain + "\"><numFmts count=\"1\">"
    "<numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"22\"/></cellStyleXfs>"
    "<cellXfs count=\"7\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"22\"/><xf numFmtId=\"46\"/>"
    "<xf numFmtId=\"164\"/><xf numFmtId=\"21\"/><xf numFmtId=\"31\"/></cellXfs></styleSheet>";
enum Style { kGeneral = 0, kDate14 = 1, kDateTime22 = 2, kElapsed46 = 3, kCjkDate = 4, kTime21 = 5, kId31 = 6 };

std::string rels(const std::vector<std::vector<std::string>>& list, const std::string& ns = kPkg) {
  std::string x = "<Relationships xmlns=\"" + ns + "\">";
  for (const auto& r : list)
    x += "<Relationship Id=\"" + r[0] + "\" Type=\"" + r[1] + "\" Target=\"" + r[2] + "\"/>";
  return x + "</Relationships>";
}

std::string sst(const std::vector<std::string>& items) {
  std::string x = "<sst xmlns=\"" + kMain + "\">";
  for (const auto& si : items) x += "<si>" + si + "</si>";
  return x + "</sst>";
}

struct Xlsx {
  Parts parts;

  static Xlsx basic(const std::string& sheet_data, const std::string& after_sheet_data = "",
                    const std::vector<std::string>& strings = {}) {
    Xlsx x;
    x.set("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
    x.set("_rels/.rels", rels({{"rId1", kR + "/officeDocument", "xl/workbook.xml"}}));
    x.set("xl/workbook.xml", "<workbook xmlns=\"" + kMain + "\" xmlns:r=\"" + kR +
                                 "\"><workbookPr/><sheets><sheet name=\"S1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
    x.set("xl/_rels/workbook.xml.rels", rels({{"rId1", kR + "/worksheet", "worksheets/sheet1.xml"},
                                              {"rId2", kR + "/styles", "styles.xml"},
                                              {"rId3", kR + "/sharedStrings", "sharedStrings.xml"}}));
    x.set("xl/styles.xml", kStyles);
    x.set("xl/sharedStrings.xml", sst(strings));
    x.set("xl/worksheets/sheet1.xml", sheet(sheet_data, after_sheet_data));
    return x;
  }

  static std::string sheet(const std::string& data, const std::string& after = "") {
    return "<worksheet xmlns=\"" + kMain + "\" xmlns:r=\"" + kR + "\"><sheetData>" + data + "</sheetData>" +
           after + "</worksheet>";
  }

  Xlsx& set(const std::string& name, const std::string& data) {
    for (auto& p : parts)
      if (p.first == name) {
        p.second = data;
        return *this;
      }
    parts.emplace_back(name, data);
    return *this;
  }

  Xlsx& rename(const std::string& from, const std::string& to) {
    for (auto& p : parts)
      if (p.first == from) p.first = to;
    return *this;
  }

  Xlsx& remove(const std::string& name) {
    std::erase_if(parts, [&](const auto& p) { return p.first == name; });
    return *this;
  }

  std::string bytes() const { return stored_zip(parts); }
  Workbook read(const ReadLimits& limits = {}) const { return read_xlsx_bytes(bytes(), "t.xlsx", limits); }
};

const Cell* at(const Sheet& sheet, uint32_t row, uint32_t col) {
  for (const auto& r : sheet.rows)
    if (r.index == row) return r.at(col);
  return nullptr;
}

std::string shown(const Workbook& wb, uint32_t row, uint32_t col, size_t sheet = 0) {
  const Cell* c = at(wb.sheets.at(sheet), row, col);
  return c ? display(*c) : "<none>";
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const tws::InputError& e) {
    return e.message;
  }
  return "<no error>";
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::string fixture_bytes(const std::string& name) {
  std::ifstream in(std::string(TWS_SHARED_DIR) + "/fixtures/xlsx/" + name, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string c(const std::string& ref, const std::string& value, const std::string& attrs = "") {
  return "<c r=\"" + ref + "\"" + attrs + "><v>" + value + "</v></c>";
}

}  // namespace

// ---------------------------------------------------------------- cell types

TEST(IngestXlsxCells, AllCellTypes) {
  Workbook wb = Xlsx::basic(
                    "<row r=\"1\">" + c("A1", "0", " t=\"s\"") + c("B1", "1", " t=\"s\"") +
                        "<c r=\"C1\" t=\"inlineStr\"><is><t>内联</t></is><v>99</v></c>" +
                        c("D1", "公式文字", " t=\"str\"") + c("E1", "1", " t=\"b\"") + c("F1", "#SPILL!", " t=\"e\"") +
                        c("G1", "2026-04-15", " t=\"d\"") + c("H1", "3.5") + c("I1", "45000", " s=\"1\"") +
                        "<c r=\"J1\" t=\"s\"><v/></c><c r=\"K1\" t=\"e\"><v>#N/A</v></c></row>",
                    "", {"<t>纯文本</t>", "<r><t>富</t></r><r><rPr><b/></rPr><t>文本</t></r>"})
                    .read();
  ASSERT_EQ(wb.sheets.size(), 1u);
  EXPECT_EQ(wb.sheets[0].name, "S1");
  EXPECT_EQ(shown(wb, 0, 0), "纯文本");
  EXPECT_EQ(shown(wb, 0, 1), "富文本");
  EXPECT_EQ(shown(wb, 0, 2), "内联");  // any <v> of an inline string is ignored
  EXPECT_EQ(shown(wb, 0, 3), "公式文字");
  EXPECT_EQ(shown(wb, 0, 4), "TRUE");
  EXPECT_EQ(at(wb.sheets[0], 0, 5)->type, CellType::Error);
  EXPECT_EQ(shown(wb, 0, 5), "#SPILL!");
  EXPECT_EQ(shown(wb, 0, 6), "2026-04-15");
  EXPECT_EQ(shown(wb, 0, 7), "3.5");
  EXPECT_EQ(shown(wb, 0, 8), "2023-03-15");
  EXPECT_EQ(at(wb.sheets[0], 0, 8)->format, "mm-dd-yy");
  EXPECT_TRUE(at(wb.sheets[0], 0, 9)->empty());  // t="s" with <v/>: empty, not string 0
  EXPECT_EQ(shown(wb, 0, 10), "#N/A");
}

// A formula saved without its result (openpyxl, some generators) reads as empty but is
// marked, so validation can say what it is; a shared formula's other cells have an empty
// <f/>. A row of nothing else is blank.
TEST(IngestXlsxCells, FormulaWithoutResultIsMarked) {
  Workbook wb = Xlsx::basic("<row r=\"1\"><c r=\"A1\"><f>1+1</f><v></v></c>" + c("B1", "7") +
                            "<c r=\"C1\"><f t=\"shared\" si=\"0\"/></c><c r=\"D1\"><f>2+2</f><v>4</v></c></row>"
                            "<row r=\"2\"><c r=\"A2\"><f>1+1</f></c></row>")
                    .read();
  const Sheet& sh = wb.sheets[0];
  ASSERT_EQ(sh.rows.size(), 1u);
  EXPECT_TRUE(at(sh, 0, 0)->empty());
  EXPECT_TRUE(at(sh, 0, 0)->uncached_formula);
  EXPECT_TRUE(at(sh, 0, 2)->uncached_formula);
  EXPECT_FALSE(at(sh, 0, 3)->uncached_formula);
  EXPECT_EQ(shown(wb, 0, 3), "4");
}

TEST(IngestXlsxCells, DatesByStyle) {
  Workbook wb = Xlsx::basic("<row r=\"1\">" + c("A1", "59", " s=\"1\"") + c("B1", "60", " s=\"1\"") +
                            c("C1", "61", " s=\"1\"") + c("D1", "45000.75", " s=\"2\"") +
                            c("E1", "1.5", " s=\"3\"") + c("F1", "45000", " s=\"4\"") + c("G1", "0.75", " s=\"5\"") +
                            c("H1", "45000.99999421", " s=\"2\"") + c("I1", "45000", " s=\"6\"") +
                            c("J1", "45000", " s=\"99\"") + "</row>")
                    .read();
  EXPECT_EQ(shown(wb, 0, 0), "1900-02-28");
  EXPECT_EQ(shown(wb, 0, 1), "1900-02-29");
  EXPECT_EQ(shown(wb, 0, 2), "1900-03-01");
  EXPECT_EQ(shown(wb, 0, 3), "2023-03-15T18:00:00");
  EXPECT_EQ(shown(wb, 0, 4), "1.5");  // [h]:mm:ss is elapsed time, a number
  EXPECT_EQ(at(wb.sheets[0], 0, 4)->type, CellType::Number);
  EXPECT_EQ(shown(wb, 0, 5), "2023-03-15");
  EXPECT_EQ(shown(wb, 0, 6), "18:00:00");
  EXPECT_EQ(shown(wb, 0, 7), "2023-03-16T00:00:00");
  EXPECT_EQ(shown(wb, 0, 8), "2023-03-15");  // id 31 with no <numFmt>
  EXPECT_EQ(shown(wb, 0, 9), "45000");       // style index past cellXfs: General
}

TEST(IngestXlsxCells, Date1904FromMainNamespaceOnly) {
  std::string sheet = "<row r=\"1\">" + c("A1", "0", " s=\"1\"") + "</row>";
  Xlsx x = Xlsx::basic(sheet);
  x.set("xl/workbook.xml",
        "<workbook xmlns=\"" + kMain + "\" xmlns:r=\"" + kR +
            "\" xmlns:x15=\"http://schemas.microsoft.com/office/spreadsheetml/2010/11/main\">"
            "<workbookPr date1904=\"1\"/><sheets><sheet name=\"S1\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
            "<extLst><ext uri=\"{x}\"><x15:workbookPr chartTrackingRefBase=\"1\"/></ext></extLst></workbook>");
  EXPECT_EQ(shown(x.read(), 0, 0), "1904-01-01");  // x15:workbookPr does not reset it
  x.set("xl/workbook.xml", "<workbook xmlns=\"" + kMain + "\" xmlns:r=\"" + kR +
                               "\"><workbookPr date1904=\"true\"/><sheets><sheet name=\"S1\" r:id=\"rId1\"/></sheets></workbook>");
  EXPECT_EQ(shown(x.read(), 0, 0), "1904-01-01");
  x.set("xl/workbook.xml", "<x:workbook xmlns:x=\"" + kMain + "\" xmlns:r=\"" + kR +
                               "\"><x:workbookPr date1904=\"false\"/><x:sheets><x:sheet name=\"S1\" r:id=\"rId1\"/></x:sheets></x:workbook>");
  EXPECT_EQ(shown(x.read(), 0, 0), "1899-12-31");
}

TEST(IngestXlsxCells, OoxmlEscapesInSharedAndInlineStrings) {
  Workbook wb = Xlsx::basic("<row r=\"1\">" + c("A1", "0", " t=\"s\"") +
                                "<c r=\"B1\" t=\"inlineStr\"><is><t>_x005F_x000D_</t></is></c>" +
                                c("C1", "x_x0009_y", " t=\"str\"") + "</row>",
                            "", {"<t>第一行_x000D_\n第二行</t>"})
                    .read();
  EXPECT_EQ(shown(wb, 0, 0), "第一行\r\n第二行");
  EXPECT_EQ(shown(wb, 0, 1), "_x000D_");
  EXPECT_EQ(shown(wb, 0, 2), "x\ty");
}

TEST(IngestXlsxCells, PhoneticRunsAreNotText) {
  Workbook wb = Xlsx::basic("<row r=\"1\">" + c("A1", "0", " t=\"s\"") + c("B1", "1", " t=\"s\"") + "</row>", "",
                            {"<t>秀</t><rPh sb=\"0\" eb=\"1\"><t>シュウ</t></rPh><phoneticPr fontId=\"1\"/>",
                             "<r><t>张</t></r><rPh><t>ジャン</t></rPh><r><t>三</t></r>"})
                    .read();
  EXPECT_EQ(shown(wb, 0, 0), "秀");
  EXPECT_EQ(shown(wb, 0, 1), "张三");
}

TEST(IngestXlsxCells, WpsCellImageIsAWarningNotText) {
  Workbook wb = Xlsx::basic(
                    "<row r=\"2\"><c r=\"C2\" t=\"str\"><f>_xlfn.DISPIMG(\"ID_ABC\",1)</f><v>=DISPIMG(\"ID_ABC\",1)</v></c>"
                    "<c r=\"D2\" t=\"s\"><v>0</v></c></row>",
                    "", {"<t>照片</t>"})
                    .read();
  EXPECT_EQ(shown(wb, 1, 2), "");
  EXPECT_EQ(shown(wb, 1, 3), "照片");
  ASSERT_EQ(wb.warnings.size(), 1u);
  EXPECT_EQ(wb.warnings[0].severity, tws::Severity::Warning);
  EXPECT_EQ(wb.warnings[0].where.row, 2);
  EXPECT_EQ(wb.warnings[0].where.column, 3);
  EXPECT_TRUE(contains(wb.warnings[0].message, "DISPIMG"));
}

// ------------------------------------------------------------- sheet layout

TEST(IngestXlsxLayout, RowsAndCellsWithoutR) {
  Workbook wb = Xlsx::basic("<row><c><v>1</v></c><c><v>2</v></c></row>"
                            "<row><c r=\"C2\"><v>3</v></c><c><v>4</v></c></row>"
                            "<row r=\"5\"><c><v>5</v></c></row>"
                            "<row><c/><c><v>6</v></c></row>")
                    .read();
  const Sheet& s = wb.sheets[0];
  ASSERT_EQ(s.rows.size(), 4u);
  EXPECT_EQ(shown(wb, 0, 0), "1");
  EXPECT_EQ(shown(wb, 0, 1), "2");
  EXPECT_EQ(shown(wb, 1, 2), "3");
  EXPECT_EQ(shown(wb, 1, 3), "4");  // previous column + 1
  EXPECT_EQ(shown(wb, 4, 0), "5");
  EXPECT_EQ(shown(wb, 5, 1), "6");  // previous row + 1; an empty <c/> still takes a column
}

TEST(IngestXlsxLayout, RowWithoutRTakesItsRowFromTheFirstCell) {
  Workbook wb = Xlsx::basic("<row><c r=\"B4\"><v>1</v></c></row><row><c><v>2</v></c></row>").read();
  EXPECT_EQ(shown(wb, 3, 1), "1");
  EXPECT_EQ(shown(wb, 4, 0), "2");
}

TEST(IngestXlsxLayout, BlankRowsOmittedTrailingEmptiesTrimmedMergesRead) {
  Workbook wb = Xlsx::basic("<row r=\"1\" spans=\"1:5\"><c r=\"A1\" t=\"inlineStr\"><is><t>标题</t></is></c>"
                            "<c r=\"B1\" s=\"1\"/><c r=\"C1\" s=\"1\"/></row>"
                            "<row r=\"2\"><c r=\"A2\" s=\"1\"/></row>"
                            "<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t></t></is></c></row>"
                            "<row r=\"4\"><c r=\"C4\"><v>7</v></c></row>",
                            "<mergeCells count=\"2\"><mergeCell ref=\"A1:C1\"/><mergeCell ref=\"bad\"/></mergeCells>")
                    .read();
  const Sheet& s = wb.sheets[0];
  ASSERT_EQ(s.rows.size(), 2u);
  EXPECT_EQ(s.rows[0].cells.size(), 1u);
  EXPECT_EQ(s.rows[1].index, 3u);
  EXPECT_EQ(s.rows[1].cells.size(), 3u);
  ASSERT_EQ(s.merged.size(), 1u);
  EXPECT_EQ(s.merged[0].last_col, 2u);
  EXPECT_EQ(inspect_text(wb), "# sheet: S1\n标题\n\n\n\t\t7\n");
}

TEST(IngestXlsxLayout, RowsOutOfOrderAreSortedAndMerged) {
  Workbook wb = Xlsx::basic("<row r=\"3\">" + c("A3", "3") + "</row><row r=\"1\">" + c("A1", "1") +
                            "</row><row r=\"3\">" + c("B3", "4") + "</row>")
                    .read();
  const Sheet& s = wb.sheets[0];
  ASSERT_EQ(s.rows.size(), 2u);
  EXPECT_EQ(s.rows[0].index, 0u);
  EXPECT_EQ(shown(wb, 2, 0), "3");
  EXPECT_EQ(shown(wb, 2, 1), "4");
}

TEST(IngestXlsxLayout, HugeDimensionIsNotPreallocated) {
  auto start = std::chrono::steady_clock::now();
  Xlsx x = Xlsx::basic("<row r=\"1\">" + c("A1", "1") + "</row>");
  x.set("xl/worksheets/sheet1.xml", "<worksheet xmlns=\"" + kMain + "\"><dimension ref=\"A1:XFD1048576\"/><sheetData>" +
                                        "<row r=\"1\">" + c("A1", "1") + "</row></sheetData></worksheet>");
  Workbook wb = x.read();
  EXPECT_EQ(wb.sheets[0].rows.size(), 1u);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(IngestXlsxLayout, HiddenSheetsAreReadWithAWarning) {
  Xlsx x = Xlsx::basic("<row r=\"1\">" + c("A1", "1") + "</row>");
  x.set("xl/workbook.xml", "<workbook xmlns=\"" + kMain + "\" xmlns:r=\"" + kR +
                               "\"><sheets><sheet name=\"可见\" r:id=\"rId1\"/><sheet name=\"_lists\" state=\"hidden\" "
                               "r:id=\"rId4\"/><sheet name=\"深藏\" state=\"veryHidden\" r:id=\"rId5\"/>"
                               "<sheet name=\"图表\" r:id=\"rId6\"/></sheets></workbook>");
  x.set("xl/_rels/workbook.xml.rels", rels({{"rId1", kR + "/worksheet", "worksheets/sheet1.xml"},
                                            {"rId4", kR + "/worksheet", "worksheets/sheet2.xml"},
                                            {"rId5", kR + "/worksheet", "worksheets/sheet3.xml"},
                                            {"rId6", kR + "/chartsheet", "chartsheets/sheet1.xml"},
                                            {"rId2", kR + "/styles", "styles.xml"}}));
  x.set("xl/worksheets/sheet2.xml", Xlsx::sheet("<row r=\"1\">" + c("A1", "2") + "</row>"));
  x.set("xl/worksheets/sheet3.xml", Xlsx::sheet("<row r=\"1\">" + c("A1", "3") + "</row>"));
  x.set("xl/chartsheets/sheet1.xml", "<chartsheet xmlns=\"" + kMain + "\"/>");
  Workbook wb = x.read();
  ASSERT_EQ(wb.sheets.size(), 3u);
  EXPECT_FALSE(wb.sheets[0].hidden);
  EXPECT_TRUE(wb.sheets[1].hidden);
  EXPECT_TRUE(wb.sheets[2].hidden);
  EXPECT_EQ(shown(wb, 0, 0, 2), "3");
  ASSERT_EQ(wb.warnings.size(), 3u);  // chart sheet skipped, two hidden sheets
  EXPECT_EQ(wb.warnings[0].where.sheet, "_lists");
  EXPECT_TRUE(contains(wb.warnings[0].message, "隐藏"));
  EXPECT_EQ(wb.warnings[2].where.sheet, "图表");
  EXPECT_TRUE(contains(inspect_text(wb), "# sheet: _lists (hidden)\n2\n"));
}

// --------------------------------------------------------- package quirks

TEST(IngestXlsxPackage, StrictOoxml) {
  Xlsx x;
  x.set("_rels/.rels", rels({{"rId1", kStrictR + "/officeDocument", "xl/workbook.xml"}}));
  x.set("xl/workbook.xml", "<workbook xmlns=\"" + kStrictMain + "\" xmlns:r=\"" + kStrictR +
                               "\"><workbookPr dateCompatibility=\"0\"/><sheets><sheet name=\"严格\" sheetId=\"1\" "
                               "r:id=\"rId1\"/></sheets></workbook>");
  x.set("xl/_rels/workbook.xml.rels", rels({{"rId1", kStrictR + "/worksheet", "worksheets/sheet1.xml"},
                                            {"rId2", kStrictR + "/sharedStrings", "sharedStrings.xml"},
                                            {"rId3", kStrictR + "/styles", "styles.xml"}}));
  x.set("xl/sharedStrings.xml", "<sst xmlns=\"" + kStrictMain + "\"><si><t>工号</t></si></sst>");
  x.set("xl/styles.xml", "<styleSheet xmlns=\"" + kStrictMain + "\"><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>");
  x.set("xl/worksheets/sheet1.xml", "<worksheet xmlns=\"" + kStrictMain + "\"><sheetData><row r=\"1\">" +
                                        c("A1", "0", " t=\"s\"") + c("B1", "2026-04-15T08:30:00", " t=\"d\"") +
                                        c("C1", "45000", " s=\"1\"") + "</row></sheetData></worksheet>");
  Workbook wb = x.read();
  ASSERT_EQ(wb.sheets.size(), 1u);
  EXPECT_EQ(wb.sheets[0].name, "严格");
  EXPECT_EQ(shown(wb, 0, 0), "工号");
  EXPECT_EQ(shown(wb, 0, 1), "2026-04-15T08:30:00");
  EXPECT_EQ(shown(wb, 0, 2), "2023-03-15");
}

TEST(IngestXlsxPackage, PrefixedElements) {
  Xlsx x = Xlsx::basic("");
  x.set("xl/worksheets/sheet1.xml", "<x:worksheet xmlns:x=\"" + kMain +
                                        "\"><x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>前缀"
                                        "</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>");
  EXPECT_EQ(shown(x.read(), 0, 0), "前缀");
}

TEST(IngestXlsxPackage, ElementsOfOtherNamespacesAreIgnored) {
  Xlsx x = Xlsx::basic("");
  x.set("xl/worksheets/sheet1.xml", "<worksheet xmlns=\"" + kMain + "\" xmlns:o=\"urn:other\"><sheetData>"
                                    "<o:row r=\"1\"><o:c r=\"A1\"><o:v>9</o:v></o:c></o:row>"
                                    "<row r=\"2\"><c r=\"A2\"><v>2</v></c></row></sheetData></worksheet>");
  Workbook wb = x.read();
  ASSERT_EQ(wb.sheets[0].rows.size(), 1u);
  EXPECT_EQ(shown(wb, 1, 0), "2");
}

TEST(IngestXlsxPackage, BackslashEntryNames) {
  Xlsx x = Xlsx::basic("<row r=\"1\">" + c("A1", "0", " t=\"s\"") + "</row>", "", {"<t>反斜杠</t>"});
  for (const char* name : {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml",
                           "xl/sharedStrings.xml", "xl/styles.xml"}) {
    std::string windows = name;
    std::replace(windows.begin(), windows.end(), '/', '\\');
    x.rename(name, windows);
  }
  EXPECT_EQ(shown(x.read(), 0, 0), "反斜杠");
}

TEST(IngestXlsxPackage, AbsoluteAndDottedTargets) {
  Xlsx x = Xlsx::basic("<row r=\"1\">" + c("A1", "0", " t=\"s\"") + "</row>", "", {"<t>绝对路径</t>"});
  x.set("xl/_rels/workbook.xml.rels", rels({{"rId1", kR + "/worksheet", "/xl/worksheets/sheet1.xml"},
                                            {"rId3", kR + "/sharedStrings", "./sub/../sharedStrings.xml"}}));
  EXPECT_EQ(shown(x.read(), 0, 0), "绝对路径");
  x.set("_rels/.rels", rels({{"rId1", kR + "/officeDocument", "/xl/workbook.xml"}}));
  EXPECT_EQ(shown(x.read(), 0, 0), "绝对路径");
}

TEST(IngestXlsxPackage, WorkbookPathComesFromTheRootRelationships) {
  Xlsx x = Xlsx::basic("<row r=\"1\">" + c("A1", "8") + "</row>");
  x.rename("xl/workbook.xml", "book/main.xml");
  x.rename("xl/_rels/workbook.xml.rels", "book/_rels/main.xml.rels");
  x.set("book/_rels/main.xml.rels", rels({{"rId1", kR + "/worksheet", "../xl/worksheets/sheet1.xml"}}));
  x.set("_rels/.rels", rels({{"rId1", kR + "/officeDocument", "book/main.xml"}}));
  EXPECT_EQ(shown(x.read(), 0, 0), "8");
}

TEST(IngestXlsxPackage, PartNamesIgnoreCase) {
  Xlsx x = Xlsx::basic("<row r=\"1\">" + c("A1", "0", " t=\"s\"") + "</row>", "", {"<t>大小写</t>"});
  x.rename("xl/sharedStrings.xml", "xl/SharedStrings.xml");
  x.rename("xl/worksheets/sheet1.xml", "XL/Worksheets/Sheet1.XML");
  x.rename("xl/workbook.xml", "xl/Workbook.xml");
  EXPECT_EQ(shown(x.read(), 0, 0), "大小写");
}

TEST(IngestXlsxPackage, SheetPartWithBomAndNoRootRels) {
  Xlsx x = Xlsx::basic("<row r=\"1\">" + c("A1", "5") + "</row>");
  x.set("xl/worksheets/sheet1.xml", "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" +
                                        Xlsx::sheet("<row r=\"1\">" + c("A1", "5") + "</row>"));
  x.remove("_rels/.rels");  // falls back to xl/workbook.xml
  EXPECT_EQ(shown(x.read(), 0, 0), "5");
}

TEST(IngestXlsxPackage, DirectoryEntriesAreIgnored) {
  Xlsx x = Xlsx::basic("<row r=\"1\">" + c("A1", "5") + "</row>");
  x.parts.insert(x.parts.begin(), {"xl/", ""});
  x.parts.insert(x.parts.begin(), {"xl/worksheets/", ""});
  EXPECT_EQ(shown(x.read(), 0, 0), "5");
}

// ------------------------------------------------------- malformed input

TEST(IngestXlsxMalformed, EmptyFile) {
  const std::string empty_message = "文件是空的（0 字节）；请确认上传的是填写好的工作簿";
  EXPECT_EQ(error_of([] { read_xlsx_bytes("", "t.xlsx"); }), empty_message);
  EXPECT_EQ(error_of([] { read_workbook_bytes("", "t.xlsx"); }), empty_message);
  EXPECT_EQ(error_of([] { read_csv_bytes("", "t.csv"); }), empty_message);
}

TEST(IngestXlsxMalformed, TruncatedZipAtEveryLength) {
  std::string whole = fixture_bytes("openpyxl309_inlineStr_merge.xlsx");
  ASSERT_GT(whole.size(), 1000u);
  for (size_t len = 4; len < whole.size(); len += 37) {
    std::string msg = error_of([&] { read_workbook_bytes(whole.substr(0, len), "t.xlsx"); });
    EXPECT_TRUE(contains(msg, "文件已损坏或不完整")) << len << ": " << msg;
  }
}

TEST(IngestXlsxMalformed, CorruptedBytesNeverCrash) {
  std::string whole = fixture_bytes("libxlsxwriter114_features.xlsx");
  std::mt19937 rng(42);
  for (int round = 0; round < 300; ++round) {
    std::string bytes = whole;
    for (int k = 0; k < 4; ++k) bytes[rng() % bytes.size()] = char(rng());
    try {
      read_workbook_bytes(bytes, "t.xlsx");
    } catch (const tws::InputError& e) {
      EXPECT_FALSE(e.message.empty());
    }
  }
}

TEST(IngestXlsxMalformed, RandomBytes) {
  std::mt19937 rng(7);
  for (int round = 0; round < 50; ++round) {
    std::string bytes(1 + rng() % 4096, '\0');
    for (char& b : bytes) b = char(rng());
    std::string msg = error_of([&] { read_workbook_bytes(bytes, "upload.bin"); });
    EXPECT_TRUE(contains(msg, "不是可识别的电子表格")) << msg;
    msg = error_of([&] { read_workbook_bytes("PK\x03\x04" + bytes, "upload.xlsx"); });
    EXPECT_TRUE(contains(msg, "文件已损坏或不完整")) << msg;
    msg = error_of([&] { read_xlsx_bytes(bytes, "upload.xlsx"); });
    EXPECT_NE(msg, "<no error>");
  }
}

TEST(IngestXlsxMalformed, ZipBombStopsQuickly) {
  const std::string head = "<sst xmlns=\"" + kMain + "\"><si><t>";
  std::string huge = head + std::string(200u << 20, 'a') + "</t></si></sst>";
  Xlsx x = Xlsx::basic("<row r=\"1\">" + c("A1", "0", " t=\"s\"") + "</row>");
  x.remove("xl/sharedStrings.xml");
  Parts parts = x.parts;
  parts.emplace_back("xl/sharedStrings.xml", std::move(huge));
  std::string bomb = deflated_zip(parts);
  parts.clear();
  ASSERT_LT(bomb.size(), 2u << 20);
  auto start = std::chrono::steady_clock::now();
  std::string msg = error_of([&] { read_workbook_bytes(bomb, "bomb.xlsx"); });
  EXPECT_TRUE(contains(msg, "压缩炸弹")) << msg;
  EXPECT_TRUE(contains(msg, "100 倍")) << msg;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));

  ReadLimits no_ratio;
  no_ratio.min_inflate_ratio = 0;
  msg = error_of([&] { read_workbook_bytes(bomb, "bomb.xlsx", no_ratio); });
  EXPECT_TRUE(contains(msg, "xl/sharedStrings.xml 解压后超过 128 MB 的上限")) << msg;

  ReadLimits small_total = no_ratio;
  small_total.max_total_uncompressed = 1u << 20;
  msg = error_of([&] { read_workbook_bytes(bomb, "bomb.xlsx", small_total); });
  EXPECT_TRUE(contains(msg, "总大小超过 1 MB 的上限")) << msg;
}

TEST(IngestXlsxMalformed, BillionLaughsDoctype) {
  std::string laughs =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
      "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
      "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
      "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
      "<!ENTITY lol9 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">]>";
  for (const char* part : {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml", "_rels/.rels"}) {
    Xlsx x = Xlsx::basic("");
    x.set(part, laughs + "<worksheet xmlns=\"" + kMain + "\"><sheetData><row><c t=\"inlineStr\"><is><t>&lol9;</t>"
                             "</is></c></row></sheetData></worksheet>");
    EXPECT_TRUE(contains(error_of([&] { x.read(); }), "DOCTYPE")) << part;
  }
}

TEST(IngestXlsxMalformed, ExternalEntityIsRefused) {
  Xlsx x = Xlsx::basic("");
  x.set("xl/worksheets/sheet1.xml", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><worksheet xmlns=\"" +
                                        kMain + "\"><sheetData><row><c t=\"inlineStr\"><is><t>&e;</t></is></c>"
                                                "</row></sheetData></worksheet>");
  EXPECT_TRUE(contains(error_of([&] { x.read(); }), "DOCTYPE"));
}

TEST(IngestXlsxMalformed, MissingWorkbookPart) {
  Xlsx x = Xlsx::basic("");
  x.remove("xl/workbook.xml");
  std::string msg = error_of([&] { x.read(); });
  EXPECT_TRUE(contains(msg, "没有 Excel 工作簿")) << msg;
  Parts only_doc = {{"word/document.xml", "<w:document xmlns:w=\"urn:w\"/>"}};
  msg = error_of([&] { read_workbook_bytes(stored_zip(only_doc), "a.docx"); });
  EXPECT_TRUE(contains(msg, "没有 Excel 工作簿")) << msg;
}

TEST(IngestXlsxMalformed, MissingSheetPart) {
  Xlsx x = Xlsx::basic("");
  x.remove("xl/worksheets/sheet1.xml");
  EXPECT_TRUE(contains(error_of([&] { x.read(); }), "找不到这个工作表的内容"));
}

TEST(IngestXlsxMalformed, DuplicateEntryNames) {
  Xlsx x = Xlsx::basic("<row r=\"1\">" + c("A1", "1") + "</row>");
  Parts twice = x.parts;
  twice.emplace_back("xl/worksheets/sheet1.xml", Xlsx::sheet(""));
  EXPECT_TRUE(contains(error_of([&] { read_xlsx_bytes(stored_zip(twice), "t.xlsx"); }), "重名的部件"));
  Parts by_case = x.parts;
  by_case.emplace_back("XL\\Worksheets\\Sheet1.xml", Xlsx::sheet(""));
  EXPECT_TRUE(contains(error_of([&] { read_xlsx_bytes(stored_zip(by_case), "t.xlsx"); }), "重名的部件"));
}

TEST(IngestXlsxMalformed, TooManyEntries) {
  Xlsx x = Xlsx::basic("");
  ReadLimits limits;
  limits.max_entries = 5;
  EXPECT_EQ(error_of([&] { x.read(limits); }), "文件包含的部件超过 5 个的上限；请删除无关的工作表、图片或数据，或拆分成几个文件后再上传");
}

TEST(IngestXlsxMalformed, FileSizeLimit) {
  Xlsx x = Xlsx::basic("");
  ReadLimits limits;
  limits.max_file_bytes = 100;
  EXPECT_TRUE(contains(error_of([&] { x.read(limits); }), "文件太大（上限 100 字节）"));
}

TEST(IngestXlsxMalformed, DeepXml) {
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "<x>";
  for (int i = 0; i < 100; ++i) deep += "</x>";
  Xlsx x = Xlsx::basic("<row r=\"1\"><c r=\"A1\">" + deep + "</c></row>");
  EXPECT_TRUE(contains(error_of([&] { x.read(); }), "嵌套超过 64 层"));
}

TEST(IngestXlsxMalformed, CellLimit) {
  std::string row = "<row r=\"1\">";
  for (int i = 0; i < 20; ++i) row += "<c><v>1</v></c>";
  Xlsx x = Xlsx::basic(row + "</row>");
  ReadLimits limits;
  limits.max_cells = 10;
  EXPECT_TRUE(contains(error_of([&] { x.read(limits); }), "单元格数量超过 10 个的上限"));
}

TEST(IngestXlsxMalformed, ExpandedSharedStringsCountAgainstTheTextLimit) {
  std::string row = "<row r=\"1\">";
  for (int i = 0; i < 20; ++i) row += "<c t=\"s\"><v>0</v></c>";
  Xlsx x = Xlsx::basic(row + "</row>", "", {"<t>" + std::string(1000, 'x') + "</t>"});
  ReadLimits limits;
  limits.max_text_bytes = 10000;
  EXPECT_TRUE(contains(error_of([&] { x.read(limits); }), "文字总量超过"));
}

TEST(IngestXlsxMalformed, OutsideTheGrid) {
  for (std::string data :
       {"<row r=\"1048577\"><c><v>1</v></c></row>", "<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>",
        "<row r=\"1\"><c r=\"A99999999999\"><v>1</v></c></row>", "<row r=\"0\"/>"}) {
    std::string msg = error_of([&] { Xlsx::basic(data).read(); });
    EXPECT_TRUE(contains(msg, "超出范围") || contains(msg, "无效")) << data << ": " << msg;
  }
  std::string many = "<row r=\"1\">";
  for (int i = 0; i < 16385; ++i) many += "<c/>";
  many += "<c><v>1</v></c></row>";
  EXPECT_TRUE(contains(error_of([&] { Xlsx::basic(many).read(); }), "超出范围"));
  EXPECT_EQ(shown(Xlsx::basic("<row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row>").read(), 1048575, 16383), "1");
}

TEST(IngestXlsxMalformed, BadCellReferenceAndSharedStringIndex) {
  EXPECT_TRUE(contains(error_of([&] { Xlsx::basic("<row><c r=\"1A\"><v>1</v></c></row>").read(); }), "无效"));
  EXPECT_TRUE(contains(error_of([&] { Xlsx::basic("<row><c t=\"s\"><v>5</v></c></row>").read(); }), "共享字符串"));
}

TEST(IngestXlsxMalformed, MalformedXml) {
  std::string msg = error_of([&] { Xlsx::basic("<row><c><v>1</c></row>").read(); });
  EXPECT_TRUE(contains(msg, "xl/worksheets/sheet1.xml 第 1 行 XML 格式错误")) << msg;
}

TEST(IngestXlsxMalformed, Ole2ThatIsNotASpreadsheet) {
  std::string ole = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + std::string(600, '\0');
  EXPECT_TRUE(contains(error_of([&] { read_workbook_bytes(ole, "x.doc"); }), "不是可识别的电子表格"));
  EXPECT_TRUE(contains(error_of([&] { read_xlsx_bytes(ole, "x.xlsx"); }), "不是可识别的电子表格"));
}

// ------------------------------------------------ streamed, sheet by sheet

namespace {
// Writes the workbook to a temporary file for WorkbookReader (which reads paths).
struct TempXlsx {
  std::filesystem::path path;
  explicit TempXlsx(const Xlsx& x) {
    path = std::filesystem::temp_directory_path() /
           ("tws-stream-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++) + ".xlsx");
    std::ofstream(path, std::ios::binary) << x.bytes();
  }
  ~TempXlsx() { std::filesystem::remove(path); }
  static int& counter() {
    static int n = 0;
    return n;
  }
};

// Every event WorkbookReader gives for sheet `index`, as text.
std::string streamed(WorkbookReader& reader, size_t index) {
  std::string log;
  reader.read(
      index,
      [&](const std::vector<MergedRange>& merged, size_t rows) {
        log += "begin rows=" + std::to_string(rows);
        for (auto& m : merged)
          log += " merge=" + std::to_string(m.first_row) + "," + std::to_string(m.first_col) + ":" +
                 std::to_string(m.last_row) + "," + std::to_string(m.last_col);
        log += "\n";
      },
      [&](Row&& row) {
        log += std::to_string(row.index) + ":";
        for (auto& cell : row.cells) log += " " + display(cell);
        log += "\n";
      });
  return log;
}
}  // namespace

TEST(IngestXlsxStream, MergesAndRowCountComeBeforeTheRowsThatFollowThem) {
  TempXlsx f(Xlsx::basic("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>标题</t></is></c></row>"
                         "<row r=\"2\"><c r=\"A2\" s=\"1\"/></row>"  // styled but empty: omitted
                         "<row r=\"4\">" + c("A4", "1") + c("C4", "2") + "</row>"
                         "<row r=\"5\"><c r=\"B5\" t=\"s\"><v>0</v></c></row>",
                         "<mergeCells count=\"1\"><mergeCell ref=\"A1:C1\"/></mergeCells>", {"<t>共享</t>"}));
  WorkbookReader reader(f.path);
  ASSERT_EQ(reader.sheet_names(), std::vector<std::string>{"S1"});
  // The scan counts every row with a <c> (row 2's empty cell too): an upper bound, for reserving.
  EXPECT_EQ(streamed(reader, 0), "begin rows=4 merge=0,0:0,2\n0: 标题\n3: 1  2\n4:  共享\n");
  EXPECT_THROW(streamed(reader, 0), std::logic_error);
}

TEST(IngestXlsxStream, RowsOutOfOrderAreSortedAndMergedFirst) {
  TempXlsx f(Xlsx::basic("<row r=\"3\">" + c("A3", "3") + "</row><row r=\"1\">" + c("A1", "1") +
                         "</row><row r=\"3\">" + c("B3", "4") + "</row>"));
  WorkbookReader reader(f.path);
  EXPECT_EQ(streamed(reader, 0), "begin rows=2\n0: 1\n2: 3 4\n");
}

TEST(IngestXlsxStream, SameRowsAndWarningsAsTheWholeWorkbook) {
  for (const char* name : {"openpyxl309_inlineStr_merge.xlsx", "wps_date1_easyexcel.xlsx",
                           "powerbi_no_r_attr_calamine_issue_261.xlsx", "excelmac_rPh_phonetic_xlnt_15.xlsx"}) {
    std::filesystem::path path = std::string(TWS_SHARED_DIR) + "/fixtures/xlsx/" + name;
    Workbook whole = read_workbook(path);
    WorkbookReader reader(path);
    ASSERT_EQ(reader.sheet_names().size(), whole.sheets.size()) << name;
    for (size_t i = whole.sheets.size(); i-- > 0;) {  // any order
      Workbook one;
      Sheet sheet;
      sheet.name = whole.sheets[i].name;
      sheet.hidden = whole.sheets[i].hidden;
      reader.read(
          i, [&](const std::vector<MergedRange>& merged, size_t) { sheet.merged = merged; },
          [&](Row&& row) { sheet.rows.push_back(std::move(row)); });
      EXPECT_EQ(sheet.merged.size(), whole.sheets[i].merged.size()) << name;
      one.sheets.push_back(std::move(sheet));
      Workbook same;
      same.sheets.push_back(whole.sheets[i]);
      EXPECT_EQ(inspect_text(one), inspect_text(same)) << name << " sheet " << i;
    }
    auto warnings = reader.warnings();
    ASSERT_EQ(warnings.size(), whole.warnings.size()) << name;
    for (size_t k = 0; k < warnings.size(); ++k) EXPECT_EQ(warnings[k].message, whole.warnings[k].message);
  }
}

TEST(IngestXlsxStream, ScanningAPartBeforeStreamingItCountsItOnceTowardTheTotal) {
  std::string rows;
  for (int r = 1; r <= 2000; ++r) rows += "<row r=\"" + std::to_string(r) + "\">" + c("A" + std::to_string(r), "12345") + "</row>";
  Xlsx x = Xlsx::basic(rows);
  uint64_t total = 0;
  for (auto& p : x.parts) total += p.second.size();
  TempXlsx f(x);
  ReadLimits limits;
  limits.max_total_uncompressed = total + 100;  // below twice the sheet part
  WorkbookReader reader(f.path, limits);
  size_t n = 0;
  reader.read(0, [](const std::vector<MergedRange>&, size_t) {}, [&](Row&&) { ++n; });
  EXPECT_EQ(n, 2000u);
  limits.max_total_uncompressed = total - 100;
  EXPECT_TRUE(contains(error_of([&] {
                         WorkbookReader small(f.path, limits);
                         small.read(0, [](const std::vector<MergedRange>&, size_t) {}, [](Row&&) {});
                       }),
                       "解压"));
}

TEST(IngestXlsxStream, SheetsNotAskedForAreStillCheckedAndWarnedAbout) {
  Xlsx x = Xlsx::basic("<row r=\"1\">" + c("A1", "1") + "</row>");
  x.set("xl/workbook.xml", "<workbook xmlns=\"" + kMain + "\" xmlns:r=\"" + kR +
                               "\"><sheets><sheet name=\"数据\" r:id=\"rId1\"/><sheet name=\"备用\" state=\"hidden\" "
                               "r:id=\"rId4\"/></sheets></workbook>");
  x.set("xl/_rels/workbook.xml.rels", rels({{"rId1", kR + "/worksheet", "worksheets/sheet1.xml"},
                                            {"rId4", kR + "/worksheet", "worksheets/sheet2.xml"},
                                            {"rId2", kR + "/styles", "styles.xml"}}));
  x.set("xl/worksheets/sheet2.xml", Xlsx::sheet("<row r=\"1\">" + c("A1", "2") + "</row>"));
  {
    TempXlsx f(x);
    WorkbookReader reader(f.path);
    streamed(reader, 0);
    EXPECT_TRUE(reader.warnings().empty());
    reader.read_rest();
    ASSERT_EQ(reader.warnings().size(), 1u);
    EXPECT_EQ(reader.warnings()[0].where.sheet, "备用");
  }
  x.set("xl/worksheets/sheet2.xml", Xlsx::sheet("<row r=\"1\"><c r=\"1A\"><v>2</v></c></row>"));
  TempXlsx broken(x);
  WorkbookReader reader(broken.path);
  streamed(reader, 0);
  EXPECT_TRUE(contains(error_of([&] { reader.read_rest(); }), "单元格地址"));
}
