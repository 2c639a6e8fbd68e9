#include "navigator/api/navigator/validation/pilot_validation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "navigator/api/navigator/validation/validation_test_util.h"

namespace navigator::api {
namespace {

using testing::ElementsAre;
using testing::IsEmpty;
using testing_util::Decode;
using testing_util::Strings;

// As the Pilot controller creates it (reference §1): named after its Pod,
// controlled by it. hack/testdata/testpilot.yaml even names itself as owner.
constexpr std::string_view kPilot = R"({
  "apiVersion": "navigator.jetstack.io/v1alpha1", "kind": "Pilot",
  "metadata": {"name": "es-demo-mixed-0", "namespace": "default", "uid": "u-1",
               "resourceVersion": "7",
               "ownerReferences": [{"apiVersion": "v1", "kind": "Pod", "name": "es-demo-mixed-0",
                                    "uid": "pod-uid", "controller": true}]},
  "spec": {},
  "status": {"elasticsearch": {"documents": 0, "version": "5.6.2"}}
})";

TEST(ValidatePilotTest, AcceptsAPilotForAPod) {
  EXPECT_THAT(Strings(ValidatePilot(Decode<Pilot>(kPilot))), IsEmpty());
}

TEST(ValidatePilotTest, StatusIsNotValidated) {
  Pilot p = Decode<Pilot>(kPilot);
  p.status.conditions.push_back({"Nonsense", "Maybe", std::nullopt, "", ""});
  p.status.elasticsearch->documents = -5;
  EXPECT_THAT(Strings(ValidatePilot(p)), IsEmpty());
}

struct NameCase {
  std::string name;
  std::vector<std::string> errors;
};
class PilotNameTest : public testing::TestWithParam<NameCase> {};
TEST_P(PilotNameTest, NameIsAPathSegment) {
  Pilot p = Decode<Pilot>(kPilot);
  p.metadata.name = GetParam().name;
  EXPECT_EQ(Strings(ValidatePilot(p)), GetParam().errors);
}
INSTANTIATE_TEST_SUITE_P(
    Cases, PilotNameTest,
    testing::Values(
        NameCase{"Upper_Case.ok", {}},
        NameCase{"", {"metadata.name: Required value: name or generateName is required"}},
        NameCase{".", {"metadata.name: Invalid value: \".\": may not be '.'"}},
        NameCase{"..", {"metadata.name: Invalid value: \"..\": may not be '..'"}},
        NameCase{"a/b", {"metadata.name: Invalid value: \"a/b\": may not contain '/'"}},
        NameCase{"a%b", {"metadata.name: Invalid value: \"a%b\": may not contain '%'"}}));

TEST(ValidatePilotTest, GenericMetadataRulesApply) {
  Pilot p = Decode<Pilot>(kPilot);
  p.metadata.namespace_ = "";
  p.metadata.labels = {{"bad key!", "v"}};
  p.metadata.owner_references.push_back(p.metadata.owner_references.front());
  const auto errs = Strings(ValidatePilot(p));
  ASSERT_EQ(errs.size(), 3u);
  EXPECT_EQ(errs[0], "metadata.namespace: Required value");
  EXPECT_THAT(errs[1], testing::StartsWith("metadata.labels: Invalid value: \"bad key!\": name "
                                           "part must consist of alphanumeric characters"));
  EXPECT_THAT(errs[2], testing::EndsWith("Only one reference can have Controller set to true. "
                                         "Found \"true\" in references for Pod/es-demo-mixed-0 "
                                         "and Pod/es-demo-mixed-0"));
}

TEST(ValidatePilotUpdateTest, StatusAndLabelsMayChange) {
  const Pilot old_p = Decode<Pilot>(kPilot);
  Pilot p = old_p;
  p.metadata.labels = {{"navigator.jetstack.io/has-pilot", "true"}};
  p.status.elasticsearch->documents = 12;
  EXPECT_THAT(Strings(ValidatePilotUpdate(old_p, p)), IsEmpty());
}

TEST(ValidatePilotUpdateTest, MetadataIdentityIsImmutable) {
  const Pilot old_p = Decode<Pilot>(kPilot);
  Pilot p = old_p;
  p.metadata.name = "other";
  p.metadata.uid = "u-2";
  p.metadata.resource_version = "";
  EXPECT_THAT(Strings(ValidatePilotUpdate(old_p, p)),
              ElementsAre("metadata.resourceVersion: Invalid value: \"\": must be specified for "
                          "an update",
                          "metadata.name: Invalid value: \"other\": field is immutable",
                          "metadata.uid: Invalid value: \"u-2\": field is immutable"));
}

TEST(ValidatePilotUpdateTest, TheNewNameIsValidatedToo) {
  const Pilot old_p = Decode<Pilot>(kPilot);
  Pilot p = old_p;
  p.metadata.name = "a/b";
  EXPECT_THAT(Strings(ValidatePilotUpdate(old_p, p)),
              ElementsAre("metadata.name: Invalid value: \"a/b\": may not contain '/'",
                          "metadata.name: Invalid value: \"a/b\": field is immutable"));
}

}  // namespace
}  // namespace navigator::api
