#include "common/errors.h"

#include "common/strings.h"

#include <cerrno>
#include <cstring>
#include <regex>

namespace tws {

TypesetError::TypesetError(std::vector<std::string> p)
    : std::runtime_error(join(p, "\n")), problems(std::move(p)) {}

DocumentError::DocumentError(Diagnostics d)
    : std::runtime_error(d.items().empty() ? std::string("文书无法生成") : format_diagnostic(d.items().front())),
      diags(std::move(d)) {}

std::string io_cause(int err) {
  switch (err) {
    case ENOSPC: return "磁盘已满";
    case EDQUOT: return "超出磁盘配额";
    case EACCES:
    case EPERM: return "没有写权限";
    case EROFS: return "文件系统是只读的";
    case EIO: return "磁盘读写出错（I/O 错误）";
    case ENOENT: return "文件夹不存在";
    case ENOTDIR: return "路径中有一项不是文件夹";
    case EISDIR: return "这是一个文件夹";
    case EFBIG: return "文件过大";
    default: return std::strerror(err);
  }
}

bool is_io_error(int err) {
  return err == ENOSPC || err == EDQUOT || err == EACCES || err == EPERM || err == EROFS || err == EIO || err == EFBIG;
}

EnvironmentError write_error(const std::filesystem::path& file, int err) {
  static const std::regex temporary(R"(\.(.+?)\.(tmp|old)[0-9]+(\.tmp[0-9]+)?)");
  std::filesystem::path shown = file;
  std::smatch m;
  const std::string name = file.filename().string();
  if (std::regex_match(name, m, temporary)) shown = file.parent_path() / m[1].str();
  return EnvironmentError("无法写入 " + shown.string() + "：" + io_cause(err));
}

// The one table: input problems exit 1 with the message as it is (it names the file,
// cell or setting); usage 2; the environment and the installation 3; anything else is
// a fault of tws, exit 3 as an internal error.
ExitStatus exit_status(const std::exception& e) {
  const std::string what = e.what();
  if (dynamic_cast<const InputError*>(&e) || dynamic_cast<const CalendarError*>(&e) ||
      dynamic_cast<const RulesError*>(&e) || dynamic_cast<const TypesetError*>(&e) ||
      dynamic_cast<const DocumentError*>(&e))
    return {kInputProblems, what};
  if (dynamic_cast<const UsageError*>(&e)) return {kUsage, "tws: " + what};
  if (dynamic_cast<const EnvironmentError*>(&e) || dynamic_cast<const RenderError*>(&e) ||
      dynamic_cast<const TemplateError*>(&e))
    return {kEnvironment, "tws: " + what};
  return {kEnvironment, "tws: 内部错误：" + what};
}

}  // namespace tws
