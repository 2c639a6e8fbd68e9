#include "navigator/authz/path_authorizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace navigator::authz {
namespace {

Attributes Get(std::string path) {
  return Attributes{.user = {.name = "system:anonymous"}, .verb = "get", .path = std::move(path)};
}

struct MatchCase {
  std::string path;
  Decision decision;
};

class PathAuthorizerTest : public ::testing::TestWithParam<MatchCase> {};

TEST_P(PathAuthorizerTest, MatchesExactPathsAndTrailingStarPrefixes) {
  Result<PathAuthorizer> authorizer =
      PathAuthorizer::New({"/healthz", "/readyz", "/livez", "/metrics*", "/"});
  ASSERT_TRUE(authorizer.ok()) << authorizer.status().ToString();
  Result<Verdict> verdict = authorizer->Authorize(Get(GetParam().path));
  ASSERT_TRUE(verdict.ok());
  EXPECT_EQ(verdict->decision, GetParam().decision) << GetParam().path;
  EXPECT_TRUE(verdict->reason.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Paths, PathAuthorizerTest,
    ::testing::Values(
        MatchCase{"/healthz", Decision::kAllow}, MatchCase{"/readyz", Decision::kAllow},
        MatchCase{"/livez", Decision::kAllow}, MatchCase{"/", Decision::kAllow},
        MatchCase{"/healthz/etcd", Decision::kNoOpinion},
        MatchCase{"/healthzx", Decision::kNoOpinion}, MatchCase{"/Healthz", Decision::kNoOpinion},
        MatchCase{"", Decision::kNoOpinion}, MatchCase{"/metrics", Decision::kAllow},
        MatchCase{"/metrics/slis", Decision::kAllow}, MatchCase{"/metricsfoo", Decision::kAllow},
        MatchCase{"/metric", Decision::kNoOpinion}, MatchCase{"/apis", Decision::kNoOpinion}));

TEST(PathAuthorizerTest, ResourceRequestsAreNeverAllowed) {
  Result<PathAuthorizer> authorizer = PathAuthorizer::New({"/*"});
  ASSERT_TRUE(authorizer.ok());
  Attributes resource{.verb = "get",
                      .resource_request = true,
                      .api_group = "navigator.jetstack.io",
                      .resource = "pilots",
                      .path = "/apis/navigator.jetstack.io/v1alpha1/pilots"};
  EXPECT_EQ(authorizer->Authorize(resource)->decision, Decision::kNoOpinion);
  EXPECT_EQ(authorizer->Authorize(Get("/anything"))->decision, Decision::kAllow);
}

TEST(PathAuthorizerTest, NoPathsAllowNothing) {
  Result<PathAuthorizer> authorizer = PathAuthorizer::New({});
  ASSERT_TRUE(authorizer.ok());
  EXPECT_EQ(authorizer->Authorize(Get("/healthz"))->decision, Decision::kNoOpinion);
}

struct InvalidCase {
  std::string name;
  std::vector<std::string> paths;
  std::string message_part;
};

class InvalidPathsTest : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(InvalidPathsTest, AreBadRequestsNamingTheFlag) {
  Result<PathAuthorizer> authorizer = PathAuthorizer::New(GetParam().paths);
  ASSERT_FALSE(authorizer.ok());
  EXPECT_EQ(authorizer.status().code(), StatusCode::kBadRequest);
  const std::string& message = authorizer.status().message();
  EXPECT_NE(message.find("--authorization-always-allow-paths"), std::string::npos) << message;
  EXPECT_NE(message.find(GetParam().message_part), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(
    Flags, InvalidPathsTest,
    ::testing::Values(
        InvalidCase{"NoLeadingSlash", {"/livez", "healthz"}, "\"healthz\": a path must start"},
        InvalidCase{"Empty", {""}, "\"\": a path must start with '/'"},
        InvalidCase{"StarInside", {"/a*/b"}, "\"/a*/b\": '*' is only allowed at the end"},
        InvalidCase{"TwoStars", {"/a**"}, "'*' is only allowed at the end"},
        InvalidCase{"LoneStar", {"*"}, "must start with '/'"}),
    [](const auto& info) { return info.param.name; });

TEST(PathAuthorizerFromFlagTest, SplitsOnCommas) {
  Result<PathAuthorizer> authorizer = PathAuthorizer::FromFlag("/healthz,,/metrics*,");
  ASSERT_TRUE(authorizer.ok()) << authorizer.status().ToString();
  EXPECT_EQ(authorizer->Authorize(Get("/healthz"))->decision, Decision::kAllow);
  EXPECT_EQ(authorizer->Authorize(Get("/metrics/x"))->decision, Decision::kAllow);
  EXPECT_EQ(authorizer->Authorize(Get("/readyz"))->decision, Decision::kNoOpinion);

  Result<PathAuthorizer> none = PathAuthorizer::FromFlag("");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->Authorize(Get("/healthz"))->decision, Decision::kNoOpinion);

  Result<PathAuthorizer> bad = PathAuthorizer::FromFlag("/healthz, /readyz");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kBadRequest);
  EXPECT_NE(bad.status().message().find("\" /readyz\""), std::string::npos)
      << bad.status().message();
}

}  // namespace
}  // namespace navigator::authz
