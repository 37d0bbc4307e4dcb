#include "common/paths.h"

#include <cstdlib>

namespace tws {

std::filesystem::path templates_dir() {
  if (const char* env = std::getenv("TWS_TEMPLATES"); env && *env) return env;
  return std::filesystem::path(TWS_SOURCE_DIR) / "templates";
}

}  // namespace tws
