// Selection (第五条（三）): expert scores, ranking with reported ties, threshold, quota.
// Every expected value is computed by hand in the comment next to it.
#include <gtest/gtest.h>

#include <algorithm>

#include "rules/rules.h"

using namespace tws;
using namespace tws::rules;

namespace {

struct Panel {
  std::vector<records::Application> apps;
  std::vector<EligibilityResult> eligibility;
  std::vector<records::Review> reviews;
  config::Selection settings;

  void add(const std::string& id, std::vector<double> scores, bool eligible = true, int hints = 0) {
    records::Application a;
    a.id = id;
    a.where = {"applications.xlsx", "申报汇总", static_cast<int>(apps.size()) + 3};
    apps.push_back(a);
    EligibilityResult e;
    e.application_id = id;
    e.eligible = eligible;
    e.hints = hints;
    e.summary = eligible ? "符合条件" : "不符合条件（第 2 项不通过）";
    eligibility.push_back(e);
    int n = 0;
    for (double s : scores) {
      records::Review r;
      r.application_id = id;
      r.expert = "专家" + std::to_string(++n);
      r.score = s;
      r.where = {"reviews.xlsx", "专家评分", static_cast<int>(reviews.size()) + 2};
      reviews.push_back(r);
    }
  }
  SelectionResult run() const { return select(apps, eligibility, reviews, settings); }
};

const Candidate& find(const SelectionResult& r, const std::string& id) {
  auto it = std::find_if(r.candidates.begin(), r.candidates.end(), [&](auto& c) { return c.application_id == id; });
  EXPECT_NE(it, r.candidates.end()) << id;
  return *it;
}

bool has(const Candidate& c, const std::string& text) {
  return std::find(c.reasons.begin(), c.reasons.end(), text) != c.reasons.end();
}
std::string reasons(const Candidate& c) {
  std::string s;
  for (auto& r : c.reasons) s += r + "\n";
  return s;
}

}  // namespace

TEST(Article5_3_Selection, FiveExpertsDropHighestAndLowest) {
  // “组织人事处组织专家进行评审”: with ≥ 5 experts one highest and one lowest are dropped
  config::Selection s;
  auto r = aggregate_scores({80, 90, 70, 85, 95}, s);
  EXPECT_TRUE(r.trimmed);
  EXPECT_EQ(r.dropped_high, 95);
  EXPECT_EQ(r.dropped_low, 70);
  EXPECT_DOUBLE_EQ(r.aggregate, 85);  // (80 + 90 + 85) / 3
  EXPECT_DOUBLE_EQ(r.mean, 84);       // 420 / 5
  EXPECT_EQ(r.reason, "5 位专家评分 80、90、70、85、95，去掉一个最高分 95 和一个最低分 70，其余 3 个平均，"
                      "评审得分 85 分（第五条（三））");
}

TEST(Article5_3_Selection, FourExpertsPlainMean) {
  // “组织专家进行评审”: below 5 experts every score counts
  config::Selection s;
  auto r = aggregate_scores({80, 90, 70, 95}, s);
  EXPECT_FALSE(r.trimmed);
  EXPECT_DOUBLE_EQ(r.aggregate, 83.75);  // 335 / 4
  EXPECT_EQ(r.reason, "4 位专家评分 80、90、70、95，不足 5 位，不去掉最高分和最低分，取平均分，评审得分 83.75 分（第五条（三））");
  s.drop_extremes = false;
  EXPECT_DOUBLE_EQ(aggregate_scores({80, 90, 70, 85, 95}, s).aggregate, 84);  // 420 / 5
  EXPECT_DOUBLE_EQ(aggregate_scores({74, 75, 75}, s).aggregate, 74.67);       // 224 / 3 = 74.666…
  EXPECT_THROW(aggregate_scores({}, s), RulesError);
}

TEST(Article5_3_Selection, ThresholdDecidesRecommendation) {
  // “确定‘技师工作站’建议名单”: recommended when the score reaches the line (75)
  Panel p;
  p.add("2026-01", {75, 75, 75});  // 75
  p.add("2026-02", {74, 75, 75});  // 74.67
  auto r = p.run();
  EXPECT_FALSE(r.diags.has_errors());
  EXPECT_TRUE(find(r, "2026-01").recommended);
  EXPECT_FALSE(find(r, "2026-02").recommended);
  EXPECT_TRUE(has(find(r, "2026-02"), "第 2 名，评审得分 74.67 分，低于推荐分数线 75 分，未列入建议名单（第五条（三））"))
      << reasons(find(r, "2026-02"));
}

TEST(Article5_3_Selection, QuotaLimitsTheList) {
  // “确定……建议名单” within the optional yearly quota
  Panel p;
  p.add("2026-01", {80, 80, 80});
  p.add("2026-02", {90, 90, 90});
  p.add("2026-03", {85, 85, 85});
  p.settings.quota = 2;
  auto r = p.run();
  ASSERT_EQ(r.candidates.size(), 3u);
  EXPECT_EQ(r.candidates[0].application_id, "2026-02");
  EXPECT_EQ(r.candidates[1].application_id, "2026-03");
  EXPECT_EQ(r.candidates[2].application_id, "2026-01");
  EXPECT_TRUE(r.candidates[0].recommended);
  EXPECT_TRUE(r.candidates[1].recommended);
  EXPECT_FALSE(r.candidates[2].recommended);
  EXPECT_TRUE(has(r.candidates[2], "第 3 名，评审得分 80 分，达到推荐分数线 75 分，但本年度名额 2 个已满，未列入建议名单（第五条（三））"))
      << reasons(r.candidates[2]);
}

TEST(Article5_3_Selection, TieBrokenByMeanOfAllScoresAndReported) {
  // equal aggregates are ordered deterministically and the reason is published
  Panel p;
  p.add("2026-01", {70, 80, 80, 80, 90});  // trimmed 80, mean 400/5 = 80
  p.add("2026-02", {79, 80, 80, 80, 99});  // trimmed 80, mean 418/5 = 83.6
  auto r = p.run();
  EXPECT_EQ(r.candidates[0].application_id, "2026-02");
  EXPECT_EQ(r.candidates[0].rank, 1);
  EXPECT_TRUE(has(r.candidates[0], "与 2026-01 评审得分同为 80 分，因全部专家平均分 83.6 高于 80，排在其前（第五条（三），并列排序规则）"))
      << reasons(r.candidates[0]);
  EXPECT_TRUE(has(r.candidates[1], "与 2026-02 评审得分同为 80 分，因全部专家平均分 80 低于 83.6，排在其后（第五条（三），并列排序规则）"))
      << reasons(r.candidates[1]);
}

TEST(Article5_3_Selection, TieBrokenByHighestScoreThenExpertPointsThenId) {
  // “确定‘技师工作站’建议名单”: the order of equal scores never depends on input order
  Panel byMax;
  byMax.add("2026-01", {75, 80, 80, 80, 85});  // trimmed 80, mean 80, max 85
  byMax.add("2026-02", {70, 80, 80, 80, 90});  // trimmed 80, mean 80, max 90
  auto r = byMax.run();
  EXPECT_EQ(r.candidates[0].application_id, "2026-02");
  EXPECT_TRUE(has(r.candidates[0], "与 2026-01 评审得分同为 80 分，因最高专家评分 90 高于 85，排在其前（第五条（三），并列排序规则）"))
      << reasons(r.candidates[0]);

  Panel byExpert;
  byExpert.add("2026-01", {80, 80, 80}, true, 2);
  byExpert.add("2026-02", {80, 80, 80}, true, 0);
  r = byExpert.run();
  EXPECT_EQ(r.candidates[0].application_id, "2026-02");
  EXPECT_TRUE(has(r.candidates[1], "与 2026-02 评审得分同为 80 分，因提示项数 2 多于 0，排在其后（第五条（三），并列排序规则）"))
      << reasons(r.candidates[1]);

  Panel byId;
  byId.add("2026-02", {80, 80, 80});
  byId.add("2026-01", {80, 80, 80});
  r = byId.run();
  EXPECT_EQ(r.candidates[0].application_id, "2026-01");
  EXPECT_EQ(r.candidates[1].rank, 2);
  EXPECT_TRUE(has(r.candidates[0], "与 2026-02 评审得分同为 80 分，因其余各项均相同，按申报编号顺序（2026-01 在 2026-02 之前），排在其前（第五条（三），并列排序规则）"))
      << reasons(r.candidates[0]);
}

TEST(Article5_3_Selection, IneligibleApplicationsAreNotRanked) {
  // 第四条 conditions come before the review: an ineligible application is not ranked
  Panel p;
  p.add("2026-01", {95, 95, 95}, false);
  p.add("2026-02", {80, 80, 80});
  auto r = p.run();
  EXPECT_EQ(r.candidates[0].application_id, "2026-02");
  EXPECT_EQ(r.candidates[0].rank, 1);
  auto& out = find(r, "2026-01");
  EXPECT_EQ(out.rank, 0);
  EXPECT_FALSE(out.recommended);
  EXPECT_TRUE(has(out, "资格审查不符合条件（第 2 项不通过），不参加评审排名（第四条、第五条（三））")) << reasons(out);
}

TEST(Article5_3_Selection, TooFewExpertsIsAnInputError) {
  // “组织专家进行评审”: fewer than min_experts (3) is not a review
  Panel p;
  p.add("2026-01", {90, 90});
  p.add("2026-02", {80, 80, 80});
  auto r = p.run();
  ASSERT_TRUE(r.diags.has_errors());
  EXPECT_EQ(r.diags.items()[0].where.row, 3);  // the application's row in 申报汇总
  EXPECT_EQ(r.diags.items()[0].message, "申报 2026-01：仅有 2 位专家评分，少于 3 位，不能确定评审得分（第五条（三））");
  EXPECT_EQ(find(r, "2026-01").rank, 0);
}

TEST(Article5_3_Selection, ScoreOutOfRangeRejectedDefensively) {
  // “组织人事处组织专家进行评审”: a score outside 0–100 is not a review score
  Panel p;
  p.add("2026-01", {90, 105, 80});
  auto r = p.run();
  ASSERT_EQ(r.diags.error_count(), 1u);
  EXPECT_EQ(r.diags.items()[0].where.file, "reviews.xlsx");
  EXPECT_EQ(r.diags.items()[0].where.row, 3);
  EXPECT_EQ(r.diags.items()[0].message, "评分 105 超出 0–100 的范围");
  EXPECT_FALSE(find(r, "2026-01").recommended);
}

TEST(Article5_3_Selection, RepeatedReviewByTheSameExpertRejectedDefensively) {
  // “组织专家进行评审”: one expert scores an application once; a repeat is an input error
  Panel p;
  p.add("2026-01", {90, 85, 80});
  p.add("2026-02", {80, 80, 80});
  records::Review again = p.reviews[1];  // 专家2 on 2026-01 once more, after 2026-02's rows
  again.score = 99;
  again.where.row = 8;
  p.reviews.push_back(again);
  records::Review unknown = p.reviews[0];
  unknown.application_id = "2026-09";
  unknown.where.row = 9;
  p.reviews.push_back(unknown);
  auto r = p.run();
  ASSERT_EQ(r.diags.error_count(), 2u);
  EXPECT_EQ(r.diags.items()[0].where.row, 8);
  EXPECT_EQ(r.diags.items()[0].message, "专家专家2对申报 2026-01 重复评分");
  EXPECT_EQ(r.diags.items()[1].where.row, 9);
  EXPECT_EQ(r.diags.items()[1].message, "评分所对应的申报编号“2026-09”不存在");
  EXPECT_EQ(find(r, "2026-01").rank, 0);  // not ranked on scores in doubt
  EXPECT_TRUE(has(find(r, "2026-01"), "专家评分有误，不参加排名（第五条（三））")) << reasons(find(r, "2026-01"));
  EXPECT_EQ(find(r, "2026-02").rank, 1);
}

