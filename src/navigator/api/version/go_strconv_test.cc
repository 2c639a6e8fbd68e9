#include "navigator/api/version/go_strconv.h"

#include <gtest/gtest.h>

#include <limits>

namespace navigator::api::go_strconv {
namespace {

TEST(GoStrconvTest, ParseIntAcceptsWhatGoAccepts) {
  struct Case {
    const char* in;
    int64_t want;
  };
  for (const auto& c : {Case{"0", 0}, Case{"007", 7}, Case{"+5", 5}, Case{"-5", -5},
                        Case{"9223372036854775807", std::numeric_limits<int64_t>::max()},
                        Case{"-9223372036854775808", std::numeric_limits<int64_t>::min()}}) {
    auto n = ParseInt(c.in);
    ASSERT_TRUE(n.ok()) << c.in;
    EXPECT_EQ(*n, c.want) << c.in;
  }
}

TEST(GoStrconvTest, ParseIntErrorsReadLikeGo) {
  struct Case {
    const char* in;
    const char* message;
  };
  for (const auto& c : {
           Case{"", R"(strconv.ParseInt: parsing "": invalid syntax)"},
           Case{"+", R"(strconv.ParseInt: parsing "+": invalid syntax)"},
           Case{"v5", R"(strconv.ParseInt: parsing "v5": invalid syntax)"},
           Case{"3.4", R"(strconv.ParseInt: parsing "3.4": invalid syntax)"},
           Case{"9223372036854775808",
                R"(strconv.ParseInt: parsing "9223372036854775808": value out of range)"},
           // uint64 overflow is reported before the bad character that follows.
           Case{"99999999999999999999x",
                R"(strconv.ParseInt: parsing "99999999999999999999x": value out of range)"},
           Case{"9223372036854775808x",
                R"(strconv.ParseInt: parsing "9223372036854775808x": invalid syntax)"},
       }) {
    auto n = ParseInt(c.in);
    ASSERT_FALSE(n.ok()) << c.in;
    EXPECT_EQ(n.status().code(), StatusCode::kBadRequest);
    EXPECT_EQ(n.status().message(), c.message);
  }
}

}  // namespace
}  // namespace navigator::api::go_strconv
