// The `tws` command line: sub-commands on Boost.Program_options.
#pragma once

namespace tws::cli {

// Returns the exit code (tws::ExitCode in common/errors.h).
int run(int argc, char** argv);

}  // namespace tws::cli
