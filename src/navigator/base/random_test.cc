#include "navigator/base/random.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace navigator {
namespace {

TEST(RandomTest, UuidsAreVersion4AndDistinct) {
  DefaultRandom random(42);
  const std::regex v4("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string id = NewUuid(random);
    EXPECT_TRUE(std::regex_match(id, v4)) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(RandomTest, NameSuffixUsesKubernetesAlphabet) {
  DefaultRandom random(7);
  std::string s = RandomNameSuffix(random, 5);
  ASSERT_EQ(s.size(), 5u);
  EXPECT_EQ(s.find_first_not_of("bcdfghjklmnpqrstvwxz2456789"), std::string::npos) << s;
}

}  // namespace
}  // namespace navigator
