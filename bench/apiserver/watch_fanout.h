#pragma once

// The watch fan-out phase (server mode): `watchers` watch streams on
// <ns>-watch, all from one resourceVersion, each with its own connection
// and thread; a sentinel Pilot is created and every stream must deliver it
// (so all are open) before `writers` clients create `events` Pilots as
// fast as they can. Every watcher is then checked to have seen every
// write exactly once (WatchChecker), and the delivery lag of each event
// (line read - write acknowledged) goes into the latency histogram.
//
// The result's `seconds` runs from the first write to the last event read
// (or to the timeout); `ops` counts the acknowledged writes; `errors`
// counts failed writes plus watch streams that failed.
//
// Threading: call from one thread; it starts and joins its threads.

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <ostream>
#include <string>

#include "bench/apiserver/phase_result.h"
#include "bench/apiserver/server_target.h"

namespace navigator::bench::loadgen {

struct WatchSpec {
  std::string target_name;
  int watchers = 1;
  int events = 1;
  int writers = 1;  // --clients
  // How long after the last write the watchers may take to see everything.
  std::chrono::milliseconds timeout{60'000};
  std::optional<pid_t> server_pid;
  // Distinguishes the objects of several watch phases in one run.
  int phase = 0;
};

// Fails only when the phase could not run (namespace, initial list,
// sentinel not delivered to every watcher within the timeout, server
// process unreadable); missed events are reported in the result.
Result<PhaseResult> RunWatchFanout(const ServerTargetOptions& options, const WatchSpec& spec,
                                   std::ostream& progress);

}  // namespace navigator::bench::loadgen
