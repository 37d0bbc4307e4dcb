// The phase workbooks (documents/workbooks.h) built from real
// decisions: 资格审查汇总 from the 2024 sample input, 考核汇总 and the registry export
// from a synthetic registry. Each is written, re-read with the project's reader and
// compared cell by cell with what was written; the 按部门 formulas carry the counts
// and sums worked out independently here; 1,000 stations go through constant_memory.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <set>

#include "config/settings.h"
#include "ingest/workbook.h"
#include "documents/workbooks.h"
#include "records/records.h"
#include "report/xlsx_table.h"
#include "rules/rules.h"
#include "input_template/input_template.h"

namespace fs = std::filesystem;
using namespace tws;
using report::ColumnKind;
using report::Formula;
using report::TableSheet;
using report::Value;

namespace tws::report_test {  // report_xlsx_test.cpp
size_t expect_round_trip(const std::filesystem::path& file, const std::vector<report::Sheet>& sheets);
std::string run(const std::string& cmd);
std::string part(const std::filesystem::path& xlsx, const std::string& name);
}  // namespace tws::report_test
using report_test::expect_round_trip;
using report_test::part;

namespace {

struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name) : path(fs::temp_directory_path() / (name + "-" + std::to_string(getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

const TableSheet& table(const std::vector<report::Sheet>& sheets, const std::string& name) {
  for (auto& s : sheets)
    if (auto* t = std::get_if<TableSheet>(&s); t && t->name == name) return *t;
  throw std::runtime_error("no sheet " + name);
}

size_t col(const TableSheet& t, const std::string& header, const std::string& group = "") {
  for (size_t c = 0; c < t.columns.size(); ++c)
    if (t.columns[c].header == header && (group.empty() || t.columns[c].group.rfind(group, 0) == 0)) return c;
  throw std::runtime_error("no column " + header + " in " + t.name);
}

const std::vector<Value>& row_of(const TableSheet& t, const std::string& key) {
  for (size_t k : {size_t(0), size_t(1)})
    for (const auto& r : t.rows)
      if (auto* s = std::get_if<std::string>(&r[k]); s && *s == key) return r;
  throw std::runtime_error("no row " + key + " in " + t.name);
}

std::string str(const Value& v) { return std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : ""; }

// n stations approved in 2025 (terms 2025-05-22 … 2027-05-21) in four departments,
// with 2026 performance rows spread over the three grades; every 9th misused funds.
struct Synthetic {
  config::Settings settings = config::default_settings();
  rules::Registry registry;  // after the 2026 assessment and funding
  std::vector<records::Performance> performance;
  rules::AssessmentOutcome outcome;
  rules::FundingPlan plan;
};

Synthetic synthetic(int n) {
  Synthetic x;
  const char* depts[] = {"机电工程系", "建筑工程系", "信息工程系", "化工与医药系"};
  rules::Registry reg;
  const calendar::Day start = calendar::parse_iso("2025-05-22");
  for (int i = 0; i < n; ++i) {
    rules::Station st;
    st.code = rules::station_code(2025, i + 1);
    st.application_id = "2025-" + std::to_string(1000 + i).substr(1);
    st.first_year = 2025;
    st.name = "工作站" + std::to_string(i + 1) + (i % 5 == 0 ? "（智能制造与工业机器人应用技术方向）" : "");
    st.department = depts[i % 4];
    st.occupation = "数控车工";
    st.leader = "领办人" + std::to_string(i + 1);
    st.annual_target = 10 + i % 4;
    st.term_start = start;
    st.term_end = rules::term_end(start, 2);
    st.members = {{"领办人" + std::to_string(i + 1), "一级/高级技师", true}, {"成员", "二级/技师", false}};
    reg.stations.push_back(st);
    // Funded in 2025 too, so the ledger spans two years.
    reg.funding.push_back({st.code, st.name, st.department, 2025, rules::Grade::Pass, 20000, "2025 年度考核合格"});
    rules::AssessmentResult prior;
    prior.station_code = st.code;
    prior.year = 2025;
    prior.assessed_on = calendar::parse_iso("2025-12-31");
    prior.total = prior.computed_total = 80;
    reg.assessments.push_back(prior);

    records::Performance p;
    p.station_code = st.code;
    p.year = 2026;
    p.enterprises_first = 2 + i % 2;
    p.enterprises_second = i % 7 == 3 ? 0 : 2;
    p.trained = 6 + i % 10;
    p.apprentices = i % 6;
    p.tech_projects = i % 3;
    p.problems_solved = i % 2;
    p.innovations = i % 4 == 0;
    p.patents = i % 5 == 0;
    p.trainees = 10 * (i % 9);
    p.awards = i % 3;
    p.budget_rate = 0.6 + (i % 5) * 0.1;
    p.accounts_compliant = i % 4 != 1;
    p.funds_misused = i % 9 == 8;
    p.economic_benefit = (i % 6) * 12.5;
    p.social_score = 4 + i % 7;
    if (i % 11 == 10) p.committee_score = 88;
    p.remarks = i % 13 == 0 ? "=SUM(1,2)" : "";
    x.performance.push_back(p);
  }
  const calendar::Day on = calendar::parse_iso("2026-12-31");
  x.outcome = rules::assess(x.performance, reg, on, x.settings.assessment);
  EXPECT_FALSE(x.outcome.diags.has_errors());
  reg = rules::apply_assessment(reg, x.outcome);
  x.plan = rules::plan_funding(reg, 2026, x.settings.funding);
  x.registry = rules::apply_funding(reg, x.plan);
  return x;
}

// The 2024 sample year, read and decided as the select phase does.
struct Sample2024 {
  Diagnostics diags;
  config::Settings s;
  records::YearInput in;
  std::vector<rules::EligibilityResult> el;
  rules::SelectionResult sel;
  rules::PublicityPeriod pub{calendar::parse_iso("2024-05-20"), calendar::parse_iso("2024-05-22"), 3, {}};
};
Sample2024 sample_2024() {
  Sample2024 x;
  const fs::path input = fs::path(TWS_TESTS_DIR) / ".." / "input";
  x.s = config::load_settings(input / "tws.ini", x.diags);
  x.s = config::load_year_settings(input / "2024" / "tws.ini", x.diags, x.s);
  x.in = records::load_year(input, 2024, x.s, x.diags);
  x.el = rules::check_eligibility(x.in, {}, calendar::parse_iso("2024-05-20"), x.s.eligibility);
  x.sel = rules::select(x.in.applications, x.el, x.in.reviews, x.s.selection);
  return x;
}

}  // namespace

TEST(ReportWorkbooks, SelectionWorkbookOf2024Sample) {
  Sample2024 x = sample_2024();
  auto& [diags, s, in, el, sel, pub] = x;
  ASSERT_FALSE(diags.has_errors());
  diags.warning({"input/2024/applications.xlsx", "申报汇总", 7, 9}, "=工作场所面积低于 60 平方米");
  auto sheets = documents::selection_sheets(s, 2024, in, records::ByApplication(in), el, sel, pub, diags);
  ASSERT_EQ(sheets.size(), 5u);

  const TableSheet& t = table(sheets, "资格审查");
  ASSERT_EQ(t.rows.size(), 12u);
  EXPECT_TRUE(t.grouped());
  // 主管技师 settled 不通过 by the sample's 资格核实 row; 55 m² is a 提示.
  EXPECT_EQ(str(row_of(t, "2024-06")[col(t, "2 技师人数")]), "不通过");
  EXPECT_NE(str(row_of(t, "2024-06")[col(t, "资格核实（条款、结论、说明）")]).find("2 第四条（一） 不通过（资格核实第2行）："), std::string::npos);
  EXPECT_EQ(str(row_of(t, "2024-04")[col(t, "4 场所面积")]), "提示");
  EXPECT_EQ(str(row_of(t, "2024-07")[col(t, "1 领军人才")]), "不通过");
  EXPECT_EQ(str(row_of(t, "2024-08")[col(t, "8 材料齐全")]), "不通过");
  EXPECT_EQ(str(row_of(t, "2024-01")[col(t, "是否推荐")]), "是");
  EXPECT_NE(str(row_of(t, "2024-07")[col(t, "审查意见（未通过、提示或经核实的条件）")]).find("1 "), std::string::npos);
  // Members by level: 2024-10 has only 3 at 技师 or above (leader included).
  const auto& r10 = row_of(t, "2024-10");
  double skilled = 0;
  for (const char* h : {"首席技师", "特级技师", "高级技师", "技师"}) skilled += report::number_of(r10[col(t, h)]);
  EXPECT_EQ(skilled, 3);
  // One column per expert (5), the dropped highest and lowest struck through.
  size_t experts = std::count_if(t.columns.begin(), t.columns.end(), [](auto& c) { return c.group == "专家评分"; });
  EXPECT_EQ(experts, 5u);
  size_t trimmed = std::count_if(sel.candidates.begin(), sel.candidates.end(), [](auto& c) { return c.score.trimmed; });
  EXPECT_GE(trimmed, 7u);  // the 7 eligible (2024-06 is settled 不通过 by its 资格核实 row)
  EXPECT_EQ(t.muted.size(), 2 * trimmed);  // the dropped highest and lowest of each
  {  // 2024-12: 95 74 74 74.5 73 → 95 and 73 struck through
    size_t r12 = 0;
    while (str(t.rows[r12][0]) != "2024-12") ++r12;
    std::multiset<double> struck;
    for (auto [r, c] : t.muted)
      if (r == r12) struck.insert(report::number_of(t.rows[r][c]));
    EXPECT_EQ(struck, (std::multiset<double>{73, 95}));
  }
  EXPECT_EQ(report::number_of(row_of(t, "2024-12")[col(t, "评审得分")]), 74.17);
  // Totals: passes per criterion, recommended = 5.
  auto* rec = std::get_if<Formula>(&t.totals[col(t, "是否推荐")]);
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->cached, 5);
  EXPECT_EQ(rec->text, "COUNTIF(" + report::column_range(t, col(t, "是否推荐")) + ",\"是\")");

  const TableSheet& problems = table(sheets, "输入问题");
  ASSERT_EQ(problems.rows.size(), diags.items().size());
  const auto& last = problems.rows.back();
  EXPECT_EQ(str(last[1]), "警告");
  EXPECT_EQ(str(last[2]), "applications.xlsx");
  EXPECT_EQ(str(last[3]), "申报汇总");
  EXPECT_EQ(str(last[4]), "I7");
  EXPECT_EQ(str(last[5]), "=工作场所面积低于 60 平方米");

  TempDir dir("tws_report_selection");
  fs::path p = dir.path / "资格审查汇总.xlsx";
  report::write_workbook(p, documents::workbook_info(s, "2024 年技师工作站资格审查汇总", "2024-12-31"), sheets);
  EXPECT_GT(expect_round_trip(p, sheets), 500u);
}

TEST(ReportWorkbooks, AssessmentWorkbookFormulasAndLedger) {
  Synthetic x = synthetic(23);
  auto sheets = documents::assessment_sheets(x.settings, 2026, x.performance, x.registry, x.outcome, x.plan);
  ASSERT_EQ(sheets.size(), 5u);
  const TableSheet& t = table(sheets, "考核汇总");
  ASSERT_EQ(t.rows.size(), 23u);
  // Each indicator's value next to its item's score.
  const auto& r0 = row_of(t, "JS202501");
  EXPECT_EQ(report::number_of(r0[col(t, "上学期", "企业对接")]), 2);
  EXPECT_EQ(report::number_of(r0[col(t, "得分", "企业对接")]), 15);
  EXPECT_EQ(report::number_of(r0[col(t, "执行率", "预算执行")]), 0.6);
  EXPECT_EQ(report::number_of(r0[col(t, "目标", "人才培养")]), 10);
  EXPECT_EQ(report::number_of(r0[col(t, "聘期年次")]), 2);
  const auto& r8 = row_of(t, "JS202509");  // i = 8: funds misused
  EXPECT_EQ(str(r8[col(t, "经费违规使用")]), "是");
  EXPECT_EQ(str(r8[col(t, "等级")]), "不合格");
  EXPECT_EQ(report::number_of(r8[col(t, "经费（元）")]), 0);
  // Every revocation is noted under the table.
  ASSERT_FALSE(x.outcome.revocations.empty());
  for (auto& rv : x.outcome.revocations)
    EXPECT_TRUE(std::any_of(t.notes.begin(), t.notes.end(), [&](auto& n) { return n.find("撤销：" + rv.station_code) == 0; }))
        << rv.station_code;

  // 按部门: counts and sums worked out here, independently of the writer.
  std::map<std::string, std::map<std::string, double>> want;
  for (auto& r : x.outcome.results) {
    const rules::Station* st = rules::find_station(x.registry, r.station_code);
    ++want[st->department]["工作站数"];
    ++want[st->department][rules::grade_label(r.grade)];
  }
  for (auto& f : x.plan.lines) want[f.department]["经费（元）"] += f.amount;
  const TableSheet& d = table(sheets, "按部门");
  ASSERT_EQ(d.rows.size(), 4u);
  std::map<std::string, double> totals;
  for (auto& r : d.rows) {
    const std::string dept = str(r[0]);
    for (size_t c = 1; c < d.columns.size(); ++c) {
      auto* f = std::get_if<Formula>(&r[c]);
      ASSERT_TRUE(f) << dept << " " << d.columns[c].header;
      EXPECT_EQ(f->cached, want[dept][d.columns[c].header]) << dept << " " << d.columns[c].header;
      totals[d.columns[c].header] += f->cached;
    }
  }
  auto* excellent = std::get_if<Formula>(&d.rows[0][2]);
  // Names matched exactly (EXACT), never as COUNTIF/SUMIFS criteria with wildcards.
  auto* stations = std::get_if<Formula>(&d.rows[0][1]);
  EXPECT_EQ(stations->text, "SUMPRODUCT(--EXACT('考核汇总'!$C$4:$C$26,$A3))");
  EXPECT_EQ(excellent->text, "SUMPRODUCT(EXACT('考核汇总'!$C$4:$C$26,$A3)*EXACT('考核汇总'!" +
                                 report::column_range(t, col(t, "等级"), true) + ",C$2))");
  auto* money = std::get_if<Formula>(&d.rows[1][5]);
  EXPECT_EQ(money->text, "SUMPRODUCT(--EXACT('考核汇总'!$C$4:$C$26,$A4),'考核汇总'!" +
                             report::column_range(t, col(t, "经费（元）"), true) + ")");
  for (size_t c = 1; c < d.columns.size(); ++c)
    EXPECT_EQ(std::get<Formula>(d.totals[c]).cached, totals[d.columns[c].header]);
  EXPECT_EQ(std::get<Formula>(d.totals[5]).cached, x.plan.total);

  // 图表: a column chart by department and a pie of the grades, over 按部门.
  const auto& cs = std::get<report::ChartSheet>(sheets[2]);
  ASSERT_EQ(cs.charts.size(), 2u);
  EXPECT_EQ(cs.charts[0].type, report::ChartType::Column);
  EXPECT_EQ(cs.charts[0].series.size(), 3u);
  EXPECT_EQ(cs.charts[1].type, report::ChartType::Pie);
  EXPECT_EQ(cs.charts[1].series[0].values.first_row, d.totals_row());

  // 经费: every year of every assessed station, totals in figures and 大写.
  const TableSheet& f = table(sheets, "经费");
  double sum = 0;
  std::set<int> years;
  for (auto& r : f.rows) sum += report::number_of(r[5]), years.insert(int(report::number_of(r[3])));
  EXPECT_EQ(years, (std::set<int>{2025, 2026}));
  EXPECT_EQ(f.rows.size(), 23u + x.plan.lines.size());
  EXPECT_EQ(std::get<Formula>(f.totals[5]).cached, sum);
  EXPECT_EQ(str(f.totals[6]), rules::amount_in_words(sum));
  EXPECT_NE(f.notes[0].find(rules::amount_in_words(x.plan.total)), std::string::npos);

  TempDir dir("tws_report_assessment");
  fs::path p = dir.path / "考核汇总.xlsx";
  documents::write_assessment_workbook(p, x.settings, 2026, "2026-12-31", x.performance, x.registry, x.outcome, x.plan);
  EXPECT_GT(expect_round_trip(p, sheets), 23u * 30u);
}

TEST(ReportWorkbooks, RegistryExportRoundTrips) {
  Synthetic x = synthetic(9);
  auto reg = rules::refresh_status(x.registry, calendar::parse_iso("2026-12-31"));
  report::WorkbookInfo info;
  auto sheets = documents::registry_sheets(reg, x.settings, "2026-12-31", &info);
  ASSERT_EQ(sheets.size(), 5u);
  const TableSheet& st = table(sheets, "工作站");
  EXPECT_EQ(st.rows.size(), 9u);
  EXPECT_TRUE(st.totals.empty() && st.notes.empty());  // codes only from row 3 down
  EXPECT_EQ(unsigned(std::get<tws::Date>(st.rows[0][col(st, "聘期开始")]).day()), 22u);
  const TableSheet& fu = table(sheets, "经费");
  EXPECT_EQ(std::get<Formula>(fu.totals[5]).cached, 9 * 20000 + x.plan.total);
  const TableSheet& rv = table(sheets, "撤销");
  EXPECT_EQ(rv.rows.size(), x.outcome.revocations.size());
  EXPECT_NE(info.comments.find("已撤销 " + std::to_string(rv.rows.size()) + " 个"), std::string::npos) << info.comments;
  TempDir dir("tws_report_registry");
  fs::path p = dir.path / "export.xlsx";
  report::write_workbook(p, info, sheets);
  expect_round_trip(p, sheets);
}

TEST(ReportWorkbooks, ApprovalWorkbookRoundTrips) {
  config::Settings s = config::default_settings();
  rules::ApprovalResult a;
  rules::Station st;
  st.code = "JS202601";
  st.application_id = "2026-12";
  st.name = "钳工技师工作站";
  st.department = "机电工程系";
  st.term_start = calendar::parse_iso("2026-05-28");
  st.term_end = rules::term_end(st.term_start, 2);
  st.previous_code = "-JS202401";
  a.stations.push_back(st);
  a.decisions.push_back({"2026-12", true, "JS202601", {"公示无异议（第五条（四））"}});
  a.decisions.push_back({"2026-03", false, "", {"+异议成立", "不予认定"}});
  rules::PublicityPeriod pub{calendar::parse_iso("2026-05-25"), calendar::parse_iso("2026-05-27"), 3, {}};
  auto sheets = documents::approval_sheets(s, 2026, a, pub);
  TempDir dir("tws_report_approval");
  fs::path p = dir.path / "认定名单.xlsx";
  documents::write_approval_workbook(p, s, 2026, "2026-12-31", a, pub);
  expect_round_trip(p, sheets);
  EXPECT_EQ(int(std::get<tws::Date>(table(sheets, "认定名单").rows[0][7]).year()), 2028);
}

// 1,000 stations: the workbook switches to constant_memory (rows streamed, strings
// inline) and still reads back exactly, with the 按部门 formulas cached.
TEST(ReportWorkbooks, ThousandStationsInConstantMemoryMode) {
  Synthetic x = synthetic(1000);
  auto sheets = documents::assessment_sheets(x.settings, 2026, x.performance, x.registry, x.outcome, x.plan);
  TempDir dir("tws_report_thousand");
  fs::path p = dir.path / "考核汇总.xlsx";
  documents::write_assessment_workbook(p, x.settings, 2026, "2026-12-31", x.performance, x.registry, x.outcome, x.plan);
  std::string xml = part(p, "xl/worksheets/sheet1.xml");
  EXPECT_NE(xml.find("t=\"inlineStr\""), std::string::npos);
  EXPECT_GT(expect_round_trip(p, sheets), 1000u * 30u);
  const TableSheet& d = table(sheets, "按部门");
  EXPECT_EQ(std::get<Formula>(d.totals[1]).cached, 1000);
}

// text_width is template_writer::display_width computed without allocating: the same
// double for every BMP code point, astral characters and malformed UTF-8.
TEST(ReportWorkbooks, TextWidthIsDisplayWidth) {
  auto utf8 = [](char32_t c) {
    std::string s;
    if (c < 0x80) s += char(c);
    else if (c < 0x800) s += char(0xC0 | (c >> 6)), s += char(0x80 | (c & 0x3F));
    else if (c < 0x10000) s += char(0xE0 | (c >> 12)), s += char(0x80 | ((c >> 6) & 0x3F)), s += char(0x80 | (c & 0x3F));
    else
      s += char(0xF0 | (c >> 18)), s += char(0x80 | ((c >> 12) & 0x3F)), s += char(0x80 | ((c >> 6) & 0x3F)),
          s += char(0x80 | (c & 0x3F));
    return s;
  };
  std::string all;
  for (char32_t c = 1; c < 0x10000; ++c) {
    const std::string s = utf8(c);
    ASSERT_EQ(report::text_width(s), template_writer::display_width(s)) << unsigned(c);
    all += s;
  }
  for (char32_t c : {0x1F600u, 0x20000u, 0x2A6D6u, 0x10FFFFu}) all += utf8(c);
  EXPECT_EQ(report::text_width(all), template_writer::display_width(all));
  for (std::string bad : {std::string("\xFF\xFE"), std::string("\xE4\xB8"), std::string("a\x80" "b"),
                          std::string("\xF0\x9F\x98"), std::string("\xC3"), std::string("x\xE4\xB8\xADy\xED\xA0\x80")})
    EXPECT_EQ(report::text_width(bad), template_writer::display_width(bad)) << bad.size();
}

// number_width is the width of what printf prints in the column's format.
TEST(ReportWorkbooks, NumberWidthIsTheWidthOfThePrintedNumber) {
  auto printed = [](double v, ColumnKind k) -> std::string {
    char buf[512];
    switch (k) {
      case ColumnKind::Integer: std::snprintf(buf, sizeof buf, "%.0f", v); return buf;
      case ColumnKind::Decimal: std::snprintf(buf, sizeof buf, "%.1f", v); return buf;
      case ColumnKind::Score: std::snprintf(buf, sizeof buf, "%.2f", v); return buf;
      case ColumnKind::Percent: std::snprintf(buf, sizeof buf, "%.1f%%", v * 100); return buf;
      case ColumnKind::Date: return "2026年12月31日";
      case ColumnKind::Money: {
        long long n = std::llround(v);
        std::string d = std::to_string(n < 0 ? -n : n), g;
        for (size_t i = 0; i < d.size(); ++i) {
          if (i > 0 && (d.size() - i) % 3 == 0) g += ',';
          g += d[i];
        }
        return std::string("¥") + (n < 0 ? "-" : "") + g;
      }
      default: std::snprintf(buf, sizeof buf, "%.10g", v); return buf;
    }
  };
  std::vector<double> values = {0, -0.0, 1, -1, 9.5, 10.5, 99.95, 0.05, 0.15, 2.5, -2.5, 12345.678, 1e15 - 1, 1e15,
                                -1e15 + 1, 1e16, 1e22, 1e300, -1e300, 1e-300, 0.1 + 0.2, 123456789.125, 20000, -20000,
                                std::nan(""), std::numeric_limits<double>::infinity()};
  for (int i = 0; i < 2000; ++i) values.push_back((i * 7919 % 100003) / 7.0 - 5000);
  for (double v : values)
    for (ColumnKind k : {ColumnKind::Text, ColumnKind::Integer, ColumnKind::Decimal, ColumnKind::Score, ColumnKind::Money,
                         ColumnKind::Percent, ColumnKind::Date, ColumnKind::Grade, ColumnKind::YesNo})
      if (k != ColumnKind::Money || std::fabs(v) < 1e15) {  // llround has no answer beyond long long
        EXPECT_EQ(report::number_width(v, k), report::text_width(printed(v, k))) << v << " kind " << int(k);
      }
}
