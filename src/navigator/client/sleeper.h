#pragma once

// Waiting is injected: code that backs off or polls takes a Sleeper& and a
// StopSignal, so tests run its waits on simulated time (testing/fake_sleeper.h)
// and Stop() cuts a real wait short.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace navigator::client {

// A one-way stop flag with a wake-up for those waiting on it. Thread-safe.
class StopSignal {
 public:
  // Sets the flag and wakes every WaitFor. Idempotent.
  void Stop() {
    {
      std::lock_guard lock(mu_);
      stopped_.store(true);
    }
    cv_.notify_all();
  }
  bool stopped() const { return stopped_.load(); }
  // The flag itself, for RestClient::Stream's `cancel`.
  const std::atomic<bool>& flag() const { return stopped_; }

  // Waits up to `duration` of real time; returns early once stopped. Returns
  // stopped().
  bool WaitFor(std::chrono::nanoseconds duration) {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, duration, [&] { return stopped_.load(); });
    return stopped_.load();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> stopped_{false};
};

class Sleeper {
 public:
  virtual ~Sleeper() = default;
  // Waits `duration` unless `stop` is signalled first. Returns false when
  // stopped (the caller should give up), true otherwise. Thread-safe.
  virtual bool Sleep(std::chrono::nanoseconds duration, StopSignal& stop) = 0;
};

// Sleeps on the real clock.
class RealSleeper final : public Sleeper {
 public:
  bool Sleep(std::chrono::nanoseconds duration, StopSignal& stop) override {
    return !stop.WaitFor(duration);
  }
  static RealSleeper& Instance() {
    static RealSleeper sleeper;
    return sleeper;
  }
};

}  // namespace navigator::client
