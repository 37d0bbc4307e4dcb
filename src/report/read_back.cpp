// Reading a written workbook back: libxlsxwriter does not check every write of its
// temporary parts (bench/README.md, patch 4), so a failed write can leave a valid zip
// whose parts lack elements or are cut short. Parsing every part and comparing the
// cells with what was meant to be in them finds that.
#include <cmath>
#include <map>

#include "ingest/workbook.h"
#include "report/xlsx_table.h"

namespace tws::report {
namespace {

using Cells = std::map<std::pair<uint32_t, uint32_t>, ingest::Cell>;

// What a cell written from `v` reads back as, or why it does not.
std::string mismatch(const Value& v, const ingest::Cell* c) {
  const bool blank = !c || c->empty();
  if (auto* s = std::get_if<std::string>(&v)) {
    const std::string want = cell_text(*s);
    if (want.empty()) return blank ? "" : "应为空";
    return c && c->type == ingest::CellType::String && c->text == want ? "" : "文字不符";
  }
  double want = 0;
  if (auto* d = std::get_if<double>(&v)) want = *d;
  else if (auto* f = std::get_if<Formula>(&v)) want = f->cached;
  else if (auto* dt = std::get_if<Date>(&v); dt && dt->ok()) {
    auto day = c ? (c->type == ingest::CellType::Date ? ingest::day_of(c->date) : ingest::serial_day(c->number))
                 : std::nullopt;
    return day && *day == *dt ? "" : "日期不符";
  } else {
    return blank ? "" : "应为空";
  }
  if (!c || c->type != ingest::CellType::Number) return "应为数值";
  return std::abs(c->number - want) <= 1e-9 * std::max(1.0, std::abs(want)) ? "" : "数值不符";
}

// The first difference between table `t` and the cells read back from its sheet.
std::string compare_table(const TableSheet& t, const Cells& cells) {
  auto at = [&](uint32_t r, uint32_t c) -> const ingest::Cell* {
    auto it = cells.find({r, c});
    return it == cells.end() ? nullptr : &it->second;
  };
  const uint32_t ncols = static_cast<uint32_t>(std::max<size_t>(t.columns.size(), 1));
  const uint32_t end = t.totals_row() + (t.totals.empty() ? 0 : 1);
  size_t expected = 0;
  for (uint32_t r = 0; r < end; ++r)
    for (uint32_t c = 0; c < ncols; ++c) {
      Value scratch;
      const Value none;
      // An ungrouped column's header spans both header rows: its text is in the upper one.
      const bool lower_of_merge = t.grouped() && r == t.last_header_row() && c < t.columns.size() &&
                                  t.columns[c].group.empty();
      const Value* v = lower_of_merge ? nullptr : value_at(t, r, c, scratch);
      if (std::string why = mismatch(v ? *v : none, at(r, c)); !why.empty())
        return t.name + "!" + cell_ref(r, c) + "：" + why;
      if (at(r, c)) ++expected;
    }
  uint32_t row = end + 1;  // one blank row, then the notes
  for (const auto& n : t.notes) {
    if (std::string why = mismatch(Value(n), at(row, 0)); !why.empty()) return t.name + "!" + cell_ref(row, 0) + "：" + why;
    ++row, ++expected;
  }
  return cells.size() == expected ? "" : t.name + "：有多余的单元格";
}

}  // namespace

std::string compare_workbook(const std::filesystem::path& file, const std::vector<Sheet>& sheets) {
  ingest::WorkbookReader back(file);
  back.check_xml_parts(true);  // libxlsxwriter begins every part with one
  const std::vector<std::string> names = back.sheet_names();
  if (names.size() != sheets.size()) return "工作表数量不符";
  for (size_t i = 0; i < sheets.size(); ++i) {
    const std::string& name = std::visit([](const auto& s) -> const std::string& { return s.name; }, sheets[i]);
    if (names[i] != name) return "工作表“" + names[i] + "”应为“" + name + "”";
    Cells cells;
    back.read(i, [](const std::vector<ingest::MergedRange>&, size_t) {},
              [&](ingest::Row&& r) {
                for (uint32_t c = 0; c < r.cells.size(); ++c)
                  if (!r.cells[c].empty()) cells.emplace(std::pair{r.index, c}, std::move(r.cells[c]));
              });
    if (auto* t = std::get_if<TableSheet>(&sheets[i])) {
      if (std::string d = compare_table(*t, cells); !d.empty()) return d;
    }
  }
  return "";
}

}  // namespace tws::report
