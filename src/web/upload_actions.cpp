// Uploading a file into a slot, its check, and installing or restoring a version.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "common/errors.h"
#include "web/app.h"
#include "web/html.h"

namespace tws::web {
namespace fs = std::filesystem;
using httplib::Request;
using httplib::Response;

namespace {

constexpr uint64_t kMaxFile = 20u << 20;

// The file part of a multipart body, streamed to `path`; the CSRF field must come first.
struct Receiver {
  fs::path path;
  int fd = -1;
  std::string field, csrf, filename;
  uint64_t bytes = 0;
  bool got_file = false, too_big = false, bad_csrf = false;
  int write_errno = 0;

  ~Receiver() {
    if (fd >= 0) ::close(fd);
  }
  bool header(const httplib::MultipartFormData& part, const std::string& expected_csrf) {
    field = part.name;
    if (field != "file") return true;
    if (csrf != expected_csrf) return !(bad_csrf = true);
    if (got_file) return false;  // one file per upload
    got_file = true;
    filename = part.filename;
    fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0) write_errno = errno;
    return fd >= 0;
  }
  bool data(const char* p, size_t n) {
    if (field == "csrf") {
      csrf.append(p, n);
      return csrf.size() <= 128;
    }
    if (field != "file") return true;
    if ((bytes += n) > kMaxFile) return !(too_big = true);
    for (size_t done = 0; done < n;) {
      ssize_t w = ::write(fd, p + done, n - done);
      if (w < 0) return (write_errno = errno), false;
      done += size_t(w);
    }
    return true;
  }
  bool finish() {
    if (fd < 0) return false;
    const bool ok = ::fsync(fd) == 0 && ::close(fd) == 0;
    if (!ok && !write_errno) write_errno = errno;
    fd = -1;
    return ok;
  }
};

}  // namespace

void App::upload(const Visitor& v, const Request& req, Response& res, const httplib::ContentReader& body) {
  const int year = year_of(req);
  const Slot* slot = find_slot(req.get_param_value("slot"));
  const std::string back = "/upload?year=" + std::to_string(year);
  if (!slot || !req.is_multipart_form_data()) return message(v, res, 400, "上传无效", "请从“上传”页选择文件上传。", back);
  Receiver r;
  r.path = uploads_.temporary(year);
  const bool read = body([&](const httplib::MultipartFormData& part) { return r.header(part, v.session.csrf); },
                         [&](const char* p, size_t n) { return r.data(p, n); });
  const bool written = read && r.got_file && r.finish();
  if (!written) {
    std::error_code ec;
    fs::remove(r.path, ec);  // nothing half-received is kept
    if (r.bad_csrf) return message(v, res, 403, "请求无效", "页面已过期（CSRF 校验失败），未保存任何内容。请刷新“上传”页后重新上传。", back);
    if (r.too_big) return message(v, res, 413, "文件太大", "每个文件不超过 20 MB，未保存任何内容。", back);
    if (r.write_errno) return message(v, res, 500, "无法保存", write_error(r.path, r.write_errno).what(), back);
    return message(v, res, 400, "上传未完成", "文件没有完整收到（连接中断或未选择文件），未保存任何内容。", back);
  }
  const std::string now = now_text();
  const Version ver = uploads_.add(year, slot->key, r.path, v.session.user, r.filename, now);
  audit(v, req, "上传", std::to_string(year) + " " + slot->title + "（" + r.filename + "，版本 " + std::to_string(ver.id) + "）", ver.sha256);
  settle_upload(v, req, res, year, ver, now);
}

void App::settle_upload(const Visitor& v, const Request& req, Response& res, int year, const Version& ver, const std::string& now) {
  CheckResult checked = uploads_.check(year, ver, today_iso());
  if (uploads_.settle(year, ver.id, checked, now))
    audit(v, req, "安装", std::to_string(year) + "/" + ver.slot + ver.ext + "（版本 " + std::to_string(ver.id) + "）", ver.sha256);
  {
    std::lock_guard<std::mutex> lock(checks_mu_);
    if (checks_.size() >= 64) checks_.erase(checks_.begin());  // an older result is checked again when viewed
    checks_[{year, ver.id}] = std::move(checked);
  }
  res.set_redirect("/upload/result?year=" + std::to_string(year) + "&id=" + std::to_string(ver.id), 303);
}

void App::install(const Visitor& v, const Request& req, Response& res) {
  const int year = year_of(req);
  const std::string back = "/upload?year=" + std::to_string(year);
  int id = 0;
  try {
    id = std::stoi(req.get_param_value("id"));
  } catch (const std::exception&) {
  }
  const auto ver = uploads_.version(year, id);
  if (!ver) return message(v, res, 404, "没有这个版本", "请从“上传”页进入。", back);
  const bool restore = ver->state != "有错误";
  uploads_.install(year, id, now_text());
  audit(v, req, restore ? "恢复" : "安装（有错误）", std::to_string(year) + "/" + ver->slot + ver->ext + "（版本 " + std::to_string(id) + "）",
        ver->sha256);
  res.set_redirect(back + "#slot-" + ver->slot, 303);
}

std::string App::check_html(const CheckResult& r) const {
  std::string html;
  if (r.problems.empty()) {
    html += "<div class=\"message ok\">此文件没有发现问题。</div>";
  } else {
    html += "<h2>此文件的问题（错误 " + std::to_string(r.errors) + " 个，警告 " + std::to_string(r.warnings) + " 个）</h2><table class=\"problems\"><thead><tr>"
            "<th>级别</th><th>文件</th><th>工作表</th><th>单元格</th><th>问题</th></tr></thead><tbody>";
    for (auto& p : r.problems) {
      const bool error = p.diag.severity == Severity::Error;
      html += std::string("<tr class=\"problem-") + (error ? "error" : "warning") + "\"><td>" + (error ? "错误" : "警告") + "</td><td>" +
              esc(p.diag.where.file.rfind(strip(), 0) == 0 ? p.diag.where.file.substr(strip().size()) : p.diag.where.file) + "</td><td>" + esc(p.diag.where.sheet) + "</td><td>" + esc(cell_address(p.diag.where)) +
              "</td><td>" + esc(printable(p.diag.message));
      if (!p.row.empty()) {
        std::string head = "<tr><th></th>", cells = "<tr><th>" + std::to_string(p.diag.where.row) + "</th>";
        for (size_t c = 0; c < p.row.size(); ++c) {
          const bool hl = int(c) + 1 == p.column;
          head += "<th>" + column_name(int(c) + 1) + "</th>";
          cells += std::string(hl ? "<td class=\"hl\">" : "<td>") + esc(printable(p.row[c])) + "</td>";
        }
        html += "<table class=\"row-as-read\"><caption>该行读取所见</caption>" + head + "</tr>" + cells + "</tr></table>";
      }
      html += "</td></tr>";
    }
    html += "</tbody></table>";
  }
  if (!r.others.empty()) html += "<h2>本年度其他文件和设置的问题</h2>" + problems_table(r.others, strip());
  std::string lines;
  for (auto& p : r.forecast.phases)
    lines += "<li>" + esc(pipeline::phase_title(p.phase)) + "：" + esc(printable(shown(p.message))) + "</li>";
  html += "<h2>按今天预演（安装此文件后）</h2><ul>" + lines + "</ul>";
  return html;
}

void App::result_page(const Visitor& v, const Request& req, Response& res) {
  const int year = year_of(req);
  int id = 0;
  try {
    id = std::stoi(req.get_param_value("id"));
  } catch (const std::exception&) {
  }
  const auto ver = uploads_.version(year, id);
  if (!ver) return message(v, res, 404, "没有这个版本", "请从“上传”页进入。", "/upload");
  std::optional<CheckResult> r;
  {
    std::lock_guard<std::mutex> lock(checks_mu_);
    if (auto it = checks_.find({year, id}); it != checks_.end()) r = it->second;
  }
  if (!r) r = uploads_.check(year, *ver, today_iso());  // after a restart: checked again
  std::string actions;
  if (ver->state == "有错误")
    actions = "<div class=\"message error\">此文件有错误，已另存为版本 " + std::to_string(id) + "，未安装；当前使用的文件不变。"
              "请在 Excel 或 WPS 中按下表更正后重新上传。</div><form method=\"post\" action=\"/upload/install\"><input type=\"hidden\" name=\"csrf\" value=\"" +
              v.session.csrf + "\"><input type=\"hidden\" name=\"year\" value=\"" + std::to_string(year) + "\"><input type=\"hidden\" name=\"id\" value=\"" +
              std::to_string(id) + "\"><button type=\"submit\">仍然安装（运行时这些错误会使相关环节停止）</button></form>";
  else if (ver->state == "已安装")
    actions = "<div class=\"message ok\">已安装为 input/" + std::to_string(year) + "/" + esc(ver->slot + ver->ext) + "；之前的版本保留在历史中。</div>";
  const Slot* slot = find_slot(ver->slot);
  const std::string body = fill("result.html", {{"year", std::to_string(year)}, {"slot", esc(slot ? slot->title : ver->slot)},
                                                {"target", esc(ver->slot + ver->ext)}, {"original", esc(ver->original_name)},
                                                {"size", esc(human_size(ver->size))}, {"sha", esc(ver->sha256)},
                                                {"user", esc(ver->user)}, {"at", esc(ver->at)}, {"state", esc(ver->state)},
                                                {"actions", actions}, {"problems", check_html(*r)}});
  send_page(res, page(v, "检查结果：版本 " + std::to_string(id), body, "/upload", year));
}

}  // namespace tws::web
