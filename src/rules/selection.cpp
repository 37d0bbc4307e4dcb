// Selection (第五条（三）): expert scores aggregated, eligible applications ranked
// with a deterministic and reported tie-break, and the 建议名单 drawn by threshold
// and quota.
#include <algorithm>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "rules/detail.h"
#include "rules/rules.h"

namespace tws::rules {
namespace {
using detail::num;

std::string list(const std::vector<double>& v) {
  std::vector<std::string> parts;
  for (double x : v) parts.push_back(num(x));
  return join(parts, "、");
}

double mean(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v) sum += x;
  return sum / static_cast<double>(v.size());
}

// One step of the tie-break: the name of the key and, for a and b, the text of
// their values; `cmp` < 0 when a goes first.
struct TieKey {
  int cmp = 0;
  std::string first, second;  // reason for the one ranked first / second
};

int compare_desc(double a, double b) { return a > b ? -1 : a < b ? 1 : 0; }

// The tie-break order after equal aggregates: higher mean of all scores, higher
// single score, fewer 提示, then the smaller 申报编号 (always decides).
TieKey tie_break(const Candidate& a, const Candidate& b) {
  auto make = [&](int cmp, const std::string& what, const std::string& va, const std::string& vb,
                  const char* better, const char* worse) {
    const bool a_first = cmp < 0;
    const std::string& x = a_first ? va : vb;
    const std::string& y = a_first ? vb : va;
    return TieKey{cmp, "因" + what + " " + x + better + y, "因" + what + " " + y + worse + x};
  };
  if (int c = compare_desc(a.score.mean, b.score.mean))
    return make(c, "全部专家平均分", num(a.score.mean), num(b.score.mean), " 高于 ", " 低于 ");
  if (int c = compare_desc(a.score.max, b.score.max))
    return make(c, "最高专家评分", num(a.score.max), num(b.score.max), " 高于 ", " 低于 ");
  if (a.hints != b.hints)
    return make(a.hints < b.hints ? -1 : 1, "提示项数", std::to_string(a.hints), std::to_string(b.hints), " 少于 ",
                " 多于 ");
  int c = a.application_id < b.application_id ? -1 : a.application_id > b.application_id ? 1 : 0;
  bool a_first = c <= 0;
  const std::string& x = a_first ? a.application_id : b.application_id;
  const std::string& y = a_first ? b.application_id : a.application_id;
  std::string order = "因其余各项均相同，按申报编号顺序（" + x + " 在 " + y + " 之前）";
  return {c, order, order};
}

// A review that repeats an earlier one's (申报编号, expert) pair, by index.
std::vector<bool> repeated_reviews(const std::vector<records::Review>& reviews) {
  std::vector<bool> repeated(reviews.size(), false);
  std::set<std::pair<std::string_view, std::string_view>> seen;
  for (std::size_t i = 0; i < reviews.size(); ++i)
    repeated[i] = !seen.emplace(reviews[i].application_id, reviews[i].expert).second;
  return repeated;
}

bool ranks_before(const Candidate& a, const Candidate& b) {
  if (a.score.aggregate != b.score.aggregate) return a.score.aggregate > b.score.aggregate;
  return tie_break(a, b).cmp < 0;
}

}  // namespace

// 第五条（三）组织人事处组织专家进行评审: drop one highest and one lowest score when
// enough experts scored (a common rule for expert panels; a setting), else average.
ScoreSummary aggregate_scores(const std::vector<double>& scores, const config::Selection& s) {
  if (scores.empty()) throw RulesError("没有专家评分，无法计算评审得分（第五条（三））");
  ScoreSummary r;
  r.scores = scores;
  r.max = *std::max_element(scores.begin(), scores.end());
  r.mean = detail::round2(mean(scores));
  const int n = static_cast<int>(scores.size());
  std::string head = std::to_string(n) + " 位专家评分 " + list(scores) + "，";
  // At least 3 scores must remain after dropping two.
  if (s.drop_extremes && n >= std::max(3, s.drop_extremes_min_experts)) {
    std::vector<double> sorted = scores;
    std::sort(sorted.begin(), sorted.end());
    r.trimmed = true;
    r.dropped_low = sorted.front();
    r.dropped_high = sorted.back();
    std::vector<double> kept(sorted.begin() + 1, sorted.end() - 1);
    r.aggregate = detail::round2(mean(kept));
    r.reason = head + "去掉一个最高分 " + num(r.dropped_high) + " 和一个最低分 " + num(r.dropped_low) +
               "，其余 " + std::to_string(n - 2) + " 个平均，评审得分 " + num(r.aggregate) + " 分（第五条（三））";
  } else {
    r.aggregate = r.mean;
    std::string why = !s.drop_extremes ? "按设置不去掉最高分和最低分"
                                       : "不足 " + std::to_string(s.drop_extremes_min_experts) + " 位，不去掉最高分和最低分";
    r.reason = head + why + "，取平均分，评审得分 " + num(r.aggregate) + " 分（第五条（三））";
  }
  return r;
}

namespace {

// The scores of each application in review order, and the applications with a score in
// error; defensive re-checks of ingest's rules, reported to `diags`.
struct Scores {
  std::unordered_map<std::string_view, std::vector<double>> of;
  std::unordered_set<std::string_view> bad;
};

Scores collect_scores(const std::vector<records::Application>& apps, const std::vector<records::Review>& reviews,
                      const config::Selection& s, Diagnostics& diags) {
  Scores out;
  std::unordered_set<std::string_view> known;
  for (auto& a : apps) known.insert(a.id);
  const std::vector<bool> repeated = repeated_reviews(reviews);
  for (std::size_t i = 0; i < reviews.size(); ++i) {
    const records::Review& r = reviews[i];
    const std::string& id = r.application_id;
    if (!known.count(id)) {
      diags.error(r.where, "评分所对应的申报编号“" + id + "”不存在");
    } else if (repeated[i]) {
      diags.error(r.where, "专家" + r.expert + "对申报 " + id + " 重复评分");
      out.bad.insert(id);
    } else if (r.score < s.score_min || r.score > s.score_max) {
      diags.error(r.where, "评分 " + num(r.score) + " 超出 " + num(s.score_min) + "–" + num(s.score_max) + " 的范围");
      out.bad.insert(id);
    } else {
      out.of[id].push_back(r.score);
    }
  }
  return out;
}

// Sorts the ranked candidates, numbers them and reports every tie between neighbours on
// both sides.
void rank(std::vector<Candidate>& ranked) {
  std::sort(ranked.begin(), ranked.end(), ranks_before);
  for (size_t i = 0; i < ranked.size(); ++i) ranked[i].rank = static_cast<int>(i) + 1;
  for (size_t i = 0; i + 1 < ranked.size(); ++i) {
    Candidate &a = ranked[i], &b = ranked[i + 1];
    if (a.score.aggregate != b.score.aggregate) continue;
    TieKey k = tie_break(a, b);
    std::string same = "评审得分同为 " + num(a.score.aggregate) + " 分，";
    a.reasons.push_back("与 " + b.application_id + " " + same + k.first + "，排在其前（第五条（三），并列排序规则）");
    b.reasons.push_back("与 " + a.application_id + " " + same + k.second + "，排在其后（第五条（三），并列排序规则）");
  }
}

// The 建议名单: in rank order, those at or above the threshold within the quota.
void recommend(std::vector<Candidate>& ranked, const config::Selection& s) {
  int recommended = 0;
  for (auto& c : ranked) {
    std::string score = "第 " + std::to_string(c.rank) + " 名，评审得分 " + num(c.score.aggregate) + " 分";
    if (!detail::at_least(c.score.aggregate, s.threshold)) {
      c.reasons.push_back(score + "，低于推荐分数线 " + num(s.threshold) + " 分，未列入建议名单（第五条（三））");
    } else if (s.quota > 0 && recommended >= s.quota) {
      c.reasons.push_back(score + "，达到推荐分数线 " + num(s.threshold) + " 分，但本年度名额 " +
                          std::to_string(s.quota) + " 个已满，未列入建议名单（第五条（三））");
    } else {
      c.recommended = true;
      ++recommended;
      c.reasons.push_back(score + "，不低于推荐分数线 " + num(s.threshold) + " 分" +
                          (s.quota > 0 ? "，在名额 " + std::to_string(s.quota) + " 个以内" : "") +
                          "，列入建议名单（第五条（三））");
    }
  }
}

}  // namespace

// 第五条（三）确定“技师工作站”建议名单
SelectionResult select(const std::vector<records::Application>& apps, const std::vector<EligibilityResult>& eligibility,
                       const std::vector<records::Review>& reviews, const config::Selection& s) {
  SelectionResult out;
  std::unordered_map<std::string_view, const EligibilityResult*> elig;
  for (auto& e : eligibility) elig[e.application_id] = &e;
  Scores scores = collect_scores(apps, reviews, s, out.diags);
  std::vector<Candidate> ranked, others;
  for (auto& a : apps) {
    Candidate c;
    c.application_id = a.id;
    auto e = elig.find(a.id);
    if (e == elig.end()) {
      out.diags.error(a.where, "申报 " + a.id + " 没有资格审查结果");
      c.reasons.push_back("没有资格审查结果，不参加排名");
      others.push_back(std::move(c));
      continue;
    }
    c.eligible = e->second->eligible;
    c.hints = e->second->hints;
    const std::vector<double>& v = scores.of[a.id];
    if (!c.eligible) {
      c.reasons.push_back("资格审查" + e->second->summary + "，不参加评审排名（第四条、第五条（三））");
    } else if (scores.bad.count(a.id)) {
      c.reasons.push_back("专家评分有误，不参加排名（第五条（三））");
    } else if (static_cast<int>(v.size()) < s.min_experts) {
      std::string why = "仅有 " + std::to_string(v.size()) + " 位专家评分，少于 " + std::to_string(s.min_experts) +
                        " 位，不能确定评审得分（第五条（三））";
      out.diags.error(a.where, "申报 " + a.id + "：" + why);
      c.reasons.push_back(why);
    } else {
      c.score = aggregate_scores(v, s);  // its reason is c.score.reason, not repeated in c.reasons
      ranked.push_back(std::move(c));
      continue;
    }
    others.push_back(std::move(c));
  }
  rank(ranked);
  recommend(ranked, s);
  out.candidates = std::move(ranked);
  for (auto& c : others) out.candidates.push_back(std::move(c));
  return out;
}

}  // namespace tws::rules
