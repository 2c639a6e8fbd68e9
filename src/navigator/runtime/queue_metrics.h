#pragma once

// QueueMetrics: a work queue's Prometheus metrics, named and labelled as
// client-go's workqueue metrics (label name="<queue name>"):
//
//   workqueue_depth                               gauge: keys waiting to be handed out
//   workqueue_adds_total                          counter: keys added (not counting duplicates)
//   workqueue_retries_total                       counter: delayed and rate-limited adds
//   workqueue_queue_duration_seconds              histogram: time from add to Get
//   workqueue_work_duration_seconds               histogram: time from Get to Done
//   workqueue_unfinished_work_seconds             gauge: summed age of the work in progress
//   workqueue_longest_running_processor_seconds   gauge: age of the oldest work in progress
//
// The two unfinished-work gauges are refreshed by UpdateUnfinishedWork, which
// the queue calls periodically. Without a registry every method is a no-op.
//
// Threading: not thread-safe; the owning WorkQueue calls it with its lock held.

#include <map>
#include <string>

#include "navigator/base/clock.h"
#include "navigator/metrics/registry.h"

namespace navigator::runtime {

class QueueMetrics {
 public:
  using TimePoint = Clock::TimePoint;

  // `registry` (nullable) must outlive this object.
  QueueMetrics(metrics::Registry* registry, const std::string& name);

  bool enabled() const { return depth_ != nullptr; }
  // `key` became dirty (queued, or due again after its current processing).
  void Added(const std::string& key, TimePoint now);
  // `key` was handed to a worker.
  void Started(const std::string& key, TimePoint now);
  // The worker finished `key`.
  void Finished(const std::string& key, TimePoint now);
  void Retried();
  void UpdateUnfinishedWork(TimePoint now);

 private:
  metrics::Gauge* depth_ = nullptr;
  metrics::Counter* adds_ = nullptr;
  metrics::Counter* retries_ = nullptr;
  metrics::Histogram* queue_duration_ = nullptr;
  metrics::Histogram* work_duration_ = nullptr;
  metrics::Gauge* unfinished_work_ = nullptr;
  metrics::Gauge* longest_running_ = nullptr;
  std::map<std::string, TimePoint> added_at_;
  std::map<std::string, TimePoint> started_at_;
};

}  // namespace navigator::runtime
