#pragma once

// A Sleeper on simulated time for tests: each Sleep records its duration,
// advances a FakeClock by it and returns at once, so backoff sequences run
// instantly. After `free_sleeps` sleeps it blocks (really) until stopped, so
// a test can examine a fixed number of waits without the loop under test
// spinning.
//
// Threading: thread-safe.

#include <chrono>
#include <condition_variable>
#include <limits>
#include <mutex>
#include <vector>

#include "navigator/base/clock.h"
#include "navigator/client/sleeper.h"

namespace navigator::client::testing {

class FakeSleeper final : public Sleeper {
 public:
  explicit FakeSleeper(FakeClock& clock, size_t free_sleeps = std::numeric_limits<size_t>::max())
      : clock_(clock), free_sleeps_(free_sleeps) {}

  bool Sleep(std::chrono::nanoseconds duration, StopSignal& stop) override {
    bool block = false;
    {
      std::lock_guard lock(mu_);
      sleeps_.push_back(std::chrono::duration_cast<std::chrono::milliseconds>(duration));
      block = sleeps_.size() > free_sleeps_;
    }
    cv_.notify_all();
    if (stop.stopped()) return false;
    if (block) {
      while (!stop.WaitFor(std::chrono::seconds(1))) {
      }
      return false;
    }
    clock_.Advance(duration);
    return true;
  }

  // The durations asked for so far, oldest first.
  std::vector<std::chrono::milliseconds> sleeps() const {
    std::lock_guard lock(mu_);
    return sleeps_;
  }

  // Waits (real time, up to `timeout`) until at least `n` sleeps were asked
  // for; true when they were.
  bool WaitForSleeps(size_t n, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return sleeps_.size() >= n; });
  }

 private:
  FakeClock& clock_;
  const size_t free_sleeps_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::chrono::milliseconds> sleeps_;
};

}  // namespace navigator::client::testing
