// Cell values as HR types them, parsed into typed values. Each parser returns the
// value or a plain Chinese reason; the caller attaches the cell's location.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/diagnostic.h"
#include "ingest/workbook.h"

namespace tws::records {

template <class T>
struct Parsed {
  std::optional<T> value;
  std::string reason;  // why there is no value ("" when the cell is empty)
  static Parsed ok(T v) { return {std::move(v), {}}; }
  static Parsed fail(std::string why) { return {std::nullopt, std::move(why)}; }
  static Parsed none() { return {}; }
};

// Skill level ordinal (SPEC §2 "Qualification levels"): 一级 is the highest of the
// old five; 特级技师 and 首席技师 rank above it.
enum class SkillLevel {
  Unknown = 0, Level5 = 1 /*初级工*/, Level4 /*中级工*/, Level3 /*高级工*/,
  Level2 /*技师*/, Level1 /*高级技师*/, Special /*特级技师*/, Chief /*首席技师*/
};

struct Qualification {
  SkillLevel level = SkillLevel::Unknown;
  bool needs_expert = false;  // 同等技能水平 or a 职称 in place of a certificate
  std::string label;          // canonical name, e.g. "二级/技师"
  bool at_least_technician() const { return level >= SkillLevel::Level2; }
};

// Free text (names, 说明, 工作计划 …) as kept: the user's characters (NFC; full-width
// marks stay), trimmed, inner runs of whitespace one space; full-width digits and
// Latin letters become ASCII (so ID and mobile numbers are found and masked); an
// ASCII , ; : ( ) typed between Han characters becomes ，；：（）.
std::string clean_text(std::string_view s);
// Identifier, number, date or any text compared or parsed: NFKC (full-width letters,
// digits and marks folded to ASCII), no spaces.
std::string clean_code(std::string_view s);
// Two texts that name the same thing (a person, a station, a department): equal as
// codes, so width and spacing do not matter.
bool same_text(std::string_view a, std::string_view b);

// Why cleaned text cannot be taken: a control character, or a character no document
// can show whatever the font (private use, unassigned, a noncharacter); "" otherwise.
// Whether a role font has the character (𠮷 U+20BB7 outside the BMP included) is the
// documents' check, which `tws check` runs too.
std::string unprintable_reason(std::string_view text);
// Characters (code points) of UTF-8 text.
std::size_t char_count(std::string_view text);

// A text cell as clean_text keeps it, or a number rendered without noise (12 not 12.0).
std::string cell_text(const ingest::Cell& cell);

Parsed<long long> parse_integer(const ingest::Cell& cell);      // "12", "１２", "12人", 12.0
Parsed<int> parse_rank(const ingest::Cell& cell);               // 3, "第3名", "第三名", "第十二名", "冠军"
Parsed<double> parse_score(const ingest::Cell& cell);           // 85, "85分", "８５", "82.5 分"
Parsed<double> parse_decimal(const ingest::Cell& cell);         // "80.5", "８０平方米", "1,200"
Parsed<double> parse_percent(const ingest::Cell& cell);         // 0.93, "93%", 93 → 0.93
Parsed<bool> parse_yes_no(const ingest::Cell& cell);            // 是/否, Y/N, √/×, TRUE/FALSE
Parsed<tws::Date> parse_date(const ingest::Cell& cell);            // ISO, 2026/4/15, 2026.4.15, 2026年4月15日, serial, date cell
Parsed<int> parse_year(const ingest::Cell& cell);               // 2026, "2026年", "2026.4", any date form

// Resident ID number (GB 11643-1999): 18 characters, a known province code, a real
// birth date not in the future, and the ISO 7064 MOD 11-2 check digit. A number
// cell (Excel rounded it: 3.70123E+17) is always an error.
Parsed<std::string> parse_id_number(const ingest::Cell& cell);
using ::tws::id_check_digit;  // common/diagnostic.h

// 职业资格 text to a level (SPEC §2). Never substring-matches 技师: 主管技师 is a
// medical title; 齐鲁首席技师 is an honour, not a certificate level.
Parsed<Qualification> parse_qualification(std::string_view text);

// Phone: digits, spaces, '-' and '+' with 7–15 digits.
Parsed<std::string> parse_phone(const ingest::Cell& cell);

}  // namespace tws::records
