#include "navigator/api/validation/object_meta_validation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace navigator::api {
namespace {

using testing::ElementsAre;
using testing::IsEmpty;

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

std::vector<std::string> Strings(const FieldErrorList& errs) {
  std::vector<std::string> out;
  for (const StatusCause& c : errs) out.push_back(FieldErrorString(c));
  return out;
}

ObjectMeta ValidMeta() {
  ObjectMeta m;
  m.name = "demo";
  m.namespace_ = "default";
  m.uid = "6d1f2ac0-0000-4000-8000-000000000001";
  m.resource_version = "42";
  m.creation_timestamp = Time{std::chrono::sys_seconds(std::chrono::seconds(1528329600))};
  m.labels = {{"app", "es"}, {"example.com/tier", ""}};
  m.annotations = {{"Example.com/Note", "anything at all: / % \n"}};
  m.owner_references = {{"v1", "Pod", "pod-1", "uid-1", true, std::nullopt},
                        {"apps/v1", "StatefulSet", "ss", "uid-2", false, true}};
  m.finalizers = {"example.com/cleanup"};
  return m;
}

FieldErrorList Create(const ObjectMeta& m) {
  return ValidateObjectMeta(m, NameIsDNSSubdomain);
}

TEST(ValidateObjectMetaTest, AcceptsAWellFormedObject) {
  EXPECT_THAT(Strings(Create(ValidMeta())), IsEmpty());
}

TEST(ValidateObjectMetaTest, NameIsRequiredEvenWithGenerateName) {
  ObjectMeta m = ValidMeta();
  m.name = "";
  m.generate_name = "demo-";
  EXPECT_THAT(Strings(Create(m)),
              ElementsAre("metadata.name: Required value: name or generateName is required"));
}

struct BadNameCase {
  std::string name;
  std::vector<std::string> errors;
};
class ObjectNameTest : public testing::TestWithParam<BadNameCase> {};
TEST_P(ObjectNameTest, ReportsEveryProblem) {
  ObjectMeta m = ValidMeta();
  m.name = GetParam().name;
  EXPECT_EQ(Strings(Create(m)), GetParam().errors);
}
INSTANTIATE_TEST_SUITE_P(
    Cases, ObjectNameTest,
    testing::Values(
        BadNameCase{"Demo", {"metadata.name: Invalid value: \"Demo\": " + kSubdomainMsg}},
        BadNameCase{"demo_1", {"metadata.name: Invalid value: \"demo_1\": " + kSubdomainMsg}},
        BadNameCase{"a/b", {"metadata.name: Invalid value: \"a/b\": " + kSubdomainMsg}},
        BadNameCase{std::string(253, 'a'), {}},
        BadNameCase{std::string(254, 'a'),
                    {"metadata.name: Invalid value: \"" + std::string(254, 'a') +
                     "\": must be no more than 253 characters"}}));

TEST(ValidateObjectMetaTest, GenerateNameIsCheckedAsAPrefix) {
  ObjectMeta m = ValidMeta();
  m.generate_name = "demo-";
  EXPECT_THAT(Strings(Create(m)), IsEmpty());
  m.generate_name = "Demo-";
  EXPECT_THAT(Strings(Create(m)),
              ElementsAre("metadata.generateName: Invalid value: \"Demo-\": " + kSubdomainMsg));
}

TEST(ValidateObjectMetaTest, UsesTheGivenNameRule) {
  ObjectMeta m = ValidMeta();
  m.name = "Pod_1";
  EXPECT_THAT(Strings(ValidateObjectMeta(m, ValidatePathSegmentName)), IsEmpty());
  m.name = "..";
  EXPECT_THAT(Strings(ValidateObjectMeta(m, ValidatePathSegmentName)),
              ElementsAre("metadata.name: Invalid value: \"..\": may not be '..'"));
  m.name = "a/b%";
  EXPECT_THAT(Strings(ValidateObjectMeta(m, ValidatePathSegmentName)),
              ElementsAre("metadata.name: Invalid value: \"a/b%\": may not contain '/'",
                          "metadata.name: Invalid value: \"a/b%\": may not contain '%'"));
}

TEST(ValidateObjectMetaTest, NamespaceIsARequiredDNSLabel) {
  ObjectMeta m = ValidMeta();
  m.namespace_ = "";
  EXPECT_THAT(Strings(Create(m)), ElementsAre("metadata.namespace: Required value"));
  m.namespace_ = "kube.system";
  EXPECT_THAT(Strings(Create(m)),
              ElementsAre("metadata.namespace: Invalid value: \"kube.system\": " + kLabelMsg));
  m.namespace_ = std::string(64, 'n');
  EXPECT_THAT(Strings(Create(m)),
              ElementsAre("metadata.namespace: Invalid value: \"" + std::string(64, 'n') +
                          "\": must be no more than 63 characters"));
}

TEST(ValidateObjectMetaTest, GenerationMustNotBeNegative) {
  ObjectMeta m = ValidMeta();
  m.generation = -1;
  EXPECT_THAT(Strings(Create(m)), ElementsAre("metadata.generation: Invalid value: -1: must be "
                                              "greater than or equal to 0"));
}

TEST(ValidateObjectMetaTest, LabelKeysAndValues) {
  ObjectMeta m = ValidMeta();
  m.labels = {{"-bad", "ok"},
              {"good", "bad value"},
              {"Example.com/x", "v"},
              {"long", std::string(64, 'v')}};
  EXPECT_THAT(
      Strings(Create(m)),
      ElementsAre("metadata.labels: Invalid value: \"-bad\": " + kQualifiedNamePartMsg,
                  "metadata.labels: Invalid value: \"Example.com/x\": prefix part " + kSubdomainMsg,
                  "metadata.labels: Invalid value: \"bad value\": " + kLabelValueMsg,
                  "metadata.labels: Invalid value: \"" + std::string(64, 'v') +
                      "\": must be no more than 63 characters"));
}

TEST(ValidateObjectMetaTest, AnnotationKeysIgnoreCaseAndValuesAreFree) {
  ObjectMeta m = ValidMeta();
  m.annotations = {{"Example.COM/Key", "/%"}, {"bad key", ""}};
  EXPECT_THAT(Strings(Create(m)), ElementsAre("metadata.annotations: Invalid value: \"bad key\": " +
                                              kQualifiedNamePartMsg));
}

TEST(ValidateObjectMetaTest, AnnotationsTotalAtMost256KiB) {
  ObjectMeta m = ValidMeta();
  m.annotations = {{"a", std::string(256 * 1024 - 1, 'x')}};  // exactly the limit
  EXPECT_THAT(Strings(Create(m)), IsEmpty());
  m.annotations = {{"a", std::string(256 * 1024 - 1, 'x')}, {"b", ""}};
  EXPECT_THAT(Strings(Create(m)),
              ElementsAre("metadata.annotations: Too long: must have at most 262144 characters"));
}

TEST(ValidateObjectMetaTest, OwnerReferencesNeedApiVersionKindNameAndUid) {
  ObjectMeta m = ValidMeta();
  m.owner_references = {{"v1", "Pod", "pod-1", "uid-1", std::nullopt, std::nullopt},
                        {"", "", "", "", std::nullopt, std::nullopt},
                        {"a/b/c", "Pod", "p", "u", std::nullopt, std::nullopt},
                        {"apps/", "Pod", "p", "u", std::nullopt, std::nullopt}};
  EXPECT_THAT(
      Strings(Create(m)),
      ElementsAre("metadata.ownerReferences[1].apiVersion: Required value: must not be empty",
                  "metadata.ownerReferences[1].kind: Required value: must not be empty",
                  "metadata.ownerReferences[1].name: Required value: must not be empty",
                  "metadata.ownerReferences[1].uid: Required value: must not be empty",
                  "metadata.ownerReferences[2].apiVersion: Invalid value: \"a/b/c\": must be "
                  "<group>/<version> or <version>",
                  "metadata.ownerReferences[3].apiVersion: Invalid value: \"apps/\": must be "
                  "<group>/<version> or <version>"));
}

TEST(ValidateObjectMetaTest, EventsCannotOwnObjects) {
  ObjectMeta m = ValidMeta();
  m.owner_references = {{"v1", "Event", "e", "u", std::nullopt, std::nullopt}};
  EXPECT_THAT(
      Strings(Create(m)),
      ElementsAre("metadata.ownerReferences[0]: Invalid value: "
                  "{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"name\":\"e\",\"uid\":\"u\"}: "
                  "/v1, Kind=Event is disallowed from being an owner"));
}

TEST(ValidateObjectMetaTest, AtMostOneControllerReference) {
  ObjectMeta m = ValidMeta();
  m.owner_references = {{"v1", "Pod", "a", "1", true, std::nullopt},
                        {"v1", "Pod", "b", "2", true, std::nullopt}};
  EXPECT_THAT(
      Strings(Create(m)),
      ElementsAre("metadata.ownerReferences: Invalid value: "
                  "[{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"name\":\"a\",\"uid\":\"1\","
                  "\"controller\":true},{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"name\":\"b\","
                  "\"uid\":\"2\",\"controller\":true}]: Only one reference can have Controller "
                  "set to true. Found \"true\" in references for Pod/a and Pod/b"));
}

TEST(ValidateObjectMetaTest, FinalizersAreQualifiedNamesWithoutDuplicates) {
  ObjectMeta m = ValidMeta();
  m.finalizers = {"example.com/a", "bad name", "example.com/a"};
  EXPECT_THAT(
      Strings(Create(m)),
      ElementsAre("metadata.finalizers: Invalid value: \"bad name\": " + kQualifiedNamePartMsg,
                  "metadata.finalizers[2]: Duplicate value: \"example.com/a\""));
}

TEST(ValidateObjectMetaTest, OrphanAndForegroundDeletionExcludeEachOther) {
  ObjectMeta m = ValidMeta();
  m.finalizers = {"orphan", "foregroundDeletion"};
  EXPECT_THAT(
      Strings(Create(m)),
      ElementsAre("metadata.finalizers: Invalid value: [\"orphan\",\"foregroundDeletion\"]: "
                  "finalizer orphan and foregroundDeletion cannot be both set"));
}

TEST(ValidateObjectMetaTest, ReportsEveryErrorAtOnce) {
  ObjectMeta m;
  m.generation = -3;
  EXPECT_THAT(Strings(Create(m)),
              ElementsAre("metadata.name: Required value: name or generateName is required",
                          "metadata.namespace: Required value",
                          "metadata.generation: Invalid value: -3: must be greater than or "
                          "equal to 0"));
}

TEST(ValidateObjectMetaUpdateTest, UnchangedIsValid) {
  EXPECT_THAT(Strings(ValidateObjectMetaUpdate(ValidMeta(), ValidMeta())), IsEmpty());
  EXPECT_THAT(Strings(ValidateObjectMetaTransition(ValidMeta(), ValidMeta())), IsEmpty());
}

TEST(ValidateObjectMetaUpdateTest, MutableFieldsMayChange) {
  ObjectMeta changed = ValidMeta();
  changed.labels = {{"new", "label"}};
  changed.annotations = {};
  changed.owner_references = {};
  changed.finalizers = {"example.com/other"};
  changed.resource_version = "43";
  changed.generation = 5;
  EXPECT_THAT(Strings(ValidateObjectMetaUpdate(changed, ValidMeta())), IsEmpty());
}

TEST(ValidateObjectMetaUpdateTest, IdentityAndTimestampsAreImmutable) {
  ObjectMeta old_meta = ValidMeta();
  old_meta.deletion_grace_period_seconds = 30;
  ObjectMeta m = old_meta;
  m.name = "other";
  m.namespace_ = "elsewhere";
  m.uid = "";
  m.creation_timestamp = Time{std::chrono::sys_seconds(std::chrono::seconds(1528416000))};
  m.deletion_timestamp = Time{std::chrono::sys_seconds(std::chrono::seconds(1528416000))};
  m.deletion_grace_period_seconds = std::nullopt;
  EXPECT_THAT(
      Strings(ValidateObjectMetaTransition(m, old_meta)),
      ElementsAre("metadata.name: Invalid value: \"other\": field is immutable",
                  "metadata.namespace: Invalid value: \"elsewhere\": field is immutable",
                  "metadata.uid: Invalid value: \"\": field is immutable",
                  "metadata.creationTimestamp: Invalid value: \"2018-06-08T00:00:00Z\": field is "
                  "immutable",
                  "metadata.deletionTimestamp: Invalid value: \"2018-06-08T00:00:00Z\": field is "
                  "immutable",
                  "metadata.deletionGracePeriodSeconds: Invalid value: null: field is immutable"));
}

TEST(ValidateObjectMetaUpdateTest, CreationTimestampMayNotBeCleared) {
  ObjectMeta m = ValidMeta();
  m.creation_timestamp.reset();
  EXPECT_THAT(Strings(ValidateObjectMetaTransition(m, ValidMeta())),
              ElementsAre("metadata.creationTimestamp: Invalid value: null: field is immutable"));
}

TEST(ValidateObjectMetaUpdateTest, ResourceVersionIsRequiredAndGenerationMonotonic) {
  ObjectMeta old_meta = ValidMeta();
  old_meta.generation = 3;
  ObjectMeta m = old_meta;
  m.resource_version = "";
  m.generation = 2;
  EXPECT_THAT(Strings(ValidateObjectMetaTransition(m, old_meta)),
              ElementsAre("metadata.resourceVersion: Invalid value: \"\": must be specified for "
                          "an update",
                          "metadata.generation: Invalid value: 2: must not be decremented"));
}

TEST(ValidateObjectMetaUpdateTest, NoNewFinalizersOnceDeleting) {
  ObjectMeta old_meta = ValidMeta();
  old_meta.deletion_timestamp = Time{std::chrono::sys_seconds(std::chrono::seconds(1528416000))};
  ObjectMeta m = old_meta;
  m.finalizers = {"z.io/b", "example.com/cleanup", "a.io/a"};
  EXPECT_THAT(Strings(ValidateObjectMetaTransition(m, old_meta)),
              ElementsAre("metadata.finalizers: Forbidden: no new finalizers can be added if the "
                          "object is being deleted, found new finalizers []string{\"a.io/a\", "
                          "\"z.io/b\"}"));
  m.finalizers = {};  // removing is how deletion proceeds
  EXPECT_THAT(Strings(ValidateObjectMetaTransition(m, old_meta)), IsEmpty());
}

TEST(ValidateObjectMetaUpdateTest, FullUpdateAlsoChecksLabelsAnnotationsAndOwners) {
  ObjectMeta m = ValidMeta();
  m.labels = {{"good", "-bad"}};
  m.annotations = {{"/x", ""}};
  m.owner_references = {{"v1", "Pod", "", "u", std::nullopt, std::nullopt}};
  m.generation = -1;
  ObjectMeta old_meta = ValidMeta();
  old_meta.generation = -1;
  EXPECT_THAT(
      Strings(ValidateObjectMetaUpdate(m, old_meta)),
      ElementsAre("metadata.generation: Invalid value: -1: must be greater than or equal to 0",
                  "metadata.labels: Invalid value: \"-bad\": " + kLabelValueMsg,
                  "metadata.annotations: Invalid value: \"/x\": prefix part must be non-empty",
                  "metadata.ownerReferences[0].name: Required value: must not be empty"));
}

}  // namespace
}  // namespace navigator::api
