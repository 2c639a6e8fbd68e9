#pragma once

// One controller, as controller-runtime's: objects of a primary informer,
// and owners of objects in secondary informers, become keys
// ("namespace/name") in a de-duplicating, rate-limited WorkQueue; a
// WorkerPool reconciles them (a failed key comes back with backoff; one key
// is never reconciled by two workers at once). With a resync period every
// cached primary object is queued again periodically.
//
// Ownership and threading: the informers and the registry must outlive the
// controller. Start/Stop from one thread; the reconciler runs on the pool's
// workers.

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "navigator/base/clock.h"
#include "navigator/client/informer.h"
#include "navigator/client/sleeper.h"
#include "navigator/metrics/registry.h"
#include "navigator/runtime/work_queue.h"
#include "navigator/runtime/worker_pool.h"

namespace navigator::runtime {

struct ControllerOptions {
  std::string name;  // names the queue and the pool in logs and metrics
  int workers = 1;
  std::chrono::seconds resync_period{0};  // 0: no resync
  metrics::Registry* registry = nullptr;
  const Clock* clock = nullptr;  // nullptr: SystemClock
};

class Controller {
 public:
  Controller(client::Informer& primary, Reconciler reconcile, ControllerOptions options);
  ~Controller();
  Controller(const Controller&) = delete;
  Controller& operator=(const Controller&) = delete;

  // Objects of `informer` with a controller ownerReference of kind
  // `owner_kind` queue their owner (in the object's namespace). Call before
  // Start.
  void WatchOwned(client::Informer& informer, std::string owner_kind);

  // Queues every cached primary object, then starts the workers.
  void Start();
  // Drains the queue (queued keys are still reconciled) and joins. Idempotent.
  void Stop();

  // Queues every cached primary object (a resync; also what a new leader
  // does to catch up on what it skipped while it was not leading).
  void RequeueAll();

  // For tests and metrics.
  WorkQueue& queue() { return queue_; }

 private:
  void Enqueue(const boost::json::object& object);
  void ResyncLoop();

  client::Informer& primary_;
  const ControllerOptions options_;
  WorkQueue queue_;
  WorkerPool pool_;
  client::StopSignal stop_;
  std::thread resync_thread_;
};

// The "namespace/name" key of the owner of kind `owner_kind` that controls
// `object` (ownerReferences entry with controller: true); "" when none.
std::string ControllerOwnerKey(const boost::json::object& object, std::string_view owner_kind);

}  // namespace navigator::runtime
