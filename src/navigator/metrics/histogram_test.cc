#include "navigator/metrics/histogram.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <memory>

namespace navigator::metrics {
namespace {

using ::testing::ElementsAre;

TEST(HistogramTest, NormalizesBuckets) {
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_THAT(NormalizeBuckets({3, 1, 2, 2, inf, std::nan(""), -inf}), ElementsAre(1, 2, 3));
  EXPECT_EQ(NormalizeBuckets({}), DefaultBuckets());
  EXPECT_EQ(NormalizeBuckets({inf}), DefaultBuckets());
}

TEST(HistogramTest, CountsCumulativelyWithInclusiveBounds) {
  Histogram h(std::make_shared<const std::vector<double>>(std::vector<double>{1, 2}));
  h.Observe(-5);
  h.Observe(1);
  h.Observe(1.5);
  h.Observe(2);
  h.Observe(100);
  h.Observe(std::nan(""));
  const Histogram::Snapshot s = h.Read();
  EXPECT_THAT(s.bounds, ElementsAre(1, 2));
  EXPECT_THAT(s.cumulative, ElementsAre(2, 4, 6));
  EXPECT_EQ(s.count, 6u);
  EXPECT_EQ(s.sum, 99.5);  // NaN left out
}

}  // namespace
}  // namespace navigator::metrics
