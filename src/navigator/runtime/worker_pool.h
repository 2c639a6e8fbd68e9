#pragma once

// WorkerPool: N threads that take keys from a WorkQueue and reconcile them,
// as a client-go controller's workers (processNextWorkItem):
//
//   - success: Forget(key), so its next failure starts backing off afresh;
//   - error (a non-OK Status, or an exception, which is caught and counted
//     as an Internal error): AddRateLimited(key), so it is retried after the
//     queue's rate limiter's delay;
//   - always Done(key) afterwards.
//
// The queue hands a key to one worker at a time, so `reconcile` never runs
// concurrently for the same key (it does for different keys).
//
// Metrics (optional registry, label controller="<options.name>"), named as
// controller-runtime's:
//   controller_runtime_reconcile_total{controller,result="success|error"}
//   controller_runtime_reconcile_errors_total{controller}
//   controller_runtime_active_workers{controller}
//   controller_runtime_max_concurrent_reconciles{controller}
//
// Threading: Start and Stop may be called from any thread, but not from a
// worker (Stop would wait for itself). `reconcile` runs on the workers.

#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "navigator/base/status.h"
#include "navigator/metrics/registry.h"
#include "navigator/runtime/work_queue.h"

namespace navigator::runtime {

// Brings the object named `key` to its desired state. Thread-safe for
// different keys.
using Reconciler = std::function<Status(const std::string& key)>;

struct WorkerPoolOptions {
  // Names the controller in logs and metrics.
  std::string name;
  // At least 1 (smaller values count as 1).
  int workers = 1;
  // Must outlive the pool. nullptr: no metrics.
  metrics::Registry* registry = nullptr;
};

class WorkerPool {
 public:
  // `queue` must outlive the pool.
  WorkerPool(WorkQueue& queue, Reconciler reconcile, WorkerPoolOptions options);
  // Stop().
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Starts the workers. A no-op when already started or stopped.
  void Start();
  // Shuts the queue down with drain: held keys are dropped, queued keys are
  // still reconciled, then the workers exit; returns once they have all
  // finished. Idempotent.
  void Stop();

 private:
  void Work();
  // One reconcile of `key`, exceptions turned into a Status.
  Status ReconcileOne(const std::string& key);

  WorkQueue& queue_;
  const Reconciler reconcile_;
  const std::string name_;
  const int worker_count_;
  metrics::Counter* successes_ = nullptr;
  metrics::Counter* errors_ = nullptr;
  metrics::Counter* error_total_ = nullptr;
  metrics::Gauge* active_workers_ = nullptr;

  std::mutex mu_;
  bool started_ = false;              // guarded by mu_
  bool stopped_ = false;              // guarded by mu_
  std::vector<std::thread> workers_;  // guarded by mu_
};

}  // namespace navigator::runtime
