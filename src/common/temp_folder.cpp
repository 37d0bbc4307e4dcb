#include "common/temp_folder.h"

#include <stdlib.h>

#include <cerrno>

#include "common/atomic_file.h"
#include "common/errors.h"

namespace tws {
namespace fs = std::filesystem;

TempFolder::TempFolder(const std::string& prefix, const fs::path& parent) {
  make_folders(parent);
  std::string pattern = (parent / (prefix + "XXXXXX")).string();
  if (!::mkdtemp(pattern.data())) throw write_error(parent, errno);
  path_ = pattern;
}

TempFolder::~TempFolder() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

}  // namespace tws
