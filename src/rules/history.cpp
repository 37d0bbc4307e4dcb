// The registry as it stood before a phase of a year (rules::state_before): what a
// corrected phase decides again from, so that a reissue equals a fresh run.
#include <algorithm>
#include <set>

#include "rules/rules.h"

namespace tws::rules {

Registry state_before(Registry r, int year, Phase phase) {
  // Revocations made by the assessments about to be dropped (第七条: 不合格 → 撤销 on the
  // assessment day) are lifted first, while those assessments are still there.
  for (auto& st : r.stations) {
    if (!st.revoked_on) continue;
    bool made_later = std::any_of(r.assessments.begin(), r.assessments.end(), [&](const AssessmentResult& a) {
      return a.station_code == st.code && a.year >= year && a.grade == Grade::Fail && a.assessed_on == *st.revoked_on;
    });
    if (!made_later) continue;
    st.revoked_on.reset();
    st.revocation_reason.clear();
    st.status = StationStatus::Active;
  }
  const int first_dropped = phase == Phase::Assess ? year + 1 : year;
  std::erase_if(r.stations, [&](const Station& s) { return s.first_year >= first_dropped; });
  std::set<std::string> kept;
  for (auto& s : r.stations) kept.insert(s.code);
  std::erase_if(r.assessments, [&](const AssessmentResult& a) { return a.year >= year || !kept.count(a.station_code); });
  std::erase_if(r.funding, [&](const FundingLine& f) { return f.year >= year || !kept.count(f.station_code); });
  return r;
}

}  // namespace tws::rules
