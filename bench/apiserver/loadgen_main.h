#pragma once

// The whole load generator behind navigator_apiserver_loadgen's main():
// parse and validate the flags, build the target, run every phase (--op
// outer, --clients inner) and print one JSON line per phase on `out`;
// progress and errors go to `err`. Callable in-process (the smoke test
// does), so it never exits the process.
//
// Returns the exit status: 0 every phase ran (errors inside a phase are
// counted in its line), 1 a phase could not run, 2 bad flags.

#include <ostream>
#include <string>
#include <vector>

namespace navigator::bench::loadgen {

// `args` without the program name.
int LoadgenMain(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace navigator::bench::loadgen
