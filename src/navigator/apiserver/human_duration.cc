#include "navigator/apiserver/human_duration.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

namespace navigator::apiserver {

std::string HumanDuration(std::chrono::nanoseconds d) {
  using std::chrono::duration_cast;
  // Each unit truncates toward zero, as Go's integer conversions do.
  const int64_t seconds = duration_cast<std::chrono::seconds>(d).count();
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60 * 2) return fmt::format("{}s", seconds);
  const int64_t minutes = seconds / 60;
  if (minutes < 10) {
    const int64_t s = seconds % 60;
    return s == 0 ? fmt::format("{}m", minutes) : fmt::format("{}m{}s", minutes, s);
  }
  if (minutes < 60 * 3) return fmt::format("{}m", minutes);
  const int64_t hours = minutes / 60;
  if (hours < 8) {
    const int64_t m = minutes % 60;
    return m == 0 ? fmt::format("{}h", hours) : fmt::format("{}h{}m", hours, m);
  }
  if (hours < 48) return fmt::format("{}h", hours);
  if (hours < 24 * 8) {
    const int64_t h = hours % 24;
    return h == 0 ? fmt::format("{}d", hours / 24) : fmt::format("{}d{}h", hours / 24, h);
  }
  if (hours < 24 * 365 * 2) return fmt::format("{}d", hours / 24);
  if (hours < 24 * 365 * 8) {
    const int64_t dy = (hours / 24) % 365;
    return dy == 0 ? fmt::format("{}y", hours / 24 / 365)
                   : fmt::format("{}y{}d", hours / 24 / 365, dy);
  }
  return fmt::format("{}y", hours / 24 / 365);
}

std::string HumanAge(const std::optional<api::Time>& created, Clock::TimePoint now) {
  if (!created) return "<unknown>";
  // Whole seconds first: creation times span years 0 to 9999, nanoseconds
  // only about +-292 years. Beyond +-285 years every result reads the same.
  constexpr int64_t kLimit = 9'000'000'000;
  const auto now_seconds = std::chrono::floor<std::chrono::seconds>(now);
  const std::chrono::nanoseconds fraction = now - now_seconds;  // in [0, 1s)
  const int64_t seconds =
      now_seconds.time_since_epoch().count() - created->value.time_since_epoch().count();
  return HumanDuration(std::chrono::seconds(std::clamp(seconds, -kLimit, kLimit)) + fraction);
}

}  // namespace navigator::apiserver
