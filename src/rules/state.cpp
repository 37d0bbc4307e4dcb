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

const AssessmentResult* find_assessment(const Registry& r, const std::string& code, int year) {
  for (auto& a : r.assessments)
    if (a.station_code == code && a.year == year) return &a;
  return nullptr;
}

}  // namespace tws::rules
