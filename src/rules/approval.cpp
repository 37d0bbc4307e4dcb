// Approval (第五条（四）): the recommended list, minus upheld objections, becomes
// registered stations with a term (第三条) and a funding period (第八条).
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <span>
#include <string_view>
#include <unordered_map>

#include "rules/detail.h"
#include "rules/rules.h"

namespace tws::rules {
namespace {

// The highest sequence number already used for `year` ("JS2026" + NN).
int last_sequence(const Registry& reg, int year) {
  std::string prefix = "JS" + std::to_string(year);
  int last = 0;
  for (auto& s : reg.stations)
    if (s.code.size() > prefix.size() && s.code.starts_with(prefix)) {
      try {
        last = std::max(last, std::stoi(s.code.substr(prefix.size())));
      } catch (const std::exception&) {  // a code of another format: not ours to number
      }
    }
  return last;
}

// The first registered station of (application, first year), like a scan of the
// registry in its order would find; built once per approval.
std::map<std::pair<std::string, int>, const Station*> registered_index(const Registry& reg) {
  std::map<std::pair<std::string, int>, const Station*> index;
  for (auto& s : reg.stations) index.emplace(std::make_pair(s.application_id, s.first_year), &s);
  return index;
}

std::vector<StationMember> members_of(const records::Application& app, records::RowsOf<records::Member> members) {
  std::vector<StationMember> out;
  out.reserve(members.size() + 1);
  bool leader = false;
  for (auto* m : members) {
    out.push_back({m->name, m->level.label.empty() ? m->qualification : m->level.label, m->is_leader});
    leader |= m->is_leader;
  }
  if (!leader) {
    for (auto& m : out)
      if (records::same_text(m.name, app.leader)) {
        m.is_leader = leader = true;
        break;
      }
  }
  if (!leader)
    out.insert(out.begin(), {app.leader, app.leader_level.label.empty() ? app.leader_qualification : app.leader_level.label,
                             true});
  return out;
}

// 第三条、第八条: the station an approved application becomes, with its 聘期 from
// `approval_date` and its 资助期; `previous` is the station of the previous term found by
// the eligibility check (criterion 9), else the 上一聘期编号 as typed counts.
Station new_station(const records::Application& a, const std::string& code, int year, Date approval_date,
                    const config::Funding& f, const std::string* previous,
                    records::RowsOf<records::Member> members) {
  Station s;
  s.code = code;
  s.application_id = a.id;
  s.first_year = year;
  s.name = a.name;
  s.department = a.department;
  s.occupation = a.occupation;
  s.leader = a.leader;
  s.leader_id_number = a.leader_id_number;
  s.annual_target = a.annual_target;
  s.term_years = f.term_years;
  s.funding_years = f.funding_years;
  s.term_start = approval_date;
  s.term_end = term_end(approval_date, f.term_years);
  s.previous_code = !previous || previous->empty() ? a.previous_term : *previous;
  s.members = members_of(a, members);
  return s;
}

// Why a new station is approved: its code, 聘期, 资助期 and previous term.
std::vector<std::string> approval_reasons(const Station& s, int year, const config::Funding& f) {
  std::vector<std::string> why = {
      "公示期满，认定为技师工作站 " + s.code + "（第五条（四））",
      "聘期" + std::to_string(f.term_years) + "年，" + chinese_date(s.term_start) + "至" + chinese_date(s.term_end) +
          "（第三条）",
      "资助期" + std::to_string(f.funding_years) + "年，" + std::to_string(year) + "–" +
          std::to_string(year + f.funding_years - 1) + "年度（第八条）"};
  if (!s.previous_code.empty()) why.push_back("上一聘期为 " + s.previous_code + "（第三条）");
  return why;
}

}  // namespace

// Decision: codes are "JS" + approval year + a sequence of at least 2 digits in
// recommendation order, e.g. JS202601; stable because the order is deterministic.
std::string station_code(int year, int sequence) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "JS%04d%02d", year, sequence);
  return buf;
}

// 第五条（四）公示结束将建议名单报学校研究确定后发文公布
ApprovalResult approve(const SelectionResult& selection, const std::vector<EligibilityResult>& eligibility,
                       const records::YearInput& in, const Registry& registry, const PublicityPeriod& publicity,
                       Date approval_date, const config::Funding& f) {
  ApprovalResult out;
  // Keyed by views into the arguments (the last row of an id wins, as in a scan).
  std::unordered_map<std::string_view, const records::Application*> apps;
  for (auto& a : in.applications) apps[a.id] = &a;
  std::unordered_map<std::string_view, const std::string*> previous;
  for (auto& e : eligibility) previous[e.application_id] = &e.previous_code;
  std::unordered_map<std::string_view, std::vector<const records::Objection*>> objections;
  std::unordered_map<std::string_view, bool> recommended;
  for (auto& c : selection.candidates) recommended[c.application_id] = c.recommended;
  for (auto& o : in.objections) {
    if (!recommended[o.application_id])
      out.diags.warning(o.where, "异议所涉申报 " + o.application_id + " 不在建议名单中，不影响认定");
    objections[o.application_id].push_back(&o);
  }
  if (!publicity_ended(publicity, approval_date)) {
    out.diags.error({}, "公示期 " + iso(publicity.start) + " 至 " + iso(publicity.end) +
                            " 尚未结束，认定日期 " + iso(approval_date) + " 须在公示结束之后（第五条（四））");
    return out;
  }

  const auto registered = registered_index(registry);
  const records::ByApplication by(in);
  int sequence = last_sequence(registry, in.year);
  for (auto& c : selection.candidates) {
    if (!c.recommended) continue;
    ApprovalDecision d;
    d.application_id = c.application_id;
    auto app = apps.find(c.application_id);
    if (app == apps.end()) {
      out.diags.error({}, "建议名单中的申报 " + c.application_id + " 不在申报汇总中");
      continue;
    }
    bool upheld = false;
    for (auto* o : objections[c.application_id]) {
      upheld |= o->upheld;
      d.reasons.push_back(std::string("公示异议“") + o->reason + "”经核查" + (o->upheld ? "成立" : "不成立") +
                          (o->upheld ? "，不予认定" : "，维持建议") + "（第五条（三）、（四））");
    }
    if (upheld) {  // Decision: no backfill from below the line; that would need a new 公示.
      out.decisions.push_back(std::move(d));
      continue;
    }
    if (auto reg_it = registered.find({c.application_id, in.year}); reg_it != registered.end()) {
      const Station* existing = reg_it->second;
      d.approved = true;
      d.station_code = existing->code;
      d.reasons.push_back("已于此前认定为 " + existing->code + "，登记不变（第五条（四））");
      out.decisions.push_back(std::move(d));
      continue;
    }
    const records::Application& a = *app->second;
    Station s = new_station(a, station_code(in.year, ++sequence), in.year, approval_date, f, previous[a.id],
                            by.members(a.id));
    d.approved = true;
    d.station_code = s.code;
    const std::vector<std::string> why = approval_reasons(s, in.year, f);
    d.reasons.insert(d.reasons.end(), why.begin(), why.end());
    out.decisions.push_back(std::move(d));
    out.stations.push_back(std::move(s));
  }
  return out;
}

// 第五条（四）发文公布: the approved stations enter the registry (once).
Registry apply_approval(Registry r, const ApprovalResult& a) {
  std::set<std::string> codes;
  for (auto& s : r.stations) codes.insert(s.code);
  r.stations.reserve(r.stations.size() + a.stations.size());
  for (auto& s : a.stations)
    if (codes.insert(s.code).second) r.stations.push_back(s);
  return r;
}

}  // namespace tws::rules
