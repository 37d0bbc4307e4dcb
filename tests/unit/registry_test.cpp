// The registry's phase records: outputs stored as rows of phase_outputs and read back
// in order (invariant 5 of registry_db.h), and a version-2 file, whose outputs were
// JSON text in phases.outputs, migrated to rows when it is opened (invariant 3).
#include <gtest/gtest.h>

#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "registry/registry_db.h"

namespace {
namespace fs = std::filesystem;
using tws::registry::Output;
using tws::registry::PhaseRecord;
using tws::registry::RegistryDb;

const std::string kHashA(64, 'a'), kHashB(64, 'b'), kHashC(64, 'c');

class RegistryFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("tws_registry_test_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = dir_ / "registry.sqlite3";
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `sql` on the file directly; returns the first column of every row.
  std::vector<std::string> sql(const std::string& text) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    std::vector<std::string> rows;
    auto collect = [](void* out, int, char** values, char**) {
      static_cast<std::vector<std::string>*>(out)->push_back(values[0] ? values[0] : "NULL");
      return 0;
    };
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, text.c_str(), collect, &rows, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
    return rows;
  }

  fs::path dir_, path_;
};

TEST_F(RegistryFile, PhaseOutputsRoundTripInOrder) {
  const std::vector<Output> outputs = {{"2026/考核汇总.xlsx", kHashA},
                                       {"2026/考核结果通报.pdf", kHashB},
                                       {"2026/a \"quoted\"\\name.pdf", kHashC}};
  {
    RegistryDb db(path_);
    db.commit_phase({}, {2026, "assess", kHashA, "2026-12-31", outputs, "{\"assessed\":0}"}, std::nullopt, "test");
  }
  RegistryDb db(path_);
  auto rec = db.phase_record(2026, "assess");
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->outputs, outputs);
  EXPECT_EQ(rec->counts, "{\"assessed\":0}");
  EXPECT_EQ(sql("SELECT count(*) FROM phase_outputs"), std::vector<std::string>{"3"});
  // The run log keeps each run's outputs as JSON text, as manifest.json spells them.
  EXPECT_EQ(sql("SELECT outputs FROM runs"), std::vector<std::string>{tws::registry::outputs_json(outputs)});
}

TEST_F(RegistryFile, RerunReplacesThePhaseOutputs) {
  RegistryDb db(path_);
  db.commit_phase({}, {2026, "select", kHashA, "2026-05-01", {{"2026/a.pdf", kHashA}, {"2026/b.pdf", kHashB}}, "{}"},
                  std::nullopt, "test");
  db.commit_phase({}, {2026, "select", kHashB, "2026-05-02", {{"2026/c.pdf", kHashC}}, "{}"}, std::nullopt, "test");
  db.commit_phase({}, {2026, "approve", kHashC, "2026-06-01", {{"2026/d.pdf", kHashA}}, "{}"}, std::nullopt, "test");
  auto rec = db.phase_record(2026, "select");
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->outputs, (std::vector<Output>{{"2026/c.pdf", kHashC}}));
  EXPECT_EQ(db.phase_record(2026, "approve")->outputs, (std::vector<Output>{{"2026/d.pdf", kHashA}}));
}

TEST_F(RegistryFile, OutputsJsonEscapesLikeTheManifest) {
  EXPECT_EQ(tws::registry::outputs_json({}), "[]");
  EXPECT_EQ(tws::registry::outputs_json({{"2026/x\"y\\z\n.pdf", kHashA}, {"2026/认定通知.pdf", kHashB}}),
            "[{\"path\":\"2026/x\\\"y\\\\z\\u000a.pdf\",\"sha256\":\"" + kHashA +
                "\"},{\"path\":\"2026/认定通知.pdf\",\"sha256\":\"" + kHashB + "\"}]");
}

// A file written by a version-2 tws: the phase table as versions 1 and 2 defined it,
// outputs as JSON text. Opening it migrates in one transaction: the JSON becomes rows,
// in order, and the column is dropped.
TEST_F(RegistryFile, Version2JsonOutputsMigrateToRows) {
  const std::vector<Output> select = {{"2025/资格审查汇总.xlsx", kHashA}, {"2025/申报认定表/a \"b\".pdf", kHashB}};
  sql("CREATE TABLE phases(year INTEGER NOT NULL, phase TEXT NOT NULL, inputs_sha256 TEXT NOT NULL,"
      " run_date TEXT NOT NULL, outputs TEXT NOT NULL, counts TEXT NOT NULL, PRIMARY KEY(year, phase));"
      "INSERT INTO phases VALUES(2025, 'select', 'h1', '2025-05-01', '" + tws::registry::outputs_json(select) +
      "', '{\"eligible\":2}');"
      "INSERT INTO phases VALUES(2025, 'assess', 'h2', '2025-12-31', '[]', '{}');"
      "PRAGMA user_version = 2;");
  RegistryDb db(path_);
  EXPECT_EQ(sql("PRAGMA user_version"), std::vector<std::string>{std::to_string(RegistryDb::kSchemaVersion)});
  auto records = db.phase_records();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].phase, "assess");
  EXPECT_TRUE(records[0].outputs.empty());
  EXPECT_EQ(records[1].phase, "select");
  EXPECT_EQ(records[1].outputs, select);
  EXPECT_EQ(records[1].counts, "{\"eligible\":2}");
  EXPECT_EQ(sql("SELECT count(*) FROM pragma_table_info('phases') WHERE name = 'outputs'"),
            std::vector<std::string>{"0"});
}

// A newer file than this program knows is refused and left as it is.
TEST_F(RegistryFile, NewerVersionIsRefused) {
  sql("CREATE TABLE t(x); PRAGMA user_version = " + std::to_string(RegistryDb::kSchemaVersion + 1));
  EXPECT_THROW(RegistryDb db(path_), std::runtime_error);
  EXPECT_EQ(sql("PRAGMA user_version"), std::vector<std::string>{std::to_string(RegistryDb::kSchemaVersion + 1)});
}

}  // namespace
