// Small shared pieces: SHA-256 against the FIPS 180-4 test vectors, atomic writes.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "common/atomic_file.h"
#include "common/diagnostic.h"
#include "common/errors.h"
#include "common/sha256.h"

TEST(Sha256, Fips180Vectors) {
  EXPECT_EQ(tws::sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(tws::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(tws::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(tws::sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(AtomicFile, FailedWriteLeavesTargetUntouched) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "tws_atomic_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::path target = dir / "out.txt";
  tws::write_file_atomically(target, "old");
  EXPECT_THROW(tws::write_atomically(target, [](const fs::path& tmp) {
                 std::ofstream(tmp) << "half";
                 throw std::runtime_error("boom");
               }),
               std::runtime_error);
  std::ifstream in(target);
  std::string s((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(s, "old");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);  // no temp left
  fs::remove_all(dir);
}

namespace {
std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}
std::vector<std::string> names_in(const std::filesystem::path& dir) {
  std::vector<std::string> v;
  for (auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file()) v.push_back(std::filesystem::relative(e.path(), dir).string());
  std::sort(v.begin(), v.end());
  return v;
}
}  // namespace

// A phase's documents staged from several threads: nothing is visible (and nothing
// existing changes) when staged; dropped unpublished, no file or temporary stays.
TEST(StagedFiles, NothingChangesWhenStagedAndAbandonedStagingLeavesNoTrace) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("tws_staged_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "forms");
  tws::write_file_atomically(dir / "forms" / "old.pdf", "old");
  {
    tws::StagedFiles staged;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&, t] {
        for (int i = 0; i < 25; ++i)
          staged.stage(dir / "forms" / ("f" + std::to_string(t * 25 + i) + ".pdf"), "x" + std::to_string(i));
      });
    for (auto& th : threads) th.join();
    staged.stage(dir / "forms" / "old.pdf", "new");
    // A file its writer writes itself (the workbook) is staged alike.
    staged.stage_written(dir / "book.xlsx", [](const fs::path& tmp) { tws::write_file_atomically(tmp, "book"); });
    EXPECT_EQ(staged.targets().size(), 102u);
    EXPECT_EQ(slurp(dir / "forms" / "old.pdf"), "old");
    EXPECT_FALSE(fs::exists(dir / "forms" / "f0.pdf"));
    EXPECT_FALSE(fs::exists(dir / "book.xlsx"));
  }  // abandoned: a document failed
  EXPECT_EQ(names_in(dir), std::vector<std::string>{"forms/old.pdf"});
  EXPECT_EQ(slurp(dir / "forms" / "old.pdf"), "old");

  tws::StagedFiles staged;
  staged.stage(dir / "forms" / "old.pdf", "new", 0640);
  staged.stage(dir / "list" / "公示名单.pdf", "list");  // a folder that does not exist yet
  staged.stage_written(dir / "list" / "汇总.xlsx", [](const fs::path& tmp) { tws::write_file_atomically(tmp, "book"); });
  staged.sync();
  // The temporaries stay for the phase's commit to move; the targets are untouched.
  EXPECT_EQ(slurp(dir / "forms" / "old.pdf"), "old");
  EXPECT_EQ(slurp(tws::temporary_path(dir / "forms" / "old.pdf")), "new");
  EXPECT_EQ(fs::status(tws::temporary_path(dir / "forms" / "old.pdf")).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  EXPECT_EQ(staged.targets(), (std::vector<std::string>{(dir / "forms" / "old.pdf").string(),
                                                        (dir / "list" / "公示名单.pdf").string(),
                                                        (dir / "list" / "汇总.xlsx").string()}));
  staged.published();
  EXPECT_THROW(staged.stage(dir / "late.pdf", "late"), std::logic_error);
  fs::remove_all(dir);
}


// The one table of exit codes (common/errors.h): input problems 1, usage 2, the
// environment 3, anything else an internal error 3 that says so.
TEST(Errors, ExitStatusTable) {
  using namespace tws;
  EXPECT_EQ(exit_status(InputError(Location{"a.xlsx", "申报汇总", 3, 2}, "坏")).code, kInputProblems);
  EXPECT_EQ(exit_status(CalendarError("节假日日历未覆盖 2031 年")).code, kInputProblems);
  EXPECT_EQ(exit_status(RulesError("x")).code, kInputProblems);
  EXPECT_EQ(exit_status(DocumentError(Diagnostics{})).message, "文书无法生成");
  EXPECT_EQ(exit_status(UsageError("--date 无效")).code, kUsage);
  EXPECT_EQ(exit_status(EnvironmentError("锁")).message, "tws: 锁");
  EXPECT_EQ(exit_status(RenderError("libharu")).code, kEnvironment);
  EXPECT_EQ(exit_status(TemplateError("模板")).code, kEnvironment);
  const ExitStatus bug = exit_status(std::logic_error("vector::at"));
  EXPECT_EQ(bug.code, kEnvironment);
  EXPECT_EQ(bug.message, "tws: 内部错误：vector::at");
}
