#include "bench/apiserver/watch_checker.h"

#include <gtest/gtest.h>

namespace navigator::bench::loadgen {
namespace {

using std::chrono::milliseconds;

const SteadyTime kT0 = SteadyTime{} + std::chrono::hours(1);

WatchChecker ThreeWrites() {
  WatchChecker checker;
  checker.AddWrite("a", "10", kT0);
  checker.AddWrite("b", "11", kT0 + milliseconds(1));
  checker.AddWrite("c", "12", kT0 + milliseconds(2));
  return checker;
}

TEST(WatchCheckerTest, EveryWatcherSawEverything) {
  WatchChecker checker = ThreeWrites();
  checker.AddWatcher({{"a", "10", kT0 + milliseconds(5)},
                      {"b", "11", kT0 + milliseconds(6)},
                      {"c", "12", kT0 + milliseconds(7)}});
  // Another order is as good.
  checker.AddWatcher({{"c", "12", kT0 + milliseconds(3)},
                      {"a", "10", kT0 + milliseconds(3)},
                      {"b", "11", kT0 + milliseconds(3)}});
  const WatchCheck& r = checker.result();
  EXPECT_EQ(r.expected, 6);
  EXPECT_EQ(r.delivered, 6);
  EXPECT_EQ(r.missing, 0);
  EXPECT_TRUE(r.complete());
  EXPECT_EQ(r.lag.count(), 6);
  EXPECT_EQ(r.lag.max(), 5'000'000);
  EXPECT_EQ(r.lag.min(), 1'000'000);
}

TEST(WatchCheckerTest, AMissedEventIsIncomplete) {
  WatchChecker checker = ThreeWrites();
  checker.AddWatcher({{"a", "10", kT0}, {"c", "12", kT0 + milliseconds(2)}});
  EXPECT_EQ(checker.result().missing, 1);
  EXPECT_EQ(checker.result().delivered, 2);
  EXPECT_FALSE(checker.result().complete());
}

TEST(WatchCheckerTest, AWatcherThatSawNothingMissesEverything) {
  WatchChecker checker = ThreeWrites();
  checker.AddWatcher({});
  EXPECT_EQ(checker.result().expected, 3);
  EXPECT_EQ(checker.result().missing, 3);
  EXPECT_FALSE(checker.result().complete());
}

TEST(WatchCheckerTest, DuplicatesAndUnknownEventsAreIncomplete) {
  WatchChecker duplicate = ThreeWrites();
  duplicate.AddWatcher({{"a", "10", kT0}, {"b", "11", kT0}, {"c", "12", kT0}, {"a", "10", kT0}});
  EXPECT_EQ(duplicate.result().duplicates, 1);
  EXPECT_EQ(duplicate.result().missing, 0);
  EXPECT_FALSE(duplicate.result().complete());

  WatchChecker wrong_version = ThreeWrites();
  wrong_version.AddWatcher(
      {{"a", "10", kT0}, {"b", "99", kT0}, {"c", "12", kT0}, {"zzz", "13", kT0}});
  EXPECT_EQ(wrong_version.result().unexpected, 2);
  EXPECT_EQ(wrong_version.result().missing, 1);
  EXPECT_FALSE(wrong_version.result().complete());
}

TEST(WatchCheckerTest, AnEventBeforeItsAckHasZeroLag) {
  WatchChecker checker;
  checker.AddWrite("a", "10", kT0);
  checker.AddWatcher({{"a", "10", kT0 - milliseconds(1)}});
  EXPECT_TRUE(checker.result().complete());
  EXPECT_EQ(checker.result().lag.max(), 0);
}

TEST(WatchCheckerTest, NoWritesNoWatchersIsTriviallyComplete) {
  WatchChecker checker;
  EXPECT_TRUE(checker.result().complete());
  EXPECT_EQ(checker.result().expected, 0);
}

}  // namespace
}  // namespace navigator::bench::loadgen
