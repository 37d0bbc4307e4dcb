// Typed records of SPEC §3, validated: what the rules see. Each record keeps the
// row it came from so every later decision can point back at the input.
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string_view>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/diagnostic.h"
#include "config/settings.h"
#include "records/values.h"

namespace tws::records {

struct Application {
  Location where;                 // the row in 申报汇总
  std::string id;                 // 申报编号
  std::string name;               // 工作站名称
  std::string department;         // 所在部门
  std::string occupation;         // 职业（工种）
  std::string leader;             // 领办人
  std::string leader_id_number;   // private: never in public documents
  std::string leader_qualification;  // as typed
  Qualification leader_level;
  std::string phone;              // private
  std::optional<double> area_m2;
  std::string equipment;
  int annual_target = 0;
  std::string systems_and_projects;
  std::string work_plan;
  std::string department_support;
  bool materials_complete = false;
  std::string previous_term;      // 上一聘期编号
};

struct Member {
  Location where;
  std::string application_id;
  std::string name;
  std::string id_number;          // private
  std::string qualification;      // as typed
  Qualification level;
  std::string occupation;
  std::string certificate_no;
  bool is_leader = false;
};

struct Honour {
  Location where;
  std::string application_id;
  std::string kind;               // 荣誉 | 竞赛
  std::string name;
  std::string level;              // 竞赛级别, e.g. 省级一类; a 荣誉's 国家级, 省级, 市级
  Location level_where;           // its cell
  std::optional<int> rank;        // 名次
  std::string participation;      // 个人 | 团体 | "" (not stated)
  std::optional<int> year;
  std::string certificate_no;
};

struct Review {
  Location where;
  std::string application_id;
  std::string expert;
  double score = 0;
  std::string opinion;
};

// A row of reviews.xlsx's 资格核实 sheet: people's finding on the 待核实 items of one
// application under one clause (SPEC §2).
struct Verification {
  Location where;                 // the 申报编号 cell
  Location clause_where;          // the 条款 cell
  std::string application_id;
  std::string clause;             // normalised: 第四条（一） (normalize_clause)
  bool passed = false;            // 结论 通过
  std::string note;               // 说明: what was checked, by whom
};

// A clause as the 资格审查汇总 prints it: NFKC, no spaces, brackets full-width, so
// “第四条(一)” and “第四条 （一）” are “第四条（一）”.
std::string normalize_clause(std::string_view text);

struct Objection {
  Location where;
  std::string application_id;
  std::string reason;
  bool upheld = false;            // 核查结论 成立
};

struct Performance {
  Location where;
  Location station_where;         // the 工作站编号 (or else 申报编号) cell
  Location year_where;            // the 考核年度 cell
  std::string station_code;       // 工作站编号 (either this or application_id)
  std::string application_id;     // 申报编号
  std::string station_name;
  int year = 0;                   // 考核年度
  int enterprises_first = 0, enterprises_second = 0;
  int trained = 0, apprentices = 0;
  int tech_projects = 0, problems_solved = 0, innovations = 0, patents = 0;
  int trainees = 0, awards = 0;
  double budget_rate = 0;         // 0..1 (may exceed 1 when overspent)
  bool accounts_compliant = false;
  bool funds_misused = false;
  double economic_benefit = 0;    // 万元
  double social_score = 0;
  std::optional<double> committee_score;
  std::string remarks;
};

// A 专家评分表 returned into input/<year>/reviews/ (records/review_sheet.h), as read.
struct ReturnedSheet {
  std::filesystem::path file;
  std::string id, expert;  // from its sheet 评分表信息
  Location id_where, expert_where;
  // Every non-empty cell of 专家评分 and of 评分表信息, (row, col) 0-based → the text a
  // reader shows (ingest::display).
  std::map<std::pair<uint32_t, uint32_t>, std::string> cells, info;
  size_t scored = 0;  // score cells filled in
};

// One year's inputs; a file that is absent leaves its part empty and `has_*` false.
struct YearInput {
  int year = 0;
  std::filesystem::path dir;
  bool has_applications = false, has_reviews = false, has_objections = false,
       has_performance = false;
  std::vector<std::filesystem::path> files;   // every input file read
  // SHA-256 of the bytes parsed, for each file of `files` that could be opened
  std::unordered_map<std::string, std::string> file_sha256;
  std::vector<Application> applications;
  std::vector<Member> members;
  std::vector<Honour> honours;
  std::vector<Review> reviews;
  std::vector<Verification> verifications;  // reviews.xlsx 资格核实 (optional sheet)
  std::vector<Objection> objections;
  std::vector<Performance> performance;
  // input/<year>/reviews/: every file found (hashed with the inputs) and the 专家评分表
  // among them; their scores are in `reviews` after reviews.xlsx's.
  std::vector<std::filesystem::path> returned_files;
  std::vector<ReturnedSheet> returned;
  // Their problems, reported by select together with the comparison of each sheet with
  // the one written for its expert (which needs the eligibility): not in load_year's diags.
  Diagnostics returned_problems;
};

// One application's rows of a sheet, in sheet order.
template <class T>
using RowsOf = std::span<const T* const>;

// A year's records by 申报编号, found once: rules, documents and workbooks ask for one
// application's members, honours and reviews for every application, and a scan of the
// sheets per question is quadratic. Lists keep sheet order; the application is the
// first row with the id (as a scan from the top finds it). Keys are views into `in`,
// which must outlive it and not change.
class ByApplication {
 public:
  explicit ByApplication(const YearInput& in);
  const Application* application(std::string_view id) const;
  RowsOf<Member> members(std::string_view id) const;
  RowsOf<Honour> honours(std::string_view id) const;
  RowsOf<Review> reviews(std::string_view id) const;

 private:
  template <class T>
  using Index = std::unordered_map<std::string_view, std::vector<const T*>>;
  template <class T>
  static Index<T> index(const std::vector<T>& rows);
  template <class T>
  static RowsOf<T> rows(const Index<T>& index, std::string_view id);

  std::unordered_map<std::string_view, const Application*> applications_;
  Index<Member> members_;
  Index<Honour> honours_;
  Index<Review> reviews_;
};

// Reads input/<year>/ (applications, reviews, objections, performance as .xlsx or
// .csv), matches headers by text, converts and validates every cell, and checks
// duplicates and dangling references. Every problem goes to `diags` with file,
// sheet, row and column; records with errors are still returned (for reporting)
// but a caller must not act on a year whose diags has errors.
YearInput load_year(const std::filesystem::path& input_root, int year,
                    const config::Settings& settings, Diagnostics& diags);

// The input file `stem` ("reviews") of a year's folder as load_year finds it: its name
// in any letter case, .xlsx, .xlsm, .csv or .xls (of two names differing only by case,
// an error load_year reports, the first); nothing when absent.
std::optional<std::filesystem::path> find_input_file(const std::filesystem::path& dir, const std::string& stem);

}  // namespace tws::records
