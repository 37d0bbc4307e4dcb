#include "records/records.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include "common/stage_timer.h"
#include "common/strings.h"
#include "records/review_sheet.h"
#include "records/sheet_table.h"

namespace tws::records {
namespace fs = std::filesystem;
namespace {

// Reads one row's cells by column name, converting by the spec's type and
// reporting each problem at its cell.
class RowReader {
 public:
  RowReader(const SheetTable& t, const SheetSpec& spec, const ingest::Row& r, Diagnostics& d)
      : table_(t), spec_(spec), row_(r), diags_(d) {}

  Location where(const std::string& col = "") const { return table_.where(row_, col); }

  std::string text(const std::string& col) { return checked(col, present(col) ? clean_text(cell_text(cell(col))) : ""); }
  std::string code(const std::string& col) { return checked(col, present(col) ? clean_code(cell_text(cell(col))) : ""); }
  // A 申报编号 in its documented form (schema.h); one Excel made a date of is no id.
  std::string application_id(const std::string& col = "申报编号") {
    if (present(col) && cell(col).type == ingest::CellType::Date) {
      diags_.error(where(col), "申报编号被 Excel 识别成了日期（" + ingest::display(cell(col)) +
                                   "）：请把该列设为“文本”格式后重新输入，如 2024-01");
      return {};
    }
    std::string id = filled(col, code(col));
    if (!id.empty() && char_count(id) <= max_chars(col)) {
      std::string why = check_application_id(id);
      if (!why.empty()) diags_.error(where(col), why);
    }
    return id;
  }

  template <class T>
  std::optional<T> take(const std::string& col, const Parsed<T>& p) {
    if (p.value) return p.value;
    if (!p.reason.empty()) diags_.error(where(col), p.reason);
    else if (spec_.column(col) && spec_.column(col)->value_required) missing(col);
    return std::nullopt;
  }
  std::optional<long long> integer(const std::string& col) { return take(col, parse_integer(cell(col))); }
  std::optional<double> decimal(const std::string& col) { return take(col, parse_decimal(cell(col))); }
  std::optional<double> percent(const std::string& col) { return take(col, parse_percent(cell(col))); }
  std::optional<bool> yes_no(const std::string& col) { return take(col, parse_yes_no(cell(col))); }
  std::optional<int> year(const std::string& col) { return take(col, parse_year(cell(col))); }
  std::optional<std::string> id_number(const std::string& col) { return take(col, parse_id_number(cell(col))); }
  std::optional<std::string> phone(const std::string& col) { return take(col, parse_phone(cell(col))); }
  std::optional<Qualification> qualification(const std::string& col) {
    auto q = take(col, parse_qualification(cell_text(cell(col))));
    if (q && q->needs_expert) diags_.warning(where(col), q->label + "，须经资格核实（reviews.xlsx 工作表“资格核实”）后才计入技师人数");
    return q;
  }
  std::optional<int> rank(const std::string& col) { return take(col, parse_rank(cell(col))); }
  std::optional<double> score(const std::string& col, double lo, double hi) {
    auto v = take(col, parse_score(cell(col)));
    if (v && (*v < lo || *v > hi)) {
      diags_.error(where(col), "分数 " + cell_text(cell(col)) + " 超出 " + fmt(lo) + "–" + fmt(hi) + " 的范围");
      return std::nullopt;
    }
    return v;
  }
  std::string choice(const std::string& col) {
    std::string v = code(col);
    const ColumnSpec* c = spec_.column(col);
    if (v.empty()) {
      if (c && c->value_required) missing(col);
      return v;
    }
    for (auto& ch : c->choices)
      if (ch == v) return v;
    diags_.error(where(col), "“" + v + "”不是可选值（应为 " + join(c->choices, "、") + "）");
    return {};
  }
  // The column is absent or its cell holds nothing.
  bool blank(const std::string& col) const { return !present(col) || clean_code(cell_text(cell(col))).empty(); }
  // Text or an identifier that must be filled when the spec says so.
  std::string required_text(const std::string& col) { return filled(col, text(col)); }
  std::string required_code(const std::string& col) { return filled(col, code(col)); }
  // Text that a public document (公示名单, 认定通知, 考核结果通报, 经费下达通知, the
  // summaries) prints: it must hold no ID or mobile number (SPEC §4).
  std::string public_text(const std::string& col) { return public_checked(col, required_text(col)); }
  std::string public_checked(const std::string& col, std::string v) {
    if (std::string what = sensitive_number(v); !what.empty())
      diags_.error(where(col), "“" + col + "”会印在公开文件中，但含有" + what +
                                   "；身份证号和手机号码不得公开，请删去");
    return v;
  }

 private:
  const ingest::Cell& cell(const std::string& col) const { return table_.cell(row_, col); }
  bool present(const std::string& col) const { return table_.has(col); }
  std::size_t max_chars(const std::string& col) const {
    const ColumnSpec* c = spec_.column(col);
    return c && c->max_chars ? c->max_chars : SIZE_MAX;
  }
  // An empty cell that must be filled; one that only looks empty is reported by
  // report_hidden_values() as what it is.
  void missing(const std::string& col) {
    if (table_.merged_from_above(row_, col) || cell(col).uncached_formula) return;
    diags_.error(where(col), "“" + col + "”未填写");
  }
  // Text within its column's length limit and printable.
  std::string checked(const std::string& col, std::string v) {
    std::size_t n = char_count(v), limit = max_chars(col);
    if (n > limit) {
      diags_.error(where(col), "“" + col + "”过长：" + std::to_string(n) + " 个字，最多 " + std::to_string(limit) + " 个字");
      return v;
    }
    std::string why = unprintable_reason(v);
    if (!why.empty()) diags_.error(where(col), "“" + col + "”" + why);
    return v;
  }
  std::string filled(const std::string& col, std::string v) {
    if (v.empty() && spec_.column(col) && spec_.column(col)->value_required) missing(col);
    return v;
  }
  static std::string fmt(double v) {
    ingest::Cell c;
    c.type = ingest::CellType::Number;
    c.number = v;
    return ingest::display(c);
  }

  const SheetTable& table_;
  const SheetSpec& spec_;
  const ingest::Row& row_;
  Diagnostics& diags_;
};

constexpr std::array kInputExtensions = {".xlsx", ".xlsm", ".csv", ".xls"};

// The year folder's regular files by name in lower case (Windows saves REVIEWS.XLSX), each
// with the names it stands for (two when they differ only by case), in name order.
std::map<std::string, std::vector<fs::path>> files_by_lower_name(const fs::path& dir) {
  std::map<std::string, std::vector<fs::path>> files;
  std::error_code ec;
  for (auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file(ec)) files[lower_ascii(e.path().filename().string())].push_back(e.path());
  for (auto& [name, paths] : files) std::sort(paths.begin(), paths.end());
  return files;
}

// The file of a spec present in the year's folder, its name in any letter case: .xlsx,
// else .csv; an .xls is passed on so the reader can say what to do with it. Another
// extension of the same name is a warning (not read). Two names differing only by case
// are an error, since either could be the one HR meant; the first is still read, so that
// its phase fails on the error rather than waits for the file.
std::optional<fs::path> find_input(const std::map<std::string, std::vector<fs::path>>& files, const FileSpec& spec,
                                   Diagnostics& diags) {
  const std::string stem = fs::path(spec.file).stem().string();
  for (const char* ext : kInputExtensions) {
    auto it = files.find(stem + ext);
    if (it == files.end()) continue;
    if (it->second.size() == 1) {
      for (const char* other : kInputExtensions)
        if (auto o = files.find(stem + other); o != files.end() && o != it)
          for (auto& p : o->second)
            diags.warning({p.string()}, "未读取：已读取同一输入的 " + it->second.front().filename().string() +
                                            "，请删去或移走其中一个");
      return it->second.front();
    }
    std::vector<std::string> names;
    for (auto& p : it->second) names.push_back(p.filename().string());
    diags.error({it->second.front().string()}, "文件名只差字母大小写的文件有 " + std::to_string(names.size()) + " 个（" +
                                                   join(names, "、") + "），tws 无法确定读哪一个：请只保留一个");
    return it->second.front();
  }
  return std::nullopt;
}

// What a file tws does not read probably is, by words of its name ("申报汇总(1).xlsx").
std::string rename_hint(const std::string& lower_name) {
  if (lower_name == "tws.ini") return "如为年度设置，请改名为 tws.ini（小写）";
  struct Guess { const char* what; const char* file; std::vector<const char*> words; };
  static const Guess guesses[] = {
      {"公示异议表", "objections.xlsx", {"objection", "异议"}},
      {"年度考核表", "performance.xlsx", {"performance", "考核"}},
      {"专家评分表", "reviews.xlsx", {"review", "评分", "评审", "专家"}},
      {"申报表", "applications.xlsx", {"application", "申报", "入站", "荣誉"}},
  };
  for (auto& g : guesses)
    for (auto* w : g.words)
      if (lower_name.find(w) != std::string::npos) return std::string("如为") + g.what + "，请改名为 " + g.file;
  return {};
}

// Files in the year's folder that tws does not read, each a warning with the names it
// reads: a copy saved as "申报汇总(1).xlsx" would otherwise leave its phase 未到 without
// a word. tws.ini, README files, hidden files and Excel's "~$" lock files are not listed.
void report_unknown_files(const std::map<std::string, std::vector<fs::path>>& files, Diagnostics& diags) {
  std::set<std::string> known = {"tws.ini"};
  for (auto& f : input_files())
    for (const char* ext : kInputExtensions) known.insert(fs::path(f.file).stem().string() + ext);
  for (auto& [lower, paths] : files)
    for (auto& p : paths) {
      const std::string name = p.filename().string();
      if (known.count(name) || (known.count(lower) && lower != "tws.ini") || name.rfind(".", 0) == 0 ||
          name.rfind("~$", 0) == 0 || lower_ascii(p.stem().string()) == "readme")
        continue;
      std::string hint = rename_hint(lower);
      diags.warning({p.string()}, "无法识别的文件，未读取。tws 只读取 applications.xlsx、reviews.xlsx、objections.xlsx、"
                                  "performance.xlsx（或同名的 .csv）和 tws.ini" + (hint.empty() ? "" : "；" + hint));
    }
}

std::optional<size_t> find_sheet(const std::vector<std::string>& names, const SheetSpec& spec) {
  std::string want = normalize_header(spec.name);
  for (size_t i = 0; i < names.size(); ++i) {
    std::string have = normalize_header(names[i]);
    if (have == want) return i;
    for (auto& a : spec.aliases)
      if (have == normalize_header(a)) return i;
  }
  return std::nullopt;
}

// Cells of a data row that read as empty though the sheet shows a value: merged with the
// cell above (the value belongs to the top row), or a formula saved without its result.
void report_hidden_values(const SheetTable& table, const SheetSpec& sheet, const ingest::Row& row,
                          Diagnostics& diags) {
  for (auto& c : sheet.columns) {
    if (table.merged_from_above(row, c.name))
      diags.error(table.where(row, c.name), "“" + c.name + "”与上方单元格合并：每行须单独填写，请取消合并后逐行填写");
    else if (table.cell(row, c.name).uncached_formula)
      diags.error(table.where(row, c.name), "“" + c.name + "”是公式但没有保存计算结果：请在 Excel 或 WPS 中打开后"
                                                           "保存一次，或把公式换成数值");
  }
}

// Calls `each(RowReader&)` for every data row of the sheet of `spec` in the workbook, as
// the rows are read (streaming ingest: only the first rows, where the header is looked
// for, are held); reports a missing sheet. `out`, the records the rows become, is sized
// for the sheet's rows up front.
template <class V, class F>
void for_rows(ingest::WorkbookReader& wb, const SheetSpec& sheet, bool csv, Diagnostics& diags, V& out, F each) {
  const std::vector<std::string> names = wb.sheet_names();
  // A CSV holds one sheet: the file's first (main) sheet.
  std::optional<size_t> index = csv ? (names.empty() ? std::nullopt : std::optional<size_t>(0)) : find_sheet(names, sheet);
  if (!index) {
    if (sheet.optional) return;
    diags.error({wb.source()}, "找不到工作表“" + sheet.name + "”（文件中的工作表：" + join(names, "、") + "）");
    return;
  }
  std::vector<ingest::Row> top;
  std::vector<ingest::MergedRange> merged;
  std::optional<SheetTable> table;
  auto convert = [&](const ingest::Row& row) {
    if (!table->usable() || !table->is_data(row)) return;
    report_hidden_values(*table, sheet, row, diags);
    RowReader r(*table, sheet, row, diags);
    each(r);
  };
  auto find_header = [&] {
    table.emplace(names[*index], top, merged, sheet, wb.source(), diags);
    for (auto& row : top) convert(row);
    std::vector<ingest::Row>().swap(top);
  };
  wb.read(
      *index,
      [&](const std::vector<ingest::MergedRange>& m, size_t rows) {
        merged = m;
        out.reserve(out.size() + rows);
      },
      [&](ingest::Row&& row) {
        if (table) return convert(row);
        top.push_back(std::move(row));
        if (top.size() == SheetTable::kHeaderSearchRows) find_header();
      });
  if (!table) find_header();
}

// A 竞赛 row names its class and placing; a cell filled but not understood was reported
// where it was read (one message per cell).
void check_competition(const RowReader& r, Honour& h, Diagnostics& diags) {
  if (r.blank("级别")) diags.error(r.where("级别"), "竞赛须填写“级别”");
  else if (h.level == "国家级" || h.level == "省级" || h.level == "市级") {
    diags.error(r.where("级别"), "竞赛的“级别”须分一类、二类：“" + h.level + "”应为 " + h.level + "一类 或 " +
                                     h.level + "二类（第四条（一））");
    h.level.clear();
  }
  if (r.blank("名次")) diags.error(r.where("名次"), "竞赛须填写“名次”");
}

void read_applications(ingest::WorkbookReader& wb, bool csv, YearInput& in, const config::Settings&,
                       Diagnostics& diags) {
  const FileSpec& f = input_file("applications.xlsx");
  for_rows(wb, f.sheets[0], csv, diags, in.applications, [&](RowReader& r) {
    Application a;
    a.where = r.where();
    a.id = r.application_id();
    a.name = r.public_text("工作站名称");
    a.department = r.public_text("所在部门");
    a.occupation = r.public_text("职业（工种）");
    a.leader = r.public_text("领办人");
    a.leader_id_number = r.id_number("领办人身份证号").value_or("");
    a.leader_qualification = r.public_checked("领办人职业资格", r.text("领办人职业资格"));  // 公示名单 when no honour
    a.leader_level = r.qualification("领办人职业资格").value_or(Qualification{});
    a.phone = r.phone("联系电话").value_or("");
    a.area_m2 = r.decimal("工作场所面积");
    a.equipment = r.text("主要设备");
    a.annual_target = static_cast<int>(r.integer("年培养目标").value_or(0));
    a.systems_and_projects = r.text("制度与项目经历");
    a.work_plan = r.text("工作计划");
    a.department_support = r.text("部门支持");
    a.materials_complete = r.yes_no("材料齐全").value_or(false);
    a.previous_term = r.code("上一聘期编号");
    in.applications.push_back(std::move(a));
  });
  if (csv) {
    // A phase must not run on part of its input: without members and honours every
    // application would fail 资格审查 and the 公示 would list nobody.
    diags.error({wb.source()}, "缺少工作表“入站人员”和“荣誉与竞赛”：CSV 文件只能容纳一个工作表（申报汇总），"
                               "申报材料请用 applications.xlsx 工作簿提交（tws template 可生成空白工作簿）");
  } else {
    for_rows(wb, f.sheets[1], csv, diags, in.members, [&](RowReader& r) {
      Member m;
      m.where = r.where();
      m.application_id = r.application_id();
      m.name = r.public_text("姓名");
      m.id_number = r.id_number("身份证号").value_or("");
      m.qualification = r.public_checked("职业资格", r.text("职业资格"));  // registry export
      m.level = r.qualification("职业资格").value_or(Qualification{});
      m.occupation = r.text("工种");
      m.certificate_no = r.code("证书编号");
      m.is_leader = r.yes_no("是否领办人").value_or(false);
      in.members.push_back(std::move(m));
    });
    for_rows(wb, f.sheets[2], csv, diags, in.honours, [&](RowReader& r) {
      Honour h;
      h.where = r.where();
      h.application_id = r.application_id();
      h.kind = r.choice("类型");
      h.name = r.public_text("名称");
      h.level = r.choice("级别");
      h.level_where = r.where("级别");
      h.rank = r.rank("名次");
      h.participation = r.choice("参赛形式");
      h.year = r.year("年份");
      h.certificate_no = r.code("证书编号");
      if (h.kind == "竞赛") check_competition(r, h, diags);
      in.honours.push_back(std::move(h));
    });
  }
}

void read_reviews(ingest::WorkbookReader& wb, bool csv, YearInput& in, const config::Settings& s,
                  Diagnostics& diags) {
  const FileSpec& f = input_file("reviews.xlsx");
  for_rows(wb, f.sheets[0], csv, diags, in.reviews, [&](RowReader& r) {
    Review v;
    v.where = r.where();
    v.application_id = r.application_id();
    v.expert = r.required_text("专家");
    auto score = r.score("评分", s.selection.score_min, s.selection.score_max);
    v.score = score.value_or(0);
    v.opinion = r.text("意见");
    in.reviews.push_back(std::move(v));
  });
  if (csv) return;  // a CSV holds the scores only
  for_rows(wb, f.sheets[1], csv, diags, in.verifications, [&](RowReader& r) {
    Verification v;
    v.where = r.where("申报编号");
    v.clause_where = r.where("条款");
    v.application_id = r.application_id();
    v.clause = normalize_clause(r.required_code("条款"));
    v.passed = r.choice("结论") == "通过";
    v.note = r.required_text("说明");
    in.verifications.push_back(std::move(v));
  });
}

void read_objections(ingest::WorkbookReader& wb, bool csv, YearInput& in, const config::Settings&,
                     Diagnostics& diags) {
  const FileSpec& f = input_file("objections.xlsx");
  for_rows(wb, f.sheets[0], csv, diags, in.objections, [&](RowReader& r) {
    Objection o;
    o.where = r.where();
    o.application_id = r.application_id();
    o.reason = r.required_text("异议事由");
    o.upheld = r.choice("核查结论") == "成立";
    in.objections.push_back(std::move(o));
  });
}

void read_performance(ingest::WorkbookReader& wb, bool csv, YearInput& in, const config::Settings& s,
                      Diagnostics& diags) {
  const FileSpec& f = input_file("performance.xlsx");
  for_rows(wb, f.sheets[0], csv, diags, in.performance, [&](RowReader& r) {
    Performance p;
    p.where = r.where();
    p.station_code = r.code("工作站编号");
    p.application_id = r.application_id();
    p.station_where = r.where(p.station_code.empty() ? "申报编号" : "工作站编号");
    p.year_where = r.where("考核年度");
    if (p.station_code.empty() && p.application_id.empty())
      diags.error(r.where(), "“工作站编号”和“申报编号”至少填写一项");
    p.station_name = r.text("工作站名称");
    p.year = r.year("考核年度").value_or(0);
    if (p.year != 0 && p.year != in.year)
      diags.error(r.where("考核年度"), "考核年度 " + std::to_string(p.year) + " 与本次处理的年度 " +
                                           std::to_string(in.year) + " 不一致");
    auto count = [&](const char* col) { return static_cast<int>(r.integer(col).value_or(0)); };
    p.enterprises_first = count("上学期对接企业数");
    p.enterprises_second = count("下学期对接企业数");
    p.trained = count("培养高技能人才数");
    p.apprentices = count("带徒人数");
    p.tech_projects = count("技术攻关项目数");
    p.problems_solved = count("解决技术难题数");
    p.innovations = count("创新成果数");
    p.patents = count("专利数");
    p.trainees = count("培训人次");
    p.awards = count("竞赛获奖数");
    p.budget_rate = r.percent("预算执行率").value_or(0);
    p.accounts_compliant = r.yes_no("账目合规").value_or(false);
    p.funds_misused = r.yes_no("经费违规使用").value_or(false);
    p.economic_benefit = r.decimal("经济效益（万元）").value_or(0);
    p.social_score = r.score("社会效益评分", 0, s.assessment.social_max).value_or(0);
    p.committee_score = r.score("考核委员会评分", 0, 100);
    p.remarks = r.text("备注");
    in.performance.push_back(std::move(p));
  });
}

// "入站人员第 12 行（申报“2024-01”）", for a message about another row.
std::string row_of(const Location& where, const std::string& application_id) {
  return where.sheet + "第 " + std::to_string(where.row) + " 行（申报“" + application_id + "”）";
}

// One person across the year's applications, by ID number: one name per ID number, one
// station led per person (errors); a member of two stations is allowed but worth a look.
void check_people(const YearInput& in, Diagnostics& diags) {
  struct Seen {
    const std::string* name;
    Location where;
    const std::string* application_id;
  };
  std::map<std::string_view, Seen> first_row, led, member_of;
  auto same_name = [&](const std::string& id, const std::string& name, const Location& where, const std::string& app) {
    auto [it, fresh] = first_row.emplace(id, Seen{&name, where, &app});
    if (!fresh && !same_text(*it->second.name, name))
      diags.error(where, "身份证号与" + row_of(it->second.where, *it->second.application_id) + "的“" +
                             *it->second.name + "”相同，此处姓名却是“" + name + "”：同一身份证号只能是同一人");
  };
  auto leads = [&](const std::string& id, const std::string& name, const Location& where, const std::string& app) {
    auto [it, fresh] = led.emplace(id, Seen{&name, where, &app});
    if (!fresh && *it->second.application_id != app)
      diags.error(where, "“" + name + "”同时是申报“" + *it->second.application_id + "”和“" + app +
                             "”的领办人：一人只能领办一个技师工作站");
  };
  std::set<std::string_view> applications;
  for (auto& a : in.applications) {
    applications.insert(a.id);
    if (a.leader_id_number.empty()) continue;
    same_name(a.leader_id_number, a.leader, a.where, a.id);
    leads(a.leader_id_number, a.leader, a.where, a.id);
  }
  for (auto& m : in.members) {
    if (m.id_number.empty() || !applications.count(m.application_id)) continue;  // a dangling row: reported as such
    same_name(m.id_number, m.name, m.where, m.application_id);
    if (m.is_leader) leads(m.id_number, m.name, m.where, m.application_id);
    auto [it, fresh] = member_of.emplace(m.id_number, Seen{&m.name, m.where, &m.application_id});
    const bool both_lead = m.is_leader && led.count(m.id_number) && *led.at(m.id_number).application_id != m.application_id;
    if (!fresh && *it->second.application_id != m.application_id && !both_lead)
      diags.warning(m.where, "“" + m.name + "”同时是申报“" + *it->second.application_id + "”和“" + m.application_id +
                                 "”的入站人员（另见" + row_of(it->second.where, *it->second.application_id) + "）");
  }
}

// Duplicates and references between sheets and files.
void cross_check(YearInput& in, Diagnostics& diags) {
  check_people(in, diags);
  std::map<std::string, const Application*> apps;
  for (auto& a : in.applications) {
    if (a.id.empty()) continue;
    auto [it, fresh] = apps.emplace(a.id, &a);
    if (!fresh)
      diags.error(a.where, "申报编号“" + a.id + "”重复（第 " + std::to_string(it->second->where.row) + " 行已有）");
  }
  auto known = [&](const std::string& id, const Location& where, const char* what) {
    if (!id.empty() && !apps.count(id))
      diags.error(where, std::string(what) + "的申报编号“" + id + "”在申报汇总中不存在");
  };
  std::map<std::string, int> leaders;
  std::set<std::pair<std::string_view, std::string_view>> member_ids;  // views into the records
  for (auto& m : in.members) {
    known(m.application_id, m.where, "入站人员");
    if (!m.id_number.empty() && !member_ids.emplace(m.application_id, m.id_number).second)
      diags.error(m.where, "同一申报中身份证号重复（" + m.name + "）");
    if (m.is_leader) {
      if (++leaders[m.application_id] == 2)
        diags.error(m.where, "申报“" + m.application_id + "”有多名入站人员标为领办人");
      auto it = apps.find(m.application_id);
      if (it != apps.end() && !m.id_number.empty() && !it->second->leader_id_number.empty() &&
          m.id_number != it->second->leader_id_number)
        diags.error(m.where, "领办人身份证号与申报汇总中的不一致");
    }
  }
  for (auto& h : in.honours) known(h.application_id, h.where, "荣誉与竞赛");
  if (in.has_applications) {
    for (auto& r : in.reviews) known(r.application_id, r.where, "专家评分");
    for (auto& o : in.objections) known(o.application_id, o.where, "公示异议");
  }
  std::map<std::pair<std::string_view, std::string_view>, const Verification*> findings;
  for (auto& v : in.verifications) {
    if (in.has_applications) known(v.application_id, v.where, "资格核实");
    if (v.application_id.empty() || v.clause.empty()) continue;
    auto [it, fresh] = findings.emplace(std::pair{std::string_view(v.application_id), std::string_view(v.clause)}, &v);
    if (!fresh)
      diags.error(v.clause_where, "申报“" + v.application_id + "”条款“" + v.clause + "”的资格核实已在第 " +
                                      std::to_string(it->second->where.row) + " 行填写；同一申报同一条款只能填一行");
  }
  std::set<std::pair<std::string_view, std::string_view>> expert_scores;
  for (auto& r : in.reviews)
    if (!r.expert.empty() && !expert_scores.emplace(r.application_id, r.expert).second)
      diags.error(r.where, "专家“" + r.expert + "”对申报“" + r.application_id + "”评了两次分");
  std::set<std::string> stations;
  for (auto& p : in.performance) {
    std::string key = p.station_code.empty() ? p.application_id : p.station_code;
    if (!key.empty() && !stations.insert(key).second)
      diags.error(p.where, "工作站“" + key + "”在年度考核中出现了两次");
  }
}

}  // namespace

YearInput load_year(const fs::path& input_root, int year, const config::Settings& settings, Diagnostics& diags) {
  StageTimer timer("ingest");
  YearInput in;
  in.year = year;
  in.dir = input_root / std::to_string(year);
  if (!fs::is_directory(in.dir)) {
    diags.error({in.dir.string()}, "找不到年度输入目录");
    return in;
  }
  using Reader = void (*)(ingest::WorkbookReader&, bool, YearInput&, const config::Settings&, Diagnostics&);
  struct Part { const char* file; bool YearInput::*flag; Reader read; };
  const Part parts[] = {
      {"applications.xlsx", &YearInput::has_applications, read_applications},
      {"reviews.xlsx", &YearInput::has_reviews, read_reviews},
      {"objections.xlsx", &YearInput::has_objections, read_objections},
      {"performance.xlsx", &YearInput::has_performance, read_performance},
  };
  const auto files = files_by_lower_name(in.dir);
  report_unknown_files(files, diags);
  for (auto& part : parts) {
    auto path = find_input(files, input_file(part.file), diags);
    if (!path) continue;
    in.files.push_back(*path);
    // The file's sheets are converted as they are read, so a sheet found broken after
    // others were converted must undo them: a broken file is one error and adds no records.
    const size_t sizes[] = {in.applications.size(), in.members.size(), in.honours.size(),
                            in.reviews.size(), in.objections.size(), in.performance.size(),
                            in.verifications.size()};
    Diagnostics file_diags;
    try {
      ingest::WorkbookReader wb(*path);
      in.file_sha256[path->string()] = wb.sha256();
      part.read(wb, lower_ascii(path->extension().string()) == ".csv", in, settings, file_diags);
      wb.read_rest();
      for (auto& w : wb.warnings())
        if (w.where.sheet != "_lists") diags.add(w);  // tws template's own hidden drop-down lists
      diags.append(file_diags);
      in.*part.flag = true;
    } catch (const InputError& e) {
      in.applications.resize(sizes[0]);
      in.members.resize(sizes[1]);
      in.honours.resize(sizes[2]);
      in.reviews.resize(sizes[3]);
      in.objections.resize(sizes[4]);
      in.performance.resize(sizes[5]);
      in.verifications.resize(sizes[6]);
      Location where = e.where;
      if (where.file.empty()) where.file = path->string();
      diags.error(where, e.message);
    }
  }
  cross_check(in, diags);
  // After cross_check: the returned sheets' problems are select's (records/review_sheet.h).
  read_returned_sheets(in, settings, in.returned_problems);
  if (in.files.empty() && in.returned_files.empty()) diags.error({in.dir.string()}, "目录中没有任何输入文件（applications、reviews、objections、performance 的 .xlsx 或 .csv）");
  return in;
}

std::string normalize_clause(std::string_view text) {
  std::string s = clean_code(text);
  for (auto [from, to] : {std::pair<std::string_view, std::string_view>{"(", "（"}, {")", "）"}})
    for (size_t p; (p = s.find(from)) != std::string::npos;) s.replace(p, from.size(), to);
  return s;
}

std::optional<fs::path> find_input_file(const fs::path& dir, const std::string& stem) {
  Diagnostics ignored;  // load_year reports them
  return find_input(files_by_lower_name(dir), input_file(stem + ".xlsx"), ignored);
}

template <class T>
ByApplication::Index<T> ByApplication::index(const std::vector<T>& rows) {
  Index<T> index;
  for (auto& r : rows) index[r.application_id].push_back(&r);
  return index;
}

template <class T>
RowsOf<T> ByApplication::rows(const Index<T>& index, std::string_view id) {
  auto it = index.find(id);
  if (it == index.end()) return {};
  return it->second;
}

ByApplication::ByApplication(const YearInput& in)
    : members_(index(in.members)), honours_(index(in.honours)), reviews_(index(in.reviews)) {
  for (auto& a : in.applications) applications_.emplace(a.id, &a);
}

RowsOf<Member> ByApplication::members(std::string_view id) const { return rows(members_, id); }
RowsOf<Honour> ByApplication::honours(std::string_view id) const { return rows(honours_, id); }
RowsOf<Review> ByApplication::reviews(std::string_view id) const { return rows(reviews_, id); }

const Application* ByApplication::application(std::string_view id) const {
  auto it = applications_.find(id);
  return it == applications_.end() ? nullptr : it->second;
}

}  // namespace tws::records
