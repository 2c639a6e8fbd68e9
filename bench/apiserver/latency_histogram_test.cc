#include "bench/apiserver/latency_histogram.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace navigator::bench::loadgen {
namespace {

// The order statistic Percentile promises: rank ceil(q * n), at least 1.
int64_t Oracle(std::vector<int64_t> values, double q) {
  std::sort(values.begin(), values.end());
  const auto n = static_cast<int64_t>(values.size());
  const int64_t rank =
      std::clamp<int64_t>(static_cast<int64_t>(std::ceil(q * static_cast<double>(n))), 1, n);
  return values[static_cast<size_t>(rank - 1)];
}

void ExpectMatchesOracle(const std::vector<int64_t>& values) {
  LatencyHistogram h;
  for (const int64_t v : values) h.Record(v);
  for (const double q : {0.0, 0.01, 0.25, 0.5, 0.9, 0.99, 0.999, 1.0}) {
    const int64_t want = Oracle(values, q);
    const int64_t got = h.Percentile(q);
    // Half a bucket: at most 1/256 of the value (plus the exact buckets).
    EXPECT_LE(std::abs(got - want), want / 256 + 1) << "q=" << q;
  }
  EXPECT_EQ(h.max(), *std::max_element(values.begin(), values.end()));
  EXPECT_EQ(h.min(), *std::min_element(values.begin(), values.end()));
  EXPECT_EQ(h.Percentile(1.0), h.max());
  EXPECT_EQ(h.count(), static_cast<int64_t>(values.size()));
}

TEST(LatencyHistogramTest, BucketsTileTheValuesWithoutGaps) {
  int64_t expected_lower = 0;
  for (int index = 0; index < 256 + 128 * 20; ++index) {
    EXPECT_EQ(LatencyHistogram::BucketLower(index), expected_lower) << index;
    const int64_t width = LatencyHistogram::BucketWidth(index);
    EXPECT_EQ(LatencyHistogram::BucketIndex(expected_lower), index);
    EXPECT_EQ(LatencyHistogram::BucketIndex(expected_lower + width - 1), index);
    // Relative width at most 1/128 above the exact range.
    if (index >= 256) {
      EXPECT_LE(width * 128, expected_lower);
    }
    expected_lower += width;
  }
}

TEST(LatencyHistogramTest, HugeValuesHaveABucket) {
  const int64_t huge = std::numeric_limits<int64_t>::max();
  const int index = LatencyHistogram::BucketIndex(huge);
  EXPECT_GE(huge, LatencyHistogram::BucketLower(index));
  LatencyHistogram h;
  h.Record(huge);
  EXPECT_EQ(h.Percentile(0.5), huge);
}

TEST(LatencyHistogramTest, EmptyIsAllZero) {
  LatencyHistogram h;
  EXPECT_EQ(h.count(), 0);
  EXPECT_EQ(h.Percentile(0.5), 0);
  EXPECT_EQ(h.max(), 0);
  EXPECT_EQ(h.min(), 0);
}

TEST(LatencyHistogramTest, SmallValuesAreExact) {
  std::vector<int64_t> values;
  for (int64_t v = 0; v < 256; ++v) values.push_back(255 - v);
  LatencyHistogram h;
  for (const int64_t v : values) h.Record(v);
  for (const double q : {0.1, 0.5, 0.77, 0.99}) EXPECT_EQ(h.Percentile(q), Oracle(values, q));
}

TEST(LatencyHistogramTest, NegativeCountsAsZero) {
  LatencyHistogram h;
  h.Record(-5);
  EXPECT_EQ(h.max(), 0);
  EXPECT_EQ(h.min(), 0);
  EXPECT_EQ(h.count(), 1);
}

TEST(LatencyHistogramTest, MatchesSortedArrayOracleOnUniform) {
  std::mt19937_64 random(1);
  std::uniform_int_distribution<int64_t> ns(1'000, 50'000'000);
  std::vector<int64_t> values(20'000);
  for (int64_t& v : values) v = ns(random);
  ExpectMatchesOracle(values);
}

TEST(LatencyHistogramTest, MatchesSortedArrayOracleOnLongTail) {
  std::mt19937_64 random(2);
  std::lognormal_distribution<double> ms(0.0, 1.5);
  std::vector<int64_t> values(50'000);
  for (int64_t& v : values) v = static_cast<int64_t>(ms(random) * 1e6);
  ExpectMatchesOracle(values);
}

TEST(LatencyHistogramTest, MatchesOracleOnFewAndEqualValues) {
  ExpectMatchesOracle({7'000'000});
  ExpectMatchesOracle({3, 3, 3, 3});
  ExpectMatchesOracle({1'000'000, 2'000'000});
  ExpectMatchesOracle({5, 1'000'000'000, 300, 70'000});
}

TEST(LatencyHistogramTest, MergeEqualsRecordingEverythingInOne) {
  std::mt19937_64 random(3);
  std::uniform_int_distribution<int64_t> ns(0, 10'000'000);
  LatencyHistogram all;
  std::vector<LatencyHistogram> parts(4);
  std::vector<int64_t> values;
  for (int i = 0; i < 10'000; ++i) {
    const int64_t v = ns(random);
    values.push_back(v);
    all.Record(v);
    parts[static_cast<size_t>(i % 4)].Record(v);
  }
  LatencyHistogram merged;
  merged.Merge(LatencyHistogram());  // an empty one changes nothing
  for (const LatencyHistogram& p : parts) merged.Merge(p);
  EXPECT_EQ(merged.count(), all.count());
  EXPECT_EQ(merged.max(), all.max());
  EXPECT_EQ(merged.min(), all.min());
  for (const double q : {0.5, 0.9, 0.99}) EXPECT_EQ(merged.Percentile(q), all.Percentile(q));
  ExpectMatchesOracle(values);
}

}  // namespace
}  // namespace navigator::bench::loadgen
