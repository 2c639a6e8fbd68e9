#pragma once

// Histogram: counts observations into cumulative buckets (Prometheus' `le`
// semantics: bucket i counts observations <= bound i, plus an implicit +Inf
// bucket), and keeps their sum.
//
// Threading: Observe is thread-safe and lock-free. A Snapshot taken during
// concurrent Observe calls is consistent in its buckets and count (the count
// is the +Inf bucket) but its sum may lag or lead by in-flight observations.

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace navigator::metrics {

// Prometheus' default buckets (client_golang's DefBuckets).
std::vector<double> DefaultBuckets();

// `bounds` sorted ascending, finite, without duplicates; a +Inf bound, NaNs and
// duplicates are dropped and the rest sorted. Empty gives DefaultBuckets().
std::vector<double> NormalizeBuckets(std::vector<double> bounds);

class Histogram {
 public:
  // Precondition: `bounds` is normalized (NormalizeBuckets). Shared between
  // the histograms of one family.
  explicit Histogram(std::shared_ptr<const std::vector<double>> bounds);

  // NaN counts in the +Inf bucket only and is left out of the sum.
  void Observe(double v);

  struct Snapshot {
    std::vector<double> bounds;        // without +Inf
    std::vector<uint64_t> cumulative;  // bounds.size() + 1 entries, the last +Inf
    double sum = 0;
    uint64_t count = 0;  // == cumulative.back()
  };
  Snapshot Read() const;

 private:
  std::shared_ptr<const std::vector<double>> bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> counts_;  // per bucket, not cumulative
  std::atomic<double> sum_{0};
};

}  // namespace navigator::metrics
