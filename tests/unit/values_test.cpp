// Cell value parsers: the forms HR types, and the traps SPEC §2/§3 name.
#include <gtest/gtest.h>

#include "records/records.h"
#include "records/schema.h"
#include "records/values.h"

using namespace tws::records;
using tws::ingest::Cell;
using tws::ingest::CellType;

namespace {
Cell text(const std::string& s) { Cell c; c.type = CellType::String; c.text = s; return c; }
Cell number(double v, std::string fmt = "") { Cell c; c.type = CellType::Number; c.number = v; c.format = fmt; return c; }
}  // namespace

TEST(IdNumber, CheckDigitFollowsIso7064) {
  // GB 11643-1999 appendix example: 11010519491231002X.
  EXPECT_EQ(id_check_digit("11010519491231002"), 'X');
  EXPECT_EQ(id_check_digit("37140219850312003"), '5');
}

TEST(IdNumber, AcceptsValidTextAndLowercaseX) {
  auto p = parse_id_number(text("11010519491231002x"));
  ASSERT_TRUE(p.value);
  EXPECT_EQ(*p.value, "11010519491231002X");
  EXPECT_TRUE(parse_id_number(text(" 371402198503120035 ")).value);
}

TEST(IdNumber, RejectsWrongCheckDigitWithReason) {
  auto p = parse_id_number(text("110105194912310021"));
  EXPECT_FALSE(p.value);
  EXPECT_NE(p.reason.find("校验位错误（应为 X）"), std::string::npos) << p.reason;
}

TEST(IdNumber, NumberCellRoundedByExcelIsAnError) {
  auto p = parse_id_number(number(3.70123198001011e17));
  EXPECT_FALSE(p.value);
  EXPECT_NE(p.reason.find("存成了数字"), std::string::npos);
  EXPECT_NE(p.reason.find("3.70123E+17"), std::string::npos) << p.reason;
}

TEST(IdNumber, RejectsBadRegionDateLengthAndOldForm) {
  EXPECT_NE(parse_id_number(text("990105194912310021")).reason.find("行政区划"), std::string::npos);
  EXPECT_NE(parse_id_number(text("110105194902300020")).reason.find("出生日期"), std::string::npos);
  EXPECT_NE(parse_id_number(text("1101051949123100")).reason.find("18 位"), std::string::npos);
  EXPECT_NE(parse_id_number(text("110105491231002")).reason.find("15 位"), std::string::npos);
}

TEST(Qualification, SpellingsMapToOneLevel) {
  struct { const char* text; SkillLevel level; } cases[] = {
      {"技师", SkillLevel::Level2}, {"二级/技师", SkillLevel::Level2}, {"国家职业资格二级", SkillLevel::Level2},
      {"二级（技师）", SkillLevel::Level2}, {"高级技师", SkillLevel::Level1}, {"一级", SkillLevel::Level1},
      {"一级/高级技师", SkillLevel::Level1}, {"高级技师（一级）", SkillLevel::Level1}, {"特级技师", SkillLevel::Special},
      {"首席技师", SkillLevel::Chief}, {"三级/高级工", SkillLevel::Level3}, {"高级工", SkillLevel::Level3},
      {"四级", SkillLevel::Level4}, {"五级/初级工", SkillLevel::Level5}, {"职业技能等级证书 二级", SkillLevel::Level2},
  };
  for (auto& c : cases) {
    auto q = parse_qualification(c.text);
    ASSERT_TRUE(q.value) << c.text << ": " << q.reason;
    EXPECT_EQ(q.value->level, c.level) << c.text;
    EXPECT_FALSE(q.value->needs_expert) << c.text;
  }
}

TEST(Qualification, OneIsHighestOfTheOldFive) {
  EXPECT_GT(parse_qualification("一级").value->level, parse_qualification("二级").value->level);
  EXPECT_TRUE(parse_qualification("一级").value->at_least_technician());
  EXPECT_FALSE(parse_qualification("三级").value->at_least_technician());
}

TEST(Qualification, MedicalTitleAndHonoursAreNeverTechnician) {
  for (const char* s : {"主管技师", "齐鲁首席技师", "德州市首席技师", "山东省技术能手", "高级工程师", "同等技能水平"}) {
    auto q = parse_qualification(s);
    ASSERT_TRUE(q.value) << s;
    EXPECT_EQ(q.value->level, SkillLevel::Unknown) << s;
    EXPECT_TRUE(q.value->needs_expert) << s;
    EXPECT_FALSE(q.value->at_least_technician()) << s;
  }
}

TEST(Qualification, UnknownOrContradictoryIsAnError) {
  EXPECT_FALSE(parse_qualification("电工").value);
  EXPECT_NE(parse_qualification("二级/高级技师").reason.find("矛盾"), std::string::npos);
}

TEST(Numbers, FullWidthDigitsAndUnits) {
  EXPECT_EQ(*parse_integer(text("１２")).value, 12);
  EXPECT_EQ(*parse_integer(text("12人")).value, 12);
  EXPECT_EQ(*parse_integer(number(15)).value, 15);
  EXPECT_FALSE(parse_integer(number(2.5)).value);
  EXPECT_FALSE(parse_integer(text("十二")).value);
  EXPECT_DOUBLE_EQ(*parse_decimal(text("８０平方米")).value, 80);
  EXPECT_DOUBLE_EQ(*parse_decimal(text("1,200.5")).value, 1200.5);
  EXPECT_DOUBLE_EQ(*parse_decimal(text("120㎡")).value, 120);
  EXPECT_FALSE(parse_integer(text("")).value);
  EXPECT_TRUE(parse_integer(text("")).reason.empty());
}

TEST(Numbers, PercentForms) {
  EXPECT_DOUBLE_EQ(*parse_percent(text("95%")).value, 0.95);
  EXPECT_DOUBLE_EQ(*parse_percent(text("９５％")).value, 0.95);
  EXPECT_DOUBLE_EQ(*parse_percent(number(0.95, "0%")).value, 0.95);
  EXPECT_DOUBLE_EQ(*parse_percent(number(0.95)).value, 0.95);
  EXPECT_DOUBLE_EQ(*parse_percent(number(95)).value, 0.95);
  EXPECT_FALSE(parse_percent(text("很高")).value);
}

TEST(Dates, FormsHrTypes) {
  for (const char* s : {"2026-04-15", "2026/4/15", "2026.4.15", "2026年4月15日", "２０２６．４．１５", "20260415"}) {
    auto d = parse_date(text(s));
    ASSERT_TRUE(d.value) << s << ": " << d.reason;
    EXPECT_EQ(tws::iso(*d.value), "2026-04-15") << s;
  }
  EXPECT_EQ(tws::iso(*parse_date(number(46127)).value), "2026-04-15");  // Excel serial
  EXPECT_EQ(tws::iso(*parse_date(number(36526)).value), "2000-01-01");
  EXPECT_FALSE(parse_date(text("2026-02-30")).value);
  EXPECT_NE(parse_date(text("下周一")).reason.find("无法识别"), std::string::npos);
}

TEST(Dates, DateCellsGiveTheirDayAndSerialsTheirWholeDays) {
  Cell date;
  date.type = CellType::Date;
  date.date = {2026, 4, 15, 8, 30, 0, true, true};
  EXPECT_EQ(tws::iso(*parse_date(date).value), "2026-04-15");
  date.date.has_date = false;  // a time of day only
  EXPECT_EQ(parse_date(date).reason, "只有时间，没有日期");
  EXPECT_EQ(tws::iso(*tws::ingest::serial_day(46127.75)), "2026-04-15");  // the time is dropped
  EXPECT_FALSE(tws::ingest::serial_day(60));  // Excel's fictitious 1900-02-29
}

TEST(Dates, Years) {
  EXPECT_EQ(*parse_year(text("2026年")).value, 2026);
  EXPECT_EQ(*parse_year(number(2025)).value, 2025);
  EXPECT_EQ(*parse_year(text("2023.10")).value, 2023);
  EXPECT_FALSE(parse_year(text("26")).value);
}

TEST(Ranks, FormsHrTypes) {
  for (const char* s : {"3", "３", "第3名", "第３名", "第 3 名", "第三名", "三", "3名", "季军"}) {
    auto r = parse_rank(text(s));
    ASSERT_TRUE(r.value) << s << ": " << r.reason;
    EXPECT_EQ(*r.value, 3) << s;
  }
  EXPECT_EQ(*parse_rank(number(2)).value, 2);
  EXPECT_EQ(*parse_rank(text("第十名")).value, 10);
  EXPECT_EQ(*parse_rank(text("第十二名")).value, 12);
  EXPECT_EQ(*parse_rank(text("第二十名")).value, 20);
  EXPECT_EQ(*parse_rank(text("第二十三名")).value, 23);
  EXPECT_EQ(*parse_rank(text("冠军")).value, 1);
  EXPECT_TRUE(parse_rank(text(" ")).reason.empty());
  for (const char* s : {"一等奖", "第名", "0", "第一十名", "第三三名", "2.5", "十十"})
    EXPECT_EQ(parse_rank(text(s)).reason,
              std::string("名次“") + s + "”无法识别：请填写名次，如 3、第3名 或 第三名") << s;
}

TEST(Scores, UnitsAndFullWidthDigits) {
  for (const char* s : {"85", "85分", "85 分", "８５", "８５分"}) {
    auto v = parse_score(text(s));
    ASSERT_TRUE(v.value) << s << ": " << v.reason;
    EXPECT_DOUBLE_EQ(*v.value, 85) << s;
  }
  EXPECT_DOUBLE_EQ(*parse_score(text("82.5分")).value, 82.5);
  EXPECT_DOUBLE_EQ(*parse_score(number(91)).value, 91);
  EXPECT_EQ(parse_score(text("优")).reason, "“优”不是分数（填数字，如 85 或 85分）");
  EXPECT_FALSE(parse_score(text("85平方米")).value);
}

TEST(Dates, YearsFromEveryDateForm) {
  for (const char* s : {"2026", "2026年", "２０２６年", "2026年度", "2026-04-15", "2026/4/15", "2026.4.15",
                        "2026年4月15日", "20260415", "2026年4月", "2026.4"}) {
    auto y = parse_year(text(s));
    ASSERT_TRUE(y.value) << s << ": " << y.reason;
    EXPECT_EQ(*y.value, 2026) << s;
  }
  Cell date;
  date.type = CellType::Date;
  date.date = {2026, 4, 15, 0, 0, 0, true, false};
  EXPECT_EQ(*parse_year(date).value, 2026);
  EXPECT_EQ(parse_year(text("2026-02-30")).reason, "年份“2026-02-30”无法识别（写 4 位年份，如 2026 或 2026年）");
}

TEST(YesNo, Forms) {
  EXPECT_TRUE(*parse_yes_no(text("是")).value);
  EXPECT_FALSE(*parse_yes_no(text("否")).value);
  EXPECT_TRUE(*parse_yes_no(text("√")).value);
  EXPECT_FALSE(parse_yes_no(text("也许")).value);
}

TEST(FreeText, TrimsAndCollapsesSpaces) {
  EXPECT_EQ(clean_text("  数控\u3000加工  技师 "), "数控 加工 技师");
  EXPECT_EQ(clean_text("\u200b张\u00a0 三\ufeff"), "张 三");
}

// Issue 18: free text prints what the user typed; NFKC is for codes and numbers.
TEST(FreeText, KeepsFullWidthMarks) {
  EXPECT_EQ(clean_text("激励制度；独立承担"), "激励制度；独立承担");
  EXPECT_EQ(clean_text("…建设”（2021年）；"), "…建设”（2021年）；");
  EXPECT_EQ(clean_text("固定工作场所，每年配套经费4万元：见附件"), "固定工作场所，每年配套经费4万元：见附件");
  EXPECT_EQ(clean_text("e\u0301"), "\u00e9");  // NFC: one character as typed, not two
}

TEST(FreeText, AsciiMarksBetweenHanBecomeFullWidth) {
  EXPECT_EQ(clean_text("激励制度;独立承担"), "激励制度；独立承担");
  EXPECT_EQ(clean_text("固定场所,每年经费:4万元"), "固定场所，每年经费:4万元");
  EXPECT_EQ(clean_text("工作站(筹)"), "工作站（筹）");
  EXPECT_EQ(clean_text("建设(2021年)"), "建设（2021年）");
  EXPECT_EQ(clean_text("(一)制度"), "（一）制度");
  EXPECT_EQ(clean_text("数控(CNC)加工"), "数控（CNC）加工");
}

// Digits and letters fold, so a full-width ID or mobile number in public text is found.
TEST(FreeText, FullWidthDigitsAndLettersBecomeAscii) {
  EXPECT_EQ(clean_text("ＣＮＣ加工　３台，ｘ"), "CNC加工 3台，x");
  EXPECT_NE(tws::sensitive_number(clean_text("联系１３８１２３４５６７８")), "");
}

TEST(FreeText, OtherAsciiMarksStay) {
  EXPECT_EQ(clean_text("Python(3.10), C++; ok: yes"), "Python(3.10), C++; ok: yes");
  EXPECT_EQ(clean_text("2021,2022"), "2021,2022");
  EXPECT_EQ(clean_text("设备1台, 总值"), "设备1台, 总值");  // a space after the comma: not between Han
  EXPECT_EQ(clean_text("工作站(筹"), "工作站(筹");         // no pair, no change
  EXPECT_EQ(clean_text("(A) 数控 (B)"), "(A) 数控 (B)");
}

TEST(Codes, StillNormalised) {
  EXPECT_EQ(clean_code(" ２０２６－０１ "), "2026-01");
  EXPECT_EQ(clean_code("第四条（一）"), "第四条(一)");
  EXPECT_EQ(clean_code("ＡＢ １２３"), "AB123");
  EXPECT_EQ(*parse_rank(text("第３名")).value, 3);
  EXPECT_EQ(*parse_score(text("８５分")).value, 85);
  EXPECT_EQ(normalize_header("职业 （工种）*\n"), "职业(工种)");
  EXPECT_EQ(normalize_clause("第四条 (一)"), "第四条（一）");
}

TEST(Codes, SameTextIgnoresWidthAndSpaces) {
  EXPECT_TRUE(same_text("数控（CNC）工作站", "数控(ＣＮＣ)工作站"));
  EXPECT_TRUE(same_text("张 三", "张三"));
  EXPECT_FALSE(same_text("张三", "张山"));
}

// 申报编号: 年度-序号 with a 2–5 digit serial (issue 15: 2024/08 and 2024_08 made one file name).
TEST(ApplicationId, OneDocumentedForm) {
  EXPECT_EQ(check_application_id("2026-01"), "");
  EXPECT_EQ(check_application_id("2026-10000"), "");
  for (const char* bad : {"2024/08", "2024_08", "2026-1", "26-01", "2026-01a", "2026-123456", ""})
    EXPECT_NE(check_application_id(bad).find("格式不对"), std::string::npos) << bad;
}

TEST(Printable, ControlAndUnprintableCharactersNamed) {
  EXPECT_EQ(unprintable_reason("数控加工技师工作站 No.1"), "");
  EXPECT_NE(unprintable_reason("数控\x07加工").find("控制字符（U+0007）"), std::string::npos);
  EXPECT_NE(unprintable_reason("a\xc2\x85" "b").find("U+0085"), std::string::npos);            // C1 control
  EXPECT_EQ(unprintable_reason("赵\xf0\xa0\x80\x80"), "");  // outside the BMP: up to the fonts
  EXPECT_NE(unprintable_reason("\xee\x80\x80").find("U+E000"), std::string::npos);         // private use
  EXPECT_NE(unprintable_reason("\xef\xbf\xbf").find("U+FFFF"), std::string::npos);         // noncharacter
  EXPECT_EQ(char_count("站站a"), 3u);
}

TEST(LengthLimits, EveryTextColumnHasOne) {
  for (auto& f : input_files())
    for (auto& sh : f.sheets)
      for (auto& c : sh.columns)
        if (c.type == FieldType::Text || c.type == FieldType::Code) {
          EXPECT_GT(c.max_chars, 0u) << sh.name << c.name;
        }
  EXPECT_EQ(input_file("applications.xlsx").sheets[0].column("工作站名称")->max_chars, 50u);
  EXPECT_EQ(input_file("applications.xlsx").sheets[0].column("领办人")->max_chars, 20u);
}
