// Settings from input/tws.ini: the institution, the document numbering, the
// publicity contact, and every threshold of SPEC §2 with the regulation's default.
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "common/errors.h"

namespace tws::config {

struct Institution {
  std::string name = "德州职业技术学院";
  std::string issuing_office = "德州职业技术学院院长办公室";  // 版记 印发机关
  std::string doc_prefix = "德职院政发";                      // 发文字号 prefix
  int next_serial = 1;                                       // next 发文字号 serial
  std::string hr_office = "组织人事处";
};

struct Publicity {
  std::string contact, phone, email, address;
  std::string start_date;   // YYYY-MM-DD; empty = first working day after the run date
  int workdays = 3;         // 第五条（三）公示不少于 3 个工作日
};

// 第四条 and SPEC §2 eligibility list.
struct Eligibility {
  int min_skilled_members = 5;     // 第四条（一）技师及以上不少于 5 人
  bool leader_counts = true;       // the leader counts among the 5
  double min_area_m2 = 60;         // 第四条（三）一般不少于 60 平方米
  bool area_strict = false;        // 一般: below is a warning unless strict
  int min_annual_target = 10;      // 第四条（五）每年培养不少于 10 人
  std::string team_placing = "expert";  // expert (待核实) | accept | reject
  // 第三条 在聘期内做出突出贡献, for a re-application: excellent (an 优秀 and no 不合格 in
  // the previous term → 通过, only 合格 → 待核实) | verify (always 待核实) | none (not checked)
  std::string reapply_contribution = "excellent";
};

// 第五条（三）expert review.
struct Selection {
  bool drop_extremes = true;       // drop one highest and one lowest score
  int drop_extremes_min_experts = 5;
  double threshold = 75;           // recommended when aggregate ≥ threshold
  int quota = 0;                   // 0 = no yearly quota
  double score_min = 0, score_max = 100;
  int min_experts = 3;
};

// SPEC §2 assessment sheet (第六条, 第七条); item points and per-unit rules.
struct Assessment {
  double enterprise_points = 15, enterprise_deduction = 4;  int enterprise_min_per_semester = 2;
  double training_points = 15, training_deduction = 2;      int training_min_target = 10;
  double apprentice_points = 10, apprentice_per_person = 2;
  double achievement_points = 15, achievement_per_item = 3;
  double course_points = 10, course_per_10_trainees = 1, course_per_award = 2;
  double budget_high_rate = 0.9, budget_high_points = 10;
  double budget_mid_rate = 0.7, budget_mid_points = 6, budget_low_points = 2;
  double compliance_points = 5;
  double benefit_high = 50, benefit_high_points = 10;
  double benefit_mid = 20, benefit_mid_points = 7;
  double benefit_low = 5, benefit_low_points = 4;
  double social_max = 10;
  std::string committee_mode = "replace";  // replace | blend
  double committee_weight = 0.5;           // committee share when blending
  double excellent = 90, pass = 60;        // grade thresholds
  double excellent_cap = 0;                // max share of 优秀 (0 = off)
  // The day the results were decided (YYYY-MM-DD, a year's tws.ini only); empty = the
  // run's date. The 考核结果通报, the 经费下达通知 and revocations bear it.
  std::string decided_on;
};

// 第五条（四）“报学校研究确定”: the school's decision, recorded in the year's tws.ini.
struct Approval {
  std::string decided_on;  // YYYY-MM-DD; empty = not decided yet (approval not due)
  std::string meeting;     // e.g. 2026年第9次院长办公会; empty = not named in the 认定通知
  int doc_number = 0;      // the 认定通知's 发文字号 serial from the office's register; 0 = allocated
};

// 第五条（一）“学校每年4月份启动…申报工作”: the 启动申报通知 and the windows it
// announces, in working days after the day before (the year's tws.ini).
struct Call {
  std::string issue_date;   // YYYY-MM-DD; empty = tws issues no call for the year
  int apply_workdays = 15;  // 申报截止: working days after the issue
  int review_workdays = 5;  // 资格审查, after the deadline
  int expert_workdays = 5;  // 专家评审, after the 资格审查; the 公示 follows ([publicity] workdays)
  int doc_number = 0;       // the notice's 发文字号 serial from the office's register; 0 = allocated
};

// 第五条（三）“组织人事处组织专家进行评审”: the panel, and the items of the 专家评分表
// `tws review-sheets` writes for each expert.
struct ReviewItem {
  std::string name;   // e.g. 目标任务
  double points = 0;  // its full marks (分值); the items' points add up to [selection] score_max
};
struct Review {
  std::vector<std::string> experts;  // experts = 张三、李四 (、 , ，); empty: no score sheets
  std::vector<ReviewItem> criteria;  // criteria = 目标任务:40、条件保障:30 …; empty: one 评分 column
};

// 第八条 funding; 第三条 term.
struct Funding {
  double excellent_amount = 20000, pass_amount = 20000, fail_amount = 0;
  int funding_years = 2;  // 第八条 资助期为 2 年
  int term_years = 2;     // 第三条 聘期为 2 年
};

// The 年度工作简报 (`tws brief`): its readers in the 版记 and the 期号 of the registry's
// first year (each later year's brief is the next issue).
struct Brief {
  std::string to = "学校领导";  // 报：
  std::string copy = "各部门";  // 送：
  int first_issue = 1;
};

struct Output {
  std::string registry = "output/registry.sqlite3";
  std::string collation = "department,stroke";  // 公示 order
  std::string fonts = "fonts/fonts.ini";
  std::string xlsx_font = "宋体";
  bool duplex = true;  // 双面印刷: 版记 on an even page (GB/T 9704 §7.4)
};

struct Settings {
  Institution institution;
  Publicity publicity;
  Eligibility eligibility;
  Selection selection;
  Call call;
  Review review;
  Approval approval;
  Assessment assessment;
  Funding funding;
  Brief brief;
  Output output;
  std::string source;  // file read, for messages
  // Where each key was set ("section.key" → file and line), for messages about its value.
  std::map<std::string, Location> where;
};

// Reads tws.ini. Unknown keys and bad values are reported with the key's name and
// line; any error throws tws::InputError (first problem) after collecting all in `diags`.
// Keys not in the file keep their value from `base` (so a year's own
// input/<year>/tws.ini can override a few keys of the main file).
Settings load_settings(const std::filesystem::path& file, Diagnostics& diags,
                       const Settings& base = Settings{});
// A year's own input/<year>/tws.ini over `base` (the main file's settings): only the
// regulation's rules and dates may differ by year ([publicity] start_date and workdays,
// [eligibility], [selection], [review], [approval], [assessment], [funding]); any other key (the
// registry, fonts, the institution, the publicity contact) is an error naming file, line
// and key. The school's decisions ([approval], [assessment] decided_on) belong to one
// year: in the main file they are an error the same way.
Settings load_year_settings(const std::filesystem::path& file, Diagnostics& diags, const Settings& base);
// Whether `key` ("section.key") may be set in a year's tws.ini.
bool year_key(const std::string& key);
// Whether `key` may be set only there (a decision of one year: [approval], [assessment]
// decided_on, [call] issue_date and doc_number).
bool year_only_key(const std::string& key);
// The settings a tws.ini's text holds, "section.key=value" in file order (comments,
// blank lines and spacing left out).
std::vector<std::string> setting_lines(const std::string& content);
// The defaults, for tests and for `tws template`.
Settings default_settings();

}  // namespace tws::config
