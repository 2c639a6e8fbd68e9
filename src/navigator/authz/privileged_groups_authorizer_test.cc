#include "navigator/authz/privileged_groups_authorizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace navigator::authz {
namespace {

struct GroupCase {
  std::string name;
  std::vector<std::string> user_groups;
  Decision decision;
};

class PrivilegedGroupsAuthorizerTest : public ::testing::TestWithParam<GroupCase> {};

TEST_P(PrivilegedGroupsAuthorizerTest, AllowsSystemMastersByDefault) {
  PrivilegedGroupsAuthorizer authorizer;
  Attributes attributes{.user = {.name = "admin", .groups = GetParam().user_groups},
                        .verb = "delete",
                        .resource_request = true,
                        .api_group = "navigator.jetstack.io",
                        .namespace_ = "ns",
                        .resource = "pilots"};
  Result<Verdict> verdict = authorizer.Authorize(attributes);
  ASSERT_TRUE(verdict.ok());
  EXPECT_EQ(verdict->decision, GetParam().decision);
}

INSTANTIATE_TEST_SUITE_P(
    Groups, PrivilegedGroupsAuthorizerTest,
    ::testing::Values(
        GroupCase{"Member", {"system:authenticated", "system:masters"}, Decision::kAllow},
        GroupCase{"NotMember", {"system:authenticated"}, Decision::kNoOpinion},
        GroupCase{"NoGroups", {}, Decision::kNoOpinion},
        GroupCase{"CaseMatters", {"System:Masters"}, Decision::kNoOpinion},
        GroupCase{"PrefixIsNotEnough", {"system:masters-x"}, Decision::kNoOpinion}),
    [](const auto& info) { return info.param.name; });

TEST(PrivilegedGroupsAuthorizerTest, ConfiguredGroupsAndNonResourceRequests) {
  PrivilegedGroupsAuthorizer authorizer({"ops", "sre"});
  Attributes attributes{.user = {.name = "x", .groups = {"sre"}}, .verb = "get", .path = "/x"};
  EXPECT_EQ(authorizer.Authorize(attributes)->decision, Decision::kAllow);
  attributes.user.groups = {"system:masters"};
  EXPECT_EQ(authorizer.Authorize(attributes)->decision, Decision::kNoOpinion);
  PrivilegedGroupsAuthorizer none(std::vector<std::string>{});
  attributes.user.groups = {"ops"};
  EXPECT_EQ(none.Authorize(attributes)->decision, Decision::kNoOpinion);
}

}  // namespace
}  // namespace navigator::authz
