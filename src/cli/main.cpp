#include "cli/cli.h"

int main(int argc, char** argv) { return tws::cli::run(argc, argv); }
