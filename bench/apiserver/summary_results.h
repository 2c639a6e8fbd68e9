#pragma once

// The load generator's output (README.md, "Output schema"): one JSON object
// per line, one line per measured phase. navigator_bench_table reads these
// lines; only the keys it prints are kept.
//
// Pure; thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "navigator/base/result.h"

namespace navigator::bench {

struct PhaseResult {
  std::string target;  // "navigator", "kube-apiserver", "etcd" (run.sh's --target-name)
  std::string op;      // "create", ..., "watch"
  int64_t clients = 0;
  int64_t ops = 0;
  int64_t errors = 0;
  double ops_per_sec = 0;
  std::optional<double> p50_ms, p90_ms, p99_ms, max_ms;
  std::optional<double> server_cpu_seconds_per_1000;
  std::optional<int64_t> server_rss_bytes;
  std::optional<int64_t> server_rss_peak_bytes;
  // watch only
  std::optional<int64_t> watchers;
  std::optional<int64_t> events_expected;
  std::optional<int64_t> events_delivered;
  std::optional<bool> events_complete;
};

// Parses JSON lines; blank lines are skipped. Errors (kBadRequest) name the
// line: not a JSON object, `target`/`op` not a non-empty string, `clients`
// not a positive integer, a number key holding something else than a number
// or null.
Result<std::vector<PhaseResult>> ParsePhaseResults(std::string_view text);

// The last phase of `target` running `op` at `clients` (0: any level), or null.
const PhaseResult* FindPhase(const std::vector<PhaseResult>& phases, std::string_view target,
                             std::string_view op, int64_t clients);

// The names run.sh gives the three targets (--target-name).
inline constexpr std::string_view kNavigator = "navigator";
inline constexpr std::string_view kKubeApiserver = "kube-apiserver";
inline constexpr std::string_view kEtcd = "etcd";

}  // namespace navigator::bench
