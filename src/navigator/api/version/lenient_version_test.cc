#include "navigator/api/version/lenient_version.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace navigator::api {
namespace {

LenientVersion V(std::string_view text) {
  auto v = LenientVersion::Parse(text);
  EXPECT_TRUE(v.ok()) << text << ": " << (v.ok() ? "" : v.status().message());
  return v.ok() ? *v : *LenientVersion::Parse("0");
}

struct ParseCase {
  const char* in;
  const char* normalized;
  const char* pre_release;
  const char* metadata;
};

// Expected captures are Go's for hashicorp/go-version at the revision
// Navigator vendored.
constexpr ParseCase kParseCases[] = {
    // navigator's pkg/api/version tests.
    {"3", "3.0.0", "", ""},
    {"3.9", "3.9.0", "", ""},
    {"3.9-alpha1+dev2", "3.9.0-alpha1+dev2", "alpha1", "dev2"},
    {"3.9.0", "3.9.0", "", ""},
    {"3.9.0-beta1+dev1", "3.9.0-beta1+dev1", "beta1", "dev1"},
    // More of the grammar.
    {"v1.2", "1.2.0", "", ""},
    {"01.2", "1.2.0", "", ""},
    {"3.11.2", "3.11.2", "", ""},
    {"1.2.3.4.5", "1.2.3.4.5", "", ""},
    {"1+2", "1.0.0+2", "", "2"},
    {"1.2.3-a.b+m", "1.2.3-a.b+m", "a.b", "m"},
    {"1.2.3+m.x-y", "1.2.3+m.x-y", "", "m.x-y"},
    {"1.2.3-~", "1.2.3-~", "~", ""},
    {"1.2.3+-", "1.2.3+-", "", "-"},
    // The separator is optional and the pre-release may itself start with '-'.
    {"1.2.3alpha", "1.2.3-alpha", "alpha", ""},
    {"1.2.3--x", "1.2.3--x", "-x", ""},
    {"1.2.3-", "1.2.3--", "-", ""},
    {"1.2.3-.x", "1.2.3--.x", "-.x", ""},
    // The lazy segment group lets digits become a pre-release.
    {"12.x", "1.0.0-2.x", "2.x", ""},
    {"10.0.x", "1.0.0-0.0.x", "0.0.x", ""},
    {"1.10a", "1.10.0-a", "a", ""},
};

TEST(LenientVersionTest, ParsesLikeHashicorp) {
  for (const auto& c : kParseCases) {
    auto v = LenientVersion::Parse(c.in);
    ASSERT_TRUE(v.ok()) << c.in << ": " << v.status().message();
    EXPECT_EQ(v->original(), c.in);
    EXPECT_EQ(v->Normalized(), c.normalized) << c.in;
    EXPECT_EQ(v->pre_release(), c.pre_release) << c.in;
    EXPECT_EQ(v->metadata(), c.metadata) << c.in;
    EXPECT_EQ(v->IsPreRelease(), *c.pre_release != '\0') << c.in;
  }
}

TEST(LenientVersionTest, PadsSegmentsToThree) {
  EXPECT_EQ(V("3").segments(), (std::vector<int64_t>{3, 0, 0}));
  EXPECT_EQ(V("3.11").segments(), (std::vector<int64_t>{3, 11, 0}));
  EXPECT_EQ(V("3.11.2.7").segments(), (std::vector<int64_t>{3, 11, 2, 7}));
}

TEST(LenientVersionTest, RejectsMalformedVersions) {
  for (const char* in : {"0.0.x", "X.Y-foo+bar", "X.Y.0-", "", "v", "1..2", "1.a", "1.2.3+a+b",
                         "1.2.3-a+", "1.2.3-a..b", "1.2.3 ", " 1.2.3", "V1.2.3", "1.2.3_4"}) {
    auto v = LenientVersion::Parse(in);
    ASSERT_FALSE(v.ok()) << in << " parsed as " << v->Normalized();
    EXPECT_EQ(v.status().code(), StatusCode::kBadRequest);
    EXPECT_EQ(v.status().message(), "Malformed version: " + std::string(in));
  }
}

TEST(LenientVersionTest, RejectsSegmentsBeyondInt64) {
  auto v = LenientVersion::Parse("99999999999999999999");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().message(),
            "Error parsing version: strconv.ParseInt: parsing \"99999999999999999999\": value "
            "out of range");
}

TEST(LenientVersionTest, BoundsTheTextLength) {
  std::string longest = "1";
  while (longest.size() < 256) longest += ".1";
  longest.resize(255);
  EXPECT_TRUE(LenientVersion::Parse(longest + "1").ok());
  auto v = LenientVersion::Parse(longest + "1.");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().message(), "Malformed version: longer than 256 characters");
}

TEST(LenientVersionTest, ComparesSemantically) {
  struct Case {
    const char* a;
    const char* b;
    int want;
  };
  for (const auto& c : {
           Case{"3.11", "3.11.0", 0},
           Case{"3.11.0.0", "3.11", 0},
           Case{"v1.2", "1.2.0", 0},
           Case{"1.0.0+a", "1.0.0+b", 0},
           Case{"3.9", "3.11", -1},
           Case{"3.11.1", "3.11.2", -1},
           Case{"3.11.2", "3.12", -1},
           Case{"1.2.3.1", "1.2.3", 1},
           Case{"3.11.0-beta1", "3.11.0", -1},
           Case{"3.11-beta1", "3.10.9", 1},
           Case{"1.0.0-alpha", "1.0.0-alpha.1", -1},
           Case{"1.0.0-alpha.1", "1.0.0-alpha.beta", -1},
           Case{"1.0.0-beta.2", "1.0.0-beta.11", -1},
           Case{"1.0.0-rc1", "1.0.0-rc2", -1},
           Case{"1.0.0-beta", "1.0.0-alpha", 1},
           // hashicorp: a missing part ranks above a word part.
           Case{"1.0.0-alpha", "1.0.0-alpha.beta", 1},
       }) {
    EXPECT_EQ(V(c.a).Compare(V(c.b)), c.want) << c.a << " vs " << c.b;
    EXPECT_EQ(V(c.b).Compare(V(c.a)), -c.want) << c.b << " vs " << c.a;
    EXPECT_EQ(V(c.a) == V(c.b), c.want == 0) << c.a << " vs " << c.b;
  }
  EXPECT_LT(V("3.11"), V("4.0"));
  EXPECT_GE(V("3.11.0"), V("3.11"));
}

TEST(LenientVersionTest, KeepsTheOriginalTextForEqualVersions) {
  const LenientVersion a = V("3.11");
  const LenientVersion b = V("3.11.0");
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.original(), "3.11");
  EXPECT_EQ(b.original(), "3.11.0");
  EXPECT_EQ(a.Normalized(), b.Normalized());
}

}  // namespace
}  // namespace navigator::api
