// Helpers shared by the rules' .cpp files; not part of the public API.
#pragma once
#include <string>
#include <string_view>

#include "common/strings.h"

namespace tws::rules::detail {

// Tolerance for comparing decimal inputs with thresholds: 0.9 typed as 90% must
// reach the 90% band; 0.8999 must not. Inputs carry at most 4 decimals.
inline constexpr double kEps = 1e-9;
inline bool at_least(double v, double threshold) { return v + kEps >= threshold; }

// Rounds half away from zero to 0.01 (the precision scores are published with).
double round2(double v);
// 59.9 → "59.9", 60 → "60", 85.255 → "85.26": at most 2 decimals, no trailing zeros.
std::string num(double v);
// 0.9 → "90%", 0.8999 → "89.99%"
std::string percent(double v);
bool contains(std::string_view text, std::string_view part);

}  // namespace tws::rules::detail
