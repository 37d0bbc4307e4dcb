#include "records/sheet_table.h"

#include <algorithm>

namespace tws::records {
namespace {

// The text shown at (row, col) of the top rows: the cell's own, or a merged range's
// top-left (which is at or above it, so among them too).
std::string shown_text(const std::vector<ingest::Row>& rows, const std::vector<ingest::MergedRange>& merged,
                       uint32_t row, uint32_t col) {
  auto text_at = [&](uint32_t r, uint32_t c) -> std::string {
    for (auto& rw : rows) {
      if (rw.index == r) {
        const ingest::Cell* cell = rw.at(c);
        return cell && cell->type == ingest::CellType::String ? cell->text : std::string();
      }
      if (rw.index > r) break;
    }
    return {};
  };
  std::string own = text_at(row, col);
  if (!own.empty()) return own;
  for (auto& m : merged)
    if (row >= m.first_row && row <= m.last_row && col >= m.first_col && col <= m.last_col)
      return text_at(m.first_row, m.first_col);
  return {};
}

const ColumnSpec* match_column(const SheetSpec& spec, const std::string& header) {
  std::string h = normalize_header(header);
  if (h.empty()) return nullptr;
  for (auto& c : spec.columns) {
    if (normalize_header(c.name) == h) return &c;
    for (auto& a : c.aliases)
      if (normalize_header(a) == h) return &c;
  }
  return nullptr;
}

bool blank(const ingest::Row& row) {
  for (auto& c : row.cells)
    if (!c.empty() && !(c.type == ingest::CellType::String && c.text.find_first_not_of(" \t\r\n") == std::string::npos))
      return false;
  return true;
}

}  // namespace

SheetTable::SheetTable(const ingest::Sheet& sheet, const SheetSpec& spec, std::string file, Diagnostics& diags)
    : SheetTable(sheet.name,
                 std::vector<ingest::Row>(sheet.rows.begin(),
                                          sheet.rows.begin() + std::min(sheet.rows.size(), kHeaderSearchRows)),
                 sheet.merged, spec, std::move(file), diags) {}

SheetTable::SheetTable(std::string sheet, const std::vector<ingest::Row>& top,
                       const std::vector<ingest::MergedRange>& merged, const SheetSpec& spec, std::string file,
                       Diagnostics& diags)
    : sheet_(std::move(sheet)), file_(std::move(file)) {
  // Pick the row where most headers match; ties go to the lower row (sub-headers
  // under a merged group header).
  size_t best_hits = 0;
  uint32_t best_row = 0;
  std::map<std::string, uint32_t> best_columns;
  for (size_t i = 0; i < top.size() && i < kHeaderSearchRows; ++i) {
    const ingest::Row& row = top[i];
    uint32_t width = static_cast<uint32_t>(row.cells.size());
    for (auto& m : merged) width = std::max(width, m.last_col + 1);
    std::map<std::string, uint32_t> cols;
    size_t hits = 0;
    for (uint32_t c = 0; c < width; ++c) {
      const ColumnSpec* spec_col = match_column(spec, shown_text(top, merged, row.index, c));
      if (!spec_col) continue;
      if (cols.count(spec_col->name)) {
        if (hits >= best_hits) {
          diags.error({file_, sheet_, static_cast<int>(row.index) + 1, static_cast<int>(c) + 1},
                      "表头“" + spec_col->name + "”出现了两次");
        }
        continue;
      }
      cols[spec_col->name] = c;
      ++hits;
    }
    if (hits > 0 && hits >= best_hits) {
      best_hits = hits;
      best_row = row.index;
      best_columns = std::move(cols);
    }
  }
  size_t required = 0;
  for (auto& c : spec.columns) required += c.required;
  if (best_hits == 0 && required > 0) {
    diags.error({file_, sheet_}, "找不到表头行：前 " + std::to_string(kHeaderSearchRows) +
                                          " 行中没有“" + spec.columns.front().name + "”等列名");
    return;
  }
  columns_ = std::move(best_columns);
  bool missing = false;
  for (auto& c : spec.columns) {
    if (c.required && !columns_.count(c.name)) {
      diags.error({file_, sheet_, static_cast<int>(best_row) + 1}, "缺少列“" + c.name + "”");
      missing = true;
    }
  }
  header_row_ = best_row;
  usable_ = !missing;
  for (auto& m : merged)
    if (m.first_row > header_row_ && m.last_row > m.first_row) data_merges_.push_back(m);
}

bool SheetTable::is_data(const ingest::Row& row) const { return row.index > header_row_ && !blank(row); }

const ingest::Cell& SheetTable::cell(const ingest::Row& row, const std::string& column) const {
  static const ingest::Cell empty;
  auto it = columns_.find(column);
  if (it == columns_.end()) return empty;
  const ingest::Cell* c = row.at(it->second);
  return c ? *c : empty;
}

bool SheetTable::merged_from_above(const ingest::Row& row, const std::string& column) const {
  auto it = columns_.find(column);
  if (it == columns_.end()) return false;
  for (auto& m : data_merges_)
    if (row.index > m.first_row && row.index <= m.last_row && it->second >= m.first_col && it->second <= m.last_col)
      return true;
  return false;
}

Location SheetTable::where(const ingest::Row& row, const std::string& column) const {
  auto it = columns_.find(column);
  int col = it == columns_.end() ? 0 : static_cast<int>(it->second) + 1;
  return {file_, sheet_, static_cast<int>(row.index) + 1, col};
}

}  // namespace tws::records
