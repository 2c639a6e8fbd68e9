#pragma once

// The performance targets of issue 6, checked against one run's phases:
// navigator-apiserver against kube-apiserver serving CRDs and against the
// raw etcd ceiling, at 32 clients. A target whose phases are missing, or
// counted errors, is "not measured" rather than met or not met.
//
// Pure; thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "bench/apiserver/summary_results.h"

namespace navigator::bench {

enum class Verdict { kMet, kNotMet, kNotMeasured };
std::string_view VerdictText(Verdict verdict);  // "met", "not met", "not measured"

struct TargetCheck {
  std::string target;    // the issue's wording
  std::string measured;  // what this run measured, e.g. "2.4× (5100 vs 2100 ops/s)"
  Verdict verdict = Verdict::kNotMeasured;
};

// The concurrency the throughput and latency targets are stated at.
inline constexpr int64_t kTargetClients = 32;

// `phases`: the measured phases; `resident`: one phase per target after
// 10,000 objects were stored (for the memory target).
std::vector<TargetCheck> CheckIssueTargets(const std::vector<PhaseResult>& phases,
                                           const std::vector<PhaseResult>& resident);

}  // namespace navigator::bench
