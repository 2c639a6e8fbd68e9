#pragma once

// LatencyHistogram: latencies in nanoseconds, log-bucketed (HDR-style: 128
// linear sub-buckets per power of two above 256 ns, exact below), with the
// exact minimum and maximum. A percentile is within 0.4 % of the true
// order statistic (the bucket midpoint, clamped to [min, max]); 100 % is
// the exact maximum.
//
// Threading: not thread-safe; give every client thread its own histogram
// and Merge them after the threads have joined.

#include <cstdint>
#include <vector>

namespace navigator::bench::loadgen {

class LatencyHistogram {
 public:
  LatencyHistogram();

  // Negative values count as 0.
  void Record(int64_t nanoseconds);
  // Adds every value recorded in `other`.
  void Merge(const LatencyHistogram& other);

  int64_t count() const { return count_; }
  // 0 when empty.
  int64_t min() const { return count_ == 0 ? 0 : min_; }
  int64_t max() const { return max_; }

  // The value at quantile `q` (clamped to [0, 1]): the order statistic of
  // rank ceil(q * count) (at least 1), to bucket precision. 0 when empty.
  int64_t Percentile(double q) const;

  // The bucket a value falls in, and the bucket's [lower, lower + width)
  // range; exposed for tests.
  static int BucketIndex(int64_t value);
  static int64_t BucketLower(int index);
  static int64_t BucketWidth(int index);

 private:
  std::vector<int64_t> counts_;
  int64_t count_ = 0;
  int64_t min_ = 0;
  int64_t max_ = 0;
};

}  // namespace navigator::bench::loadgen
