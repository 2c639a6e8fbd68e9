#pragma once

// Client-side request rate limiting, as client-go's rest.Config QPS/Burst: a
// token bucket that holds up to `burst` tokens, starts full and refills at
// `qps` tokens a second; every Do and every Stream start takes one token,
// waiting for it when the bucket is empty (client-go's
// flowcontrol.NewTokenBucketRateLimiter, defaults QPS 5, burst 10).
//
// Put it below a RetryingRestClient (Retrying(RateLimited(transport))) so that
// retries are throttled too, as client-go throttles every attempt.

#include <chrono>
#include <mutex>

#include "navigator/base/clock.h"
#include "navigator/client/rest_client.h"
#include "navigator/client/sleeper.h"

namespace navigator::client {

struct RateLimitOptions {
  // Tokens per second; <= 0 turns the limit off (every request passes).
  double qps = 5;
  // The bucket's size: requests that may go at once after a quiet period.
  // Values below 1 count as 1.
  int burst = 10;
};

// A token bucket on an injected clock. Thread-safe.
class TokenBucket {
 public:
  // `clock` must outlive the bucket.
  TokenBucket(RateLimitOptions options, const Clock& clock);

  // Takes one token, borrowing against the future when the bucket is empty,
  // and returns how long the caller must wait before using it (zero when a
  // token was there). Callers that reserve concurrently get successive slots.
  std::chrono::nanoseconds Reserve();
  // Gives back a token reserved but not used (its wait was cut short).
  void Cancel();

 private:
  void RefillLocked(Clock::TimePoint now);

  const RateLimitOptions options_;
  const Clock& clock_;
  std::mutex mu_;
  double tokens_;  // may go negative: reservations of waiting callers
  Clock::TimePoint last_;
};

// Ownership and threading: `inner`, `clock` and `sleeper` must outlive the
// decorator; thread-safe as the inner client is.
class RateLimitedRestClient final : public RestClient {
 public:
  RateLimitedRestClient(RestClient& inner, RateLimitOptions options, const Clock& clock,
                        Sleeper& sleeper);

  // Waits for a token, then calls the inner client. After Stop(): fails at
  // once with kServiceUnavailable (a waiting call included).
  Result<std::string> Do(const RestRequest& request) override;
  // Waits for a token (giving up, OK, when `cancel` becomes true: checked at
  // least once a second), then streams through the inner client.
  Status Stream(std::string_view path, const std::function<bool(std::string_view line)>& on_line,
                const std::atomic<bool>& cancel) override;

  // Cuts every current and future wait short. Idempotent.
  void Stop() { stop_.Stop(); }

 private:
  // OK once the caller may go; kServiceUnavailable when stopped, kTimeout
  // (never returned to callers: Stream maps it to OK) when `cancel` is set.
  Status Wait(const std::atomic<bool>* cancel);

  RestClient& inner_;
  TokenBucket bucket_;
  Sleeper& sleeper_;
  StopSignal stop_;
};

}  // namespace navigator::client
