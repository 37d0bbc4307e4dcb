#include "accounts/accounts.h"

#include <sodium.h>

#include <algorithm>
#include <mutex>
#include <stdexcept>

#include "common/diagnostic.h"
#include "registry/registry_db.h"

namespace tws::accounts {
namespace {

constexpr int kMaxFailures = 5;                  // wrong passwords in a row before a lock
constexpr std::time_t kLockSeconds = 15 * 60;    // how long the lock lasts
constexpr size_t kMaxNameBytes = 32;
constexpr size_t kMinPasswordChars = 8;

// A hash of a password no account has, made with the same parameters: an unknown name
// is checked against it, so the time a login takes does not tell which names exist.
const char kDummyHash[] =
    "$argon2id$v=19$m=65536,t=2,p=1$EDU1OQTmnvpATMufEQpAyA$L5NzY1TCur4YSMT6ydEfaTBOtbjJL7KruKjSlqIDMJk";

void init_sodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("无法初始化密码库 libsodium");
  });
}

std::string quoted(const std::string& s) { return "“" + printable(s) + "”"; }

void check_name(const std::string& name) {
  if (name.empty()) throw std::invalid_argument("用户名不能为空");
  if (name.size() > kMaxNameBytes)
    throw std::invalid_argument("用户名 " + quoted(name) + " 太长（最多 32 个字节，约 10 个汉字）");
  const bool bad = std::any_of(name.begin(), name.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b <= 0x20 || b == 0x7f;
  });
  if (bad || name.find("\xE3\x80\x80") != std::string::npos)  // U+3000, the full-width space
    throw std::invalid_argument("用户名 " + quoted(name) + " 不能含空格或控制字符");
}

void check_role(const std::string& role) {
  if (std::find(kRoles.begin(), kRoles.end(), role) == kRoles.end())
    throw std::invalid_argument("角色应为 hr、leader 或 admin，收到 " + quoted(role));
}

// Characters, not bytes: a Chinese character counts once.
void check_password(const std::string& password) {
  const size_t chars = std::count_if(password.begin(), password.end(),
                                     [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
  if (chars < kMinPasswordChars) throw std::invalid_argument("密码至少 8 个字符");
}

std::string hash_password(const std::string& password) {
  init_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("计算密码哈希时内存不足");
  return out;
}

bool verify(const std::string& hash, const std::string& password) {
  init_sodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

User to_user(const registry::UserRow& r) {
  return User{r.name, r.role, r.disabled, r.failed_logins, static_cast<std::time_t>(r.locked_until), r.created,
              r.last_login};
}

[[noreturn]] void unknown(const std::string& name) {
  throw std::invalid_argument("用户名 " + quoted(name) + " 不存在");
}

}  // namespace

void check_new_account(const std::string& name, const std::string& role, const std::string& password) {
  check_name(name);
  check_role(role);
  check_password(password);
}

std::string timestamp(std::time_t t) {
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

Accounts::Accounts(const std::filesystem::path& registry) : registry_(registry) {
  registry::RegistryDb(registry_).create();
}

void Accounts::add(const std::string& name, const std::string& role, const std::string& password) {
  check_new_account(name, role, password);
  registry::RegistryDb db(registry_);
  if (db.user(name)) throw std::invalid_argument("用户名 " + quoted(name) + " 已存在");
  registry::UserRow row;
  row.name = name;
  row.role = role;
  row.password_hash = hash_password(password);
  row.created = timestamp(std::time(nullptr));
  if (!db.add_user(row)) throw std::invalid_argument("用户名 " + quoted(name) + " 已存在");
}

void Accounts::set_password(const std::string& name, const std::string& password) {
  check_password(password);
  registry::RegistryDb db(registry_);
  if (!db.user(name)) unknown(name);
  if (!db.set_password_hash(name, hash_password(password))) unknown(name);
}

void Accounts::disable(const std::string& name) {
  if (!registry::RegistryDb(registry_).set_disabled(name, true)) unknown(name);
}

void Accounts::enable(const std::string& name) {
  if (!registry::RegistryDb(registry_).set_disabled(name, false)) unknown(name);
}

std::vector<User> Accounts::list() const {
  std::vector<User> out;
  for (auto& r : registry::RegistryDb(registry_).users()) out.push_back(to_user(r));
  return out;
}

std::optional<User> Accounts::find(const std::string& name) const {
  auto r = registry::RegistryDb(registry_).user(name);
  if (!r) return std::nullopt;
  return to_user(*r);
}

// Every path verifies one hash, so each answer takes about the same time. A disabled
// or locked account answers so whatever the password, and the try is not counted.
LoginResult Accounts::login(const std::string& name, const std::string& password, std::time_t now) {
  registry::RegistryDb db(registry_);
  const std::optional<registry::UserRow> u = db.user(name);
  if (!u) {
    (void)verify(kDummyHash, password);
    return LoginResult::UnknownUser;
  }
  const bool ok = verify(u->password_hash, password);
  if (u->disabled) return LoginResult::Disabled;
  if (u->locked_until > now) return LoginResult::Locked;
  if (ok) {
    db.record_login(name, timestamp(now));
    return LoginResult::Ok;
  }
  if (db.count_failed_login(name) >= kMaxFailures) {
    db.lock_user(name, now + kLockSeconds);
    return LoginResult::Locked;
  }
  return LoginResult::WrongPassword;
}

void Accounts::audit(const AuditEntry& e) {
  const std::string at = e.at.empty() ? timestamp(std::time(nullptr)) : e.at;
  registry::RegistryDb(registry_).add_audit({at, e.user, e.action, e.what, e.sha256, e.remote});
}

std::vector<AuditEntry> Accounts::audit_log(size_t limit) const {
  std::vector<AuditEntry> out;
  for (auto& r : registry::RegistryDb(registry_).audit_rows(limit))
    out.push_back({r.at, r.user, r.action, r.what, r.sha256, r.remote});
  return out;
}

}  // namespace tws::accounts
