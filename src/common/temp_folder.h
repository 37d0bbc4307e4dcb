// A folder of one's own (mkdtemp, mode 0700) under `parent`, removed with everything in
// it when the object goes: the private work space of `tws check`, of a check of an
// upload, of a download made on demand.
#pragma once
#include <filesystem>
#include <string>

namespace tws {

class TempFolder {
 public:
  // "<parent>/<prefix>XXXXXX"; parent defaults to the system's temporary folder.
  explicit TempFolder(const std::string& prefix = "tws-",
                      const std::filesystem::path& parent = std::filesystem::temp_directory_path());
  ~TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace tws
