#include "navigator/api/meta/micro_time.h"

#include <gtest/gtest.h>

namespace navigator::api {
namespace {

using namespace std::chrono;

TEST(MicroTimeTest, FormatsSixDigitsInUtc) {
  const MicroTime t = MicroTime(sys_days(2026y / 11 / 26) + 4h + 5min + 6s + 7us);
  EXPECT_EQ(FormatMicroTime(t), "2026-11-26T04:05:06.000007Z");
  EXPECT_EQ(FormatMicroTime(MicroTime(sys_days(1970y / 1 / 1))), "1970-01-01T00:00:00.000000Z");
}

TEST(MicroTimeTest, ParsesWhatItWrites) {
  const MicroTime t = MicroTime(sys_days(2026y / 11 / 26) + 23h + 59min + 59s + 999999us);
  Result<MicroTime> parsed = ParseMicroTime(FormatMicroTime(t));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, t);
}

TEST(MicroTimeTest, AcceptsOffsetsAndAnyFraction) {
  const MicroTime base = MicroTime(sys_days(2026y / 11 / 26) + 4h);
  EXPECT_EQ(*ParseMicroTime("2026-11-26T04:00:00Z"), base);
  EXPECT_EQ(*ParseMicroTime("2026-11-26T04:00:00.5Z"), base + 500ms);
  EXPECT_EQ(*ParseMicroTime("2026-11-26T04:00:00.123456789Z"), base + 123456us);
  EXPECT_EQ(*ParseMicroTime("2026-11-26T06:00:00.000001+02:00"), base + 1us);
}

TEST(MicroTimeTest, TruncatesTimePoints) {
  const system_clock::time_point t = sys_days(2026y / 1 / 1) + 1999ns;
  EXPECT_EQ(ToMicroTime(t), MicroTime(sys_days(2026y / 1 / 1)) + 1us);
}

TEST(MicroTimeTest, RefusesMalformedTimes) {
  for (const char* bad : {"", "2026-11-26", "2026-11-26T04:00:00", "2026-11-26T04:00:00.Z",
                          "2026-11-26T04:00:00.12a456Z", "2026-13-26T04:00:00Z",
                          "2026-11-26T04:00:00.000000Zjunk", "-001-11-26T04:00:00Z"}) {
    Result<MicroTime> parsed = ParseMicroTime(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.status().code(), StatusCode::kBadRequest) << bad;
  }
}

}  // namespace
}  // namespace navigator::api
