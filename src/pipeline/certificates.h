// `tws certificates --year Y` (issue 19 item 5, 授牌): a certificate for each station
// the year's 认定通知 approved and the sign maker's list, from the registry's record of
// the approval, into output/<year>/授牌/. A command of its own, not a phase: it issues
// no 发文字号 and records nothing; its files depend only on the approval (the stations,
// the 发文字号 and its date), so running it again gives the same bytes.
#pragma once
#include <string>
#include <vector>

#include "pipeline/year_run.h"

namespace tws::pipeline {

struct CertificatesReport {
  std::vector<std::string> written;    // files written (new, or replaced with --force)
  std::vector<std::string> unchanged;  // already there with the same bytes
  std::vector<std::string> notes;      // for the user: stations revoked since
};

// Renders every file first; then refuses (InputError, nothing written) when one of them
// exists with other bytes, unless `force` (then only a regular file is replaced). A year
// without a recorded approval, or whose approval named nobody, is an InputError.
CertificatesReport write_certificates(const RunOptions& options, bool force);

}  // namespace tws::pipeline
