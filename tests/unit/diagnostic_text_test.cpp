// What a message may show (issue 15, items 14 and 15): ID numbers masked, control
// characters escaped; what a public text may not hold (ID and mobile numbers).
#include <gtest/gtest.h>

#include <string>

#include "common/diagnostic.h"

using tws::Diagnostic;
using tws::Severity;

TEST(DiagnosticText, IdNumbersAreMasked) {
  EXPECT_EQ(tws::mask_id_numbers("“37140219900101005X”不是整数"), "“3714**********005X”不是整数");
  EXPECT_EQ(tws::mask_id_numbers("37140219900101005x"), "3714**********005x");
  // Whatever the check character: a mistyped ID is still a person's number.
  EXPECT_EQ(tws::mask_id_numbers("ID 371402198503120036."), "ID 3714**********0036.");
  EXPECT_EQ(tws::mask_id_numbers("旧号 371402850312003"), "旧号 3714*******2003");
  // Other numbers stay: amounts, dates, 申报编号, a 19-digit run.
  for (const char* s : {"经费 20000 元", "2024-05-20", "2024-01", "1234567890123456789", "13812345678"})
    EXPECT_EQ(tws::mask_id_numbers(s), s);
}

TEST(DiagnosticText, ControlCharactersAreEscaped) {
  EXPECT_EQ(tws::escape_controls("a\x1b[2Jb\x07"), "a\\x1B[2Jb\\x07");
  EXPECT_EQ(tws::escape_controls("x\ry\x7f"), "x\\x0Dy\\x7F");
  EXPECT_EQ(tws::escape_controls("\xc2\x9b" "31m"), "\\u009B31m");  // C1 CSI
  EXPECT_EQ(tws::escape_controls("第一行\n\t第二行 ©"), "第一行\n\t第二行 ©");  // LF, TAB, U+00A9 kept
}

TEST(DiagnosticText, FormattedDiagnosticIsPrintable) {
  Diagnostic d{Severity::Error, {"in/applications.xlsx", "申报汇总", 7, 11}, "“37140219900101005X\x1b[2J”不是整数"};
  EXPECT_EQ(tws::format_diagnostic(d), "in/applications.xlsx:申报汇总!K7: “3714**********005X\\x1B[2J”不是整数");
}

TEST(DiagnosticText, SensitiveNumbersInPublicText) {
  EXPECT_EQ(tws::sensitive_number("数控加工技师工作站37140219900101005X"), "疑似身份证号 3714**********005X");
  EXPECT_EQ(tws::sensitive_number("张三 371402198503120035"), "疑似身份证号 3714**********0035");
  EXPECT_EQ(tws::sensitive_number("工程测量员13812345678"), "疑似手机号码 138****5678");
  EXPECT_EQ(tws::sensitive_number("工程测量员 138-1234-5678"), "疑似手机号码 138****5678");
  EXPECT_EQ(tws::sensitive_number("工程测量员 138 1234 5678"), "疑似手机号码 138****5678");
  // Not an ID (wrong check character), not a mobile (landline, 12 digits), ordinary text.
  for (const char* s : {"371402198503120036", "0534-2345678", "138123456789", "数控加工技师工作站",
                        "2024年山东省技术能手", "电话 12345678901"})
    EXPECT_EQ(tws::sensitive_number(s), "") << s;
}

TEST(DiagnosticText, CheckDigit) {
  EXPECT_EQ(tws::id_check_digit("11010519491231002"), 'X');
  EXPECT_EQ(tws::id_check_digit("37140219850312003"), '5');
}
