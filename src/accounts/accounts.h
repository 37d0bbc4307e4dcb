// The accounts of `tws serve` and its audit log, kept in the registry file (tables
// users and audit, schema 6): names, roles, argon2id password hashes (libsodium's
// crypto_pwhash_str), failed-login counts and locks. Accounts are managed from the
// command line only (`tws user …`); the web server logs in and records what it did.
#pragma once
#include <ctime>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tws::accounts {

// hr: upload, check, run, download everything. leader: the year's public documents and
// summaries only. admin: what hr may, and the accounts' status and the audit log.
inline const std::vector<std::string> kRoles = {"hr", "leader", "admin"};

struct User {
  std::string name;
  std::string role;             // one of kRoles
  bool disabled = false;
  int failed_logins = 0;        // since the last successful login
  std::time_t locked_until = 0; // 0: not locked
  std::string created;          // "2026-12-07 18:30:00" (local time)
  std::string last_login;       // "" before the first
};

enum class LoginResult { Ok, WrongPassword, Locked, Disabled, UnknownUser };

struct AuditEntry {
  std::string at;      // "2026-12-07 18:30:00" (local time)
  std::string user;    // "" when no one is logged in (a failed login names the name tried)
  std::string action;  // 登录 | 登录失败 | 上传 | 安装 | 恢复 | 运行 | 下载 | 拒绝 | 设置 …
  std::string what;    // file, phase or page concerned
  std::string sha256;  // of the file concerned, "" when none
  std::string remote;  // client address
};

class Accounts {
 public:
  // Opens the registry file (created, mode 0600, with its folders when missing).
  explicit Accounts(const std::filesystem::path& registry);

  // Errors (std::invalid_argument with a Chinese message): a name that is empty, longer
  // than 32 bytes or holds spaces or control characters; an unknown role; a password of
  // fewer than 8 characters; a name already taken (add) or unknown (the others).
  void add(const std::string& name, const std::string& role, const std::string& password);
  void set_password(const std::string& name, const std::string& password);  // also unlocks
  void disable(const std::string& name);
  void enable(const std::string& name);
  std::vector<User> list() const;
  std::optional<User> find(const std::string& name) const;

  // Checks a password at `now`. Five wrong passwords in a row lock the account for 15
  // minutes (Locked from then on, whatever the password, until the time passes); a
  // success resets the count and records last_login. The fifth wrong password itself
  // answers Locked. A disabled or locked account is not counted.
  LoginResult login(const std::string& name, const std::string& password, std::time_t now);

  // Appends a line; an empty `at` is filled with the current time.
  void audit(const AuditEntry& entry);
  // The newest `limit` entries, newest first.
  std::vector<AuditEntry> audit_log(size_t limit) const;

 private:
  std::filesystem::path registry_;
};

// The checks add() makes on its arguments before it touches the file, for callers that
// want them before asking for anything else (std::invalid_argument as add()).
void check_new_account(const std::string& name, const std::string& role, const std::string& password);

// "YYYY-MM-DD HH:MM:SS" in local time.
std::string timestamp(std::time_t t);

}  // namespace tws::accounts
