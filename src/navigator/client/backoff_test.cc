#include "navigator/client/backoff.h"

#include <gtest/gtest.h>

namespace navigator::client {
namespace {

using namespace std::chrono_literals;

TEST(BackoffTest, DoublesFromInitialToCapWithJitter) {
  FakeClock clock(std::chrono::system_clock::time_point(std::chrono::hours(1)));
  DefaultRandom random(7);
  Backoff backoff({}, clock, random);
  std::chrono::milliseconds base = 800ms;
  for (int i = 0; i < 20; ++i) {
    const std::chrono::milliseconds wait = backoff.Next();
    EXPECT_GE(wait, base / 2) << i;
    EXPECT_LE(wait, base) << i;
    EXPECT_LE(wait, 30s) << i;
    clock.Advance(wait);
    base = std::min(base * 2, std::chrono::milliseconds(30s));
  }
}

TEST(BackoffTest, StartsOverAfterAQuietSpellOrReset) {
  FakeClock clock(std::chrono::system_clock::time_point(std::chrono::hours(1)));
  DefaultRandom random(7);
  Backoff backoff({}, clock, random);
  for (int i = 0; i < 6; ++i) (void)backoff.Next();
  EXPECT_GE(backoff.Next(), 12800ms);
  clock.Advance(121s);
  EXPECT_LE(backoff.Next(), 800ms);
  for (int i = 0; i < 6; ++i) (void)backoff.Next();
  backoff.Reset();
  EXPECT_LE(backoff.Next(), 800ms);
}

TEST(BackoffTest, UniformUnitIsInRange) {
  DefaultRandom random(1);
  for (int i = 0; i < 10000; ++i) {
    const double x = UniformUnit(random);
    ASSERT_GE(x, 0.0);
    ASSERT_LT(x, 1.0);
  }
}

}  // namespace
}  // namespace navigator::client
