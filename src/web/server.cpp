// `tws serve`: the listening socket, the security headers, and the router — every
// route names the roles that may use it; a POST must carry the session's CSRF token.
#include "web/server.h"

#include <malloc.h>
#include <signal.h>
#include <sys/socket.h>

#include <atomic>
#include <iostream>
#include <regex>

#include "common/errors.h"
#include "web/app.h"
#include "web/html.h"

namespace tws::web {
namespace {

using httplib::Request;
using httplib::Response;

constexpr size_t kMaxBody = (20u << 20) + (64u << 10);  // 20 MB of file and the form around it

enum class Need { Reader, Hr, Admin };  // leader, hr and admin read; hr and admin act; admin alone

std::string cookie(const Request& req, const std::string& name) {
  const std::string all = req.get_header_value("Cookie");
  const std::string key = name + "=";
  for (size_t pos = 0; pos < all.size();) {
    size_t end = all.find(';', pos);
    if (end == std::string::npos) end = all.size();
    size_t start = all.find_first_not_of(' ', pos);
    if (start < end && all.compare(start, key.size(), key) == 0) return all.substr(start + key.size(), end - start - key.size());
    pos = end + 1;
  }
  return "";
}

bool allowed(const std::string& role, Need need) {
  if (need == Need::Reader) return role == "leader" || role == "hr" || role == "admin";
  if (need == Need::Hr) return role == "hr" || role == "admin";
  return role == "admin";
}

class Router {
 public:
  Router(App& app, httplib::Server& svr) : app_(app), svr_(svr) {}

  Visitor visitor(const Request& req) {
    Visitor v;
    v.token = cookie(req, "tws_session");
    if (auto s = app_.sessions.find(v.token, std::time(nullptr))) v.session = *s;
    if (v.logged_in()) {  // an account disabled since login is logged out
      auto u = app_.accounts.find(v.session.user);
      if (!u || u->disabled) {
        app_.sessions.remove(v.token);
        v.session = {};
      }
    }
    return v;
  }

  // The visitor when it may use the route; else the response is set (login, 403).
  std::optional<Visitor> guard(const Request& req, Response& res, Need need, bool post, bool csrf = true) {
    Visitor v = visitor(req);
    if (!v.logged_in()) {
      if (post) app_.message(v, res, 403, "请先登录", "登录已过期或尚未登录，请重新登录后再操作。", "/login");
      else res.set_redirect("/login", 303);
      return std::nullopt;
    }
    if (!allowed(v.session.role, need)) {
      app_.audit(v, req, "拒绝", req.method + " " + req.path);
      app_.message(v, res, 403, "没有权限", "您的账户（" + v.session.role + "）不能使用此功能。", "/");
      return std::nullopt;
    }
    if (!app_.year_named_ok(req)) {
      app_.message(v, res, 400, "没有这个年度", "年度应为输入目录中的年度文件夹，如 2024；收到“" + req.get_param_value("year") + "”。未做任何改动。", "/");
      return std::nullopt;
    }
    if (post && csrf && req.get_param_value("csrf") != v.session.csrf) {
      app_.message(v, res, 403, "请求无效", "页面已过期或请求并非来自本系统的页面（CSRF 校验失败），未做任何改动。请回到页面重新提交。", "/");
      return std::nullopt;
    }
    return v;
  }

  template <class F>
  void get(const std::string& path, Need need, F f) {
    svr_.Get(path, [this, need, f](const Request& req, Response& res) {
      if (auto v = guard(req, res, need, false)) f(*v, req, res);
    });
  }
  template <class F>
  void post(const std::string& path, Need need, F f) {
    svr_.Post(path, [this, need, f](const Request& req, Response& res) {
      if (auto v = guard(req, res, need, true)) f(*v, req, res);
    });
  }

  void routes() {
    svr_.Get("/style.css", [](const Request&, Response& res) { res.set_content(asset("style.css"), "text/css; charset=utf-8"); });
    svr_.Get("/login", [this](const Request& req, Response& res) {
      Visitor v = visitor(req);
      if (v.logged_in()) return res.set_redirect("/", 303);
      if (v.token.empty() || !app_.sessions.find(v.token, std::time(nullptr))) {
        v.token = app_.sessions.create("", "", std::time(nullptr));
        v.session = *app_.sessions.find(v.token, std::time(nullptr));
        set_cookie(res, v.token);
      }
      app_.login_page(v, res);
    });
    svr_.Post("/login", [this](const Request& req, Response& res) {
      Visitor v = visitor(req);
      if (v.token.empty() || req.get_param_value("csrf") != v.session.csrf) {
        res.set_redirect("/login", 303);  // a fresh form and token
        return;
      }
      app_.login(v, req, res);
      if (v.logged_in()) set_cookie(res, v.token);
    });
    svr_.Post("/logout", [this](const Request& req, Response& res) {
      Visitor v = visitor(req);
      if (v.logged_in() && req.get_param_value("csrf") == v.session.csrf) app_.sessions.remove(v.token);
      res.set_header("Set-Cookie", "tws_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
      res.set_redirect("/login", 303);
    });
    get("/", Need::Reader, [this](auto& v, auto& req, auto& res) { app_.overview(v, req, res); });
    get("/outputs", Need::Reader, [this](auto& v, auto& req, auto& res) { app_.outputs_page(v, req, res); });
    get("/file", Need::Reader, [this](auto& v, auto& req, auto& res) { app_.output_file(v, req, res); });
    get("/upload", Need::Hr, [this](auto& v, auto& req, auto& res) { app_.upload_page(v, req, res); });
    get("/upload/result", Need::Hr, [this](auto& v, auto& req, auto& res) { app_.result_page(v, req, res); });
    get("/run", Need::Hr, [this](auto& v, auto& req, auto& res) { app_.run_page(v, req, res); });
    get("/decisions", Need::Hr, [this](auto& v, auto& req, auto& res) { app_.decisions_page(v, req, res); });
    get("/export", Need::Hr, [this](auto& v, auto& req, auto& res) { app_.registry_export(v, req, res); });
    get("/template", Need::Hr, [this](auto& v, auto& req, auto& res) { app_.blank_template(v, req, res); });
    get("/admin", Need::Admin, [this](auto& v, auto&, auto& res) { app_.admin_page(v, res); });
    post("/upload/install", Need::Hr, [this](auto& v, auto& req, auto& res) { app_.install(v, req, res); });
    post("/run", Need::Hr, [this](auto& v, auto& req, auto& res) { app_.start_run(v, req, res); });
    post("/decisions", Need::Hr, [this](auto& v, auto& req, auto& res) { app_.save_decisions(v, req, res); });
    post("/verifications", Need::Hr, [this](auto& v, auto& req, auto& res) { app_.save_verifications(v, req, res); });
    // The file streams to disk as it arrives; the CSRF token is a form field before it.
    svr_.Post("/upload", [this](const Request& req, Response& res, const httplib::ContentReader& body) {
      if (auto v = guard(req, res, Need::Hr, true, false)) app_.upload(*v, req, res, body);
    });
  }

  void set_cookie(Response& res, const std::string& token) {
    res.set_header("Set-Cookie", "tws_session=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                                     std::to_string(Sessions::kLifetime) + (app_.tls ? "; Secure" : ""));
  }

 private:
  App& app_;
  httplib::Server& svr_;
};

void security_headers(Response& res) {
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'self'; "
                 "frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cache-Control", "no-store");
}

// host:port, the port 0–65535.
std::pair<std::string, int> parse_listen(const std::string& listen) {
  static const std::regex form(R"((.+):(\d{1,5}))");
  std::smatch m;
  if (!std::regex_match(listen, m, form) || std::stoi(m[2]) > 65535)
    throw UsageError("tws serve: --listen 应为 地址:端口，如 127.0.0.1:8080 或 0.0.0.0:8080，收到 “" + listen + "”");
  return {m[1], std::stoi(m[2])};
}

}  // namespace

int serve(const ServeOptions& options) {
  auto [host, port] = parse_listen(options.listen);
  if (options.tls_cert.empty() != options.tls_key.empty())
    throw UsageError("tws serve: --tls-cert 和 --tls-key 须同时给出");
  // SIGINT and SIGTERM are taken by a thread of their own (sigwait), which stops the server.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  const bool tls = !options.tls_cert.empty();
  std::unique_ptr<httplib::Server> svr;
  if (tls) svr = std::make_unique<httplib::SSLServer>(options.tls_cert.c_str(), options.tls_key.c_str());
  else svr = std::make_unique<httplib::Server>();
  if (!svr->is_valid())
    throw EnvironmentError("tws serve: 无法使用证书 " + options.tls_cert + " 和私钥 " + options.tls_key +
                           "（文件不存在、不可读或不匹配）");
  App app(options);
  app.tls = tls;
  Router router(app, *svr);
  router.routes();
  svr->set_payload_max_length(kMaxBody);
  svr->set_post_routing_handler([](const Request&, Response& res) {
    security_headers(res);
    // A check or a run frees tens of MB; glibc keeps them in the worker thread's arena
    // (one per thread) unless asked. Without this an idle server held 75 MB after five
    // checks of 1,000 applications, with it 21 MB (bench/web).
    malloc_trim(0);
  });
  svr->set_error_handler([&app](const Request&, Response& res) {
    if (!res.body.empty()) return;
    Visitor nobody;
    if (res.status == 413) app.message(nobody, res, 413, "文件太大", "每个文件不超过 20 MB，未保存任何内容。", "/upload");
    else if (res.status == 404) app.message(nobody, res, 404, "没有这个页面", "请从首页进入。", "/");
    security_headers(res);
  });
  svr->set_exception_handler([&app](const Request&, Response& res, std::exception_ptr ep) {
    std::string what = "内部错误";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    Visitor nobody;
    app.message(nobody, res, 500, "操作未完成", what, "/");
    security_headers(res);
  });

  // httplib listens with a backlog of 5, built into the library: a burst of clients has
  // connections dropped and retried a second later (50 downloads at once: ~2 s instead
  // of ~0.3 s, bench/web). So the bound socket is listened on again with room for 128.
  int listening = -1;
  svr->set_socket_options([&listening](int sock) {
    httplib::default_socket_options(sock);
    listening = sock;  // the last socket tried is the one bound
  });
  const int bound = port == 0 ? svr->bind_to_any_port(host) : (svr->bind_to_port(host, port) ? port : -1);
  if (bound < 0) throw EnvironmentError("tws serve: 无法监听 " + options.listen + "（端口已被占用或地址无效）");
  ::listen(listening, 128);
  std::cout << "tws serve: 正在监听 " << (tls ? "https" : "http") << "://" << host << ":" << bound << "/" << std::endl;
  std::atomic<bool> signalled{false};
  std::thread stopper([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    signalled = true;
    svr->stop();
  });
  svr->listen_after_bind();
  if (!signalled) pthread_kill(stopper.native_handle(), SIGTERM);  // stopped otherwise: wake the stopper
  stopper.join();
  std::cout << "tws serve: 已停止" << std::endl;
  return kOk;
}

}  // namespace tws::web
