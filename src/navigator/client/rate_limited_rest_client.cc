#include "navigator/client/rate_limited_rest_client.h"

#include <algorithm>
#include <cmath>

namespace navigator::client {
namespace {

constexpr std::chrono::seconds kCancelPoll{1};

}  // namespace

TokenBucket::TokenBucket(RateLimitOptions options, const Clock& clock)
    : options_{options.qps, std::max(options.burst, 1)},
      clock_(clock),
      tokens_(options_.burst),
      last_(clock.Now()) {}

void TokenBucket::RefillLocked(Clock::TimePoint now) {
  if (now <= last_) return;
  const double elapsed = std::chrono::duration<double>(now - last_).count();
  tokens_ = std::min<double>(options_.burst, tokens_ + elapsed * options_.qps);
  last_ = now;
}

std::chrono::nanoseconds TokenBucket::Reserve() {
  if (options_.qps <= 0) return std::chrono::nanoseconds::zero();
  std::lock_guard lock(mu_);
  RefillLocked(clock_.Now());
  tokens_ -= 1;
  if (tokens_ >= 0) return std::chrono::nanoseconds::zero();
  const double seconds = -tokens_ / options_.qps;
  return std::chrono::nanoseconds(static_cast<std::int64_t>(std::ceil(seconds * 1e9)));
}

void TokenBucket::Cancel() {
  if (options_.qps <= 0) return;
  std::lock_guard lock(mu_);
  RefillLocked(clock_.Now());
  tokens_ = std::min<double>(options_.burst, tokens_ + 1);
}

RateLimitedRestClient::RateLimitedRestClient(RestClient& inner, RateLimitOptions options,
                                             const Clock& clock, Sleeper& sleeper)
    : inner_(inner), bucket_(options, clock), sleeper_(sleeper) {}

Status RateLimitedRestClient::Wait(const std::atomic<bool>* cancel) {
  if (stop_.stopped()) return Unavailable("the client is shutting down (rate limiter stopped)");
  std::chrono::nanoseconds left = bucket_.Reserve();
  while (left > std::chrono::nanoseconds::zero()) {
    if (cancel != nullptr && cancel->load()) {
      bucket_.Cancel();
      return Timeout("cancelled while waiting for the client rate limiter");
    }
    // A Stream's cancel flag is no StopSignal: wait in slices and look at it.
    const std::chrono::nanoseconds slice =
        cancel != nullptr ? std::min<std::chrono::nanoseconds>(left, kCancelPoll) : left;
    if (!sleeper_.Sleep(slice, stop_)) {
      bucket_.Cancel();
      return Unavailable("the client is shutting down (rate limiter stopped)");
    }
    left -= slice;
  }
  if (cancel != nullptr && cancel->load()) {
    return Timeout("cancelled while waiting for the client rate limiter");
  }
  return OkStatus();
}

Result<std::string> RateLimitedRestClient::Do(const RestRequest& request) {
  NAVIGATOR_RETURN_IF_ERROR(Wait(nullptr));
  return inner_.Do(request);
}

Status RateLimitedRestClient::Stream(std::string_view path,
                                     const std::function<bool(std::string_view line)>& on_line,
                                     const std::atomic<bool>& cancel) {
  if (Status waited = Wait(&cancel); !waited.ok()) {
    return waited.code() == StatusCode::kTimeout ? OkStatus() : waited;
  }
  return inner_.Stream(path, on_line, cancel);
}

}  // namespace navigator::client
