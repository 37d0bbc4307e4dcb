// Eligibility (SPEC §2 list 1–9): 第二条、第三条、第四条、第五条（二）. Each criterion
// gets 通过 / 不通过 / 提示 / 待核实 with reasons. A 待核实 criterion names the clause and
// the doubtful facts; a row of reviews.xlsx's 资格核实 sheet settles it (通过 / 不通过).
// The application is eligible when no criterion is 不通过 or 待核实; 提示 does not block.
#include <algorithm>
#include <array>
#include <cstring>
#include <set>

#include "rules/detail.h"
#include "rules/rules.h"

namespace tws::rules {
namespace {
using detail::contains;
using detail::num;
using records::Application;
using records::Honour;
using records::Member;
using records::Qualification;

Criterion make(int number, const char* title, const char* article) {
  Criterion c;
  c.number = number;
  c.title = title;
  c.article = article;
  return c;
}

bool blank(const std::string& s) { return records::clean_code(s).empty(); }

// ── Criterion 1 ────────────────────────────────────────────────────────────

// The honours 第二条 lists, in the regulation's spelling, with the spellings HR
// uses for them (after normalisation: NFKC, no spaces, ASCII brackets).
struct ListedHonour {
  const char* official;
  std::vector<const char*> spellings;
  const char* level;  // who confers it: 国家级, 省级, 市级
};
const std::vector<ListedHonour>& listed_honours() {
  static const std::vector<ListedHonour> list = {
      {"中华技能大奖", {"中华技能大奖"}, "国家级"},
      {"泰山产业领军人才（产业技能类）", {"泰山产业领军人才(产业技能类)"}, "省级"},
      {"齐鲁首席技师（山东省首席技师）",
       {"齐鲁首席技师(山东省首席技师)", "山东省首席技师(齐鲁首席技师)", "齐鲁首席技师", "山东省首席技师"}, "省级"},
      {"山东省技术技能大师", {"山东省技术技能大师"}, "省级"},
      {"山东省技术能手", {"山东省技术能手"}, "省级"},
      {"德州市首席技师", {"德州市首席技师"}, "市级"},
      {"德州市技术能手", {"德州市技术能手"}, "市级"},
  };
  return list;
}

// Words that mark an honour of the same kind as those 第二条 lists; it ends its
// list with 等, so such an honour goes to the experts rather than being refused.
constexpr std::array kLeaderHonourWords = {"技能大奖", "领军人才", "首席技师", "技术能手",
                                           "技能大师", "工匠",     "技能人才", "突出贡献"};

std::string normalise_honour(std::string_view text) {
  std::string s = records::clean_code(text);
  for (auto [from, to] : {std::pair{"【", "("}, {"】", ")"}, {"〔", "("}, {"〕", ")"}})
    for (size_t p; (p = s.find(from)) != std::string::npos;) s.replace(p, std::strlen(from), to);
  for (const char* prefix : {"荣获", "获得", "授予"})
    if (s.rfind(prefix, 0) == 0) s.erase(0, std::strlen(prefix));
  for (const char* suffix : {"荣誉称号", "称号", "获得者"}) {
    size_t n = std::strlen(suffix);
    if (s.size() > n && s.compare(s.size() - n, n, suffix) == 0) s.erase(s.size() - n);
  }
  return s;
}

const ListedHonour* listed(std::string_view name) {
  std::string n = normalise_honour(name);
  for (auto& h : listed_honours())
    for (auto* sp : h.spellings)
      if (n == sp) return &h;
  return nullptr;
}

struct Claim {
  Verdict verdict;
  std::string reason;
  Doubt doubt;  // when 待核实
};

std::string describe(const Honour& h) {
  std::string s = "“" + records::clean_text(h.name) + "”";
  if (h.year) s = std::to_string(*h.year) + "年" + s;
  return s;
}

// 第二条: an honour row of the application.
Claim honour_claim(const Honour& h) {
  if (auto* l = listed(h.name))
    return {Verdict::Pass, describe(h) + "属第二条所列高技能领军人才荣誉“" + l->official + "”（第二条）"};
  std::string n = normalise_honour(h.name);
  for (auto* w : kLeaderHonourWords)
    if (contains(n, w))
      return {Verdict::Verify,
              describe(h) + "不在第二条列举的荣誉中，但第二条以“等”字列举，是否属同等的高技能领军人才须经资格核实（第二条）",
              {"第二条", describe(h) + "不在第二条列举的荣誉中，是否属同等的高技能领军人才"}};
  return {Verdict::Fail, describe(h) + "不属第二条所列高技能领军人才荣誉（第二条）"};
}

bool is_team(const Honour& h) {
  return records::clean_code(h.participation) == "团体" || contains(records::clean_code(h.name), "团体");
}

// 第四条（一）“包含获得省级一类竞赛前 3 名和省级二类竞赛、市级一类竞赛的第 1 名选手”.
Claim placing_claim(const Honour& h) {
  std::string level = records::clean_code(h.level);
  std::string what = describe(h) + "（" + (level.empty() ? "级别未填" : level) + "）";
  if (!h.rank) return {Verdict::Verify, what + "未填写名次，须经资格核实（第四条（一））", {"第四条（一）", what + "未填写名次"}};
  int r = *h.rank;
  what += "第" + std::to_string(r) + "名";
  if (level == "省级一类") {
    if (r <= 3) return {Verdict::Pass, what + "，属省级一类竞赛前3名（第四条（一））"};
    return {Verdict::Fail, what + "，不在省级一类竞赛前3名（第四条（一））"};
  }
  if (level == "省级二类" || level == "市级一类") {
    if (r == 1) return {Verdict::Pass, what + "，属" + level + "竞赛第1名（第四条（一））"};
    return {Verdict::Fail, what + "，" + level + "竞赛须获第1名（第四条（一））"};
  }
  // Interpretation: 第四条（一）names no national competition; a national placing in
  // the top 3 is at least as strong as a 省级一类 top-3 placing, so it qualifies;
  // lower national placings are left to the experts.
  if (level == "国家级一类" || level == "国家级二类") {
    if (r <= 3)
      return {Verdict::Pass, what + "：第四条（一）未列国家级竞赛，按“国家级竞赛前3名不低于省级一类竞赛前3名”"
                                    "解释，视为符合（第四条（一））"};
    return {Verdict::Verify, what + "：第四条（一）未列国家级竞赛，名次在前3名之外，须经资格核实（第四条（一））",
            {"第四条（一）", what + "（国家级竞赛，前3名之外）是否视同第四条（一）所列名次"}};
  }
  return {Verdict::Fail, what + "，不属第四条（一）所列竞赛及名次（第四条（一））"};
}

// SPEC §2 “Team placings in competitions are a setting”.
Claim team_rule(Claim c, const Honour& h, const std::string& setting) {
  if (c.verdict == Verdict::Fail) return c;
  if (setting == "accept") {
    c.reason += "；团体赛名次按设置予以认可（第四条（一））";
  } else if (setting == "reject") {
    c.verdict = Verdict::Fail;
    c.reason += "；但为团体赛名次，按设置不予认可（第四条（一））";
  } else if (setting == "expert") {
    c.verdict = Verdict::Verify;
    c.reason += "；但为团体赛名次，是否视为领办人个人成绩须经资格核实（第四条（一））";
    c.doubt = {"第四条（一）", describe(h) + "为团体赛名次，是否视为领办人个人成绩"};
  } else {
    throw RulesError("设置 eligibility.team_placing 的值“" + setting + "”无效，应为 expert、accept 或 reject");
  }
  return c;
}

// 第二条、第四条（一）有高技能领军人才领办.
Criterion leader_criterion(const Application& app, records::RowsOf<Honour> honours,
                           const config::Eligibility& s) {
  Criterion c = make(1, "高技能领军人才领办", "第二条、第四条（一）");
  std::vector<Claim> claims;
  for (auto* h : honours) {
    if (records::clean_code(h->kind) == "竞赛") {
      Claim cl = placing_claim(*h);
      claims.push_back(is_team(*h) ? team_rule(cl, *h, s.team_placing) : cl);
    } else {
      claims.push_back(honour_claim(*h));
    }
  }
  auto any = [&](Verdict v) {
    return std::any_of(claims.begin(), claims.end(), [&](auto& x) { return x.verdict == v; });
  };
  c.verdict = any(Verdict::Pass) ? Verdict::Pass : any(Verdict::Verify) ? Verdict::Verify : Verdict::Fail;
  if (c.verdict == Verdict::Verify)
    for (auto& cl : claims)
      if (cl.verdict == Verdict::Verify) c.doubts.push_back(cl.doubt);
  if (c.verdict == Verdict::Fail)
    c.reasons.push_back("领办人" + app.leader + "既无第二条所列荣誉，也无省级一类竞赛前3名或省级二类、"
                        "市级一类竞赛第1名（第二条、第四条（一））");
  // The decisive claims first, then the rest, each in input order.
  for (Verdict v : {c.verdict, Verdict::Pass, Verdict::Verify, Verdict::Fail})
    for (auto& cl : claims)
      if (cl.verdict == v && std::find(c.reasons.begin(), c.reasons.end(), cl.reason) == c.reasons.end())
        c.reasons.push_back(cl.reason);
  // An honour typed in the qualification column instead of the honours sheet.
  if (c.verdict == Verdict::Fail)
    if (auto* l = listed(app.leader_qualification)) {
      c.verdict = Verdict::Verify;
      c.reasons.push_back("领办人职业资格栏填写了“" + std::string(l->official) +
                          "”，但荣誉与竞赛表中没有该荣誉及证书，须经资格核实（第二条）");
      c.doubts.push_back({"第二条", "领办人职业资格栏填写的“" + std::string(l->official) + "”没有荣誉记录和证书"});
    }
  return c;
}

// ── Criterion 2 ────────────────────────────────────────────────────────────

struct Person {
  std::string name;
  Qualification q;
  bool leader = false;
};

std::string person(const Person& p) {
  return p.name + "（" + (p.q.label.empty() ? "职业资格未识别" : p.q.label) + "）";
}

// The application's members, each person once (by ID number, else by name), with
// the leader identified by 是否领办人, else by name, else taken from 申报汇总.
std::vector<Person> people(const Application& app, records::RowsOf<Member> members,
                           std::vector<std::string>& notes) {
  std::vector<Person> out;
  std::set<std::string> seen;
  bool leader_listed = false;
  for (auto* m : members) {
    std::string key = m->id_number.empty() ? "name:" + m->name : m->id_number;
    if (!seen.insert(key).second) {
      notes.push_back(m->name + "在入站人员中重复出现，只计一次（第四条（一））");
      continue;
    }
    out.push_back({m->name, m->level, m->is_leader});
    leader_listed |= m->is_leader;
  }
  if (!leader_listed)
    for (auto& p : out)
      if (records::same_text(p.name, app.leader)) {
        p.leader = leader_listed = true;
        break;
      }
  if (!leader_listed) out.push_back({app.leader, app.leader_level, true});
  return out;
}

// 第四条（一）入站人员具备技师及以上职业资格的不少于 5 人.
Criterion members_criterion(const Application& app, records::RowsOf<Member> members,
                            const config::Eligibility& s) {
  Criterion c = make(2, "技师及以上入站人员", "第四条（一）");
  std::vector<std::string> notes;
  int confirmed = 0;
  std::vector<const Person*> uncertain;
  std::vector<std::string> below;
  auto all = people(app, members, notes);
  const Person* leader = nullptr;
  for (auto& p : all) {
    if (p.leader) leader = &p;
    if (p.leader && !s.leader_counts) continue;
    if (p.q.needs_expert) uncertain.push_back(&p);
    else if (p.q.at_least_technician()) ++confirmed;
    else below.push_back(person(p));
  }
  const int need = s.min_skilled_members;
  std::string count = "技师及以上入站人员" + std::to_string(confirmed) + "人，";
  if (confirmed >= need) {
    c.verdict = Verdict::Pass;
    c.reasons.push_back(count + "不少于" + std::to_string(need) + "人（第四条（一））");
  } else if (confirmed + static_cast<int>(uncertain.size()) >= need) {
    c.verdict = Verdict::Verify;
    c.reasons.push_back(count + "少于" + std::to_string(need) + "人；另有" + std::to_string(uncertain.size()) +
                        "人的职业资格须经资格核实通过后计入（第四条（一））");
    for (auto* p : uncertain)
      c.doubts.push_back({"第四条（一）", person(*p) + "不是职业资格等级，是否具备技师及以上职业资格"});
  } else {
    c.verdict = Verdict::Fail;
    c.reasons.push_back(count + "少于" + std::to_string(need) + "人（第四条（一））");
  }
  if (leader)
    c.reasons.push_back("领办人" + person(*leader) + (s.leader_counts ? "按设置计入人数" : "按设置不计入人数") +
                        "（第四条（一））");
  for (auto* p : uncertain)
    c.reasons.push_back(person(*p) + "不是职业技能等级，是否具备技师及以上职业资格" +
                        (c.verdict == Verdict::Verify ? "须经资格核实" : "未经核实，不计入") + "（第四条（一））");
  if (!below.empty())
    c.reasons.push_back("未达技师、不计入：" + join(below, "、") + "（第四条（一））");
  for (auto& n : notes) c.reasons.push_back(n);
  return c;
}

// ── Criteria 3–8 ───────────────────────────────────────────────────────────

// 第四条（二）制度体系；有独立承担过校级及以上重大项目的经历、经验和成果.
Criterion systems_criterion(const Application& app) {
  Criterion c = make(3, "制度体系与校级及以上项目经历", "第四条（二）");
  std::string t = records::clean_code(app.systems_and_projects);
  if (t.empty()) {
    c.verdict = Verdict::Fail;
    c.reasons.push_back("未填写人才培养、评价、激励等制度及校级及以上重大项目经历（第四条（二））");
    return c;
  }
  std::string level;
  for (const char* l : {"国家级", "省部级", "部级", "省级", "厅级", "市级", "校级"})
    if (contains(t, l)) {
      level = l;
      break;
    }
  bool project = contains(t, "项目") || contains(t, "课题");
  if (!level.empty() && project) {
    c.verdict = Verdict::Pass;
    c.reasons.push_back("制度与项目经历写明承担过" + level + "项目，属校级及以上（第四条（二））");
  } else {
    c.verdict = Verdict::Verify;
    c.reasons.push_back(level.empty() ? "制度与项目经历未写明项目级别，是否承担过校级及以上重大项目须经资格核实（第四条（二））"
                                      : "制度与项目经历提到“" + level + "”但未写明是项目或课题，须经资格核实（第四条（二））");
    c.doubts.push_back({"第四条（二）", level.empty() ? "制度与项目经历未写明项目级别，是否独立承担过校级及以上重大项目"
                                                      : "制度与项目经历提到“" + level + "”但未写明是项目或课题"});
  }
  return c;
}

// 第四条（三）固定工作场所一般不少于 60 平方米.
Criterion area_criterion(const Application& app, const config::Eligibility& s) {
  Criterion c = make(4, "固定工作场所面积", "第四条（三）");
  std::string min = num(s.min_area_m2);
  if (!app.area_m2) {
    c.verdict = s.area_strict ? Verdict::Fail : Verdict::Hint;
    c.reasons.push_back("未填写固定工作场所面积（第四条（三））");
    return c;
  }
  std::string area = "固定工作场所" + num(*app.area_m2) + "平方米";
  if (detail::at_least(*app.area_m2, s.min_area_m2)) {
    c.verdict = Verdict::Pass;
    c.reasons.push_back(area + "，不少于" + min + "平方米（第四条（三））");
  } else if (s.area_strict) {
    c.verdict = Verdict::Fail;
    c.reasons.push_back(area + "，少于" + min + "平方米；按设置严格执行面积要求（第四条（三））");
  } else {
    c.verdict = Verdict::Hint;
    c.reasons.push_back(area + "，少于" + min + "平方米；第四条（三）规定“一般不少于60平方米”，"
                               "不作否决，提示专家评审（第四条（三））");
  }
  return c;
}

Criterion text_criterion(int number, const char* title, const char* article, const std::string& text,
                         std::string present, std::string missing) {
  Criterion c = make(number, title, article);
  c.verdict = blank(text) ? Verdict::Fail : Verdict::Pass;
  c.reasons.push_back((blank(text) ? missing : present) + "（" + article + "）");
  return c;
}

// 第四条（五）明确的工作计划、工作目标和预期收益，每年培养高技能人才不少于 10 人.
Criterion plan_criterion(const Application& app, const config::Eligibility& s) {
  Criterion c = make(6, "工作制度、计划目标与年培养人数", "第四条（五）");
  bool plan = !blank(app.work_plan);
  bool target = app.annual_target >= s.min_annual_target;
  c.verdict = plan && target ? Verdict::Pass : Verdict::Fail;
  c.reasons.push_back(plan ? "已填写工作制度、计划、目标和预期收益（第四条（五））"
                           : "未填写工作制度、计划、目标和预期收益（第四条（五））");
  c.reasons.push_back("年培养目标" + std::to_string(app.annual_target) + "人，" + (target ? "不少于" : "少于") +
                      std::to_string(s.min_annual_target) + "人（第四条（五））");
  return c;
}

// ── Criterion 9 ────────────────────────────────────────────────────────────

std::string term_text(const Station& st) {
  return "工作站 " + st.code + "“" + st.name + "”（聘期" + chinese_date(st.term_start) + "至" +
         chinese_date(st.term_end) + "）";
}

// The previous term's grades year by year (第三条, 第七条), from the registry.
struct TermGrades {
  std::vector<std::string> years;  // "2024年度优秀", "2025年度无考核结果"
  int excellent = 0, pass = 0, fail = 0;
};
TermGrades term_grades(const Station& st, const Registry& reg) {
  TermGrades g;
  for (int y = st.first_year; y < st.first_year + st.term_years; ++y) {
    const AssessmentResult* a = find_assessment(reg, st.code, y);
    g.years.push_back(std::to_string(y) + "年度" + (a ? grade_label(a->grade) : "无考核结果"));
    if (!a) continue;
    ++(a->grade == Grade::Excellent ? g.excellent : a->grade == Grade::Pass ? g.pass : g.fail);
  }
  return g;
}

std::string previous_term_text(const Station& st, const TermGrades& g) {
  std::string s = st.code + "（聘期" + chinese_date(st.term_start) + "至" + chinese_date(st.term_end);
  if (st.revoked_on) s += "，" + chinese_date(*st.revoked_on) + "撤销";
  return s + "）：" + join(g.years, "；");
}

// 第三条 “在聘期内做出突出贡献、符合申报条件的，聘期满后可重新按照程序进行申报”: the
// previous term's contribution, judged by its grades as the setting says.
void contribution(Criterion& c, const Station& st, const Registry& reg, const std::string& setting) {
  const TermGrades g = term_grades(st, reg);
  const std::string grades = "上一聘期" + st.code + "的年度考核：" + join(g.years, "；");
  if (setting == "none") {
    c.reasons.push_back(grades + "；按设置不审查聘期内贡献（第三条）");
  } else if (setting == "verify") {
    c.verdict = Verdict::Verify;
    c.reasons.push_back(grades + "；按设置，是否在聘期内做出突出贡献一律须经资格核实（第三条）");
    c.doubts.push_back({"第三条", grades + "，是否在聘期内做出突出贡献"});
  } else if (setting != "excellent") {
    throw RulesError("设置 eligibility.reapply_contribution 的值“" + setting + "”无效，应为 excellent、verify 或 none");
  } else if (g.fail > 0) {
    c.verdict = Verdict::Fail;
    c.reasons.push_back(grades + "；聘期内有考核不合格，不属“在聘期内做出突出贡献”（第三条、第七条）");
  } else if (g.excellent > 0) {
    c.reasons.push_back(grades + "；有优秀且无不合格，视为在聘期内做出突出贡献（第三条）");
  } else {
    c.verdict = Verdict::Verify;
    const std::string why = g.pass > 0 ? "均为合格、没有优秀" : "登记册中没有聘期内的年度考核结果";
    c.reasons.push_back(grades + "；" + why + "，是否在聘期内做出突出贡献须经资格核实（第三条）");
    c.doubts.push_back({"第三条", grades + "，" + why + "，是否在聘期内做出突出贡献"});
  }
}

// A registered station related to an application: named by 上一聘期编号 (its code or its
// 申报编号), of the same name and department, or of the same leader (by ID number) — the
// same station when also of the same occupation.
struct Related {
  const Station* st;
  bool same;  // the application continues this station (else only the same leader)
};
std::vector<Related> related_stations(const Application& app, const Registry& reg, bool& prev_found) {
  const std::string& prev = app.previous_term;
  std::vector<Related> out;
  for (auto& st : reg.stations) {
    bool named = !prev.empty() && (st.code == prev || st.application_id == prev);
    prev_found |= named;
    bool same_leader = !app.leader_id_number.empty() && st.leader_id_number == app.leader_id_number;
    bool same = named || (records::same_text(st.name, app.name) && records::same_text(st.department, app.department)) ||
                (same_leader && records::same_text(st.occupation, app.occupation));
    if (same || same_leader) out.push_back({&st, same});
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.st->code < b.st->code; });
  return out;
}

// 第三条 for the station's own last term that is over: revoked → 不通过 (第七条); ended →
// the contribution in it, as the setting says.
void judge_previous_term(Criterion& c, const Station& st, const Registry& reg, Date as_of,
                         const config::Eligibility& s, EligibilityResult& r) {
  r.previous_term = previous_term_text(st, term_grades(st, reg));
  if (status_on(st, as_of) == StationStatus::Revoked) {
    c.verdict = Verdict::Fail;
    c.reasons.push_back(term_text(st) + "已于" + chinese_date(*st.revoked_on) + "撤销（" + st.revocation_reason +
                        "），不属“在聘期内做出突出贡献”，不能重新申报（第三条、第七条）");
    return;
  }
  r.previous_code = st.code;
  c.reasons.push_back(term_text(st) + "聘期已届满，登记为上一聘期（第三条）");
  contribution(c, st, reg, s.reapply_contribution);
}

// 第三条 聘期为 2 年。……在聘期内做出突出贡献、符合申报条件的，聘期满后可重新按照程序进行申报.
Criterion term_criterion(const Application& app, const Registry& reg, Date as_of, const config::Eligibility& s,
                         EligibilityResult& r) {
  Criterion c = make(9, "非在聘工作站，重新申报须有突出贡献", "第三条");
  c.verdict = Verdict::Pass;
  bool prev_found = false;
  const Station* last = nullptr;  // the station's latest term that is over (ended or revoked)
  for (auto [st, same] : related_stations(app, reg, prev_found)) {
    StationStatus status = status_on(*st, as_of);
    if (status == StationStatus::Active && same) {
      c.verdict = Verdict::Fail;
      c.reasons.push_back(term_text(*st) + "在公示开始日" + chinese_date(as_of) + "尚在聘期内，聘期满后方可重新申报（第三条）");
    } else if (status == StationStatus::Active) {
      c.reasons.push_back("领办人" + app.leader + "正在领办在聘" + term_text(*st) + "，须经资格核实（第三条）");
      c.doubts.push_back({"第三条", "领办人" + app.leader + "正在领办在聘工作站 " + st->code + "，能否再领办本工作站"});
    } else if (same) {
      if (last) c.reasons.push_back(term_text(*last) + "为更早的聘期（第三条）");
      last = st;
    } else if (status == StationStatus::Revoked) {
      if (c.verdict == Verdict::Pass) c.verdict = Verdict::Hint;
      c.reasons.push_back("领办人" + app.leader + "曾领办的" + term_text(*st) + "已于" + chinese_date(*st->revoked_on) +
                          "撤销（" + st->revocation_reason + "），提示专家评审（第三条、第七条）");
    } else {
      c.reasons.push_back("领办人" + app.leader + "曾领办的" + term_text(*st) + "聘期已届满（第三条）");
    }
  }
  if (!app.previous_term.empty() && !prev_found) {
    c.reasons.push_back("上一聘期编号 " + app.previous_term + " 在登记册中找不到对应的工作站编号或申报编号，须经资格核实（第三条）");
    c.doubts.push_back({"第三条", "上一聘期编号 " + app.previous_term + " 在登记册中找不到对应的工作站"});
  }
  if (last && c.verdict != Verdict::Fail) judge_previous_term(c, *last, reg, as_of, s, r);
  if (c.reasons.empty()) c.reasons.push_back("不是在聘技师工作站（首次申报）（第三条）");
  if (c.verdict != Verdict::Fail && !c.doubts.empty()) c.verdict = Verdict::Verify;
  return c;
}

// The 资格核实 rows of one application.
using Findings = std::vector<const records::Verification*>;

// A 待核实 criterion settled by the application's 资格核实 rows, clause by clause: one
// 通过 confirms it (a doubtful claim or member counts), 不通过 on every clause of its
// doubts refutes it; a clause without a row leaves it 待核实.
void settle(Criterion& c, const Findings& findings, std::vector<std::string>& settled) {
  if (c.verdict != Verdict::Verify) return;
  std::vector<std::string> clauses;
  for (auto& d : c.doubts)
    if (std::find(clauses.begin(), clauses.end(), d.clause) == clauses.end()) clauses.push_back(d.clause);
  bool passed = false, open = false;
  for (auto& clause : clauses) {
    auto f = std::find_if(findings.begin(), findings.end(), [&](auto* v) { return v->clause == clause; });
    if (f == findings.end()) {
      open = true;
      continue;
    }
    const records::Verification& v = **f;
    passed |= v.passed;
    c.findings.push_back(clause + (v.passed ? " 通过" : " 不通过") + "（资格核实第" + std::to_string(v.where.row) +
                         "行）：" + v.note);
    c.reasons.push_back((v.passed ? "经资格核实：" : "经资格核实不通过：") + v.note + "（" + clause + "）");
    if (std::find(settled.begin(), settled.end(), clause) == settled.end()) settled.push_back(clause);
  }
  c.verdict = passed ? Verdict::Pass : open ? Verdict::Verify : Verdict::Fail;
}

std::string summary(const EligibilityResult& r) {
  std::vector<std::string> fails, verifies, hints;
  for (auto& c : r.criteria) {
    if (c.verdict == Verdict::Fail) fails.push_back(std::to_string(c.number));
    if (c.verdict == Verdict::Verify) verifies.push_back(std::to_string(c.number));
    if (c.verdict == Verdict::Hint) hints.push_back(std::to_string(c.number));
  }
  if (!fails.empty()) return "不符合条件（第" + join(fails, "、") + "项不通过）";
  if (!verifies.empty()) return "待资格核实（第" + join(verifies, "、") + "项待核实）";
  if (!hints.empty()) return "符合条件（第" + join(hints, "、") + "项提示）";
  return "符合条件";
}

}  // namespace

std::string verdict_label(Verdict v) {
  switch (v) {
    case Verdict::Pass: return "通过";
    case Verdict::Fail: return "不通过";
    case Verdict::Hint: return "提示";
    case Verdict::Verify: return "待核实";
  }
  return "";
}

namespace {
EligibilityResult check_one(const Application& app, records::RowsOf<Member> mine,
                            records::RowsOf<Honour> claims, const Registry& registry, Date as_of,
                            const config::Eligibility& s, const Findings& findings);

Findings findings_of(const std::string& id, const std::vector<records::Verification>& all) {
  Findings mine;
  for (auto& v : all)
    if (v.application_id == id) mine.push_back(&v);
  return mine;
}
}  // namespace

// 第二条、第三条、第四条、第五条（二）
EligibilityResult check_eligibility(const Application& app, const std::vector<Member>& members,
                                    const std::vector<Honour>& honours, const Registry& registry, Date as_of,
                                    const config::Eligibility& s,
                                    const std::vector<records::Verification>& findings) {
  std::vector<const Member*> mine;
  for (auto& m : members)
    if (m.application_id == app.id) mine.push_back(&m);
  std::vector<const Honour*> claims;
  for (auto& h : honours)
    if (h.application_id == app.id) claims.push_back(&h);
  return check_one(app, mine, claims, registry, as_of, s, findings_of(app.id, findings));
}

namespace {
// One application with its own members, honours and 资格核实 rows (in sheet order).
EligibilityResult check_one(const Application& app, records::RowsOf<Member> mine,
                            records::RowsOf<Honour> claims, const Registry& registry, Date as_of,
                            const config::Eligibility& s, const Findings& findings) {
  EligibilityResult r;
  r.application_id = app.id;
  r.criteria.push_back(leader_criterion(app, claims, s));
  r.criteria.push_back(members_criterion(app, mine, s));
  r.criteria.push_back(systems_criterion(app));
  r.criteria.push_back(area_criterion(app, s));
  // 第四条（四）具有本行业、本领域较为先进的生产科研仪器设备.
  r.criteria.push_back(text_criterion(5, "先进仪器设备", "第四条（四）", app.equipment,
                                      "已填写主要仪器设备，是否“较为先进”由专家评审判断",
                                      "未填写主要仪器设备"));
  r.criteria.push_back(plan_criterion(app, s));
  // 第四条（六）系部（院）要在人力、物力上给予技师工作站充分保障.
  r.criteria.push_back(text_criterion(7, "系部（院）人力物力保障", "第四条（六）", app.department_support,
                                      "已填写系部（院）人力、物力支持措施", "未填写系部（院）人力、物力支持措施"));
  // 第五条（二）申报（认定）表、申请报告、证书原件及复印件.
  Criterion materials = make(8, "申报材料齐全", "第五条（二）");
  materials.verdict = app.materials_complete ? Verdict::Pass : Verdict::Fail;
  materials.reasons.push_back(app.materials_complete ? "申报（认定）表、申请报告及证书等材料齐全（第五条（二））"
                                                     : "申报（认定）表、申请报告或证书等材料不齐全（第五条（二））");
  r.criteria.push_back(materials);
  r.criteria.push_back(term_criterion(app, registry, as_of, s, r));

  for (auto& c : r.criteria) settle(c, findings, r.settled);
  Criterion& members = r.criteria[1];
  if (members.verdict == Verdict::Pass && !members.findings.empty())
    members.reasons.push_back("待核实的" + std::to_string(members.doubts.size()) + "人经资格核实计入，技师及以上入站人员达到" +
                              std::to_string(s.min_skilled_members) + "人（第四条（一））");

  r.eligible = std::none_of(r.criteria.begin(), r.criteria.end(),
                            [](auto& c) { return c.verdict == Verdict::Fail || c.verdict == Verdict::Verify; });
  r.hints = static_cast<int>(
      std::count_if(r.criteria.begin(), r.criteria.end(), [](auto& c) { return c.verdict == Verdict::Hint; }));
  r.summary = summary(r);
  return r;
}
}  // namespace

std::vector<EligibilityResult> check_eligibility(const records::YearInput& in, const Registry& registry, Date as_of,
                                                 const config::Eligibility& s) {
  const records::ByApplication by(in);
  std::vector<EligibilityResult> out;
  out.reserve(in.applications.size());
  for (auto& app : in.applications)
    out.push_back(check_one(app, by.members(app.id), by.honours(app.id), registry, as_of, s,
                            findings_of(app.id, in.verifications)));
  return out;
}

std::vector<Pending> pending(const EligibilityResult& r) {
  std::vector<Pending> out;
  for (auto& c : r.criteria) {
    if (c.verdict != Verdict::Verify) continue;
    for (auto& d : c.doubts) {
      auto p = std::find_if(out.begin(), out.end(),
                            [&](auto& x) { return x.criterion == c.number && x.clause == d.clause; });
      if (p == out.end()) {
        out.push_back({c.number, d.clause, {}});
        p = out.end() - 1;
      }
      bool settled = std::find(r.settled.begin(), r.settled.end(), d.clause) != r.settled.end();
      if (!settled) p->what.push_back(d.what);
    }
  }
  std::erase_if(out, [](auto& p) { return p.what.empty(); });
  return out;
}

Diagnostics unused_findings(const std::vector<records::Verification>& findings,
                            const std::vector<EligibilityResult>& results) {
  Diagnostics d;
  for (auto& v : findings) {
    auto r = std::find_if(results.begin(), results.end(), [&](auto& x) { return x.application_id == v.application_id; });
    if (r == results.end() ||
        std::find(r->settled.begin(), r->settled.end(), v.clause) != r->settled.end())
      continue;  // an unknown 申报编号 is an input error of its own
    std::vector<std::string> open;
    for (auto& c : r->criteria)
      for (auto& doubt : c.doubts)
        if (c.verdict == Verdict::Verify && std::find(open.begin(), open.end(), doubt.clause) == open.end())
          open.push_back(doubt.clause);
    d.warning(v.clause_where, "申报“" + v.application_id + "”在条款“" + v.clause + "”下没有待核实的事项，此行不起作用（" +
                                  (open.empty() ? "该申报没有待核实的事项" : "该申报待核实的条款：" + join(open, "、")) + "）");
  }
  return d;
}

std::string honour_level_conflict(const Honour& h) {
  const ListedHonour* l = records::clean_code(h.kind) == "荣誉" ? listed(h.name) : nullptr;
  const std::string level = records::clean_code(h.level);
  if (!l || !l->level || level.rfind(l->level, 0) == 0) return {};
  for (const char* other : {"国家级", "省级", "市级"})
    if (level.rfind(other, 0) == 0)
      return "“级别”填的是“" + level + "”，但“" + l->official + "”是" + l->level + "荣誉：请核对（资格审查按荣誉名称认定）";
  return {};
}

}  // namespace tws::rules
