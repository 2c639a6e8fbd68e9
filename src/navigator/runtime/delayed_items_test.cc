#include "navigator/runtime/delayed_items.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace navigator::runtime {
namespace {

using std::chrono::milliseconds;
using Strings = std::vector<std::string>;

const Clock::TimePoint kT0(std::chrono::seconds(1'700'000'000));

TEST(DelayedItemsTest, PopsDueKeysEarliestFirst) {
  DelayedItems items;
  items.Add("c", kT0 + milliseconds(30));
  items.Add("a", kT0 + milliseconds(10));
  items.Add("b", kT0 + milliseconds(20));
  items.Add("a2", kT0 + milliseconds(10));
  EXPECT_EQ(items.size(), 4u);
  EXPECT_EQ(items.NextReadyAt(), kT0 + milliseconds(10));
  EXPECT_EQ(items.PopReady(kT0 + milliseconds(9)), Strings{});
  EXPECT_EQ(items.PopReady(kT0 + milliseconds(20)), (Strings{"a", "a2", "b"}));
  EXPECT_EQ(items.NextReadyAt(), kT0 + milliseconds(30));
  EXPECT_EQ(items.PopReady(kT0 + milliseconds(100)), Strings{"c"});
  EXPECT_EQ(items.size(), 0u);
  EXPECT_EQ(items.NextReadyAt(), std::nullopt);
}

TEST(DelayedItemsTest, AddingAgainKeepsTheEarlierTime) {
  DelayedItems items;
  items.Add("k", kT0 + milliseconds(50));
  items.Add("k", kT0 + milliseconds(80));  // later: ignored
  EXPECT_EQ(items.ReadyAt("k"), kT0 + milliseconds(50));
  items.Add("k", kT0 + milliseconds(20));  // earlier: wins
  EXPECT_EQ(items.ReadyAt("k"), kT0 + milliseconds(20));
  EXPECT_EQ(items.size(), 1u);
  EXPECT_EQ(items.PopReady(kT0 + milliseconds(20)), Strings{"k"});
  EXPECT_EQ(items.PopReady(kT0 + milliseconds(100)), Strings{});
}

TEST(DelayedItemsTest, ClearDropsEverything) {
  DelayedItems items;
  items.Add("a", kT0);
  items.Add("b", kT0 + milliseconds(1));
  items.Clear();
  EXPECT_EQ(items.size(), 0u);
  EXPECT_EQ(items.PopReady(kT0 + milliseconds(100)), Strings{});
  items.Add("a", kT0);
  EXPECT_EQ(items.PopReady(kT0), Strings{"a"});
}

}  // namespace
}  // namespace navigator::runtime
