// `tws template --year Y` (issue 19 item 3): the year's input workbooks pre-filled from
// the registry, for HR to complete.
#pragma once
#include <string>
#include <vector>

#include "config/settings.h"
#include "pipeline/year_run.h"

namespace tws::pipeline {

// The year's settings: input/tws.ini, then input/<year>/tws.ini over it (InputError on
// a bad key or value).
config::Settings year_settings(const RunOptions& options);

// `tws template --year Y` (issue 19 item 3): performance.xlsx pre-filled with the
// stations in term in Y, objections.xlsx with Y's 公示名单, into `dir` (default
// output/<year>/模板/). Each workbook is written when the registry has its data; the
// other is named in `notes` with why. Neither: InputError. An existing file of those
// names is refused unless `force`, as `tws template` does. Returns the files written.
std::vector<std::string> write_prefilled_templates(const RunOptions& options, const std::string& dir, bool force,
                                                   std::vector<std::string>& notes);

}  // namespace tws::pipeline
