#include "navigator/runtime/queue_metrics.h"

#include <algorithm>
#include <vector>

namespace navigator::runtime {
namespace {

// client-go's buckets for both durations: 10ns .. 10s, a factor of 10 apart.
std::vector<double> DurationBuckets() {
  std::vector<double> bounds;
  double bound = 1e-8;
  for (int i = 0; i < 10; ++i, bound *= 10) bounds.push_back(bound);
  return bounds;
}

double Seconds(Clock::TimePoint from, Clock::TimePoint to) {
  return std::max(0.0, std::chrono::duration<double>(to - from).count());
}

}  // namespace

QueueMetrics::QueueMetrics(metrics::Registry* registry, const std::string& name) {
  if (registry == nullptr) return;
  const std::vector<std::string> labels = {"name"};
  depth_ =
      &registry->Gauge("workqueue_depth", "Current depth of workqueue", labels).WithLabels({name});
  adds_ =
      &registry
           ->Counter("workqueue_adds_total", "Total number of adds handled by workqueue", labels)
           .WithLabels({name});
  retries_ = &registry
                  ->Counter("workqueue_retries_total",
                            "Total number of retries handled by workqueue", labels)
                  .WithLabels({name});
  queue_duration_ =
      &registry
           ->Histogram("workqueue_queue_duration_seconds",
                       "How long in seconds an item stays in workqueue before being requested.",
                       labels, DurationBuckets())
           .WithLabels({name});
  work_duration_ = &registry
                        ->Histogram("workqueue_work_duration_seconds",
                                    "How long in seconds processing an item from workqueue takes.",
                                    labels, DurationBuckets())
                        .WithLabels({name});
  unfinished_work_ = &registry
                          ->Gauge("workqueue_unfinished_work_seconds",
                                  "How many seconds of work has been done that is in progress and "
                                  "hasn't been observed by work_duration.",
                                  labels)
                          .WithLabels({name});
  longest_running_ = &registry
                          ->Gauge("workqueue_longest_running_processor_seconds",
                                  "How many seconds has the longest running processor for "
                                  "workqueue been running.",
                                  labels)
                          .WithLabels({name});
}

void QueueMetrics::Added(const std::string& key, TimePoint now) {
  if (!enabled()) return;
  adds_->Inc();
  depth_->Inc();
  added_at_.try_emplace(key, now);
}

void QueueMetrics::Started(const std::string& key, TimePoint now) {
  if (!enabled()) return;
  depth_->Dec();
  started_at_[key] = now;
  if (auto it = added_at_.find(key); it != added_at_.end()) {
    queue_duration_->Observe(Seconds(it->second, now));
    added_at_.erase(it);
  }
}

void QueueMetrics::Finished(const std::string& key, TimePoint now) {
  if (!enabled()) return;
  if (auto it = started_at_.find(key); it != started_at_.end()) {
    work_duration_->Observe(Seconds(it->second, now));
    started_at_.erase(it);
  }
}

void QueueMetrics::Retried() {
  if (enabled()) retries_->Inc();
}

void QueueMetrics::UpdateUnfinishedWork(TimePoint now) {
  if (!enabled()) return;
  double total = 0;
  double longest = 0;
  for (const auto& [key, started] : started_at_) {
    const double age = Seconds(started, now);
    total += age;
    longest = std::max(longest, age);
  }
  unfinished_work_->Set(total);
  longest_running_->Set(longest);
}

}  // namespace navigator::runtime
