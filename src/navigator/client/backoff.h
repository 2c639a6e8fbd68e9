#pragma once

// Exponential backoff with jitter, as client-go's backoff manager that paces
// a reflector's retries: the base wait starts at `initial`, doubles with each
// consecutive failure up to `cap`, and starts over once `reset_after` passed
// since the last wait was handed out (the failures stopped for a while).
// Each wait is drawn uniformly from [base/2, base], so it never exceeds `cap`
// and clients that failed together do not retry in lockstep.
//
// Threading: not thread-safe; one retry loop owns a Backoff.

#include <chrono>

#include "navigator/base/clock.h"
#include "navigator/base/random.h"

namespace navigator::client {

struct BackoffOptions {
  std::chrono::milliseconds initial{800};
  std::chrono::milliseconds cap{30'000};
  double factor = 2.0;
  std::chrono::milliseconds reset_after{120'000};
};

class Backoff {
 public:
  // `clock` and `random` must outlive the Backoff.
  Backoff(BackoffOptions options, const Clock& clock, Random& random);

  // The wait before the next retry.
  std::chrono::milliseconds Next();
  // Starts over at `initial`.
  void Reset();

 private:
  BackoffOptions options_;
  const Clock& clock_;
  Random& random_;
  std::chrono::milliseconds base_{0};  // 0: the next wait starts at initial
  Clock::TimePoint last_;
};

// A uniform double in [0, 1) from `random`.
double UniformUnit(Random& random);

}  // namespace navigator::client
