// Small text helpers shared by every stage.
#pragma once
#include <string>
#include <string_view>

namespace tws {

// The items' texts with `sep` between them; any range of things that convert to
// std::string_view (std::string, std::string_view, const char*).
template <class Range>
std::string join(const Range& items, std::string_view sep) {
  std::string out;
  bool first = true;
  for (const auto& item : items) {
    if (!first) out += sep;
    out += std::string_view(item);
    first = false;
  }
  return out;
}

}  // namespace tws
