#include "navigator/client/backoff.h"

#include <algorithm>

namespace navigator::client {

double UniformUnit(Random& random) {
  return static_cast<double>(random.Next() >> 11) * 0x1.0p-53;
}

Backoff::Backoff(BackoffOptions options, const Clock& clock, Random& random)
    : options_(options), clock_(clock), random_(random) {}

std::chrono::milliseconds Backoff::Next() {
  const Clock::TimePoint now = clock_.Now();
  if (base_.count() == 0 || now - last_ > options_.reset_after) {
    base_ = options_.initial;
  } else {
    const double grown = static_cast<double>(base_.count()) * options_.factor;
    base_ = std::chrono::milliseconds(
        static_cast<int64_t>(std::min(grown, static_cast<double>(options_.cap.count()))));
  }
  base_ = std::min(base_, options_.cap);
  last_ = now;
  const double half = static_cast<double>(base_.count()) / 2.0;
  return std::chrono::milliseconds(static_cast<int64_t>(half + half * UniformUnit(random_)));
}

void Backoff::Reset() {
  base_ = std::chrono::milliseconds(0);
}

}  // namespace navigator::client
