#include "navigator/api/version/semver.h"

#include <gtest/gtest.h>

#include <vector>

namespace navigator::api {
namespace {

Semver V(std::string_view text) {
  auto v = Semver::Parse(text);
  EXPECT_TRUE(v.ok()) << text << ": " << (v.ok() ? "" : v.status().message());
  return v.ok() ? *v : Semver();
}

TEST(SemverTest, ParsesAndNormalises) {
  struct Case {
    const char* in;
    const char* out;
  };
  for (const auto& c :
       {Case{"5.6.2", "5.6.2"}, Case{"0.0.0", "0.0.0"},
        Case{"1.2.3-alpha.1+build.5", "1.2.3-alpha.1+build.5"}, Case{"1.2.3-a-b", "1.2.3-a-b"},
        Case{"1.2.3+meta-x", "1.2.3+meta-x"}, Case{"01.02.03", "1.2.3"}, Case{"1.2.3-", "1.2.3"},
        Case{"1.2.3+", "1.2.3"}}) {
    const Semver v = V(c.in);
    EXPECT_EQ(v.ToString(), c.out) << c.in;
  }
  const Semver v = V("6.2.4-rc.1+b7");
  EXPECT_EQ(v.major(), 6);
  EXPECT_EQ(v.minor(), 2);
  EXPECT_EQ(v.patch(), 4);
  EXPECT_EQ(v.pre_release(), "rc.1");
  EXPECT_EQ(v.metadata(), "b7");
}

TEST(SemverTest, RejectsWhatGoSemverRejects) {
  struct Case {
    const char* in;
    const char* message;
  };
  for (const auto& c : {
           Case{"5.6", "5.6 is not in dotted-tri format"},
           Case{"5.6-beta", "5.6 is not in dotted-tri format"},
           Case{"", " is not in dotted-tri format"},
           Case{"v5.6.2", R"(strconv.ParseInt: parsing "v5": invalid syntax)"},
           Case{"1.2.3.4", R"(strconv.ParseInt: parsing "3.4": invalid syntax)"},
           Case{"1.2.x", R"(strconv.ParseInt: parsing "x": invalid syntax)"},
           Case{"1..3", R"(strconv.ParseInt: parsing "": invalid syntax)"},
           Case{"99999999999999999999.1.1",
                R"(strconv.ParseInt: parsing "99999999999999999999": value out of range)"},
           Case{"1.2.3-a_b",
                "failed to validate pre-release: a_b is not a valid semver identifier"},
           Case{"1.2.3-a..b",
                "failed to validate pre-release: a..b is not a valid semver identifier"},
           Case{"1.2.3+a_b", "failed to validate metadata: a_b is not a valid semver identifier"},
       }) {
    auto v = Semver::Parse(c.in);
    ASSERT_FALSE(v.ok()) << c.in;
    EXPECT_EQ(v.status().code(), StatusCode::kBadRequest) << c.in;
    EXPECT_EQ(v.status().message(), c.message) << c.in;
  }
}

TEST(SemverTest, OrdersBySemver2Precedence) {
  // The example list of semver.org, ascending.
  const std::vector<Semver> ascending = {
      V("1.0.0-alpha"), V("1.0.0-alpha.1"), V("1.0.0-alpha.beta"),
      V("1.0.0-beta"),  V("1.0.0-beta.2"),  V("1.0.0-beta.11"),
      V("1.0.0-rc.1"),  V("1.0.0"),         V("1.0.1"),
      V("1.1.0"),       V("2.0.0"),
  };
  for (size_t i = 0; i < ascending.size(); ++i) {
    for (size_t j = 0; j < ascending.size(); ++j) {
      const int want = i < j ? -1 : (i > j ? 1 : 0);
      EXPECT_EQ(ascending[i].Compare(ascending[j]), want)
          << ascending[i].ToString() << " vs " << ascending[j].ToString();
    }
  }
  EXPECT_LT(V("5.6.2"), V("5.10.0"));
  EXPECT_GT(V("10.0.0"), V("9.99.99"));
  EXPECT_LT(V("1.0.0-01"), V("1.0.0-1"));  // equal numbers fall back to the text
}

TEST(SemverTest, IgnoresMetadataWhenComparing) {
  EXPECT_EQ(V("1.0.0+a"), V("1.0.0+b"));
  EXPECT_EQ(V("1.0.0+a"), V("1.0.0"));
  EXPECT_NE(V("1.0.0-a"), V("1.0.0"));
}

TEST(SemverTest, ZeroIsTheDefault) {
  EXPECT_TRUE(Semver().IsZero());
  EXPECT_EQ(Semver().ToString(), "0.0.0");
  EXPECT_TRUE(V("0.0.0").IsZero());
  EXPECT_TRUE(V("0.0.0+meta").IsZero());
  EXPECT_FALSE(V("0.0.0-rc.1").IsZero());
  EXPECT_FALSE(V("0.0.1").IsZero());
  EXPECT_EQ(Semver(5, 6, 2, "rc.1", "b").ToString(), "5.6.2-rc.1+b");
}

}  // namespace
}  // namespace navigator::api
