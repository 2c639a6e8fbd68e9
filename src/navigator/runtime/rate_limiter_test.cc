#include "navigator/runtime/rate_limiter.h"

#include <gtest/gtest.h>

#include <chrono>
#include <limits>
#include <memory>
#include <vector>

namespace navigator::runtime {
namespace {

using std::chrono::milliseconds;
using std::chrono::nanoseconds;
using std::chrono::seconds;

FakeClock::TimePoint Start() {
  return FakeClock::TimePoint(seconds(1'700'000'000));
}

TEST(ItemExponentialFailureRateLimiterTest, DoublesFromBaseUpToMax) {
  ItemExponentialFailureRateLimiter limiter(milliseconds(5), seconds(1));
  const std::vector<milliseconds> expected = {
      milliseconds(5),    milliseconds(10),  milliseconds(20),  milliseconds(40),
      milliseconds(80),   milliseconds(160), milliseconds(320), milliseconds(640),
      milliseconds(1000), milliseconds(1000)};
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(limiter.When("ns/a"), expected[i]) << "failure " << i;
    EXPECT_EQ(limiter.NumRequeues("ns/a"), static_cast<int>(i + 1));
  }
}

TEST(ItemExponentialFailureRateLimiterTest, KeysAreIndependentAndForgetStartsOver) {
  ItemExponentialFailureRateLimiter limiter(milliseconds(1), seconds(1));
  EXPECT_EQ(limiter.When("a"), milliseconds(1));
  EXPECT_EQ(limiter.When("a"), milliseconds(2));
  EXPECT_EQ(limiter.When("b"), milliseconds(1));
  EXPECT_EQ(limiter.NumRequeues("a"), 2);
  EXPECT_EQ(limiter.NumRequeues("b"), 1);
  EXPECT_EQ(limiter.NumRequeues("c"), 0);
  limiter.Forget("a");
  EXPECT_EQ(limiter.NumRequeues("a"), 0);
  EXPECT_EQ(limiter.When("a"), milliseconds(1));
  EXPECT_EQ(limiter.When("b"), milliseconds(2));
}

TEST(ItemExponentialFailureRateLimiterTest, NeverOverflowsPastMax) {
  const nanoseconds max(std::numeric_limits<nanoseconds::rep>::max());
  ItemExponentialFailureRateLimiter limiter(nanoseconds(3), max);
  nanoseconds previous(0);
  for (int i = 0; i < 200; ++i) {
    const nanoseconds wait = limiter.When("k");
    ASSERT_GE(wait, previous) << "failure " << i;
    ASSERT_LE(wait, max);
    previous = wait;
  }
  EXPECT_EQ(previous, max);

  ItemExponentialFailureRateLimiter capped(seconds(1), seconds(1000));
  for (int i = 0; i < 100; ++i) capped.When("k");
  EXPECT_EQ(capped.When("k"), seconds(1000));
}

TEST(ItemExponentialFailureRateLimiterTest, ZeroBaseNeverWaits) {
  ItemExponentialFailureRateLimiter limiter(nanoseconds(0), seconds(1));
  for (int i = 0; i < 100; ++i) EXPECT_EQ(limiter.When("k"), nanoseconds(0));
}

TEST(BucketRateLimiterTest, BurstIsFreeThenSpacedByOneOverQps) {
  FakeClock clock(Start());
  BucketRateLimiter limiter(10, 3, clock);
  EXPECT_EQ(limiter.When("a"), nanoseconds(0));
  EXPECT_EQ(limiter.When("b"), nanoseconds(0));
  EXPECT_EQ(limiter.When("c"), nanoseconds(0));
  // Each further reservation waits for a token behind the previous ones.
  EXPECT_EQ(limiter.When("d"), milliseconds(100));
  EXPECT_EQ(limiter.When("e"), milliseconds(200));
  EXPECT_EQ(limiter.When("f"), milliseconds(300));
  EXPECT_EQ(limiter.NumRequeues("a"), 0);
}

TEST(BucketRateLimiterTest, RefillsWithTimeUpToBurst) {
  FakeClock clock(Start());
  BucketRateLimiter limiter(10, 2, clock);
  limiter.When("x");
  limiter.When("x");
  EXPECT_EQ(limiter.When("x"), milliseconds(100));  // token due at +100ms, reserved
  clock.Advance(milliseconds(150));                 // +150ms: that token used, half a token
  EXPECT_EQ(limiter.When("x"), milliseconds(50));
  clock.Advance(seconds(60));  // refills, but only to the burst
  EXPECT_EQ(limiter.When("x"), nanoseconds(0));
  EXPECT_EQ(limiter.When("x"), nanoseconds(0));
  EXPECT_EQ(limiter.When("x"), milliseconds(100));
}

TEST(BucketRateLimiterTest, ClockGoingBackwardsRefillsNothing) {
  FakeClock clock(Start());
  BucketRateLimiter limiter(1, 1, clock);
  EXPECT_EQ(limiter.When("x"), nanoseconds(0));
  clock.Advance(-seconds(30));
  EXPECT_EQ(limiter.When("x"), seconds(1));
}

TEST(BucketRateLimiterTest, InvalidSettingsNeverWait) {
  FakeClock clock(Start());
  BucketRateLimiter zero_qps(0, 10, clock);
  BucketRateLimiter zero_burst(10, 0, clock);
  BucketRateLimiter nan_qps(std::numeric_limits<double>::quiet_NaN(), 1, clock);
  for (int i = 0; i < 50; ++i) {
    EXPECT_EQ(zero_qps.When("x"), nanoseconds(0));
    EXPECT_EQ(zero_burst.When("x"), nanoseconds(0));
    EXPECT_EQ(nan_qps.When("x"), nanoseconds(0));
  }
}

TEST(MaxOfRateLimiterTest, TakesTheLongestWaitAndForgetsInAll) {
  FakeClock clock(Start());
  std::vector<std::unique_ptr<RateLimiter>> limiters;
  limiters.push_back(
      std::make_unique<ItemExponentialFailureRateLimiter>(milliseconds(1), seconds(10)));
  limiters.push_back(
      std::make_unique<ItemExponentialFailureRateLimiter>(milliseconds(30), milliseconds(30)));
  MaxOfRateLimiter limiter(std::move(limiters));
  EXPECT_EQ(limiter.When("k"), milliseconds(30));  // 1ms vs 30ms
  for (int i = 0; i < 4; ++i) limiter.When("k");   // 2, 4, 8, 16ms vs 30ms
  EXPECT_EQ(limiter.When("k"), milliseconds(32));  // the first now dominates
  EXPECT_EQ(limiter.NumRequeues("k"), 6);
  limiter.Forget("k");
  EXPECT_EQ(limiter.NumRequeues("k"), 0);
  EXPECT_EQ(limiter.When("k"), milliseconds(30));
}

TEST(DefaultControllerRateLimiterTest, ExponentialPerKeyAndBucketOverall) {
  FakeClock clock(Start());
  auto limiter = DefaultControllerRateLimiter(clock);
  EXPECT_EQ(limiter->When("one"), milliseconds(5));
  EXPECT_EQ(limiter->When("one"), milliseconds(10));
  EXPECT_EQ(limiter->When("one"), milliseconds(20));
  // 3 tokens used; 97 more first failures take the rest of the burst of 100.
  for (int i = 0; i < 97; ++i) {
    ASSERT_EQ(limiter->When("key-" + std::to_string(i)), milliseconds(5));
  }
  // Then the bucket's 10 qps dominates a first failure's 5ms.
  EXPECT_EQ(limiter->When("late-1"), milliseconds(100));
  EXPECT_EQ(limiter->When("late-2"), milliseconds(200));
  EXPECT_EQ(limiter->NumRequeues("one"), 3);
  limiter->Forget("one");
  EXPECT_EQ(limiter->NumRequeues("one"), 0);
  // Many failures of one key end at 1000s.
  for (int i = 0; i < 40; ++i) limiter->When("stuck");
  EXPECT_EQ(limiter->When("stuck"), seconds(1000));
}

}  // namespace
}  // namespace navigator::runtime
