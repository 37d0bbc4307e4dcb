// Where tws finds its own data (templates/, calendar) independent of the cwd.
#pragma once
#include <filesystem>

namespace tws {

// $TWS_TEMPLATES if set, else the source tree's templates/ (compiled in).
std::filesystem::path templates_dir();

}  // namespace tws
