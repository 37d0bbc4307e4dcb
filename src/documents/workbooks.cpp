#include "documents/workbooks.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include "common/date.h"
#include "common/strings.h"
#include "records/values.h"

namespace tws::documents {
namespace {

using report::Column;
using report::ColumnKind;
using report::Formula;
using report::TableSheet;
using report::Value;

// A number as the notes print it (86, 72.5).
std::string str(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

// "¥20,000": whole yuan with thousands separators.
std::string yuan(double v) {
  const std::string f = rules::amount_in_figures(v);
  return "¥" + f.substr(0, f.find('.'));
}

std::string words(double yuan) { return rules::amount_in_words(yuan); }

// A table's title: the institution, the year, then `what`.
std::string heading(const config::Settings& s, int year, const std::string& what) {
  return s.institution.name + std::to_string(year) + what;
}

// ─────────────────────────────── selection ───────────────────────────────

// Short column labels of SPEC §2's nine criteria; the full titles go in a note.
std::string criterion_label(const rules::Criterion& c) {
  static const char* labels[] = {"", "领军人才", "技师人数", "制度与项目", "场所面积", "仪器设备",
                                 "计划与目标", "部门保障", "材料齐全", "聘期状态"};
  std::string label = c.number >= 1 && c.number <= 9 ? labels[c.number] : c.title;
  return std::to_string(c.number) + " " + label;
}

// Experts in the order they first appear in reviews.xlsx.
std::vector<std::string> experts_of(const records::YearInput& in) {
  std::vector<std::string> names;
  for (auto& r : in.reviews)
    if (std::find(names.begin(), names.end(), std::string(r.expert)) == names.end()) names.push_back(std::string(r.expert));
  return names;
}

// Appends the expert scores of one application to the row t will get next, in `experts`
// order from column `first_col`; the dropped highest and lowest (when trimmed) muted.
void expert_cells(const records::ByApplication& by, const rules::Candidate* c, const std::string& id,
                  const std::vector<std::string>& experts, size_t first_col, std::vector<Value>& row, TableSheet& t) {
  const auto& reviews = by.reviews(id);
  const records::Review *high = nullptr, *low = nullptr;
  if (c && c->score.trimmed) {
    for (auto* r : reviews)
      if (!high && r->score == c->score.dropped_high) high = r;
    for (auto* r : reviews)
      if (!low && r != high && r->score == c->score.dropped_low) low = r;
  }
  for (size_t e = 0; e < experts.size(); ++e) {
    Value v;
    for (auto* r : reviews)
      if (r->expert == experts[e]) {
        v = r->score;
        if (r == high || r == low) t.muted.insert({t.rows.size(), first_col + e});
        break;
      }
    row.push_back(v);
  }
}

// Members by qualification level: 首席技师, 特级技师, 高级技师, 技师, 高级工及以下, 待核实.
constexpr const char* kLevelHeaders[] = {"首席技师", "特级技师", "高级技师", "技师", "高级工及以下", "待核实"};
size_t level_bucket(const records::Member& m) {
  using records::SkillLevel;
  if (m.level.needs_expert || m.level.level == SkillLevel::Unknown) return 5;
  switch (m.level.level) {
    case SkillLevel::Chief: return 0;
    case SkillLevel::Special: return 1;
    case SkillLevel::Level1: return 2;
    case SkillLevel::Level2: return 3;
    default: return 4;
  }
}

// The first candidate of each application id, as a scan of the candidates finds it.
using Candidates = std::unordered_map<std::string, const rules::Candidate*>;
Candidates candidates_by_id(const rules::SelectionResult& sel) {
  Candidates by;
  for (auto& c : sel.candidates) by.emplace(c.application_id, &c);
  return by;
}

// What the eligibility sheet's columns are, by position.
struct EligibilityColumns {
  size_t criteria = 0, first_criterion = 0, first_level = 0, first_expert = 0, recommend = 0;
};

EligibilityColumns eligibility_columns(TableSheet& t, const std::vector<std::string>& experts,
                                       const std::vector<rules::EligibilityResult>& el) {
  EligibilityColumns c;
  t.columns = {{"申报编号", ColumnKind::Text, 12}, {"工作站名称", ColumnKind::Text, 22}, {"所在部门", ColumnKind::Text, 14},
               {"领办人", ColumnKind::Text, 10}};
  c.first_criterion = t.columns.size();
  if (!el.empty())
    for (auto& cr : el.front().criteria)
      t.columns.push_back({criterion_label(cr), ColumnKind::Verdict, 12, "资格条件（通过 / 不通过 / 提示）"});
  c.criteria = t.columns.size() - c.first_criterion;
  t.columns.push_back({"审查结论", ColumnKind::Text, 16});
  t.columns.push_back({"审查意见（未通过、提示或经核实的条件）", ColumnKind::Text, 46});
  t.columns.push_back({"资格核实（条款、结论、说明）", ColumnKind::Text, 40});
  t.columns.push_back({"上一聘期及年度考核（第三条）", ColumnKind::Text, 40});
  c.first_level = t.columns.size();
  for (auto* h : kLevelHeaders) t.columns.push_back({h, ColumnKind::Integer, 8, "入站人员（人）"});
  t.columns.push_back({"合计", ColumnKind::Integer, 8, "入站人员（人）"});
  c.first_expert = t.columns.size();
  for (auto& e : experts) t.columns.push_back({e, ColumnKind::Decimal, 10, "专家评分"});
  t.columns.push_back({"评审得分", ColumnKind::Score});
  t.columns.push_back({"排名", ColumnKind::Integer});
  c.recommend = t.columns.size();
  t.columns.push_back({"是否推荐", ColumnKind::YesNo});
  return c;
}

// One application's row: verdicts, the reasons of what did not pass, members by level,
// expert scores, aggregate, rank, recommended.
void add_eligibility_row(TableSheet& t, const EligibilityColumns& cols, const records::ByApplication& by,
                         const std::vector<std::string>& experts, const rules::EligibilityResult& e,
                         const rules::Candidate* c) {
  const std::string id(e.application_id);
  const records::Application* a = by.application(id);
  std::vector<Value> row{id, a ? std::string(a->name) : "", a ? std::string(a->department) : "",
                         a ? std::string(a->leader) : ""};
  std::vector<std::string> reasons, findings;
  for (size_t k = 0; k < cols.criteria; ++k) {
    const rules::Criterion* cr = k < e.criteria.size() ? &e.criteria[k] : nullptr;
    row.push_back(cr ? Value(rules::verdict_label(cr->verdict)) : Value{});
    if (cr && (cr->verdict != rules::Verdict::Pass || !cr->findings.empty()))
      for (auto& r : cr->reasons) reasons.push_back(std::to_string(cr->number) + " " + std::string(r));
    if (cr)
      for (auto& f : cr->findings) findings.push_back(std::to_string(cr->number) + " " + f);
  }
  row.push_back(std::string(e.summary));
  row.push_back(reasons.empty() ? std::string("各项条件均符合") : join(reasons, "\n"));
  row.push_back(join(findings, "\n"));
  row.push_back(std::string(e.previous_term));
  double counts[6] = {0, 0, 0, 0, 0, 0}, total = 0;
  for (const records::Member* m : by.members(id)) {
    ++counts[level_bucket(*m)];
    ++total;
  }
  row.insert(row.end(), std::begin(counts), std::end(counts));
  row.push_back(total);
  expert_cells(by, c, id, experts, cols.first_expert, row, t);
  row.push_back(c && !c->score.scores.empty() ? Value(c->score.aggregate) : Value{});
  row.push_back(c && c->rank > 0 ? Value(double(c->rank)) : Value{});
  row.push_back(std::string(c && c->recommended ? "是" : "否"));
  t.rows.push_back(std::move(row));
}

TableSheet eligibility_sheet(const config::Settings& s, int year, const records::ByApplication& by,
                             const std::vector<std::string>& experts, const std::vector<rules::EligibilityResult>& el,
                             const rules::SelectionResult& sel) {
  TableSheet t{"资格审查", heading(s, year, "年技师工作站资格审查汇总"), {}, {}};
  t.freeze_columns = 2;
  const EligibilityColumns cols = eligibility_columns(t, experts, el);
  const Candidates candidates = candidates_by_id(sel);
  for (auto& e : el) {
    auto found = candidates.find(std::string(e.application_id));
    add_eligibility_row(t, cols, by, experts, e, found == candidates.end() ? nullptr : found->second);
  }
  t.totals.assign(t.columns.size(), Value{});
  t.totals[0] = std::string("合计");
  t.totals[1] = std::to_string(el.size()) + " 项申报";
  for (size_t k = 0; k < cols.criteria; ++k)
    t.totals[cols.first_criterion + k] = report::column_count(t, cols.first_criterion + k, "通过");
  for (size_t c = cols.first_level; c < cols.first_expert; ++c) t.totals[c] = report::column_sum(t, c);
  t.totals[cols.recommend] = report::column_count(t, cols.recommend, "是");

  if (!el.empty()) {
    std::vector<std::string> legend;
    for (auto& c : el.front().criteria)
      legend.push_back(std::to_string(c.number) + " " + c.title + "（" + c.article + "）");
    t.notes.push_back("资格条件：" + join(legend, "；"));
  }
  t.notes.push_back("合计行：资格条件各列为“通过”的项数，入站人员各列为人数合计，是否推荐列为推荐项数。");
  t.notes.push_back("资格条件为“提示”的（如第四条（三）场所面积“一般不少于 60 平方米”）不影响资格，提请专家评审时注意；"
                    "待核实的事项（如以职称代替职业资格、团体赛名次、重新申报的聘期内贡献）已按 reviews.xlsx 工作表“资格核实”"
                    "的结论认定，见“资格核实”列。");
  t.notes.push_back("入站人员按职业资格等级统计；“待核实”为以同等技能水平、职称等申报或等级未能识别的人员。"
                    "专家评分中灰色删除线的分数为去掉的最高分和最低分。");
  return t;
}

std::string aggregate_rule(const config::Selection& sel) {
  std::string rule = "评审得分：专家评分";
  if (sel.drop_extremes)
    rule += "不少于 " + std::to_string(sel.drop_extremes_min_experts) +
            " 位时去掉一个最高分和一个最低分后取平均（灰色删除线为去掉的分数），否则取全部评分的平均";
  else
    rule += "取平均";
  rule += "，保留两位小数（第五条（三））。推荐条件：资格审查符合，评审得分不低于 " + str(sel.threshold) + " 分";
  if (sel.quota > 0) rule += "，每年不超过 " + std::to_string(sel.quota) + " 个";
  return rule + "。";
}

TableSheet review_sheet(const config::Settings& s, int year, const records::ByApplication& by,
                        const std::vector<std::string>& experts, const rules::SelectionResult& sel) {
  TableSheet t{"评审汇总", heading(s, year, "年技师工作站专家评审汇总"), {}, {}};
  t.freeze_columns = 3;
  t.columns = {{"排名", ColumnKind::Integer}, {"申报编号", ColumnKind::Text, 12}, {"工作站名称", ColumnKind::Text, 22},
               {"所在部门", ColumnKind::Text, 14}, {"领办人", ColumnKind::Text, 10}, {"资格审查", ColumnKind::Text, 10}};
  const size_t first_expert = t.columns.size();
  for (auto& e : experts) t.columns.push_back({e, ColumnKind::Decimal, 10, "专家评分"});
  t.columns.insert(t.columns.end(), {{"评审得分", ColumnKind::Score}, {"是否推荐", ColumnKind::YesNo},
                                     {"说明", ColumnKind::Text, 50}});
  const size_t recommend_col = t.columns.size() - 2;
  for (const rules::Candidate& c : sel.candidates) {
    const records::Application* a = by.application(c.application_id);
    std::vector<Value> row{c.rank > 0 ? Value(double(c.rank)) : Value{}, c.application_id,
                           a ? std::string(a->name) : "", a ? std::string(a->department) : "",
                           a ? std::string(a->leader) : "", std::string(c.eligible ? "符合" : "不符合")};
    expert_cells(by, &c, c.application_id, experts, first_expert, row, t);
    row.push_back(c.score.scores.empty() ? Value{} : Value(c.score.aggregate));
    row.push_back(std::string(c.recommended ? "是" : "否"));
    // The aggregate's own reason (when ranked) first, then c.reasons.
    std::vector<std::string> why;
    if (!c.score.reason.empty()) why.push_back(c.score.reason);
    why.insert(why.end(), c.reasons.begin(), c.reasons.end());
    row.push_back(join(why, "\n"));
    t.rows.push_back(std::move(row));
  }
  t.totals.assign(t.columns.size(), Value{});
  t.totals[1] = std::string("合计");
  t.totals[2] = std::to_string(sel.candidates.size()) + " 项申报";
  t.totals[recommend_col] = report::column_count(t, recommend_col, "是");
  t.notes.push_back(aggregate_rule(s.selection));
  return t;
}

TableSheet recommended_sheet(const config::Settings& s, int year, const records::ByApplication& by,
                             const rules::SelectionResult& sel, const rules::PublicityPeriod& pub) {
  TableSheet t{"建议名单", heading(s, year, "年技师工作站建议名单"),
               {{"序号", ColumnKind::Integer}, {"申报编号", ColumnKind::Text, 12}, {"工作站名称", ColumnKind::Text, 30},
                {"所在部门", ColumnKind::Text, 16}, {"职业（工种）", ColumnKind::Text, 24}, {"领办人", ColumnKind::Text, 10},
                {"评审得分", ColumnKind::Score}},
               {}};
  for (auto& c : sel.candidates) {
    if (!c.recommended) continue;
    const records::Application* a = by.application(c.application_id);
    t.rows.push_back({double(t.rows.size() + 1), c.application_id, a ? std::string(a->name) : "",
                      a ? std::string(a->department) : "", a ? std::string(a->occupation) : "",
                      a ? std::string(a->leader) : "", c.score.aggregate});
  }
  t.notes.push_back("公示期：" + chinese_date(pub.start) + "至" + chinese_date(pub.end) + "，共" + std::to_string(pub.workdays) +
                    "个工作日（第五条（三））。");
  return t;
}

TableSheet problems_sheet(const config::Settings& s, int year, const Diagnostics& diags) {
  TableSheet t{"输入问题", heading(s, year, "年输入文件检查结果"),
               {{"序号", ColumnKind::Integer}, {"级别", ColumnKind::Text, 6}, {"文件", ColumnKind::Text, 24},
                {"工作表", ColumnKind::Text, 14}, {"单元格", ColumnKind::Text, 8}, {"说明", ColumnKind::Text, 70}},
               {}};
  for (auto& d : diags.items()) {
    std::string cell = d.where.row > 0 ? (d.where.column > 0 ? column_name(d.where.column) : "") + std::to_string(d.where.row)
                                       : "";
    std::string file = std::filesystem::path(std::string(d.where.file)).filename().string();
    t.rows.push_back({double(t.rows.size() + 1), std::string(d.severity == Severity::Error ? "错误" : "警告"), file,
                      std::string(d.where.sheet), cell, printable(d.message)});
  }
  t.notes.push_back(diags.items().empty() ? "未发现输入问题。"
                                          : "共 " + std::to_string(diags.error_count()) + " 个错误、" +
                                                std::to_string(diags.warning_count()) +
                                                " 个警告。单元格为 Excel 中的位置（列字母 + 行号）。");
  return t;
}

// 审查简表: the columns leaders read, printed on one A4 landscape page width at full
// size; 资格审查 beside it keeps every column for the file.
TableSheet eligibility_summary(const config::Settings& s, int year, const std::vector<rules::EligibilityResult>& el,
                               const records::ByApplication& by, const rules::SelectionResult& sel) {
  TableSheet t{"审查简表", heading(s, year, "年技师工作站资格审查与评审结果"),
               {{"申报编号", ColumnKind::Text, 12}, {"工作站名称", ColumnKind::Text, 22}, {"所在部门", ColumnKind::Text, 14},
                {"领办人", ColumnKind::Text, 8}, {"审查结论", ColumnKind::Text, 16}, {"评审得分", ColumnKind::Score},
                {"排名", ColumnKind::Integer}, {"是否推荐", ColumnKind::YesNo}, {"未通过或提示的条件", ColumnKind::Text, 40}},
               {}};
  t.freeze_columns = 2;
  const Candidates candidates = candidates_by_id(sel);
  for (auto& e : el) {
    const std::string id(e.application_id);
    const records::Application* a = by.application(id);
    auto found = candidates.find(id);
    const rules::Candidate* c = found == candidates.end() ? nullptr : found->second;
    std::vector<std::string> open;
    for (auto& cr : e.criteria)
      if (cr.verdict != rules::Verdict::Pass)
        for (auto& r : cr.reasons) open.push_back(std::to_string(cr.number) + " " + std::string(r));
    t.rows.push_back({id, a ? std::string(a->name) : "", a ? std::string(a->department) : "",
                      a ? std::string(a->leader) : "", std::string(e.summary),
                      c && !c->score.scores.empty() ? Value(c->score.aggregate) : Value{},
                      c && c->rank > 0 ? Value(double(c->rank)) : Value{},
                      std::string(c && c->recommended ? "是" : "否"), join(open, "\n")});
  }
  t.totals.assign(t.columns.size(), Value{});
  t.totals[0] = std::string("合计");
  t.totals[1] = std::to_string(el.size()) + "项申报";
  t.totals[7] = report::column_count(t, 7, "是");
  t.notes.push_back("本表为打印用简表；各项资格条件、入站人员和专家评分见“资格审查”“评审汇总”工作表。");
  return t;
}

// ─────────────────────────────── assessment ───────────────────────────────

// Raw indicator values behind each item score (SPEC §3 年度考核 columns).
struct Indicator {
  std::string header;
  ColumnKind kind;
  bool summable;
  std::function<Value(const records::Performance&, const rules::Station*)> get;
};

std::vector<Indicator> indicators_of(const std::string& item, const config::Settings& s) {
  auto i = [](auto f) { return [f](const records::Performance& p, const rules::Station*) { return Value(double(f(p))); }; };
  if (item == "企业对接")
    return {{"上学期", ColumnKind::Integer, true, i([](auto& p) { return p.enterprises_first; })},
            {"下学期", ColumnKind::Integer, true, i([](auto& p) { return p.enterprises_second; })}};
  if (item == "人才培养") {
    int min = s.assessment.training_min_target;
    return {{"培养人数", ColumnKind::Integer, true, i([](auto& p) { return p.trained; })},
            {"目标", ColumnKind::Integer, false, [min](const records::Performance&, const rules::Station* st) {
               return Value(double(std::max(min, st ? st->annual_target : 0)));
             }}};
  }
  if (item == "带徒") return {{"带徒人数", ColumnKind::Integer, true, i([](auto& p) { return p.apprentices; })}};
  if (item == "技术成果")
    return {{"攻关项目", ColumnKind::Integer, true, i([](auto& p) { return p.tech_projects; })},
            {"解决难题", ColumnKind::Integer, true, i([](auto& p) { return p.problems_solved; })},
            {"创新成果", ColumnKind::Integer, true, i([](auto& p) { return p.innovations; })},
            {"专利", ColumnKind::Integer, true, i([](auto& p) { return p.patents; })}};
  if (item == "培训与竞赛")
    return {{"培训人次", ColumnKind::Integer, true, i([](auto& p) { return p.trainees; })},
            {"竞赛获奖", ColumnKind::Integer, true, i([](auto& p) { return p.awards; })}};
  if (item == "预算执行")
    return {{"执行率", ColumnKind::Percent, false, i([](auto& p) { return p.budget_rate; })}};
  if (item == "账目合规")
    return {{"合规", ColumnKind::YesNo, false, [](const records::Performance& p, const rules::Station*) {
               return Value(std::string(p.accounts_compliant ? "是" : "否"));
             }}};
  if (item == "经济效益")
    return {{"万元", ColumnKind::Decimal, true, i([](auto& p) { return p.economic_benefit; })}};
  // 社会效益: the committee's 0–10 评分 is the item score itself (out-of-range values
  // are input errors), so the 得分 column shows it.
  return {};
}

// Lookups by station code (and year), built once per workbook instead of a scan per row.
class Index {
  // records::clean_code (ICU NFKC, spaces removed) leaves printable ASCII without
  // spaces as it is; codes normally are, so they skip ICU.
  static std::string clean_code(const std::string& s) {
    for (char c : s)
      if (c < 0x21 || c > 0x7E) return records::clean_code(s);
    return s;
  }

 public:
  Index(const rules::Registry& reg, const std::vector<records::Performance>& perf) {
    for (auto& st : reg.stations) {
      stations_.emplace(std::string(st.code), &st);
      by_application_.emplace(std::string(st.application_id), &st);
    }
    for (auto& f : reg.funding) funding_[{std::string(f.station_code), f.year}] += f.amount;
    for (auto& p : perf) {
      std::string code = clean_code(std::string(p.station_code));
      if (code.empty())
        if (auto it = by_application_.find(clean_code(std::string(p.application_id))); it != by_application_.end())
          code = std::string(it->second->code);
      if (!code.empty()) performance_.emplace(std::make_pair(code, p.year), &p);
    }
  }
  const rules::Station* station(const std::string& code) const {
    auto it = stations_.find(code);
    return it == stations_.end() ? nullptr : it->second;
  }
  const records::Performance* performance(const std::string& code, int year) const {
    auto it = performance_.find({code, year});
    return it == performance_.end() ? nullptr : it->second;
  }
  double funding(const std::string& code, int year) const {
    auto it = funding_.find({code, year});
    return it == funding_.end() ? 0 : it->second;
  }

 private:
  std::map<std::string, const rules::Station*> stations_, by_application_;
  std::map<std::pair<std::string, int>, const records::Performance*> performance_;
  std::map<std::pair<std::string, int>, double> funding_;
};

// An assessed item's columns: its indicators, then its score.
struct ItemColumns {
  std::string name;
  std::vector<Indicator> indicators;
};

// Where the 按部门 sheet finds its figures in 考核汇总.
struct AssessmentLayout {
  size_t dept_col = 2, grade_col = 0, money_col = 0;
};

// The 考核汇总 columns: station, each item's indicators and score (grouped under the
// item), then the grading. Returns the items in column order; `summable` marks the
// columns the totals row adds up.
std::vector<ItemColumns> assessment_columns(TableSheet& t, const config::Settings& s, const rules::AssessmentOutcome& o,
                                            AssessmentLayout& lay, std::vector<bool>& summable) {
  t.columns = {{"工作站编号", ColumnKind::Text, 11}, {"工作站名称", ColumnKind::Text, 15},
               {"所在部门", ColumnKind::Text, 12},   {"领办人", ColumnKind::Text, 8},
               {"聘期年次", ColumnKind::Integer}};
  summable.assign(t.columns.size(), false);
  std::vector<ItemColumns> items;
  if (!o.results.empty())
    for (auto& item : o.results.front().items) {
      items.push_back({std::string(item.name), indicators_of(std::string(item.name), s)});
      const std::string group = std::string(item.name) + "（" + str(item.max_points) + "分）";
      for (auto& ind : items.back().indicators) {
        t.columns.push_back({ind.header, ind.kind, 8, group});
        summable.push_back(ind.summable);
      }
      t.columns.push_back({"得分", ColumnKind::Decimal, 8, group});
      summable.push_back(false);
    }
  t.columns.insert(t.columns.end(), {{"经费违规使用", ColumnKind::YesNo}, {"计算得分", ColumnKind::Decimal},
                                     {"委员会评分", ColumnKind::Decimal}, {"考核得分", ColumnKind::Decimal},
                                     {"等级", ColumnKind::Grade}, {"经费（元）", ColumnKind::Money},
                                     {"说明", ColumnKind::Text, 32}});
  lay.money_col = t.columns.size() - 2;
  lay.grade_col = t.columns.size() - 3;
  summable.resize(t.columns.size(), false);
  summable[lay.money_col] = true;
  return items;
}

// Item k's score in result r: the last item of that name.
const rules::ItemScore* item_score(const rules::AssessmentResult& r, const std::vector<ItemColumns>& items, size_t k) {
  const rules::ItemScore* score = nullptr;
  for (auto& x : r.items)
    if (x.name == items[k].name) score = &x;
  return score;
}

std::vector<Value> assessment_row(const rules::AssessmentResult& r, const Index& idx,
                                  const std::vector<ItemColumns>& items) {
  const std::string code(r.station_code);
  const rules::Station* st = idx.station(code);
  const records::Performance* p = idx.performance(code, r.year);
  std::vector<Value> row{code, st ? std::string(st->name) : "", st ? std::string(st->department) : "",
                         st ? std::string(st->leader) : "",
                         st ? Value(double(r.year - st->first_year + 1)) : Value{}};
  for (size_t k = 0; k < items.size(); ++k) {
    for (auto& ind : items[k].indicators) row.push_back(p ? ind.get(*p, st) : Value{});
    const rules::ItemScore* score = item_score(r, items, k);
    row.push_back(score ? Value(score->points) : Value{});
  }
  row.push_back(p ? Value(std::string(p->funds_misused ? "是" : "否")) : Value{});
  row.push_back(r.computed_total);
  row.push_back(r.committee_score ? Value(*r.committee_score) : Value{});
  row.push_back(r.total);
  row.push_back(rules::grade_label(r.grade));
  row.push_back(idx.funding(code, r.year));
  row.push_back(join(r.reasons, "\n"));
  return row;
}

std::string revocation_note(const rules::Revocation& rv, const Index& idx) {
  const rules::Station* st = idx.station(rv.station_code);
  return "撤销：" + rv.station_code + " " + (st ? std::string(st->name) : std::string()) + "，" + rv.reason + "，自" +
         chinese_date(rv.on) + "起撤销“技师工作站”资格，不再予以经费支持（第七条）。";
}

TableSheet assessment_table(const config::Settings& s, int year, const Index& idx, const rules::AssessmentOutcome& o,
                            AssessmentLayout& lay) {
  TableSheet t{"考核汇总", heading(s, year, "年度技师工作站考核汇总"), {}, {}};
  t.freeze_columns = 2;
  std::vector<bool> summable;
  const std::vector<ItemColumns> items = assessment_columns(t, s, o, lay, summable);
  t.rows.reserve(o.results.size());
  for (auto& r : o.results) t.rows.push_back(assessment_row(r, idx, items));
  t.totals.assign(t.columns.size(), Value{});
  t.totals[0] = std::string("合计");
  t.totals[1] = std::to_string(o.results.size()) + " 个工作站";
  for (size_t c = 0; c < t.columns.size(); ++c)
    if (summable[c]) t.totals[c] = report::column_sum(t, c);

  const auto& a = s.assessment;
  t.notes.push_back("等级：考核得分不低于 " + str(a.excellent) + " 分为优秀，不低于 " + str(a.pass) +
                    " 分为合格，低于 " + str(a.pass) + " 分为不合格；经费违规使用的一律不合格，某学期未对接企业的最高为合格；"
                    "考核委员会评分" + (a.committee_mode == "blend" ? "按比例与计算得分合成" : "替代计算得分") +
                    "（第六条、第七条）。合计行为人数、项数与经费的合计。");
  for (auto& rv : o.revocations) t.notes.push_back(revocation_note(rv, idx));
  return t;
}

// 考核简表: station, each item's score, the grade and the funding — what leaders read,
// printed on one A4 landscape page width at full size; 考核汇总 keeps the indicators.
TableSheet assessment_summary(const config::Settings& s, int year, const Index& idx, const rules::AssessmentOutcome& o) {
  TableSheet t{"考核简表", heading(s, year, "年度技师工作站考核结果"),
               {{"工作站编号", ColumnKind::Text, 11}, {"工作站名称", ColumnKind::Text, 22},
                {"所在部门", ColumnKind::Text, 14}, {"领办人", ColumnKind::Text, 8}},
               {}};
  t.freeze_columns = 2;
  std::vector<std::string> items;
  if (!o.results.empty())
    for (auto& item : o.results.front().items) {
      items.push_back(std::string(item.name));
      t.columns.push_back({std::string(item.name), ColumnKind::Decimal, 8, "各项得分"});
    }
  t.columns.insert(t.columns.end(), {{"考核得分", ColumnKind::Decimal}, {"等级", ColumnKind::Grade},
                                     {"经费（元）", ColumnKind::Money}});
  for (auto& r : o.results) {
    const std::string code(r.station_code);
    const rules::Station* st = idx.station(code);
    std::vector<Value> row{code, st ? std::string(st->name) : "", st ? std::string(st->department) : "",
                           st ? std::string(st->leader) : ""};
    for (auto& name : items) {
      Value v;
      for (auto& x : r.items)
        if (x.name == name) v = x.points;
      row.push_back(v);
    }
    row.insert(row.end(), {r.total, rules::grade_label(r.grade), idx.funding(code, r.year)});
    t.rows.push_back(std::move(row));
  }
  t.totals.assign(t.columns.size(), Value{});
  t.totals[0] = std::string("合计");
  t.totals[1] = std::to_string(o.results.size()) + "个工作站";
  t.totals.back() = report::column_sum(t, t.columns.size() - 1);
  t.notes.push_back("本表为打印用简表；各项指标的原始数据、计算过程和说明见“考核汇总”工作表。");
  for (auto& rv : o.revocations) t.notes.push_back(revocation_note(rv, idx));
  return t;
}

// Per department of 考核汇总 (in the order they first appear): stations, grades and
// funding as SUMPRODUCT formulas over its columns, cached with what its rows hold.
// Names are compared with EXACT, as the cached figures compare them: COUNTIF and
// SUMIFS would read *, ? and ~ in a name as wildcards and a leading <, > or = as a
// comparison, and would ignore case.
TableSheet department_table(const config::Settings& s, int year, const TableSheet& main, const AssessmentLayout& lay) {
  TableSheet t{"按部门", heading(s, year, "年度技师工作站考核结果（按部门）"),
               {{"所在部门", ColumnKind::Text, 20}, {"工作站数", ColumnKind::Integer}, {"优秀", ColumnKind::Integer},
                {"合格", ColumnKind::Integer}, {"不合格", ColumnKind::Integer}, {"经费（元）", ColumnKind::Money}},
               {}};
  std::vector<std::string> depts;
  std::map<std::string, std::map<std::string, double>> count;
  std::map<std::string, double> money;
  for (auto& r : main.rows) {
    const std::string& d = std::get<std::string>(r[lay.dept_col]);
    if (std::find(depts.begin(), depts.end(), d) == depts.end()) depts.push_back(d);
    ++count[d]["工作站数"];
    ++count[d][std::get<std::string>(r[lay.grade_col])];
    money[d] += report::number_of(r[lay.money_col]);
  }
  const std::string sheet = report::quoted_sheet(main.name) + "!";
  const std::string dept_range = sheet + report::column_range(main, lay.dept_col, true);
  const std::string grade_range = sheet + report::column_range(main, lay.grade_col, true);
  const std::string money_range = sheet + report::column_range(main, lay.money_col, true);
  for (const std::string& d : depts) {
    const std::string dref = "$" + report::cell_ref(t.data_row(t.rows.size()), 0);  // $A3
    const std::string same_dept = "EXACT(" + dept_range + "," + dref + ")";
    std::vector<Value> row{d, Formula{"SUMPRODUCT(--" + same_dept + ")", count[d]["工作站数"]}};
    for (size_t g = 2; g <= 4; ++g) {
      std::string grade_cell = report::cell_ref(t.last_header_row(), static_cast<uint32_t>(g));
      grade_cell.insert(grade_cell.find_first_of("0123456789"), "$");  // C$2
      row.push_back(Formula{"SUMPRODUCT(" + same_dept + "*EXACT(" + grade_range + "," + grade_cell + "))",
                            count[d][t.columns[g].header]});
    }
    row.push_back(Formula{"SUMPRODUCT(--" + same_dept + "," + money_range + ")", money[d]});
    t.rows.push_back(std::move(row));
  }
  t.totals = {std::string("合计")};
  for (size_t c = 1; c < t.columns.size(); ++c) t.totals.push_back(report::column_sum(t, c));
  t.notes.push_back("本表各数均为公式（SUMPRODUCT，部门名称按原文逐字比对），随“考核汇总”表中的部门、等级和经费自动更新；"
                    "经费为" + std::to_string(year) + "年度下达的经费。");
  return t;
}

report::ChartSheet chart_sheet(const config::Settings& s, int year, const TableSheet& dept) {
  report::ChartSheet cs{"图表", heading(s, year, "年度技师工作站考核结果图表"), {}, {}};
  if (dept.rows.empty()) {
    cs.notes.push_back("本年度没有考核结果。");
    return cs;
  }
  const uint32_t header = dept.last_header_row(), first = dept.first_data_row(), last = dept.totals_row() - 1;
  const uint32_t colours[] = {0x5BA55B, 0xA6A6A6, 0xD9534F};  // 优秀 green, 合格 neutral grey, 不合格 red
  report::Chart col;
  col.type = report::ChartType::Column;
  col.title = "各部门考核等级分布";
  col.categories = {dept.name, first, 0, last, 0};
  for (uint32_t g = 2; g <= 4; ++g)
    col.series.push_back({{dept.name, header, g, header, g}, {dept.name, first, g, last, g}, colours[g - 2], {}});
  col.x_title = "部门";
  col.y_title = "工作站数（个）";
  col.width_px = 620;
  col.height_px = 460;
  cs.charts.push_back(col);

  report::Chart pie;
  pie.type = report::ChartType::Pie;
  pie.title = "考核等级构成";
  pie.categories = {dept.name, header, 2, header, 4};
  pie.series.push_back({{}, {dept.name, dept.totals_row(), 2, dept.totals_row(), 4}, 0,
                        {colours[0], colours[1], colours[2]}});
  pie.width_px = 420;
  pie.height_px = 460;
  cs.charts.push_back(pie);
  cs.notes.push_back("数据来源：“按部门”工作表（由“考核汇总”表公式计算）。");
  return cs;
}

// 经费 ledger columns, shared by 考核汇总.xlsx and the registry export.
std::vector<Column> funding_columns(double department_width) {
  return {{"工作站编号", ColumnKind::Text, 11}, {"工作站名称", ColumnKind::Text, 30}, {"所在部门", ColumnKind::Text, department_width},
          {"年度", ColumnKind::Integer}, {"考核等级", ColumnKind::Grade}, {"金额（元）", ColumnKind::Money},
          {"大写", ColumnKind::Text, 20}, {"说明", ColumnKind::Text, 86}};
}

std::vector<Value> funding_row(const rules::FundingLine& f) {
  return {std::string(f.station_code), std::string(f.station_name), std::string(f.department), double(f.year),
          rules::grade_label(f.grade), f.amount, words(f.amount), std::string(f.reason)};
}

// What the funding plan gives in all and by department, in figures and 大写.
std::string plan_note(const rules::FundingPlan& plan) {
  std::string line = std::to_string(plan.year) + "年度下达经费合计" + yuan(plan.total) + "（" + words(plan.total) + "）";
  std::vector<std::string> parts;
  for (auto& d : plan.departments)
    parts.push_back(std::string(d.department) + " " + std::to_string(d.stations) + " 个工作站 " + yuan(d.amount) + "（" +
                    words(d.amount) + "）");
  if (!parts.empty()) line += "，其中：" + join(parts, "；");
  return line + "。";
}

TableSheet funding_table(const config::Settings& s, int year, const rules::Registry& reg,
                         const rules::AssessmentOutcome& o, const rules::FundingPlan& plan) {
  TableSheet t{"经费", s.institution.name + "技师工作站经费台账（" + std::to_string(year) + "年度考核的工作站，各年度）",
               funding_columns(14), {}};
  t.freeze_columns = 2;
  std::set<std::string> codes;
  for (auto& r : o.results) codes.insert(std::string(r.station_code));
  std::vector<const rules::FundingLine*> lines;
  for (auto& f : reg.funding)
    if (codes.count(std::string(f.station_code))) lines.push_back(&f);
  std::stable_sort(lines.begin(), lines.end(), [](auto* a, auto* b) {
    return std::tie(a->station_code, a->year) < std::tie(b->station_code, b->year);
  });
  double total = 0;
  std::map<int, double> by_year;
  for (auto* f : lines) {
    t.rows.push_back(funding_row(*f));
    total += f->amount;
    by_year[f->year] += f->amount;
  }
  t.totals = {std::string("合计"), std::to_string(codes.size()) + " 个工作站", Value{}, Value{}, Value{},
              report::column_sum(t, 5), words(total), Value{}};
  t.notes.push_back(plan_note(plan));
  std::vector<std::string> years;
  for (auto& [y, amount] : by_year)
    years.push_back(std::to_string(y) + "年度" + yuan(amount) + "（" + words(amount) + "）");
  if (!years.empty()) t.notes.push_back("本表工作站各年度经费：" + join(years, "；") + "。");
  for (auto& n : plan.not_funded) t.notes.push_back("未下达：" + n + "。");
  t.notes.push_back("资助期 2 年，每年按考核结果下达；考核不合格的撤销资格，当年及以后不再下达（第七条、第八条）。");
  return t;
}

// ─────────────────────────────── registry export ───────────────────────────────

// 工作站: one row per station and term; nothing but stations below the header (scripts
// read the codes from row 3 down). 入站人员 and 撤销 are filled beside it.
struct StationTables {
  TableSheet stations, members, revocations;
  std::map<std::string, int> status_count;
};

StationTables station_tables(const rules::Registry& reg, const std::string& inst, const std::string& as_of) {
  StationTables x{
      {"工作站", inst + "技师工作站登记" + as_of,
       {{"工作站编号", ColumnKind::Text, 11}, {"申报编号", ColumnKind::Text, 12}, {"工作站名称", ColumnKind::Text, 30},
        {"所在部门", ColumnKind::Text, 16}, {"职业（工种）", ColumnKind::Text, 24}, {"领办人", ColumnKind::Text, 10},
        {"认定年度", ColumnKind::Integer}, {"聘期开始", ColumnKind::Date}, {"聘期结束", ColumnKind::Date},
        {"状态", ColumnKind::Text, 10}, {"撤销日期", ColumnKind::Date}, {"上一聘期编号", ColumnKind::Text, 12}},
       {}},
      {"入站人员", inst + "技师工作站入站人员" + as_of,
       {{"工作站编号", ColumnKind::Text, 11}, {"工作站名称", ColumnKind::Text, 30}, {"姓名", ColumnKind::Text, 10},
        {"职业资格", ColumnKind::Text, 16}, {"是否领办人", ColumnKind::YesNo}},
       {}},
      {"撤销", inst + "技师工作站撤销记录" + as_of,
       {{"工作站编号", ColumnKind::Text, 11}, {"工作站名称", ColumnKind::Text, 30}, {"所在部门", ColumnKind::Text, 16},
        {"撤销日期", ColumnKind::Date}, {"原因", ColumnKind::Text, 60}},
       {}},
      {}};
  x.stations.freeze_columns = x.members.freeze_columns = 1;
  for (auto& st : reg.stations) {
    const std::string code(st.code), name(st.name);
    x.stations.rows.push_back({code, std::string(st.application_id), name, std::string(st.department),
                               std::string(st.occupation), std::string(st.leader), double(st.first_year),
                               st.term_start, st.term_end, rules::status_label(st.status),
                               st.revoked_on ? Value(*st.revoked_on) : Value{}, std::string(st.previous_code)});
    ++x.status_count[rules::status_label(st.status)];
    for (auto& m : st.members)
      x.members.rows.push_back({code, name, std::string(m.name), std::string(m.level_label),
                                std::string(m.is_leader ? "是" : "否")});
    if (st.revoked_on)
      x.revocations.rows.push_back({code, name, std::string(st.department), *st.revoked_on,
                                    std::string(st.revocation_reason)});
  }
  x.members.totals = {std::string("合计"), std::to_string(reg.stations.size()) + " 个工作站",
                      std::to_string(x.members.rows.size()) + " 人"};
  x.revocations.totals = {std::string("合计"), std::to_string(x.revocations.rows.size()) + " 个工作站"};
  x.revocations.notes.push_back("经考核评估不合格的，撤销“技师工作站”资格，不再予以经费支持（第七条）。");
  return x;
}

TableSheet registry_assessments(const rules::Registry& reg, const std::string& inst, const std::string& as_of) {
  TableSheet t{"考核", inst + "技师工作站年度考核结果" + as_of,
               {{"工作站编号", ColumnKind::Text, 11}, {"工作站名称", ColumnKind::Text, 30}, {"所在部门", ColumnKind::Text, 16},
                {"考核年度", ColumnKind::Integer}, {"考核日期", ColumnKind::Date}, {"计算得分", ColumnKind::Decimal},
                {"委员会评分", ColumnKind::Decimal}, {"考核得分", ColumnKind::Decimal}, {"等级", ColumnKind::Grade}},
               {}};
  t.freeze_columns = 1;
  std::map<int, std::map<std::string, int>> grades;
  const rules::RegistryIndex index(reg);
  for (auto& a : reg.assessments) {
    const rules::Station* x = index.station(std::string(a.station_code));
    t.rows.push_back({std::string(a.station_code), x ? Value(std::string(x->name)) : Value{},
                      x ? Value(std::string(x->department)) : Value{}, double(a.year), a.assessed_on, a.computed_total,
                      a.committee_score ? Value(*a.committee_score) : Value{}, a.total, rules::grade_label(a.grade)});
    ++grades[a.year][rules::grade_label(a.grade)];
  }
  for (auto& [y, g] : grades)
    t.notes.push_back(std::to_string(y) + "年度：优秀" + std::to_string(g["优秀"]) + "个，合格" +
                      std::to_string(g["合格"]) + "个，不合格" + std::to_string(g["不合格"]) + "个。");
  return t;
}

TableSheet registry_funding(const rules::Registry& reg, const std::string& inst, const std::string& as_of) {
  TableSheet t{"经费", inst + "技师工作站经费台账" + as_of, funding_columns(16), {}};
  t.freeze_columns = 1;
  double total = 0;
  std::map<int, double> by_year;
  for (auto& f : reg.funding) {
    t.rows.push_back(funding_row(f));
    total += f.amount;
    by_year[f.year] += f.amount;
  }
  t.totals = {std::string("合计"), Value{}, Value{}, Value{}, Value{}, report::column_sum(t, 5), words(total), Value{}};
  for (auto& [y, amount] : by_year)
    t.notes.push_back(std::to_string(y) + "年度下达" + yuan(amount) + "（" + words(amount) + "）。");
  return t;
}

}  // namespace

report::WorkbookInfo workbook_info(const config::Settings& s, const std::string& title, const std::string& date) {
  report::WorkbookInfo i;
  i.title = title;
  i.author = s.institution.name;
  i.company = s.institution.name;
  i.date_iso = date;
  i.font = s.output.xlsx_font;
  i.subject = "技师工作站";
  i.keywords = "技师工作站";
  i.comments = s.institution.hr_office + "；由 tws 生成";
  return i;
}

std::vector<report::Sheet> selection_sheets(const config::Settings& s, int year, const records::YearInput& in,
                                            const records::ByApplication& by,
                                            const std::vector<rules::EligibilityResult>& eligibility,
                                            const rules::SelectionResult& selection, const rules::PublicityPeriod& pub,
                                            const Diagnostics& diags) {
  const std::vector<std::string> experts = experts_of(in);
  std::vector<report::Sheet> sheets;
  sheets.reserve(5);
  sheets.emplace_back(eligibility_sheet(s, year, by, experts, eligibility, selection));
  sheets.emplace_back(review_sheet(s, year, by, experts, selection));
  sheets.emplace_back(recommended_sheet(s, year, by, selection, pub));
  sheets.emplace_back(problems_sheet(s, year, diags));
  sheets.emplace_back(eligibility_summary(s, year, eligibility, by, selection));
  return sheets;
}

void write_selection_workbook(const std::filesystem::path& target, const config::Settings& s, int year,
                              const std::string& date, const records::YearInput& in,
                              const records::ByApplication& by,
                              const std::vector<rules::EligibilityResult>& eligibility,
                              const rules::SelectionResult& selection, const rules::PublicityPeriod& pub,
                              const Diagnostics& diags) {
  report::write_workbook(target, workbook_info(s, std::to_string(year) + "年技师工作站资格审查汇总", date),
                         selection_sheets(s, year, in, by, eligibility, selection, pub, diags));
}

std::vector<report::Sheet> approval_sheets(const config::Settings& s, int year, const rules::ApprovalResult& a,
                                           const rules::PublicityPeriod& pub) {
  TableSheet st{"认定名单", heading(s, year, "年认定的技师工作站"),
                {{"工作站编号", ColumnKind::Text, 11}, {"申报编号", ColumnKind::Text, 12}, {"工作站名称", ColumnKind::Text, 30},
                 {"所在部门", ColumnKind::Text, 16}, {"职业（工种）", ColumnKind::Text, 24}, {"领办人", ColumnKind::Text, 10},
                 {"聘期开始", ColumnKind::Date}, {"聘期结束", ColumnKind::Date}, {"资助年限", ColumnKind::Integer},
                 {"上一聘期编号", ColumnKind::Text, 12}},
                {}};
  st.freeze_columns = 1;
  for (auto& x : a.stations)
    st.rows.push_back({std::string(x.code), std::string(x.application_id), std::string(x.name),
                       std::string(x.department), std::string(x.occupation), std::string(x.leader), x.term_start,
                       x.term_end, double(x.funding_years), std::string(x.previous_code)});
  st.totals = {std::string("合计"), Value{}, std::to_string(a.stations.size()) + " 个工作站"};
  TableSheet dec{"认定决定", heading(s, year, "年建议名单的认定决定"),
                 {{"申报编号", ColumnKind::Text, 12}, {"是否认定", ColumnKind::YesNo}, {"工作站编号", ColumnKind::Text, 11},
                  {"理由", ColumnKind::Text, 70}},
                 {}};
  for (auto& d : a.decisions)
    dec.rows.push_back({d.application_id, std::string(d.approved ? "是" : "否"), d.station_code, join(d.reasons, "\n")});
  dec.notes.push_back("公示期：" + chinese_date(pub.start) + "至" + chinese_date(pub.end) + "（第五条（三））。");
  std::vector<report::Sheet> sheets;
  sheets.emplace_back(std::move(st));
  sheets.emplace_back(std::move(dec));
  return sheets;
}

void write_approval_workbook(const std::filesystem::path& target, const config::Settings& s, int year,
                             const std::string& date, const rules::ApprovalResult& a,
                             const rules::PublicityPeriod& pub) {
  report::write_workbook(target, workbook_info(s, std::to_string(year) + "年技师工作站认定名单", date),
                         approval_sheets(s, year, a, pub));
}

std::vector<report::Sheet> assessment_sheets(const config::Settings& s, int year,
                                             const std::vector<records::Performance>& performance,
                                             const rules::Registry& reg, const rules::AssessmentOutcome& o,
                                             const rules::FundingPlan& plan) {
  AssessmentLayout lay;
  const Index idx(reg, performance);
  TableSheet main = assessment_table(s, year, idx, o, lay);
  TableSheet dept = department_table(s, year, main, lay);
  report::ChartSheet charts = chart_sheet(s, year, dept);
  std::vector<report::Sheet> sheets;
  sheets.reserve(5);
  sheets.emplace_back(std::move(main));
  sheets.emplace_back(std::move(dept));
  sheets.emplace_back(std::move(charts));
  sheets.emplace_back(funding_table(s, year, reg, o, plan));
  sheets.emplace_back(assessment_summary(s, year, idx, o));
  return sheets;
}

void write_assessment_workbook(const std::filesystem::path& target, const config::Settings& s, int year,
                               const std::string& date, const std::vector<records::Performance>& performance,
                               const rules::Registry& reg, const rules::AssessmentOutcome& o,
                               const rules::FundingPlan& plan) {
  report::write_workbook(target, workbook_info(s, std::to_string(year) + "年度技师工作站考核汇总", date),
                         assessment_sheets(s, year, performance, reg, o, plan));
}

std::vector<report::Sheet> registry_sheets(const rules::Registry& reg, const config::Settings& s,
                                           const std::string& date, report::WorkbookInfo* info) {
  const std::string as_of = "（截至 " + date + "）";
  const std::string& inst = s.institution.name;
  StationTables st = station_tables(reg, inst, as_of);
  if (info) {
    std::string summary;
    for (const char* k : {"在聘", "聘期届满", "已撤销"})
      summary += std::string(summary.empty() ? "" : "，") + k + " " + std::to_string(st.status_count[k]) + " 个";
    *info = workbook_info(s, "技师工作站登记库导出" + as_of, date);
    info->comments = "共 " + std::to_string(reg.stations.size()) + " 个工作站（" + summary + "）；" + info->comments;
  }
  std::vector<report::Sheet> sheets;
  sheets.reserve(5);
  sheets.emplace_back(std::move(st.stations));
  sheets.emplace_back(std::move(st.members));
  sheets.emplace_back(registry_assessments(reg, inst, as_of));
  sheets.emplace_back(registry_funding(reg, inst, as_of));
  sheets.emplace_back(std::move(st.revocations));
  return sheets;
}

}  // namespace tws::documents
