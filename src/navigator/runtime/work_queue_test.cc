#include "navigator/runtime/work_queue.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>

namespace navigator::runtime {
namespace {

using std::chrono::milliseconds;
using std::chrono::nanoseconds;
using ::testing::HasSubstr;

const Clock::TimePoint kT0(std::chrono::seconds(1'700'000'000));

// A queue on simulated time: held keys move only on Tick().
std::unique_ptr<WorkQueue> ManualQueue(const FakeClock& clock,
                                       metrics::Registry* registry = nullptr) {
  WorkQueueOptions options;
  options.name = "test";
  options.clock = &clock;
  options.rate_limiter =
      std::make_unique<ItemExponentialFailureRateLimiter>(milliseconds(5), milliseconds(100));
  options.registry = registry;
  options.delay_driver = DelayDriver::kManual;
  return std::make_unique<WorkQueue>(std::move(options));
}

// Polls `done` (a thread handoff) for up to 10 s of real time.
template <typename F>
bool Eventually(F done) {
  for (int i = 0; i < 10'000; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(milliseconds(1));
  }
  return done();
}

TEST(WorkQueueTest, HandsOutKeysInOrderAndOnceWhenAddedTwice) {
  FakeClock clock(kT0);
  auto queue = ManualQueue(clock);
  queue->Add("ns/a");
  queue->Add("ns/b");
  queue->Add("ns/a");
  EXPECT_EQ(queue->Len(), 2u);
  EXPECT_EQ(queue->Get(), "ns/a");
  EXPECT_EQ(queue->Get(), "ns/b");
  EXPECT_EQ(queue->Len(), 0u);
  queue->Done("ns/a");
  queue->Done("ns/b");
  EXPECT_EQ(queue->Len(), 0u);
}

TEST(WorkQueueTest, KeyAddedWhileProcessingIsQueuedAgainOnlyAfterDone) {
  FakeClock clock(kT0);
  auto queue = ManualQueue(clock);
  queue->Add("k");
  ASSERT_EQ(queue->Get(), "k");
  queue->Add("k");
  queue->Add("k");
  queue->Add("other");
  EXPECT_EQ(queue->Len(), 1u);  // only "other": "k" waits for Done
  EXPECT_EQ(queue->Get(), "other");
  EXPECT_EQ(queue->Len(), 0u);
  queue->Done("k");
  EXPECT_EQ(queue->Len(), 1u);  // once, however often it was added
  EXPECT_EQ(queue->Get(), "k");
  queue->Done("k");
  queue->Done("other");
  EXPECT_EQ(queue->Len(), 0u);
}

TEST(WorkQueueTest, DoneOfAKeyNotBeingProcessedIsIgnored) {
  FakeClock clock(kT0);
  auto queue = ManualQueue(clock);
  queue->Add("k");
  queue->Done("k");  // queued, not processing
  queue->Done("never-added");
  EXPECT_EQ(queue->Len(), 1u);
  EXPECT_EQ(queue->Get(), "k");
}

TEST(WorkQueueTest, ShutDownWakesABlockedGet) {
  FakeClock clock(kT0);
  auto queue = ManualQueue(clock);
  std::atomic<bool> returned = false;
  std::optional<std::string> got = "unset";
  std::thread getter([&] {
    got = queue->Get();
    returned = true;
  });
  std::this_thread::sleep_for(milliseconds(5));  // let it block
  EXPECT_FALSE(returned.load());
  queue->ShutDown();
  getter.join();
  EXPECT_EQ(got, std::nullopt);
  EXPECT_TRUE(queue->ShuttingDown());
}

TEST(WorkQueueTest, GetHandsOutQueuedKeysAfterShutDownThenStops) {
  FakeClock clock(kT0);
  auto queue = ManualQueue(clock);
  queue->Add("a");
  queue->Add("b");
  queue->ShutDown();
  queue->Add("c");  // ignored
  queue->AddAfter("d", nanoseconds(0));
  EXPECT_EQ(queue->Get(), "a");
  EXPECT_EQ(queue->Get(), "b");
  EXPECT_EQ(queue->Get(), std::nullopt);
  EXPECT_EQ(queue->Get(), std::nullopt);
}

TEST(WorkQueueTest, ShutDownWithDrainWaitsForDone) {
  FakeClock clock(kT0);
  auto queue = ManualQueue(clock);
  queue->Add("a");
  queue->Add("b");
  ASSERT_EQ(queue->Get(), "a");
  ASSERT_EQ(queue->Get(), "b");
  std::atomic<bool> drained = false;
  std::thread stopper([&] {
    queue->ShutDownWithDrain();
    drained = true;
  });
  EXPECT_TRUE(Eventually([&] { return queue->ShuttingDown(); }));
  queue->Add("c");  // shutting down: ignored
  queue->Done("a");
  std::this_thread::sleep_for(milliseconds(5));
  EXPECT_FALSE(drained.load());  // "b" is still being processed
  queue->Done("b");
  stopper.join();
  EXPECT_TRUE(drained.load());
  EXPECT_EQ(queue->Get(), std::nullopt);
}

TEST(WorkQueueTest, ShutDownWithDrainReturnsAtOnceWhenIdle) {
  FakeClock clock(kT0);
  auto queue = ManualQueue(clock);
  queue->ShutDownWithDrain();
  EXPECT_TRUE(queue->ShuttingDown());
}

TEST(WorkQueueTest, ShutDownCutsADrainShort) {
  FakeClock clock(kT0);
  auto queue = ManualQueue(clock);
  queue->Add("a");
  ASSERT_EQ(queue->Get(), "a");
  std::thread stopper([&] { queue->ShutDownWithDrain(); });
  EXPECT_TRUE(Eventually([&] { return queue->ShuttingDown(); }));
  queue->ShutDown();
  stopper.join();  // returns although "a" was never Done
}

TEST(WorkQueueTest, AddAfterReleasesKeysInReadyTimeOrder) {
  FakeClock clock(kT0);
  auto queue = ManualQueue(clock);
  queue->AddAfter("c", milliseconds(30));
  queue->AddAfter("a", milliseconds(10));
  queue->AddAfter("b", milliseconds(20));
  EXPECT_EQ(queue->NumDelayed(), 3u);
  EXPECT_EQ(queue->NextReadyAt(), kT0 + milliseconds(10));
  EXPECT_EQ(queue->Tick(), 0u);
  EXPECT_EQ(queue->Len(), 0u);
  clock.Advance(milliseconds(10) - nanoseconds(1));
  EXPECT_EQ(queue->Tick(), 0u);
  clock.Advance(nanoseconds(1));
  EXPECT_EQ(queue->Tick(), 1u);
  EXPECT_EQ(queue->Get(), "a");
  clock.Advance(milliseconds(25));
  EXPECT_EQ(queue->Tick(), 2u);
  EXPECT_EQ(queue->Get(), "b");
  EXPECT_EQ(queue->Get(), "c");
  EXPECT_EQ(queue->NumDelayed(), 0u);
}

TEST(WorkQueueTest, AddAfterTwiceKeepsTheEarlierReadyTime) {
  FakeClock clock(kT0);
  auto queue = ManualQueue(clock);
  queue->AddAfter("k", milliseconds(50));
  queue->AddAfter("k", milliseconds(10));  // earlier wins
  queue->AddAfter("k", milliseconds(70));  // later ignored
  EXPECT_EQ(queue->NumDelayed(), 1u);
  EXPECT_EQ(queue->NextReadyAt(), kT0 + milliseconds(10));
  clock.Advance(milliseconds(10));
  EXPECT_EQ(queue->Tick(), 1u);
  EXPECT_EQ(queue->Len(), 1u);
  clock.Advance(milliseconds(100));
  EXPECT_EQ(queue->Tick(), 0u);  // not held a second time
  EXPECT_EQ(queue->Len(), 1u);
}

TEST(WorkQueueTest, DueKeyAlreadyQueuedIsNotQueuedTwice) {
  FakeClock clock(kT0);
  auto queue = ManualQueue(clock);
  queue->AddAfter("k", milliseconds(5));
  queue->Add("k");
  clock.Advance(milliseconds(5));
  EXPECT_EQ(queue->Tick(), 1u);
  EXPECT_EQ(queue->Len(), 1u);
}

TEST(WorkQueueTest, NonPositiveDelayAddsAtOnce) {
  FakeClock clock(kT0);
  auto queue = ManualQueue(clock);
  queue->AddAfter("zero", nanoseconds(0));
  queue->AddAfter("negative", -milliseconds(5));
  EXPECT_EQ(queue->NumDelayed(), 0u);
  EXPECT_EQ(queue->Len(), 2u);
}

TEST(WorkQueueTest, ShutDownDropsHeldKeys) {
  FakeClock clock(kT0);
  auto queue = ManualQueue(clock);
  queue->AddAfter("k", milliseconds(5));
  queue->ShutDown();
  EXPECT_EQ(queue->NumDelayed(), 0u);
  clock.Advance(milliseconds(10));
  EXPECT_EQ(queue->Tick(), 0u);
  EXPECT_EQ(queue->Get(), std::nullopt);
}

TEST(WorkQueueTest, AddRateLimitedBacksOffExponentiallyAndForgetResets) {
  FakeClock clock(kT0);
  auto queue = ManualQueue(clock);  // 5ms .. 100ms
  const milliseconds expected[] = {milliseconds(5),  milliseconds(10), milliseconds(20),
                                   milliseconds(40), milliseconds(80), milliseconds(100),
                                   milliseconds(100)};
  int requeues = 0;
  for (milliseconds delay : expected) {
    queue->AddRateLimited("k");
    EXPECT_EQ(queue->NumRequeues("k"), ++requeues);
    ASSERT_EQ(queue->NextReadyAt(), clock.Now() + delay);
    clock.Advance(delay);
    ASSERT_EQ(queue->Tick(), 1u);
    ASSERT_EQ(queue->Get(), "k");
    queue->Done("k");
  }
  queue->Forget("k");
  EXPECT_EQ(queue->NumRequeues("k"), 0);
  queue->AddRateLimited("k");
  EXPECT_EQ(queue->NextReadyAt(), clock.Now() + milliseconds(5));
}

TEST(WorkQueueTest, DefaultRateLimiterAndBackgroundThreadOnTheRealClock) {
  WorkQueueOptions options;
  options.name = "real";
  WorkQueue queue(std::move(options));
  const auto start = std::chrono::steady_clock::now();
  queue.AddRateLimited("k");  // 5 ms
  EXPECT_EQ(queue.Len(), 0u);
  EXPECT_EQ(queue.Get(), "k");  // released by the delay thread
  EXPECT_GE(std::chrono::steady_clock::now() - start, milliseconds(5));
  queue.Done("k");
  EXPECT_EQ(queue.NumRequeues("k"), 1);
}

TEST(WorkQueueTest, ExportsClientGoMetrics) {
  FakeClock clock(kT0);
  metrics::Registry registry;
  auto queue = ManualQueue(clock, &registry);
  queue->Add("a");
  queue->Add("a");
  queue->Add("b");
  clock.Advance(milliseconds(250));
  ASSERT_EQ(queue->Get(), "a");
  clock.Advance(std::chrono::seconds(2));
  queue->Done("a");
  ASSERT_EQ(queue->Get(), "b");
  clock.Advance(std::chrono::seconds(3));
  queue->AddRateLimited("a");
  queue->Tick();
  const std::string text = registry.Render();
  EXPECT_THAT(text, HasSubstr("workqueue_adds_total{name=\"test\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("workqueue_depth{name=\"test\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("workqueue_retries_total{name=\"test\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("workqueue_queue_duration_seconds_count{name=\"test\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("workqueue_queue_duration_seconds_sum{name=\"test\"} 2.5\n"));
  EXPECT_THAT(text, HasSubstr("workqueue_work_duration_seconds_count{name=\"test\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("workqueue_work_duration_seconds_sum{name=\"test\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("workqueue_unfinished_work_seconds{name=\"test\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("workqueue_longest_running_processor_seconds{name=\"test\"} 3\n"));
  clock.Advance(milliseconds(5));
  queue->Tick();
  EXPECT_THAT(registry.Render(), HasSubstr("workqueue_depth{name=\"test\"} 1\n"));
}

}  // namespace
}  // namespace navigator::runtime
