// Funding (第八条): per station and year of its 资助期, the amount for the year's
// grade; nothing after 不合格 (第七条). Amounts in figures and in financial 大写.
#include <algorithm>
#include <cmath>
#include <memory>

#include <unicode/locid.h>
#include <unicode/rbnf.h>
#include <unicode/unistr.h>

#include "rules/detail.h"
#include "rules/rules.h"

namespace tws::rules {
namespace {

// ICU 72's zh rules spell 120000 as 拾贰万 and 100100000 as 壹亿拾万; the banking
// rules write 壹拾贰万 and 壹亿零壹拾万: a leading 拾 takes 壹, and a 拾 right after
// 亿 or 万 follows skipped zero digits, so it takes 零壹.
std::string fix_ten(std::string s) {
  const std::string ten = "拾";
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s.compare(i, ten.size(), ten) == 0) {
      if (out.empty()) out += "壹";
      else if (out.size() >= 3 && (out.compare(out.size() - 3, 3, "亿") == 0 || out.compare(out.size() - 3, 3, "万") == 0))
        out += "零壹";
      out += ten;
      i += ten.size();
    } else {
      out += s[i++];
    }
  }
  return out;
}

// The financial spell-out formatter, built once per thread: building one parses the
// locale's rules, and an ICU formatter is not to be shared between threads.
const icu::RuleBasedNumberFormat& financial_spellout() {
  thread_local std::unique_ptr<icu::RuleBasedNumberFormat> formatter;
  if (!formatter) {
    UErrorCode status = U_ZERO_ERROR;
    auto f = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_SPELLOUT, icu::Locale("zh"), status);
    if (U_SUCCESS(status)) f->setDefaultRuleSet(icu::UnicodeString("%spellout-cardinal-financial"), status);
    if (U_FAILURE(status))
      throw RulesError(std::string("ICU 缺少中文大写金额规则（%spellout-cardinal-financial）：") + u_errorName(status));
    formatter = std::move(f);
  }
  return *formatter;
}

std::string spell_integer(long long n) {
  icu::UnicodeString text;
  financial_spellout().format(static_cast<int64_t>(n), text);
  std::string out;
  text.toUTF8String(out);
  return fix_ten(out);
}

double amount_for(Grade g, const config::Funding& f) {
  switch (g) {
    case Grade::Excellent: return f.excellent_amount;
    case Grade::Pass: return f.pass_amount;
    case Grade::Fail: return 0;  // 第七条 不再予以经费支持, whatever fail_amount says
  }
  return 0;
}

std::string label(const Station& s) { return "工作站 " + s.code + "“" + s.name + "”"; }

}  // namespace

// 第八条 amounts in 大写 as the finance office writes them on vouchers.
std::string amount_in_words(double yuan) {
  if (!(yuan >= 0) || yuan >= 1e12) throw RulesError("金额 " + detail::num(yuan) + " 元无法写成大写");
  static const char* digits[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
  long long fen = std::llround(yuan * 100);
  long long whole = fen / 100;
  int jiao = static_cast<int>(fen / 10 % 10), cents = static_cast<int>(fen % 10);
  if (jiao == 0 && cents == 0) return spell_integer(whole) + "元整";
  std::string s = whole > 0 ? spell_integer(whole) + "元" : "";
  if (jiao) s += std::string(digits[jiao]) + "角";
  if (cents) s += std::string(jiao == 0 && whole > 0 ? "零" : "") + digits[cents] + "分";
  return s;
}

std::string amount_in_figures(double yuan) {
  long long fen = std::llround(std::fabs(yuan) * 100);
  std::string whole = std::to_string(fen / 100);
  for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3) whole.insert(static_cast<size_t>(i), ",");
  char cents[8];
  std::snprintf(cents, sizeof cents, ".%02lld", fen % 100);
  return (yuan < 0 ? "-" : "") + whole + cents;
}

// 第八条 资助期内学校将根据考核结果，以项目经费方式每年给予 2 万元的经费支持.
FundingPlan plan_funding(const Registry& r, int year, const config::Funding& f) {
  FundingPlan plan;
  plan.year = year;
  std::vector<const Station*> stations;
  for (auto& s : r.stations) stations.push_back(&s);
  std::sort(stations.begin(), stations.end(), [](auto* a, auto* b) { return a->code < b->code; });
  const RegistryIndex index(r);
  const std::string y = std::to_string(year) + " 年度";

  for (auto* st : stations) {
    if (!in_funding_period(*st, year)) continue;  // 第八条 资助期为 2 年: nothing outside it
    const AssessmentResult* a = index.assessment(st->code, year);
    bool revoked_before = st->revoked_on && (!a || *st->revoked_on < a->assessed_on);
    if (revoked_before) {
      plan.not_funded.push_back(label(*st) + "已于 " + iso(*st->revoked_on) + " 撤销，" + y +
                                "不予经费支持（第七条）");
      continue;
    }
    if (!a) {
      plan.not_funded.push_back(label(*st) + "尚无 " + y + "考核结果，暂不下达经费（第八条）");
      continue;
    }
    if (a->grade == Grade::Fail || (st->revoked_on && *st->revoked_on <= a->assessed_on)) {
      plan.not_funded.push_back(label(*st) + y + "考核不合格，撤销资格，不予经费支持（第七条）");
      continue;
    }
    double amount = amount_for(a->grade, f);
    if (amount <= 0) {
      plan.not_funded.push_back(label(*st) + y + "考核" + grade_label(a->grade) + "，按设置经费为 0（第八条）");
      continue;
    }
    FundingLine line;
    line.station_code = st->code;
    line.station_name = st->name;
    line.department = st->department;
    line.year = year;
    line.grade = a->grade;
    line.amount = amount;
    line.reason = y + "考核" + grade_label(a->grade) + "，资助期第 " + std::to_string(year - st->first_year + 1) +
                  " 年，下达经费 " + amount_in_figures(amount) + " 元（" + amount_in_words(amount) + "）（第八条）";
    plan.lines.push_back(std::move(line));
  }

  for (auto& l : plan.lines) {
    auto d = std::find_if(plan.departments.begin(), plan.departments.end(),
                          [&](auto& x) { return x.department == l.department; });
    if (d == plan.departments.end()) d = plan.departments.insert(plan.departments.end(), {l.department, 0, 0});
    d->stations += 1;
    d->amount += l.amount;
    plan.total += l.amount;
  }
  return plan;
}

Registry apply_funding(Registry r, const FundingPlan& plan) {
  std::erase_if(r.funding, [&](auto& l) { return l.year == plan.year; });
  for (auto& l : plan.lines) r.funding.push_back(l);
  return r;
}

}  // namespace tws::rules
