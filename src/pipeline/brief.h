// `tws brief`: the 年度工作简报 for the school's leaders, written from the registry after
// the year's assessment. Read only on the registry; writes output/<year>/工作简报.pdf.
#pragma once
#include <filesystem>
#include <string>

#include "pipeline/year_run.h"

namespace tws::pipeline {

struct BriefResult {
  std::filesystem::path file;
  int issue = 0, pages = 0;
};

// Throws InputError when the registry has no assessment of the year, when the date is
// before it, or when the target exists and is not a brief tws wrote (it is never
// overwritten); DocumentError for text that cannot be printed.
BriefResult write_brief(const RunOptions& options);

}  // namespace tws::pipeline
