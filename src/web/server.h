// `tws serve`: the HR office's page on the same pipeline as the command line — the
// year's state, uploads checked by cell, runs under the run lock, the school's
// decisions, the documents. Accounts and the audit log are in the registry
// (accounts/accounts.h).
#pragma once
#include <string>

#include "pipeline/year_run.h"

namespace tws::web {

struct ServeOptions {
  pipeline::RunOptions run;             // config, input, output, registry
  std::string listen = "127.0.0.1:8080";  // host:port; port 0 takes a free one
  std::string tls_cert, tls_key;        // both or neither: HTTPS
};

// Serves until SIGINT or SIGTERM. Prints "tws serve: 正在监听 <url>" once listening.
// Returns the exit code.
int serve(const ServeOptions& options);

}  // namespace tws::web
