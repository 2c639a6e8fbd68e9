#pragma once

// The result of one measured phase and its JSON line: the stable output
// schema documented in README.md ("Output schema"). Keys never disappear;
// what does not apply is null.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "bench/apiserver/latency_histogram.h"

namespace navigator::bench::loadgen {

inline constexpr int kSchemaVersion = 1;

struct WatchSummary {
  int watchers = 0;
  int64_t events_expected = 0;
  int64_t events_delivered = 0;
  bool complete = false;
};

struct PhaseResult {
  std::string target;
  std::string op;  // OpName
  int clients = 0;
  int64_t ops = 0;  // successful
  int64_t errors = 0;
  int64_t conflicts = 0;
  double seconds = 0;
  // Request latencies (watch: delivery lags), nanoseconds.
  LatencyHistogram latency;
  std::optional<double> server_cpu_seconds;  // used during the phase
  std::optional<int64_t> server_rss_bytes;
  std::optional<int64_t> server_rss_peak_bytes;
  int64_t value_bytes = 0;
  std::optional<int64_t> objects;
  std::optional<WatchSummary> watch;
  // mixed: successful ops per op name.
  std::optional<std::map<std::string, int64_t>> mix;
};

// The JSON object of `result` on one line, without the trailing newline.
// ops_per_sec is 0 when seconds is 0; server_cpu_seconds_per_1000 is null
// without server_cpu_seconds or when no op succeeded.
std::string PhaseResultJsonLine(const PhaseResult& result);

}  // namespace navigator::bench::loadgen
