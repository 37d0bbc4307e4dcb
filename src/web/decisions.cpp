// The school's decisions (第五条（四）) entered on the page, written into the year's
// tws.ini — the file the command line reads — with the other lines as they were.
#include <fstream>
#include <sstream>

#include "common/atomic_file.h"
#include "common/errors.h"
#include "config/settings.h"
#include "input_template/input_template.h"
#include "web/app.h"
#include "web/html.h"

namespace tws::web {
namespace fs = std::filesystem;
using httplib::Request;
using httplib::Response;

namespace {

std::string trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r"), e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// `key = value` set in [section] (the line replaced, or added at the section's end,
// or the section added), or removed when value is empty.
void set_key(std::vector<std::string>& lines, const std::string& section, const std::string& key, const std::string& value) {
  const std::string header = "[" + section + "]";
  size_t at = lines.size(), end = lines.size();
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string t = trim(lines[i]);
    if (t == header) at = i;
    else if (at != lines.size() && end == lines.size() && !t.empty() && t[0] == '[') end = i;
  }
  if (at == lines.size()) {
    if (value.empty()) return;
    if (!lines.empty() && !trim(lines.back()).empty()) lines.push_back("");
    lines.push_back(header);
    lines.push_back(key + " = " + value);
    return;
  }
  for (size_t i = at + 1; i < end; ++i) {
    const std::string t = trim(lines[i]);
    const size_t eq = t.find('=');
    if (eq != std::string::npos && trim(t.substr(0, eq)) == key) {
      if (value.empty()) lines.erase(lines.begin() + i);
      else lines[i] = key + " = " + value;
      return;
    }
  }
  if (value.empty()) return;
  size_t insert = end;
  while (insert > at + 1 && trim(lines[insert - 1]).empty()) --insert;  // before the blank lines ending the section
  lines.insert(lines.begin() + insert, key + " = " + value);
}

std::vector<std::string> read_lines(const fs::path& file) {
  std::vector<std::string> lines;
  std::ifstream in(file, std::ios::binary);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}

}  // namespace

void App::decisions_page(const Visitor& v, const Request& req, Response& res, const std::string& msg) {
  const int year = year_of(req);
  const pipeline::YearOverview o = pipeline::year_overview(run_options(year, today_iso()));
  std::string pending;
  for (size_t i = 0; i < o.forecast.doubts.size(); ++i) {
    const auto& d = o.forecast.doubts[i];
    const std::string n = std::to_string(i);
    pending += "<tr><td>" + esc(d.application_id) + "<input type=\"hidden\" name=\"id" + n + "\" value=\"" + esc(d.application_id) +
               "\"></td><td>" + esc(d.clause) + "<input type=\"hidden\" name=\"clause" + n + "\" value=\"" + esc(d.clause) +
               "\"></td><td>" + esc(printable(d.what)) + "</td><td><select name=\"result" + n +
               "\"><option value=\"\">（暂不填写）</option><option>通过</option><option>不通过</option></select></td>"
               "<td><input name=\"note" + n + "\" placeholder=\"核实了什么、由谁核实\"></td></tr>";
  }
  if (!pending.empty())
    pending = "<form method=\"post\" action=\"/verifications\"><input type=\"hidden\" name=\"csrf\" value=\"" + v.session.csrf +
              "\"><input type=\"hidden\" name=\"year\" value=\"" + std::to_string(year) +
              "\"><table><thead><tr><th>申报编号</th><th>条款</th><th>待核实</th><th>结论</th><th>说明</th></tr></thead><tbody>" + pending +
              "</tbody></table><button type=\"submit\">保存核实结论</button></form>";
  const std::string body = fill(
      "decisions.html",
      {{"year", std::to_string(year)}, {"csrf", v.session.csrf}, {"message", msg},
       {"approval_decided_on", esc(o.approval_decided_on)}, {"approval_meeting", esc(o.approval_meeting)},
       {"approval_doc_number", o.approval_doc_number ? std::to_string(o.approval_doc_number) : ""},
       {"assessment_decided_on", esc(o.assessment_decided_on)},
       {"pending", pending.empty() ? "<p>按今天预演，没有待核实的事项。</p>" : pending}});
  send_page(res, page(v, std::to_string(year) + " 年度学校决定", body, "/decisions", year), 200);
}

void App::save_decisions(const Visitor& v, const Request& req, Response& res) {
  const int year = year_of(req);
  auto fail = [&](const std::string& why) {
    decisions_page(v, req, res, "<div class=\"message error\">" + esc(why) + "（未保存）</div>");
  };
  const std::string approval = trim(req.get_param_value("approval_decided_on")),
                    meeting = trim(req.get_param_value("approval_meeting")),
                    number = trim(req.get_param_value("approval_doc_number")),
                    assessment = trim(req.get_param_value("assessment_decided_on"));
  for (const std::string* d : {&approval, &assessment})
    if (!d->empty() && !valid_day(*d)) return fail("日期应为存在的日期，如 " + today_iso() + "，收到“" + *d + "”");
  if (meeting.find_first_of("\n\r;#[]") != std::string::npos || meeting.size() > 200)
    return fail("会议名称应为一行文字，不含 ; # [ ]，如“" + std::to_string(year) + "年第7次院长办公会”");
  if (!number.empty() && (number.find_first_not_of("0123456789") != std::string::npos || number.size() > 4 || std::stoi(number) == 0))
    return fail("文号序号应为正整数，如 18；不填则自动编号");

  const fs::path target = options.run.input / std::to_string(year) / "tws.ini";
  std::vector<std::string> lines = read_lines(target);
  set_key(lines, "approval", "decided_on", approval);
  set_key(lines, "approval", "meeting", meeting);
  set_key(lines, "approval", "doc_number", number);
  set_key(lines, "assessment", "decided_on", assessment);
  std::string text;
  for (auto& l : lines) text += l + "\n";
  // Checked as the command line will read it before it replaces the file.
  const fs::path keep = options.run.input / ".tws-web" / std::to_string(year) / "settings";
  make_folders(keep);
  const fs::path trial = keep / "tws.ini.trial";
  write_file_atomically(trial, text, 0644);
  Diagnostics diags;
  config::load_year_settings(trial, diags, config::load_settings(options.run.config, diags));
  fs::remove(trial);
  for (auto& d : diags.items())
    if (d.severity == Severity::Error && d.where.file == trial.string()) return fail(d.message);
  if (fs::exists(target)) {
    std::string stamp = now_text();
    for (char& c : stamp)
      if (c == ' ' || c == ':') c = '-';
    fs::copy_file(target, keep / ("tws.ini." + stamp), fs::copy_options::overwrite_existing);
  }
  make_folders(target.parent_path());
  write_file_atomically(target, text, 0644);
  audit(v, req, "设置", std::to_string(year) + "/tws.ini：认定决定 " + (approval.empty() ? "未填" : approval) + "，考核决定 " +
                            (assessment.empty() ? "未填" : assessment));
  decisions_page(v, req, res, "<div class=\"message ok\">已保存到 " + esc(target.string()) + "；原文件另存在 " + esc(keep.string()) + "。</div>");
}

void App::save_verifications(const Visitor& v, const Request& req, Response& res) {
  const int year = year_of(req);
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; req.has_param("id" + std::to_string(i)); ++i) {
    const std::string n = std::to_string(i), result = req.get_param_value("result" + n), note = trim(req.get_param_value("note" + n));
    if (result.empty()) continue;
    if (result != "通过" && result != "不通过") return decisions_page(v, req, res, "<div class=\"message error\">结论应为通过或不通过（未保存）</div>");
    if (note.empty() || note.find_first_of("\r\n") != std::string::npos)
      return decisions_page(v, req, res, "<div class=\"message error\">每条结论须有一行说明：核实了什么、由谁核实（未保存）</div>");
    rows.push_back({req.get_param_value("id" + n), req.get_param_value("clause" + n), result, note});
  }
  if (rows.empty()) return decisions_page(v, req, res, "<div class=\"message error\">没有填写任何结论（未保存）</div>");
  std::optional<fs::path> reviews;
  for (const char* ext : {".xlsx", ".csv"})
    if (fs::exists(options.run.input / std::to_string(year) / (std::string("reviews") + ext)))
      reviews = options.run.input / std::to_string(year) / (std::string("reviews") + ext);
  if (!reviews) return decisions_page(v, req, res, "<div class=\"message error\">尚未上传 reviews.xlsx（专家评分），无法写入资格核实（未保存）</div>");
  const fs::path temp = uploads_.temporary(year);
  template_writer::add_verifications(*reviews, rows, temp);
  const std::string now = now_text();
  const Version ver = uploads_.add(year, "reviews", temp, v.session.user, "资格核实（网页填写 " + std::to_string(rows.size()) + " 条）", now);
  audit(v, req, "设置", std::to_string(year) + " 资格核实 " + std::to_string(rows.size()) + " 条（reviews 版本 " + std::to_string(ver.id) + "）", ver.sha256);
  settle_upload(v, req, res, year, ver, now);
}

}  // namespace tws::web
