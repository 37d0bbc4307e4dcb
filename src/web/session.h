// Logged-in sessions of `tws serve`, in memory (a restart logs everyone out): a random
// token in an HttpOnly, SameSite=Strict cookie, 8 hours from login, and each session's
// CSRF token that every POST must carry. A visitor who is not logged in gets an
// anonymous session so that the login form is protected the same way.
#pragma once
#include <ctime>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace tws::web {

struct Session {
  std::string user, role;  // empty for a visitor not logged in
  std::string csrf;
  std::time_t expires = 0;
};

class Sessions {
 public:
  static constexpr std::time_t kLifetime = 8 * 3600;
  // A new session; returns its token.
  std::string create(const std::string& user, const std::string& role, std::time_t now);
  std::optional<Session> find(const std::string& token, std::time_t now);
  void remove(const std::string& token);

 private:
  std::mutex mu_;
  std::map<std::string, Session> by_token_;
};

// 32 random bytes from the kernel, as 64 hex digits.
std::string random_token();

}  // namespace tws::web
