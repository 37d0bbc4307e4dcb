#include "pipeline/registry_export.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>

#include "common/date.h"
#include "common/errors.h"
#include "documents/workbooks.h"
#include "registry/registry_db.h"
#include "report/xlsx_table.h"
#include "rules/rules.h"

namespace tws::pipeline {

namespace fs = std::filesystem;
namespace {

// The workbook made in a private temporary folder, then its bytes written into `dest`
// as it is (a pipe, a device): nothing is created or renamed at `dest`.
void write_through(const fs::path& dest, const std::function<void(const fs::path&)>& write) {
  char pattern[] = "/tmp/tws-export.XXXXXX";
  if (!::mkdtemp(pattern)) throw write_error("/tmp", errno);
  const fs::path dir = pattern;
  struct Cleanup {
    fs::path dir;
    ~Cleanup() { std::error_code ec; fs::remove_all(dir, ec); }
  } cleanup{dir};
  write(dir / "export.xlsx");
  std::ifstream in(dir / "export.xlsx", std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  int fd = ::open(dest.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) throw write_error(dest, errno);
  for (std::string_view rest = bytes; !rest.empty();) {
    ssize_t n = ::write(fd, rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int err = n < 0 ? errno : ENOSPC;
      ::close(fd);
      throw write_error(dest, err);
    }
    rest.remove_prefix(size_t(n));
  }
  if (::close(fd) != 0) throw write_error(dest, errno);
}

}  // namespace

bool registry_has_phases(const std::filesystem::path& registry_path) {
  return registry::RegistryDb(registry_path).has_phases();
}

size_t export_registry(const std::filesystem::path& registry_path, const std::filesystem::path& target,
                       const config::Settings& s, const std::string& date) {
  registry::RegistryDb db(registry_path);
  rules::Registry reg = rules::refresh_status(db.load(), parse_iso(date));
  report::WorkbookInfo info;
  auto sheets = documents::registry_sheets(reg, s, date, &info);
  std::error_code ec;
  const fs::path file = fs::is_symlink(target, ec) ? fs::weakly_canonical(target) : target;
  const fs::file_status st = fs::status(file, ec);
  if (!fs::exists(st) || fs::is_regular_file(st)) {
    report::write_workbook(file, info, sheets);
  } else if (fs::is_fifo(st) || fs::is_character_file(st)) {
    write_through(file, [&](const fs::path& tmp) { report::write_workbook(tmp, info, sheets); });
  } else {
    throw EnvironmentError("无法导出到 " + target.string() + "：它已存在且不是普通文件，未做任何改动");
  }
  return reg.stations.size();
}

}  // namespace tws::pipeline
