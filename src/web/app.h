// The state of `tws serve` and one method per page (pages.cpp) or action (actions.cpp);
// server.cpp routes requests to them after the session and role checks.
#pragma once
#include <httplib.h>

#include <atomic>
#include <ctime>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "accounts/accounts.h"
#include "pipeline/overview.h"
#include "web/server.h"
#include "web/session.h"
#include "web/uploads.h"

namespace tws::web {

// The run started from the page (one at a time in this server; the run lock keeps
// cron and the command line out as well).
struct Job {
  int year = 0;
  std::string which, date, user, started, finished;
  bool running = false, failed = false;
  std::string progress_label;
  size_t done = 0, total = 0;
  std::string output;  // the diagnostics and the summary lines, as the CLI prints them
};

// Who is asking: the session of the request's cookie.
struct Visitor {
  std::string token;
  Session session;
  bool logged_in() const { return !session.user.empty(); }
};

class App {
 public:
  explicit App(const ServeOptions& options);
  ~App();

  // --- pages (GET) ---
  void login_page(const Visitor& v, httplib::Response& res, const std::string& message = "");
  void overview(const Visitor& v, const httplib::Request& req, httplib::Response& res);
  void upload_page(const Visitor& v, const httplib::Request& req, httplib::Response& res);
  void result_page(const Visitor& v, const httplib::Request& req, httplib::Response& res);
  void run_page(const Visitor& v, const httplib::Request& req, httplib::Response& res);
  void decisions_page(const Visitor& v, const httplib::Request& req, httplib::Response& res, const std::string& message = "");
  void outputs_page(const Visitor& v, const httplib::Request& req, httplib::Response& res);
  void admin_page(const Visitor& v, httplib::Response& res);
  // --- downloads (GET) ---
  void output_file(const Visitor& v, const httplib::Request& req, httplib::Response& res);
  void registry_export(const Visitor& v, const httplib::Request& req, httplib::Response& res);
  void blank_template(const Visitor& v, const httplib::Request& req, httplib::Response& res);
  // --- actions (POST, CSRF checked by the router) ---
  void login(Visitor& v, const httplib::Request& req, httplib::Response& res);
  void upload(const Visitor& v, const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& body);
  void install(const Visitor& v, const httplib::Request& req, httplib::Response& res);
  void start_run(const Visitor& v, const httplib::Request& req, httplib::Response& res);
  void save_decisions(const Visitor& v, const httplib::Request& req, httplib::Response& res);
  void save_verifications(const Visitor& v, const httplib::Request& req, httplib::Response& res);

  // A page in the layout, with the navigation the visitor's role may use.
  std::string page(const Visitor& v, const std::string& title, const std::string& body, const std::string& here,
                   int year, bool refresh = false);
  void send_page(httplib::Response& res, const std::string& html, int status = 200);
  void message(const Visitor& v, httplib::Response& res, int status, const std::string& title, const std::string& text,
               const std::string& back, bool ok = false);
  // An entry of the audit log for the visitor's request.
  void audit(const Visitor& v, const httplib::Request& req, const std::string& action, const std::string& what,
             const std::string& sha256 = "");

  // Whether the request's ?year=, when it has one, names one of years(): a request for
  // any other year is refused, never served or written as another year.
  bool year_named_ok(const httplib::Request& req) const;

  Sessions sessions;
  accounts::Accounts accounts;
  const ServeOptions options;
  bool tls = false;

 private:
  // The year a request names (?year=), one of years(); else the current year when it
  // has a folder, else the latest.
  int year_of(const httplib::Request& req) const;
  std::vector<int> years() const;
  std::string year_options(int year) const;
  pipeline::RunOptions run_options(int year, const std::string& date) const;
  std::string check_html(const CheckResult& r) const;
  // What problems_table leaves out of file names: the input folder's parent ("" for input/).
  std::string strip() const;
  // A message with strip() left out of the paths it names.
  std::string shown(std::string message) const;
  void run_job(int year, std::string which, std::string date);
  // A new version of a slot checked, installed when clean, and the visitor sent to its result.
  void settle_upload(const Visitor& v, const httplib::Request& req, httplib::Response& res, int year, const Version& ver,
                     const std::string& now);

  UploadStore uploads_;
  std::mutex checks_mu_;
  std::map<std::pair<int, int>, CheckResult> checks_;  // (year, version id) → its check
  std::mutex job_mu_;
  Job job_;
  std::thread job_thread_;
};

// Shared by the pages (pages.cpp).
bool is_public_output(const std::string& path);  // a leader may open it
std::string human_size(uint64_t bytes);
// `strip`: the folder above the input folder, left out of the file names shown.
std::string problems_table(const std::vector<Diagnostic>& items, const std::string& strip);
std::string cell_address(const Location& where);  // A1, 第 7 行, or ""
bool valid_day(const std::string& iso_date);  // an existing day written YYYY-MM-DD

// "2026-12-07": today in local time; "2026-12-07 18:30:00": now.
std::string today_iso();
std::string now_text();

}  // namespace tws::web
