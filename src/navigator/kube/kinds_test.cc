// Every kind of kinds.h, table-driven: a realistic object as kube-apiserver
// 1.36 serves it (testdata/, with fields this code does not model) decodes,
// and encodes back to the same JSON; modelled fields read as expected;
// malformed input is a BadRequest naming the field.

#include "navigator/kube/kinds.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>
#include <string>

namespace navigator::kube {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;

json::value ReadTestdata(const std::string& file) {
  std::ifstream in(std::string(NAVIGATOR_KUBE_TESTDATA_DIR) + "/" + file);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

// Decodes `v` as T and encodes it again.
template <Resource T>
Result<json::value> RoundTrip(const json::value& v) {
  NAVIGATOR_ASSIGN_OR_RETURN(T object, Decode<T>(v));
  return json::value(Encode(object));
}

template <Resource T>
Status DecodeStatus(std::string_view text) {
  Result<T> decoded = Decode<T>(json::parse(text));
  return decoded.ok() ? OkStatus() : decoded.status();
}

struct RoundTripCase {
  const char* file;
  Result<json::value> (*round_trip)(const json::value&);
};

class KindsRoundTripTest : public ::testing::TestWithParam<RoundTripCase> {};

TEST_P(KindsRoundTripTest, EncodesBackWhatItDecoded) {
  const json::value input = ReadTestdata(GetParam().file);
  ASSERT_TRUE(input.is_object()) << GetParam().file;
  Result<json::value> output = GetParam().round_trip(input);
  ASSERT_TRUE(output.ok()) << output.status().ToString();
  EXPECT_EQ(*output, input) << "in:  " << json::serialize(input)
                            << "\nout: " << json::serialize(*output);
  // Stable: a second round trip changes nothing.
  Result<json::value> again = GetParam().round_trip(*output);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*again, *output);
}

INSTANTIATE_TEST_SUITE_P(
    Kinds, KindsRoundTripTest,
    ::testing::Values(RoundTripCase{"stateful_set.json", &RoundTrip<StatefulSet>},
                      RoundTripCase{"pod.json", &RoundTrip<Pod>},
                      RoundTripCase{"service.json", &RoundTrip<Service>},
                      RoundTripCase{"endpoints.json", &RoundTrip<Endpoints>},
                      RoundTripCase{"config_map.json", &RoundTrip<ConfigMap>},
                      RoundTripCase{"secret.json", &RoundTrip<Secret>},
                      RoundTripCase{"service_account.json", &RoundTrip<ServiceAccount>},
                      RoundTripCase{"persistent_volume_claim.json",
                                    &RoundTrip<PersistentVolumeClaim>},
                      RoundTripCase{"pod_disruption_budget.json", &RoundTrip<PodDisruptionBudget>},
                      RoundTripCase{"role.json", &RoundTrip<Role>},
                      RoundTripCase{"role_binding.json", &RoundTrip<RoleBinding>},
                      RoundTripCase{"lease.json", &RoundTrip<Lease>},
                      RoundTripCase{"event.json", &RoundTrip<Event>},
                      RoundTripCase{"namespace.json", &RoundTrip<Namespace>},
                      RoundTripCase{"node.json", &RoundTrip<Node>}),
    [](const ::testing::TestParamInfo<RoundTripCase>& info) {
      std::string name = info.param.file;
      name = name.substr(0, name.find('.'));
      std::erase(name, '_');
      return name;
    });

TEST(KindsTest, StatefulSetFields) {
  Result<StatefulSet> set = Decode<StatefulSet>(ReadTestdata("stateful_set.json"));
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(set->metadata.name, "es-data");
  EXPECT_EQ(set->metadata.generation, 3);
  EXPECT_EQ(set->metadata.labels.at("app"), "elasticsearch");
  ASSERT_NE(ControllerOf(set->metadata), nullptr);
  EXPECT_EQ(ControllerOf(set->metadata)->kind, "ElasticsearchCluster");
  EXPECT_TRUE(HasFinalizer(set->metadata, "navigator.jetstack.io/decommission"));
  EXPECT_EQ(set->spec.replicas, 3);
  ASSERT_TRUE(set->spec.selector.has_value());
  EXPECT_EQ(*ToSelectorString(*set->spec.selector), "app=elasticsearch,role in (data,master)");
  EXPECT_EQ(set->spec.service_name, "es-data");
  EXPECT_EQ(set->spec.pod_management_policy, "Parallel");
  ASSERT_TRUE(set->spec.update_strategy.rolling_update.has_value());
  EXPECT_EQ(set->spec.update_strategy.rolling_update->partition, 2);
  EXPECT_EQ(set->spec.update_strategy.rolling_update->max_unavailable, IntOrString::String("50%"));
  ASSERT_EQ(set->spec.volume_claim_templates.size(), 1u);
  EXPECT_EQ(set->spec.volume_claim_templates[0].spec.resources.requests.at("storage"),
            *api::Quantity::Parse("10Gi"));
  EXPECT_TRUE(set->spec.template_.is_object());
  EXPECT_EQ(set->status.ready_replicas, 2);
  EXPECT_EQ(set->status.update_revision, "es-data-5b8f");
  EXPECT_EQ(set->status.collision_count, 0);
  EXPECT_FALSE(IsRolledOut(*set));
  // Unmodelled fields are kept where they were.
  EXPECT_TRUE(set->spec.unknown_fields.contains("ordinals"));
  EXPECT_TRUE(set->metadata.unknown_fields.contains("managedFields"));
  EXPECT_TRUE(set->status.conditions.at(0).unknown_fields.contains("futureConditionField"));
}

TEST(KindsTest, ModifyKeepsUnknownFieldsAtEveryDepth) {
  const json::value input = ReadTestdata("stateful_set.json");
  Result<StatefulSet> set = Decode<StatefulSet>(input);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  set->spec.replicas = 5;
  set->spec.update_strategy.rolling_update->partition = 0;
  set->metadata.labels["new"] = "label";
  set->status.conditions.clear();
  json::object out = Encode(*set);

  json::value expected = input;
  expected.at("spec").as_object()["replicas"] = 5;
  expected.at("spec").at("updateStrategy").at("rollingUpdate").as_object()["partition"] = 0;
  expected.at("metadata").at("labels").as_object()["new"] = "label";
  expected.at("status").as_object().erase("conditions");
  EXPECT_EQ(json::value(out), expected) << json::serialize(out);
}

TEST(KindsTest, FreshObjectsGetTypeMeta) {
  ConfigMap cm;
  cm.metadata.name = "x";
  cm.data["a"] = "b";
  EXPECT_EQ(json::value(Encode(cm)), json::parse(R"({"apiVersion":"v1","kind":"ConfigMap",
                            "metadata":{"name":"x","creationTimestamp":null},"data":{"a":"b"}})"));
  Lease lease;
  lease.spec.holder_identity = "me";
  lease.spec.renew_time = MicroTime(std::chrono::sys_days(std::chrono::year(2026) / 5 / 1)) +
                          std::chrono::microseconds(7);
  const json::object out = Encode(lease);
  EXPECT_EQ(out.at("apiVersion"), "coordination.k8s.io/v1");
  EXPECT_EQ(out.at("spec").at("renewTime"), "2026-05-01T00:00:00.000007Z");
  EXPECT_EQ(Encode(PodDisruptionBudget{}).at("apiVersion"), "policy/v1");
  EXPECT_EQ(Encode(RoleBinding{}).at("apiVersion"), "rbac.authorization.k8s.io/v1");
}

TEST(KindsTest, PodFields) {
  Result<Pod> pod = Decode<Pod>(ReadTestdata("pod.json"));
  ASSERT_TRUE(pod.ok()) << pod.status().ToString();
  EXPECT_EQ(pod->spec.node_name, "node-1");
  EXPECT_EQ(pod->status.phase, "Running");
  EXPECT_EQ(pod->status.pod_ip, "10.244.1.7");
  EXPECT_TRUE(IsPodReady(*pod));
  ASSERT_EQ(pod->status.container_statuses.size(), 1u);
  EXPECT_EQ(pod->status.container_statuses[0].restart_count, 1);
  EXPECT_EQ(pod->status.container_statuses[0].started, true);
  EXPECT_TRUE(pod->status.container_statuses[0].state.as_object().contains("running"));
}

TEST(KindsTest, SmallKindsFields) {
  Result<Service> svc = Decode<Service>(ReadTestdata("service.json"));
  ASSERT_TRUE(svc.ok());
  EXPECT_EQ(svc->spec.cluster_ip, "None");
  EXPECT_TRUE(svc->spec.publish_not_ready_addresses);
  EXPECT_EQ(svc->spec.ports.at(1).target_port, IntOrString::String("http"));
  EXPECT_EQ(svc->spec.ports.at(0).target_port, IntOrString::Int(9300));

  Result<Secret> secret = Decode<Secret>(ReadTestdata("secret.json"));
  ASSERT_TRUE(secret.ok());
  EXPECT_EQ(secret->data.at("tls.key").value, "key");

  Result<PodDisruptionBudget> pdb =
      Decode<PodDisruptionBudget>(ReadTestdata("pod_disruption_budget.json"));
  ASSERT_TRUE(pdb.ok());
  EXPECT_EQ(pdb->spec.max_unavailable, IntOrString::Int(1));
  EXPECT_FALSE(pdb->spec.min_available.has_value());
  EXPECT_EQ(pdb->status.expected_pods, 3);
  ASSERT_NE(FindCondition(pdb->status.conditions, "DisruptionAllowed"), nullptr);

  Result<Lease> lease = Decode<Lease>(ReadTestdata("lease.json"));
  ASSERT_TRUE(lease.ok());
  EXPECT_EQ(lease->spec.holder_identity, "controller-a_1234");
  EXPECT_EQ(lease->spec.lease_transitions, 4);
  EXPECT_EQ(lease->spec.renew_time->time_since_epoch().count() % 1000000, 654321);

  Result<Event> event = Decode<Event>(ReadTestdata("event.json"));
  ASSERT_TRUE(event.ok());
  EXPECT_EQ(event->involved_object.name, "demo");
  EXPECT_EQ(event->count, 3);
  EXPECT_FALSE(event->event_time.has_value());

  Result<Node> node = Decode<Node>(ReadTestdata("node.json"));
  ASSERT_TRUE(node.ok());
  EXPECT_TRUE(node->spec.unschedulable);
  EXPECT_EQ(node->status.allocatable.at("cpu").MilliValue(), 3800);

  Result<Namespace> ns = Decode<Namespace>(ReadTestdata("namespace.json"));
  ASSERT_TRUE(ns.ok());
  EXPECT_EQ(ns->status.phase, "Terminating");
  EXPECT_TRUE(ns->metadata.deletion_timestamp.has_value());
}

struct ErrorCase {
  const char* name;
  Status (*decode)(std::string_view);
  const char* input;
  const char* message;  // a substring of the error
};

class KindsErrorTest : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(KindsErrorTest, BadRequestNamingTheField) {
  const Status status = GetParam().decode(GetParam().input);
  ASSERT_FALSE(status.ok()) << GetParam().input;
  EXPECT_EQ(status.code(), StatusCode::kBadRequest);
  EXPECT_THAT(status.message(), HasSubstr(GetParam().message));
}

INSTANTIATE_TEST_SUITE_P(
    Kinds, KindsErrorTest,
    ::testing::Values(
        ErrorCase{"ReplicasString", &DecodeStatus<StatefulSet>, R"({"spec":{"replicas":"3"}})",
                  "the StatefulSet could not be decoded: spec.replicas: expected an integer, got "
                  "string"},
        ErrorCase{"PartitionFraction", &DecodeStatus<StatefulSet>,
                  R"({"spec":{"updateStrategy":{"rollingUpdate":{"partition":1.5}}}})",
                  "spec.updateStrategy.rollingUpdate.partition: expected an integer, got 1.5"},
        ErrorCase{"ReplicasOutOfRange", &DecodeStatus<StatefulSet>,
                  R"({"spec":{"replicas":2147483648}})", "spec.replicas: number 2147483648 is out"},
        ErrorCase{"ClaimTemplateQuantity", &DecodeStatus<StatefulSet>,
                  R"({"spec":{"volumeClaimTemplates":[{"spec":{"resources":{"requests":
                     {"storage":"10Qi"}}}}]}})",
                  "spec.volumeClaimTemplates[0].spec.resources.requests.storage: "},
        ErrorCase{"QuantityType", &DecodeStatus<Node>, R"({"status":{"capacity":{"cpu":[]}}})",
                  "status.capacity.cpu: expected a quantity"},
        ErrorCase{"MicroTime", &DecodeStatus<Lease>, R"({"spec":{"renewTime":"yesterday"}})",
                  "spec.renewTime: \"yesterday\" is not"},
        ErrorCase{"MicroTimeType", &DecodeStatus<Event>, R"({"eventTime":5})",
                  "eventTime: expected an RFC 3339 time string, got number"},
        ErrorCase{"Time", &DecodeStatus<Pod>,
                  R"({"metadata":{"creationTimestamp":"2026-13-01T00:00:00Z"}})",
                  "metadata.creationTimestamp: "},
        ErrorCase{"LabelValue", &DecodeStatus<Pod>, R"({"metadata":{"labels":{"app":1}}})",
                  "metadata.labels.app: expected a string, got number"},
        ErrorCase{"OwnerController", &DecodeStatus<ConfigMap>,
                  R"({"metadata":{"ownerReferences":[{"controller":"yes"}]}})",
                  "metadata.ownerReferences[0].controller: expected a boolean, got string"},
        ErrorCase{"RestartCount", &DecodeStatus<Pod>,
                  R"({"status":{"containerStatuses":[{"name":"a","restartCount":"1"}]}})",
                  "status.containerStatuses[0].restartCount: expected an integer"},
        ErrorCase{"IntOrStringBool", &DecodeStatus<PodDisruptionBudget>,
                  R"({"spec":{"minAvailable":true}})",
                  "spec.minAvailable: expected an integer or a string, got bool"},
        ErrorCase{"IntOrStringRange", &DecodeStatus<PodDisruptionBudget>,
                  R"({"spec":{"maxUnavailable":4294967296}})",
                  "spec.maxUnavailable: number 4294967296 is out of range"},
        ErrorCase{"TargetPort", &DecodeStatus<Service>,
                  R"({"spec":{"ports":[{"port":80,"targetPort":{}}]}})",
                  "spec.ports[0].targetPort: expected an integer or a string, got object"},
        ErrorCase{"PortsNotArray", &DecodeStatus<Service>, R"({"spec":{"ports":{"port":80}}})",
                  "spec.ports: expected an array, got object"},
        ErrorCase{"Base64", &DecodeStatus<Secret>, R"({"data":{"k":"not base64!"}})",
                  "data.k: expected standard padded base64"},
        ErrorCase{"Base64Type", &DecodeStatus<ConfigMap>, R"({"binaryData":{"k":1}})",
                  "binaryData.k: expected base64 text, got number"},
        ErrorCase{"MetadataType", &DecodeStatus<Role>, R"({"metadata":"x"})",
                  "metadata: expected an object, got string"},
        ErrorCase{"RoleRefType", &DecodeStatus<RoleBinding>, R"({"roleRef":[]})",
                  "roleRef: expected an object, got array"},
        ErrorCase{"SelectorValues", &DecodeStatus<PersistentVolumeClaim>,
                  R"({"spec":{"selector":{"matchExpressions":[{"key":"a","values":"b"}]}}})",
                  "spec.selector.matchExpressions[0].values: expected an array, got string"},
        ErrorCase{"NotAnObject", &DecodeStatus<ConfigMap>, R"([1,2])",
                  "a ConfigMap must be a JSON object, got array"},
        ErrorCase{"WrongKind", &DecodeStatus<ConfigMap>, R"({"kind":"Secret"})",
                  "expected a ConfigMap, got an object of kind \"Secret\""},
        ErrorCase{"TaintTime", &DecodeStatus<Node>,
                  R"({"spec":{"taints":[{"key":"k","effect":"NoSchedule","timeAdded":"x"}]}})",
                  "spec.taints[0].timeAdded: "},
        ErrorCase{"EndpointsPort", &DecodeStatus<Endpoints>,
                  R"({"subsets":[{"ports":[{"port":"http"}]}]})",
                  "subsets[0].ports[0].port: expected an integer, got string"},
        ErrorCase{"ServiceAccountAutomount", &DecodeStatus<ServiceAccount>,
                  R"({"automountServiceAccountToken":"true"})",
                  "automountServiceAccountToken: expected a boolean"},
        ErrorCase{"NamespaceFinalizers", &DecodeStatus<Namespace>, R"({"spec":{"finalizers":[1]}})",
                  "spec.finalizers[0]: expected a string"}),
    [](const ::testing::TestParamInfo<ErrorCase>& info) { return std::string(info.param.name); });

TEST(KindsTest, EveryErrorIsACause) {
  Result<StatefulSet> set = Decode<StatefulSet>(
      json::parse(R"({"metadata":{"name":7},"spec":{"replicas":"x","serviceName":false}})"));
  ASSERT_FALSE(set.ok());
  const std::vector<StatusCause>& causes = set.status().details().causes;
  ASSERT_EQ(causes.size(), 3u) << set.status().ToString();
  EXPECT_EQ(causes[0].field, "metadata.name");
  EXPECT_EQ(causes[1].field, "spec.replicas");
  EXPECT_EQ(causes[2].field, "spec.serviceName");
}

}  // namespace
}  // namespace navigator::kube
