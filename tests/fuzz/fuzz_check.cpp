// libFuzzer target for the whole `tws check` path: bytes become one input file of a
// year folder (the first byte picks which file and whether it is .xlsx or .csv), then
// records::load_year reads, matches headers, converts and cross-checks it. Problems
// must come back as diagnostics or InputError; anything else is a bug.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "config/settings.h"
#include "records/records.h"

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  static const char* stems[] = {"applications", "reviews", "objections", "performance"};
  static const fs::path root = [] {
    fs::path r = fs::temp_directory_path() / ("tws-fuzz-check-" + std::to_string(::getpid()));
    fs::create_directories(r / "2026");
    return r;
  }();
  const fs::path year = root / "2026";
  for (auto& e : fs::directory_iterator(year)) fs::remove(e.path());
  std::string name = std::string(stems[data[0] % 4]) + ((data[0] & 4) ? ".csv" : ".xlsx");
  {
    std::ofstream out(year / name, std::ios::binary);
    out.write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
  }
  static const tws::config::Settings settings = tws::config::default_settings();
  tws::Diagnostics diags;
  try {
    tws::records::YearInput in = tws::records::load_year(root, 2026, settings, diags);
    (void)in;
  } catch (const tws::InputError&) {
  }
  return 0;
}
