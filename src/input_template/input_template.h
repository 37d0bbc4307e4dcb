// `tws template`: blank input workbooks (SPEC §3) written from the input schema
// (src/records/schema.cpp), so the headers HR fills in are exactly the ones the
// reader expects.
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tws::template_writer {

// Writes applications.xlsx, reviews.xlsx, objections.xlsx and performance.xlsx into
// `dir` (created if missing), each atomically. Every workbook has, in order:
//   填写说明  the prose of `templates_dir/input/填写说明.txt` for that workbook, then a
//            table of each sheet's columns (required or not, format, choices, hint);
//   one sheet per SheetSpec  the canonical headers (bold, filled, frozen), 宋体 cells,
//            ID/code/phone columns as text ("@") in rows 2..1001, drop-down lists;
//   _lists   (hidden, only when needed) drop-down lists too long to write inline.
// Same schema and text file → byte-identical files (fixed document dates).
// An existing file of those names is never overwritten unless `force` (then only a
// regular file): InputError naming it, before anything is written.
// Throws std::runtime_error when the text file is missing or a file cannot be written.
void write_input_templates(const std::filesystem::path& dir,
                           const std::filesystem::path& templates_dir, bool force = false);

// One of those workbooks (`file_name`: "applications.xlsx", …) written to `target`
// (the caller writes it atomically): the 启动申报通知's attachment. Throws
// std::runtime_error when the text file is missing or `target` cannot be written.
void write_input_template(const std::filesystem::path& target, const std::filesystem::path& templates_dir,
                          const std::string& file_name);

// A station in term, a row of the pre-filled performance.xlsx.
struct StationRow {
  std::string code, application_id, name, leader, department;
};
// An application of the year's 公示名单, a row of the pre-filled objections.xlsx.
struct PublicizedRow {
  std::string application_id, name, department, leader;
};

// performance.xlsx for `year` written to `target` (the caller writes it atomically): one
// row per station, 工作站编号, 申报编号, 工作站名称, 领办人, 所在部门 (the last two for
// checking; the reader ignores them) and 考核年度 filled and locked by sheet protection
// (no password), the other cells of those rows unlocked with the template's
// validations. Its 填写说明 takes the performance section of
// `templates_dir/input/预填说明.txt` (the scoring rules, with `vars`: the year's
// [assessment] settings as "assessment.key" → value) in place of 填写说明.txt's own.
void write_prefilled_performance(const std::filesystem::path& target, const std::filesystem::path& templates_dir,
                                 int year, const std::vector<StationRow>& rows,
                                 const std::map<std::string, std::string>& vars);
// objections.xlsx for `year` written to `target`: the sheet 公示异议 as in the blank
// template but for its 申报编号, a drop-down of the 公示名单, and the sheet 公示名单 (the
// rows, locked) that the drop-down lists. 填写说明 as above, with 预填说明.txt's
// objections section.
void write_prefilled_objections(const std::filesystem::path& target, const std::filesystem::path& templates_dir,
                                int year, const std::vector<PublicizedRow>& rows,
                                const std::map<std::string, std::string>& vars);

// reviews.xlsx (or reviews.csv) as read, written to `target` as an .xlsx with `rows`
// (申报编号, 条款, 结论, 说明) appended to its 资格核实 sheet (added when missing): the
// findings HR enters on the web page go to the sheet the CLI reads. The other sheets
// keep their cell values, number formats, merged ranges and hidden state (not their
// fonts or widths); a CSV becomes the sheet 专家评分. Throws InputError when `reviews`
// cannot be read, std::runtime_error when `target` cannot be written.
void add_verifications(const std::filesystem::path& reviews, const std::vector<std::vector<std::string>>& rows,
                       const std::filesystem::path& target);

// Column width in Excel character units for `text`: ~2.1 per CJK or full-width
// character, ~1.1 per other character (宋体 11 pt). Shared with the sample generator.
double display_width(std::string_view text);

}  // namespace tws::template_writer
