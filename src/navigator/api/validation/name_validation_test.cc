#include "navigator/api/validation/name_validation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace navigator::api {
namespace {

using testing::ElementsAre;
using testing::IsEmpty;

// The Kubernetes 1.9 texts, spelled out independently of the implementation.
const std::string kSubdomainMsg =
    "a DNS-1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and "
    "must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
    "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const std::string kLabelMsg =
    "a DNS-1123 label must consist of lower case alphanumeric characters or '-', and must start "
    "and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
    "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const std::string kQualifiedNamePartMsg =
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
    "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
    "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const std::string kLabelValueMsg =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or "
    "'.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
    "'my_value',  or '12345', regex used for validation is "
    "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

struct NameCase {
  std::string value;
  std::vector<std::string> errors;
};

class DNS1123SubdomainTest : public testing::TestWithParam<NameCase> {};
TEST_P(DNS1123SubdomainTest, Checks) {
  EXPECT_EQ(IsDNS1123Subdomain(GetParam().value), GetParam().errors) << GetParam().value;
}
INSTANTIATE_TEST_SUITE_P(
    Cases, DNS1123SubdomainTest,
    testing::Values(NameCase{"a", {}}, NameCase{"abc-123", {}}, NameCase{"a.b.c", {}},
                    NameCase{"0", {}}, NameCase{std::string(253, 'a'), {}},
                    NameCase{"", {kSubdomainMsg}}, NameCase{"Something", {kSubdomainMsg}},
                    NameCase{"something@", {kSubdomainMsg}}, NameCase{"-a", {kSubdomainMsg}},
                    NameCase{"a-", {kSubdomainMsg}}, NameCase{"a..b", {kSubdomainMsg}},
                    NameCase{".a", {kSubdomainMsg}}, NameCase{"a.", {kSubdomainMsg}},
                    NameCase{"a_b", {kSubdomainMsg}},
                    NameCase{std::string(254, 'a'), {"must be no more than 253 characters"}},
                    NameCase{std::string(254, 'A'),
                             {"must be no more than 253 characters", kSubdomainMsg}}));

class DNS1123LabelTest : public testing::TestWithParam<NameCase> {};
TEST_P(DNS1123LabelTest, Checks) {
  EXPECT_EQ(IsDNS1123Label(GetParam().value), GetParam().errors) << GetParam().value;
}
INSTANTIATE_TEST_SUITE_P(
    Cases, DNS1123LabelTest,
    testing::Values(NameCase{"a", {}}, NameCase{"rack-1", {}}, NameCase{std::string(63, 'a'), {}},
                    NameCase{"", {kLabelMsg}}, NameCase{"a.b", {kLabelMsg}},
                    NameCase{"Rack", {kLabelMsg}}, NameCase{"-a", {kLabelMsg}},
                    NameCase{std::string(64, 'a'), {"must be no more than 63 characters"}}));

class QualifiedNameTest : public testing::TestWithParam<NameCase> {};
TEST_P(QualifiedNameTest, Checks) {
  EXPECT_EQ(IsQualifiedName(GetParam().value), GetParam().errors) << GetParam().value;
}
INSTANTIATE_TEST_SUITE_P(
    Cases, QualifiedNameTest,
    testing::Values(
        NameCase{"app", {}}, NameCase{"MyName", {}}, NameCase{"my.name_x-1", {}},
        NameCase{"example.com/MyName", {}}, NameCase{"kubernetes.io/created-by", {}},
        NameCase{std::string(63, 'a'), {}},
        NameCase{"", {"name part must be non-empty", kQualifiedNamePartMsg}},
        NameCase{"-a", {kQualifiedNamePartMsg}}, NameCase{"a b", {kQualifiedNamePartMsg}},
        NameCase{std::string(64, 'a'), {"name part must be no more than 63 characters"}},
        NameCase{"/a", {"prefix part must be non-empty"}},
        NameCase{"Example.com/a", {"prefix part " + kSubdomainMsg}},
        NameCase{"example.com/", {"name part must be non-empty", kQualifiedNamePartMsg}},
        NameCase{"a/b/c",
                 {"a qualified name must consist of alphanumeric characters, '-', '_' or '.', "
                  "and must start and end with an alphanumeric character (e.g. 'MyName',  or "
                  "'my.name',  or '123-abc', regex used for validation is "
                  "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain "
                  "prefix and '/' (e.g. 'example.com/MyName')"}}));

class LabelValueTest : public testing::TestWithParam<NameCase> {};
TEST_P(LabelValueTest, Checks) {
  EXPECT_EQ(IsValidLabelValue(GetParam().value), GetParam().errors) << GetParam().value;
}
INSTANTIATE_TEST_SUITE_P(
    Cases, LabelValueTest,
    testing::Values(NameCase{"", {}}, NameCase{"v1.2_a-b", {}}, NameCase{std::string(63, 'x'), {}},
                    NameCase{"-x", {kLabelValueMsg}}, NameCase{"a/b", {kLabelValueMsg}},
                    NameCase{std::string(64, 'x'), {"must be no more than 63 characters"}}));

TEST(NameValidatorTest, PrefixesMayEndInADash) {
  EXPECT_THAT(NameIsDNSSubdomain("demo-", true), IsEmpty());
  EXPECT_THAT(NameIsDNSSubdomain("demo-", false), ElementsAre(kSubdomainMsg));
  EXPECT_THAT(NameIsDNSSubdomain("-demo-", true), ElementsAre(kSubdomainMsg));
  EXPECT_THAT(NameIsDNSLabel("rack-", true), IsEmpty());
  EXPECT_THAT(NameIsDNSLabel("a.b-", true), ElementsAre(kLabelMsg));
}

TEST(ValidatePathSegmentNameTest, RejectsDotsSlashesAndPercent) {
  EXPECT_THAT(ValidatePathSegmentName("pod-1", false), IsEmpty());
  EXPECT_THAT(ValidatePathSegmentName("Pod_1.x", false), IsEmpty());
  EXPECT_THAT(ValidatePathSegmentName(".", false), ElementsAre("may not be '.'"));
  EXPECT_THAT(ValidatePathSegmentName("..", false), ElementsAre("may not be '..'"));
  EXPECT_THAT(ValidatePathSegmentName("...", false), IsEmpty());
  EXPECT_THAT(ValidatePathSegmentName("a/b", false), ElementsAre("may not contain '/'"));
  EXPECT_THAT(ValidatePathSegmentName("a%b", false), ElementsAre("may not contain '%'"));
  EXPECT_THAT(ValidatePathSegmentName("/%", false),
              ElementsAre("may not contain '/'", "may not contain '%'"));
  EXPECT_THAT(ValidatePathSegmentName("..", true), IsEmpty());
  EXPECT_THAT(ValidatePathSegmentName("a/", true), ElementsAre("may not contain '/'"));
}

}  // namespace
}  // namespace navigator::api
