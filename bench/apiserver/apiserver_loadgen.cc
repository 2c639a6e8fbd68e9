// navigator_apiserver_loadgen: the load generator of the API server
// benchmark (issue 6). Usage and the output schema: bench/apiserver/README.md.

#include <iostream>
#include <string>
#include <vector>

#include "bench/apiserver/loadgen_main.h"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  return navigator::bench::loadgen::LoadgenMain(args, std::cout, std::cerr);
}
