// The 专家评分表 of 第五条（三）(“组织人事处组织专家进行评审”) as cells: `tws review-sheets`
// writes one per expert (src/input_template/review_sheets.cpp) and the select phase
// reads the returned ones from input/<year>/reviews/. One layout serves both, so a
// returned sheet is compared cell by cell with the one written for its expert.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "common/diagnostic.h"
#include "config/settings.h"
#include "records/records.h"

namespace tws::records {

inline constexpr const char* kReviewSheetName = "专家评分";  // the sheet the expert fills
inline constexpr const char* kReviewInfoName = "评分表信息";  // hidden: the sheet's id, year and expert
inline constexpr const char* kReviewGuideName = "填写说明";

// One eligible application as the sheets list it.
struct ReviewEntry {
  std::string id, station, department, leader;
  std::string result;  // the 资格审查 summary, e.g. 符合条件（第4项提示）
  std::string hints;   // the 提示 items, one a line ("4 固定工作场所……")
};

// One expert's sheet, everything but the scores.
struct ReviewSheet {
  int year = 0;
  std::string institution;
  std::string expert;
  std::vector<ReviewEntry> entries;
  std::vector<config::ReviewItem> items;  // [review] criteria; empty: one 评分 column
  double score_min = 0, score_max = 100;
  // The year, then 12 hex digits of the SHA-256 over the year, the expert and every
  // pre-filled value: a sheet written for another list (or items, or range) has another id.
  std::string id;
};
ReviewSheet make_review_sheet(int year, const std::string& expert, std::vector<ReviewEntry> entries,
                              const config::Settings& s);

enum class ReviewCellKind {
  Title, Label, Header, Text, Number,  // pre-filled, locked
  Score,                               // the expert's score (or one item's), unlocked
  Total,                               // with items: their sum, by formula
  Opinion,                             // 评审意见, unlocked, may stay empty
  Signature,
};

// One cell of the sheet 专家评分, 0-based. `text` is what a reader shows (a Number's
// digits); a Score cell's bounds are `low`–`high`; a Total sums `items` cells left of it.
struct ReviewCell {
  uint32_t row = 0, col = 0;
  ReviewCellKind kind = ReviewCellKind::Text;
  std::string text;
  double number = 0;
  double low = 0, high = 0;
};

// Columns: 序号 申报编号 工作站名称 所在部门 领办人 资格审查 提示事项, one per item, 评分 (or
// 合计), 评审意见. Rows: title, the expert and id, the header, one per entry, a blank
// row, the signature line.
inline constexpr uint32_t kReviewHeaderRow = 2, kReviewFirstEntryRow = 3, kReviewFirstItemCol = 7;
uint32_t review_score_col(const ReviewSheet& s);  // 评分, or 合计 with items
uint32_t review_columns(const ReviewSheet& s);    // how many columns
std::vector<ReviewCell> review_cells(const ReviewSheet& s);
// The hidden sheet 评分表信息: label and value a row.
std::vector<std::pair<std::string, std::string>> review_info(const ReviewSheet& s);

// Reads one file as a 专家评分表 with the ingest reader: its id and expert, every cell,
// and the scores (each checked: a number within its bounds, the items' sum within
// [selection] score_min–score_max, a 合计 the sum of its items); nothing when it is no
// such sheet. Problems go to `diags` at their cell; `sha256` gets the bytes' hash.
std::optional<ReturnedSheet> read_returned_sheet(const std::filesystem::path& file, const config::Settings& s,
                                                 Diagnostics& diags, std::string& sha256);

// input/<year>/reviews/ (the returned sheets, every .xlsx or .xlsm but hidden files and
// Excel's ~$ lock files): each sheet of a year other than in.year, of an expert not in
// [review] experts, or a second one of an expert is an error; the others' scores join
// in.reviews in the order of [review] experts. Fills in.returned, in.returned_files.
void read_returned_sheets(YearInput& in, const config::Settings& s, Diagnostics& diags);

// How a returned sheet differs from `expected` (the sheet written for its expert now):
// another id (the list, the items or the range changed since, or the id was edited),
// else each pre-filled cell changed or cell filled outside the score and opinion cells.
void compare_returned(const ReturnedSheet& got, const ReviewSheet& expected, Diagnostics& diags);

}  // namespace tws::records
