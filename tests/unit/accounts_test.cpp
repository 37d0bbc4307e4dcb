// The accounts of `tws serve` (src/accounts/): argon2id hashes, the lock after five
// wrong passwords (moved through time with `now`), disabled and unknown accounts, the
// checks on names, roles and passwords, and the audit log; and a registry that holds
// only accounts counts as one where no phase has run.
#include <gtest/gtest.h>

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "accounts/accounts.h"
#include "registry/registry_db.h"

namespace {
namespace fs = std::filesystem;
using tws::accounts::Accounts;
using tws::accounts::AuditEntry;
using tws::accounts::LoginResult;

class AccountsFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("tws_accounts_test_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    path_ = dir_ / "sub" / "registry.sqlite3";
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The stored hash of a user, read from the file directly.
  std::string stored_hash(const std::string& name) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "SELECT password_hash FROM users WHERE name = ?", -1, &s, nullptr);
    sqlite3_bind_text(s, 1, name.c_str(), -1, SQLITE_TRANSIENT);
    std::string out = sqlite3_step(s) == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(s, 0)) : "";
    sqlite3_finalize(s);
    sqlite3_close(db);
    return out;
  }

  fs::path dir_, path_;
  const std::time_t t0_ = 1'800'000'000;
};

TEST_F(AccountsFile, CreatesTheRegistryPrivate) {
  Accounts acc(path_);
  struct stat st {};
  ASSERT_EQ(::stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_TRUE(acc.list().empty());
}

TEST_F(AccountsFile, HashRoundTrip) {
  Accounts acc(path_);
  acc.add("wang", "hr", "正确的密码abc");
  const std::string hash = stored_hash("wang");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_EQ(hash.find("正确的密码abc"), std::string::npos);
  EXPECT_EQ(acc.login("wang", "正确的密码abc", t0_), LoginResult::Ok);
  EXPECT_EQ(acc.login("wang", "正确的密码abd", t0_), LoginResult::WrongPassword);
  auto u = acc.find("wang");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->role, "hr");
  EXPECT_EQ(u->failed_logins, 1);
  EXPECT_EQ(u->last_login, tws::accounts::timestamp(t0_));
  EXPECT_FALSE(u->created.empty());
}

TEST_F(AccountsFile, SetPasswordReplacesTheHash) {
  Accounts acc(path_);
  acc.add("li", "leader", "first-password");
  const std::string before = stored_hash("li");
  acc.set_password("li", "second-password");
  EXPECT_NE(stored_hash("li"), before);
  EXPECT_EQ(acc.login("li", "first-password", t0_), LoginResult::WrongPassword);
  EXPECT_EQ(acc.login("li", "second-password", t0_), LoginResult::Ok);
  EXPECT_THROW(acc.set_password("nobody", "second-password"), std::invalid_argument);
}

TEST_F(AccountsFile, FiveWrongPasswordsLockForFifteenMinutes) {
  Accounts acc(path_);
  acc.add("zhao", "admin", "the-right-one");
  for (int k = 0; k < 4; ++k) EXPECT_EQ(acc.login("zhao", "wrong-one", t0_ + k), LoginResult::WrongPassword);
  EXPECT_EQ(acc.login("zhao", "wrong-one", t0_ + 4), LoginResult::Locked);
  // Locked whatever the password, and tries while locked are not counted.
  EXPECT_EQ(acc.login("zhao", "the-right-one", t0_ + 5), LoginResult::Locked);
  for (int k = 0; k < 10; ++k) EXPECT_EQ(acc.login("zhao", "wrong-one", t0_ + 60), LoginResult::Locked);
  EXPECT_EQ(acc.login("zhao", "the-right-one", t0_ + 4 + 15 * 60 - 1), LoginResult::Locked);
  EXPECT_EQ(acc.find("zhao")->locked_until, t0_ + 4 + 15 * 60);
  // Released after 15 minutes; a wrong password then starts a new count.
  EXPECT_EQ(acc.login("zhao", "wrong-one", t0_ + 4 + 15 * 60), LoginResult::WrongPassword);
  EXPECT_EQ(acc.login("zhao", "the-right-one", t0_ + 4 + 15 * 60 + 1), LoginResult::Ok);
  EXPECT_EQ(acc.find("zhao")->failed_logins, 0);
}

TEST_F(AccountsFile, SuccessResetsTheCount) {
  Accounts acc(path_);
  acc.add("sun", "hr", "the-right-one");
  for (int round = 0; round < 3; ++round) {
    for (int k = 0; k < 4; ++k) EXPECT_EQ(acc.login("sun", "wrong-one", t0_), LoginResult::WrongPassword);
    EXPECT_EQ(acc.login("sun", "the-right-one", t0_), LoginResult::Ok);
  }
}

TEST_F(AccountsFile, SetPasswordUnlocks) {
  Accounts acc(path_);
  acc.add("qian", "hr", "the-right-one");
  for (int k = 0; k < 5; ++k) acc.login("qian", "wrong-one", t0_);
  EXPECT_EQ(acc.login("qian", "the-right-one", t0_), LoginResult::Locked);
  acc.set_password("qian", "a-new-password");
  EXPECT_EQ(acc.login("qian", "a-new-password", t0_), LoginResult::Ok);
}

TEST_F(AccountsFile, DisabledAndUnknown) {
  Accounts acc(path_);
  acc.add("zhou", "hr", "the-right-one");
  acc.disable("zhou");
  EXPECT_TRUE(acc.find("zhou")->disabled);
  EXPECT_EQ(acc.login("zhou", "the-right-one", t0_), LoginResult::Disabled);
  EXPECT_EQ(acc.login("zhou", "wrong-one", t0_), LoginResult::Disabled);
  EXPECT_EQ(acc.find("zhou")->failed_logins, 0);
  acc.enable("zhou");
  EXPECT_EQ(acc.login("zhou", "the-right-one", t0_), LoginResult::Ok);
  EXPECT_EQ(acc.login("wu", "the-right-one", t0_), LoginResult::UnknownUser);
  EXPECT_FALSE(acc.find("wu"));
  EXPECT_THROW(acc.disable("wu"), std::invalid_argument);
  EXPECT_THROW(acc.enable("wu"), std::invalid_argument);
}

// The message of the std::invalid_argument `f` throws ("" when none).
template <class F>
std::string refusal(F f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST_F(AccountsFile, RefusedNamesRolesAndPasswords) {
  Accounts acc(path_);
  acc.add("zheng", "hr", "12345678");
  EXPECT_EQ(refusal([&] { acc.add("zheng", "admin", "another-pass"); }), "用户名 “zheng” 已存在");
  EXPECT_EQ(refusal([&] { acc.add("feng", "hr", "1234567"); }), "密码至少 8 个字符");
  EXPECT_EQ(refusal([&] { acc.add("feng", "hr", "七个汉字的密码"); }), "密码至少 8 个字符");
  EXPECT_EQ(refusal([&] { acc.add("feng", "boss", "12345678"); }), "角色应为 hr、leader 或 admin，收到 “boss”");
  EXPECT_EQ(refusal([&] { acc.add("", "hr", "12345678"); }), "用户名不能为空");
  EXPECT_NE(refusal([&] { acc.add("a b", "hr", "12345678"); }), "");
  EXPECT_NE(refusal([&] { acc.add("a\tb", "hr", "12345678"); }), "");
  EXPECT_NE(refusal([&] { acc.add("全角\xE3\x80\x80空格", "hr", "12345678"); }), "");
  EXPECT_NE(refusal([&] { acc.add(std::string(33, 'x'), "hr", "12345678"); }), "");
  EXPECT_EQ(refusal([&] { acc.set_password("zheng", "short"); }), "密码至少 8 个字符");
  acc.add("八个汉字的名字", "leader", "八个汉字的密码好");
  ASSERT_EQ(acc.list().size(), 2u);
  EXPECT_EQ(acc.list()[0].name, "zheng");
}

TEST_F(AccountsFile, AuditNewestFirstWithLimit) {
  Accounts acc(path_);
  for (int k = 0; k < 5; ++k)
    acc.audit({"2026-12-07 10:00:0" + std::to_string(k), "wang", "下载", "f" + std::to_string(k), "", "10.0.0.1"});
  acc.audit({"", "", "登录失败", "nobody", "", "10.0.0.2"});
  auto log = acc.audit_log(3);
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0].action, "登录失败");
  EXPECT_FALSE(log[0].at.empty());  // filled with the current time
  EXPECT_EQ(log[1].what, "f4");
  EXPECT_EQ(log[2].what, "f3");
  EXPECT_EQ(log[2].remote, "10.0.0.1");
  EXPECT_EQ(acc.audit_log(100).size(), 6u);
}

// The web server records audit rows while a run may be committing: a writer waits for
// another's transaction (here 2.5 s) instead of failing (busy timeout 5 s).
TEST_F(AccountsFile, AuditWaitsForAWriterToCommit) {
  Accounts acc(path_);
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE; INSERT INTO runs(run_date, year, phase, tool_version, inputs_sha256, "
                                "outputs, counts) VALUES('2026-12-31', 2026, 'assess', 't', 'h', '[]', '{}')",
                         nullptr, nullptr, nullptr), SQLITE_OK);
  std::thread commit([other] {
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr);
  });
  EXPECT_NO_THROW(acc.audit({"", "wang", "下载", "2026/认定通知.pdf", "", "10.0.0.1"}));
  commit.join();
  sqlite3_close(other);
  EXPECT_EQ(acc.audit_log(10).size(), 1u);
}

// Accounts alone are not a run: the pipeline still sees a registry where no phase ran.
TEST_F(AccountsFile, RegistryWithOnlyAccountsHasNoPhases) {
  Accounts(path_).add("wang", "hr", "12345678");
  tws::registry::RegistryDb db(path_);
  EXPECT_FALSE(db.has_phases());
  EXPECT_TRUE(db.phase_records().empty());
  EXPECT_TRUE(db.load().stations.empty());
  EXPECT_EQ(db.users().size(), 1u);
}

}  // namespace
