// `tws review-sheets`: one expert's 专家评分表 (第五条（三）) as a workbook, laid out by
// records/review_sheet.h so the select phase can read it back and compare it.
#pragma once
#include <filesystem>

#include "records/review_sheet.h"

namespace tws::template_writer {

// Writes `sheet` to `target` (the caller writes it atomically):
//   专家评分   A4 landscape, one page wide; every cell locked (sheet protection without
//             a password) but the score and 评审意见 cells; scores validated against
//             their bounds; with items, the 合计 by formula (its value 0 saved with it);
//   填写说明   the text of `templates_dir/input/专家评分表填写说明.txt` with the sheet's
//             {年度} {专家} {评分表编号} {申报项数} {评分项} {评分范围} filled in;
//   评分表信息 hidden: the id, year and expert the select phase matches a return by.
// Same sheet and text → the same bytes. Throws std::runtime_error when the text file is
// missing or `target` cannot be written.
void write_review_sheet(const std::filesystem::path& target, const std::filesystem::path& templates_dir,
                        const records::ReviewSheet& sheet);

}  // namespace tws::template_writer
