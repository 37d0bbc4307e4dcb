// Reading a written workbook back: libxlsxwriter does not check every write of its
// temporary parts (bench/README.md, patch 4), so a failed write can leave a valid zip
// whose parts lack elements or are cut short. Parsing every part and comparing the
// cells with what was meant to be in them finds that.
#include <cmath>
#include <algorithm>

#include "ingest/workbook.h"
#include "report/xlsx_table.h"

namespace tws::report {
namespace {

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

// Compares the rows of one table's sheet, as they are read (ascending, blank rows
// left out), with what was written: title, headers, data, totals, then the notes
// after one blank row. Only one row is held at a time.
class TableCheck {
 public:
  explicit TableCheck(const TableSheet& t)
      : t_(t), ncols_(static_cast<uint32_t>(std::max<size_t>(t.columns.size(), 1))),
        notes_(t.totals_row() + (t.totals.empty() ? 0 : 1) + 1) {}

  void row(const ingest::Row& r) {
    blank_until(r.index);
    const uint32_t n = std::max(ncols_, static_cast<uint32_t>(r.cells.size()));
    for (uint32_t c = 0; c < n; ++c) {
      const ingest::Cell* cell = c < r.cells.size() && !r.cells[c].empty() ? &r.cells[c] : nullptr;
      compare(r.index, c, cell);
    }
    next_ = std::max(next_, r.index + 1);
  }
  // The first difference, once every row has been read.
  std::string finish() {
    blank_until(notes_ + static_cast<uint32_t>(t_.notes.size()));
    return diff_;
  }

 private:
  void blank_until(uint32_t row) {
    for (; next_ < row; ++next_)
      for (uint32_t c = 0; c < ncols_; ++c) compare(next_, c, nullptr);
  }
  void compare(uint32_t r, uint32_t c, const ingest::Cell* cell) {
    if (!diff_.empty()) return;
    Value scratch;
    const Value none;
    const Value* v = nullptr;
    if (r >= notes_) {
      if (c == 0 && r - notes_ < t_.notes.size()) v = &(scratch = t_.notes[r - notes_]);
    } else if (!(t_.grouped() && r == t_.last_header_row() && c < t_.columns.size() && t_.columns[c].group.empty())) {
      v = value_at(t_, r, c, scratch);  // (an ungrouped column's header is in the upper header row only)
    }
    if (std::string why = mismatch(v ? *v : none, cell); !why.empty()) diff_ = t_.name + "!" + cell_ref(r, c) + "：" + why;
  }

  const TableSheet& t_;
  const uint32_t ncols_, notes_;
  uint32_t next_ = 0;
  std::string diff_;
};

}  // namespace

std::string compare_workbook(const std::filesystem::path& file, const std::vector<Sheet>& sheets) {
  ingest::WorkbookReader back(file);
  back.check_xml_parts(true);  // libxlsxwriter begins every part with one
  const std::vector<std::string> names = back.sheet_names();
  if (names.size() != sheets.size()) return "工作表数量不符";
  for (size_t i = 0; i < sheets.size(); ++i) {
    const std::string& name = std::visit([](const auto& s) -> const std::string& { return s.name; }, sheets[i]);
    if (names[i] != name) return "工作表“" + names[i] + "”应为“" + name + "”";
    auto* t = std::get_if<TableSheet>(&sheets[i]);
    if (!t) continue;  // a chart sheet: its parts were parsed above
    TableCheck check(*t);
    back.read(i, [](const std::vector<ingest::MergedRange>&, size_t) {}, [&](ingest::Row&& r) { check.row(r); });
    if (std::string d = check.finish(); !d.empty()) return d;
  }
  return "";
}

}  // namespace tws::report
