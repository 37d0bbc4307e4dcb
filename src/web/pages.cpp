// The pages of `tws serve` (GET): each builds its body from templates/web/ and the
// pipeline's view of the year; nothing here writes.
#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <map>
#include <sstream>

#include "common/diagnostic.h"
#include "common/paths.h"
#include "common/sha256.h"
#include "web/app.h"
#include "web/html.h"

namespace tws::web {
namespace fs = std::filesystem;
using httplib::Request;
using httplib::Response;

namespace {

std::string cell(const std::string& html, const std::string& cls = "") {
  return cls.empty() ? "<td>" + html + "</td>" : "<td class=\"" + cls + "\">" + html + "</td>";
}

// A phase's state for people, its CSS class and what to do next about it.
struct PhaseView {
  std::string state, css, next;
};

PhaseView phase_view(const pipeline::PhaseReport& p, const std::string& done_on) {
  using pipeline::PhaseStatus;
  using pipeline::Waiting;
  const std::string title = "「" + pipeline::phase_title(p.phase) + "」";
  if (!done_on.empty() && p.status == PhaseStatus::Unchanged) return {"已完成（" + done_on + "）", "state-done", ""};
  if (p.status == PhaseStatus::Failed)
    return {"有问题", "state-bad", title + "有问题：" + p.message + "。请按说明和下方问题更正后再运行"};
  if (p.status == PhaseStatus::Done) return {"可运行", "state-ready", "在“运行”页运行" + title};
  if (p.waiting == Waiting::Inputs) return {"材料不全", "state-wait", title + "：" + p.message + "。请在“上传”页上传"};
  if (p.waiting == Waiting::Decision)
    return {"待学校决定", "state-wait", title + "等待学校研究决定：请在“学校决定”页填写决定日期和会议"};
  return {"未开始", "state-idle", title + "：" + p.message};
}

// A1, or "第 7 行" for a whole row; "" for a whole file.
std::string place(const Location& w) {
  if (w.row <= 0) return "";
  if (w.column <= 0) return "第 " + std::to_string(w.row) + " 行";
  return column_name(w.column) + std::to_string(w.row);
}

std::string diagnostics_table(const std::vector<Diagnostic>& items, const std::string& strip) {
  std::string rows;
  for (auto& d : items) {
    const bool error = d.severity == Severity::Error;
    rows += std::string("<tr class=\"problem-") + (error ? "error" : "warning") + "\">" + cell(error ? "错误" : "警告") +
            cell(esc(d.where.file.rfind(strip, 0) == 0 ? d.where.file.substr(strip.size()) : d.where.file)) + cell(esc(d.where.sheet)) +
            cell(esc(place(d.where))) +
            cell(esc(printable(d.message))) + "</tr>";
  }
  return "<table class=\"problems\"><thead><tr><th>级别</th><th>文件</th><th>工作表</th><th>单元格</th><th>问题</th></tr></thead><tbody>" +
         rows + "</tbody></table>";
}

// Public documents and summaries: what a leader may open (never the 申报（认定）表,
// which hold ID numbers, nor the run log or the manifest).
bool public_file(const std::string& path) {
  static const std::vector<std::string> names = {"公示名单.pdf", "认定通知.pdf", "考核结果通报.pdf", "经费下达通知.pdf",
                                                 "资格审查汇总.xlsx", "认定名单.xlsx", "考核汇总.xlsx"};
  const fs::path p(path);
  if (std::distance(p.begin(), p.end()) != 2) return false;  // 2026/公示名单.pdf, nothing deeper
  return std::find(names.begin(), names.end(), p.filename().string()) != names.end();
}

std::string size_text(uint64_t bytes) {
  std::ostringstream s;
  if (bytes < 1024) s << bytes << " 字节";
  else if (bytes < (1u << 20)) s << (bytes + 512) / 1024 << " KB";
  else s << std::fixed << std::setprecision(1) << double(bytes) / (1 << 20) << " MB";
  return s.str();
}

}  // namespace

bool is_public_output(const std::string& path) { return public_file(path); }
std::string human_size(uint64_t bytes) { return size_text(bytes); }
std::string problems_table(const std::vector<Diagnostic>& items, const std::string& strip) { return diagnostics_table(items, strip); }
std::string cell_address(const Location& where) { return place(where); }

void App::login_page(const Visitor& v, Response& res, const std::string& msg) {
  std::string m = msg.empty() ? "" : "<div class=\"message error\">" + esc(msg) + "</div>";
  send_page(res, page(v, "登录", fill("login.html", {{"csrf", v.session.csrf}, {"message", m}}), "", 0), msg.empty() ? 200 : 401);
}

void App::overview(const Visitor& v, const Request& req, Response& res) {
  const int year = year_of(req);

  const pipeline::YearOverview o = pipeline::year_overview(run_options(year, today_iso()));
  std::string phases, next;
  for (size_t i = 0; i < o.forecast.phases.size(); ++i) {
    auto& p = o.forecast.phases[i];
    const size_t at = std::find(pipeline::phase_order().begin(), pipeline::phase_order().end(), p.phase) -
                      pipeline::phase_order().begin();
    const PhaseView pv = phase_view(p, at < o.done_on.size() ? o.done_on[at] : "");
    static const std::map<std::string, std::string> articles = {
        {"select", "第四条、第五条（一）至（三）"}, {"approve", "第五条（三）（四）"}, {"assess", "第六条至第八条"}};
    phases += "<tr>" + cell(esc(pipeline::phase_title(p.phase))) + cell(esc(articles.at(p.phase))) +
              cell(esc(pv.state), pv.css) + cell(esc(printable(shown(p.message)))) + "</tr>";
    if (next.empty() && !pv.next.empty()) next = shown(pv.next);
  }
  if (o.forecast.phases.empty()) next = "先按顺序运行之前的年度（见下方问题）";
  if (next.empty()) next = "本年度各环节均已完成；文书在“文书”页。";
  std::string dates;
  auto row = [&](const std::string& k, const std::string& val) { dates += "<tr><th>" + esc(k) + "</th>" + cell(esc(val)) + "</tr>"; };
  if (!o.publicity_start.empty())
    row("公示期（第五条（三），不少于 3 个工作日）", o.publicity_start + " 至 " + o.publicity_end +
                                                   (o.publicity_recorded ? "（已公示）" : "（如今天遴选）"));
  row("学校研究决定（认定）", o.approval_decided_on.empty() ? "尚未填写" : o.approval_decided_on + (o.approval_meeting.empty() ? "" : "，" + o.approval_meeting));
  row("考核结果决定", o.assessment_decided_on.empty() ? "尚未填写（考核按运行日期）" : o.assessment_decided_on);
  for (auto& d : o.documents) row(d.kind, d.number + "，" + d.date);
  for (auto& t : o.terms_ending) row("聘期届满", t);
  std::string problems;
  if (!o.forecast.diags.items().empty())
    problems = "<h2>输入中的问题（错误 " + std::to_string(o.forecast.diags.error_count()) + " 个，警告 " +
               std::to_string(o.forecast.diags.warning_count()) + " 个）</h2>" + diagnostics_table(o.forecast.diags.items(), strip());
  const std::string body = fill("overview.html", {{"year_options", year_options(year)}, {"next", esc(next)},
                                                  {"phases", phases}, {"dates", dates}, {"problems", problems},
                                                  {"today", today_iso()}, {"year", std::to_string(year)}});
  send_page(res, page(v, std::to_string(year) + " 年度概况", body, "/", year));
}

void App::upload_page(const Visitor& v, const Request& req, Response& res) {
  const int year = year_of(req);
  const auto history = uploads_.history(year);
  std::string blocks;
  for (auto& s : slots()) {
    std::string current = "尚未安装";
    const fs::path dir = options.run.input / std::to_string(year);
    for (const char* ext : {".xlsx", ".csv"})
      if (fs::exists(dir / (s.key + ext)))
        current = s.key + ext + "（" + size_text(fs::file_size(dir / (s.key + ext))) + "）";
    std::string rows;
    for (auto& h : history) {
      if (h.slot != s.key) continue;
      std::string action = "<a href=\"/upload/result?year=" + std::to_string(year) + "&amp;id=" + std::to_string(h.id) + "\">检查结果</a>";
      if (h.state != "已安装" && h.state != "检查中")
        action += " <form class=\"inline\" method=\"post\" action=\"/upload/install\"><input type=\"hidden\" name=\"csrf\" value=\"" +
                  v.session.csrf + "\"><input type=\"hidden\" name=\"year\" value=\"" + std::to_string(year) +
                  "\"><input type=\"hidden\" name=\"id\" value=\"" + std::to_string(h.id) +
                  "\"><button type=\"submit\">恢复此版本</button></form>";
      rows += "<tr>" + cell(std::to_string(h.id)) + cell(esc(h.at)) + cell(esc(h.user)) + cell(esc(h.original_name)) +
              cell(esc(size_text(h.size))) + cell(esc(h.state)) + cell(std::to_string(h.errors) + " / " + std::to_string(h.warnings)) +
              cell(action) + "</tr>";
    }
    blocks += "<section class=\"slot\" id=\"slot-" + s.key + "\"><h2>" + esc(s.title) + "（" + s.key + "）</h2><p>当前：" + esc(current) +
              " · <a href=\"/template?slot=" + s.key + "\">空白模板</a></p>"
              "<form method=\"post\" enctype=\"multipart/form-data\" action=\"/upload?year=" + std::to_string(year) + "&amp;slot=" + s.key +
              "\"><input type=\"hidden\" name=\"csrf\" value=\"" + v.session.csrf + "\"><input type=\"file\" name=\"file\" id=\"file-" + s.key +
              "\" accept=\".xlsx,.csv\" required><button type=\"submit\">上传并检查</button></form>";
    if (!rows.empty())
      blocks += "<table><thead><tr><th>版本</th><th>时间</th><th>上传人</th><th>上传的文件名</th><th>大小</th><th>状态</th><th>错误/警告</th><th></th></tr></thead><tbody>" +
                rows + "</tbody></table>";
    blocks += "</section>";
  }
  send_page(res, page(v, std::to_string(year) + " 年度输入文件", fill("upload.html", {{"year", std::to_string(year)}, {"slots", blocks}}),
                      "/upload", year));
}

void App::outputs_page(const Visitor& v, const Request& req, Response& res) {
  const int year = year_of(req);
  const pipeline::YearOverview o = pipeline::year_records(run_options(year, today_iso()));
  std::string docs, files;
  for (auto& d : o.documents) docs += "<tr>" + cell(esc(d.kind)) + cell(esc(d.number)) + cell(esc(d.date)) + "</tr>";
  for (size_t i = 0; i < o.outputs.size(); ++i) {
    auto& f = o.outputs[i];
    if (v.session.role == "leader" && !public_file(f.path)) continue;
    const fs::path file = options.run.output / f.path;
    const std::string check = !fs::exists(file) ? "缺失" : sha256_file(file) == f.sha256 ? "一致" : "运行后被修改";
    files += "<tr>" + cell("<a href=\"/file?year=" + std::to_string(year) + "&amp;n=" + std::to_string(i) + "\">" + esc(f.path) + "</a>") +
             cell(esc(pipeline::phase_title(f.phase))) + cell(esc(f.run_date)) + cell(esc(check), check == "一致" ? "state-done" : "state-bad") + "</tr>";
  }
  if (files.empty()) files = "<tr><td colspan=\"4\">本年度尚无文书</td></tr>";
  if (docs.empty()) docs = "<tr><td colspan=\"3\">本年度尚未发文</td></tr>";
  std::string extra;
  if (v.session.role != "leader") {
    extra = "<h2>其他下载</h2><ul><li><a href=\"/export\">登记库导出（xlsx：工作站、聘期、考核、经费、撤销）</a></li>";
    for (auto& s : slots()) extra += "<li><a href=\"/template?slot=" + s.key + "\">空白模板：" + esc(s.title) + "（" + s.key + ".xlsx）</a></li>";
    extra += "</ul>";
  }
  send_page(res, page(v, std::to_string(year) + " 年度文书",
                      fill("outputs.html", {{"year_options", year_options(year)}, {"documents", docs}, {"files", files}, {"extra", extra}}),
                      "/outputs", year));
}

void App::admin_page(const Visitor& v, Response& res) {
  std::string users, log;
  const std::time_t now = std::time(nullptr);
  for (auto& u : accounts.list()) {
    std::string state = u.disabled ? "停用" : u.locked_until > now ? "锁定至 " + accounts::timestamp(u.locked_until) : "启用";
    if (!u.disabled && u.failed_logins > 0 && u.locked_until <= now) state += "（连续输错 " + std::to_string(u.failed_logins) + " 次）";
    users += "<tr>" + cell(esc(u.name)) + cell(esc(u.role)) + cell(esc(state)) + cell(esc(u.created)) + cell(esc(u.last_login)) + "</tr>";
  }
  for (auto& a : accounts.audit_log(200))
    log += "<tr>" + cell(esc(a.at)) + cell(esc(a.user)) + cell(esc(a.action)) + cell(esc(printable(a.what))) +
           cell(a.sha256.empty() ? "" : "<code>" + esc(a.sha256.substr(0, 16)) + "</code>") + cell(esc(a.remote)) + "</tr>";
  send_page(res, page(v, "账户与操作记录", fill("admin.html", {{"users", users}, {"audit", log}}), "/admin", 0));
}

}  // namespace tws::web
