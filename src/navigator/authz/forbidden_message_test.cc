#include "navigator/authz/forbidden_message.h"

#include <gtest/gtest.h>

#include <string>

#include "navigator/base/go_quote.h"

namespace navigator::authz {
namespace {

struct ForbiddenCase {
  std::string name;
  Attributes attributes;
  std::string reason;
  std::string message;
  StatusDetails details;
};

class ForbiddenStatusTest : public ::testing::TestWithParam<ForbiddenCase> {};

TEST_P(ForbiddenStatusTest, IsWordedAsKubeWordsIt) {
  const ForbiddenCase& c = GetParam();
  Status status = ForbiddenStatus(c.attributes, c.reason);
  EXPECT_EQ(status.code(), StatusCode::kForbidden);
  EXPECT_EQ(HttpStatus(status.code()), 403);
  EXPECT_EQ(status.message(), c.message);
  EXPECT_EQ(status.details(), c.details);
}

const authn::UserInfo kAlice{.name = "alice", .groups = {"dev"}};

INSTANTIATE_TEST_SUITE_P(
    Forms, ForbiddenStatusTest,
    ::testing::Values(
        ForbiddenCase{"NamespacedCreate",
                      {.user = kAlice,
                       .verb = "create",
                       .resource_request = true,
                       .api_group = "navigator.jetstack.io",
                       .api_version = "v1alpha1",
                       .namespace_ = "team-a",
                       .resource = "elasticsearchclusters"},
                      "",
                      "elasticsearchclusters.navigator.jetstack.io is forbidden: User \"alice\" "
                      "cannot create resource \"elasticsearchclusters\" in API group "
                      "\"navigator.jetstack.io\" in the namespace \"team-a\"",
                      {.group = "navigator.jetstack.io", .kind = "elasticsearchclusters"}},
        ForbiddenCase{"WithReason",
                      {.user = kAlice,
                       .verb = "list",
                       .resource_request = true,
                       .api_group = "navigator.jetstack.io",
                       .namespace_ = "team-b",
                       .resource = "elasticsearchclusters"},
                      "no RBAC policy matched",
                      "elasticsearchclusters.navigator.jetstack.io is forbidden: User \"alice\" "
                      "cannot list resource \"elasticsearchclusters\" in API group "
                      "\"navigator.jetstack.io\" in the namespace \"team-b\": no RBAC policy "
                      "matched",
                      {.group = "navigator.jetstack.io", .kind = "elasticsearchclusters"}},
        ForbiddenCase{"NamedSubresource",
                      {.user = kAlice,
                       .verb = "update",
                       .resource_request = true,
                       .api_group = "navigator.jetstack.io",
                       .namespace_ = "ns",
                       .resource = "pilots",
                       .subresource = "status",
                       .name = "p1"},
                      "",
                      "pilots.navigator.jetstack.io \"p1\" is forbidden: User \"alice\" cannot "
                      "update resource \"pilots/status\" in API group \"navigator.jetstack.io\" "
                      "in the namespace \"ns\"",
                      {.name = "p1", .group = "navigator.jetstack.io", .kind = "pilots"}},
        ForbiddenCase{"ClusterScope",
                      {.user = kAlice,
                       .verb = "list",
                       .resource_request = true,
                       .api_group = "navigator.jetstack.io",
                       .resource = "pilots"},
                      "",
                      "pilots.navigator.jetstack.io is forbidden: User \"alice\" cannot list "
                      "resource \"pilots\" in API group \"navigator.jetstack.io\" at the cluster "
                      "scope",
                      {.group = "navigator.jetstack.io", .kind = "pilots"}},
        ForbiddenCase{"CoreGroup",
                      {.user = kAlice,
                       .verb = "get",
                       .resource_request = true,
                       .resource = "namespaces",
                       .name = "kube-system"},
                      "",
                      "namespaces \"kube-system\" is forbidden: User \"alice\" cannot get "
                      "resource \"namespaces\" in API group \"\" at the cluster scope",
                      {.name = "kube-system", .kind = "namespaces"}},
        ForbiddenCase{"NonResource",
                      {.user = {.name = "x"}, .verb = "get", .path = "/foo"},
                      "",
                      "forbidden: User \"x\" cannot get path \"/foo\"",
                      {}},
        ForbiddenCase{"Anonymous",
                      {.user = {.name = "system:anonymous"}, .verb = "post", .path = "/"},
                      "r",
                      "forbidden: User \"system:anonymous\" cannot post path \"/\": r",
                      {}},
        ForbiddenCase{"QuotesAndHtmlAreEscaped",
                      {.user = {.name = "a\"<b>&"}, .verb = "get", .path = "/x\n\\y"},
                      "<kept>",
                      "forbidden: User \"a\\\"&lt;b&gt;&amp;\" cannot get path \"/x\\n\\\\y\": "
                      "<kept>",
                      {}}),
    [](const auto& info) { return info.param.name; });

TEST(ForbiddenMessageTest, IsTheInnerMessage) {
  EXPECT_EQ(ForbiddenMessage({.user = {.name = "bob"},
                              .verb = "watch",
                              .resource_request = true,
                              .api_group = "g",
                              .namespace_ = "n",
                              .resource = "r"}),
            "User \"bob\" cannot watch resource \"r\" in API group \"g\" in the namespace \"n\"");
}

struct QuoteCase {
  std::string in;
  std::string out;
};

class GoQuoteTest : public ::testing::TestWithParam<QuoteCase> {};

TEST_P(GoQuoteTest, QuotesAsStrconvQuote) {
  EXPECT_EQ(GoQuote(GetParam().in), GetParam().out);
}

INSTANTIATE_TEST_SUITE_P(
    Strings, GoQuoteTest,
    ::testing::Values(QuoteCase{"", "\"\""}, QuoteCase{"abc", "\"abc\""},
                      QuoteCase{"a\"b\\c", "\"a\\\"b\\\\c\""},
                      QuoteCase{"\a\b\f\n\r\t\v", "\"\\a\\b\\f\\n\\r\\t\\v\""},
                      QuoteCase{std::string("\x00\x01\x1f\x7f", 4), "\"\\x00\\x01\\x1f\\x7f\""},
                      QuoteCase{"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
                                "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\""},
                      QuoteCase{"\xc2\x85", "\"\\u0085\""},
                      QuoteCase{"\xe2\x80\xa8", "\"\\u2028\""},
                      QuoteCase{"\xff\xfe", "\"\\xff\\xfe\""}, QuoteCase{"\xc3", "\"\\xc3\""},
                      QuoteCase{"\xc0\xaf", "\"\\xc0\\xaf\""},           // overlong
                      QuoteCase{"\xed\xa0\x80", "\"\\xed\\xa0\\x80\""},  // surrogate
                      QuoteCase{"\xf4\x90\x80\x80", "\"\\xf4\\x90\\x80\\x80\""}));

}  // namespace
}  // namespace navigator::authz
