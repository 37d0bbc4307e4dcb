// Funding (第八条) and terms (第三条): amounts by grade within the 2-year funding
// period, nothing after 不合格, totals, 大写 amounts; term end dates and status.
#include <gtest/gtest.h>

#include "rules/rules.h"

using namespace tws;
using namespace tws::rules;
using calendar::parse_iso;

TEST(Article8_AmountInWords, FinancialUppercaseByHand) {
  // “每年给予 2 万元的经费支持”, written in 大写 as on a payment voucher
  EXPECT_EQ(amount_in_words(0), "零元整");
  EXPECT_EQ(amount_in_words(20000), "贰万元整");
  EXPECT_EQ(amount_in_words(40000), "肆万元整");
  EXPECT_EQ(amount_in_words(120000), "壹拾贰万元整");  // not 拾贰万: 壹拾 at the head
  EXPECT_EQ(amount_in_words(25000), "贰万伍仟元整");
  EXPECT_EQ(amount_in_words(100500), "壹拾万零伍佰元整");
  EXPECT_EQ(amount_in_words(1001), "壹仟零壹元整");
  EXPECT_EQ(amount_in_words(10), "壹拾元整");
  EXPECT_EQ(amount_in_words(10010), "壹万零壹拾元整");
  EXPECT_EQ(amount_in_words(100100000), "壹亿零壹拾万元整");  // ICU alone gives 壹亿拾万
  EXPECT_EQ(amount_in_words(6007.14), "陆仟零柒元壹角肆分");
  EXPECT_EQ(amount_in_words(1409.50), "壹仟肆佰零玖元伍角");
  EXPECT_EQ(amount_in_words(1000.05), "壹仟元零伍分");
  EXPECT_EQ(amount_in_words(0.3), "叁角");
  EXPECT_THROW(amount_in_words(-1), RulesError);
}

TEST(Article8_AmountInFigures, ThousandsSeparatorsAndTwoDecimals) {
  // “每年给予 2 万元的经费支持”, in figures beside the 大写
  EXPECT_EQ(amount_in_figures(0), "0.00");
  EXPECT_EQ(amount_in_figures(20000), "20,000.00");
  EXPECT_EQ(amount_in_figures(120000), "120,000.00");
  EXPECT_EQ(amount_in_figures(1234567.5), "1,234,567.50");
  EXPECT_EQ(amount_in_figures(999), "999.00");
}

namespace {

Station station(const std::string& code, const std::string& dept, int first_year = 2026) {
  Station s;
  s.code = code;
  s.application_id = std::to_string(first_year) + "-" + code.substr(6);
  s.first_year = first_year;
  s.name = "工作站" + code;
  s.department = dept;
  s.term_start = parse_iso(std::to_string(first_year) + "-07-01");
  s.term_end = term_end(s.term_start, 2);
  return s;
}

records::Performance row(const std::string& code, int year, bool pass = true) {
  records::Performance p;
  p.station_code = code;
  p.year = year;
  p.enterprises_first = p.enterprises_second = 2;
  p.trained = 10;
  p.apprentices = 5;
  p.tech_projects = 5;
  p.trainees = 100;
  p.budget_rate = 1;
  p.accounts_compliant = true;
  p.economic_benefit = 50;
  p.social_score = pass ? 10 : 0;  // 100 (优秀) or 90 …
  p.funds_misused = !pass;         // … turned into 不合格
  return p;
}

Registry three_stations() {
  Registry r;
  r.stations = {station("JS202601", "机电工程系"), station("JS202602", "信息工程系"), station("JS202603", "机电工程系")};
  return r;
}

// Assess `rows` on `on`, then store the results and revocations.
Registry assessed(Registry r, std::vector<records::Performance> rows, const char* on) {
  auto o = assess(rows, r, parse_iso(on), config::Assessment{});
  EXPECT_FALSE(o.diags.has_errors());
  return apply_assessment(std::move(r), o);
}

}  // namespace

TEST(Article8_Funding, TwentyThousandPerStationTotalsPerDepartment) {
  // “资助期内学校将根据考核结果，以项目经费方式每年给予 2 万元的经费支持”
  Registry r = assessed(three_stations(), {row("JS202601", 2026), row("JS202602", 2026), row("JS202603", 2026)},
                        "2027-01-15");
  config::Funding f;
  auto plan = plan_funding(r, 2026, f);
  ASSERT_EQ(plan.lines.size(), 3u);
  EXPECT_EQ(plan.lines[0].amount, 20000);
  EXPECT_EQ(plan.lines[0].grade, Grade::Excellent);
  EXPECT_EQ(plan.lines[0].reason, "2026 年度考核优秀，资助期第 1 年，下达经费 20,000.00 元（贰万元整）（第八条）");
  ASSERT_EQ(plan.departments.size(), 2u);
  EXPECT_EQ(plan.departments[0].department, "机电工程系");  // first by station code
  EXPECT_EQ(plan.departments[0].stations, 2);
  EXPECT_EQ(plan.departments[0].amount, 40000);
  EXPECT_EQ(plan.departments[1].department, "信息工程系");
  EXPECT_EQ(plan.departments[1].amount, 20000);
  EXPECT_EQ(plan.total, 60000);
  EXPECT_EQ(amount_in_words(plan.total), "陆万元整");

  f.excellent_amount = 25000;  // per-grade amounts are settings
  plan = plan_funding(r, 2026, f);
  EXPECT_EQ(plan.total, 75000);
  EXPECT_EQ(amount_in_words(plan.total), "柒万伍仟元整");
}

TEST(Article8_Funding, FirstYearFailRevokesAndStopsSecondYearFunding) {
  // 第七条 “经考核评估不合格的，撤销‘技师工作站’资格，不再予以经费支持”
  Registry r = assessed(three_stations(),
                        {row("JS202601", 2026), row("JS202602", 2026, false), row("JS202603", 2026)}, "2027-01-15");
  EXPECT_EQ(find_station(r, "JS202602")->status, StationStatus::Revoked);
  config::Funding f;
  auto y1 = plan_funding(r, 2026, f);
  ASSERT_EQ(y1.lines.size(), 2u);
  EXPECT_EQ(y1.lines[0].station_code, "JS202601");
  EXPECT_EQ(y1.lines[1].station_code, "JS202603");
  EXPECT_EQ(y1.total, 40000);
  ASSERT_EQ(y1.not_funded.size(), 1u);
  EXPECT_EQ(y1.not_funded[0], "工作站 JS202602“工作站JS202602”2026 年度考核不合格，撤销资格，不予经费支持（第七条）");

  // year 2: the revoked station cannot even be assessed, and is not funded
  auto o = assess({row("JS202601", 2027), row("JS202602", 2027), row("JS202603", 2027)}, r, parse_iso("2028-01-15"),
                  config::Assessment{});
  EXPECT_EQ(o.diags.error_count(), 1u);
  r = apply_assessment(r, o);
  auto y2 = plan_funding(r, 2027, f);
  ASSERT_EQ(y2.lines.size(), 2u);
  EXPECT_EQ(y2.total, 40000);
  EXPECT_EQ(y2.lines[1].reason, "2027 年度考核优秀，资助期第 2 年，下达经费 20,000.00 元（贰万元整）（第八条）");
  EXPECT_EQ(y2.not_funded[0], "工作站 JS202602“工作站JS202602”已于 2027-01-15 撤销，2027 年度不予经费支持（第七条）");
}

TEST(Article8_Funding, NothingOutsideTheFundingPeriodOrBeforeAssessment) {
  // “技师工作站资助期为 2 年”
  Registry r = assessed(three_stations(), {row("JS202601", 2026)}, "2027-01-15");
  config::Funding f;
  EXPECT_TRUE(plan_funding(r, 2025, f).lines.empty());
  EXPECT_TRUE(plan_funding(r, 2028, f).lines.empty());  // the third year is outside the period
  EXPECT_TRUE(plan_funding(r, 2028, f).not_funded.empty());
  auto pending = plan_funding(r, 2026, f);
  EXPECT_EQ(pending.lines.size(), 1u);
  ASSERT_EQ(pending.not_funded.size(), 2u);
  EXPECT_EQ(pending.not_funded[0], "工作站 JS202602“工作站JS202602”尚无 2026 年度考核结果，暂不下达经费（第八条）");
  // a shorter period (setting funding.funding_years) is stored on the station at approval
  Station one = station("JS202701", "机电工程系", 2027);
  one.funding_years = 1;
  EXPECT_TRUE(in_funding_period(one, 2027));
  EXPECT_FALSE(in_funding_period(one, 2028));
}

TEST(Article8_Funding, ApplyReplacesTheYearsLines) {
  // “每年给予 2 万元”: once per station and year, however often the phase runs
  Registry r = assessed(three_stations(), {row("JS202601", 2026)}, "2027-01-15");
  auto plan = plan_funding(r, 2026, config::Funding{});
  r = apply_funding(r, plan);
  r = apply_funding(r, plan);  // a re-run does not double the money
  EXPECT_EQ(r.funding.size(), 1u);
}

// ── 第三条: terms ─────────────────────────────────────────────────────────────

TEST(Article3_Term, TwoWholeYearsEndingTheDayBefore) {
  // “聘期为 2 年”
  EXPECT_EQ(calendar::iso(term_end(parse_iso("2026-07-01"), 2)), "2028-06-30");
  EXPECT_EQ(calendar::iso(term_end(parse_iso("2026-01-01"), 2)), "2027-12-31");
  EXPECT_EQ(calendar::iso(term_end(parse_iso("2028-02-29"), 2)), "2030-02-28");
  EXPECT_EQ(calendar::iso(term_end(parse_iso("2026-03-01"), 2)), "2028-02-29");
}

TEST(Article3_Term, ActiveThroughTheLastDayThenExpired) {
  // “聘期满后可重新按照程序进行申报”: the last day of the term is still in it
  Station s = station("JS202601", "机电工程系");  // 2026-07-01 … 2028-06-30
  EXPECT_EQ(status_on(s, parse_iso("2028-06-29")), StationStatus::Active);
  EXPECT_EQ(status_on(s, parse_iso("2028-06-30")), StationStatus::Active);
  EXPECT_EQ(status_on(s, parse_iso("2028-07-01")), StationStatus::Expired);
  EXPECT_EQ(status_label(StationStatus::Expired), "聘期届满");
  Registry r;
  r.stations.push_back(s);
  r = refresh_status(r, parse_iso("2028-07-01"));
  EXPECT_EQ(r.stations[0].status, StationStatus::Expired);
  EXPECT_TRUE(in_term_years(s, 2027));
  EXPECT_FALSE(in_term_years(s, 2028));
}
