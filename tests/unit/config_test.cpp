// input/tws.ini: defaults from the regulation, errors with key name and line.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "config/settings.h"

namespace fs = std::filesystem;
using namespace tws;

namespace {
fs::path write_ini(const std::string& body) {
  fs::path p = fs::temp_directory_path() / ("tws_config_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".ini");
  std::ofstream(p) << body;
  return p;
}
}  // namespace

TEST(Config, ShippedFileLoadsWithRegulationDefaults) {
  Diagnostics d;
  auto s = config::load_settings(fs::path(TWS_TESTS_DIR) / "../input/tws.ini", d);
  EXPECT_FALSE(d.has_errors());
  EXPECT_EQ(s.institution.name, "德州职业技术学院");
  EXPECT_EQ(s.institution.doc_prefix, "德职院政发");
  EXPECT_EQ(s.publicity.workdays, 3);            // 第五条（三）
  EXPECT_EQ(s.eligibility.min_skilled_members, 5);  // 第四条（一）
  EXPECT_DOUBLE_EQ(s.eligibility.min_area_m2, 60);  // 第四条（三）
  EXPECT_DOUBLE_EQ(s.funding.pass_amount, 20000);   // 第八条
  EXPECT_EQ(s.funding.term_years, 2);               // 第三条
  EXPECT_DOUBLE_EQ(s.selection.threshold, 75);
}

TEST(Config, UnknownKeyNamesKeyAndLine) {
  Diagnostics d;
  auto p = write_ini("[selection]\nthreshold = 80\n\n[selection]\nthreshhold = 70\n");
  EXPECT_THROW(config::load_settings(p, d), InputError);
  ASSERT_EQ(d.error_count(), 1u);
  EXPECT_EQ(d.items()[0].where.row, 5);
  EXPECT_NE(d.items()[0].message.find("selection.threshhold"), std::string::npos);
}

TEST(Config, BadValuesAllReportedWithLines) {
  Diagnostics d;
  auto p = write_ini("[publicity]\nworkdays = three\nstart_date = 2026/5/6\n[eligibility]\nleader_counts = maybe\n"
                     "[selection]\nthreshold = 150\n");
  EXPECT_THROW(config::load_settings(p, d), InputError);
  ASSERT_EQ(d.error_count(), 4u);
  EXPECT_EQ(d.items()[0].where.row, 2);
  EXPECT_NE(d.items()[0].message.find("publicity.workdays"), std::string::npos);
  EXPECT_EQ(d.items()[1].where.row, 3);
  EXPECT_EQ(d.items()[2].where.row, 5);
  EXPECT_EQ(d.items()[3].where.row, 7);
  EXPECT_NE(d.items()[3].message.find("0–100"), std::string::npos) << d.items()[3].message;
}

TEST(Config, OverridesApply) {
  Diagnostics d;
  auto p = write_ini("\xEF\xBB\xBF[selection]\nthreshold = 80\nquota = 6\n[eligibility]\narea_strict = true\n");
  auto s = config::load_settings(p, d);
  EXPECT_DOUBLE_EQ(s.selection.threshold, 80);
  EXPECT_EQ(s.selection.quota, 6);
  EXPECT_TRUE(s.eligibility.area_strict);
  EXPECT_EQ(s.publicity.workdays, 3);
}

TEST(Config, MissingFileIsInputError) {
  Diagnostics d;
  EXPECT_THROW(config::load_settings("/nonexistent/tws.ini", d), InputError);
}

// A year's tws.ini changes rules and dates only (issue 15, item 24).
TEST(Config, YearFileTakesRuleAndDateKeysOnly) {
  auto p = write_ini("[output]\nregistry = /tmp/elsewhere.sqlite3\n\n[selection]\nthreshold = 80\n[institution]\nname = 某校\n");
  Diagnostics d;
  config::Settings base = config::default_settings();
  base.source = "input/tws.ini";
  try {
    config::load_year_settings(p, d, base);
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where.row, 2);
    EXPECT_NE(e.message.find("配置项 output.registry 不能写在年度配置文件中"), std::string::npos) << e.message;
    EXPECT_NE(e.message.find("请写在 input/tws.ini 中"), std::string::npos) << e.message;
    EXPECT_NE(e.message.find("第7行: 配置项 institution.name"), std::string::npos) << e.message;
  }
  auto q = write_ini("[publicity]\nstart_date = 2026-05-25\nworkdays = 5\n[funding]\npass_amount = 30000\n");
  Diagnostics d2;
  auto s = config::load_year_settings(q, d2, base);
  EXPECT_EQ(s.publicity.start_date, "2026-05-25");
  EXPECT_EQ(s.funding.pass_amount, 30000);
  EXPECT_EQ(s.output.registry, base.output.registry);
  EXPECT_TRUE(config::year_key("assessment.excellent"));
  EXPECT_FALSE(config::year_key("publicity.phone"));
  EXPECT_FALSE(config::year_key("output.fonts"));
}

// 第三条 突出贡献 of a re-application: excellent (default) | verify | none, also per year.
TEST(Config, Article3_ReapplyContributionSetting) {
  Diagnostics d;
  auto s = config::load_settings(fs::path(TWS_TESTS_DIR) / "../input/tws.ini", d);
  EXPECT_EQ(s.eligibility.reapply_contribution, "excellent");
  auto p = write_ini("[eligibility]\nreapply_contribution = verify\n");
  Diagnostics d2;
  EXPECT_EQ(config::load_year_settings(p, d2, s).eligibility.reapply_contribution, "verify");
  auto bad = write_ini("[eligibility]\n\nreapply_contribution = sometimes\n");
  Diagnostics d3;
  EXPECT_THROW(config::load_settings(bad, d3), InputError);
  ASSERT_EQ(d3.error_count(), 1u);
  EXPECT_EQ(d3.items()[0].where.row, 3);
  EXPECT_NE(d3.items()[0].message.find("eligibility.reapply_contribution"), std::string::npos) << d3.items()[0].message;
}

// 第五条（四）“报学校研究确定”: the decision is recorded in the year's own tws.ini.
TEST(Article5_4_DecisionSettings, YearFileRecordsTheDecisionWithItsLines) {
  auto p = write_ini("[publicity]\nstart_date = 2026-05-25\n\n[approval]\ndecided_on = 2026-05-28\n"
                     "meeting = 2026年第9次院长办公会\ndoc_number = 31\n[assessment]\ndecided_on = 2026-12-30\n");
  Diagnostics d;
  auto s = config::load_year_settings(p, d, config::default_settings());
  EXPECT_FALSE(d.has_errors());
  EXPECT_EQ(s.approval.decided_on, "2026-05-28");
  EXPECT_EQ(s.approval.meeting, "2026年第9次院长办公会");
  EXPECT_EQ(s.approval.doc_number, 31);
  EXPECT_EQ(s.assessment.decided_on, "2026-12-30");
  EXPECT_EQ(s.where.at("approval.decided_on").row, 5);
  EXPECT_EQ(s.where.at("approval.doc_number").file, p.string());
  EXPECT_EQ(s.where.at("assessment.decided_on").row, 9);
  EXPECT_TRUE(config::default_settings().approval.decided_on.empty());  // not decided: approval not due
  EXPECT_EQ(config::default_settings().approval.doc_number, 0);         // allocated
}

TEST(Article5_4_DecisionSettings, BadDecisionValuesNameKeyAndLine) {
  auto p = write_ini("[approval]\ndecided_on = 2026/5/28\ndoc_number = 0\n[assessment]\ndecided_on = 2026-02-30\n");
  Diagnostics d;
  EXPECT_THROW(config::load_year_settings(p, d, config::default_settings()), InputError);
  ASSERT_EQ(d.error_count(), 3u);
  EXPECT_EQ(d.items()[0].where.row, 2);
  EXPECT_NE(d.items()[0].message.find("approval.decided_on 的值“2026/5/28”无效：日期格式应为 YYYY-MM-DD"), std::string::npos)
      << d.items()[0].message;
  EXPECT_EQ(d.items()[1].where.row, 3);
  EXPECT_NE(d.items()[1].message.find("approval.doc_number"), std::string::npos);
  EXPECT_EQ(d.items()[2].where.row, 5);
  EXPECT_NE(d.items()[2].message.find("不是有效的日期"), std::string::npos) << d.items()[2].message;
}

TEST(Article5_4_DecisionSettings, MainFileMayNotHoldAYearsDecision) {
  auto p = write_ini("[selection]\nthreshold = 75\n[approval]\nmeeting = 院长办公会\n[assessment]\ndecided_on = 2026-12-30\n");
  Diagnostics d;
  EXPECT_THROW(config::load_settings(p, d), InputError);
  ASSERT_EQ(d.error_count(), 2u);
  EXPECT_EQ(d.items()[0].where.row, 4);
  EXPECT_NE(d.items()[0].message.find("配置项 approval.meeting 是某一年度学校研究决定的记录，只能写在该年度的配置文件"),
            std::string::npos)
      << d.items()[0].message;
  EXPECT_EQ(d.items()[1].where.row, 6);
  EXPECT_TRUE(config::year_key("approval.decided_on"));
  EXPECT_TRUE(config::year_only_key("assessment.decided_on"));
  EXPECT_FALSE(config::year_only_key("assessment.excellent"));
}

// What the inputs hash takes of a tws.ini: its settings, not its comments or spacing.
TEST(Article5_4_DecisionSettings, SettingLinesLeaveOutCommentsAndSpacing) {
  EXPECT_EQ(config::setting_lines("\xEF\xBB\xBF# 说明\n[publicity]\nstart_date = 2026-05-25  # 注\n\n[approval]\n decided_on=2026-05-28\n"),
            (std::vector<std::string>{"publicity.start_date=2026-05-25", "approval.decided_on=2026-05-28"}));
}
