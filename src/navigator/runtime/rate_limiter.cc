#include "navigator/runtime/rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace navigator::runtime {

using std::chrono::nanoseconds;

ItemExponentialFailureRateLimiter::ItemExponentialFailureRateLimiter(nanoseconds base,
                                                                     nanoseconds max)
    : base_(std::max(base, nanoseconds(0))), max_(std::max(max, base_)) {}

nanoseconds ItemExponentialFailureRateLimiter::When(const std::string& key) {
  int exponent = 0;
  {
    std::lock_guard lock(mu_);
    int& failures = failures_[key];
    exponent = failures;
    if (failures < std::numeric_limits<int>::max()) ++failures;
  }
  if (base_.count() == 0) return nanoseconds(0);
  // Doubling `base_` more than 63 times overflows any int64; so does any
  // product above max_ (<= INT64_MAX), which is checked before each doubling.
  const nanoseconds::rep limit = max_.count();
  nanoseconds::rep backoff = base_.count();
  for (int i = 0; i < exponent; ++i) {
    if (backoff > limit / 2) return max_;
    backoff *= 2;
  }
  return nanoseconds(std::min(backoff, limit));
}

void ItemExponentialFailureRateLimiter::Forget(const std::string& key) {
  std::lock_guard lock(mu_);
  failures_.erase(key);
}

int ItemExponentialFailureRateLimiter::NumRequeues(const std::string& key) const {
  std::lock_guard lock(mu_);
  auto it = failures_.find(key);
  return it == failures_.end() ? 0 : it->second;
}

BucketRateLimiter::BucketRateLimiter(double qps, int burst, const Clock& clock)
    : qps_(qps),
      burst_(static_cast<double>(burst)),
      unlimited_(!(qps > 0) || !std::isfinite(qps) || burst < 1),
      clock_(clock),
      tokens_(static_cast<double>(burst)),
      last_(clock.Now()) {}

nanoseconds BucketRateLimiter::When(const std::string&) {
  if (unlimited_) return nanoseconds(0);
  std::lock_guard lock(mu_);
  const Clock::TimePoint now = clock_.Now();
  // A clock that went backwards refills nothing.
  if (now > last_) {
    const double elapsed = std::chrono::duration<double>(now - last_).count();
    tokens_ = std::min(burst_, tokens_ + elapsed * qps_);
  }
  last_ = now;
  tokens_ -= 1;
  if (tokens_ >= 0) return nanoseconds(0);
  const double wait_ns = std::round(-tokens_ / qps_ * 1e9);
  constexpr double kMaxNs = static_cast<double>(std::numeric_limits<nanoseconds::rep>::max() / 2);
  return nanoseconds(static_cast<nanoseconds::rep>(std::min(wait_ns, kMaxNs)));
}

MaxOfRateLimiter::MaxOfRateLimiter(std::vector<std::unique_ptr<RateLimiter>> limiters)
    : limiters_(std::move(limiters)) {}

nanoseconds MaxOfRateLimiter::When(const std::string& key) {
  nanoseconds longest(0);
  // Every limiter is asked, so each records the failure (or takes its token).
  for (const auto& limiter : limiters_) longest = std::max(longest, limiter->When(key));
  return longest;
}

void MaxOfRateLimiter::Forget(const std::string& key) {
  for (const auto& limiter : limiters_) limiter->Forget(key);
}

int MaxOfRateLimiter::NumRequeues(const std::string& key) const {
  int most = 0;
  for (const auto& limiter : limiters_) most = std::max(most, limiter->NumRequeues(key));
  return most;
}

std::unique_ptr<RateLimiter> DefaultControllerRateLimiter(const Clock& clock) {
  std::vector<std::unique_ptr<RateLimiter>> limiters;
  limiters.push_back(std::make_unique<ItemExponentialFailureRateLimiter>(
      std::chrono::milliseconds(5), std::chrono::seconds(1000)));
  limiters.push_back(std::make_unique<BucketRateLimiter>(10.0, 100, clock));
  return std::make_unique<MaxOfRateLimiter>(std::move(limiters));
}

}  // namespace navigator::runtime
