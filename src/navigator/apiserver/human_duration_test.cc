#include "navigator/apiserver/human_duration.h"

#include <gtest/gtest.h>

#include <chrono>

namespace navigator::apiserver {
namespace {

using namespace std::chrono_literals;

// Expected values follow k8s.io/apimachinery/pkg/util/duration.HumanDuration.
TEST(HumanDurationTest, MatchesKube) {
  constexpr auto kDay = 24h;
  constexpr auto kYear = 365 * kDay;
  const std::pair<std::chrono::nanoseconds, const char*> cases[] = {
      {-3s, "<invalid>"},
      {-2s, "<invalid>"},
      {-1999ms, "0s"},
      {-1s, "0s"},
      {-1ns, "0s"},
      {0s, "0s"},
      {999ms, "0s"},
      {1s, "1s"},
      {59s, "59s"},
      {60s, "60s"},
      {119s, "119s"},
      {119999ms, "119s"},
      {2min, "2m"},
      {2min + 1s, "2m1s"},
      {9min + 59s, "9m59s"},
      {10min, "10m"},
      {10min + 59s, "10m"},
      {179min, "179m"},
      {3h, "3h"},
      {3h + 1min, "3h1m"},
      {7h + 59min + 59s, "7h59m"},
      {8h, "8h"},
      {47h + 59min, "47h"},
      {48h, "2d"},
      {48h + 1h, "2d1h"},
      {7 * kDay + 23h, "7d23h"},
      {8 * kDay, "8d"},
      {8 * kDay + 23h, "8d"},
      {2 * kYear - 1s, "729d"},
      {2 * kYear, "2y"},
      {2 * kYear + kDay, "2y1d"},
      {3 * kYear + 10 * kDay + 5h, "3y10d"},
      {8 * kYear - 1h, "7y364d"},
      {8 * kYear, "8y"},
      {100 * kYear + 200 * kDay, "100y"},
  };
  for (const auto& [d, want] : cases) {
    SCOPED_TRACE(d.count());
    EXPECT_EQ(HumanDuration(d), want);
  }
}

TEST(HumanAgeTest, FromCreationTimestamp) {
  const Clock::TimePoint now{std::chrono::seconds(1'700'000'000) + 500ms};
  const auto at = [](int64_t seconds) {
    return std::optional<api::Time>(
        api::Time{std::chrono::sys_seconds(std::chrono::seconds(seconds))});
  };
  EXPECT_EQ(HumanAge(std::nullopt, now), "<unknown>");
  EXPECT_EQ(HumanAge(at(1'700'000'000), now), "0s");
  EXPECT_EQ(HumanAge(at(1'700'000'000 - 300), now), "5m");
  EXPECT_EQ(HumanAge(at(1'700'000'000 - 3 * 86400), now), "3d");
  // Clock skew: created 1.5 s in the future still reads "0s", 2.5 s does not.
  EXPECT_EQ(HumanAge(at(1'700'000'002), now), "0s");
  EXPECT_EQ(HumanAge(at(1'700'000'003), now), "<invalid>");
  // Far-away years do not overflow.
  EXPECT_EQ(HumanAge(at(-62'135'596'800), now), "285y");       // year 1
  EXPECT_EQ(HumanAge(at(253'402'300'799), now), "<invalid>");  // year 9999
}

}  // namespace
}  // namespace navigator::apiserver
