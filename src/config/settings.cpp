#include "config/settings.h"

#include <boost/program_options/parsers.hpp>
#include <boost/program_options/options_description.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <sstream>

#include "common/date.h"
#include "common/strings.h"

namespace tws::config {
namespace po = boost::program_options;
namespace {

// One settable key: how to parse its text into the Settings, and what is allowed.
struct Key {
  std::string name;  // "section.key"
  std::function<std::string(Settings&, const std::string&)> set;  // returns "" or a reason
};

std::string trim(std::string s) {
  auto b = s.find_first_not_of(" \t\r");
  auto e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

template <class T>
Key number(std::string name, T Settings::*group, auto member, double lo, double hi) {
  return {name, [=](Settings& s, const std::string& text) -> std::string {
    double v = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || p != text.data() + text.size()) return "不是数字";
    if (v < lo || v > hi) {
      std::ostringstream m;
      m << "超出允许范围 " << lo << "–" << hi;
      return m.str();
    }
    using M = std::remove_reference_t<decltype((s.*group).*member)>;
    if constexpr (std::is_integral_v<M>) {
      if (v != static_cast<double>(static_cast<long long>(v))) return "应为整数";
      (s.*group).*member = static_cast<M>(v);
    } else {
      (s.*group).*member = v;
    }
    return "";
  }};
}

template <class T>
Key text(std::string name, T Settings::*group, std::string T::*member,
         std::vector<std::string> allowed = {}) {
  return {name, [=](Settings& s, const std::string& v) -> std::string {
    if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
      return "取值应为 " + join(allowed, " / ");
    }
    (s.*group).*member = v;
    return "";
  }};
}

template <class T>
Key flag(std::string name, T Settings::*group, bool T::*member) {
  return {name, [=](Settings& s, const std::string& v) -> std::string {
    if (v == "true" || v == "yes" || v == "1" || v == "是") (s.*group).*member = true;
    else if (v == "false" || v == "no" || v == "0" || v == "否") (s.*group).*member = false;
    else return "应为 true 或 false";
    return "";
  }};
}

template <class T>
Key date(std::string name, T Settings::*group, std::string T::*member) {
  return {name, [=](Settings& s, const std::string& v) -> std::string {
    static const std::regex iso(R"(\d{4}-\d{2}-\d{2})");
    if (!v.empty() && !std::regex_match(v, iso)) return "日期格式应为 YYYY-MM-DD";
    if (!v.empty()) {
      try {
        parse_iso(v);
      } catch (const std::invalid_argument&) {
        return "不是有效的日期";
      }
    }
    (s.*group).*member = v;
    return "";
  }};
}

// A list typed in one setting: items separated by 、 , or ，, each trimmed.
std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items(1);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "、") == 0 || text.compare(i, 3, "，") == 0) {
      items.emplace_back();
      i += 2;
    } else if (text[i] == ',') {
      items.emplace_back();
    } else {
      items.back() += text[i];
    }
  }
  for (auto& item : items) item = trim(item);
  return items;
}

size_t utf8_length(const std::string& s) {
  return std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

// [review] experts: names that become file names (专家评分表-张三.xlsx), so none may be
// empty, repeated, hold a space or a character a file name cannot.
Key experts_key() {
  return {"review.experts", [](Settings& s, const std::string& v) -> std::string {
    std::vector<std::string> names = v.empty() ? std::vector<std::string>{} : split_list(v);
    for (size_t i = 0; i < names.size(); ++i) {
      const std::string& n = names[i];
      if (n.empty()) return "有空的姓名（两个分隔符之间或末尾没有姓名）";
      if (n.find_first_of(" \t") != std::string::npos || n.find("　") != std::string::npos)
        return "姓名“" + n + "”中有空格；多位专家请用顿号、逗号分隔，如 张三、李四";
      if (n.find_first_of("/\\:*?\"<>|") != std::string::npos || utf8_length(n) > 20)
        return "姓名“" + n + "”不能用作文件名（不超过 20 个字，不含 / \\ : * ? \" < > |）";
      if (std::find(names.begin(), names.begin() + i, n) != names.begin() + i) return "专家“" + n + "”重复";
    }
    s.review.experts = names;
    return "";
  }};
}

// [review] criteria: 名称:分值 items (: or ：), each a column of the 专家评分表.
Key criteria_key() {
  return {"review.criteria", [](Settings& s, const std::string& v) -> std::string {
    std::vector<ReviewItem> items;
    for (const std::string& part : v.empty() ? std::vector<std::string>{} : split_list(v)) {
      size_t colon = part.find("：");
      size_t width = 3;
      if (colon == std::string::npos) colon = part.find(':'), width = 1;
      if (colon == std::string::npos) return "“" + part + "”应写成 名称:分值，如 目标任务:40";
      ReviewItem item{trim(part.substr(0, colon)), 0};
      const std::string points = trim(part.substr(colon + width));
      auto [p, ec] = std::from_chars(points.data(), points.data() + points.size(), item.points);
      if (item.name.empty() || utf8_length(item.name) > 10) return "“" + part + "”的名称应为 1–10 个字";
      if (ec != std::errc() || p != points.data() + points.size() || item.points <= 0)
        return "“" + part + "”的分值应为正数";
      for (auto& other : items)
        if (other.name == item.name) return "评分项“" + item.name + "”重复";
      items.push_back(item);
    }
    s.review.criteria = items;
    return "";
  }};
}

const std::vector<Key>& keys() {
  using S = Settings;
  static const std::vector<Key> k = {
      text("institution.name", &S::institution, &Institution::name),
      text("institution.issuing_office", &S::institution, &Institution::issuing_office),
      text("institution.doc_prefix", &S::institution, &Institution::doc_prefix),
      number("institution.next_serial", &S::institution, &Institution::next_serial, 1, 9999),
      text("institution.hr_office", &S::institution, &Institution::hr_office),
      text("publicity.contact", &S::publicity, &Publicity::contact),
      text("publicity.phone", &S::publicity, &Publicity::phone),
      text("publicity.email", &S::publicity, &Publicity::email),
      text("publicity.address", &S::publicity, &Publicity::address),
      date("publicity.start_date", &S::publicity, &Publicity::start_date),
      number("publicity.workdays", &S::publicity, &Publicity::workdays, 1, 60),
      number("eligibility.min_skilled_members", &S::eligibility, &Eligibility::min_skilled_members, 1, 100),
      flag("eligibility.leader_counts", &S::eligibility, &Eligibility::leader_counts),
      number("eligibility.min_area_m2", &S::eligibility, &Eligibility::min_area_m2, 0, 100000),
      flag("eligibility.area_strict", &S::eligibility, &Eligibility::area_strict),
      number("eligibility.min_annual_target", &S::eligibility, &Eligibility::min_annual_target, 0, 10000),
      text("eligibility.team_placing", &S::eligibility, &Eligibility::team_placing, {"expert", "accept", "reject"}),
      text("eligibility.reapply_contribution", &S::eligibility, &Eligibility::reapply_contribution,
           {"excellent", "verify", "none"}),
      flag("selection.drop_extremes", &S::selection, &Selection::drop_extremes),
      number("selection.drop_extremes_min_experts", &S::selection, &Selection::drop_extremes_min_experts, 3, 100),
      number("selection.threshold", &S::selection, &Selection::threshold, 0, 100),
      number("selection.quota", &S::selection, &Selection::quota, 0, 10000),
      number("selection.score_min", &S::selection, &Selection::score_min, 0, 1000),
      number("selection.score_max", &S::selection, &Selection::score_max, 1, 1000),
      number("selection.min_experts", &S::selection, &Selection::min_experts, 1, 100),
      number("assessment.enterprise_points", &S::assessment, &Assessment::enterprise_points, 0, 100),
      number("assessment.enterprise_deduction", &S::assessment, &Assessment::enterprise_deduction, 0, 100),
      number("assessment.enterprise_min_per_semester", &S::assessment, &Assessment::enterprise_min_per_semester, 0, 100),
      number("assessment.training_points", &S::assessment, &Assessment::training_points, 0, 100),
      number("assessment.training_deduction", &S::assessment, &Assessment::training_deduction, 0, 100),
      number("assessment.training_min_target", &S::assessment, &Assessment::training_min_target, 0, 10000),
      number("assessment.apprentice_points", &S::assessment, &Assessment::apprentice_points, 0, 100),
      number("assessment.apprentice_per_person", &S::assessment, &Assessment::apprentice_per_person, 0, 100),
      number("assessment.achievement_points", &S::assessment, &Assessment::achievement_points, 0, 100),
      number("assessment.achievement_per_item", &S::assessment, &Assessment::achievement_per_item, 0, 100),
      number("assessment.course_points", &S::assessment, &Assessment::course_points, 0, 100),
      number("assessment.course_per_10_trainees", &S::assessment, &Assessment::course_per_10_trainees, 0, 100),
      number("assessment.course_per_award", &S::assessment, &Assessment::course_per_award, 0, 100),
      number("assessment.budget_high_rate", &S::assessment, &Assessment::budget_high_rate, 0, 1),
      number("assessment.budget_high_points", &S::assessment, &Assessment::budget_high_points, 0, 100),
      number("assessment.budget_mid_rate", &S::assessment, &Assessment::budget_mid_rate, 0, 1),
      number("assessment.budget_mid_points", &S::assessment, &Assessment::budget_mid_points, 0, 100),
      number("assessment.budget_low_points", &S::assessment, &Assessment::budget_low_points, 0, 100),
      number("assessment.compliance_points", &S::assessment, &Assessment::compliance_points, 0, 100),
      number("assessment.benefit_high", &S::assessment, &Assessment::benefit_high, 0, 1e6),
      number("assessment.benefit_high_points", &S::assessment, &Assessment::benefit_high_points, 0, 100),
      number("assessment.benefit_mid", &S::assessment, &Assessment::benefit_mid, 0, 1e6),
      number("assessment.benefit_mid_points", &S::assessment, &Assessment::benefit_mid_points, 0, 100),
      number("assessment.benefit_low", &S::assessment, &Assessment::benefit_low, 0, 1e6),
      number("assessment.benefit_low_points", &S::assessment, &Assessment::benefit_low_points, 0, 100),
      number("assessment.social_max", &S::assessment, &Assessment::social_max, 0, 100),
      text("assessment.committee_mode", &S::assessment, &Assessment::committee_mode, {"replace", "blend"}),
      number("assessment.committee_weight", &S::assessment, &Assessment::committee_weight, 0, 1),
      number("assessment.excellent", &S::assessment, &Assessment::excellent, 0, 100),
      number("assessment.pass", &S::assessment, &Assessment::pass, 0, 100),
      number("assessment.excellent_cap", &S::assessment, &Assessment::excellent_cap, 0, 1),
      date("assessment.decided_on", &S::assessment, &Assessment::decided_on),
      date("call.issue_date", &S::call, &Call::issue_date),
      number("call.apply_workdays", &S::call, &Call::apply_workdays, 1, 60),
      number("call.review_workdays", &S::call, &Call::review_workdays, 1, 60),
      number("call.expert_workdays", &S::call, &Call::expert_workdays, 1, 60),
      number("call.doc_number", &S::call, &Call::doc_number, 1, 9999),
      experts_key(),
      criteria_key(),
      date("approval.decided_on", &S::approval, &Approval::decided_on),
      text("approval.meeting", &S::approval, &Approval::meeting),
      number("approval.doc_number", &S::approval, &Approval::doc_number, 1, 9999),
      number("funding.excellent_amount", &S::funding, &Funding::excellent_amount, 0, 1e8),
      number("funding.pass_amount", &S::funding, &Funding::pass_amount, 0, 1e8),
      number("funding.fail_amount", &S::funding, &Funding::fail_amount, 0, 1e8),
      number("funding.funding_years", &S::funding, &Funding::funding_years, 1, 10),
      number("funding.term_years", &S::funding, &Funding::term_years, 1, 10),
      text("brief.to", &S::brief, &Brief::to),
      text("brief.copy", &S::brief, &Brief::copy),
      number("brief.first_issue", &S::brief, &Brief::first_issue, 1, 100000),
      text("output.registry", &S::output, &Output::registry),
      text("output.collation", &S::output, &Output::collation, {"department,stroke", "department,pinyin", "stroke", "pinyin", "input"}),
      text("output.fonts", &S::output, &Output::fonts),
      text("output.xlsx_font", &S::output, &Output::xlsx_font),
      flag("output.duplex", &S::output, &Output::duplex),
  };
  return k;
}

// Boost's parser gives keys without positions; find each key's line ourselves.
std::map<std::string, int> key_lines(const std::string& content) {
  std::map<std::string, int> lines;
  std::istringstream in(content);
  std::string line, section;
  for (int n = 1; std::getline(in, line); ++n) {
    std::string t = trim(line.substr(0, line.find('#')));
    if (t.empty()) continue;
    if (t.front() == '[' && t.back() == ']') { section = trim(t.substr(1, t.size() - 2)); continue; }
    auto eq = t.find('=');
    if (eq == std::string::npos) continue;
    std::string key = trim(t.substr(0, eq));
    lines.emplace(section.empty() ? key : section + "." + key, n);
  }
  return lines;
}

}  // namespace

std::vector<std::string> setting_lines(const std::string& content) {
  std::vector<std::string> out;
  std::istringstream in(content.rfind("\xEF\xBB\xBF", 0) == 0 ? content.substr(3) : content);
  std::string line, section;
  while (std::getline(in, line)) {
    std::string t = trim(line.substr(0, line.find('#')));
    if (t.empty()) continue;
    if (t.front() == '[' && t.back() == ']') { section = trim(t.substr(1, t.size() - 2)); continue; }
    auto eq = t.find('=');
    std::string key = trim(t.substr(0, eq));
    out.push_back((section.empty() ? key : section + "." + key) + "=" + (eq == std::string::npos ? "" : trim(t.substr(eq + 1))));
  }
  return out;
}

Settings default_settings() { return Settings{}; }

bool year_key(const std::string& key) {
  if (key == "publicity.start_date" || key == "publicity.workdays") return true;
  std::string section = key.substr(0, key.find('.'));
  return section == "call" || section == "eligibility" || section == "selection" || section == "review" || section == "approval" ||
         section == "assessment" || section == "funding";
}

bool year_only_key(const std::string& key) {
  return key.rfind("approval.", 0) == 0 || key == "assessment.decided_on" || key == "call.issue_date" ||
         key == "call.doc_number";
}

namespace {

Settings load(const std::filesystem::path& file, Diagnostics& diags, const Settings& base, bool year_file) {
  Settings s = base;
  s.source = file.string();
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError({file.string()}, "无法打开配置文件");
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (content.rfind("\xEF\xBB\xBF", 0) == 0) content.erase(0, 3);  // Notepad's BOM
  auto lines = key_lines(content);

  po::parsed_options parsed(nullptr);
  try {
    std::istringstream stream(content);
    po::options_description none;
    parsed = po::parse_config_file(stream, none, /*allow_unregistered=*/true);
  } catch (const po::error& e) {
    throw InputError({file.string()}, std::string("配置文件语法错误：") + e.what());
  }

  size_t errors_before = diags.error_count();
  std::map<std::string, int> seen;
  for (const auto& opt : parsed.options) {
    Location where{file.string(), "", lines.count(opt.string_key) ? lines[opt.string_key] : 0};
    auto k = std::find_if(keys().begin(), keys().end(), [&](const Key& key) { return key.name == opt.string_key; });
    if (k == keys().end()) {
      diags.error(where, "未知的配置项 " + opt.string_key);
      continue;
    }
    if (year_file && !year_key(opt.string_key)) {
      diags.error(where, "配置项 " + opt.string_key + " 不能写在年度配置文件中（年度 tws.ini 只能设置评审规则和日期："
                         "[publicity] 的 start_date、workdays 以及 [call] [eligibility] [selection] [review] [approval] [assessment] [funding]）；"
                         "请写在 " + (base.source.empty() ? std::string("input/tws.ini") : base.source) + " 中");
      continue;
    }
    if (!year_file && year_only_key(opt.string_key)) {
      const bool call = opt.string_key.rfind("call.", 0) == 0;
      diags.error(where, "配置项 " + opt.string_key + (call ? " 是某一年度启动申报的记录" : " 是某一年度学校研究决定的记录") +
                         "，只能写在该年度的配置文件 input/<年度>/tws.ini 中，"
                         "不能写在 " + file.string() + " 中");
      continue;
    }
    if (seen[opt.string_key]++) {
      diags.error(where, "配置项 " + opt.string_key + " 重复设置");
      continue;
    }
    std::string value = opt.value.empty() ? std::string() : trim(opt.value.front());
    if (std::string why = k->set(s, value); !why.empty())
      diags.error(where, "配置项 " + opt.string_key + " 的值“" + value + "”无效：" + why);
    s.where[opt.string_key] = where;
  }
  if (s.assessment.pass > s.assessment.excellent)
    diags.error({file.string(), "", lines["assessment.pass"]}, "配置项 assessment.pass 不能高于 assessment.excellent");
  if (s.selection.score_min >= s.selection.score_max)
    diags.error({file.string(), "", lines["selection.score_min"]}, "配置项 selection.score_min 应小于 selection.score_max");
  if (!s.review.criteria.empty()) {
    double sum = 0;
    for (auto& c : s.review.criteria) sum += c.points;
    if (std::abs(sum - s.selection.score_max) > 1e-9) {
      std::ostringstream m;
      m << "配置项 review.criteria 的分值合计 " << sum << " 与满分 selection.score_max = " << s.selection.score_max
        << " 不符：各评分项的分值之和须等于满分";
      diags.error(s.where.count("review.criteria") ? s.where["review.criteria"] : Location{file.string()}, m.str());
    }
  }
  if (diags.error_count() > errors_before) {
    // Report every problem of the file at once, the first as the exception's own.
    const Diagnostic* first = nullptr;
    std::string rest;
    for (size_t i = 0; i < diags.items().size(); ++i) {
      const Diagnostic& d = diags.items()[i];
      if (d.severity != Severity::Error || i < errors_before) continue;
      if (!first) first = &d;
      else rest += "\n" + format_diagnostic(d);
    }
    throw InputError(first->where, first->message + rest);
  }
  return s;
}

}  // namespace

Settings load_settings(const std::filesystem::path& file, Diagnostics& diags, const Settings& base) {
  return load(file, diags, base, false);
}

Settings load_year_settings(const std::filesystem::path& file, Diagnostics& diags, const Settings& base) {
  return load(file, diags, base, true);
}

}  // namespace tws::config
