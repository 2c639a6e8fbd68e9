#include "navigator/authn/authenticated_group.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace navigator::authn {
namespace {

using ::testing::ElementsAreArray;

TEST(AuthenticatedGroupTest, AddsSystemAuthenticatedOnce) {
  struct Case {
    std::string name;
    std::vector<std::string> groups;
    std::vector<std::string> want;
  };
  const std::vector<Case> cases = {
      {"alice", {}, {"system:authenticated"}},
      {"alice", {"team-a"}, {"team-a", "system:authenticated"}},
      {"alice", {"system:authenticated", "team-a"}, {"system:authenticated", "team-a"}},
      {"alice", {"system:unauthenticated"}, {"system:unauthenticated"}},
      {"system:anonymous", {}, {}},
      {"system:anonymous", {"system:unauthenticated"}, {"system:unauthenticated"}},
  };
  for (const Case& c : cases) {
    UserInfo user{.name = c.name, .groups = c.groups};
    AddAuthenticatedGroup(user);
    EXPECT_THAT(user.groups, ElementsAreArray(c.want)) << c.name;
  }
}

}  // namespace
}  // namespace navigator::authn
