// The input spreadsheets of SPEC §3: for each file its sheets, for each sheet its
// columns with the header aliases HR actually types, the value type and whether
// the column must be present. Ingestion, validation and `tws template` all read
// this one table, so a header added here is accepted and written everywhere.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tws::records {

enum class FieldType {
  Text,           // free text
  Code,           // identifier such as 申报编号: trimmed, NFKC, no inner spaces
  Integer,        // count of people/items; full-width digits and units like "12人" accepted
  Rank,           // a placing: 3, 第3名, 第三名
  Decimal,        // e.g. area in m², amount in 万元
  Percent,        // 0.93, 93%, 93 → 0.93
  Score,          // 0–100 (or the range the column states); "85分" accepted
  YesNo,          // 是/否
  Date,           // 2026-04-15, 2026/4/15, 2026.4.15, 2026年4月15日, serials
  Year,           // 2026, 2026年; a whole date (any Date form) gives its year
  IdNumber,       // 18-digit resident ID (GB 11643), never a number
  Phone,          // contact phone: private, never printed in public documents
  Qualification,  // 职业资格 text, normalised to a level
  Choice,         // one of `choices`
};

struct ColumnSpec {
  std::string name;                  // canonical header, as `tws template` writes it
  std::vector<std::string> aliases;  // other headers accepted (compared normalised)
  FieldType type = FieldType::Text;
  bool required = true;              // the column must exist in the sheet
  bool value_required = false;       // every data row must fill it
  std::vector<std::string> choices;  // for Choice
  std::string hint;                  // one line for the instructions sheet
  std::size_t max_chars = 0;         // longest value accepted, in characters (0: no limit)
};

struct SheetSpec {
  std::string name;
  std::vector<std::string> aliases;
  std::vector<ColumnSpec> columns;
  bool optional = false;  // a workbook without this sheet is read without a word
  const ColumnSpec* column(std::string_view name) const;
};

struct FileSpec {
  std::string file;        // e.g. "applications.xlsx"; a .csv of the same stem is accepted too
  std::string title;       // e.g. "技师工作站申报汇总"
  std::vector<SheetSpec> sheets;
  const SheetSpec* sheet(std::string_view name) const;
};

// The four input workbooks, in the order of the year's process.
const std::vector<FileSpec>& input_files();
const FileSpec& input_file(std::string_view file);

// The format of a 申报编号: the year, a hyphen and a serial of 2–5 digits (2026-01).
// Empty when `id` has it; else why not, in words for the user.
std::string check_application_id(std::string_view id);

// Header text as compared: NFKC, whitespace and line breaks removed, full-width
// brackets folded to ASCII, so "职业 （工种）\n" equals "职业(工种)".
std::string normalize_header(std::string_view header);

}  // namespace tws::records
