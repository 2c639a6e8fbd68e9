#include "navigator/metrics/histogram.h"

#include <algorithm>
#include <cmath>

namespace navigator::metrics {

std::vector<double> DefaultBuckets() {
  return {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

std::vector<double> NormalizeBuckets(std::vector<double> bounds) {
  std::erase_if(bounds, [](double b) { return !std::isfinite(b); });
  std::sort(bounds.begin(), bounds.end());
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  if (bounds.empty()) return DefaultBuckets();
  return bounds;
}

Histogram::Histogram(std::shared_ptr<const std::vector<double>> bounds)
    : bounds_(std::move(bounds)),
      counts_(std::make_unique<std::atomic<uint64_t>[]>(bounds_->size() + 1)) {}

void Histogram::Observe(double v) {
  const std::vector<double>& bounds = *bounds_;
  std::size_t index = bounds.size();
  if (!std::isnan(v)) {
    index = static_cast<std::size_t>(std::lower_bound(bounds.begin(), bounds.end(), v) -
                                     bounds.begin());
    sum_.fetch_add(v, std::memory_order_relaxed);
  }
  counts_[index].fetch_add(1, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::Read() const {
  Snapshot snapshot;
  snapshot.bounds = *bounds_;
  snapshot.cumulative.resize(bounds_->size() + 1);
  uint64_t total = 0;
  for (std::size_t i = 0; i <= bounds_->size(); ++i) {
    total += counts_[i].load(std::memory_order_relaxed);
    snapshot.cumulative[i] = total;
  }
  snapshot.count = total;
  snapshot.sum = sum_.load(std::memory_order_relaxed);
  return snapshot;
}

}  // namespace navigator::metrics
