#pragma once

// Runs one measured phase: `clients` threads, each with its own Worker
// (connected before the clock starts), issuing `op` back to back (for
// kMixed: the OpMixSchedule) until `duration` has passed or `total_ops`
// operations were issued, whichever is given. Samples the server process
// before and after.
//
// Threading: call from one thread; it starts and joins the client threads.

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "bench/apiserver/op_kind.h"
#include "bench/apiserver/phase_result.h"
#include "bench/apiserver/target.h"

namespace navigator::bench::loadgen {

struct PhaseSpec {
  std::string target_name;
  OpKind op = OpKind::kGet;  // not kWatch (watch_fanout.h)
  int clients = 1;
  // Exactly one of the two.
  std::optional<std::chrono::milliseconds> duration;
  std::optional<int64_t> total_ops;
  std::optional<pid_t> server_pid;
};

// Prepares the target, runs the phase and returns its result (errors
// counted in it). Fails only when the phase could not run: preparation
// failed, a worker could not be created or connect, the server process
// could not be read.
Result<PhaseResult> RunPhase(Target& target, const PhaseSpec& spec, std::ostream& progress);

}  // namespace navigator::bench::loadgen
