#include "report/xlsx_table.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <stdexcept>

#include "common/atomic_file.h"
#include "template/input_template.h"

namespace tws::report {
namespace {

void check(lxw_error err, const std::string& what) {
  if (err != LXW_NO_ERROR) throw std::runtime_error(what + "：" + lxw_strerror(err));
}

time_t epoch_of(const std::string& iso) {
  int y = 2024, m = 1, d = 1;
  std::sscanf(iso.c_str(), "%d-%d-%d", &y, &m, &d);
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = m - 1;
  tm.tm_mday = d;
  return timegm(&tm);
}

struct Formats {
  lxw_format *title, *header, *text, *wrap, *integer, *decimal, *score, *money, *percent;
  lxw_format *good, *bad, *amber;
};

lxw_format* base(lxw_workbook* wb, const std::string& font) {
  lxw_format* f = workbook_add_format(wb);
  format_set_font_name(f, font.c_str());
  format_set_font_size(f, 11);
  format_set_border(f, LXW_BORDER_THIN);
  format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  return f;
}

Formats make_formats(lxw_workbook* wb, const std::string& font) {
  Formats f{};
  f.title = workbook_add_format(wb);
  format_set_font_name(f.title, font.c_str());
  format_set_font_size(f.title, 16);
  format_set_bold(f.title);
  format_set_align(f.title, LXW_ALIGN_CENTER);
  format_set_align(f.title, LXW_ALIGN_VERTICAL_CENTER);
  f.header = base(wb, font);
  format_set_bold(f.header);
  format_set_bg_color(f.header, 0xDDEBF7);
  format_set_text_wrap(f.header);
  format_set_align(f.header, LXW_ALIGN_CENTER);
  f.text = base(wb, font);
  f.wrap = base(wb, font);
  format_set_text_wrap(f.wrap);
  auto num = [&](const char* code) {
    lxw_format* x = base(wb, font);
    format_set_num_format(x, code);
    return x;
  };
  f.integer = num("0");
  f.decimal = num("0.0");
  f.score = num("0.00");
  f.money = num("\"¥\"#,##0");
  f.percent = num("0%");
  auto fill = [&](uint32_t bg, uint32_t fg) {
    lxw_format* x = workbook_add_format(wb);
    format_set_bg_color(x, bg);
    format_set_font_color(x, fg);
    return x;
  };
  f.good = fill(0xC6EFCE, 0x006100);
  f.bad = fill(0xFFC7CE, 0x9C0006);
  f.amber = fill(0xFFEB9C, 0x9C5700);
  return f;
}

lxw_format* format_for(const Formats& f, ColumnKind k, bool long_text) {
  switch (k) {
    case ColumnKind::Integer: return f.integer;
    case ColumnKind::Decimal: return f.decimal;
    case ColumnKind::Score: return f.score;
    case ColumnKind::Money: return f.money;
    case ColumnKind::Percent: return f.percent;
    case ColumnKind::Text: return long_text ? f.wrap : f.text;
    default: return f.text;
  }
}

void highlight(lxw_worksheet* ws, lxw_row_t first, lxw_row_t last, lxw_col_t col, const char* value,
               lxw_format* fmt) {
  lxw_conditional_format cf{};
  cf.type = LXW_CONDITIONAL_TYPE_CELL;
  cf.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
  std::string quoted = std::string("\"") + value + "\"";
  cf.value_string = const_cast<char*>(quoted.c_str());
  cf.format = fmt;
  worksheet_conditional_format_range(ws, first, col, last, col, &cf);
}

void write_sheet(lxw_workbook* wb, const Formats& f, const TableSheet& t, const WorkbookInfo& info) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, t.name.c_str());
  if (!ws) throw std::runtime_error("无法创建工作表“" + t.name + "”");
  const lxw_col_t ncols = static_cast<lxw_col_t>(std::max<size_t>(t.columns.size(), 1));
  const lxw_row_t header_row = t.title.empty() ? 0 : 1;
  if (!t.title.empty()) {
    if (ncols > 1) worksheet_merge_range(ws, 0, 0, 0, ncols - 1, t.title.c_str(), f.title);
    else worksheet_write_string(ws, 0, 0, t.title.c_str(), f.title);
    worksheet_set_row(ws, 0, 28, nullptr);
  }
  std::vector<double> widths(t.columns.size());
  for (size_t c = 0; c < t.columns.size(); ++c) {
    worksheet_write_string(ws, header_row, static_cast<lxw_col_t>(c), t.columns[c].header.c_str(), f.header);
    widths[c] = std::max(6.0, template_writer::display_width(t.columns[c].header) + 2);
  }
  for (size_t r = 0; r < t.rows.size(); ++r) {
    lxw_row_t row = header_row + 1 + static_cast<lxw_row_t>(r);
    for (size_t c = 0; c < t.columns.size(); ++c) {
      const Column& col = t.columns[c];
      const Value& v = c < t.rows[r].size() ? t.rows[r][c] : Value{};
      lxw_col_t cc = static_cast<lxw_col_t>(c);
      if (auto* s = std::get_if<std::string>(&v)) {
        double w = template_writer::display_width(*s) + 2;
        bool long_text = w > col.max_width;
        widths[c] = std::max(widths[c], std::min(w, col.max_width));
        worksheet_write_string(ws, row, cc, s->c_str(), format_for(f, col.kind, long_text));
      } else if (auto* d = std::get_if<double>(&v)) {
        widths[c] = std::max(widths[c], 10.0);
        worksheet_write_number(ws, row, cc, *d, format_for(f, col.kind, false));
      } else {
        worksheet_write_blank(ws, row, cc, format_for(f, col.kind, false));
      }
    }
  }
  for (size_t c = 0; c < widths.size(); ++c)
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c], nullptr);
  const lxw_row_t last = header_row + static_cast<lxw_row_t>(t.rows.size());
  worksheet_freeze_panes(ws, header_row + 1, 0);
  worksheet_autofilter(ws, header_row, 0, last, ncols - 1);
  if (!t.rows.empty()) {
    for (size_t c = 0; c < t.columns.size(); ++c) {
      lxw_col_t cc = static_cast<lxw_col_t>(c);
      if (t.columns[c].kind == ColumnKind::Grade) {
        highlight(ws, header_row + 1, last, cc, "优秀", f.good);
        highlight(ws, header_row + 1, last, cc, "不合格", f.bad);
      } else if (t.columns[c].kind == ColumnKind::Verdict) {
        highlight(ws, header_row + 1, last, cc, "通过", f.good);
        highlight(ws, header_row + 1, last, cc, "不通过", f.bad);
        highlight(ws, header_row + 1, last, cc, "需专家核实", f.amber);
      }
    }
  }
  worksheet_set_paper(ws, 9);  // A4
  worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_repeat_rows(ws, 0, header_row);
  std::string header = "&C" + (t.title.empty() ? info.title : t.title);
  worksheet_set_header(ws, header.c_str());
  worksheet_set_footer(ws, "&C第 &P 页 共 &N 页");
}

}  // namespace

void write_tables(const std::filesystem::path& target, const WorkbookInfo& info,
                  const std::vector<TableSheet>& sheets) {
  write_atomically(target, [&](const std::filesystem::path& tmp) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    lxw_workbook* wb = workbook_new_opt(tmp.c_str(), &options);
    if (!wb) throw std::runtime_error("无法创建工作簿 " + tmp.string());
    lxw_doc_properties props{};
    props.title = const_cast<char*>(info.title.c_str());
    props.author = const_cast<char*>(info.author.c_str());
    props.company = const_cast<char*>(info.company.c_str());
    props.created = epoch_of(info.date_iso);
    workbook_set_properties(wb, &props);
    Formats f = make_formats(wb, info.font);
    try {
      for (auto& s : sheets) write_sheet(wb, f, s, info);
    } catch (...) {
      workbook_close(wb);
      throw;
    }
    check(workbook_close(wb), "写入 " + target.string());
  });
}

}  // namespace tws::report
