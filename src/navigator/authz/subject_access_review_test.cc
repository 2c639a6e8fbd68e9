#include "navigator/authz/subject_access_review.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <string>

namespace navigator::authz {
namespace {

namespace bj = boost::json;

authn::UserInfo Alice() {
  return authn::UserInfo{.name = "alice",
                         .uid = "u-1",
                         .groups = {"dev", "system:authenticated"},
                         .extra = {{"scopes", {"a", "b"}}, {authn::kCredentialIdKey, {"X"}}}};
}

struct BodyCase {
  std::string name;
  Attributes attributes;
  std::string spec_json;  // the expected spec, compared as JSON values
};

class SubjectAccessReviewForTest : public ::testing::TestWithParam<BodyCase> {};

TEST_P(SubjectAccessReviewForTest, BuildsTheSpec) {
  const BodyCase& c = GetParam();
  const bj::object review = SubjectAccessReviewFor(c.attributes);
  EXPECT_EQ(review.at("apiVersion"), "authorization.k8s.io/v1");
  EXPECT_EQ(review.at("kind"), "SubjectAccessReview");
  EXPECT_EQ(review.size(), 3u);
  EXPECT_EQ(review.at("spec"), bj::parse(c.spec_json)) << bj::serialize(review.at("spec"));
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, SubjectAccessReviewForTest,
    ::testing::Values(
        BodyCase{"NamespacedResource",
                 Attributes{.user = Alice(),
                            .verb = "create",
                            .resource_request = true,
                            .api_group = "navigator.jetstack.io",
                            .api_version = "v1alpha1",
                            .namespace_ = "team-a",
                            .resource = "elasticsearchclusters"},
                 R"({"resourceAttributes":{"namespace":"team-a","verb":"create",
                     "group":"navigator.jetstack.io","version":"v1alpha1",
                     "resource":"elasticsearchclusters"},
                     "user":"alice","groups":["dev","system:authenticated"],
                     "extra":{"authentication.kubernetes.io/credential-id":["X"],
                              "scopes":["a","b"]},
                     "uid":"u-1"})"},
        BodyCase{"Subresource",
                 Attributes{.user = {.name = "bob"},
                            .verb = "update",
                            .resource_request = true,
                            .api_group = "navigator.jetstack.io",
                            .api_version = "v1alpha1",
                            .namespace_ = "ns",
                            .resource = "pilots",
                            .subresource = "status",
                            .name = "p1"},
                 R"({"resourceAttributes":{"namespace":"ns","verb":"update",
                     "group":"navigator.jetstack.io","version":"v1alpha1","resource":"pilots",
                     "subresource":"status","name":"p1"},"user":"bob"})"},
        BodyCase{"ClusterScoped",
                 Attributes{.user = {.name = "carol", .groups = {"g"}},
                            .verb = "list",
                            .resource_request = true,
                            .api_group = "navigator.jetstack.io",
                            .api_version = "v1alpha1",
                            .resource = "pilots"},
                 R"({"resourceAttributes":{"verb":"list","group":"navigator.jetstack.io",
                     "version":"v1alpha1","resource":"pilots"},"user":"carol","groups":["g"]})"},
        BodyCase{"CoreGroup",
                 Attributes{.user = {.name = "d"},
                            .verb = "get",
                            .resource_request = true,
                            .api_version = "v1",
                            .namespace_ = "x",
                            .resource = "namespaces",
                            .name = "x"},
                 R"({"resourceAttributes":{"namespace":"x","verb":"get","version":"v1",
                     "resource":"namespaces","name":"x"},"user":"d"})"},
        BodyCase{
            "NonResource",
            Attributes{.user = {.name = "system:anonymous", .groups = {"system:unauthenticated"}},
                       .verb = "get",
                       .path = "/apis/navigator.jetstack.io"},
            R"({"nonResourceAttributes":{"path":"/apis/navigator.jetstack.io","verb":"get"},
                     "user":"system:anonymous","groups":["system:unauthenticated"]})"},
        BodyCase{"NonResourceIgnoresResourceFields",
                 Attributes{.user = {.name = "e"},
                            .verb = "get",
                            .api_group = "ignored",
                            .resource = "ignored",
                            .path = "/healthz"},
                 R"({"nonResourceAttributes":{"path":"/healthz","verb":"get"},"user":"e"})"},
        BodyCase{
            "ExtraWithEmptyList",
            Attributes{.user = {.name = "f", .extra = {{"k", {}}}}, .verb = "get", .path = "/"},
            R"({"nonResourceAttributes":{"path":"/","verb":"get"},"user":"f",
                     "extra":{"k":[]}})"}),
    [](const auto& info) { return info.param.name; });

TEST(SubjectAccessReviewForTest, EqualAttributesSerialiseIdentically) {
  Attributes a{.user = Alice(), .verb = "get", .path = "/x"};
  Attributes b = a;
  EXPECT_EQ(bj::serialize(SubjectAccessReviewFor(a)), bj::serialize(SubjectAccessReviewFor(b)));
  b.user.extra["scopes"].push_back("c");
  EXPECT_NE(bj::serialize(SubjectAccessReviewFor(a)), bj::serialize(SubjectAccessReviewFor(b)));
}

struct ResponseCase {
  std::string name;
  std::string body;
  Decision decision;
  std::string reason;
};

class ParseResponseTest : public ::testing::TestWithParam<ResponseCase> {};

TEST_P(ParseResponseTest, ReadsTheVerdict) {
  const ResponseCase& c = GetParam();
  Result<Verdict> verdict = ParseSubjectAccessReviewResponse(c.body);
  ASSERT_TRUE(verdict.ok()) << verdict.status().ToString();
  EXPECT_EQ(verdict->decision, c.decision);
  EXPECT_EQ(verdict->reason, c.reason);
}

INSTANTIATE_TEST_SUITE_P(
    Answers, ParseResponseTest,
    ::testing::Values(
        ResponseCase{"Allowed",
                     R"({"kind":"SubjectAccessReview","apiVersion":"authorization.k8s.io/v1",
                         "metadata":{"creationTimestamp":null},"spec":{"user":"alice"},
                         "status":{"allowed":true,"reason":"RBAC: allowed by RoleBinding \"r\""}})",
                     Decision::kAllow, "RBAC: allowed by RoleBinding \"r\""},
        ResponseCase{"Denied", R"({"status":{"allowed":false,"denied":true,"reason":"no"}})",
                     Decision::kDeny, "no"},
        ResponseCase{"NeitherIsNoOpinion", R"({"status":{"allowed":false}})", Decision::kNoOpinion,
                     ""},
        ResponseCase{"NoOpinionKeepsReason", R"({"status":{"allowed":false,"reason":"r"}})",
                     Decision::kNoOpinion, "r"},
        ResponseCase{"MissingStatus", R"({"kind":"SubjectAccessReview"})", Decision::kNoOpinion,
                     ""},
        ResponseCase{"NullStatus", R"({"status":null})", Decision::kNoOpinion, ""},
        ResponseCase{
            "NullFields",
            R"({"status":{"allowed":null,"denied":null,"reason":null,"evaluationError":null}})",
            Decision::kNoOpinion, ""},
        ResponseCase{"EvaluationErrorDoesNotChangeTheVerdict",
                     R"({"status":{"allowed":true,"evaluationError":"partial"}})", Decision::kAllow,
                     ""},
        ResponseCase{"UnknownFieldsIgnored",
                     R"({"status":{"allowed":true,"future":[1,2]},"other":{}} )", Decision::kAllow,
                     ""}),
    [](const auto& info) { return info.param.name; });

TEST(ParseSubjectAccessReviewStatusTest, ReadsEveryField) {
  Result<SubjectAccessReviewStatus> status = ParseSubjectAccessReviewStatus(
      R"({"status":{"allowed":false,"denied":true,"reason":"r","evaluationError":"e"}})");
  ASSERT_TRUE(status.ok()) << status.status().ToString();
  EXPECT_EQ(*status,
            (SubjectAccessReviewStatus{
                .allowed = false, .denied = true, .reason = "r", .evaluation_error = "e"}));
}

struct MalformedCase {
  std::string name;
  std::string body;
  std::string message_part;
};

class MalformedResponseTest : public ::testing::TestWithParam<MalformedCase> {};

TEST_P(MalformedResponseTest, IsAnInternalErrorNamingTheProblem) {
  const MalformedCase& c = GetParam();
  Result<Verdict> verdict = ParseSubjectAccessReviewResponse(c.body);
  ASSERT_FALSE(verdict.ok());
  EXPECT_EQ(verdict.status().code(), StatusCode::kInternal);
  EXPECT_NE(verdict.status().message().find("SubjectAccessReview answer"), std::string::npos)
      << verdict.status().message();
  EXPECT_NE(verdict.status().message().find(c.message_part), std::string::npos)
      << verdict.status().message();
}

INSTANTIATE_TEST_SUITE_P(
    Answers, MalformedResponseTest,
    ::testing::Values(
        MalformedCase{"Empty", "", "invalid JSON"},
        MalformedCase{"NotJson", "<html>502 Bad Gateway</html>", "invalid JSON"},
        MalformedCase{"Truncated", R"({"status":{"allowed":tr)", "invalid JSON"},
        MalformedCase{"TrailingGarbage", R"({"status":{"allowed":true}} x)", "invalid JSON"},
        MalformedCase{"Array", R"([{"status":{"allowed":true}}])",
                      "an array in JSON, not an object"},
        MalformedCase{"String", R"("allowed")", "a string in JSON, not an object"},
        MalformedCase{"WrongKind", R"({"kind":"Status","status":{"allowed":true}})",
                      "kind is \"Status\""},
        MalformedCase{"KindNotString", R"({"kind":7,"status":{"allowed":true}})",
                      "kind is a number"},
        MalformedCase{"StatusNotObject", R"({"status":true})", "status is a boolean"},
        MalformedCase{"AllowedString", R"({"status":{"allowed":"true"}})",
                      "status.allowed is a string, not a boolean"},
        MalformedCase{"DeniedNumber", R"({"status":{"denied":1}})",
                      "status.denied is a number, not a boolean"},
        MalformedCase{"ReasonObject", R"({"status":{"allowed":true,"reason":{}}})",
                      "status.reason is an object, not a string"},
        MalformedCase{"EvaluationErrorArray", R"({"status":{"evaluationError":[]}})",
                      "status.evaluationError is an array"},
        MalformedCase{"AllowedAndDenied", R"({"status":{"allowed":true,"denied":true}})",
                      "both allows and denies"},
        MalformedCase{"TooDeep", std::string(40, '[') + std::string(40, ']'), "invalid JSON"}),
    [](const auto& info) { return info.param.name; });

TEST(ParseSubjectAccessReviewResponseTest, OversizedBodyIsRefusedBeforeParsing) {
  std::string body = R"({"status":{"allowed":true,"reason":")";
  body += std::string(kMaxSubjectAccessReviewResponseBytes, 'x');
  body += R"("}})";
  Result<Verdict> verdict = ParseSubjectAccessReviewResponse(body);
  ASSERT_FALSE(verdict.ok());
  EXPECT_EQ(verdict.status().code(), StatusCode::kInternal);
  EXPECT_NE(verdict.status().message().find("more than the limit of 1048576"), std::string::npos)
      << verdict.status().message();
}

TEST(ParseSubjectAccessReviewResponseTest, LongWrongKindIsShortenedInTheMessage) {
  const std::string body = R"({"kind":")" + std::string(1000, 'k') + "\n\"}";
  Result<Verdict> verdict = ParseSubjectAccessReviewResponse(body);
  ASSERT_FALSE(verdict.ok());
  EXPECT_LT(verdict.status().message().size(), 200u) << verdict.status().message();
}

}  // namespace
}  // namespace navigator::authz
