// navigator_bench_table: prints the Markdown table of docs/performance.md
// ("navigator-apiserver vs kube-apiserver CRDs vs etcd") from the load
// generator's JSON lines (summary_table.h).
//
// Usage: navigator_bench_table [--resident=FILE] [--command=TEXT] [FILE...]
//   FILE...     JSON lines of the measured phases (stdin when none)
//   --resident  JSON lines of each target's 10,000-object fill (memory)
//   --command   the reproducing command, printed with the table
// Exit status: 0 printed, 1 a file unreadable or a line malformed (the
// message names file and line), 2 bad flags.

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "bench/apiserver/summary_table.h"

namespace {

using navigator::Result;
using navigator::bench::PhaseResult;

// Appends the phases of `path` ("-": stdin) to `out`; false after printing why not.
bool Load(const std::string& path, std::vector<PhaseResult>& out) {
  std::ostringstream text;
  if (path == "-") {
    text << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      fmt::print(stderr, "navigator_bench_table: cannot read {}\n", path);
      return false;
    }
    text << in.rdbuf();
  }
  Result<std::vector<PhaseResult>> phases = navigator::bench::ParsePhaseResults(text.str());
  if (!phases.ok()) {
    fmt::print(stderr, "navigator_bench_table: {}: {}\n", path, phases.status().message());
    return false;
  }
  out.insert(out.end(), phases->begin(), phases->end());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  navigator::bench::BenchReport report;
  std::vector<std::string> files;
  std::vector<std::string> resident;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with("--resident=")) {
      resident.emplace_back(arg.substr(11));
    } else if (arg.starts_with("--command=")) {
      report.command = arg.substr(10);
    } else if (arg.starts_with("--") && arg != "--") {
      fmt::print(stderr,
                 "navigator_bench_table: unknown flag '{}'\nusage: navigator_bench_table "
                 "[--resident=FILE] [--command=TEXT] [FILE...]\n",
                 arg);
      return 2;
    } else if (arg != "--") {
      files.emplace_back(arg);
    }
  }
  if (files.empty()) files.emplace_back("-");
  for (const std::string& f : files) {
    if (!Load(f, report.phases)) return 1;
  }
  for (const std::string& f : resident) {
    if (!Load(f, report.resident)) return 1;
  }
  report.machine = navigator::bench::ReadMachineInfo();
  std::cout << navigator::bench::RenderMarkdown(report) << std::flush;
  return std::cout ? 0 : 1;
}
