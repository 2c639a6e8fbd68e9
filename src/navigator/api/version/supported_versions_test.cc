#include "navigator/api/version/supported_versions.h"

#include <gtest/gtest.h>

namespace navigator::api {
namespace {

LenientVersion L(std::string_view text) {
  return *LenientVersion::Parse(text);
}
Semver S(std::string_view text) {
  return *Semver::Parse(text);
}

TEST(SupportedVersionsTest, ElasticsearchRange) {
  const VersionRange& range = ElasticsearchSupportedVersions();
  EXPECT_EQ(range.text, ">= 5.0.0, < 9.0.0");
  for (const char* in : {"5.0.0", "5.6.2", "6.8.23", "7.17.0", "8.99.99"}) {
    EXPECT_TRUE(range.Contains(S(in))) << in;
  }
  for (const char* in :
       {"0.0.0", "2.4.6", "4.99.99", "9.0.0", "10.0.0", "5.6.2-rc.1", "9.0.0-rc1", "5.0.0-alpha"}) {
    EXPECT_FALSE(range.Contains(S(in))) << in;
  }
  EXPECT_TRUE(range.Contains(S("5.6.2+build.1")));
}

TEST(SupportedVersionsTest, CassandraRange) {
  const VersionRange& range = CassandraSupportedVersions();
  EXPECT_EQ(range.text, ">= 3.11, < 5.1");
  for (const char* in :
       {"3.11", "3.11.0", "3.11.2", "v3.11.16", "4", "4.0.5", "4.1.3", "5.0", "5.0.9", "5.0.0.1"}) {
    EXPECT_TRUE(range.Contains(L(in))) << in;
  }
  for (const char* in : {"2.0.0", "3", "3.10.9", "3.0.0", "5.1", "5.1.0", "6.0.0", "3.11.2-beta1",
                         "4.0-rc1", "5.0.0-alpha+dev"}) {
    EXPECT_FALSE(range.Contains(L(in))) << in;
  }
}

TEST(SupportedVersionsTest, CassandraReleaseLinesAreOrdered) {
  const auto lines = CassandraReleaseLines();
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].major, 3);
  EXPECT_EQ(lines[0].minor, 11);
  EXPECT_EQ(lines[3].major, 5);
  EXPECT_EQ(lines[3].minor, 0);
}

TEST(SupportedVersionsTest, MajorVersionSkips) {
  struct Case {
    const char* from;
    const char* to;
    bool skip;
  };
  for (const auto& c : {
           // Within a line, or one line up.
           Case{"3.11.2", "3.11.16", false},
           Case{"3.11", "4.0.0", false},
           Case{"4.0.5", "4.1.0", false},
           Case{"4.1", "5.0.2", false},
           // Passing over a line.
           Case{"3.11.2", "4.1.0", true},
           Case{"4.0", "5.0", true},
           Case{"3.11", "5.0.0", true},
           // Downgrades are never skips.
           Case{"5.0", "3.11", false},
           // Versions between lines belong to the line below them.
           Case{"3.12", "4.0", false},
           Case{"3.12", "4.1", true},
           Case{"4.2", "5.0", false},
           // Versions below every line sit just before the oldest.
           Case{"3.10", "3.11", false},
           Case{"3.10", "4.0", true},
           // Pre-releases count by their segments.
           Case{"4.0-rc1", "5.0.0", true},
       }) {
    EXPECT_EQ(IsMajorVersionSkip(L(c.from), L(c.to)), c.skip) << c.from << " -> " << c.to;
  }
}

}  // namespace
}  // namespace navigator::api
