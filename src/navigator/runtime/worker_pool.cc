#include "navigator/runtime/worker_pool.h"

#include <algorithm>
#include <exception>
#include <utility>

#include "navigator/base/logging.h"

namespace navigator::runtime {

WorkerPool::WorkerPool(WorkQueue& queue, Reconciler reconcile, WorkerPoolOptions options)
    : queue_(queue),
      reconcile_(std::move(reconcile)),
      name_(std::move(options.name)),
      worker_count_(std::max(1, options.workers)) {
  if (options.registry == nullptr) return;
  metrics::Registry& registry = *options.registry;
  auto& total =
      registry.Counter("controller_runtime_reconcile_total",
                       "Total number of reconciliations per controller", {"controller", "result"});
  successes_ = &total.WithLabels({name_, "success"});
  errors_ = &total.WithLabels({name_, "error"});
  error_total_ =
      &registry
           .Counter("controller_runtime_reconcile_errors_total",
                    "Total number of reconciliation errors per controller", {"controller"})
           .WithLabels({name_});
  active_workers_ = &registry
                         .Gauge("controller_runtime_active_workers",
                                "Number of currently used workers per controller", {"controller"})
                         .WithLabels({name_});
  registry
      .Gauge("controller_runtime_max_concurrent_reconciles",
             "Maximum number of concurrent reconciles per controller", {"controller"})
      .WithLabels({name_})
      .Set(worker_count_);
}

WorkerPool::~WorkerPool() {
  Stop();
}

void WorkerPool::Start() {
  std::lock_guard lock(mu_);
  if (started_ || stopped_) return;
  started_ = true;
  workers_.reserve(static_cast<size_t>(worker_count_));
  for (int i = 0; i < worker_count_; ++i) workers_.emplace_back([this] { Work(); });
}

void WorkerPool::Stop() {
  std::vector<std::thread> workers;
  {
    std::lock_guard lock(mu_);
    if (stopped_) return;
    stopped_ = true;
    workers.swap(workers_);
  }
  queue_.ShutDownWithDrain();
  for (std::thread& worker : workers) worker.join();
}

Status WorkerPool::ReconcileOne(const std::string& key) {
  try {
    return reconcile_(key);
  } catch (const std::exception& e) {
    return Internal(std::string("reconcile threw: ") + e.what());
  } catch (...) {
    return Internal("reconcile threw a non-standard exception");
  }
}

void WorkerPool::Work() {
  while (std::optional<std::string> key = queue_.Get()) {
    if (active_workers_ != nullptr) active_workers_->Inc();
    const Status status = ReconcileOne(*key);
    if (active_workers_ != nullptr) active_workers_->Dec();
    if (status.ok()) {
      if (successes_ != nullptr) successes_->Inc();
      queue_.Forget(*key);
    } else {
      if (errors_ != nullptr) {
        errors_->Inc();
        error_total_->Inc();
      }
      spdlog::error("controller {}: reconciling {} failed (requeue {}): {}", name_, *key,
                    queue_.NumRequeues(*key) + 1, status.ToString());
      queue_.AddRateLimited(*key);
    }
    queue_.Done(*key);
  }
}

}  // namespace navigator::runtime
