#include "rules/state.h"

namespace tws::rules {

std::string status_label(StationStatus s) {
  switch (s) {
    case StationStatus::Active: return "在聘";
    case StationStatus::Expired: return "聘期届满";
    case StationStatus::Revoked: return "已撤销";
  }
  return "";
}

std::string grade_label(Grade g) {
  switch (g) {
    case Grade::Excellent: return "优秀";
    case Grade::Pass: return "合格";
    case Grade::Fail: return "不合格";
  }
  return "";
}

const Station* find_station(const Registry& r, const std::string& code) {
  for (auto& s : r.stations)
    if (s.code == code) return &s;
  return nullptr;
}

RegistryIndex::RegistryIndex(const Registry& r) {
  for (auto& s : r.stations) {
    by_code_.emplace(s.code, &s);
    by_application_[s.application_id].push_back(&s);
  }
  for (auto& a : r.assessments) assessments_.emplace(std::make_pair(a.station_code, a.year), &a);
}

const Station* RegistryIndex::station(const std::string& code) const {
  auto it = by_code_.find(code);
  return it == by_code_.end() ? nullptr : it->second;
}

const AssessmentResult* RegistryIndex::assessment(const std::string& code, int year) const {
  auto it = assessments_.find({code, year});
  return it == assessments_.end() ? nullptr : it->second;
}

const std::vector<const Station*>& RegistryIndex::stations_of_application(const std::string& application_id) const {
  static const std::vector<const Station*> none;
  auto it = by_application_.find(application_id);
  return it == by_application_.end() ? none : it->second;
}

const AssessmentResult* find_assessment(const Registry& r, const std::string& code, int year) {
  for (auto& a : r.assessments)
    if (a.station_code == code && a.year == year) return &a;
  return nullptr;
}

}  // namespace tws::rules
