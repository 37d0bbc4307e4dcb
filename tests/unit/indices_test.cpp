// The lookups built once per year (records::ByApplication, rules::RegistryIndex) answer
// exactly as the scans they replaced: sheet order kept, the first match of an id wins,
// an unknown id gives nothing.
#include <gtest/gtest.h>

#include "records/records.h"
#include "rules/rules.h"

using namespace tws;

TEST(ByApplication, KeepsSheetOrderAndTheFirstApplicationOfAnId) {
  records::YearInput in;
  in.applications.resize(3);
  in.applications[0].id = "2026-01";
  in.applications[0].name = "first";
  in.applications[1].id = "2026-02";
  in.applications[2].id = "2026-01";  // a duplicate id (an input error elsewhere)
  in.applications[2].name = "second";
  for (const char* who : {"甲", "乙", "丙"}) {
    records::Member m;
    m.application_id = std::string(who) == "乙" ? "2026-02" : "2026-01";
    m.name = who;
    in.members.push_back(m);
  }
  records::Review r;
  r.application_id = "2026-02";
  r.expert = "专家A";
  in.reviews.push_back(r);

  const records::ByApplication by(in);
  ASSERT_NE(by.application("2026-01"), nullptr);
  EXPECT_EQ(by.application("2026-01")->name, "first");
  EXPECT_EQ(by.application("2026-99"), nullptr);
  ASSERT_EQ(by.members("2026-01").size(), 2u);
  EXPECT_EQ(by.members("2026-01")[0]->name, "甲");
  EXPECT_EQ(by.members("2026-01")[1]->name, "丙");
  EXPECT_TRUE(by.honours("2026-01").empty());
  ASSERT_EQ(by.reviews("2026-02").size(), 1u);
  EXPECT_TRUE(by.members("2026-99").empty());
}

TEST(ByApplication, GroupsInterleavedRowsOfManyApplications) {
  records::YearInput in;
  for (int i = 0; i < 50; ++i) {
    records::Application a;
    a.id = "A" + std::to_string(i);
    in.applications.push_back(a);
  }
  for (int k = 0; k < 500; ++k) {  // rows of all applications interleaved
    records::Member m;
    m.application_id = "A" + std::to_string((k * 7) % 50);
    m.name = std::to_string(k);
    in.members.push_back(m);
  }
  const records::ByApplication by(in);
  for (int i = 0; i < 50; ++i) {
    const std::string id = "A" + std::to_string(i);
    std::vector<std::string> expected, got;
    for (auto& m : in.members)
      if (m.application_id == id) expected.push_back(m.name);
    for (auto* m : by.members(id)) got.push_back(m->name);
    EXPECT_EQ(got, expected) << id;
    EXPECT_EQ(by.application(id), &in.applications[i]);
  }
}

TEST(RegistryIndex, AnswersAsFindStationAndFindAssessment) {
  rules::Registry reg;
  for (const char* code : {"JS202601", "JS202602", "JS202601"}) {
    rules::Station s;
    s.code = code;
    s.application_id = std::string(code) == "JS202602" ? "2026-02" : "2026-01";
    s.name = std::to_string(reg.stations.size());
    reg.stations.push_back(s);
  }
  for (int year : {2026, 2027, 2026}) {
    rules::AssessmentResult a;
    a.station_code = "JS202601";
    a.year = year;
    a.total = reg.assessments.size();
    reg.assessments.push_back(a);
  }
  const rules::RegistryIndex index(reg);
  EXPECT_EQ(index.station("JS202601"), rules::find_station(reg, "JS202601"));
  EXPECT_EQ(index.station("JS202601")->name, "0");
  EXPECT_EQ(index.station("JS209999"), nullptr);
  EXPECT_EQ(index.assessment("JS202601", 2026), rules::find_assessment(reg, "JS202601", 2026));
  EXPECT_EQ(index.assessment("JS202601", 2026)->total, 0);
  EXPECT_EQ(index.assessment("JS202601", 2027)->total, 1);
  EXPECT_EQ(index.assessment("JS202602", 2026), nullptr);
  ASSERT_EQ(index.stations_of_application("2026-01").size(), 2u);
  EXPECT_EQ(index.stations_of_application("2026-01")[1]->name, "2");
  EXPECT_TRUE(index.stations_of_application("2026-77").empty());
}
