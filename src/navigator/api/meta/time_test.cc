#include "navigator/api/meta/time.h"

#include <gtest/gtest.h>

namespace navigator::api {
namespace {

TEST(TimeTest, ParsesRfc3339AndWritesUtcSeconds) {
  struct Case {
    const char* in;
    const char* out;
  };
  for (auto c : {Case{"2017-11-20T12:34:56Z", "2017-11-20T12:34:56Z"},
                 Case{"2017-11-20T12:34:56.123456789Z", "2017-11-20T12:34:56Z"},
                 Case{"2017-11-20T14:34:56+02:00", "2017-11-20T12:34:56Z"},
                 Case{"2017-11-20t12:34:56z", "2017-11-20T12:34:56Z"},
                 Case{"2016-02-29T00:00:00Z", "2016-02-29T00:00:00Z"},
                 // Outside the range of a nanosecond system_clock (found by fuzzing).
                 Case{"9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"},
                 Case{"0000-01-01T00:00:00Z", "0000-01-01T00:00:00Z"}}) {
    auto t = ParseRfc3339(c.in);
    ASSERT_TRUE(t.ok()) << c.in;
    EXPECT_EQ(FormatRfc3339(*t), c.out);
  }
}

TEST(TimeTest, RejectsMalformedTimes) {
  for (const char* bad :
       {"", "2017-11-20", "2017-11-20T12:34:56", "2017-02-30T00:00:00Z", "2017-11-20T25:00:00Z",
        "2017-11-20T12:34:56.Z", "2017-11-20T12:34:56+0200", "2017-11-20T12:34:56Zjunk"}) {
    auto t = ParseRfc3339(bad);
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_EQ(t.status().code(), StatusCode::kBadRequest);
  }
}

TEST(TimeTest, RejectsTimesOutsideYears0To9999InUtc) {
  for (const char* bad :
       {"9999-12-31T23:59:59-23:59", "9999-12-31T23:59:60Z", "0000-01-01T00:00:00+00:01"}) {
    auto t = ParseRfc3339(bad);
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_EQ(t.status().code(), StatusCode::kBadRequest);
    EXPECT_NE(t.status().message().find("0000-9999"), std::string::npos);
  }
  EXPECT_TRUE(ParseRfc3339("9999-12-31T23:59:59Z").ok());
  EXPECT_TRUE(ParseRfc3339("0000-01-01T00:00:00Z").ok());
  EXPECT_TRUE(ParseRfc3339("0000-01-01T00:00:00-01:00").ok());
}

}  // namespace
}  // namespace navigator::api
