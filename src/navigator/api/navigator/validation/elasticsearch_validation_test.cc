#include "navigator/api/navigator/validation/elasticsearch_validation.h"

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
using Case = testing_util::MutationCase<ElasticsearchCluster>;
using UpdateCase = testing_util::UpdateCase<ElasticsearchCluster>;

const std::string kSubdomainMsg =
    "a DNS-1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and "
    "must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
    "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const std::string kPullPolicies = R"(supported values: "Never", "IfNotPresent", "Always")";
const std::string kRoles = R"(supported values: "data", "ingest", "master")";
const std::string kWhitelist =
    "Forbidden: updates to node pool fields other than 'replicas' and 'persistence' are "
    "forbidden (changed: ";
const std::string kPersistenceLocked =
    "Forbidden: cannot modify persistence configuration once enabled";

// Three dedicated masters with persistence, two data/ingest nodes without.
constexpr std::string_view kCluster = R"({
  "apiVersion": "navigator.jetstack.io/v1alpha1", "kind": "ElasticsearchCluster",
  "metadata": {"name": "demo", "namespace": "default", "uid": "uid-1", "resourceVersion": "10",
               "creationTimestamp": "2018-06-07T00:00:00Z", "labels": {"app": "es"}},
  "spec": {
    "version": "5.6.2",
    "pilotImage": {"repository": "quay.io/jetstack/navigator-pilot-elasticsearch",
                   "tag": "v0.1.0"},
    "securityContext": {"runAsUser": 1000},
    "plugins": ["analysis-icu"],
    "minimumMasters": 2,
    "nodePools": [
      {"name": "master", "replicas": 3, "roles": ["master"], "persistence": {"size": "10Gi"}},
      {"name": "data", "replicas": 2, "roles": ["data", "ingest"],
       "nodeSelector": {"disk": "ssd"},
       "resources": {"requests": {"cpu": "500m", "memory": "2Gi"}},
       "schedulerName": "default-scheduler"}
    ]
  }
})";

ElasticsearchCluster Valid() {
  return Decode<ElasticsearchCluster>(kCluster);
}

ElasticsearchClusterNodePool& Pool(ElasticsearchCluster& c, std::size_t i) {
  return c.spec.node_pools.at(i);
}

TEST(ValidateElasticsearchClusterTest, TheFixtureIsValid) {
  EXPECT_THAT(Strings(ValidateElasticsearchCluster(Valid())), IsEmpty());
}

TEST(ValidateElasticsearchClusterTest, TheDocumentationManifestShapeIsValid) {
  // docs/quick-start/es-cluster-demo.yaml in spirit: no minimumMasters, no
  // replicas on a pool (defaulted to 1), an unknown `persistence.enabled`.
  const auto c = Decode<ElasticsearchCluster>(R"({
    "apiVersion": "navigator.jetstack.io/v1alpha1", "kind": "ElasticsearchCluster",
    "metadata": {"name": "demo", "namespace": "default"},
    "spec": {"version": "5.6.2",
             "pilotImage": {"repository": "quay.io/jetstack/navigator-pilot-elasticsearch",
                            "tag": "v0.1.0", "pullPolicy": "Always"},
             "nodePools": [{"name": "mixed", "roles": ["data", "ingest", "master"],
                            "persistence": {"enabled": true, "size": "10Gi"}}]}})");
  EXPECT_THAT(Strings(ValidateElasticsearchCluster(c)), IsEmpty());
}

class ElasticsearchCreateTest : public testing::TestWithParam<Case> {};
TEST_P(ElasticsearchCreateTest, ReportsExactlyTheseErrors) {
  ElasticsearchCluster c = Valid();
  GetParam().mutate(c);
  EXPECT_EQ(Strings(ValidateElasticsearchCluster(c)), GetParam().errors);
}

INSTANTIATE_TEST_SUITE_P(
    NodePool, ElasticsearchCreateTest,
    testing::Values(
        Case{"FullPool", kUnchanged, {}},
        Case{"NameAndRolesOnly",
             [](auto& c) {
               Pool(c, 1) = ElasticsearchClusterNodePool{};
               Pool(c, 1).name = "data";
               Pool(c, 1).roles = {"data"};
             },
             {}},
        Case{"ZeroReplicas", [](auto& c) { Pool(c, 1).replicas = 0; }, {}},
        Case{"DottedName", [](auto& c) { Pool(c, 1).name = "data.hot"; }, {}},
        Case{"DuplicateRolesAreAccepted",
             [](auto& c) {
               Pool(c, 1).roles = {"data", "data"};
             },
             {}},
        Case{"MissingName",
             [](auto& c) { Pool(c, 1).name = ""; },
             {"spec.nodePools[1].name: Invalid value: \"\": " + kSubdomainMsg}},
        Case{"UpperCaseName",
             [](auto& c) { Pool(c, 1).name = "Something"; },
             {"spec.nodePools[1].name: Invalid value: \"Something\": " + kSubdomainMsg}},
        Case{"AtSignInName",
             [](auto& c) { Pool(c, 1).name = "something@"; },
             {"spec.nodePools[1].name: Invalid value: \"something@\": " + kSubdomainMsg}},
        Case{"NameTooLong",
             [](auto& c) { Pool(c, 1).name = std::string(254, 'd'); },
             {"spec.nodePools[1].name: Invalid value: \"" + std::string(254, 'd') +
              "\": must be no more than 253 characters"}},
        Case{"NegativeReplicas",
             [](auto& c) { Pool(c, 1).replicas = -1; },
             {"spec.nodePools[1].replicas: Invalid value: -1: must be greater than or equal to "
              "0"}},
        Case{"InvalidRole",
             [](auto& c) {
               Pool(c, 1).roles = {"data", "invalid"};
             },
             {"spec.nodePools[1].roles[1]: Unsupported value: \"invalid\": " + kRoles}},
        Case{"RolesAreCaseSensitive",
             [](auto& c) { Pool(c, 1).roles = {"Data"}; },
             {"spec.nodePools[1].roles[0]: Unsupported value: \"Data\": " + kRoles}},
        Case{"MissingRoles",
             [](auto& c) { Pool(c, 1).roles = {}; },
             {"spec.nodePools[1].roles: Required value: at least one role must be specified"}},
        Case{"PersistenceWithoutSize",
             [](auto& c) { Pool(c, 1).persistence = PersistenceConfig{}; },
             {"spec.nodePools[1].persistence.size: Required value"}},
        Case{"NegativePersistenceSize",
             [](auto& c) { Pool(c, 1).persistence = PersistenceConfig{Q("-1Gi")}; },
             {"spec.nodePools[1].persistence.size: Invalid value: \"-1Gi\": must be greater "
              "than zero"}},
        Case{"ResourcesAreNotValidated",
             [](auto& c) {
               Pool(c, 1).resources.limits = {{"cpu", Q("-3")}};
             },
             {}}),
    kCaseName);

ElasticsearchClusterNodePool MasterPool(std::string name, std::optional<int32_t> replicas) {
  ElasticsearchClusterNodePool p;
  p.name = std::move(name);
  p.replicas = replicas;
  p.roles = {"master", "data"};
  return p;
}

INSTANTIATE_TEST_SUITE_P(
    Spec, ElasticsearchCreateTest,
    testing::Values(
        Case{"EmptySpec",
             [](auto& c) { c.spec = ElasticsearchClusterSpec{}; },
             {"spec.pilotImage.tag: Required value", "spec.pilotImage.repository: Required value",
              "spec.pilotImage.pullPolicy: Unsupported value: \"\": " + kPullPolicies,
              "spec.nodePools: Invalid value: 0: must be at least one master node",
              "spec.version: Required value: must be a semver version"}},
        Case{"DuplicatePoolNames",
             [](auto& c) {
               c.spec.node_pools = {MasterPool("test", 3), MasterPool("test", 3)};
               c.spec.minimum_masters = 4;
             },
             {"spec.nodePools[1].name: Duplicate value: \"test\""}},
        Case{"EveryLaterDuplicateIsReported",
             [](auto& c) {
               c.spec.node_pools = {MasterPool("a", 1), MasterPool("b", 1), MasterPool("a", 1),
                                    MasterPool("a", 1)};
               c.spec.minimum_masters = 3;
             },
             {"spec.nodePools[2].name: Duplicate value: \"a\"",
              "spec.nodePools[3].name: Duplicate value: \"a\""}},
        Case{"MinimumMastersTwoOfThree", kUnchanged, {}},
        Case{"MinimumMastersThreeOfThree", [](auto& c) { c.spec.minimum_masters = 3; }, {}},
        Case{"MinimumMastersUnset", [](auto& c) { c.spec.minimum_masters.reset(); }, {}},
        Case{"MinimumMastersBelowQuorum",
             [](auto& c) { c.spec.minimum_masters = 1; },
             {"spec.minimumMasters: Invalid value: 1: must be a minimum of 2 to avoid a split "
              "brain scenario"}},
        Case{"MinimumMastersAboveMasters",
             [](auto& c) { c.spec.minimum_masters = 5; },
             {"spec.minimumMasters: Invalid value: 5: cannot be greater than the total number "
              "of master nodes"}},
        Case{"MinimumMastersZero",
             [](auto& c) { c.spec.minimum_masters = 0; },
             {"spec.minimumMasters: Invalid value: 0: cannot be zero"}},
        Case{"MinimumMastersNegative",
             [](auto& c) { c.spec.minimum_masters = -1; },
             {"spec.minimumMasters: Invalid value: -1: must be a minimum of 2 to avoid a split "
              "brain scenario"}},
        Case{"NoPools",
             [](auto& c) { c.spec.node_pools.clear(); },
             {"spec.nodePools: Invalid value: 0: must be at least one master node"}},
        Case{"NoMasterRole",
             [](auto& c) { Pool(c, 0).roles = {"data"}; },
             {"spec.nodePools: Invalid value: 0: must be at least one master node"}},
        Case{"MastersScaledToZero",
             [](auto& c) { Pool(c, 0).replicas = 0; },
             {"spec.nodePools: Invalid value: 0: must be at least one master node"}},
        Case{"UnsetMasterReplicasCountAsOne",
             [](auto& c) {
               Pool(c, 0).replicas.reset();
               c.spec.minimum_masters = 1;
             },
             {}},
        Case{"UnsetMasterReplicasAreNotTwo",
             [](auto& c) { Pool(c, 0).replicas.reset(); },
             {"spec.minimumMasters: Invalid value: 2: cannot be greater than the total number "
              "of master nodes"}},
        Case{"NegativeMasterReplicasCountAsZero",
             [](auto& c) { Pool(c, 0).replicas = -1; },
             {"spec.nodePools[0].replicas: Invalid value: -1: must be greater than or equal to 0",
              "spec.nodePools: Invalid value: 0: must be at least one master node"}},
        Case{"MastersAcrossPools",
             [](auto& c) { Pool(c, 1).roles.push_back("master"); },  // 3 + 2 masters
             {"spec.minimumMasters: Invalid value: 2: must be a minimum of 3 to avoid a split "
              "brain scenario"}},
        Case{"MissingVersion",
             [](auto& c) { c.spec.version = Version<Semver>("null"); },
             {"spec.version: Required value: must be a semver version"}},
        Case{"MalformedVersion",
             [](auto& c) { c.spec.version = Version<Semver>(R"("5.6")"); },
             {"spec.version: Invalid value: \"5.6\": must be a semver version of the form "
              "MAJOR.MINOR.PATCH"}},
        Case{"UnquotedVersion",
             [](auto& c) { c.spec.version = Version<Semver>("5.6"); },
             {"spec.version: Invalid value: 5.6: must be a quoted string holding a semver "
              "version of the form MAJOR.MINOR.PATCH"}},
        Case{"UnsupportedVersion",
             [](auto& c) { c.spec.version = Version<Semver>(R"("2.4.6")"); },
             {"spec.version: Forbidden: \"2.4.6\" is not supported: supported versions are >= "
              "5.0.0, < 9.0.0"}},
        Case{"MissingPilotImage",
             [](auto& c) { c.spec.config.pilot_image = ImageSpec{}; },
             {"spec.pilotImage.tag: Required value", "spec.pilotImage.repository: Required value",
              "spec.pilotImage.pullPolicy: Unsupported value: \"\": " + kPullPolicies}},
        Case{"NegativeRunAsUser",
             [](auto& c) { c.spec.config.security_context.run_as_user = -1; },
             {"spec.securityContext.runAsUser: Invalid value: -1: must be non-negative"}},
        Case{"WithImage",
             [](auto& c) {
               c.spec.image = ImageSpec{"docker.elastic.co/elasticsearch/elasticsearch", "5.6.2",
                                        "IfNotPresent"};
             },
             {}},
        Case{"BadImage",
             [](auto& c) {
               c.spec.image = ImageSpec{"", "", "Sometimes"};
             },
             {"spec.image.tag: Required value", "spec.image.repository: Required value",
              "spec.image.pullPolicy: Unsupported value: \"Sometimes\": " + kPullPolicies}},
        Case{"PluginsAndPausedAreFree",
             [](auto& c) {
               c.spec.plugins = {"", "not a plugin"};
               c.spec.config.paused = true;
             },
             {}}),
    kCaseName);

INSTANTIATE_TEST_SUITE_P(
    Metadata, ElasticsearchCreateTest,
    testing::Values(
        Case{"BadName",
             [](auto& c) { c.metadata.name = "Demo"; },
             {"metadata.name: Invalid value: \"Demo\": " + kSubdomainMsg}},
        Case{"MissingName",
             [](auto& c) { c.metadata.name = ""; },
             {"metadata.name: Required value: name or generateName is required"}},
        Case{"MissingNamespace",
             [](auto& c) { c.metadata.namespace_ = ""; },
             {"metadata.namespace: Required value"}},
        Case{"NegativeGeneration",
             [](auto& c) { c.metadata.generation = -1; },
             {"metadata.generation: Invalid value: -1: must be greater than or equal to 0"}}),
    kCaseName);

TEST(ValidateElasticsearchClusterTest, ReturnsEveryErrorAtItsPath) {
  ElasticsearchCluster c = Valid();
  c.metadata.name = "Demo";
  c.spec.config.pilot_image.tag = "";
  Pool(c, 0).replicas = -2;
  Pool(c, 1).name = "Bad_Name";
  Pool(c, 1).roles = {"data", "foo", "ingest", "bar"};
  Pool(c, 1).persistence = PersistenceConfig{Q("-5Gi")};
  c.spec.node_pools.push_back(Pool(c, 1));
  c.spec.version = Version<Semver>(R"("v5.6.2")");
  EXPECT_THAT(
      Strings(ValidateElasticsearchCluster(c)),
      ElementsAre(
          "metadata.name: Invalid value: \"Demo\": " + kSubdomainMsg,
          "spec.pilotImage.tag: Required value",
          "spec.nodePools[0].replicas: Invalid value: -2: must be greater than or equal to 0",
          "spec.nodePools[1].name: Invalid value: \"Bad_Name\": " + kSubdomainMsg,
          "spec.nodePools[1].persistence.size: Invalid value: \"-5Gi\": must be greater than "
          "zero",
          "spec.nodePools[1].roles[1]: Unsupported value: \"foo\": " + kRoles,
          "spec.nodePools[1].roles[3]: Unsupported value: \"bar\": " + kRoles,
          "spec.nodePools[2].name: Duplicate value: \"Bad_Name\"",
          "spec.nodePools[2].name: Invalid value: \"Bad_Name\": " + kSubdomainMsg,
          "spec.nodePools[2].persistence.size: Invalid value: \"-5Gi\": must be greater than "
          "zero",
          "spec.nodePools[2].roles[1]: Unsupported value: \"foo\": " + kRoles,
          "spec.nodePools[2].roles[3]: Unsupported value: \"bar\": " + kRoles,
          "spec.nodePools: Invalid value: 0: must be at least one master node",
          "spec.version: Invalid value: \"v5.6.2\": must be a semver version of the form "
          "MAJOR.MINOR.PATCH"));
}

TEST(ValidateElasticsearchClusterTest, CauseTypesMatchTheRules) {
  ElasticsearchCluster c = Valid();
  Pool(c, 1).roles = {"foo"};
  Pool(c, 1).replicas = -1;
  c.spec.node_pools.push_back(Pool(c, 1));
  c.spec.version = Version<Semver>("null");
  c.spec.minimum_masters = 0;
  const FieldErrorList errs = ValidateElasticsearchCluster(c);
  std::vector<std::pair<std::string, std::string>> got;
  for (const StatusCause& cause : errs) got.emplace_back(cause.type, cause.field);
  EXPECT_THAT(
      got,
      ElementsAre(
          std::pair<std::string, std::string>{"FieldValueNotSupported",
                                              "spec.nodePools[1].roles[0]"},
          std::pair<std::string, std::string>{"FieldValueInvalid", "spec.nodePools[1].replicas"},
          std::pair<std::string, std::string>{"FieldValueDuplicate", "spec.nodePools[2].name"},
          std::pair<std::string, std::string>{"FieldValueNotSupported",
                                              "spec.nodePools[2].roles[0]"},
          std::pair<std::string, std::string>{"FieldValueInvalid", "spec.nodePools[2].replicas"},
          std::pair<std::string, std::string>{"FieldValueInvalid", "spec.minimumMasters"},
          std::pair<std::string, std::string>{"FieldValueRequired", "spec.version"}));
}

TEST(ValidateElasticsearchClusterTest, NonDefaultedInputDoesNotCrash) {
  ElasticsearchCluster c;  // nothing set at all, not even defaults
  c.spec.node_pools.resize(2);
  c.spec.node_pools[0].roles = {"master"};
  c.spec.image = ImageSpec{};
  c.spec.node_pools[1].persistence = PersistenceConfig{};
  EXPECT_EQ(ValidateElasticsearchCluster(c).size(), 14u);
  EXPECT_FALSE(ValidateElasticsearchClusterUpdate(c, c).empty());
}

TEST(CalculateQuorumTest, MatchesNavigator) {
  const int64_t expected[] = {0, 1, 2, 2, 3, 3, 4, 4};
  for (int64_t n = 0; n < 8; ++n) EXPECT_EQ(CalculateQuorum(n), expected[n]) << n;
  EXPECT_EQ(CalculateQuorum(100), 51);
}

// numMasters 0..7 x minimumMasters {unset, -1, 0..8}: the first failing rule
// of navigator's switch is the one reported.
struct QuorumCase {
  int32_t masters;
  std::optional<int32_t> minimum;
};
class MasterQuorumTest : public testing::TestWithParam<QuorumCase> {};
TEST_P(MasterQuorumTest, AppliesTheRulesInOrder) {
  static constexpr int kQuorum[] = {0, 1, 2, 2, 3, 3, 4, 4};
  const auto [masters, minimum] = GetParam();
  ElasticsearchCluster c = Valid();
  Pool(c, 0).replicas = masters;
  c.spec.minimum_masters = minimum;
  std::vector<std::string> expected;
  if (masters == 0) {
    expected = {"spec.nodePools: Invalid value: 0: must be at least one master node"};
  } else if (!minimum) {
  } else if (*minimum == 0) {
    expected = {"spec.minimumMasters: Invalid value: 0: cannot be zero"};
  } else if (*minimum < kQuorum[masters]) {
    expected = {"spec.minimumMasters: Invalid value: " + std::to_string(*minimum) +
                ": must be a minimum of " + std::to_string(kQuorum[masters]) +
                " to avoid a split brain scenario"};
  } else if (*minimum > masters) {
    expected = {"spec.minimumMasters: Invalid value: " + std::to_string(*minimum) +
                ": cannot be greater than the total number of master nodes"};
  }
  EXPECT_EQ(Strings(ValidateElasticsearchCluster(c)), expected)
      << masters << " masters, minimumMasters " << (minimum ? std::to_string(*minimum) : "unset");
}
std::vector<QuorumCase> AllQuorumCases() {
  std::vector<QuorumCase> out;
  for (int32_t masters = 0; masters <= 7; ++masters) {
    out.push_back({masters, std::nullopt});
    for (int32_t minimum = -1; minimum <= 8; ++minimum) out.push_back({masters, minimum});
  }
  return out;
}
INSTANTIATE_TEST_SUITE_P(
    Table, MasterQuorumTest, testing::ValuesIn(AllQuorumCases()), [](const auto& info) {
      const auto& p = info.param;
      return "Masters" + std::to_string(p.masters) + "Minimum" +
             (p.minimum ? (*p.minimum < 0 ? "Neg1" : std::to_string(*p.minimum)) : "Unset");
    });

TEST(MasterQuorumSpotChecks, TableRowsFromTheReference) {
  // 3 masters: quorum 2, so 2 and 3 pass, 1 and 4 fail for different reasons.
  ElasticsearchCluster c = Valid();
  for (const auto& [minimum, ok] :
       std::vector<std::pair<int32_t, bool>>{{1, false}, {2, true}, {3, true}, {4, false}}) {
    c.spec.minimum_masters = minimum;
    EXPECT_EQ(ValidateElasticsearchCluster(c).empty(), ok) << minimum;
  }
}

class ElasticsearchUpdateTest : public testing::TestWithParam<UpdateCase> {};
TEST_P(ElasticsearchUpdateTest, ReportsExactlyTheseErrors) {
  ElasticsearchCluster old_c = Valid();
  GetParam().mutate_old(old_c);
  ElasticsearchCluster new_c = Valid();
  GetParam().mutate_new(new_c);
  EXPECT_EQ(Strings(ValidateElasticsearchClusterUpdate(old_c, new_c)), GetParam().errors);
}

INSTANTIATE_TEST_SUITE_P(
    NodePools, ElasticsearchUpdateTest,
    testing::Values(
        UpdateCase{"Unchanged", kUnchanged, kUnchanged, {}},
        UpdateCase{"ScaleData", kUnchanged, [](auto& c) { Pool(c, 1).replicas = 5; }, {}},
        UpdateCase{"ScaleMastersWithinQuorum",
                   kUnchanged,
                   [](auto& c) { Pool(c, 0).replicas = 4; },  // quorum 3 > minimumMasters 2
                   {"spec.minimumMasters: Invalid value: 2: must be a minimum of 3 to avoid a "
                    "split brain scenario"}},
        UpdateCase{"EnablePersistence",
                   kUnchanged,
                   [](auto& c) { Pool(c, 1).persistence = PersistenceConfig{Q("10Gi")}; },
                   {}},
        UpdateCase{"PersistenceRewrittenSameValue",
                   kUnchanged,
                   [](auto& c) { Pool(c, 0).persistence->size = Q("10240Mi"); },
                   {}},
        UpdateCase{"DisablePersistence",
                   kUnchanged,
                   [](auto& c) { Pool(c, 0).persistence.reset(); },
                   {"spec.nodePools[0].persistence: " + kPersistenceLocked}},
        UpdateCase{"IncreasePersistenceSize",
                   kUnchanged,
                   [](auto& c) { Pool(c, 0).persistence->size = Q("25Gi"); },
                   {"spec.nodePools[0].persistence: " + kPersistenceLocked}},
        UpdateCase{"ChangeStorageClass",
                   kUnchanged,
                   [](auto& c) { Pool(c, 0).persistence->storage_class = "fast"; },
                   {"spec.nodePools[0].persistence: " + kPersistenceLocked}},
        UpdateCase{"ChangeRoles",
                   kUnchanged,
                   [](auto& c) {
                     Pool(c, 0).roles = {"data", "master", "ingest"};
                   },
                   {"spec.nodePools[0]: " + kWhitelist + "roles)"}},
        UpdateCase{"ReorderRoles",
                   kUnchanged,
                   [](auto& c) {
                     Pool(c, 1).roles = {"ingest", "data"};
                   },
                   {"spec.nodePools[1]: " + kWhitelist + "roles)"}},
        UpdateCase{"ChangeNodeSelector",
                   kUnchanged,
                   [](auto& c) { Pool(c, 1).node_selector["zone"] = "a"; },
                   {"spec.nodePools[1]: " + kWhitelist + "nodeSelector)"}},
        UpdateCase{"ChangeResources",
                   kUnchanged,
                   [](auto& c) { Pool(c, 1).resources.requests["cpu"] = Q("1"); },
                   {"spec.nodePools[1]: " + kWhitelist + "resources)"}},
        UpdateCase{"ResourcesRewrittenSameValue",
                   kUnchanged,
                   [](auto& c) {
                     Pool(c, 1).resources.requests = {{"cpu", Q("0.5")}, {"memory", Q("2048Mi")}};
                   },
                   {}},
        UpdateCase{"ChangeSchedulerName",
                   kUnchanged,
                   [](auto& c) { Pool(c, 1).scheduler_name = "custom"; },
                   {"spec.nodePools[1]: " + kWhitelist + "schedulerName)"}},
        UpdateCase{"ChangeSeveralFields",
                   kUnchanged,
                   [](auto& c) {
                     Pool(c, 1).roles = {"data"};
                     Pool(c, 1).node_selector.clear();
                     Pool(c, 1).scheduler_name = "";
                     Pool(c, 1).replicas = 7;
                   },
                   {"spec.nodePools[1]: " + kWhitelist + "roles, nodeSelector, schedulerName)"}},
        UpdateCase{"PersistenceAndWhitelistTogether",
                   kUnchanged,
                   [](auto& c) {
                     Pool(c, 0).persistence.reset();
                     Pool(c, 0).roles = {"master", "data"};
                   },
                   {"spec.nodePools[0].persistence: " + kPersistenceLocked,
                    "spec.nodePools[0]: " + kWhitelist + "roles)"}},
        UpdateCase{"AddPool",
                   kUnchanged,
                   [](auto& c) {
                     c.spec.node_pools.push_back(Pool(c, 1));
                     Pool(c, 2).name = "ingest";
                     Pool(c, 2).roles = {"ingest"};
                   },
                   {}},
        UpdateCase{"RemovePool", kUnchanged, [](auto& c) { c.spec.node_pools.pop_back(); }, {}},
        UpdateCase{"RenamePoolIsRemoveAndAdd",
                   kUnchanged,
                   [](auto& c) {
                     Pool(c, 1).name = "warm";
                     Pool(c, 1).roles = {"data"};
                   },
                   {}},
        UpdateCase{"PoolsAreMatchedByNameNotIndex",
                   kUnchanged,
                   [](auto& c) {
                     std::swap(Pool(c, 0), Pool(c, 1));
                     Pool(c, 0).scheduler_name = "custom";
                   },
                   {"spec.nodePools[0]: " + kWhitelist + "schedulerName)"}},
        UpdateCase{"CreateRulesApplyToTheNewObject",
                   kUnchanged,
                   [](auto& c) { Pool(c, 1).replicas = -1; },
                   {"spec.nodePools[1].replicas: Invalid value: -1: must be greater than or "
                    "equal to 0"}}),
    kCaseName);

INSTANTIATE_TEST_SUITE_P(
    Spec, ElasticsearchUpdateTest,
    testing::Values(
        UpdateCase{"Upgrade",
                   kUnchanged,
                   [](auto& c) { c.spec.version = Version<Semver>(R"("6.8.0")"); },
                   {}},
        UpdateCase{"Downgrade",
                   [](auto& c) { c.spec.version = Version<Semver>(R"("6.8.0")"); },
                   kUnchanged,
                   {"spec.version: Forbidden: cannot downgrade from 6.8.0 to 5.6.2: data written "
                    "by a newer version cannot be read by an older one"}},
        UpdateCase{"DowngradeToUnsupported",
                   kUnchanged,
                   [](auto& c) { c.spec.version = Version<Semver>(R"("2.4.6")"); },
                   {"spec.version: Forbidden: \"2.4.6\" is not supported: supported versions are "
                    ">= 5.0.0, < 9.0.0",
                    "spec.version: Forbidden: cannot downgrade from 5.6.2 to 2.4.6: data written "
                    "by a newer version cannot be read by an older one"}},
        UpdateCase{"VersionRemoved",
                   kUnchanged,
                   [](auto& c) { c.spec.version = Version<Semver>(R"("")"); },
                   {"spec.version: Required value: must be a semver version"}},
        UpdateCase{"OtherSpecFieldsMayChange",
                   kUnchanged,
                   [](auto& c) {
                     c.spec.plugins.clear();
                     c.spec.image = ImageSpec{"example.com/es", "5.6.2", "Always"};
                     c.spec.config.pilot_image.tag = "v0.2.0";
                     c.spec.config.security_context.run_as_user = 0;
                     c.spec.config.paused = true;
                     c.spec.minimum_masters = 3;
                   },
                   {}},
        UpdateCase{
            "StatusIsNotValidated", kUnchanged, [](auto& c) { c.status.health = "Purple"; }, {}}),
    kCaseName);

INSTANTIATE_TEST_SUITE_P(
    Metadata, ElasticsearchUpdateTest,
    testing::Values(
        UpdateCase{"LabelsMayChange",
                   kUnchanged,
                   [](auto& c) {
                     c.metadata.labels = {{"tier", "search"}};
                   },
                   {}},
        UpdateCase{"NameIsImmutable",
                   kUnchanged,
                   [](auto& c) { c.metadata.name = "other"; },
                   {"metadata.name: Invalid value: \"other\": field is immutable"}},
        UpdateCase{"NamespaceIsImmutable",
                   kUnchanged,
                   [](auto& c) { c.metadata.namespace_ = "other"; },
                   {"metadata.namespace: Invalid value: \"other\": field is immutable"}},
        UpdateCase{"UidIsImmutable",
                   kUnchanged,
                   [](auto& c) { c.metadata.uid = "uid-2"; },
                   {"metadata.uid: Invalid value: \"uid-2\": field is immutable"}},
        UpdateCase{"CreationTimestampIsImmutable",
                   kUnchanged,
                   [](auto& c) { c.metadata.creation_timestamp.reset(); },
                   {"metadata.creationTimestamp: Invalid value: null: field is immutable"}},
        UpdateCase{"ResourceVersionRequired",
                   kUnchanged,
                   [](auto& c) { c.metadata.resource_version = ""; },
                   {"metadata.resourceVersion: Invalid value: \"\": must be specified for an "
                    "update"}},
        UpdateCase{"BadLabelReportedOnce",
                   kUnchanged,
                   [](auto& c) {
                     c.metadata.labels = {{"app", "-es"}};
                   },
                   {"metadata.labels: Invalid value: \"-es\": a valid label must be an empty "
                    "string or consist of alphanumeric characters, '-', '_' or '.', and must "
                    "start and end with an alphanumeric character (e.g. 'MyValue',  or "
                    "'my_value',  or '12345', regex used for validation is "
                    "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"}}),
    kCaseName);

TEST(ElasticsearchInvalidStatusTest, OneError) {
  ElasticsearchCluster c = Valid();
  c.spec.minimum_masters = 5;
  const Status s =
      ToInvalidStatus("ElasticsearchCluster", c.metadata.name, ValidateElasticsearchCluster(c));
  EXPECT_EQ(s.code(), StatusCode::kInvalid);
  EXPECT_EQ(s.message(),
            "ElasticsearchCluster.navigator.jetstack.io \"demo\" is invalid: spec.minimumMasters: "
            "Invalid value: 5: cannot be greater than the total number of master nodes");
  EXPECT_EQ(s.details().kind, "ElasticsearchCluster");
  EXPECT_EQ(s.details().group, "navigator.jetstack.io");
  EXPECT_EQ(s.details().name, "demo");
  ASSERT_EQ(s.details().causes.size(), 1u);
  EXPECT_EQ(s.details().causes[0],
            (StatusCause{"FieldValueInvalid",
                         "Invalid value: 5: cannot be greater than the total number of master "
                         "nodes",
                         "spec.minimumMasters"}));
}

TEST(ElasticsearchInvalidStatusTest, SeveralErrors) {
  ElasticsearchCluster c = Valid();
  Pool(c, 1).roles = {"foo"};
  c.spec.version = Version<Semver>("null");
  const Status s =
      ToInvalidStatus("ElasticsearchCluster", c.metadata.name, ValidateElasticsearchCluster(c));
  EXPECT_EQ(s.message(),
            "ElasticsearchCluster.navigator.jetstack.io \"demo\" is invalid: "
            "[spec.nodePools[1].roles[0]: Unsupported value: \"foo\": supported values: \"data\", "
            "\"ingest\", \"master\", spec.version: Required value: must be a semver version]");
  EXPECT_EQ(s.details().causes.size(), 2u);
}

}  // namespace
}  // namespace navigator::api
