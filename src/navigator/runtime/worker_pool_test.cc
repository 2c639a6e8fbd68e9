#include "navigator/runtime/worker_pool.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace navigator::runtime {
namespace {

using std::chrono::milliseconds;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const Clock::TimePoint kT0(std::chrono::seconds(1'700'000'000));

std::unique_ptr<WorkQueue> ManualQueue(const FakeClock& clock,
                                       metrics::Registry* registry = nullptr) {
  WorkQueueOptions options;
  options.name = "pool";
  options.clock = &clock;
  options.rate_limiter =
      std::make_unique<ItemExponentialFailureRateLimiter>(milliseconds(5), milliseconds(1000));
  options.registry = registry;
  options.delay_driver = DelayDriver::kManual;
  return std::make_unique<WorkQueue>(std::move(options));
}

WorkerPoolOptions PoolOptions(int workers, metrics::Registry* registry = nullptr) {
  WorkerPoolOptions options;
  options.name = "test-controller";
  options.workers = workers;
  options.registry = registry;
  return options;
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

TEST(WorkerPoolTest, ReconcilesEveryKeyAndForgetsOnSuccess) {
  FakeClock clock(kT0);
  auto queue = ManualQueue(clock);
  std::mutex mu;
  std::multiset<std::string> seen;
  WorkerPool pool(
      *queue,
      [&](const std::string& key) {
        std::lock_guard lock(mu);
        seen.insert(key);
        return OkStatus();
      },
      PoolOptions(3));
  queue->AddRateLimited("ns/a");  // one earlier failure, held 5ms
  clock.Advance(milliseconds(5));
  queue->Tick();
  queue->Add("ns/b");
  queue->Add("ns/c");
  pool.Start();
  ASSERT_TRUE(Eventually([&] {
    std::lock_guard lock(mu);
    return seen.size() == 3;
  }));
  EXPECT_TRUE(Eventually([&] { return queue->NumRequeues("ns/a") == 0; }));
  pool.Stop();
  EXPECT_THAT(seen, ElementsAre("ns/a", "ns/b", "ns/c"));
}

TEST(WorkerPoolTest, RetriesAFailingKeyWithGrowingDelays) {
  FakeClock clock(kT0);
  metrics::Registry registry;
  auto queue = ManualQueue(clock, &registry);
  std::mutex mu;
  std::vector<Clock::TimePoint> attempts;
  WorkerPool pool(
      *queue,
      [&](const std::string&) {
        std::lock_guard lock(mu);
        attempts.push_back(clock.Now());
        if (attempts.size() < 5) return Conflict("not yet");
        return OkStatus();
      },
      PoolOptions(2, &registry));
  pool.Start();
  queue->Add("ns/flaky");
  for (milliseconds delay :
       {milliseconds(5), milliseconds(10), milliseconds(20), milliseconds(40)}) {
    // The failed key is held by the rate limiter's delay, not retried at once.
    ASSERT_TRUE(Eventually([&] { return queue->NumDelayed() == 1; }));
    ASSERT_EQ(queue->NextReadyAt(), clock.Now() + delay);
    clock.Advance(delay - std::chrono::nanoseconds(1));
    EXPECT_EQ(queue->Tick(), 0u);
    clock.Advance(std::chrono::nanoseconds(1));
    EXPECT_EQ(queue->Tick(), 1u);
  }
  ASSERT_TRUE(Eventually([&] {
    std::lock_guard lock(mu);
    return attempts.size() == 5;
  }));
  EXPECT_TRUE(Eventually([&] { return queue->NumRequeues("ns/flaky") == 0; }));  // forgotten
  pool.Stop();
  EXPECT_EQ(queue->NumDelayed(), 0u);
  EXPECT_THAT(attempts, ElementsAre(kT0, kT0 + milliseconds(5), kT0 + milliseconds(15),
                                    kT0 + milliseconds(35), kT0 + milliseconds(75)));
  const std::string text = registry.Render();
  EXPECT_THAT(text, HasSubstr("controller_runtime_reconcile_total{controller=\"test-controller\","
                              "result=\"error\"} 4\n"));
  EXPECT_THAT(text, HasSubstr("controller_runtime_reconcile_total{controller=\"test-controller\","
                              "result=\"success\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("controller_runtime_reconcile_errors_total{controller=\"test-"
                              "controller\"} 4\n"));
  EXPECT_THAT(text, HasSubstr("controller_runtime_max_concurrent_reconciles{controller=\"test-"
                              "controller\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("workqueue_retries_total{name=\"pool\"} 4\n"));
}

TEST(WorkerPoolTest, AnExceptionIsAnErrorAndTheKeyIsRetried) {
  FakeClock clock(kT0);
  auto queue = ManualQueue(clock);
  std::atomic<int> calls = 0;
  WorkerPool pool(
      *queue,
      [&](const std::string&) -> Status {
        if (calls++ == 0) throw std::runtime_error("boom");
        return OkStatus();
      },
      PoolOptions(1));
  pool.Start();
  queue->Add("k");
  ASSERT_TRUE(Eventually([&] { return queue->NumDelayed() == 1; }));
  EXPECT_EQ(queue->NumRequeues("k"), 1);
  clock.Advance(milliseconds(5));
  queue->Tick();
  ASSERT_TRUE(Eventually([&] { return calls.load() == 2; }));
  pool.Stop();
}

TEST(WorkerPoolTest, NeverReconcilesOneKeyOnTwoWorkersAtOnce) {
  FakeClock clock(kT0);
  auto queue = ManualQueue(clock);
  constexpr int kKeys = 4;
  std::atomic<int> in_flight[kKeys] = {};
  std::atomic<int> reconciles[kKeys] = {};
  std::atomic<int> overlaps = 0;
  std::atomic<int> concurrent = 0;
  std::atomic<int> max_concurrent = 0;
  WorkerPool pool(
      *queue,
      [&](const std::string& key) {
        const int i = key.back() - '0';
        if (in_flight[i]++ != 0) overlaps++;
        const int now = ++concurrent;
        int seen = max_concurrent.load();
        while (now > seen && !max_concurrent.compare_exchange_weak(seen, now)) {
        }
        queue->Add(key);  // re-added while processing: must wait for Done
        for (int spin = 0; spin < 50; ++spin) std::this_thread::yield();
        reconciles[i]++;
        --concurrent;
        in_flight[i]--;
        // Occasionally fail, so rate-limited re-adds race with plain ones.
        return reconciles[i] % 97 == 0 ? Conflict("retry") : OkStatus();
      },
      PoolOptions(8));
  pool.Start();
  std::atomic<bool> stop_producing = false;
  std::vector<std::thread> producers;
  for (int p = 0; p < 3; ++p) {
    producers.emplace_back([&, p] {
      for (int n = 0; !stop_producing; ++n) {
        queue->Add("ns/key-" + std::to_string((n + p) % kKeys));
        if (n % 100 == 0) {
          clock.Advance(milliseconds(10));
          queue->Tick();
        }
        std::this_thread::yield();
      }
    });
  }
  EXPECT_TRUE(Eventually([&] {
    for (const auto& count : reconciles) {
      if (count < 200) return false;
    }
    return true;
  }));
  stop_producing = true;
  for (std::thread& producer : producers) producer.join();
  pool.Stop();
  EXPECT_EQ(overlaps.load(), 0);
  EXPECT_LE(max_concurrent.load(), kKeys);
}

TEST(WorkerPoolTest, StopDrainsQueuedKeysAndWaitsForWorkInProgress) {
  FakeClock clock(kT0);
  auto queue = ManualQueue(clock);
  std::mutex mu;
  std::condition_variable cv;
  bool release = false;
  bool first_started = false;
  std::vector<std::string> done;
  WorkerPool pool(
      *queue,
      [&](const std::string& key) {
        std::unique_lock lock(mu);
        if (key == "a") {
          first_started = true;
          cv.notify_all();
          cv.wait(lock, [&] { return release; });
        }
        done.push_back(key);
        return OkStatus();
      },
      PoolOptions(1));
  queue->Add("a");
  queue->Add("b");
  queue->Add("c");
  queue->AddAfter("held", milliseconds(5));
  pool.Start();
  {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return first_started; });
  }
  std::atomic<bool> stopped = false;
  std::thread stopper([&] {
    pool.Stop();
    stopped = true;
  });
  ASSERT_TRUE(Eventually([&] { return queue->ShuttingDown(); }));
  std::this_thread::sleep_for(milliseconds(5));
  EXPECT_FALSE(stopped.load());  // "a" is still being reconciled
  {
    std::lock_guard lock(mu);
    release = true;
  }
  cv.notify_all();
  stopper.join();
  EXPECT_THAT(done, ElementsAre("a", "b", "c"));  // queued keys drained; held key dropped
  queue->Add("d");                                // ignored after Stop
  EXPECT_EQ(queue->Len(), 0u);
  pool.Stop();  // idempotent
}

TEST(WorkerPoolTest, StopWithoutStartReturns) {
  FakeClock clock(kT0);
  auto queue = ManualQueue(clock);
  WorkerPool pool(
      *queue, [](const std::string&) { return OkStatus(); }, PoolOptions(2));
  pool.Stop();
  pool.Start();  // no-op after Stop
  EXPECT_TRUE(queue->ShuttingDown());
}

}  // namespace
}  // namespace navigator::runtime
