#include "navigator/client/rate_limited_rest_client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "navigator/client/testing/fake_rest_client.h"
#include "navigator/client/testing/fake_sleeper.h"

namespace navigator::client {
namespace {

using namespace std::chrono_literals;
using testing::FakeRestClient;
using testing::FakeSleeper;

class RateLimitedRestClientTest : public ::testing::Test {
 protected:
  RateLimitedRestClientTest() {
    fake_.SetDoHandler([](const RestRequest&) -> Result<std::string> { return std::string("{}"); });
    fake_.SetStreamHandler([](std::string_view,
                              const std::function<bool(std::string_view)>& on_line,
                              const std::atomic<bool>&) {
      on_line("line");
      return OkStatus();
    });
  }

  FakeClock clock_{Clock::TimePoint{} + 1000h};
  FakeSleeper sleeper_{clock_};
  FakeRestClient fake_;
};

TEST_F(RateLimitedRestClientTest, BurstPassesThenQpsPaces) {
  RateLimitedRestClient client(fake_, {.qps = 5, .burst = 10}, clock_, sleeper_);
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(client.Do({.path = "/api"}).ok());
  EXPECT_TRUE(sleeper_.sleeps().empty());
  const auto start = clock_.Now();
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(client.Do({.path = "/api"}).ok());
  // Five more at 5 QPS: one every 200 ms.
  EXPECT_EQ(sleeper_.sleeps(), std::vector<std::chrono::milliseconds>(5, 200ms));
  EXPECT_EQ(clock_.Now() - start, 1s);
  EXPECT_EQ(fake_.requests().size(), 15u);
}

TEST_F(RateLimitedRestClientTest, QuietPeriodRefillsUpToBurstOnly) {
  RateLimitedRestClient client(fake_, {.qps = 2, .burst = 3}, clock_, sleeper_);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(client.Do({}).ok());
  clock_.Advance(1h);  // refills to 3, not to 7200
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(client.Do({}).ok());
  EXPECT_TRUE(sleeper_.sleeps().empty());
  ASSERT_TRUE(client.Do({}).ok());
  EXPECT_EQ(sleeper_.sleeps(), std::vector<std::chrono::milliseconds>{500ms});
}

TEST_F(RateLimitedRestClientTest, StreamStartsTakeTokens) {
  RateLimitedRestClient client(fake_, {.qps = 1, .burst = 1}, clock_, sleeper_);
  std::atomic<bool> cancel{false};
  int lines = 0;
  auto on_line = [&](std::string_view) {
    return ++lines > 0;
  };
  ASSERT_TRUE(client.Stream("/api/v1/pods?watch=true", on_line, cancel).ok());
  ASSERT_TRUE(client.Stream("/api/v1/pods?watch=true", on_line, cancel).ok());
  EXPECT_EQ(lines, 2);
  EXPECT_EQ(sleeper_.sleeps(), std::vector<std::chrono::milliseconds>{1s});
}

TEST_F(RateLimitedRestClientTest, LongStreamWaitIsSlicedAndCancellable) {
  RateLimitedRestClient client(fake_, {.qps = 0.25, .burst = 1}, clock_, sleeper_);
  std::atomic<bool> cancel{false};
  ASSERT_TRUE(client
                  .Stream(
                      "/w", [](std::string_view) { return true; }, cancel)
                  .ok());
  ASSERT_TRUE(client
                  .Stream(
                      "/w", [](std::string_view) { return true; }, cancel)
                  .ok());
  // A 4 s wait in one-second slices (so `cancel` is looked at).
  EXPECT_EQ(sleeper_.sleeps(), std::vector<std::chrono::milliseconds>(4, 1s));
  cancel = true;
  const size_t before = fake_.requests().size();
  EXPECT_TRUE(client
                  .Stream(
                      "/w", [](std::string_view) { return true; }, cancel)
                  .ok());
  EXPECT_EQ(fake_.requests().size(), before);  // cancelled before it started
}

TEST_F(RateLimitedRestClientTest, NonPositiveQpsDisablesTheLimit) {
  RateLimitedRestClient client(fake_, {.qps = 0, .burst = 1}, clock_, sleeper_);
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(client.Do({}).ok());
  EXPECT_TRUE(sleeper_.sleeps().empty());
}

TEST_F(RateLimitedRestClientTest, StopFailsWaitingAndLaterCalls) {
  FakeSleeper blocking(clock_, /*free_sleeps=*/0);
  RateLimitedRestClient client(fake_, {.qps = 1, .burst = 1}, clock_, blocking);
  ASSERT_TRUE(client.Do({}).ok());
  Result<std::string> waited = std::string();
  std::thread waiter([&] { waited = client.Do({}); });
  ASSERT_TRUE(blocking.WaitForSleeps(1));
  client.Stop();
  waiter.join();
  ASSERT_FALSE(waited.ok());
  EXPECT_EQ(waited.status().code(), StatusCode::kServiceUnavailable);
  EXPECT_EQ(client.Do({}).status().code(), StatusCode::kServiceUnavailable);
  EXPECT_EQ(fake_.requests().size(), 1u);
}

TEST_F(RateLimitedRestClientTest, ConcurrentCallersGetSuccessiveSlots) {
  TokenBucket bucket({.qps = 10, .burst = 2}, clock_);
  EXPECT_EQ(bucket.Reserve(), 0ns);
  EXPECT_EQ(bucket.Reserve(), 0ns);
  EXPECT_EQ(bucket.Reserve(), 100ms);
  EXPECT_EQ(bucket.Reserve(), 200ms);
  bucket.Cancel();  // the last caller gave up
  EXPECT_EQ(bucket.Reserve(), 200ms);
  clock_.Advance(200ms);
  EXPECT_EQ(bucket.Reserve(), 100ms);
}

}  // namespace
}  // namespace navigator::client
