// The `tws` command line: sub-commands on Boost.Program_options.
#pragma once

namespace tws::cli {

// Exit codes (README): 0 ok; 1 input problems found; 2 usage error;
// 3 internal or environment error (e.g. missing font, unwritable output).
enum ExitCode { kOk = 0, kInputProblems = 1, kUsage = 2, kEnvironment = 3 };

int run(int argc, char** argv);

}  // namespace tws::cli
