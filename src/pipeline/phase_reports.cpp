#include "pipeline/phase_reports.h"

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <unordered_map>
#include <set>

#include "records/values.h"

namespace tws::pipeline {
namespace {

using report::CellRange;
using report::Column;
using report::ColumnKind;
using report::Formula;
using report::TableSheet;
using report::Value;

// Of strings or of interned texts (an assessment's reasons).
template <class Text>
std::string join(const std::vector<Text>& v, const char* sep = "；") {
  std::string s;
  for (const std::string& x : v) {
    if (!s.empty()) s += sep;
    s += x;
  }
  return s;
}

std::string str(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

std::string yuan(double v) { return "¥" + rules::amount_in_figures(v).substr(0, rules::amount_in_figures(v).find('.')); }

// rules::amount_in_words builds an ICU formatter on every call (about 0.1 ms);
// ledgers repeat the same few amounts, so each is spelled once per workbook.
std::string words(double yuan) {
  static thread_local std::map<double, std::string> memo;
  auto it = memo.find(yuan);
  if (it == memo.end()) it = memo.emplace(yuan, rules::amount_in_words(yuan)).first;
  return it->second;
}

report::Date date_of(calendar::Day d) {
  return {int(d.year()), int(unsigned(d.month())), int(unsigned(d.day()))};
}

Value text(std::string s) { return Value(std::move(s)); }

// The sheets moved into the vector (a braced list would copy every row).
template <typename... S>
std::vector<report::Sheet> sheets_of(S&&... sheets) {
  std::vector<report::Sheet> v;
  v.reserve(sizeof...(S));
  (v.emplace_back(std::forward<S>(sheets)), ...);
  return v;
}

// The first candidate of each application id, as a scan of the candidates finds it.
std::unordered_map<std::string, const rules::Candidate*> candidates_by_id(const rules::SelectionResult& sel) {
  std::unordered_map<std::string, const rules::Candidate*> by;
  for (auto& c : sel.candidates) by.emplace(c.application_id, &c);
  return by;
}

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
    if (std::find(names.begin(), names.end(), r.expert) == names.end()) names.push_back(r.expert);
  return names;
}

// Expert scores of one application in `experts` order; the dropped highest and
// lowest (when trimmed) are marked muted at column offset `first_col`.
void expert_cells(const records::ByApplication& in, const rules::Candidate* c, const std::string& id,
                  const std::vector<std::string>& experts, size_t first_col, report::SourceRow& out) {
  const auto& reviews = in.reviews(id);
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
        if (r == high || r == low) out.muted.push_back(first_col + e);
        break;
      }
    out.cells.push_back(v);
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

// COUNTIF of `what` over column `col`, cached with `n`, the count the caller worked out
// (the rows of a streamed table are not there to count).
Formula count_if(const TableSheet& t, size_t col, const std::string& what, double n) {
  if (t.row_count() == 0) return {"0", 0};
  return {"COUNTIF(" + report::column_range(t, col) + ",\"" + what + "\")", n};
}

TableSheet eligibility_sheet(const config::Settings& s, int year, const records::ByApplication& by, const std::vector<std::string>& experts,
                             const std::vector<rules::EligibilityResult>& el, const rules::SelectionResult& sel) {
  TableSheet t{"资格审查", s.institution.name + " " + std::to_string(year) + " 年技师工作站资格审查汇总", {}, {}};
  t.freeze_columns = 2;
  t.columns = {{"申报编号", ColumnKind::Text, 12}, {"工作站名称", ColumnKind::Text, 22}, {"所在部门", ColumnKind::Text, 14},
               {"领办人", ColumnKind::Text, 10}};
  const size_t first_criterion = t.columns.size();
  size_t ncriteria = el.empty() ? 0 : el.front().criteria.size();
  if (!el.empty())
    for (auto& c : el.front().criteria) t.columns.push_back({criterion_label(c), ColumnKind::Verdict, 12, "资格条件（通过 / 不通过 / 需专家核实）"});
  t.columns.push_back({"审查结论", ColumnKind::Text, 16});
  t.columns.push_back({"审查意见（未通过或需核实的条件）", ColumnKind::Text, 46});
  const size_t first_level = t.columns.size();
  for (auto* h : kLevelHeaders) t.columns.push_back({h, ColumnKind::Integer, 8, "入站人员（人）"});
  t.columns.push_back({"合计", ColumnKind::Integer, 8, "入站人员（人）"});
  const size_t first_expert = t.columns.size();
  for (auto& e : experts) t.columns.push_back({e, ColumnKind::Decimal, 10, "专家评分"});
  t.columns.push_back({"评审得分", ColumnKind::Score});
  t.columns.push_back({"排名", ColumnKind::Integer});
  const size_t recommend_col = t.columns.size();
  t.columns.push_back({"是否推荐", ColumnKind::YesNo});

  // Lookups by application, built once per workbook (scans per row made 10,000
  // applications take 5 s).
  auto candidates = std::make_shared<const std::unordered_map<std::string, const rules::Candidate*>>(candidates_by_id(sel));
  // The rows are made when written (twice: widths, then cells), one at a time.
  t.source.count = el.size();
  t.source.fill = [&by, &experts, &el, candidates, ncriteria, first_expert](size_t i, report::SourceRow& out) {
    const rules::EligibilityResult& e = el[i];
    const records::Application* a = by.application(e.application_id);
    auto found = candidates->find(e.application_id);
    const rules::Candidate* c = found == candidates->end() ? nullptr : found->second;
    std::vector<Value>& row = out.cells;
    row.insert(row.end(), {e.application_id, text(a ? a->name : ""), text(a ? a->department : ""),
                           text(a ? a->leader : "")});
    std::vector<std::string> reasons;
    for (size_t k = 0; k < ncriteria; ++k) {
      const rules::Criterion* cr = k < e.criteria.size() ? &e.criteria[k] : nullptr;
      row.push_back(cr ? text(rules::verdict_label(cr->verdict)) : Value{});
      if (cr && cr->verdict != rules::Verdict::Pass)
        for (auto& r : cr->reasons) reasons.push_back(std::to_string(cr->number) + " " + r);
    }
    row.push_back(e.summary);
    row.push_back(reasons.empty() ? std::string("各项条件均符合") : join(reasons, "\n"));
    double counts[6] = {0, 0, 0, 0, 0, 0}, total = 0;
    for (const records::Member* m : by.members(e.application_id)) {
      ++counts[level_bucket(*m)];
      ++total;
    }
    for (double n : counts) row.push_back(n);
    row.push_back(total);
    expert_cells(by, c, e.application_id, experts, first_expert, out);
    row.push_back(c && !c->score.scores.empty() ? Value(c->score.aggregate) : Value{});
    row.push_back(c && c->rank > 0 ? Value(double(c->rank)) : Value{});
    row.push_back(std::string(c && c->recommended ? "是" : "否"));
  };

  // Totals from the results (what the rows' cells count and add up, in row order).
  std::vector<double> passes(ncriteria, 0), members(first_expert - first_level, 0);
  double recommended = 0;
  for (auto& e : el) {
    for (size_t k = 0; k < ncriteria && k < e.criteria.size(); ++k)
      if (rules::verdict_label(e.criteria[k].verdict) == "通过") ++passes[k];
    double total = 0;
    for (const records::Member* m : by.members(e.application_id)) {
      ++members[level_bucket(*m)];
      ++total;
    }
    members.back() += total;
    auto found = candidates->find(e.application_id);
    if (found != candidates->end() && found->second->recommended) ++recommended;
  }
  t.totals.assign(t.columns.size(), Value{});
  t.totals[0] = std::string("合计");
  t.totals[1] = std::to_string(el.size()) + " 项申报";
  for (size_t k = 0; k < ncriteria; ++k) t.totals[first_criterion + k] = count_if(t, first_criterion + k, "通过", passes[k]);
  for (size_t c = first_level; c < first_expert; ++c) t.totals[c] = report::column_sum(t, c, members[c - first_level]);
  t.totals[recommend_col] = count_if(t, recommend_col, "是", recommended);

  if (!el.empty()) {
    std::vector<std::string> legend;
    for (auto& c : el.front().criteria)
      legend.push_back(std::to_string(c.number) + " " + c.title + "（" + c.article + "）");
    t.notes.push_back("资格条件：" + join(legend));
  }
  t.notes.push_back("合计行：资格条件各列为“通过”的项数，入站人员各列为人数合计，是否推荐列为推荐项数。");
  t.notes.push_back("入站人员按职业资格等级统计；“待核实”为以同等技能水平、职称等申报或等级未能识别、需专家核实的人员。"
                    "专家评分中灰色删除线的分数为去掉的最高分和最低分。");
  return t;
}

TableSheet review_sheet(const config::Settings& s, int year, const records::ByApplication& by,
                        const std::vector<std::string>& experts,
                        const rules::SelectionResult& sel) {
  TableSheet t{"评审汇总", s.institution.name + " " + std::to_string(year) + " 年技师工作站专家评审汇总", {}, {}};
  t.freeze_columns = 3;
  t.columns = {{"排名", ColumnKind::Integer}, {"申报编号", ColumnKind::Text, 12}, {"工作站名称", ColumnKind::Text, 22},
               {"所在部门", ColumnKind::Text, 14}, {"领办人", ColumnKind::Text, 10}, {"资格审查", ColumnKind::Text, 10}};
  const size_t first_expert = t.columns.size();
  for (auto& e : experts) t.columns.push_back({e, ColumnKind::Decimal, 10, "专家评分"});
  t.columns.insert(t.columns.end(), {{"评审得分", ColumnKind::Score}, {"是否推荐", ColumnKind::YesNo},
                                     {"说明", ColumnKind::Text, 50}});
  const size_t recommend_col = t.columns.size() - 2;
  // The rows are made when written (twice: widths, then cells), one at a time.
  t.source.count = sel.candidates.size();
  t.source.fill = [&by, &experts, &sel, first_expert](size_t i, report::SourceRow& out) {
    const rules::Candidate& c = sel.candidates[i];
    const records::Application* a = by.application(c.application_id);
    std::vector<Value>& row = out.cells;
    row.insert(row.end(), {c.rank > 0 ? Value(double(c.rank)) : Value{}, c.application_id,
                           text(a ? a->name : ""), text(a ? a->department : ""), text(a ? a->leader : ""),
                           std::string(c.eligible ? "符合" : "不符合")});
    expert_cells(by, &c, c.application_id, experts, first_expert, out);
    row.push_back(c.score.scores.empty() ? Value{} : Value(c.score.aggregate));
    row.push_back(std::string(c.recommended ? "是" : "否"));
    // The aggregate's own reason (when ranked) first, then c.reasons.
    std::vector<std::string> why;
    if (!c.score.reason.empty()) why.push_back(c.score.reason);
    why.insert(why.end(), c.reasons.begin(), c.reasons.end());
    row.push_back(join(why, "\n"));
  };
  double recommended = 0;
  for (auto& c : sel.candidates) recommended += c.recommended;
  t.totals.assign(t.columns.size(), Value{});
  t.totals[1] = std::string("合计");
  t.totals[2] = std::to_string(sel.candidates.size()) + " 项申报";
  t.totals[recommend_col] = count_if(t, recommend_col, "是", recommended);
  std::string rule = "评审得分：专家评分";
  if (s.selection.drop_extremes)
    rule += "不少于 " + std::to_string(s.selection.drop_extremes_min_experts) +
            " 位时去掉一个最高分和一个最低分后取平均（灰色删除线为去掉的分数），否则取全部评分的平均";
  else
    rule += "取平均";
  rule += "，保留两位小数（第五条（三））。推荐条件：资格审查符合，评审得分不低于 " + str(s.selection.threshold) + " 分";
  if (s.selection.quota > 0) rule += "，每年不超过 " + std::to_string(s.selection.quota) + " 个";
  t.notes.push_back(rule + "。");
  return t;
}

TableSheet problems_sheet(const std::string& inst, int year, const Diagnostics& diags) {
  TableSheet t{"输入问题", inst + " " + std::to_string(year) + " 年输入文件检查结果",
               {{"序号", ColumnKind::Integer}, {"级别", ColumnKind::Text, 6}, {"文件", ColumnKind::Text, 24},
                {"工作表", ColumnKind::Text, 14}, {"单元格", ColumnKind::Text, 8}, {"说明", ColumnKind::Text, 70}},
               {}};
  for (auto& d : diags.items()) {
    std::string cell = d.where.row > 0 ? (d.where.column > 0 ? column_name(d.where.column) : "") + std::to_string(d.where.row)
                                       : "";
    std::string file = std::filesystem::path(d.where.file).filename().string();
    t.rows.push_back({double(t.rows.size() + 1), std::string(d.severity == Severity::Error ? "错误" : "警告"), file,
                      d.where.sheet, cell, d.message});
  }
  t.notes.push_back(diags.items().empty() ? "未发现输入问题。"
                                          : "共 " + std::to_string(diags.error_count()) + " 个错误、" +
                                                std::to_string(diags.warning_count()) +
                                                " 个警告。单元格为 Excel 中的位置（列字母 + 行号）。");
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
  auto yes_no = [](bool b) { return Value(std::string(b ? "是" : "否")); };
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
    return {{"合规", ColumnKind::YesNo, false,
             [yes_no](const records::Performance& p, const rules::Station*) { return yes_no(p.accounts_compliant); }}};
  if (item == "经济效益")
    return {{"万元", ColumnKind::Decimal, true, i([](auto& p) { return p.economic_benefit; })}};
  // 社会效益: the committee's 0–10 评分 is the item score itself (out-of-range values
  // are input errors), so the 得分 column shows it.
  return {};
}

// Lookups by station code (and year), built once: 1,000 stations would otherwise
// cost a million scans (and NFKC clean-ups) per workbook.
class Index {
  // records::clean_code (ICU NFKC, spaces removed) leaves printable ASCII without
  // spaces as it is; codes normally are, and 1,000 of them through ICU cost 1 ms.
  static std::string clean_code(const std::string& s) {
    for (char c : s)
      if (c < 0x21 || c > 0x7E) return records::clean_code(s);
    return s;
  }

 public:
  Index(const rules::Registry& reg, const std::vector<records::Performance>& perf) {
    for (auto& st : reg.stations) {
      stations_.emplace(st.code, &st);
      by_application_.emplace(st.application_id, &st);
    }
    for (auto& f : reg.funding) funding_[{f.station_code, f.year}] += f.amount;
    for (auto& p : perf) {
      std::string code = clean_code(p.station_code);
      if (code.empty())
        if (auto it = by_application_.find(clean_code(p.application_id)); it != by_application_.end())
          code = it->second->code;
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

struct AssessmentLayout {
  size_t dept_col = 2, grade_col = 0, money_col = 0;
};

// What the Index gives for each result, looked up once: the rows are made twice
// (widths, cells) and the totals and 按部门 read them too.
struct ResultFacts {
  const rules::Station* station = nullptr;
  const records::Performance* performance = nullptr;
  double funding = 0;
};

std::vector<ResultFacts> facts_of(const Index& idx, const rules::AssessmentOutcome& o) {
  std::vector<ResultFacts> facts;
  facts.reserve(o.results.size());
  for (auto& r : o.results)
    facts.push_back({idx.station(r.station_code), idx.performance(r.station_code, r.year),
                     idx.funding(r.station_code, r.year)});
  return facts;
}

// The rows point into `o` (which must outlive the table) and share `facts` (one per result).
TableSheet assessment_table(const config::Settings& s, int year, const Index& idx,
                            std::shared_ptr<const std::vector<ResultFacts>> facts, const rules::AssessmentOutcome& o,
                            AssessmentLayout& lay) {
  TableSheet t{"考核汇总", s.institution.name + " " + std::to_string(year) + " 年度技师工作站考核汇总", {}, {}};
  t.freeze_columns = 2;
  t.columns = {{"工作站编号", ColumnKind::Text, 11}, {"工作站名称", ColumnKind::Text, 15},
               {"所在部门", ColumnKind::Text, 12},   {"领办人", ColumnKind::Text, 8},
               {"聘期年次", ColumnKind::Integer}};
  struct ItemCols {
    std::string name;
    std::vector<Indicator> indicators;
  };
  std::vector<ItemCols> items;
  if (!o.results.empty())
    for (auto& item : o.results.front().items) {
      items.push_back({item.name, indicators_of(item.name, s)});
      std::string group = item.name + "（" + str(item.max_points) + " 分）";
      for (auto& ind : items.back().indicators) t.columns.push_back({ind.header, ind.kind, 8, group});
      t.columns.push_back({"得分", ColumnKind::Decimal, 8, group});
    }
  t.columns.insert(t.columns.end(), {{"经费违规使用", ColumnKind::YesNo}, {"计算得分", ColumnKind::Decimal},
                                     {"委员会评分", ColumnKind::Decimal}, {"考核得分", ColumnKind::Decimal},
                                     {"等级", ColumnKind::Grade}, {"经费（元）", ColumnKind::Money},
                                     {"说明", ColumnKind::Text, 32}});
  lay.money_col = t.columns.size() - 2;
  lay.grade_col = t.columns.size() - 3;
  std::vector<bool> summable(t.columns.size(), false);
  summable[lay.money_col] = true;
  {
    size_t c = 5;
    for (auto& it : items) {
      for (auto& ind : it.indicators) summable[c++] = ind.summable;
      ++c;
    }
  }

  // A result's items normally come in the order of the first result's, each name once:
  // then item k's score is r.items[k] (checked per row), else the last of that name.
  bool unique_items = true;
  for (size_t a = 0; a < items.size(); ++a)
    for (size_t b = a + 1; b < items.size(); ++b) unique_items = unique_items && items[a].name != items[b].name;
  // The rows are made when written (twice: widths, then cells), one at a time.
  auto shared_items = std::make_shared<const std::vector<ItemCols>>(std::move(items));
  t.source.count = o.results.size();
  t.source.fill = [facts, shared_items, &o, unique_items, ncols = t.columns.size()](size_t i, report::SourceRow& out) {
    const std::vector<ItemCols>& items = *shared_items;
    const rules::AssessmentResult& r = o.results[i];
    const rules::Station* st = (*facts)[i].station;
    const records::Performance* p = (*facts)[i].performance;
    std::vector<Value>& row = out.cells;
    row.reserve(ncols);
    row.insert(row.end(), {r.station_code, text(st ? st->name : ""), text(st ? st->department : ""),
                           text(st ? st->leader : ""), st ? Value(double(r.year - st->first_year + 1)) : Value{}});
    bool same_order = unique_items && r.items.size() == items.size();
    for (size_t k = 0; same_order && k < items.size(); ++k) same_order = r.items[k].name == items[k].name;
    for (size_t k = 0; k < items.size(); ++k) {
      const ItemCols& it = items[k];
      for (auto& ind : it.indicators) row.push_back(p ? ind.get(*p, st) : Value{});
      const rules::ItemScore* score = nullptr;
      if (same_order) {
        score = &r.items[k];
      } else {
        for (auto& x : r.items)
          if (x.name == it.name) score = &x;
      }
      row.push_back(score ? Value(score->points) : Value{});
    }
    row.push_back(p ? Value(std::string(p->funds_misused ? "是" : "否")) : Value{});
    row.push_back(r.computed_total);
    row.push_back(r.committee_score ? Value(*r.committee_score) : Value{});
    row.push_back(r.total);
    row.push_back(rules::grade_label(r.grade));
    row.push_back((*facts)[i].funding);
    row.push_back(join(r.reasons, "\n"));
  };

  // Sums of the summable columns, from the results the rows' cells come from, in row
  // order (the order column_sum adds them in).
  std::vector<double> sums(t.columns.size(), 0);
  for (auto& f : *facts) {
    const rules::Station* st = f.station;
    const records::Performance* p = f.performance;
    size_t c = 5;
    for (auto& it : *shared_items) {
      for (auto& ind : it.indicators) {
        if (ind.summable) sums[c] += report::number_of(p ? ind.get(*p, st) : Value{});
        ++c;
      }
      ++c;
    }
    sums[lay.money_col] += f.funding;
  }
  t.totals.assign(t.columns.size(), Value{});
  t.totals[0] = std::string("合计");
  t.totals[1] = std::to_string(o.results.size()) + " 个工作站";
  for (size_t c = 0; c < t.columns.size(); ++c)
    if (summable[c]) t.totals[c] = report::column_sum(t, c, sums[c]);

  const auto& a = s.assessment;
  t.notes.push_back("等级：考核得分不低于 " + str(a.excellent) + " 分为优秀，不低于 " + str(a.pass) +
                    " 分为合格，低于 " + str(a.pass) + " 分为不合格；经费违规使用的一律不合格，某学期未对接企业的最高为合格；"
                    "考核委员会评分" + (a.committee_mode == "blend" ? "按比例与计算得分合成" : "替代计算得分") +
                    "（第六条、第七条）。合计行为人数、项数与经费的合计。");
  for (auto& rv : o.revocations) {
    const rules::Station* st = idx.station(rv.station_code);
    report::Date on = date_of(rv.on);
    t.notes.push_back("撤销：" + rv.station_code + " " + (st ? st->name : std::string()) + "，" + rv.reason + "，自 " +
                      std::to_string(on.year) + " 年 " + std::to_string(on.month) + " 月 " + std::to_string(on.day) +
                      " 日起撤销“技师工作站”资格，不再予以经费支持（第七条）。");
  }
  return t;
}

TableSheet department_table(const std::string& inst, int year, const TableSheet& main, const AssessmentLayout& lay,
                            const std::vector<ResultFacts>& facts, const rules::AssessmentOutcome& o) {
  TableSheet t{"按部门", inst + " " + std::to_string(year) + " 年度技师工作站考核结果（按部门）",
               {{"所在部门", ColumnKind::Text, 20}, {"工作站数", ColumnKind::Integer}, {"优秀", ColumnKind::Integer},
                {"合格", ColumnKind::Integer}, {"不合格", ColumnKind::Integer}, {"经费（元）", ColumnKind::Money}},
               {}};
  std::vector<std::string> depts;
  std::map<std::string, std::map<std::string, double>> count;
  std::map<std::string, double> money;
  for (size_t i = 0; i < o.results.size(); ++i) {
    const auto& r = o.results[i];
    const rules::Station* st = facts[i].station;
    std::string d = st ? st->department : "";
    if (std::find(depts.begin(), depts.end(), d) == depts.end()) depts.push_back(d);
    ++count[d]["工作站数"];
    ++count[d][rules::grade_label(r.grade)];
    money[d] += facts[i].funding;  // the row's 经费 cell
  }
  const std::string sheet = report::quoted_sheet(main.name) + "!";
  const std::string dept_range = sheet + report::column_range(main, lay.dept_col, true);
  const std::string grade_range = sheet + report::column_range(main, lay.grade_col, true);
  const std::string money_range = sheet + report::column_range(main, lay.money_col, true);
  for (size_t i = 0; i < depts.size(); ++i) {
    const std::string& d = depts[i];
    const std::string dept_cell = report::cell_ref(t.data_row(i), 0, false);
    std::string dref = "$" + dept_cell;  // $A3
    std::vector<Value> row{d, Formula{"COUNTIF(" + dept_range + "," + dref + ")", count[d]["工作站数"]}};
    for (size_t g = 2; g <= 4; ++g) {
      std::string grade_cell = report::cell_ref(t.last_header_row(), static_cast<uint32_t>(g));
      grade_cell.insert(grade_cell.find_first_of("0123456789"), "$");  // C$2
      row.push_back(Formula{"COUNTIFS(" + dept_range + "," + dref + "," + grade_range + "," + grade_cell + ")",
                            count[d][t.columns[g].header]});
    }
    row.push_back(Formula{"SUMIFS(" + money_range + "," + dept_range + "," + dref + ")", money[d]});
    t.rows.push_back(std::move(row));
  }
  t.totals = {std::string("合计")};
  for (size_t c = 1; c < t.columns.size(); ++c) t.totals.push_back(report::column_sum(t, c));
  t.notes.push_back("本表各数均为公式（COUNTIF、COUNTIFS、SUMIFS），随“考核汇总”表中的部门、等级和经费自动更新；"
                    "经费为 " + std::to_string(year) + " 年度下达的经费。");
  return t;
}

report::ChartSheet chart_sheet(const std::string& inst, int year, const TableSheet& dept) {
  report::ChartSheet cs{"图表", inst + " " + std::to_string(year) + " 年度技师工作站考核结果图表", {}, {}};
  const uint32_t header = dept.last_header_row();
  const uint32_t colours[] = {0x5BA55B, 0xA6A6A6, 0xD9534F};  // 优秀 green, 合格 neutral grey, 不合格 red
  if (!dept.rows.empty()) {
    report::Chart col;
    col.type = report::ChartType::Column;
    col.title = "各部门考核等级分布";
    col.categories = {dept.name, dept.first_data_row(), 0, dept.totals_row() - 1, 0};
    for (uint32_t g = 2; g <= 4; ++g)
      col.series.push_back({{dept.name, header, g, header, g}, {dept.name, dept.first_data_row(), g, dept.totals_row() - 1, g},
                            colours[g - 2], {}});
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
  } else {
    cs.notes.push_back("本年度没有考核结果。");
  }
  return cs;
}

TableSheet funding_table(const config::Settings& s, int year, const rules::Registry& reg,
                         const rules::AssessmentOutcome& o, const rules::FundingPlan& plan) {
  TableSheet t{"经费", s.institution.name + " 技师工作站经费台账（" + std::to_string(year) + " 年度考核的工作站，各年度）",
               {{"工作站编号", ColumnKind::Text, 11}, {"工作站名称", ColumnKind::Text, 30}, {"所在部门", ColumnKind::Text, 14},
                {"年度", ColumnKind::Integer}, {"考核等级", ColumnKind::Grade}, {"金额（元）", ColumnKind::Money},
                {"大写", ColumnKind::Text, 20}, {"说明", ColumnKind::Text, 86}},
               {}};
  t.freeze_columns = 2;
  std::set<std::string> codes;
  for (auto& r : o.results) codes.insert(r.station_code);
  std::vector<const rules::FundingLine*> lines;
  for (auto& f : reg.funding)
    if (codes.count(f.station_code)) lines.push_back(&f);
  std::stable_sort(lines.begin(), lines.end(), [](auto* a, auto* b) {
    return std::tie(a->station_code, a->year) < std::tie(b->station_code, b->year);
  });
  double total = 0;
  for (auto* f : lines) {
    t.rows.push_back({f->station_code, f->station_name, f->department, double(f->year), rules::grade_label(f->grade),
                      f->amount, words(f->amount), f->reason});
    total += f->amount;
  }
  t.totals = {std::string("合计"), std::to_string(codes.size()) + " 个工作站", Value{}, Value{}, Value{},
              report::column_sum(t, 5), words(total), Value{}};
  std::string line = std::to_string(plan.year) + " 年度下达经费合计 " + yuan(plan.total) + "（" +
                     words(plan.total) + "）";
  std::vector<std::string> parts;
  for (auto& d : plan.departments)
    parts.push_back(d.department + " " + std::to_string(d.stations) + " 个工作站 " + yuan(d.amount) + "（" +
                    words(d.amount) + "）");
  if (!parts.empty()) line += "，其中：" + join(parts);
  t.notes.push_back(line + "。");
  std::map<int, double> by_year;
  for (auto* f : lines) by_year[f->year] += f->amount;
  std::vector<std::string> years;
  for (auto& [y, amount] : by_year)
    years.push_back(std::to_string(y) + " 年度 " + yuan(amount) + "（" + words(amount) + "）");
  if (!years.empty()) t.notes.push_back("本表工作站各年度经费：" + join(years) + "。");
  for (auto& n : plan.not_funded) t.notes.push_back("未下达：" + n + "。");
  t.notes.push_back("资助期 2 年，每年按考核结果下达；考核不合格的撤销资格，当年及以后不再下达（第七条、第八条）。");
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

namespace {
// The selection workbook's tables, each made on demand (write_lazy_tables holds one at a
// time). Points into the arguments, which must outlive it.
struct SelectionTables {
  const config::Settings& s;
  int year;
  const std::vector<rules::EligibilityResult>& eligibility;
  const rules::SelectionResult& selection;
  const rules::PublicityPeriod& pub;
  const Diagnostics& diags;
  const records::ByApplication& by;  // shared by the tables
  const std::vector<std::string> experts;

  SelectionTables(const config::Settings& s, int year, const records::YearInput& in, const records::ByApplication& by,
                  const std::vector<rules::EligibilityResult>& eligibility, const rules::SelectionResult& selection,
                  const rules::PublicityPeriod& pub, const Diagnostics& diags)
      : s(s), year(year), eligibility(eligibility), selection(selection), pub(pub), diags(diags), by(by),
        experts(experts_of(in)) {}

  TableSheet list() const {
    TableSheet list{"建议名单", s.institution.name + " " + std::to_string(year) + " 年技师工作站建议名单",
                    {{"序号", ColumnKind::Integer}, {"申报编号", ColumnKind::Text, 12}, {"工作站名称", ColumnKind::Text, 30},
                     {"所在部门", ColumnKind::Text, 16}, {"职业（工种）", ColumnKind::Text, 24}, {"领办人", ColumnKind::Text, 10},
                     {"评审得分", ColumnKind::Score}},
                    {}};
    int n = 0;
    for (auto& c : selection.candidates) {
      if (!c.recommended) continue;
      const records::Application* a = by.application(c.application_id);
      list.rows.push_back({double(++n), c.application_id, text(a ? a->name : ""), text(a ? a->department : ""),
                           text(a ? a->occupation : ""), text(a ? a->leader : ""), c.score.aggregate});
    }
    list.notes.push_back("公示期：" + calendar::iso(pub.start) + " 至 " + calendar::iso(pub.end) + "，共 " +
                         std::to_string(pub.workdays) + " 个工作日（第五条（三））。");
    return list;
  }

  // In workbook order, each with the number of rows it will have.
  std::vector<report::LazyTable> tables() const {
    size_t recommended = 0;
    for (auto& c : selection.candidates) recommended += c.recommended;
    return {{eligibility.size(), [this] { return eligibility_sheet(s, year, by, experts, eligibility, selection); }},
            {selection.candidates.size(), [this] { return review_sheet(s, year, by, experts, selection); }},
            {recommended, [this] { return list(); }},
            {diags.items().size(), [this] { return problems_sheet(s.institution.name, year, diags); }}};
  }
};
}  // namespace

std::vector<report::Sheet> selection_sheets(const config::Settings& s, int year, const records::YearInput& in,
                              const std::vector<rules::EligibilityResult>& eligibility,
                              const rules::SelectionResult& selection, const rules::PublicityPeriod& pub,
                              const Diagnostics& diags) {
  const records::ByApplication by(in);
  const SelectionTables tables(s, year, in, by, eligibility, selection, pub, diags);
  std::vector<report::Sheet> sheets;
  for (auto& t : tables.tables()) {
    TableSheet sheet = t.make();
    report::hold_rows(sheet);  // its source points into `by` and `tables`, gone on return
    sheets.emplace_back(std::move(sheet));
  }
  return sheets;
}

void write_selection_workbook(const std::filesystem::path& target, const config::Settings& s, int year,
                              const std::string& date, const records::YearInput& in,
                              const records::ByApplication& by,
                              const std::vector<rules::EligibilityResult>& eligibility,
                              const rules::SelectionResult& selection, const rules::PublicityPeriod& pub,
                              const Diagnostics& diags) {
  const SelectionTables tables(s, year, in, by, eligibility, selection, pub, diags);
  report::write_lazy_tables(target, workbook_info(s, std::to_string(year) + " 年技师工作站资格审查汇总", date),
                            tables.tables());
}

std::vector<report::Sheet> approval_sheets(const config::Settings& s, int year, const rules::ApprovalResult& a,
                             const rules::PublicityPeriod& pub) {
  TableSheet st{"认定名单", s.institution.name + " " + std::to_string(year) + " 年认定的技师工作站",
                {{"工作站编号", ColumnKind::Text, 11}, {"申报编号", ColumnKind::Text, 12}, {"工作站名称", ColumnKind::Text, 30},
                 {"所在部门", ColumnKind::Text, 16}, {"职业（工种）", ColumnKind::Text, 24}, {"领办人", ColumnKind::Text, 10},
                 {"聘期开始", ColumnKind::Date}, {"聘期结束", ColumnKind::Date}, {"资助年限", ColumnKind::Integer},
                 {"上一聘期编号", ColumnKind::Text, 12}},
                {}};
  st.freeze_columns = 1;
  for (auto& x : a.stations)
    st.rows.push_back({x.code, x.application_id, x.name, x.department, x.occupation, x.leader, date_of(x.term_start),
                       date_of(x.term_end), double(x.funding_years), x.previous_code});
  st.totals = {std::string("合计"), Value{}, std::to_string(a.stations.size()) + " 个工作站"};
  TableSheet dec{"认定决定", s.institution.name + " " + std::to_string(year) + " 年建议名单的认定决定",
                 {{"申报编号", ColumnKind::Text, 12}, {"是否认定", ColumnKind::YesNo}, {"工作站编号", ColumnKind::Text, 11},
                  {"理由", ColumnKind::Text, 70}},
                 {}};
  for (auto& d : a.decisions)
    dec.rows.push_back({d.application_id, std::string(d.approved ? "是" : "否"), d.station_code, join(d.reasons, "\n")});
  dec.notes.push_back("公示期：" + calendar::iso(pub.start) + " 至 " + calendar::iso(pub.end) + "（第五条（三））。");
  return sheets_of(std::move(st), std::move(dec));
}

void write_approval_workbook(const std::filesystem::path& target, const config::Settings& s, int year,
                             const std::string& date, const rules::ApprovalResult& a,
                             const rules::PublicityPeriod& pub) {
  report::write_workbook(target, workbook_info(s, std::to_string(year) + " 年技师工作站认定名单", date),
                         approval_sheets(s, year, a, pub));
}

std::vector<report::Sheet> assessment_sheets(const config::Settings& s, int year,
                                             const std::vector<records::Performance>& performance,
                                             const rules::Registry& reg, const rules::AssessmentOutcome& o,
                                             const rules::FundingPlan& plan) {
  AssessmentLayout lay;
  const Index idx(reg, performance);
  const auto facts = std::make_shared<const std::vector<ResultFacts>>(facts_of(idx, o));
  TableSheet main = assessment_table(s, year, idx, facts, o, lay);
  TableSheet dept = department_table(s.institution.name, year, main, lay, *facts, o);
  report::ChartSheet charts = chart_sheet(s.institution.name, year, dept);
  TableSheet funding = funding_table(s, year, reg, o, plan);
  return sheets_of(std::move(main), std::move(dept), std::move(charts), std::move(funding));
}

void write_assessment_workbook(const std::filesystem::path& target, const config::Settings& s, int year,
                               const std::string& date, const std::vector<records::Performance>& performance,
                               const rules::Registry& reg, const rules::AssessmentOutcome& o,
                               const rules::FundingPlan& plan) {
  report::write_workbook(target, workbook_info(s, std::to_string(year) + " 年度技师工作站考核汇总", date),
                         assessment_sheets(s, year, performance, reg, o, plan));
}

}  // namespace tws::pipeline
