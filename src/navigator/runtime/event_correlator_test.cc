#include "navigator/runtime/event_correlator.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "navigator/runtime/lru_cache.h"

namespace navigator::runtime {
namespace {

namespace json = boost::json;
using namespace std::chrono;
using ::testing::HasSubstr;

const Clock::TimePoint kT0 = sys_days(2026y / 11 / 26) + 4h;

Event MakeEvent(std::string message, Clock::TimePoint at, std::string object = "pod-a") {
  return Event{.name = object + ".x" + std::to_string(at.time_since_epoch().count()),
               .namespace_ = "ns",
               .involved_object = {.kind = "Pod", .namespace_ = "ns", .name = object, .uid = "u"},
               .type = EventType::kWarning,
               .reason = "BackOff",
               .message = std::move(message),
               .source = {.component = "navigator-controller", .host = "h"},
               .first_timestamp = at,
               .last_timestamp = at};
}

TEST(LruCacheTest, EvictsTheLeastRecentlyUsed) {
  LruCache<int> cache(2);
  cache.Put("a", 1);
  cache.Put("b", 2);
  ASSERT_NE(cache.Get("a"), nullptr);  // a is now the most recent
  cache.Put("c", 3);
  EXPECT_EQ(cache.Get("b"), nullptr);
  EXPECT_EQ(*cache.Get("a"), 1);
  EXPECT_EQ(*cache.Get("c"), 3);
  cache.Put("c", 4);
  EXPECT_EQ(*cache.Get("c"), 4);
  EXPECT_EQ(cache.size(), 2u);
}

TEST(EventCorrelatorTest, ARepeatBecomesAPatchOfTheFirst) {
  FakeClock clock(kT0);
  EventCorrelator correlator({}, clock);
  const Event first = MakeEvent("Back-off restarting", kT0);
  CorrelateResult r1 = correlator.Correlate(first);
  EXPECT_FALSE(r1.skip);
  EXPECT_TRUE(r1.patch.empty());
  EXPECT_EQ(r1.event.count, 1);
  correlator.UpdateState(r1, {.name = first.name, .resource_version = "10", .count = 1});

  clock.Advance(30s);
  CorrelateResult r2 = correlator.Correlate(MakeEvent("Back-off restarting", kT0 + 30s));
  EXPECT_EQ(r2.event.name, first.name);
  EXPECT_EQ(r2.event.resource_version, "10");
  EXPECT_EQ(r2.event.count, 2);
  EXPECT_EQ(r2.event.first_timestamp, kT0);
  EXPECT_EQ(r2.event.last_timestamp, kT0 + 30s);
  EXPECT_EQ(json::parse(r2.patch),
            json::parse(R"({"count":2,"lastTimestamp":"2026-11-26T04:00:30Z",)"
                        R"("message":"Back-off restarting"})"));
  correlator.UpdateState(r2, {.name = first.name, .resource_version = "11", .count = 2});

  CorrelateResult r3 = correlator.Correlate(MakeEvent("Back-off restarting", kT0 + 30s));
  EXPECT_EQ(r3.event.count, 3);
  EXPECT_EQ(r3.event.resource_version, "11");
}

TEST(EventCorrelatorTest, DifferentMessagesOrObjectsAreDifferentEvents) {
  FakeClock clock(kT0);
  EventCorrelator correlator({}, clock);
  EXPECT_TRUE(correlator.Correlate(MakeEvent("one", kT0)).patch.empty());
  EXPECT_TRUE(correlator.Correlate(MakeEvent("two", kT0)).patch.empty());
  EXPECT_TRUE(correlator.Correlate(MakeEvent("one", kT0, "pod-b")).patch.empty());
  Event warning_as_normal = MakeEvent("one", kT0);
  warning_as_normal.type = EventType::kNormal;
  EXPECT_TRUE(correlator.Correlate(warning_as_normal).patch.empty());
  EXPECT_FALSE(correlator.Correlate(MakeEvent("one", kT0)).patch.empty());
}

TEST(EventCorrelatorTest, AggregatesManySimilarEvents) {
  FakeClock clock(kT0);
  EventCorrelator correlator({}, clock);
  for (int i = 1; i <= 9; ++i) {
    CorrelateResult r = correlator.Correlate(MakeEvent(fmt::format("message {}", i), kT0));
    EXPECT_EQ(r.event.message, fmt::format("message {}", i));
  }
  CorrelateResult tenth = correlator.Correlate(MakeEvent("message 10", kT0));
  EXPECT_EQ(tenth.event.message, "(combined from similar events): message 10");
  EXPECT_TRUE(tenth.patch.empty());
  CorrelateResult eleventh = correlator.Correlate(MakeEvent("message 11", kT0));
  EXPECT_EQ(eleventh.event.name, tenth.event.name);
  EXPECT_EQ(eleventh.event.count, 2);
  EXPECT_THAT(eleventh.patch, HasSubstr("(combined from similar events): message 11"));

  // Ten minutes of quiet start the count of similar messages over.
  clock.Advance(601s);
  EXPECT_EQ(correlator.Correlate(MakeEvent("message 12", kT0)).event.message, "message 12");
}

TEST(EventCorrelatorTest, SpamFilterAllowsABurstPerObjectThenOneEveryFiveMinutes) {
  FakeClock clock(kT0);
  EventCorrelator correlator({}, clock);
  for (int i = 0; i < 25; ++i) {
    EXPECT_FALSE(correlator.Correlate(MakeEvent("same", kT0)).skip) << i;
  }
  EXPECT_TRUE(correlator.Correlate(MakeEvent("same", kT0)).skip);
  EXPECT_FALSE(correlator.Correlate(MakeEvent("same", kT0, "pod-b")).skip);
  clock.Advance(300s);
  EXPECT_FALSE(correlator.Correlate(MakeEvent("same", kT0)).skip);
  EXPECT_TRUE(correlator.Correlate(MakeEvent("same", kT0)).skip);

  EventCorrelator unfiltered({.spam_filter = false}, clock);
  for (int i = 0; i < 100; ++i) EXPECT_FALSE(unfiltered.Correlate(MakeEvent("same", kT0)).skip);
}

TEST(EventCorrelatorTest, ForgetsTheLeastRecentlyUsedBeyondTheCacheSize) {
  FakeClock clock(kT0);
  EventCorrelator correlator({.cache_size = 2}, clock);
  correlator.Correlate(MakeEvent("a", kT0));
  correlator.Correlate(MakeEvent("b", kT0, "pod-b"));
  correlator.Correlate(MakeEvent("c", kT0, "pod-c"));
  EXPECT_TRUE(correlator.Correlate(MakeEvent("a", kT0)).patch.empty());  // forgotten
  EXPECT_FALSE(correlator.Correlate(MakeEvent("c", kT0, "pod-c")).patch.empty());
}

}  // namespace
}  // namespace navigator::runtime
