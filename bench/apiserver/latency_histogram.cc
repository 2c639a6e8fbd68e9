#include "bench/apiserver/latency_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace navigator::bench::loadgen {
namespace {

// Values below 2^kSubBits get a bucket each; above, every power of two is
// split into 2^(kSubBits-1) buckets.
constexpr int kSubBits = 8;
constexpr int64_t kLinear = int64_t{1} << kSubBits;  // 256
constexpr int64_t kHalf = kLinear / 2;               // 128
// Shifts 1 .. 63 - (kSubBits - 1) cover every positive int64_t.
constexpr int kMaxShift = 63 - (kSubBits - 1);
constexpr int kBuckets = static_cast<int>(kLinear + kMaxShift * kHalf);

}  // namespace

LatencyHistogram::LatencyHistogram() : counts_(kBuckets, 0) {}

int LatencyHistogram::BucketIndex(int64_t value) {
  if (value < kLinear) return static_cast<int>(std::max<int64_t>(value, 0));
  const int exponent = 63 - std::countl_zero(static_cast<uint64_t>(value));
  const int shift = exponent - (kSubBits - 1);
  const int64_t mantissa = value >> shift;  // in [kHalf, kLinear)
  return static_cast<int>(kLinear + (shift - 1) * kHalf + (mantissa - kHalf));
}

int64_t LatencyHistogram::BucketLower(int index) {
  if (index < kLinear) return index;
  const int64_t k = index - kLinear;
  const int shift = static_cast<int>(k / kHalf) + 1;
  return (k % kHalf + kHalf) << shift;
}

int64_t LatencyHistogram::BucketWidth(int index) {
  if (index < kLinear) return 1;
  return int64_t{1} << ((index - kLinear) / kHalf + 1);
}

void LatencyHistogram::Record(int64_t nanoseconds) {
  nanoseconds = std::max<int64_t>(nanoseconds, 0);
  ++counts_[BucketIndex(nanoseconds)];
  if (count_ == 0 || nanoseconds < min_) min_ = nanoseconds;
  max_ = std::max(max_, nanoseconds);
  ++count_;
}

void LatencyHistogram::Merge(const LatencyHistogram& other) {
  if (other.count_ == 0) return;
  for (size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  min_ = count_ == 0 ? other.min_ : std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  count_ += other.count_;
}

int64_t LatencyHistogram::Percentile(double q) const {
  if (count_ == 0) return 0;
  q = std::clamp(q, 0.0, 1.0);
  const auto rank = std::max<int64_t>(
      1,
      std::min<int64_t>(count_, static_cast<int64_t>(std::ceil(q * static_cast<double>(count_)))));
  if (rank == count_) return max_;
  int64_t seen = 0;
  for (size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen < rank) continue;
    const int index = static_cast<int>(i);
    const int64_t value = BucketLower(index) + BucketWidth(index) / 2;
    return std::clamp(value, min_, max_);
  }
  return max_;
}

}  // namespace navigator::bench::loadgen
