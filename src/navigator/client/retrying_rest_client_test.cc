#include "navigator/client/retrying_rest_client.h"

#include <gtest/gtest.h>

#include <deque>
#include <thread>

#include "navigator/client/response_status.h"
#include "navigator/client/testing/fake_rest_client.h"
#include "navigator/client/testing/fake_sleeper.h"

namespace navigator::client {
namespace {

using namespace std::chrono_literals;
using testing::FakeRestClient;
using testing::FakeSleeper;

// The transport's wording for failures without an answer (see
// https_connection.cc, https_rest_client.cc).
Status Refused() {
  return Unavailable("cannot reach https://127.0.0.1:6443: connecting: Connection refused");
}
Status ResetWhileReading() {
  return Unavailable(
      "cannot reach https://127.0.0.1:6443: reading the answer: Connection reset by peer");
}
Status Answer(int http, std::string_view body, int retry_after = 0) {
  return StatusFromResponse(http, body, "https://127.0.0.1:6443", retry_after);
}

class RetryingRestClientTest : public ::testing::Test {
 protected:
  // Answers with `script` in order, then with "ok".
  void Script(std::vector<Status> script) {
    script_.assign(script.begin(), script.end());
    fake_.SetDoHandler([this](const RestRequest&) -> Result<std::string> {
      if (script_.empty()) return std::string("ok");
      Status next = script_.front();
      script_.pop_front();
      return next;
    });
  }

  FakeClock clock_{Clock::TimePoint{} + 1000h};
  FakeSleeper sleeper_{clock_};
  DefaultRandom random_{42};
  FakeRestClient fake_;
  std::deque<Status> script_;
};

TEST(ClassifyFailureTest, SortsAnswersAndTransportErrors) {
  EXPECT_EQ(ClassifyFailure(Refused()), RetryClass::kNotSent);
  EXPECT_EQ(ClassifyFailure(ResetWhileReading()), RetryClass::kMaybeReceived);
  EXPECT_EQ(ClassifyFailure(Unavailable("cannot reach https://h:1: sending the request: EOF")),
            RetryClass::kMaybeReceived);
  EXPECT_EQ(ClassifyFailure(Unavailable("cannot reach https://h:1: TLS handshake: certificate "
                                        "verify failed: self-signed certificate")),
            RetryClass::kNever);
  EXPECT_EQ(ClassifyFailure(Unavailable("cannot reach https://h:1: TLS handshake: short read")),
            RetryClass::kNotSent);
  EXPECT_EQ(ClassifyFailure(Timeout("https://h:1: connecting timed out after 30000 ms")),
            RetryClass::kNotSent);
  EXPECT_EQ(
      ClassifyFailure(Timeout("https://h:1 did not answer within 30000 ms (reading the answer)")),
      RetryClass::kNever);
  EXPECT_EQ(ClassifyFailure(Answer(429, "", 3)), RetryClass::kAnswerRetry);
  EXPECT_EQ(ClassifyFailure(Answer(500, "", 1)), RetryClass::kAnswerRetry);
  EXPECT_EQ(ClassifyFailure(Answer(429, "")), RetryClass::kReadRetry);
  EXPECT_EQ(ClassifyFailure(Answer(503, "")), RetryClass::kReadRetry);
  EXPECT_EQ(ClassifyFailure(Answer(500, "")), RetryClass::kNever);
  EXPECT_EQ(ClassifyFailure(Answer(504, "")), RetryClass::kNever);
  EXPECT_EQ(ClassifyFailure(Answer(404, "")), RetryClass::kNever);
  EXPECT_EQ(ClassifyFailure(Answer(409, "", 5)), RetryClass::kNever);
  // Retry-After in the metav1.Status body, as kube-apiserver's max-in-flight
  // filter sends it.
  EXPECT_EQ(ClassifyFailure(Answer(429, R"({"kind":"Status","code":429,"reason":"TooManyRequests",
                                           "details":{"retryAfterSeconds":1}})")),
            RetryClass::kAnswerRetry);
}

TEST(ShouldRetryTest, WritesAreRetriedOnlyWhenNotReceived) {
  EXPECT_TRUE(ShouldRetry("POST", Refused()));
  EXPECT_FALSE(ShouldRetry("POST", ResetWhileReading()));
  EXPECT_TRUE(ShouldRetry("GET", ResetWhileReading()));
  EXPECT_FALSE(ShouldRetry("PUT", ResetWhileReading()));
  EXPECT_FALSE(ShouldRetry("POST", Answer(503, "")));
  EXPECT_TRUE(ShouldRetry("GET", Answer(503, "")));
  EXPECT_TRUE(ShouldRetry("POST", Answer(503, "", 2)));
  EXPECT_FALSE(ShouldRetry("GET", BadRequest("no")));
}

TEST_F(RetryingRestClientTest, HonoursRetryAfter) {
  Script({Answer(429, R"({"kind":"Status","code":429,"details":{"retryAfterSeconds":3}})"),
          Answer(503, "", 1)});
  RetryingRestClient client(fake_, {}, clock_, sleeper_, random_);
  Result<std::string> result = client.Do({.method = "POST", .path = "/api/v1/namespaces"});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(*result, "ok");
  EXPECT_EQ(fake_.requests().size(), 3u);
  EXPECT_EQ(sleeper_.sleeps(), (std::vector<std::chrono::milliseconds>{3s, 1s}));
}

TEST_F(RetryingRestClientTest, BacksOffOnConnectionErrors) {
  Script({Refused(), Refused(), ResetWhileReading(), Answer(503, "")});
  RetryingRestClient client(fake_, {}, clock_, sleeper_, random_);
  ASSERT_TRUE(client.Do({.path = "/api"}).ok());
  const auto sleeps = sleeper_.sleeps();
  ASSERT_EQ(sleeps.size(), 4u);
  // Jittered in [base/2, base], base 200ms doubling.
  EXPECT_GE(sleeps[0], 100ms);
  EXPECT_LE(sleeps[0], 200ms);
  EXPECT_GE(sleeps[3], 800ms);
  EXPECT_LE(sleeps[3], 1600ms);
}

TEST_F(RetryingRestClientTest, NeverResendsAWriteThatMayHaveArrived) {
  Script({ResetWhileReading()});
  RetryingRestClient client(fake_, {}, clock_, sleeper_, random_);
  Result<std::string> result = client.Do({.method = "POST", .path = "/x", .body = "{}"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status(), ResetWhileReading());
  EXPECT_EQ(fake_.requests().size(), 1u);
  EXPECT_TRUE(sleeper_.sleeps().empty());
}

TEST_F(RetryingRestClientTest, FinalAnswersAreNotRetried) {
  Script({Answer(404, R"({"kind":"Status","code":404,"reason":"NotFound","message":"nope"})"),
          Answer(500, "boom")});
  RetryingRestClient client(fake_, {}, clock_, sleeper_, random_);
  EXPECT_EQ(client.Do({.path = "/x"}).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(client.Do({.path = "/x"}).status().code(), StatusCode::kInternal);
  EXPECT_EQ(fake_.requests().size(), 2u);
}

TEST_F(RetryingRestClientTest, GivesUpAfterMaxRetries) {
  fake_.SetDoHandler([](const RestRequest&) -> Result<std::string> { return Refused(); });
  RetryingRestClient client(fake_, {}, clock_, sleeper_, random_);
  Result<std::string> result = client.Do({.path = "/x"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status(), Refused());
  EXPECT_EQ(fake_.requests().size(), 11u);  // one try and ten retries
  EXPECT_EQ(sleeper_.sleeps().size(), 10u);
  for (const auto sleep : sleeper_.sleeps()) EXPECT_LE(sleep, 5s);
}

TEST_F(RetryingRestClientTest, LongRetryAfterIsCapped) {
  Script({Answer(429, "", 86400)});
  RetryingRestClient client(fake_, {.max_retry_after = 7s}, clock_, sleeper_, random_);
  ASSERT_TRUE(client.Do({.path = "/x"}).ok());
  EXPECT_EQ(sleeper_.sleeps(), std::vector<std::chrono::milliseconds>{7s});
}

TEST_F(RetryingRestClientTest, StopEndsTheWaitWithTheLastError) {
  fake_.SetDoHandler([](const RestRequest&) -> Result<std::string> { return Refused(); });
  FakeSleeper blocking(clock_, /*free_sleeps=*/1);
  RetryingRestClient client(fake_, {}, clock_, blocking, random_);
  Result<std::string> result = std::string();
  std::thread caller([&] { result = client.Do({.path = "/x"}); });
  ASSERT_TRUE(blocking.WaitForSleeps(2));
  client.Stop();
  caller.join();
  EXPECT_EQ(result.status(), Refused());
  EXPECT_EQ(fake_.requests().size(), 2u);
}

TEST_F(RetryingRestClientTest, StreamsPassThrough) {
  fake_.SetStreamHandler([](std::string_view, const std::function<bool(std::string_view)>&,
                            const std::atomic<bool>&) { return Refused(); });
  RetryingRestClient client(fake_, {}, clock_, sleeper_, random_);
  std::atomic<bool> cancel{false};
  EXPECT_EQ(client.Stream(
                "/w", [](std::string_view) { return true; }, cancel),
            Refused());
  EXPECT_EQ(fake_.requests().size(), 1u);
}

// The classification depends on the transport's wording: check it against
// the real transport on a port where nothing listens.
TEST(RetryWithRealTransportTest, RefusedConnectionIsNotSent) {
  RestConfig config;
  config.server = "https://127.0.0.1:1";
  config.timeout = 5s;
  Result<std::unique_ptr<RestClient>> client = NewRestClient(config);
  ASSERT_TRUE(client.ok()) << client.status().ToString();
  Result<std::string> result = (*client)->Do({.method = "POST", .path = "/x", .body = "{}"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(ClassifyFailure(result.status()), RetryClass::kNotSent) << result.status().ToString();
}

}  // namespace
}  // namespace navigator::client
