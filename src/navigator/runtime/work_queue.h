#pragma once

// WorkQueue: the controller runtime's queue of object keys ("namespace/name"),
// with client-go's workqueue semantics (util/workqueue: Type, the delaying
// queue and the rate-limiting queue in one class):
//
//   - Stingy: a key queued several times before a worker takes it is handed
//     out once (the dirty set).
//   - Never concurrent: a key handed out by Get is "processing" until Done. If
//     it is added meanwhile it is not handed to another worker; it is queued
//     again when Done is called (the processing set).
//   - Fair: keys are handed out in the order they were first added.
//   - Delayed adds: AddAfter holds a key until its ready time (a key held
//     twice keeps the earlier time); AddRateLimited asks the RateLimiter how
//     long to hold it; Forget clears its failure history.
//   - Shutdown: ShutDown makes Add and AddAfter no-ops and drops held keys.
//     Get still hands out the keys already queued, then returns nullopt (at
//     once for blocked callers when the queue is empty). ShutDownWithDrain
//     also waits until every key handed out has been marked Done.
//
// Time: ready times are on the injected Clock. Held keys become queued when
// the delay driver processes them: with DelayDriver::kBackgroundThread a
// thread owned by the queue wakes at the next ready time (production, on a
// real clock); with DelayDriver::kManual nothing moves until Tick() is called,
// so tests advance a FakeClock and call Tick() for deterministic, instant runs.
//
// Threading: every method is thread-safe. Get blocks; ShutDownWithDrain blocks
// until the work in progress is Done. The destructor shuts the queue down and
// joins its thread; no call may be in progress or start during destruction.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_set>

#include "navigator/base/clock.h"
#include "navigator/metrics/registry.h"
#include "navigator/runtime/delayed_items.h"
#include "navigator/runtime/queue_metrics.h"
#include "navigator/runtime/rate_limiter.h"

namespace navigator::runtime {

enum class DelayDriver {
  kBackgroundThread,  // a thread waits (in real time) for the next ready time
  kManual,            // held keys move only on Tick()
};

struct WorkQueueOptions {
  // Names the queue in logs and in the metrics' `name` label.
  std::string name;
  // Must outlive the queue. nullptr: SystemClock::Instance().
  const Clock* clock = nullptr;
  // nullptr: DefaultControllerRateLimiter(*clock).
  std::unique_ptr<RateLimiter> rate_limiter;
  // Where the workqueue_* metrics go (see queue_metrics.h); must outlive the
  // queue. nullptr: no metrics.
  metrics::Registry* registry = nullptr;
  DelayDriver delay_driver = DelayDriver::kBackgroundThread;
};

class WorkQueue {
 public:
  using TimePoint = Clock::TimePoint;

  explicit WorkQueue(WorkQueueOptions options);
  ~WorkQueue();
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  // Queues `key` unless it is already queued (or, when it is being processed,
  // marks it to be queued again on Done). A no-op once shutting down.
  void Add(const std::string& key);
  // Blocks until a key is queued or the queue shuts down. Returns the key,
  // which the caller must pass to Done when finished; nullopt once the queue
  // is shutting down and empty.
  std::optional<std::string> Get();
  // Ends the processing of `key` (from Get). A key that is not being
  // processed is ignored.
  void Done(const std::string& key);
  // Keys queued and not yet handed out (not counting held or processing keys).
  size_t Len() const;

  void ShutDown();
  // ShutDown, then waits until no key is being processed (or until ShutDown
  // is called).
  void ShutDownWithDrain();
  bool ShuttingDown() const;

  // Queues `key` once `delay` has passed on the clock (at once if `delay` <=
  // 0). Counts as a retry in the metrics. A no-op once shutting down.
  void AddAfter(const std::string& key, std::chrono::nanoseconds delay);
  // AddAfter(key, rate_limiter.When(key)).
  void AddRateLimited(const std::string& key);
  // The rate limiter forgets `key`'s failures; does not remove it from the queue.
  void Forget(const std::string& key);
  int NumRequeues(const std::string& key) const;

  // Queues every held key whose ready time has come, earliest first, and
  // refreshes the unfinished-work metrics. Returns how many keys were due.
  // The background thread calls it itself; with kManual, the owner does.
  size_t Tick();
  // Keys held by AddAfter and not yet due (for tests and diagnostics).
  size_t NumDelayed() const;
  // The earliest ready time of a held key.
  std::optional<TimePoint> NextReadyAt() const;

  const std::string& name() const { return name_; }

 private:
  // Require mu_.
  void AddLocked(const std::string& key, TimePoint now);
  size_t PromoteDueLocked(TimePoint now);
  void StartShutdownLocked(bool drain);
  void DelayLoop();

  const std::string name_;
  const Clock& clock_;
  const std::unique_ptr<RateLimiter> rate_limiter_;

  mutable std::mutex mu_;
  std::condition_variable item_cv_;   // Get waiters: a key was queued or shutdown
  std::condition_variable drain_cv_;  // ShutDownWithDrain: processing emptied or drain cancelled
  std::condition_variable delay_cv_;  // the delay thread: new held key or shutdown
  std::deque<std::string> queue_;     // guarded by mu_; each key also in dirty_
  std::unordered_set<std::string> dirty_;       // guarded by mu_; keys due for processing
  std::unordered_set<std::string> processing_;  // guarded by mu_; keys handed out by Get
  DelayedItems delayed_;                        // guarded by mu_
  QueueMetrics metrics_;                        // guarded by mu_
  bool shutting_down_ = false;                  // guarded by mu_
  bool drain_ = false;                          // guarded by mu_
  std::thread delay_thread_;                    // joinable with kBackgroundThread
};

}  // namespace navigator::runtime
