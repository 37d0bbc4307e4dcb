#include "rules/detail.h"

#include <cmath>
#include <cstdio>

namespace tws::rules::detail {

double round2(double v) {
  // The + kEps keeps 85.255 (stored as 85.25499…) rounding up like the typed number.
  double r = std::round(std::fabs(v) * 100 + 1e-6) / 100;
  return v < 0 ? -r : r;
}

std::string num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", round2(v));
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

std::string percent(double v) { return num(v * 100) + "%"; }

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

}  // namespace tws::rules::detail
