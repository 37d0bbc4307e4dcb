#include "cli/cli.h"

#include <boost/program_options.hpp>

#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <regex>

#include "accounts/accounts.h"
#include "calendar/work_calendar.h"
#include "common/date.h"
#include "common/diagnostic.h"
#include "common/paths.h"
#include "common/run_lock.h"
#include "config/settings.h"
#include "ingest/workbook.h"
#include "pipeline/brief.h"
#include "pipeline/certificates.h"
#include "pipeline/registry_export.h"
#include "pipeline/overview.h"
#include "pipeline/prefilled.h"
#include "pipeline/year_run.h"
#include "records/records.h"
#include "input_template/input_template.h"
#include "web/server.h"
#include "tws_version.h"
#include "common/errors.h"

namespace tws::cli {
namespace po = boost::program_options;
namespace fs = std::filesystem;
namespace {

// What every sub-command accepts (issue: common options).
struct Common {
  std::string config = "input/tws.ini";
  std::string input = "input";
  std::string output = "output";
  std::string registry;  // default from the config
  int year = 0;
  std::string date;      // the run's "today"
  bool quiet = false, verbose = false;
  bool reissue = false;  // redo a phase already done although its inputs changed
  std::string letterhead = "print";  // print | preprinted (套红纸)
  bool require_standard_fonts = false;
  int jobs = 0;  // PDF workers, 0 = the machine's cores
  bool new_registry = false;  // start a registry although years have been run
};

struct Command {
  std::string name;
  std::string summary;   // one line for `tws --help`
  std::string usage;     // the synopsis line
  std::string built_by;  // non-empty: a later piece of work builds this phase
  std::function<void(po::options_description&, po::positional_options_description&)> options;
  std::function<int(const Common&, const po::variables_map&)> run;
};

po::options_description common_options(Common& c) {
  // Wide lines: Boost wraps by bytes and would cut a UTF-8 character in two.
  po::options_description d("通用选项 (common options)", 1000, 500);
  d.add_options()
      ("help,h", "显示本命令的帮助")
      ("config", po::value(&c.config)->default_value(c.config), "配置文件")
      ("input", po::value(&c.input)->default_value(c.input), "输入目录（其下按年份分目录）")
      ("output", po::value(&c.output)->default_value(c.output), "输出目录")
      ("registry", po::value(&c.registry), "登记库文件（默认取配置 output.registry）")
      ("year", po::value(&c.year), "年度，如 2026")
      ("date", po::value(&c.date), "运行日期 YYYY-MM-DD（默认今天）")
      ("quiet,q", po::bool_switch(&c.quiet), "只输出错误")
      ("verbose,v", po::bool_switch(&c.verbose), "输出更多过程信息")
      ("new-registry", po::bool_switch(&c.new_registry),
       "登记库不存在或为空、而输出目录中已有往年的 manifest.json 时，仍新建登记库（默认拒绝，以免当作从未运行）")
      ("reissue", po::bool_switch(&c.reissue), "输入在某环节完成后被修改时，仍重新执行该环节并记录为重新发文")
      ("require-standard-fonts", po::bool_switch(&c.require_standard_fonts),
       "公文必须使用标准字体（小标宋体、仿宋体、黑体、楷体、宋体）；使用替代字体时报错（退出码 3）")
      ("letterhead", po::value(&c.letterhead)->default_value(c.letterhead),
       "红头文件的版头：print（打印发文机关标志和红线）或 preprinted（使用套红纸，版头留空）")
      ("jobs,j", po::value(&c.jobs)->default_value(c.jobs),
       "并行生成 PDF 的线程数（0 = 本机核数）；结果与线程数无关");
  return d;
}

// The years --year accepts: the regulation dates from 2022; the holiday calendar
// decides later whether it covers the year.
constexpr int kFirstYear = 2000, kLastYear = 2100;

bool valid_date(const std::string& text) {
  static const std::regex form(R"(\d{4}-\d{2}-\d{2})");
  if (!std::regex_match(text, form)) return false;
  try {
    int y = int(parse_iso(text).year());
    return y >= 1900 && y <= 2100;
  } catch (const std::invalid_argument&) {
    return false;
  }
}

// What an option of the command line expects, for the message about a bad value.
std::string expected_value(const std::string& option) {
  static const std::map<std::string, std::string> what = {
      {"--year", "四位年份，如 2026"}, {"--jobs", "0 或正整数"}, {"-j", "0 或正整数"},
      {"--workdays", "正整数"}, {"--date", "日期 YYYY-MM-DD"}, {"--from", "日期 YYYY-MM-DD"}};
  auto it = what.find(option);
  return it == what.end() ? "" : "（应为" + it->second + "）";
}

// Boost.Program_options' complaint about the command line, in Chinese.
std::string option_error(const po::error& e) {
  std::string opt;
  if (auto* n = dynamic_cast<const po::error_with_option_name*>(&e)) opt = n->get_option_name();
  if (dynamic_cast<const po::unknown_option*>(&e)) return "未知选项 " + opt;
  if (dynamic_cast<const po::ambiguous_option*>(&e)) return "选项 " + opt + " 不明确，请写出完整的选项名";
  if (dynamic_cast<const po::multiple_occurrences*>(&e)) return "选项 " + opt + " 只能给出一次";
  if (dynamic_cast<const po::too_many_positional_options_error*>(&e)) return "多余的参数（本命令不接受这么多不带选项名的参数）";
  if (auto* v = dynamic_cast<const po::validation_error*>(&e)) {
    if (v->kind() == po::validation_error::multiple_values_not_allowed) return "选项 " + opt + " 只能取一个值";
    return "选项 " + opt + " 的值无效" + expected_value(opt);
  }
  if (auto* s = dynamic_cast<const po::invalid_command_line_syntax*>(&e)) {
    if (s->kind() == po::invalid_syntax::missing_parameter) return "选项 " + opt + " 缺少取值" + expected_value(opt);
    if (s->kind() == po::invalid_syntax::extra_parameter) return "选项 " + opt + " 不带取值";
    return "选项 " + opt + " 的写法不对（应为 --选项 值 或 --选项=值）";
  }
  return opt.empty() ? "命令行无法解析" : "选项 " + opt + " 无法解析";
}

std::string today_iso() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// Prints collected problems grouped by file, then a count line.
void print_diagnostics(const Diagnostics& diags, bool quiet) {
  std::map<std::string, std::vector<const Diagnostic*>> by_file;
  for (auto& d : diags.items())
    if (!quiet || d.severity == Severity::Error) by_file[d.where.file].push_back(&d);
  for (auto& [file, items] : by_file) {
    std::cerr << "== " << (file.empty() ? "（通用）" : printable(file)) << "：" << items.size() << " 条\n";
    for (auto* d : items) std::cerr << format_diagnostic(*d) << "\n";
  }
  if (quiet ? diags.has_errors() : !diags.items().empty())
    std::cerr << "共 " << diags.error_count() << " 个错误，" << diags.warning_count() << " 个警告。\n";
}

int cmd_inspect(const Common&, const po::variables_map& vm) {
  if (!vm.count("file")) {
    std::cerr << "tws inspect: 缺少文件参数（用法：tws inspect FILE [--sheet NAME]）\n";
    return kUsage;
  }
  std::string file = vm["file"].as<std::string>();
  std::string sheet = vm.count("sheet") ? vm["sheet"].as<std::string>() : "";
  auto wb = ingest::read_workbook(file);
  for (auto& w : wb.warnings) std::cerr << format_diagnostic(w) << "\n";
  // Cells as read (ID numbers too: the user's own file), but no control character
  // reaches the terminal.
  std::cout << escape_controls(ingest::inspect_text(wb, sheet));
  return kOk;
}

// Forward: the options every year command shares.
pipeline::RunOptions run_options(const Common& c);

// What `run` would do for each phase, said as a forecast.
void print_forecast(const pipeline::RunReport& report, std::ostream& out) {
  static const char* status[] = {"可以完成", "无变化", "未到/跳过", "将失败"};
  for (auto& p : report.phases)
    out << "【" << pipeline::phase_title(p.phase) << "】" << status[static_cast<int>(p.status)] << "：" << p.message << "\n";
}

// The year's inputs checked as `tws run` would take them today (or on --date), the
// rules and documents included; nothing of the user's is written.
int cmd_check(const Common& given, const po::variables_map&) {
  Common c = given;
  if (c.year == 0) {  // the year of --date (validated, or today)
    c.year = int(parse_iso(c.date).year());
    if (c.year < kFirstYear) {
      std::cerr << "tws check: 请用 --year 指定年度\n";
      return kUsage;
    }
    if (!c.quiet) std::cout << "未指定 --year：检查 " << c.year << " 年度（运行日期 " << c.date << " 所在年份）\n";
  }
  auto report = pipeline::check_year(run_options(c));
  print_diagnostics(report.diags, c.quiet);
  if (report.failed()) {
    print_forecast(report, std::cerr);
    std::cerr << c.year << " 年输入检查未通过：tws run 会失败（未写任何文件）。\n";
    return kInputProblems;
  }
  if (!c.quiet) {
    print_forecast(report, std::cout);
    std::cout << c.year << " 年输入检查通过（未写任何文件）；" << report.diags.warning_count() << " 个警告。\n";
  }
  return kOk;
}

// The options every year command shares.
pipeline::RunOptions run_options(const Common& c) {
  pipeline::RunOptions o;
  o.config = c.config;
  o.input = c.input;
  o.output = c.output;
  o.registry = c.registry;
  o.year = c.year;
  o.date = c.date;
  o.quiet = c.quiet;
  o.verbose = c.verbose;
  o.new_registry = c.new_registry;
  return o;
}

// select / approve / assess / run: the year's phases (pipeline/year_run.h).
int cmd_phases(const std::string& which, const Common& c) {
  if (c.year == 0) {
    std::cerr << "tws " << which << ": 请用 --year 指定年度\n";
    return kUsage;
  }
  pipeline::RunOptions o = run_options(c);
  o.reissue = c.reissue;
  if (c.letterhead != "print" && c.letterhead != "preprinted") {
    std::cerr << "tws " << which << ": --letterhead 应为 print 或 preprinted，收到 “" << c.letterhead << "”\n";
    return kUsage;
  }
  o.letterhead = c.letterhead;
  o.require_standard_fonts = c.require_standard_fonts;
  if (c.jobs < 0) {
    std::cerr << "tws " << which << ": --jobs 应为 0 或正整数，收到 " << c.jobs << "\n";
    return kUsage;
  }
  o.jobs = c.jobs;
  auto report = pipeline::run_phases(o, which);
  print_diagnostics(report.diags, c.quiet);
  if (!c.quiet || report.failed()) pipeline::print_summary(report, report.failed() ? std::cerr : std::cout);
  return report.failed() ? kInputProblems : kOk;
}

// The 年度工作简报 from the registry, after the year's assessment (pipeline/brief.h).
int cmd_brief(const Common& c, const po::variables_map&) {
  if (c.year == 0) {
    std::cerr << "tws brief: 请用 --year 指定年度\n";
    return kUsage;
  }
  pipeline::RunOptions o = run_options(c);
  o.require_standard_fonts = c.require_standard_fonts;
  const pipeline::BriefResult r = pipeline::write_brief(o);
  if (!c.quiet)
    std::cout << "已编印 " << c.year << " 年度工作简报（第" << r.issue << "期，" << r.pages << " 页）：" << printable(r.file.string()) << "\n";
  return kOk;
}

int cmd_registry_export(const Common& c, const po::variables_map& vm) {
  Diagnostics diags;
  auto settings = config::load_settings(c.config, diags);
  fs::path reg = c.registry.empty() ? fs::path(settings.output.registry) : fs::path(c.registry);
  if (!fs::exists(reg)) {
    std::cerr << "tws registry export: 登记库 " << reg.string() << " 不存在（尚未运行任何环节）\n";
    return kInputProblems;
  }
  if (!pipeline::registry_has_phases(reg)) {
    std::cerr << "tws registry export: 登记库 " << reg.string() << " 中尚未运行任何环节（只有账户），没有可导出的内容\n";
    return kInputProblems;
  }
  fs::path target = vm.count("file") ? fs::path(vm["file"].as<std::string>()) : fs::path(c.output) / "登记库导出.xlsx";
  size_t n = pipeline::export_registry(reg, target, settings, c.date);
  if (!c.quiet) std::cout << "已导出 " << n << " 个工作站：" << target.string() << "\n";
  return kOk;
}

int cmd_verify(const Common& c, const po::variables_map&) {
  if (c.year == 0) {
    std::cerr << "tws verify: 请用 --year 指定年度\n";
    return kUsage;
  }
  pipeline::RunOptions o = run_options(c);
  size_t checked = 0;
  auto problems = pipeline::verify_year(o, checked);
  for (auto& p : problems) std::cerr << p << "\n";
  if (!problems.empty()) {
    std::cerr << c.year << " 年度：核对 " << checked << " 个输出文件，" << problems.size() << " 个被修改或缺失。\n";
    return kInputProblems;
  }
  if (!c.quiet) std::cout << c.year << " 年度：核对 " << checked << " 个输出文件，全部与运行时一致。\n";
  return kOk;
}

int cmd_template(const Common& c, const po::variables_map& vm) {
  const bool force = vm.count("force") && vm["force"].as<bool>();
  if (c.year != 0) {  // pre-filled from the registry
    std::vector<std::string> notes;
    auto written = pipeline::write_prefilled_templates(run_options(c), vm.count("dir") ? vm["dir"].as<std::string>() : "",
                                                       force, notes);
    for (auto& n : notes) std::cerr << printable(n) << "\n";
    if (!c.quiet)
      for (auto& f : written) std::cout << "已生成预填模板：" << printable(f) << "\n";
    return kOk;
  }
  fs::path dir = vm.count("dir") ? fs::path(vm["dir"].as<std::string>()) : fs::path(c.output) / "templates";
  fs::path templates = templates_dir();
  template_writer::write_input_templates(dir, templates, force);
  if (!c.quiet) std::cout << "已生成空白输入模板：" << dir.string() << "/{applications,reviews,objections,performance}.xlsx\n";
  return kOk;
}

// 授牌: certificates and the sign maker's list from the year's recorded approval.
int cmd_certificates(const Common& c, const po::variables_map& vm) {
  if (c.year == 0) {
    std::cerr << "tws certificates: 请用 --year 指定年度\n";
    return kUsage;
  }
  auto report = pipeline::write_certificates(run_options(c), vm["force"].as<bool>());
  for (auto& n : report.notes) std::cerr << "注意：" << printable(n) << "\n";
  if (!c.quiet) {
    for (auto& f : report.written) std::cout << "写入 " << printable(f) << "\n";
    std::cout << c.year << " 年度授牌：写入 " << report.written.size() << " 个文件，" << report.unchanged.size()
              << " 个无变化（" << (fs::path(c.output) / std::to_string(c.year) / "授牌").string() << "）\n";
  }
  return kOk;
}

int cmd_calendar(const Common& c, const po::variables_map& vm) {
  auto cal = calendar::WorkCalendar::load(templates_dir() / "calendar");
  if (vm.count("from")) {
    int n = vm["workdays"].as<int>();
    if (n < 1) {
      std::cerr << "tws calendar: --workdays 应至少为 1\n";
      return kUsage;
    }
    calendar::Day from;
    try {
      from = calendar::parse_iso(vm["from"].as<std::string>());
    } catch (const std::invalid_argument& e) {
      std::cerr << "tws calendar: --from " << printable(e.what()) << "\n";
      return kUsage;
    }
    try {
      std::cout << calendar::iso(cal.period_end(from, n)) << "\n";
    } catch (const CalendarError& e) {
      std::cerr << "tws calendar: " << e.what() << "\n";
      return kInputProblems;
    }
    return kOk;
  }
  if (c.year == 0) {
    std::cerr << "tws calendar: 请给出 --from DATE --workdays N 或 --year Y\n";
    return kUsage;
  }
  if (!cal.covers(c.year)) {
    std::cerr << "tws calendar: 节假日日历未覆盖 " << c.year << " 年（需有该年春节和国庆节的放假安排）\n";
    return kInputProblems;
  }
  std::cout << c.year << " 年放假与调休安排（其余周一至周五上班，周六、周日休息）:\n";
  for (auto& s : cal.year_listing(c.year)) {
    static const char* wk[] = {"日", "一", "二", "三", "四", "五", "六"};
    std::chrono::weekday wd{std::chrono::sys_days(s.date)};
    std::cout << calendar::iso(s.date) << "\t周" << wk[wd.c_encoding()] << "\t"
              << (s.workday ? "调休上班" : "放假") << "\t" << s.name << "\n";
  }
  return kOk;
}

// The HR office's page (src/web/): runs until SIGINT or SIGTERM.
int cmd_serve(const Common& c, const po::variables_map& vm) {
  web::ServeOptions o;
  o.run = run_options(c);
  o.listen = vm["listen"].as<std::string>();
  if (vm.count("tls-cert")) o.tls_cert = vm["tls-cert"].as<std::string>();
  if (vm.count("tls-key")) o.tls_key = vm["tls-key"].as<std::string>();
  try {
    return web::serve(o);
  } catch (const UsageError& e) {
    std::cerr << e.what() << "\n";
    return kUsage;
  }
}

// ---- tws user …: the accounts of `tws serve` (src/accounts/) ----

fs::path registry_of(const Common& c) {
  if (!c.registry.empty()) return c.registry;
  Diagnostics ignored;  // the config's problems are reported by the commands that run years
  return config::load_settings(c.config, ignored).output.registry;
}

// One line, without its line break.
bool read_line(std::string& line) {
  if (!std::getline(std::cin, line)) return false;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

// The terminal's settings while echo is off, put back if Ctrl-C ends tws at the prompt.
termios saved_terminal{};

extern "C" void restore_terminal(int sig) {
  ::tcsetattr(STDIN_FILENO, TCSANOW, &saved_terminal);
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

// A line typed at the terminal without echo. Echo goes off before the prompt shows, and
// nothing typed is discarded (TCSANOW): an answer typed or pasted as soon as the prompt
// appears is read, not echoed.
std::string ask_hidden(const std::string& prompt) {
  const bool tty = ::tcgetattr(STDIN_FILENO, &saved_terminal) == 0;
  struct sigaction restore {}, old_int {}, old_term {};
  if (tty) {
    restore.sa_handler = restore_terminal;
    ::sigaction(SIGINT, &restore, &old_int);
    ::sigaction(SIGTERM, &restore, &old_term);
    termios quiet = saved_terminal;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::cerr << prompt << std::flush;
  std::string line;
  const bool got = read_line(line);
  if (tty) {
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved_terminal);
    ::sigaction(SIGINT, &old_int, nullptr);
    ::sigaction(SIGTERM, &old_term, nullptr);
  }
  std::cerr << "\n";
  if (!got) throw std::invalid_argument("没有读到密码，未做任何改动");
  return line;
}

// The new password: asked twice at a terminal, else one line of standard input (never
// from the command line, where other users of the machine could see it).
std::string read_new_password() {
  if (!::isatty(STDIN_FILENO)) {
    std::string line;
    if (!read_line(line)) throw std::invalid_argument("标准输入中没有密码（应为一行），未做任何改动");
    return line;
  }
  std::string first = ask_hidden("新密码（至少 8 个字符，输入时不显示）：");
  if (ask_hidden("再输入一次：") != first) throw std::invalid_argument("两次输入的密码不一致，未做任何改动");
  return first;
}

// The account named on the command line (positional NAME), or "" after a usage message.
std::string user_name_arg(const std::string& cmd, const po::variables_map& vm) {
  if (vm.count("name")) return vm["name"].as<std::string>();
  std::cerr << "tws " << cmd << ": 请给出用户名，如 tws " << cmd << " zhangsan\n";
  return "";
}

// A change made from the command line, in the audit log beside what the web page did.
void audit_change(accounts::Accounts& acc, const std::string& what) {
  acc.audit({"", "", "设置", what, "", "命令行"});
}

// Runs an account command; a refused value (std::invalid_argument) is bad input.
int user_command(const std::string& cmd, const std::function<void()>& body) {
  try {
    body();
    return kOk;
  } catch (const std::invalid_argument& e) {
    std::cerr << "tws " << cmd << ": " << printable(e.what()) << "\n";
    return kInputProblems;
  }
}

// The commands other than add work on an existing registry and never create one.
bool registry_found(const std::string& cmd, const fs::path& reg) {
  if (fs::exists(reg)) return true;
  std::cerr << "tws " << cmd << ": 登记库 " << reg.string() << " 不存在（尚无账户；用 tws user add 添加）\n";
  return false;
}

int cmd_user_add(const Common& c, const po::variables_map& vm) {
  const std::string name = user_name_arg("user add", vm);
  if (name.empty()) return kUsage;
  if (!vm.count("role")) {
    std::cerr << "tws user add: 请用 --role 指定角色（hr、leader 或 admin）\n";
    return kUsage;
  }
  const std::string role = vm["role"].as<std::string>();
  if (std::find(accounts::kRoles.begin(), accounts::kRoles.end(), role) == accounts::kRoles.end()) {
    std::cerr << "tws user add: 角色应为 hr、leader 或 admin，收到 “" << printable(role) << "”\n";
    return kUsage;
  }
  const fs::path reg = registry_of(c);
  return user_command("user add", [&] {
    if (fs::exists(reg) && accounts::Accounts(reg).find(name))
      throw std::invalid_argument("用户名 “" + name + "” 已存在");
    const std::string password = read_new_password();
    accounts::check_new_account(name, role, password);  // before the registry is created
    accounts::Accounts acc(reg);
    acc.add(name, role, password);
    audit_change(acc, "添加账户 " + name + "（" + role + "）");
    if (!c.quiet) std::cout << "已添加账户 " << printable(name) << "（" << role << "）：" << reg.string() << "\n";
  });
}

int cmd_user_passwd(const Common& c, const po::variables_map& vm) {
  const std::string name = user_name_arg("user passwd", vm);
  if (name.empty()) return kUsage;
  const fs::path reg = registry_of(c);
  if (!registry_found("user passwd", reg)) return kInputProblems;
  return user_command("user passwd", [&] {
    accounts::Accounts acc(reg);
    if (!acc.find(name)) throw std::invalid_argument("用户名 “" + name + "” 不存在");
    acc.set_password(name, read_new_password());
    audit_change(acc, "修改账户 " + name + " 的密码");
    if (!c.quiet) std::cout << "已修改 " << printable(name) << " 的密码（如曾锁定，已解除）\n";
  });
}

int cmd_user_switch(const Common& c, const po::variables_map& vm, bool disable) {
  const std::string cmd = disable ? "user disable" : "user enable";
  const std::string name = user_name_arg(cmd, vm);
  if (name.empty()) return kUsage;
  const fs::path reg = registry_of(c);
  if (!registry_found(cmd, reg)) return kInputProblems;
  return user_command(cmd, [&] {
    accounts::Accounts acc(reg);
    if (disable) acc.disable(name); else acc.enable(name);
    audit_change(acc, (disable ? "停用账户 " : "启用账户 ") + name);
    if (!c.quiet) std::cout << "已" << (disable ? "停用" : "启用") << "账户 " << printable(name) << "\n";
  });
}

// Columns on a terminal: a Chinese character takes two.
size_t display_width(const std::string& s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    w += len >= 3 ? 2 : 1;
    i += len;
  }
  return w;
}

std::string user_status(const accounts::User& u, std::time_t now) {
  if (u.disabled) return "停用";
  if (u.locked_until > now) {
    std::tm tm{};
    localtime_r(&u.locked_until, &tm);
    char hm[8];
    std::strftime(hm, sizeof hm, "%H:%M", &tm);
    return std::string("锁定至 ") + hm;
  }
  return "启用";
}

int cmd_user_list(const Common& c, const po::variables_map&) {
  const fs::path reg = registry_of(c);
  if (!registry_found("user list", reg)) return kInputProblems;
  const std::vector<accounts::User> users = accounts::Accounts(reg).list();
  if (users.empty()) {
    std::cout << "登记库 " << reg.string() << " 中尚无账户（用 tws user add 添加）\n";
    return kOk;
  }
  const std::time_t now = std::time(nullptr);
  std::vector<std::vector<std::string>> rows = {{"用户名", "角色", "状态", "创建时间", "最近登录"}};
  for (auto& u : users)
    rows.push_back({printable(u.name), u.role, user_status(u, now), u.created, u.last_login.empty() ? "—" : u.last_login});
  std::vector<size_t> width(rows[0].size(), 0);
  for (auto& r : rows)
    for (size_t k = 0; k < r.size(); ++k) width[k] = std::max(width[k], display_width(r[k]));
  for (auto& r : rows) {
    std::string line;
    for (size_t k = 0; k < r.size(); ++k)
      line += r[k] + (k + 1 < r.size() ? std::string(width[k] - display_width(r[k]) + 2, ' ') : "");
    std::cout << line << "\n";
  }
  return kOk;
}

const std::vector<Command>& commands() {
  auto none = [](po::options_description&, po::positional_options_description&) {};
  static const std::vector<Command> list = {
      {"template", "生成空白输入模板（含表头、下拉列表和填写说明）；加 --year 时按登记库预填该年度的 performance.xlsx 和 objections.xlsx",
       "tws template [DIR] [--year Y] [--force]", "",
       [](auto& d, auto& p) {
         d.add_options()("dir", po::value<std::string>(), "模板写入的目录（默认 <output>/templates；加 --year 时 <output>/<年度>/模板）")
             ("force", po::bool_switch(), "覆盖目录中已有的同名文件（默认拒绝，以免覆盖已填写的输入）");
         p.add("dir", 1);
       },
       cmd_template},
      {"inspect", "按读取程序所见显示电子表格的每个工作表", "tws inspect FILE [--sheet NAME]", "",
       [](auto& d, auto& p) {
         d.add_options()("file", po::value<std::string>(), "xlsx 或 csv 文件")
             ("sheet", po::value<std::string>(), "只显示该工作表");
         p.add("file", 1);
       },
       cmd_inspect},
      {"check", "检查某年度的全部输入文件，列出每个问题（不写任何文件）", "tws check [--year Y] [--date D]", "", none, cmd_check},
      {"call", "启动申报：启动申报通知（红头文件）及附件申报汇总表，日期取年度 tws.ini 的 [call] issue_date", "tws call --year Y", "", none, [](const Common& c, const po::variables_map&) { return cmd_phases("call", c); }},
      {"review-sheets", "专家评分表：为 [review] experts 的每位专家生成预填了通过资格审查的申报的评分表，交回后放入 input/<年度>/reviews/", "tws review-sheets --year Y", "", none, [](const Common& c, const po::variables_map&) { return cmd_phases("review-sheets", c); }},
      {"select", "资格审查与专家评审：资格审查汇总、申报（认定）表、公示名单", "tws select --year Y", "", none, [](const Common& c, const po::variables_map&) { return cmd_phases("select", c); }},
      {"approve", "公示结束后认定：认定通知（红头文件）", "tws approve --year Y", "", none, [](const Common& c, const po::variables_map&) { return cmd_phases("approve", c); }},
      {"assess", "年度考核与经费：考核汇总、考核结果通报、经费下达通知", "tws assess --year Y", "", none, [](const Common& c, const po::variables_map&) { return cmd_phases("assess", c); }},
      {"run", "执行该年度所有已具备输入且已到日期的环节", "tws run --year Y [--date D]", "", none, [](const Common& c, const po::variables_map&) { return cmd_phases("run", c); }},
      {"brief", "年度工作简报（报学校领导）：本年度数字、历年考核等级、部门经费和在聘工作站图表，取自登记库；须在年度考核之后", "tws brief --year Y [--date D]", "", none, cmd_brief},
      {"certificates", "授牌：按登记库中的认定记录为每个认定的工作站生成授牌证书（A4 横向 PDF）和制牌清单", "tws certificates --year Y [--force]", "",
       [](auto& d, auto&) {
         d.add_options()("force", po::bool_switch(), "覆盖 授牌/ 中内容不同的同名文件（默认拒绝）");
       },
       cmd_certificates},
      {"calendar", "工作日计算：公示期的最后一天或某年的节假日安排", "tws calendar --from DATE --workdays N | --year Y", "",
       [](auto& d, auto&) {
         d.add_options()("from", po::value<std::string>(), "公示开始日期 YYYY-MM-DD（为工作日时计入）")
             ("workdays", po::value<int>()->default_value(3), "工作日数（第五条（三）：不少于 3 个）");
       },
       cmd_calendar},
      {"verify", "重新计算输出文件的哈希，报告运行后被修改或缺失的文件", "tws verify --year Y", "", none, cmd_verify},
      {"serve", "启动组织人事处使用的网页（上传、检查、运行、下载）", "tws serve [--listen 127.0.0.1:8080] [--tls-cert F --tls-key F]", "",
       [](auto& d, auto&) {
         d.add_options()("listen", po::value<std::string>()->default_value("127.0.0.1:8080"),
                         "监听的地址和端口；本机 127.0.0.1:8080，办公网 0.0.0.0:8080；端口 0 = 任一空闲端口")
             ("tls-cert", po::value<std::string>(), "HTTPS 证书文件（PEM）")
             ("tls-key", po::value<std::string>(), "HTTPS 私钥文件（PEM）");
       },
       cmd_serve},
      {"registry export", "导出登记库（工作站、聘期、考核、经费、撤销）为 xlsx", "tws registry export [FILE]", "",
       [](auto& d, auto& p) {
         d.add_options()("file", po::value<std::string>(), "导出文件（默认 <output>/登记库导出.xlsx）");
         p.add("file", 1);
       },
       cmd_registry_export},
      {"user add", "添加 tws serve 的登录账户（密码在终端输入两次；非终端时读标准输入的一行）",
       "tws user add NAME --role hr|leader|admin", "",
       [](auto& d, auto& p) {
         d.add_options()("name", po::value<std::string>(), "用户名（最多 32 个字节，不含空格）")
             ("role", po::value<std::string>(), "角色：hr（上传、检查、运行、下载）、leader（只看公开文件和汇总）、admin（hr 的权限加账户状态和审计日志）");
         p.add("name", 1);
       },
       cmd_user_add},
      {"user passwd", "修改账户的密码并解除锁定（密码输入方式同 user add）", "tws user passwd NAME", "",
       [](auto& d, auto& p) {
         d.add_options()("name", po::value<std::string>(), "用户名");
         p.add("name", 1);
       },
       cmd_user_passwd},
      {"user list", "列出账户：用户名、角色、状态、创建时间、最近登录（不显示密码）", "tws user list", "", none, cmd_user_list},
      {"user disable", "停用账户（不能再登录，记录保留）", "tws user disable NAME", "",
       [](auto& d, auto& p) {
         d.add_options()("name", po::value<std::string>(), "用户名");
         p.add("name", 1);
       },
       [](const Common& c, const po::variables_map& vm) { return cmd_user_switch(c, vm, true); }},
      {"user enable", "重新启用停用的账户", "tws user enable NAME", "",
       [](auto& d, auto& p) {
         d.add_options()("name", po::value<std::string>(), "用户名");
         p.add("name", 1);
       },
       [](const Common& c, const po::variables_map& vm) { return cmd_user_switch(c, vm, false); }},
  };
  return list;
}

void print_overview() {
  std::cout << "tws " << TWS_VERSION << " — 德州职业技术学院“技师工作站”年度流程\n\n"
            << "用法: tws <命令> [选项]    每个命令都有 --help\n\n命令:\n";
  for (auto& c : commands()) {
    std::string pad(c.name.size() < 18 ? 18 - c.name.size() : 1, ' ');
    std::cout << "  " << c.name << pad << c.summary << "\n";
  }
  std::cout << "\n退出码: 0 成功；1 发现输入问题；2 用法错误；3 内部或环境错误（如缺少字体）\n";
}

int dispatch(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_overview();
    return args.empty() ? kUsage : kOk;
  }
  if (args[0] == "--version") {
    std::cout << "tws " << TWS_VERSION << "\n";
    return kOk;
  }
  std::string name = args[0];
  size_t consumed = 1;
  // Two-word commands: registry export, user add …
  auto named = [&](const std::string& n) {
    return std::find_if(commands().begin(), commands().end(), [&](auto& c) { return c.name == n; });
  };
  if (args.size() > 1 && named(name + " " + args[1]) != commands().end()) {
    name += " " + args[1];
    consumed = 2;
  }
  auto it = named(name);
  if (it == commands().end() && (name == "user" || name == "registry")) {
    std::string subs;
    for (auto& c : commands())
      if (c.name.rfind(name + " ", 0) == 0) subs += (subs.empty() ? "" : "、") + c.name.substr(name.size() + 1);
    std::cerr << "tws " << name << ": 请给出子命令：" << subs << "。运行 tws --help 查看命令列表。\n";
    return kUsage;
  }
  if (it == commands().end()) {
    std::cerr << "tws: 未知命令 “" << name << "”。运行 tws --help 查看命令列表。\n";
    return kUsage;
  }
  Common common;
  po::options_description desc = common_options(common);
  po::options_description own("命令选项", 1000, 500);
  po::positional_options_description pos;
  it->options(own, pos);
  desc.add(own);
  po::variables_map vm;
  try {
    std::vector<std::string> rest(args.begin() + consumed, args.end());
    po::store(po::command_line_parser(rest).options(desc).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "tws " << name << ": " << printable(option_error(e)) << "\n运行 tws " << name << " --help 查看用法。\n";
    return kUsage;
  }
  if (vm.count("help")) {
    std::cout << "用法: " << it->usage << "\n" << it->summary << "\n\n" << desc << "\n";
    if (!it->built_by.empty()) std::cout << "（此环节尚未实现：" << it->built_by << "。）\n";
    return kOk;
  }
  if (vm.count("year") && (common.year < kFirstYear || common.year > kLastYear)) {
    std::cerr << "tws " << name << ": --year 应为 " << kFirstYear << "–" << kLastYear << " 之间的年份，收到 "
              << common.year << "\n";
    return kUsage;
  }
  if (vm.count("date")) {
    if (!valid_date(common.date)) {
      std::cerr << "tws " << name << ": --date 应为存在的日期 YYYY-MM-DD（如 2026-04-01），收到 “"
                << printable(common.date) << "”\n";
      return kUsage;
    }
  } else {
    common.date = today_iso();
  }
  if (!it->run) {
    std::cerr << "tws " << name << ": 此环节尚未实现（" << it->built_by
              << "，见项目待办）。没有生成任何输出。\n";
    return kUsage;
  }
  return it->run(common, vm);
}

}  // namespace

int run(int argc, char** argv) {
  try {
    return dispatch(argc, argv);
  } catch (const std::exception& e) {
    const ExitStatus s = exit_status(e);
    std::cerr << printable(s.message) << "\n";
    return s.code;
  }
}

}  // namespace tws::cli
