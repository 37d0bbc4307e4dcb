#include "common/errors.h"

#include "common/strings.h"

namespace tws {

TypesetError::TypesetError(std::vector<std::string> p)
    : std::runtime_error(join(p, "\n")), problems(std::move(p)) {}

DocumentError::DocumentError(Diagnostics d)
    : std::runtime_error(d.items().empty() ? std::string("文书无法生成") : format_diagnostic(d.items().front())),
      diags(std::move(d)) {}

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
