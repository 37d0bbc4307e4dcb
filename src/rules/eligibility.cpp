// Eligibility (SPEC §2 list 1–9): 第二条、第三条、第四条、第五条（二）. Each criterion
// gets 通过 / 不通过 / 需专家核实 with reasons; the application is eligible when no
// criterion fails, and every 需专家核实 is a point for the experts' review.
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
};

std::string describe(const Honour& h) {
  std::string s = "“" + records::clean_text(h.name) + "”";
  if (h.year) s = std::to_string(*h.year) + " 年" + s;
  return s;
}

// 第二条: an honour row of the application.
Claim honour_claim(const Honour& h) {
  if (auto* l = listed(h.name))
    return {Verdict::Pass, describe(h) + "属第二条所列高技能领军人才荣誉“" + l->official + "”（第二条）"};
  std::string n = normalise_honour(h.name);
  for (auto* w : kLeaderHonourWords)
    if (contains(n, w))
      return {Verdict::Expert, describe(h) + "不在第二条列举的荣誉中，但第二条以“等”字列举，"
                               "是否属行业公认的高端技能人才由专家认定（第二条）"};
  return {Verdict::Fail, describe(h) + "不属第二条所列高技能领军人才荣誉（第二条）"};
}

bool is_team(const Honour& h) {
  return records::clean_code(h.participation) == "团体" || contains(records::clean_code(h.name), "团体");
}

// 第四条（一）“包含获得省级一类竞赛前 3 名和省级二类竞赛、市级一类竞赛的第 1 名选手”.
Claim placing_claim(const Honour& h) {
  std::string level = records::clean_code(h.level);
  std::string what = describe(h) + "（" + (level.empty() ? "级别未填" : level) + "）";
  if (!h.rank) return {Verdict::Expert, what + "未填写名次，需专家核实（第四条（一））"};
  int r = *h.rank;
  what += "第 " + std::to_string(r) + " 名";
  if (level == "省级一类") {
    if (r <= 3) return {Verdict::Pass, what + "，属省级一类竞赛前 3 名（第四条（一））"};
    return {Verdict::Fail, what + "，不在省级一类竞赛前 3 名（第四条（一））"};
  }
  if (level == "省级二类" || level == "市级一类") {
    if (r == 1) return {Verdict::Pass, what + "，属" + level + "竞赛第 1 名（第四条（一））"};
    return {Verdict::Fail, what + "，" + level + "竞赛须获第 1 名（第四条（一））"};
  }
  // Interpretation: 第四条（一）names no national competition; a national placing in
  // the top 3 is at least as strong as a 省级一类 top-3 placing, so it qualifies;
  // lower national placings are left to the experts.
  if (level == "国家级一类" || level == "国家级二类") {
    if (r <= 3)
      return {Verdict::Pass, what + "：第四条（一）未列国家级竞赛，按“国家级竞赛前 3 名不低于省级一类竞赛前 3 名”"
                                    "解释，视为符合（第四条（一））"};
    return {Verdict::Expert, what + "：第四条（一）未列国家级竞赛，名次在前 3 名之外，由专家认定（第四条（一））"};
  }
  return {Verdict::Fail, what + "，不属第四条（一）所列竞赛及名次（第四条（一））"};
}

// SPEC §2 “Team placings in competitions are a setting”.
Claim team_rule(Claim c, const std::string& setting) {
  if (c.verdict == Verdict::Fail) return c;
  if (setting == "accept") {
    c.reason += "；团体赛名次按设置予以认可（第四条（一））";
  } else if (setting == "reject") {
    c.verdict = Verdict::Fail;
    c.reason += "；但为团体赛名次，按设置不予认可（第四条（一））";
  } else if (setting == "expert") {
    c.verdict = Verdict::Expert;
    c.reason += "；但为团体赛名次，是否视为领办人个人成绩需专家核实（第四条（一））";
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
      claims.push_back(is_team(*h) ? team_rule(cl, s.team_placing) : cl);
    } else {
      claims.push_back(honour_claim(*h));
    }
  }
  auto any = [&](Verdict v) {
    return std::any_of(claims.begin(), claims.end(), [&](auto& x) { return x.verdict == v; });
  };
  c.verdict = any(Verdict::Pass) ? Verdict::Pass : any(Verdict::Expert) ? Verdict::Expert : Verdict::Fail;
  if (c.verdict == Verdict::Fail)
    c.reasons.push_back("领办人" + app.leader + "既无第二条所列荣誉，也无省级一类竞赛前 3 名或省级二类、"
                        "市级一类竞赛第 1 名（第二条、第四条（一））");
  // The decisive claims first, then the rest, each in input order.
  for (Verdict v : {c.verdict, Verdict::Pass, Verdict::Expert, Verdict::Fail})
    for (auto& cl : claims)
      if (cl.verdict == v && std::find(c.reasons.begin(), c.reasons.end(), cl.reason) == c.reasons.end())
        c.reasons.push_back(cl.reason);
  // An honour typed in the qualification column instead of the honours sheet.
  if (c.verdict == Verdict::Fail)
    if (auto* l = listed(app.leader_qualification)) {
      c.verdict = Verdict::Expert;
      c.reasons.push_back("领办人职业资格栏填写了“" + std::string(l->official) +
                          "”，但荣誉与竞赛表中没有该荣誉及证书，需专家核实（第二条）");
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
      if (p.name == app.leader) {
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
  std::string count = "技师及以上入站人员 " + std::to_string(confirmed) + " 人，";
  if (confirmed >= need) {
    c.verdict = Verdict::Pass;
    c.reasons.push_back(count + "不少于 " + std::to_string(need) + " 人（第四条（一））");
  } else if (confirmed + static_cast<int>(uncertain.size()) >= need) {
    c.verdict = Verdict::Expert;
    c.reasons.push_back(count + "少于 " + std::to_string(need) + " 人；另有 " + std::to_string(uncertain.size()) +
                        " 人的职业资格需专家核实，核实后可能达到 " + std::to_string(need) + " 人（第四条（一））");
  } else {
    c.verdict = Verdict::Fail;
    c.reasons.push_back(count + "少于 " + std::to_string(need) + " 人（第四条（一））");
  }
  if (leader)
    c.reasons.push_back("领办人" + person(*leader) + (s.leader_counts ? "按设置计入人数" : "按设置不计入人数") +
                        "（第四条（一））");
  for (auto* p : uncertain)
    c.reasons.push_back(person(*p) + "不是职业技能等级，是否具备技师及以上职业资格需专家核实（第四条（一））");
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
    c.verdict = Verdict::Expert;
    c.reasons.push_back(level.empty() ? "制度与项目经历未写明项目级别，是否承担过校级及以上重大项目需专家核实（第四条（二））"
                                      : "制度与项目经历提到“" + level + "”但未写明是项目或课题，需专家核实（第四条（二））");
  }
  return c;
}

// 第四条（三）固定工作场所一般不少于 60 平方米.
Criterion area_criterion(const Application& app, const config::Eligibility& s) {
  Criterion c = make(4, "固定工作场所面积", "第四条（三）");
  std::string min = num(s.min_area_m2);
  if (!app.area_m2) {
    c.verdict = s.area_strict ? Verdict::Fail : Verdict::Expert;
    c.reasons.push_back("未填写固定工作场所面积（第四条（三））");
    return c;
  }
  std::string area = "固定工作场所 " + num(*app.area_m2) + " 平方米";
  if (detail::at_least(*app.area_m2, s.min_area_m2)) {
    c.verdict = Verdict::Pass;
    c.reasons.push_back(area + "，不少于 " + min + " 平方米（第四条（三））");
  } else if (s.area_strict) {
    c.verdict = Verdict::Fail;
    c.reasons.push_back(area + "，少于 " + min + " 平方米；按设置严格执行面积要求（第四条（三））");
  } else {
    c.verdict = Verdict::Expert;
    c.reasons.push_back(area + "，少于 " + min + " 平方米；第四条（三）规定“一般不少于 60 平方米”，"
                               "不作否决，提请专家核实（第四条（三））");
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
  c.reasons.push_back("年培养目标 " + std::to_string(app.annual_target) + " 人，" + (target ? "不少于 " : "少于 ") +
                      std::to_string(s.min_annual_target) + " 人（第四条（五））");
  return c;
}

// ── Criterion 9 ────────────────────────────────────────────────────────────

std::string term_text(const Station& st) {
  return "工作站 " + st.code + "“" + st.name + "”（聘期 " + iso(st.term_start) + " 至 " +
         iso(st.term_end) + "）";
}

// 第三条 聘期为 2 年。……聘期满后可重新按照程序进行申报.
Criterion term_criterion(const Application& app, const Registry& reg, Date as_of, std::string& previous) {
  Criterion c = make(9, "非在聘工作站（聘期满后可重新申报）", "第三条");
  // 上一聘期编号 may hold the station code (JS202401) or that term's 申报编号 (2024-01).
  const std::string& prev = app.previous_term;
  bool prev_found = false;
  std::vector<std::pair<const Station*, bool>> matches;  // station, same station (not only same leader)
  for (auto& st : reg.stations) {
    bool named = !prev.empty() && (st.code == prev || st.application_id == prev);
    prev_found |= named;
    bool same = named || (st.name == app.name && st.department == app.department);
    bool same_leader = !app.leader_id_number.empty() && st.leader_id_number == app.leader_id_number;
    if (same || same_leader) matches.push_back({&st, same});
  }
  std::sort(matches.begin(), matches.end(), [](auto& a, auto& b) { return a.first->code < b.first->code; });
  bool fail = false, expert = false;
  std::string day = iso(as_of);
  for (auto [st, same] : matches) {
    switch (status_on(*st, as_of)) {
      case StationStatus::Active:
        if (same) {
          fail = true;
          c.reasons.push_back(term_text(*st) + "在申报日 " + day + " 尚在聘期内，聘期满后方可重新申报（第三条）");
        } else {
          expert = true;
          c.reasons.push_back("领办人" + app.leader + "正在领办在聘" + term_text(*st) + "，需专家核实（第三条）");
        }
        break;
      case StationStatus::Revoked:
        expert = true;
        c.reasons.push_back(term_text(*st) + "已于 " + iso(*st->revoked_on) + " 撤销（" +
                            st->revocation_reason + "），重新申报需专家审议（第三条、第七条）");
        break;
      case StationStatus::Expired:
        if (same) previous = st->code;
        c.reasons.push_back(term_text(*st) + "聘期已届满，可重新申报" +
                            (same ? "，登记为上一聘期" : "") + "（第三条）");
        break;
    }
  }
  if (!prev.empty() && !prev_found) {
    expert = true;
    c.reasons.push_back("上一聘期编号 " + prev + " 在登记册中找不到对应的工作站编号或申报编号，需核实（第三条）");
  }
  if (c.reasons.empty()) c.reasons.push_back("不是在聘技师工作站（首次申报）（第三条）");
  c.verdict = fail ? Verdict::Fail : expert ? Verdict::Expert : Verdict::Pass;
  return c;
}

std::string summary(const EligibilityResult& r) {
  std::vector<std::string> fails, experts;
  for (auto& c : r.criteria) {
    if (c.verdict == Verdict::Fail) fails.push_back(std::to_string(c.number));
    if (c.verdict == Verdict::Expert) experts.push_back(std::to_string(c.number));
  }
  if (!fails.empty()) return "不符合条件（第 " + join(fails, "、") + " 项不通过）";
  if (!experts.empty()) return "符合条件（第 " + join(experts, "、") + " 项需专家核实）";
  return "符合条件";
}

}  // namespace

std::string verdict_label(Verdict v) {
  switch (v) {
    case Verdict::Pass: return "通过";
    case Verdict::Fail: return "不通过";
    case Verdict::Expert: return "需专家核实";
  }
  return "";
}

namespace {
EligibilityResult check_one(const Application& app, records::RowsOf<Member> mine,
                            records::RowsOf<Honour> claims, const Registry& registry, Date as_of,
                            const config::Eligibility& s);
}  // namespace

// 第二条、第三条、第四条、第五条（二）
EligibilityResult check_eligibility(const Application& app, const std::vector<Member>& members,
                                    const std::vector<Honour>& honours, const Registry& registry, Date as_of,
                                    const config::Eligibility& s) {
  std::vector<const Member*> mine;
  for (auto& m : members)
    if (m.application_id == app.id) mine.push_back(&m);
  std::vector<const Honour*> claims;
  for (auto& h : honours)
    if (h.application_id == app.id) claims.push_back(&h);
  return check_one(app, mine, claims, registry, as_of, s);
}

namespace {
// One application with its own members and honours (in sheet order).
EligibilityResult check_one(const Application& app, records::RowsOf<Member> mine,
                            records::RowsOf<Honour> claims, const Registry& registry, Date as_of,
                            const config::Eligibility& s) {
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
  r.criteria.push_back(term_criterion(app, registry, as_of, r.previous_code));

  r.eligible = std::none_of(r.criteria.begin(), r.criteria.end(), [](auto& c) { return c.verdict == Verdict::Fail; });
  r.expert_points = static_cast<int>(
      std::count_if(r.criteria.begin(), r.criteria.end(), [](auto& c) { return c.verdict == Verdict::Expert; }));
  r.summary = summary(r);
  return r;
}
}  // namespace

std::vector<EligibilityResult> check_eligibility(const records::YearInput& in, const Registry& registry, Date as_of,
                                                 const config::Eligibility& s) {
  const records::ByApplication by(in);
  std::vector<EligibilityResult> out;
  out.reserve(in.applications.size());
  for (auto& app : in.applications) out.push_back(check_one(app, by.members(app.id), by.honours(app.id), registry, as_of, s));
  return out;
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
