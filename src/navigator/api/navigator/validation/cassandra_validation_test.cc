#include "navigator/api/navigator/validation/cassandra_validation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "navigator/api/navigator/validation/validation_test_util.h"

namespace navigator::api {
namespace {

using testing::ElementsAre;
using testing::IsEmpty;
using testing_util::Decode;
using testing_util::kCaseName;
using testing_util::kUnchanged;
using testing_util::Q;
using testing_util::Strings;
using testing_util::Version;
using Case = testing_util::MutationCase<CassandraCluster>;
using UpdateCase = testing_util::UpdateCase<CassandraCluster>;

const std::string kLabelMsg =
    "a DNS-1123 label must consist of lower case alphanumeric characters or '-', and must start "
    "and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
    "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const std::string kPullPolicies = R"(supported values: "Never", "IfNotPresent", "Always")";
const std::string kRange = "supported versions are >= 3.11, < 5.1";
const std::string kWhitelist =
    "Forbidden: updates to node pool fields other than 'replicas' and 'persistence' are "
    "forbidden (changed: ";
const std::string kPersistenceLocked =
    "Forbidden: cannot modify persistence configuration once enabled";

// The reference's valid cluster (§4.8), with its pool now named.
constexpr std::string_view kCluster = R"({
  "apiVersion": "navigator.jetstack.io/v1alpha1", "kind": "CassandraCluster",
  "metadata": {"name": "cass", "namespace": "default", "uid": "uid-2", "resourceVersion": "5",
               "creationTimestamp": "2018-06-07T00:00:00Z"},
  "spec": {
    "version": "3.11.2",
    "pilotImage": {"repository": "quay.io/jetstack/navigator-pilot-cassandra", "tag": "v0.1.0"},
    "nodePools": [
      {"name": "ringnodes", "replicas": 3, "datacenter": "datacenter-1", "rack": "rack-1",
       "persistence": {"size": "10Gi"}},
      {"name": "extra", "replicas": 1, "nodeSelector": {"disk": "ssd"},
       "resources": {"limits": {"memory": "4Gi"}}, "schedulerName": "default-scheduler"}
    ]
  }
})";

CassandraCluster Valid() {
  return Decode<CassandraCluster>(kCluster);
}

CassandraClusterNodePool& Pool(CassandraCluster& c, std::size_t i) {
  return c.spec.node_pools.at(i);
}

TEST(ValidateCassandraClusterTest, TheFixtureIsValid) {
  EXPECT_THAT(Strings(ValidateCassandraCluster(Valid())), IsEmpty());
}

TEST(ValidateCassandraClusterTest, DefaultsMakeAMinimalPoolValid) {
  const CassandraCluster c = Valid();
  EXPECT_EQ(c.spec.node_pools[1].rack, "extra");  // defaulted to the pool name
  EXPECT_EQ(c.spec.node_pools[1].datacenter, "navigator-default-datacenter");
}

class CassandraCreateTest : public testing::TestWithParam<Case> {};
TEST_P(CassandraCreateTest, ReportsExactlyTheseErrors) {
  CassandraCluster c = Valid();
  GetParam().mutate(c);
  EXPECT_EQ(Strings(ValidateCassandraCluster(c)), GetParam().errors);
}

INSTANTIATE_TEST_SUITE_P(
    NodePool, CassandraCreateTest,
    testing::Values(
        Case{"ZeroReplicas", [](auto& c) { Pool(c, 1).replicas = 0; }, {}},
        Case{"UnsetReplicas", [](auto& c) { Pool(c, 1).replicas.reset(); }, {}},
        Case{"NoPools", [](auto& c) { c.spec.node_pools.clear(); }, {}},
        Case{"MaximalLengthName", [](auto& c) { Pool(c, 1).name = std::string(63, 'p'); }, {}},
        Case{"ResourcesAreNotValidated",
             [](auto& c) {
               Pool(c, 1).resources.requests = {{"cpu", Q("-1")}};
             },
             {}},
        Case{"UnnamedPool",
             [](auto& c) { Pool(c, 0).name = ""; },
             {"spec.nodePools[0].name: Required value"}},
        Case{"UpperCaseName",
             [](auto& c) { Pool(c, 0).name = "RingNodes"; },
             {"spec.nodePools[0].name: Invalid value: \"RingNodes\": " + kLabelMsg}},
        Case{"DottedName",
             [](auto& c) { Pool(c, 0).name = "ring.nodes"; },
             {"spec.nodePools[0].name: Invalid value: \"ring.nodes\": " + kLabelMsg}},
        Case{"NameTooLong",
             [](auto& c) { Pool(c, 0).name = std::string(64, 'p'); },
             {"spec.nodePools[0].name: Invalid value: \"" + std::string(64, 'p') +
              "\": must be no more than 63 characters"}},
        Case{"DuplicateName",
             [](auto& c) { Pool(c, 1).name = "ringnodes"; },
             {"spec.nodePools[1].name: Duplicate value: \"ringnodes\""}},
        Case{"DuplicateUnnamedPools",
             [](auto& c) {
               Pool(c, 0).name = "";
               Pool(c, 1).name = "";
             },
             {"spec.nodePools[0].name: Required value",
              "spec.nodePools[1].name: Duplicate value: \"\"",
              "spec.nodePools[1].name: Required value"}},
        Case{"NegativeReplicas",
             [](auto& c) { Pool(c, 1).replicas = -1; },
             {"spec.nodePools[1].replicas: Invalid value: -1: must be greater than or equal to "
              "0"}},
        Case{"PersistenceWithoutSize",
             [](auto& c) { Pool(c, 0).persistence->size = Quantity(); },
             {"spec.nodePools[0].persistence.size: Required value"}},
        Case{"NegativePersistenceSize",
             [](auto& c) { Pool(c, 0).persistence->size = Q("-1Gi"); },
             {"spec.nodePools[0].persistence.size: Invalid value: \"-1Gi\": must be greater "
              "than zero"}}),
    kCaseName);

INSTANTIATE_TEST_SUITE_P(
    Spec, CassandraCreateTest,
    testing::Values(
        Case{"Version3_11",
             [](auto& c) { c.spec.version = Version<LenientVersion>(R"("3.11")"); },
             {}},
        Case{"Version3_12",
             [](auto& c) { c.spec.version = Version<LenientVersion>(R"("3.12")"); },
             {}},
        Case{"Version4_0_0",
             [](auto& c) { c.spec.version = Version<LenientVersion>(R"("4.0.0")"); },
             {}},
        Case{"Version5_0",
             [](auto& c) { c.spec.version = Version<LenientVersion>(R"("5.0")"); },
             {}},
        Case{"Version2_0_0",
             [](auto& c) { c.spec.version = Version<LenientVersion>(R"("2.0.0")"); },
             {"spec.version: Forbidden: \"2.0.0\" is not supported: " + kRange}},
        Case{"Version5_1_0",
             [](auto& c) { c.spec.version = Version<LenientVersion>(R"("5.1.0")"); },
             {"spec.version: Forbidden: \"5.1.0\" is not supported: " + kRange}},
        Case{"PreRelease",
             [](auto& c) { c.spec.version = Version<LenientVersion>(R"("3.11.2-beta1")"); },
             {"spec.version: Forbidden: \"3.11.2-beta1\" is not supported: " + kRange}},
        Case{"MissingVersion",
             [](auto& c) { c.spec.version = Version<LenientVersion>("null"); },
             {"spec.version: Required value: must be a version of the form "
              "MAJOR[.MINOR[.PATCH]]"}},
        Case{"MalformedVersion",
             [](auto& c) { c.spec.version = Version<LenientVersion>(R"("three")"); },
             {"spec.version: Invalid value: \"three\": must be a version of the form "
              "MAJOR[.MINOR[.PATCH]]"}},
        Case{"UnquotedVersion",
             [](auto& c) { c.spec.version = Version<LenientVersion>("3.11"); },
             {"spec.version: Invalid value: 3.11: must be a quoted string holding a version of "
              "the form MAJOR[.MINOR[.PATCH]]"}},
        Case{"MissingPilotImage",
             [](auto& c) { c.spec.config.pilot_image = ImageSpec{}; },
             {"spec.pilotImage.tag: Required value", "spec.pilotImage.repository: Required value",
              "spec.pilotImage.pullPolicy: Unsupported value: \"\": " + kPullPolicies}},
        Case{"PilotImageWithoutTag",
             [](auto& c) { c.spec.config.pilot_image.tag = ""; },
             {"spec.pilotImage.tag: Required value"}},
        Case{"NegativeRunAsUser",
             [](auto& c) { c.spec.config.security_context.run_as_user = -7; },
             {"spec.securityContext.runAsUser: Invalid value: -7: must be non-negative"}},
        Case{"WithImage",
             [](auto& c) {
               c.spec.image = ImageSpec{"docker.io/cassandra", "3.11.2", "Never"};
             },
             {}},
        Case{"ImageWithoutRepository",
             [](auto& c) {
               c.spec.image = ImageSpec{"", "3.11.2", "IfNotPresent"};
             },
             {"spec.image.repository: Required value"}},
        Case{"ImageWithBadPullPolicy",
             [](auto& c) {
               c.spec.image = ImageSpec{"docker.io/cassandra", "3.11.2", "invalid"};
             },
             {"spec.image.pullPolicy: Unsupported value: \"invalid\": " + kPullPolicies}},
        Case{"MetadataName",
             [](auto& c) { c.metadata.name = "cass_1"; },
             {"metadata.name: Invalid value: \"cass_1\": a DNS-1123 subdomain must consist of "
              "lower case alphanumeric characters, '-' or '.', and must start and end with an "
              "alphanumeric character (e.g. 'example.com', regex used for validation is "
              "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"}}),
    kCaseName);

TEST(ValidateCassandraClusterTest, ReturnsEveryErrorAtItsPathInRuleOrder) {
  CassandraCluster c = Valid();
  c.spec.config.pilot_image.repository = "";
  c.spec.version = Version<LenientVersion>(R"("2.1")");
  Pool(c, 0).name = "Ring";
  Pool(c, 0).replicas = -3;
  Pool(c, 0).persistence->size = Quantity();
  Pool(c, 1).name = "Ring";
  c.spec.image = ImageSpec{"cassandra", "", "IfNotPresent"};
  EXPECT_THAT(Strings(ValidateCassandraCluster(c)),
              ElementsAre("spec.pilotImage.repository: Required value",
                          "spec.version: Forbidden: \"2.1\" is not supported: " + kRange,
                          "spec.nodePools[0].name: Invalid value: \"Ring\": " + kLabelMsg,
                          "spec.nodePools[0].replicas: Invalid value: -3: must be greater than or "
                          "equal to 0",
                          "spec.nodePools[0].persistence.size: Required value",
                          "spec.nodePools[1].name: Duplicate value: \"Ring\"",
                          "spec.nodePools[1].name: Invalid value: \"Ring\": " + kLabelMsg,
                          "spec.image.tag: Required value"));
}

TEST(ValidateCassandraClusterTest, NonDefaultedInputDoesNotCrash) {
  CassandraCluster c;
  c.spec.node_pools.resize(1);
  c.spec.node_pools[0].persistence = PersistenceConfig{};
  // metadata name + namespace, pilotImage x3, version, pool name, persistence size.
  EXPECT_EQ(ValidateCassandraCluster(c).size(), 8u);
  EXPECT_FALSE(ValidateCassandraClusterUpdate(c, c).empty());
}

class CassandraUpdateTest : public testing::TestWithParam<UpdateCase> {};
TEST_P(CassandraUpdateTest, ReportsExactlyTheseErrors) {
  CassandraCluster old_c = Valid();
  GetParam().mutate_old(old_c);
  CassandraCluster new_c = Valid();
  GetParam().mutate_new(new_c);
  EXPECT_EQ(Strings(ValidateCassandraClusterUpdate(old_c, new_c)), GetParam().errors);
}

auto SetVersion(std::string json) {
  return [json](CassandraCluster& c) {
    c.spec.version = Version<LenientVersion>(json);
  };
}

INSTANTIATE_TEST_SUITE_P(
    NodePools, CassandraUpdateTest,
    testing::Values(
        UpdateCase{"Unchanged", kUnchanged, kUnchanged, {}},
        UpdateCase{"Scale", kUnchanged, [](auto& c) { Pool(c, 0).replicas = 5; }, {}},
        UpdateCase{"ScaleToZero", kUnchanged, [](auto& c) { Pool(c, 1).replicas = 0; }, {}},
        UpdateCase{"EnablePersistence",
                   kUnchanged,
                   [](auto& c) {
                     Pool(c, 1).persistence = PersistenceConfig{Q("5Gi"), "fast"};
                   },
                   {}},
        UpdateCase{"PersistenceUnchanged",
                   kUnchanged,
                   [](auto& c) { Pool(c, 0).persistence = PersistenceConfig{Q("10Gi")}; },
                   {}},
        UpdateCase{"DisablePersistence",
                   kUnchanged,
                   [](auto& c) { Pool(c, 0).persistence.reset(); },
                   {"spec.nodePools[0].persistence: " + kPersistenceLocked}},
        UpdateCase{"IncreasePersistenceSize",
                   kUnchanged,
                   [](auto& c) { Pool(c, 0).persistence->size = Q("25Gi"); },
                   {"spec.nodePools[0].persistence: " + kPersistenceLocked}},
        UpdateCase{"ChangeRack",
                   kUnchanged,
                   [](auto& c) { Pool(c, 0).rack = "rack-2"; },
                   {"spec.nodePools[0]: " + kWhitelist + "rack)"}},
        UpdateCase{"ChangeDatacenter",
                   kUnchanged,
                   [](auto& c) { Pool(c, 0).datacenter = "datacenter-2"; },
                   {"spec.nodePools[0]: " + kWhitelist + "datacenter)"}},
        UpdateCase{"ChangeNodeSelector",
                   kUnchanged,
                   [](auto& c) { Pool(c, 1).node_selector.clear(); },
                   {"spec.nodePools[1]: " + kWhitelist + "nodeSelector)"}},
        UpdateCase{"ChangeResources",
                   kUnchanged,
                   [](auto& c) { Pool(c, 1).resources.limits["memory"] = Q("8Gi"); },
                   {"spec.nodePools[1]: " + kWhitelist + "resources)"}},
        UpdateCase{"ResourcesRewrittenSameValue",
                   kUnchanged,
                   [](auto& c) { Pool(c, 1).resources.limits["memory"] = Q("4096Mi"); },
                   {}},
        UpdateCase{"ChangeSchedulerName",
                   kUnchanged,
                   [](auto& c) { Pool(c, 1).scheduler_name = ""; },
                   {"spec.nodePools[1]: " + kWhitelist + "schedulerName)"}},
        UpdateCase{"ChangeEverything",
                   kUnchanged,
                   [](auto& c) {
                     Pool(c, 1).node_selector.clear();
                     Pool(c, 1).rack = "r";
                     Pool(c, 1).datacenter = "d";
                     Pool(c, 1).resources = {};
                     Pool(c, 1).scheduler_name = "s";
                   },
                   {"spec.nodePools[1]: " + kWhitelist +
                    "nodeSelector, rack, datacenter, resources, schedulerName)"}},
        UpdateCase{"AddPool",
                   kUnchanged,
                   [](auto& c) {
                     c.spec.node_pools.push_back(Pool(c, 1));
                     Pool(c, 2).name = "third";
                   },
                   {}},
        UpdateCase{"RemovePool",
                   kUnchanged,
                   [](auto& c) { c.spec.node_pools.erase(c.spec.node_pools.begin()); },
                   {}}),
    kCaseName);

INSTANTIATE_TEST_SUITE_P(
    Version, CassandraUpdateTest,
    testing::Values(
        UpdateCase{"PatchUpgrade", SetVersion(R"("3.11.1")"), SetVersion(R"("3.11.2")"), {}},
        UpdateCase{"PatchDowngrade",
                   SetVersion(R"("3.11.2")"),
                   SetVersion(R"("3.11.1")"),
                   {"spec.version: Forbidden: cannot downgrade from 3.11.2 to 3.11.1: data "
                    "written by a newer version cannot be read by an older one"}},
        UpdateCase{"MinorUpgradeWithinLine", kUnchanged, SetVersion(R"("3.12")"), {}},
        UpdateCase{"SameVersionRewritten", SetVersion(R"("3.11")"), SetVersion(R"("3.11.0")"), {}},
        UpdateCase{"NextLine", SetVersion(R"("3.11.4")"), SetVersion(R"("4.0.0")"), {}},
        UpdateCase{"SkipALine",
                   SetVersion(R"("3.11.4")"),
                   SetVersion(R"("4.1.0")"),
                   {"spec.version: Forbidden: cannot upgrade from 3.11.4 to 4.1.0 in one step: "
                    "upgrade to 4.0 first"}},
        UpdateCase{"DowngradeAcrossLines",
                   SetVersion(R"("4.0.0")"),
                   SetVersion(R"("3.11.4")"),
                   {"spec.version: Forbidden: cannot downgrade from 4.0.0 to 3.11.4: data "
                    "written by a newer version cannot be read by an older one"}},
        UpdateCase{"VersionRemoved",
                   kUnchanged,
                   SetVersion("null"),
                   {"spec.version: Required value: must be a version of the form "
                    "MAJOR[.MINOR[.PATCH]]"}}),
    kCaseName);

INSTANTIATE_TEST_SUITE_P(
    Other, CassandraUpdateTest,
    testing::Values(
        UpdateCase{"ImagesSecurityContextAndPausedMayChange",
                   kUnchanged,
                   [](auto& c) {
                     c.spec.image = ImageSpec{"docker.io/cassandra", "3.11.2", "Always"};
                     c.spec.config.pilot_image.tag = "v0.2.0";
                     c.spec.config.security_context.run_as_user = 999;
                     c.spec.config.paused = true;
                   },
                   {}},
        UpdateCase{"MetadataIdentityIsImmutable",
                   kUnchanged,
                   [](auto& c) {
                     c.metadata.name = "other";
                     c.metadata.namespace_ = "other";
                   },
                   {"metadata.name: Invalid value: \"other\": field is immutable",
                    "metadata.namespace: Invalid value: \"other\": field is immutable"}},
        UpdateCase{"CreateRulesApplyToTheNewObject",
                   kUnchanged,
                   [](auto& c) { Pool(c, 1).name = "Extra"; },  // also a removal + addition
                   {"spec.nodePools[1].name: Invalid value: \"Extra\": " + kLabelMsg}}),
    kCaseName);

TEST(CassandraInvalidStatusTest, OneAndSeveralErrors) {
  CassandraCluster c = Valid();
  c.spec.version = Version<LenientVersion>(R"("2.0.0")");
  Status s = ToInvalidStatus("CassandraCluster", "cass", ValidateCassandraCluster(c));
  EXPECT_EQ(s.code(), StatusCode::kInvalid);
  EXPECT_EQ(s.message(),
            "CassandraCluster.navigator.jetstack.io \"cass\" is invalid: spec.version: Forbidden: "
            "\"2.0.0\" is not supported: supported versions are >= 3.11, < 5.1");
  EXPECT_EQ(s.details().causes,
            std::vector<StatusCause>({{"FieldValueForbidden",
                                       "Forbidden: \"2.0.0\" is not supported: supported versions "
                                       "are >= 3.11, < 5.1",
                                       "spec.version"}}));

  Pool(c, 0).name = "";
  s = ToInvalidStatus("CassandraCluster", "cass", ValidateCassandraCluster(c));
  EXPECT_EQ(s.message(),
            "CassandraCluster.navigator.jetstack.io \"cass\" is invalid: [spec.version: Forbidden: "
            "\"2.0.0\" is not supported: supported versions are >= 3.11, < 5.1, "
            "spec.nodePools[0].name: Required value]");
}

}  // namespace
}  // namespace navigator::api
