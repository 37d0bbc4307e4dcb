// The frame of every page, the visitor's login, and the downloads.
#include "web/app.h"


#include <algorithm>
#include <fstream>
#include <sstream>

#include "common/errors.h"
#include "common/paths.h"
#include "common/sha256.h"
#include "common/temp_folder.h"
#include "config/settings.h"
#include "input_template/input_template.h"
#include "pipeline/registry_export.h"
#include "web/html.h"

namespace tws::web {
namespace fs = std::filesystem;
using httplib::Request;
using httplib::Response;

std::string today_iso() { return now_text().substr(0, 10); }
std::string now_text() { return accounts::timestamp(std::time(nullptr)); }

App::App(const ServeOptions& o) : accounts(pipeline::registry_path(o.run)), options(o), uploads_(o.run) {}

App::~App() {
  if (job_thread_.joinable()) job_thread_.join();  // a run in progress finishes and commits
}

namespace {

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// RFC 6266: an ASCII fallback and the UTF-8 name, percent-encoded.
std::string disposition(const std::string& kind, const std::string& name) {
  std::string enc;
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : name) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') enc += char(c);
    else enc += std::string("%") + hex[c >> 4] + hex[c & 15];
  }
  const std::string ext = fs::path(name).extension().string();
  return kind + "; filename=\"tws" + ext + "\"; filename*=UTF-8''" + enc;
}

std::string content_type(const std::string& name) {
  const std::string ext = fs::path(name).extension().string();
  if (ext == ".pdf") return "application/pdf";
  if (ext == ".xlsx") return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  if (ext == ".json") return "application/json";
  return "text/plain; charset=utf-8";
}

void send_file(Response& res, const fs::path& file, const std::string& name) {
  const bool pdf = fs::path(name).extension() == ".pdf";
  res.set_header("Content-Disposition", disposition(pdf ? "inline" : "attachment", name));
  res.set_content(read_all(file), content_type(name));
}

}  // namespace

std::vector<int> App::years() const {
  std::vector<int> ys;
  if (fs::is_directory(options.run.input))
    for (auto& e : fs::directory_iterator(options.run.input)) {
      const std::string n = e.path().filename().string();
      if (e.is_directory() && n.size() == 4 && std::all_of(n.begin(), n.end(), ::isdigit)) ys.push_back(std::stoi(n));
    }
  const int now = std::stoi(today_iso().substr(0, 4));
  if (std::find(ys.begin(), ys.end(), now) == ys.end()) ys.push_back(now);
  std::sort(ys.begin(), ys.end());
  return ys;
}

int App::year_of(const Request& req) const {
  const auto ys = years();
  const std::string asked = req.get_param_value("year");
  for (int y : ys)
    if (asked == std::to_string(y)) return y;
  const int now = std::stoi(today_iso().substr(0, 4));
  return fs::is_directory(options.run.input / std::to_string(now)) ? now : ys.back();
}

bool App::year_named_ok(const Request& req) const {
  if (!req.has_param("year")) return true;
  const auto ys = years();
  const std::string asked = req.get_param_value("year");
  return std::any_of(ys.begin(), ys.end(), [&](int y) { return asked == std::to_string(y); });
}

std::string App::strip() const {
  const fs::path parent = options.run.input.parent_path();
  return parent.empty() ? "" : parent.string() + "/";
}

std::string App::shown(std::string m) const {
  const std::string s = strip();
  for (size_t p; !s.empty() && (p = m.find(s)) != std::string::npos;) m.erase(p, s.size());
  return m;
}

std::string App::year_options(int year) const {
  std::string html;
  for (int y : years())
    html += "<option value=\"" + std::to_string(y) + "\"" + (y == year ? " selected" : "") + ">" + std::to_string(y) + " 年度</option>";
  return html;
}

pipeline::RunOptions App::run_options(int year, const std::string& date) const {
  pipeline::RunOptions o = options.run;
  o.year = year;
  o.date = date;
  o.quiet = true;
  return o;
}

std::string App::page(const Visitor& v, const std::string& title, const std::string& body, const std::string& here, int year,
                      bool refresh) {
  std::string nav, who;
  if (v.logged_in()) {
    const std::string y = year ? "?year=" + std::to_string(year) : "";
    std::vector<std::pair<std::string, std::string>> items = {{"/", "概况"}};
    if (v.session.role != "leader")
      items.insert(items.end(), {{"/upload", "上传"}, {"/decisions", "学校决定"}, {"/run", "运行"}});
    items.push_back({"/outputs", "文书"});
    if (v.session.role == "admin") items.push_back({"/admin", "账户与记录"});
    for (auto& [href, text] : items)
      nav += "<a href=\"" + href + (href == "/admin" ? "" : y) + "\"" + (href == here ? " class=\"here\"" : "") + ">" + text + "</a>";
    static const std::map<std::string, std::string> roles = {{"hr", "组织人事处"}, {"leader", "学校领导"}, {"admin", "管理员"}};
    who = esc(v.session.user) + "（" + roles.at(v.session.role) + "）<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf\" value=\"" +
          v.session.csrf + "\"><button type=\"submit\">退出</button></form>";
  }
  return fill("layout.html", {{"title", esc(title)}, {"nav", nav}, {"who", who}, {"body", body},
                              {"refresh", refresh ? "<meta http-equiv=\"refresh\" content=\"1\">\n" : ""}});
}

void App::send_page(Response& res, const std::string& html, int status) {
  res.status = status;
  res.set_content(html, "text/html; charset=utf-8");
}

void App::message(const Visitor& v, Response& res, int status, const std::string& title, const std::string& text,
                  const std::string& back, bool ok) {
  send_page(res, page(v, title, fill("message.html", {{"kind", ok ? "ok" : "error"}, {"text", esc(printable(text))}, {"back", esc(back)}}), "", 0),
            status);
}

void App::audit(const Visitor& v, const Request& req, const std::string& action, const std::string& what,
                const std::string& sha256) {
  accounts.audit({now_text(), v.session.user, action, what, sha256, req.remote_addr});
}

void App::login(Visitor& v, const Request& req, Response& res) {
  const std::string name = req.get_param_value("name"), password = req.get_param_value("password");
  const auto result = accounts.login(name, password, std::time(nullptr));
  if (result != accounts::LoginResult::Ok) {
    accounts.audit({now_text(), name, "登录失败", "", "", req.remote_addr});
    const char* why = result == accounts::LoginResult::Locked     ? "连续输错密码 5 次，账户已锁定 15 分钟，请稍后再试。"
                      : result == accounts::LoginResult::Disabled ? "账户已停用，请联系管理员。"
                                                                   : "用户名或密码不正确。";
    return login_page(v, res, why);
  }
  sessions.remove(v.token);  // a new token at login: one seen before it is worth nothing
  v.token = sessions.create(name, accounts.find(name)->role, std::time(nullptr));
  v.session = *sessions.find(v.token, std::time(nullptr));
  audit(v, req, "登录", "");
  res.set_redirect("/", 303);
}

void App::output_file(const Visitor& v, const Request& req, Response& res) {
  const int year = year_of(req);
  const auto o = pipeline::year_records(run_options(year, today_iso()));
  size_t n = 0;
  try {
    n = std::stoul(req.get_param_value("n"));
  } catch (const std::exception&) {
    n = o.outputs.size();
  }
  if (n >= o.outputs.size()) return message(v, res, 404, "没有这个文件", "请从“文书”页进入。", "/outputs");
  const auto& f = o.outputs[n];
  const bool internal = !is_public_output(f.path);
  if (internal && v.session.role == "leader") {
    audit(v, req, "拒绝", "下载 " + f.path, f.sha256);
    return message(v, res, 403, "没有权限", "此文件为内部材料（含身份证号等），学校领导账户不能查看。", "/outputs");
  }
  const fs::path file = options.run.output / f.path;  // the path the registry recorded, not the request's
  if (!fs::exists(file)) return message(v, res, 404, "文件缺失", f.path + " 已不在输出目录中（tws verify 会报告）。", "/outputs");
  if (internal) audit(v, req, "下载", f.path, sha256_file(file));
  send_file(res, file, fs::path(f.path).filename().string());
}

void App::registry_export(const Visitor& v, const Request& req, Response& res) {
  const fs::path reg = pipeline::registry_path(options.run);
  if (!fs::exists(reg)) return message(v, res, 404, "登记库不存在", "尚未运行任何环节。", "/outputs");
  TempFolder tmp("tws-web-");
  const fs::path file = tmp.path() / "登记库导出.xlsx";
  Diagnostics diags;
  pipeline::export_registry(reg, file, config::load_settings(options.run.config, diags), today_iso());
  audit(v, req, "下载", "登记库导出.xlsx", sha256_file(file));
  send_file(res, file, "登记库导出.xlsx");
}

void App::blank_template(const Visitor& v, const Request& req, Response& res) {
  const Slot* slot = find_slot(req.get_param_value("slot"));
  if (!slot) return message(v, res, 404, "没有这个模板", "请从“上传”页进入。", "/upload");
  TempFolder tmp("tws-web-");
  template_writer::write_input_templates(tmp.path(), templates_dir(), false);
  send_file(res, tmp.path() / (slot->key + ".xlsx"), slot->key + ".xlsx");
}

}  // namespace tws::web
