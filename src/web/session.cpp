#include "web/session.h"

#include <sys/random.h>

#include <cstdio>
#include <stdexcept>

namespace tws::web {

std::string random_token() {
  unsigned char bytes[32];
  size_t got = 0;
  while (got < sizeof bytes) {
    ssize_t n = ::getrandom(bytes + got, sizeof bytes - got, 0);
    if (n < 0) throw std::runtime_error("getrandom failed");
    got += size_t(n);
  }
  std::string hex;
  char buf[3];
  for (unsigned char b : bytes) {
    std::snprintf(buf, sizeof buf, "%02x", b);
    hex += buf;
  }
  return hex;
}

std::string Sessions::create(const std::string& user, const std::string& role, std::time_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = by_token_.begin(); it != by_token_.end();)  // the expired go first
    it = it->second.expires <= now ? by_token_.erase(it) : std::next(it);
  std::string token = random_token();
  by_token_[token] = Session{user, role, random_token(), now + kLifetime};
  return token;
}

std::optional<Session> Sessions::find(const std::string& token, std::time_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = by_token_.find(token);
  if (it == by_token_.end() || it->second.expires <= now) return std::nullopt;
  return it->second;
}

void Sessions::remove(const std::string& token) {
  std::lock_guard<std::mutex> lock(mu_);
  by_token_.erase(token);
}

}  // namespace tws::web
