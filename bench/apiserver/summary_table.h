#pragma once

// The Markdown that docs/performance.md publishes for one run of
// bench/apiserver/run.sh: the machine, throughput and p99 latency per op and
// concurrency for each target with the ratios navigator / kube-apiserver and
// navigator / etcd, memory and CPU, watch fan-out, and issue 6's targets
// marked met / not met.
//
// Pure; thread-safe.

#include <string>
#include <vector>

#include "bench/apiserver/summary_machine.h"
#include "bench/apiserver/summary_results.h"

namespace navigator::bench {

struct BenchReport {
  std::vector<PhaseResult> phases;    // the measured phases, any order
  std::vector<PhaseResult> resident;  // per target: the 10,000-object fill
  MachineInfo machine;
  std::string command;  // the reproducing command; "" leaves the line out
};

std::string RenderMarkdown(const BenchReport& report);

}  // namespace navigator::bench
