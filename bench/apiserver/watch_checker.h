#pragma once

// WatchChecker: did every watcher see every write exactly once, and how
// late? Writes are keyed by (name, resourceVersion) with the time the
// write was acknowledged; each watcher's received ADDED events are keyed
// the same way with the time the line was read.
//
// Threading: not thread-safe. The fan-out collects per-watcher vectors in
// their threads and hands them over after joining.

#include <chrono>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "bench/apiserver/latency_histogram.h"

namespace navigator::bench::loadgen {

using SteadyTime = std::chrono::steady_clock::time_point;

struct ObservedEvent {
  std::string name;
  std::string resource_version;
  SteadyTime at;
};

struct WatchCheck {
  int64_t expected = 0;    // watchers x writes
  int64_t delivered = 0;   // distinct matching (watcher, write) pairs
  int64_t missing = 0;     // expected - delivered
  int64_t duplicates = 0;  // a write seen again by the same watcher
  int64_t unexpected = 0;  // events matching no write (or a wrong resourceVersion)
  // Lag of every delivered event: read time - ack time, 0 when negative.
  LatencyHistogram lag;

  bool complete() const { return missing == 0 && duplicates == 0 && unexpected == 0; }
};

class WatchChecker {
 public:
  // Preconditions: each name is written once; every write is added before
  // the first watcher.
  void AddWrite(const std::string& name, const std::string& resource_version, SteadyTime acked);
  // One watcher's events, in any order.
  void AddWatcher(const std::vector<ObservedEvent>& events);

  const WatchCheck& result() const { return check_; }

 private:
  struct Write {
    std::string resource_version;
    SteadyTime acked;
  };
  std::unordered_map<std::string, Write> writes_;
  WatchCheck check_;
  int64_t watchers_ = 0;
};

}  // namespace navigator::bench::loadgen
