// A 荣誉 row's 级别 against the level of the 第二条 honour it names (issue 16, item 4).
#include <gtest/gtest.h>

#include "rules/rules.h"

using tws::records::Honour;
using tws::rules::honour_level_conflict;

namespace {
Honour honour(const std::string& name, const std::string& level, const std::string& kind = "荣誉") {
  Honour h;
  h.kind = kind;
  h.name = name;
  h.level = level;
  return h;
}
}  // namespace

TEST(HonourLevel, MatchingOrEmptyOrUnknownHonourIsNoConflict) {
  EXPECT_EQ(honour_level_conflict(honour("山东省技术能手", "省级")), "");
  EXPECT_EQ(honour_level_conflict(honour("德州市技术能手", "市级")), "");
  EXPECT_EQ(honour_level_conflict(honour("中华技能大奖", "国家级")), "");
  EXPECT_EQ(honour_level_conflict(honour("荣获齐鲁首席技师称号", "省级")), "");  // a spelling of a listed honour
  EXPECT_EQ(honour_level_conflict(honour("山东省技术能手", "")), "");
  EXPECT_EQ(honour_level_conflict(honour("山东省技术能手", "其他")), "");
  EXPECT_EQ(honour_level_conflict(honour("德州市五一劳动奖章", "省级")), "");  // not listed: level unknown
  EXPECT_EQ(honour_level_conflict(honour("山东省技术能手", "市级", "竞赛")), "");  // a competition's class
}

TEST(HonourLevel, ContradictionNamesBothLevels) {
  EXPECT_EQ(honour_level_conflict(honour("山东省技术能手", "市级")),
            "“级别”填的是“市级”，但“山东省技术能手”是省级荣誉：请核对（资格审查按荣誉名称认定）");
  EXPECT_EQ(honour_level_conflict(honour("德州市技术能手", "省级")),
            "“级别”填的是“省级”，但“德州市技术能手”是市级荣誉：请核对（资格审查按荣誉名称认定）");
  EXPECT_EQ(honour_level_conflict(honour("中华技能大奖", "省级")),
            "“级别”填的是“省级”，但“中华技能大奖”是国家级荣誉：请核对（资格审查按荣誉名称认定）");
  EXPECT_NE(honour_level_conflict(honour("齐鲁首席技师", "市级")), "");
}
