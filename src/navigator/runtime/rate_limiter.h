#pragma once

// Rate limiters decide how long a work-queue key waits before it is retried,
// as client-go's workqueue rate limiters (util/workqueue/default_rate_limiters.go):
//
//   - ItemExponentialFailureRateLimiter: per key, base * 2^failures, capped at
//     max; Forget starts the key over.
//   - BucketRateLimiter: one token bucket shared by all keys (qps, burst), with
//     reservations like golang.org/x/time/rate's Reserve: every When takes a
//     token, possibly one that only becomes available later, and returns the
//     wait until then.
//   - MaxOfRateLimiter: the longest wait of several limiters.
//   - DefaultControllerRateLimiter: max(exponential 5ms..1000s, bucket 10 qps
//     with a burst of 100), client-go's default for controllers.
//
// Threading: every limiter here is thread-safe.

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "navigator/base/clock.h"

namespace navigator::runtime {

class RateLimiter {
 public:
  virtual ~RateLimiter() = default;
  // How long `key` should wait before it is processed again. Counts as one
  // more failure (requeue) of `key` for the limiters that track keys.
  virtual std::chrono::nanoseconds When(const std::string& key) = 0;
  // `key` is done being retried (it succeeded, or the caller gave up): its
  // failure history is dropped.
  virtual void Forget(const std::string& key) = 0;
  // How many times When was called for `key` since it was last forgotten
  // (0 for limiters that do not track keys).
  virtual int NumRequeues(const std::string& key) const = 0;
};

// base * 2^(failures so far), never more than `max` (no overflow however many
// failures). Precondition: 0 <= base <= max; a negative base counts as 0 and a
// max below base as base.
class ItemExponentialFailureRateLimiter final : public RateLimiter {
 public:
  ItemExponentialFailureRateLimiter(std::chrono::nanoseconds base, std::chrono::nanoseconds max);

  std::chrono::nanoseconds When(const std::string& key) override;
  void Forget(const std::string& key) override;
  int NumRequeues(const std::string& key) const override;

 private:
  const std::chrono::nanoseconds base_;
  const std::chrono::nanoseconds max_;
  mutable std::mutex mu_;
  std::map<std::string, int> failures_;  // guarded by mu_
};

// A token bucket refilled at `qps` tokens per second up to `burst` tokens,
// starting full. When ignores the key: the first `burst` calls return 0, later
// ones are spaced 1/qps apart. A non-positive or non-finite qps, or a burst
// below 1, is a programming error and gives a limiter that never waits.
// `clock` must outlive the limiter.
class BucketRateLimiter final : public RateLimiter {
 public:
  BucketRateLimiter(double qps, int burst, const Clock& clock);

  std::chrono::nanoseconds When(const std::string& key) override;
  void Forget(const std::string&) override {}
  int NumRequeues(const std::string&) const override { return 0; }

 private:
  const double qps_;
  const double burst_;
  const bool unlimited_;
  const Clock& clock_;
  std::mutex mu_;
  double tokens_;          // guarded by mu_; negative while reservations are outstanding
  Clock::TimePoint last_;  // guarded by mu_; when tokens_ was last brought up to date
};

// The longest When of `limiters`, the largest NumRequeues; Forget forgets in
// all of them. Precondition: every element is non-null.
class MaxOfRateLimiter final : public RateLimiter {
 public:
  explicit MaxOfRateLimiter(std::vector<std::unique_ptr<RateLimiter>> limiters);

  std::chrono::nanoseconds When(const std::string& key) override;
  void Forget(const std::string& key) override;
  int NumRequeues(const std::string& key) const override;

 private:
  const std::vector<std::unique_ptr<RateLimiter>> limiters_;
};

// max(ItemExponentialFailureRateLimiter(5ms, 1000s), BucketRateLimiter(10 qps,
// burst 100)). `clock` must outlive the limiter.
std::unique_ptr<RateLimiter> DefaultControllerRateLimiter(const Clock& clock);

}  // namespace navigator::runtime
