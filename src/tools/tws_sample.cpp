// tws_sample OUTDIR [DATADIR] — writes the sample input years OUTDIR/2024, OUTDIR/2025
// and OUTDIR/2026 (applications, reviews, objections, performance .xlsx), the data
// committed under input/, from the designed data in DATADIR (default tests/sample/:
// applications.tsv, honours.tsv, objections.tsv, verifications.tsv, performance.tsv, experts.tsv,
// vocabulary.tsv; the notes there say what each application is built to show). Deterministic: a fixed seed per person and team, no clock,
// fixed workbook dates, so a re-run gives the same bytes (tests/unit/sample_test.cpp
// checks that the committed files equal a fresh run).
//
// The data is designed so that running the three years in order exercises every
// phase and rule of SPEC §2; input/README.md lists the outcome each application and
// each assessment row is meant to produce, with the hand-computed points.
//
// It also carries the imperfections real HR files have (title rows, merged and
// two-row headers, header aliases with spaces and line breaks, full-width digits,
// numbers and percentages typed as text, years typed as "2019年"), all of which the
// reader must accept: `tws check` reports no errors on these files.
#include <xlsxwriter.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "common/atomic_file.h"
#include "input_template/input_template.h"

namespace {

namespace fs = std::filesystem;

// ───────────────────────────── deterministic randomness ──

// FNV-1a: a stable seed from a key such as a team name.
uint64_t fnv1a(const std::string& s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// splitmix64: tiny, fully specified, same sequence on every platform (std::
// distributions are not).
class Rng {
 public:
  explicit Rng(const std::string& key) : state_(fnv1a(key)) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<uint64_t>(n)); }
  int between(int lo, int hi) { return lo + below(hi - lo + 1); }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[below(static_cast<int>(v.size()))]; }

 private:
  uint64_t state_;
};

// ───────────────────────────── the data files ──

// A tab-separated file: rows of fields, without its header row, blank lines and
// "#" notes.
std::vector<std::vector<std::string>> read_tsv(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::vector<std::vector<std::string>> rows;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (std::exchange(header, false)) continue;
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1)
      fields.push_back(line.substr(start, tab - start));
    fields.push_back(line.substr(start));
    rows.push_back(std::move(fields));
  }
  return rows;
}

std::vector<std::string> split_bar(const std::string& s) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  std::size_t start = 0;
  for (std::size_t bar; (bar = s.find('|', start)) != std::string::npos; start = bar + 1)
    out.push_back(s.substr(start, bar - start));
  out.push_back(s.substr(start));
  return out;
}

// vocabulary.tsv: name lists and expert opinions, by key.
std::map<std::string, std::vector<std::string>> vocabulary;

const std::vector<std::string>& words(const std::string& key) {
  auto it = vocabulary.find(key);
  if (it == vocabulary.end() || it->second.empty()) throw std::runtime_error("vocabulary.tsv: no " + key);
  return it->second;
}

// ───────────────────────────── people ──

// GB 11643-1999: ISO 7064 MOD 11-2 over the first 17 digits.
char check_digit(const std::string& first17) {
  static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * weights[i];
  return "10X98765432"[sum % 11];
}

struct Person {
  std::string name;
  std::string id;  // 18-digit resident ID, valid
  bool male = true;
  int birth_year = 1980;
};

class People {
 public:
  // A leader, by name: the same person whenever the name comes back (re-applications).
  const Person& leader(const std::string& name, bool male, int birth_year) {
    auto it = leaders_.find(name);
    if (it != leaders_.end()) return it->second;
    Rng rng("leader:" + name);
    used_names_.insert(name);
    return leaders_.emplace(name, Person{name, new_id(rng, male, birth_year), male, birth_year})
        .first->second;
  }
  // The first `n` members of a team: the same people whenever the team comes back.
  std::vector<Person> team(const std::string& key, size_t n) {
    auto& members = teams_[key];
    Rng rng("team:" + key + ":" + std::to_string(members.size()));
    while (members.size() < n) {
      bool male = rng.below(100) < 68;  // technical trades: more men than women
      int year = rng.between(1968, 1995);
      members.push_back({new_name(rng, male), new_id(rng, male, year), male, year});
    }
    return {members.begin(), members.begin() + static_cast<long>(n)};
  }

 private:
  std::string new_name(Rng& rng, bool male) {
    const auto& given = words(male ? "male_given" : "female_given");
    for (;;) {
      std::string name = rng.pick(words("surnames")) + rng.pick(given);
      if (rng.below(100) < 70) name += rng.pick(given);
      if (used_names_.insert(name).second) return name;
    }
  }
  // 6-digit region, birth date, 3-digit sequence (odd for men, even for women),
  // check digit.
  std::string new_id(Rng& rng, bool male, int year) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (;;) {
      int month = rng.between(1, 12);
      int day = rng.between(1, days[month - 1]);
      int seq = rng.between(0, 99) * 10 + (rng.between(0, 4) * 2 + (male ? 1 : 0));
      char body[32];
      std::snprintf(body, sizeof body, "%s%04d%02d%02d%03d", rng.pick(words("regions")).c_str(), year,
                    month, day, seq);
      std::string id = std::string(body) + check_digit(body);
      if (used_ids_.insert(id).second) return id;
    }
  }

  std::map<std::string, Person> leaders_;
  std::map<std::string, std::vector<Person>> teams_;
  std::set<std::string> used_names_, used_ids_;
};

// A certificate number in the style of its issuer: 职业资格证书 (before 2020, 16
// digits) or 职业技能等级证书 (S + 20 characters).
std::string certificate(Rng& rng, int issued) {
  char buf[40];
  if (issued < 2020)
    std::snprintf(buf, sizeof buf, "14371400%02d%06d", issued % 100, rng.between(0, 999999));
  else
    std::snprintf(buf, sizeof buf, "S0000371400%02d%02d%07d", issued % 100, rng.between(1, 5),
                  rng.between(0, 9999999));
  return buf;
}

// ───────────────────────────── the designed data ──

struct HonourSpec {
  std::string kind;    // 荣誉 | 竞赛
  std::string name;
  std::string level;   // 竞赛级别
  int rank = 0;        // 0 = none
  std::string form;    // 个人 | 团体
  int year = 0;
  std::string cert;
};

struct AppSpec {
  std::string id, station, dept, occupation;
  std::string leader;
  bool leader_male = true;
  int leader_birth = 1980;
  std::string leader_qual;
  std::string team;                        // key of the team (same key = same people)
  std::vector<std::string> member_quals;   // the other members' 职业资格, as typed
  double area = 100;
  int target = 10;
  std::string equipment, project;          // project "" → 制度与项目经历 left blank
  bool materials = true;
  std::string previous;                    // 上一聘期编号
  std::vector<HonourSpec> honours;
  std::array<double, 5> scores{};
  std::string phone;
};

struct Objection {
  std::string id, reason, result;
};

// A row of reviews.xlsx's 资格核实 sheet: HR's finding on a 待核实 item.
struct Finding {
  std::string id, clause, result, note;
};

struct PerfSpec {
  std::string id, station;
  int e1, e2, trained, apprentices, projects, problems, innovations, patents, trainees, awards;
  double budget;
  bool compliant, misused;
  double benefit, social;
  std::optional<double> committee;
  std::string remarks;
};

// One year of the designed data.
struct YearData {
  std::vector<AppSpec> apps;
  std::vector<Objection> objections;
  std::vector<Finding> findings;
  std::vector<PerfSpec> performance;
  std::vector<std::string> experts;  // five a year; panels change a little from year to year
};

double number(const std::string& s) { return s.empty() ? 0 : std::stod(s); }

std::map<int, YearData> read_data(const fs::path& dir) {
  for (auto& row : read_tsv(dir / "vocabulary.tsv")) vocabulary[row.at(0)] = split_bar(row.at(1));
  std::map<int, YearData> years;
  std::map<std::string, AppSpec*> by_id;
  for (auto& r : read_tsv(dir / "applications.tsv")) {
    AppSpec a{r.at(1), r.at(2), r.at(3), r.at(4), r.at(5), r.at(6) == "男", std::stoi(r.at(7)), r.at(8),
              r.at(9), split_bar(r.at(10)), number(r.at(11)), std::stoi(r.at(12)), r.at(13), r.at(14),
              r.at(15) == "是", r.at(16), {}, {}, r.at(18)};
    auto scores = split_bar(r.at(17));
    for (std::size_t e = 0; e < a.scores.size(); ++e) a.scores[e] = number(scores.at(e));
    years[std::stoi(r.at(0))].apps.push_back(std::move(a));
  }
  for (auto& [year, y] : years)
    for (auto& a : y.apps) by_id[a.id] = &a;
  for (auto& r : read_tsv(dir / "honours.tsv")) {
    AppSpec* a = by_id.at(r.at(0));
    a->honours.push_back({r.at(1), r.at(2), r.at(3), r.at(4).empty() ? 0 : std::stoi(r.at(4)), r.at(5),
                          std::stoi(r.at(6)), r.at(7)});
  }
  for (auto& r : read_tsv(dir / "objections.tsv"))
    years[std::stoi(r.at(0))].objections.push_back({r.at(1), r.at(2), r.at(3)});
  for (auto& r : read_tsv(dir / "verifications.tsv"))
    years[std::stoi(r.at(0))].findings.push_back({r.at(1), r.at(2), r.at(3), r.at(4)});
  for (auto& r : read_tsv(dir / "performance.tsv")) {
    auto n = [&](int c) { return std::stoi(r.at(c)); };
    PerfSpec p{r.at(1), r.at(2), n(3), n(4), n(5), n(6), n(7), n(8), n(9), n(10), n(11), n(12),
               number(r.at(13)), r.at(14) == "是", r.at(15) == "是", number(r.at(16)), number(r.at(17)),
               r.at(18).empty() ? std::nullopt : std::optional<double>(number(r.at(18))), r.at(19)};
    years[std::stoi(r.at(0))].performance.push_back(std::move(p));
  }
  for (auto& r : read_tsv(dir / "experts.tsv")) years[std::stoi(r.at(0))].experts = split_bar(r.at(1));
  return years;
}

std::string opinion(double score, int expert) {
  const auto& pool = words(score >= 80 ? "opinion_high" : score >= 74 ? "opinion_mid" : "opinion_low");
  return pool[static_cast<size_t>(expert) % pool.size()];
}

// ───────────────────────────── workbook writing ──

// A cell as the sample writes it.
struct Val {
  enum Kind { Empty, Text, Number, Percent } kind = Empty;
  std::string text;
  double number = 0;
  static Val t(std::string s) { return {Text, std::move(s), 0}; }
  static Val n(double v) { return {Number, {}, v}; }
  static Val pct(double v) { return {Percent, {}, v}; }
};

struct HeaderGroup {  // a two-row header: `title` over columns first..last
  int first, last;
  std::string title;
};

struct Table {
  std::string sheet;
  std::vector<std::string> headers;  // as written: canonical or an alias variant
  std::vector<bool> text_column;     // format the column as text ("@")
  std::vector<std::vector<Val>> rows;
  std::vector<std::string> title_rows;  // merged across all columns, above the header
  std::vector<HeaderGroup> groups;      // non-empty → two header rows
};

void check(lxw_error err, const char* what) {
  if (err != LXW_NO_ERROR) throw std::runtime_error(std::string(what) + ": " + lxw_strerror(err));
}

struct Formats {
  lxw_format *title, *subtitle, *header, *text, *body, *number, *percent;
};

Formats make_formats(lxw_workbook* wb) {
  auto base = [&] {
    lxw_format* f = workbook_add_format(wb);
    format_set_font_name(f, "宋体");
    format_set_font_size(f, 11);
    return f;
  };
  Formats f{};
  f.title = base();
  format_set_bold(f.title);
  format_set_font_size(f.title, 16);
  format_set_align(f.title, LXW_ALIGN_CENTER);
  format_set_align(f.title, LXW_ALIGN_VERTICAL_CENTER);
  f.subtitle = base();
  format_set_align(f.subtitle, LXW_ALIGN_LEFT);
  f.header = base();
  format_set_bold(f.header);
  format_set_text_wrap(f.header);
  format_set_border(f.header, LXW_BORDER_THIN);
  format_set_bg_color(f.header, 0xE2EFDA);
  format_set_align(f.header, LXW_ALIGN_CENTER);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
  f.text = base();
  format_set_num_format(f.text, "@");
  format_set_border(f.text, LXW_BORDER_THIN);
  f.body = base();
  format_set_border(f.body, LXW_BORDER_THIN);
  f.number = base();
  format_set_border(f.number, LXW_BORDER_THIN);
  f.percent = base();
  format_set_num_format(f.percent, "0%");
  format_set_border(f.percent, LXW_BORDER_THIN);
  return f;
}

void write_table(lxw_workbook* wb, const Table& t, const Formats& f) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, t.sheet.c_str());
  if (!ws) throw std::runtime_error("cannot add sheet " + t.sheet);
  const auto last_col = static_cast<lxw_col_t>(t.headers.size() - 1);
  lxw_row_t row = 0;
  for (size_t i = 0; i < t.title_rows.size(); ++i, ++row) {
    lxw_format* fmt = i == 0 ? f.title : f.subtitle;
    check(worksheet_merge_range(ws, row, 0, row, last_col, t.title_rows[i].c_str(), fmt), "title");
    check(worksheet_set_row(ws, row, i == 0 ? 32 : 20, nullptr), "row height");
  }
  if (t.groups.empty()) {
    for (size_t c = 0; c < t.headers.size(); ++c)
      check(worksheet_write_string(ws, row, c, t.headers[c].c_str(), f.header), "header");
    check(worksheet_set_row(ws, row, 30, nullptr), "row height");
    ++row;
  } else {
    // Two header rows: a group title merged over its columns, the other headers
    // merged vertically over both rows.
    std::vector<bool> grouped(t.headers.size(), false);
    for (auto& g : t.groups) {
      check(worksheet_merge_range(ws, row, g.first, row, g.last, g.title.c_str(), f.header), "group");
      for (int c = g.first; c <= g.last; ++c) {
        grouped[c] = true;
        check(worksheet_write_string(ws, row + 1, c, t.headers[c].c_str(), f.header), "header");
      }
    }
    for (size_t c = 0; c < t.headers.size(); ++c)
      if (!grouped[c])
        check(worksheet_merge_range(ws, row, c, row + 1, c, t.headers[c].c_str(), f.header), "header");
    row += 2;
  }
  worksheet_freeze_panes(ws, row, 0);
  std::vector<double> widths(t.headers.size(), 8);
  for (size_t c = 0; c < t.headers.size(); ++c)
    widths[c] = std::max(widths[c], tws::template_writer::display_width(t.headers[c]) + 2);
  for (auto& r : t.rows) {
    for (size_t c = 0; c < r.size(); ++c) {
      const Val& v = r[c];
      lxw_format* fmt = t.text_column[c] ? f.text : f.body;
      switch (v.kind) {
        case Val::Empty: check(worksheet_write_blank(ws, row, c, fmt), "blank"); break;
        case Val::Text:
          check(worksheet_write_string(ws, row, c, v.text.c_str(), fmt), "text");
          widths[c] = std::max(widths[c], std::min(40.0, tws::template_writer::display_width(v.text) + 2));
          break;
        case Val::Number: check(worksheet_write_number(ws, row, c, v.number, f.number), "number"); break;
        case Val::Percent: check(worksheet_write_number(ws, row, c, v.number, f.percent), "percent"); break;
      }
    }
    ++row;
  }
  for (size_t c = 0; c < widths.size(); ++c)
    check(worksheet_set_column(ws, c, c, widths[c], nullptr), "width");
}

// Fixed document date (2024-01-01T00:00:00Z): libxlsxwriter otherwise stamps the clock.
constexpr time_t kFixedCreated = 1704067200;

void write_workbook(const fs::path& target, const std::string& title, const std::vector<Table>& tables) {
  tws::write_atomically(target, [&](const fs::path& tmp) {
    lxw_workbook* wb = workbook_new(tmp.c_str());
    if (!wb) throw std::runtime_error("cannot create " + tmp.string());
    lxw_doc_properties props;
    std::memset(&props, 0, sizeof props);
    props.title = const_cast<char*>(title.c_str());
    props.created = kFixedCreated;
    workbook_set_properties(wb, &props);
    Formats f = make_formats(wb);
    try {
      for (auto& t : tables) write_table(wb, t, f);
    } catch (...) {
      lxw_workbook_free(wb);
      throw;
    }
    const std::string name = target.filename().string();
    check(workbook_close(wb), name.c_str());
  });
}

// ───────────────────────────── one year ──

Val text(std::string s) { return s.empty() ? Val{} : Val::t(std::move(s)); }

std::string fmt_num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// Per-year presentation choices: the imperfections HR files really have.
struct Style {
  std::vector<std::string> app_titles;  // title rows above 申报汇总's header
  std::map<std::string, std::string> app_headers, member_headers, honour_headers, review_headers,
      objection_headers, perf_headers;  // canonical → as written
  std::string member_sheet = "入站人员";
  bool member_two_row_header = false;
  std::map<std::string, Val> app_cell_override;   // "申报编号|列" → cell
  std::map<std::string, Val> perf_cell_override;  // "申报编号|列" → cell
  std::map<std::string, Val> honour_year_override;  // 申报编号 → 年份 cell of its first honour
};

Style style_for(int year) {
  Style s;
  switch (year) {
    case 2024:
      s.app_titles = {"2024年技师工作站申报汇总表"};
      s.app_headers = {{"所在部门", "所在系部（院）"}, {"领办人", "领办人\n姓名"},
                       {"工作场所面积", "工作场所面积（平方米）"}};
      s.honour_headers = {{"名称", "荣誉（竞赛）名称"}};
      s.perf_cell_override = {{"2024-02|预算执行率", Val::t("93%")}};
      s.honour_year_override = {{"2024-01", Val::t("2018年")}};
      break;
    case 2025:
      s.app_headers = {{"职业（工种）", "职业 （工种）"}, {"领办人身份证号", "身份证号码"},
                       {"材料齐全", "材料是否齐全"}};
      s.member_two_row_header = true;
      s.review_headers = {{"专家", "专家 姓名"}, {"意见", "评审意见"}};
      s.honour_headers = {{"参赛形式", "个人/团体"}};
      s.objection_headers = {{"核查结论", "核查结果"}};
      s.app_cell_override = {{"2025-01|年培养目标", Val::t("１２")}, {"2025-03|工作场所面积", Val::t("８０平方米")}};
      s.perf_cell_override = {{"2025-05|预算执行率", Val::t("90%")}};
      break;
    default:
      s.app_titles = {"2026年技师工作站申报汇总表", "填报单位：组织人事处　　填报日期：2026.4.15"};
      s.app_headers = {{"所在部门", "依托部门"}, {"年培养目标", "年培养人数"},
                       {"上一聘期编号", "上一聘期工作站编号"}, {"领办人", "领办人姓名"}};
      s.member_sheet = "入站成员";
      s.honour_year_override = {{"2026-12", Val::t("2016年度")}};
      s.perf_headers = {{"经济效益（万元）", "经济效益(万元)"}, {"考核委员会评分", "委员会评分"}};
      s.perf_cell_override = {{"2026-10|培训人次", Val::t("３４")},
                              {"2026-04|预算执行率", Val::t("80%")},
                              {"2026-12|考核年度", Val::t("2026年")}};
      break;
  }
  return s;
}

std::string header(const std::map<std::string, std::string>& variants, const std::string& canonical) {
  auto it = variants.find(canonical);
  return it == variants.end() ? canonical : it->second;
}

Table make_table(std::string sheet, const std::vector<std::pair<std::string, bool>>& columns,
                 const std::map<std::string, std::string>& variants) {
  Table t;
  t.sheet = std::move(sheet);
  for (auto& [name, is_text] : columns) {
    t.headers.push_back(header(variants, name));
    t.text_column.push_back(is_text);
  }
  return t;
}

Val pick(const std::map<std::string, Val>& overrides, const std::string& key, Val fallback) {
  auto it = overrides.find(key);
  return it == overrides.end() ? std::move(fallback) : it->second;
}

void write_year(const fs::path& root, int year, const YearData& data, People& people) {
  const std::vector<AppSpec>& apps = data.apps;
  const Style st = style_for(year);
  const fs::path dir = root / std::to_string(year);
  fs::create_directories(dir);

  // applications.xlsx
  Table summary = make_table("申报汇总",
                             {{"申报编号", true}, {"工作站名称", false}, {"所在部门", false},
                              {"职业（工种）", false}, {"领办人", false}, {"领办人身份证号", true},
                              {"领办人职业资格", false}, {"联系电话", true}, {"工作场所面积", false},
                              {"主要设备", false}, {"年培养目标", false}, {"制度与项目经历", false},
                              {"工作计划", false}, {"部门支持", false}, {"材料齐全", false},
                              {"上一聘期编号", true}},
                             st.app_headers);
  summary.title_rows = st.app_titles;
  Table members = make_table(st.member_sheet,
                             {{"申报编号", true}, {"姓名", false}, {"身份证号", true}, {"职业资格", false},
                              {"工种", false}, {"证书编号", true}, {"是否领办人", false}},
                             st.member_headers);
  if (st.member_two_row_header) members.groups = {{3, 5, "职业资格情况"}};
  Table honours = make_table("荣誉与竞赛",
                             {{"申报编号", true}, {"类型", false}, {"名称", false}, {"级别", false},
                              {"名次", false}, {"参赛形式", false}, {"年份", false}, {"证书编号", true}},
                             st.honour_headers);

  for (const AppSpec& a : apps) {
    const Person& leader = people.leader(a.leader, a.leader_male, a.leader_birth);
    auto key = [&](const char* col) { return a.id + "|" + col; };
    std::string systems =
        a.project.empty() ? "" : "已建立技能人才培养、评价、选拔使用和激励制度；独立承担" + a.project;
    std::string plan = "每年为企业和社会培养高技能人才" + std::to_string(a.target) +
                       "人以上；每学期对接企业不少于2家，开展技术攻关、技术交流；组织“金蓝领”培训和职业技能竞赛";
    std::string support = a.dept + "提供" + fmt_num(a.area) + "平方米固定工作场所，每年配套经费" +
                          std::to_string(3 + static_cast<int>(fnv1a(a.id) % 5)) +
                          "万元，安排专任教师参与工作站建设";
    summary.rows.push_back({
        Val::t(a.id), Val::t(a.station), Val::t(a.dept), Val::t(a.occupation), Val::t(leader.name),
        Val::t(leader.id), Val::t(a.leader_qual), Val::t(a.phone),
        pick(st.app_cell_override, key("工作场所面积"), Val::n(a.area)), Val::t(a.equipment),
        pick(st.app_cell_override, key("年培养目标"), Val::n(a.target)), text(systems), Val::t(plan),
        Val::t(support), Val::t(a.materials ? "是" : "否"), text(a.previous),
    });

    // 入站人员: the leader first, then the team. A certificate belongs to its holder
    // and level, so it stays the same when a team re-applies.
    auto cert_for = [&](const Person& p, const std::string& qual) -> std::string {
      Rng rng("cert:" + p.id + ":" + qual);
      if (qual == "主管技师") return "ZG" + std::to_string(2010 + rng.below(10)) + std::to_string(rng.between(100000, 999999));
      if (qual.find("首席技师") != std::string::npos && qual != "首席技师") return "";  // an honour, no certificate
      // Issued 2008–2023, never before the holder turned 25: valid for every sample year.
      return certificate(rng, std::min(2023, std::max(p.birth_year + 25, 2008 + rng.below(16))));
    };
    members.rows.push_back({Val::t(a.id), Val::t(leader.name), Val::t(leader.id), Val::t(a.leader_qual),
                            Val::t(a.occupation), Val::t(cert_for(leader, a.leader_qual)),
                            Val::t("是")});
    std::vector<Person> team = people.team(a.team, a.member_quals.size());
    for (size_t i = 0; i < team.size(); ++i) {
      const std::string& q = a.member_quals[i];
      std::string trade = a.occupation;
      if (q == "主管技师") trade = "医学检验";
      members.rows.push_back({Val::t(a.id), Val::t(team[i].name), Val::t(team[i].id), Val::t(q),
                              Val::t(trade), text(cert_for(team[i], q)), Val::t("否")});
    }

    for (size_t i = 0; i < a.honours.size(); ++i) {
      const HonourSpec& h = a.honours[i];
      Val year_cell = Val::n(h.year);
      if (i == 0) year_cell = pick(st.honour_year_override, a.id, year_cell);
      honours.rows.push_back({Val::t(a.id), Val::t(h.kind), Val::t(h.name), text(h.level),
                              h.rank ? Val::n(h.rank) : Val{}, text(h.form), year_cell, text(h.cert)});
    }
  }
  write_workbook(dir / "applications.xlsx", "技师工作站申报汇总", {summary, members, honours});

  // reviews.xlsx: every application scored by the year's five experts.
  Table reviews = make_table("专家评分", {{"申报编号", true}, {"专家", false}, {"评分", false}, {"意见", false}},
                             st.review_headers);
  const auto& experts = data.experts;
  for (const AppSpec& a : apps)
    for (size_t e = 0; e < experts.size(); ++e)
      reviews.rows.push_back({Val::t(a.id), Val::t(experts[e]), Val::n(a.scores[e]),
                              Val::t(opinion(a.scores[e], static_cast<int>(e + fnv1a(a.id) % 5)))});
  // 资格核实: a year with 待核实 items has a sheet with HR's findings; the others have none.
  std::vector<Table> review_tables = {reviews};
  if (!data.findings.empty()) {
    Table findings = make_table("资格核实", {{"申报编号", true}, {"条款", true}, {"结论", false}, {"说明", false}}, {});
    for (auto& f : data.findings)
      findings.rows.push_back({Val::t(f.id), Val::t(f.clause), Val::t(f.result), Val::t(f.note)});
    review_tables.push_back(findings);
  }
  write_workbook(dir / "reviews.xlsx", "技师工作站专家评分", review_tables);

  // objections.xlsx
  Table objections = make_table("公示异议", {{"申报编号", true}, {"异议事由", false}, {"核查结论", false}},
                                st.objection_headers);
  for (auto& o : data.objections)
    objections.rows.push_back({Val::t(o.id), Val::t(o.reason), Val::t(o.result)});
  write_workbook(dir / "objections.xlsx", "技师工作站公示异议", {objections});

  // performance.xlsx: one row per station active this year, by 申报编号.
  Table perf = make_table("年度考核",
                          {{"申报编号", true}, {"工作站名称", false}, {"考核年度", false},
                           {"上学期对接企业数", false}, {"下学期对接企业数", false},
                           {"培养高技能人才数", false}, {"带徒人数", false}, {"技术攻关项目数", false},
                           {"解决技术难题数", false}, {"创新成果数", false}, {"专利数", false},
                           {"培训人次", false}, {"竞赛获奖数", false}, {"预算执行率", false},
                           {"账目合规", false}, {"经费违规使用", false}, {"经济效益（万元）", false},
                           {"社会效益评分", false}, {"考核委员会评分", false}, {"备注", false}},
                          st.perf_headers);
  for (const PerfSpec& p : data.performance) {
    auto cell = [&](const char* col, Val v) { return pick(st.perf_cell_override, p.id + "|" + col, std::move(v)); };
    perf.rows.push_back({
        Val::t(p.id), Val::t(p.station), cell("考核年度", Val::n(year)), Val::n(p.e1), Val::n(p.e2),
        Val::n(p.trained), Val::n(p.apprentices), Val::n(p.projects), Val::n(p.problems),
        Val::n(p.innovations), Val::n(p.patents), cell("培训人次", Val::n(p.trainees)), Val::n(p.awards),
        cell("预算执行率", Val::pct(p.budget)), Val::t(p.compliant ? "是" : "否"),
        Val::t(p.misused ? "是" : "否"), Val::n(p.benefit), Val::n(p.social),
        p.committee ? Val::n(*p.committee) : Val{}, text(p.remarks),
    });
  }
  write_workbook(dir / "performance.xlsx", "技师工作站年度考核", {perf});
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) {
    std::cerr << "用法: tws_sample OUTDIR [DATADIR]    由 DATADIR（默认 tests/sample）写出 OUTDIR/<年度> 的示例输入\n";
    return 2;
  }
  try {
    const fs::path root = argv[1];
    const std::map<int, YearData> years = read_data(argc == 3 ? fs::path(argv[2]) : fs::path(TWS_SAMPLE_DATA));
    // One set of people across the years: a re-applicant stays the same person. The
    // leaders are registered first so that no generated member takes their names.
    People people;
    for (auto& [year, data] : years)
      for (auto& a : data.apps) people.leader(a.leader, a.leader_male, a.leader_birth);
    for (auto& [year, data] : years) write_year(root, year, data, people);
  } catch (const std::exception& e) {
    std::cerr << "tws_sample: " << e.what() << "\n";
    return 3;
  }
  return 0;
}
