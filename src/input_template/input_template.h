// `tws template`: blank input workbooks (SPEC §3) written from the input schema
// (src/records/schema.cpp), so the headers HR fills in are exactly the ones the
// reader expects.
#pragma once
#include <filesystem>
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
