// Running the year's phases from the page: one run at a time, under the same lock as
// cron and the command line, in a thread of its own; the page follows its progress.
#include <malloc.h>

#include <sstream>

#include "common/date.h"
#include "common/diagnostic.h"
#include "common/errors.h"
#include "common/progress.h"
#include "common/run_lock.h"
#include "web/app.h"
#include "web/html.h"

namespace tws::web {
using httplib::Request;
using httplib::Response;

bool valid_day(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  try {
    return iso(parse_iso(d)) == d;
  } catch (const std::exception&) {
    return false;
  }
}

void App::run_page(const Visitor& v, const Request& req, Response& res) {
  const int year = year_of(req);
  std::string date = req.get_param_value("date");
  if (!valid_day(date)) date = today_iso();
  Job job;
  {
    std::lock_guard<std::mutex> lock(job_mu_);
    job = job_;
  }
  std::string status;
  if (job.year) {
    status = "<h2>" + std::string(job.running ? "正在运行" : "上次运行") + "：" + esc(pipeline::phase_title(job.which)) + "（" +
             std::to_string(job.year) + " 年度，运行日期 " + job.date + "）</h2><p>" + esc(job.user) + " 于 " + esc(job.started) + " 开始" +
             (job.running ? "" : "，" + esc(job.finished) + " 结束：" + (job.failed ? "<strong class=\"state-bad\">未通过</strong>" : "<strong class=\"state-done\">完成</strong>")) +
             "</p>";
    if (job.running && job.total)
      status += "<p>" + esc(job.progress_label) + " <progress max=\"" + std::to_string(job.total) + "\" value=\"" + std::to_string(job.done) +
                "\"></progress> " + std::to_string(job.done) + "/" + std::to_string(job.total) + "</p>";
    if (!job.running) status += "<pre class=\"output\">" + esc(job.output) + "</pre>";
  }
  const pipeline::YearOverview o = pipeline::year_overview(run_options(year, date));
  std::string buttons, phases;
  for (auto& p : o.forecast.phases) {
    phases += "<tr><td>" + esc(pipeline::phase_title(p.phase)) + "</td><td>" + esc(printable(shown(p.message))) + "</td></tr>";
    if (p.status == pipeline::PhaseStatus::Done)
      buttons += "<button type=\"submit\" name=\"phase\" value=\"" + p.phase + "\">运行「" + esc(pipeline::phase_title(p.phase)) + "」</button>";
  }
  if (o.forecast.phases.empty()) phases = "<tr><td colspan=\"2\">" + problems_table(o.forecast.diags.items(), strip()) + "</td></tr>";
  if (buttons.empty()) buttons = "<p>按所填日期，没有可运行的环节（原因见下表）。</p>";
  else buttons += "<button type=\"submit\" name=\"phase\" value=\"run\">全部运行（tws run）</button>";
  const std::string body = fill("run.html", {{"year_options", year_options(year)}, {"job", status}, {"csrf", v.session.csrf},
                                             {"year", std::to_string(year)}, {"date", date}, {"buttons", buttons}, {"phases", phases}});
  send_page(res, page(v, std::to_string(year) + " 年度运行", body, "/run", year, job.running));
}

void App::start_run(const Visitor& v, const Request& req, Response& res) {
  const int year = year_of(req);
  const std::string which = req.get_param_value("phase"), date = req.get_param_value("date");
  const std::string back = "/run?year=" + std::to_string(year);
  if (which != "select" && which != "approve" && which != "assess" && which != "run")
    return message(v, res, 400, "无法运行", "请从“运行”页选择环节。", back);
  if (!valid_day(date)) return message(v, res, 400, "无法运行", "运行日期应为存在的日期，如 " + today_iso() + "。", back);
  {
    std::lock_guard<std::mutex> lock(job_mu_);
    if (job_.running)
      return message(v, res, 409, "另一个任务正在运行",
                     "另一个任务正在运行：" + job_.user + " 于 " + job_.started + " 开始的“" + pipeline::phase_title(job_.which) +
                         "”。请等它结束后再运行（本次未排队，未做任何改动）。", back);
    if (job_thread_.joinable()) job_thread_.join();
    job_ = Job{year, which, date, v.session.user, now_text(), "", true};
    job_thread_ = std::thread(&App::run_job, this, year, which, date);
  }
  audit(v, req, "运行", std::to_string(year) + " " + which + " --date " + date);
  res.set_redirect(back + "&date=" + date, 303);
}

void App::run_job(int year, std::string which, std::string date) {
  set_progress_listener([this](const std::string& label, size_t done, size_t total) {
    std::lock_guard<std::mutex> lock(job_mu_);
    job_.progress_label = label;
    job_.done = done;
    job_.total = total;
  });
  std::ostringstream out;
  bool failed = true;
  try {
    const auto report = pipeline::run_phases(run_options(year, date), which);
    for (auto& d : report.diags.items()) out << format_diagnostic(d) << "\n";
    pipeline::print_summary(report, out);
    failed = report.failed();
  } catch (const RunBusy& e) {
    out << "另一个任务正在运行：" << printable(e.what()) << "\n";
  } catch (const std::exception& e) {
    out << printable(exit_status(e).message) << "\n";
  }
  set_progress_listener({});
  malloc_trim(0);  // the run's memory back to the system (see server.cpp)
  std::lock_guard<std::mutex> lock(job_mu_);
  job_.output = out.str();
  job_.failed = failed;
  job_.running = false;
  job_.finished = now_text();
}

}  // namespace tws::web
