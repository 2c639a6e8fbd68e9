// kube::TypedClient against a real kube-apiserver (the KubeApiServer
// fixture): a StatefulSet, a Service, a ConfigMap, a PodDisruptionBudget, a
// Lease, an Event and a Namespace created, read, updated (StatefulSet
// status too), patched with strategic merge and server-side apply, listed
// by label and deleted, all typed; and fields the structs do not model
// survive a typed Get -> Update.

#include "navigator/kube/typed_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>

#include "navigator/client/resource_client.h"
#include "navigator/client/rest_client.h"
#include "navigator/client/typed_resources.h"
#include "navigator/kube/kinds.h"
#include "tests/support/kube_apiserver_suite.h"

namespace navigator::kube {
namespace {

namespace json = boost::json;
using client::PatchType;

constexpr std::string_view kNs = "typed";

json::value Parse(std::string_view text) {
  return json::parse(text);
}

// One control plane for the whole suite (it takes a while to start).
class TypedClientControlPlaneTest : public test_support::KubeApiServerSuite {
 protected:
  static void SetUpTestSuite() {
    KubeApiServerSuite::SetUpTestSuite();
    if (!Started()) return;
    Namespace ns;
    ns.metadata.name = std::string(kNs);
    Result<Namespace> created = TypedClient<Namespace>(admin()).Create("", ns);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    ASSERT_EQ(created->status.phase, "Active");
  }
};

StatefulSet NewStatefulSet(std::string name) {
  StatefulSet set;
  set.metadata.name = name;
  set.metadata.labels = {{"app", "typed"}, {"pool", name}};
  set.spec.replicas = 3;
  set.spec.service_name = name;
  set.spec.selector = LabelSelector{.match_labels = {{"pool", name}}};
  set.spec.template_ = Parse(R"({"metadata":{"labels":{"pool":")" + name + R"("}},
    "spec":{"containers":[{"name":"es","image":"busybox:1","command":["sleep","inf"]}]}})");
  PersistentVolumeClaim claim;
  claim.metadata.name = "data";
  claim.spec.access_modes = {"ReadWriteOnce"};
  claim.spec.resources.requests["storage"] = *api::Quantity::Parse("10Gi");
  set.spec.volume_claim_templates.push_back(claim);
  set.spec.update_strategy.type = "RollingUpdate";
  set.spec.update_strategy.rolling_update = RollingUpdateStatefulSetStrategy{.partition = 3};
  return set;
}

TEST_F(TypedClientControlPlaneTest, StatefulSetLifecycle) {
  TypedClient<StatefulSet> sets(admin());
  Result<StatefulSet> created = sets.Create(kNs, NewStatefulSet("es-data"));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->metadata.namespace_, kNs);
  EXPECT_FALSE(created->metadata.uid.empty());
  EXPECT_EQ(created->metadata.generation, 1);
  // Server defaults land in modelled fields.
  EXPECT_EQ(created->spec.pod_management_policy, "OrderedReady");
  EXPECT_EQ(created->spec.revision_history_limit, 10);
  EXPECT_EQ(created->spec.update_strategy.rolling_update->partition, 3);
  EXPECT_EQ(created->spec.volume_claim_templates.at(0).spec.volume_mode, "Filesystem");
  EXPECT_EQ(sets.Create(kNs, NewStatefulSet("es-data")).status().code(),
            StatusCode::kAlreadyExists);

  // Update the spec.
  Result<StatefulSet> got = sets.Get(kNs, "es-data");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  got->spec.replicas = 5;
  got->spec.update_strategy.rolling_update->partition = 4;
  Result<StatefulSet> updated = sets.Update(kNs, *got);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->spec.replicas, 5);
  EXPECT_EQ(updated->metadata.generation, 2);
  // A stale resourceVersion conflicts.
  got->spec.replicas = 6;
  EXPECT_EQ(sets.Update(kNs, *got).status().code(), StatusCode::kConflict);

  // Update the status (there is no controller-manager to overwrite it).
  StatefulSet with_status = *updated;
  with_status.status.observed_generation = 2;
  with_status.status.replicas = 5;
  with_status.status.ready_replicas = 4;
  with_status.status.current_replicas = 4;
  with_status.status.updated_replicas = 1;
  with_status.status.available_replicas = 4;
  with_status.status.current_revision = "es-data-1";
  with_status.status.update_revision = "es-data-2";
  with_status.spec.replicas = 9;  // ignored by the status subresource
  Result<StatefulSet> status = sets.UpdateStatus(kNs, with_status);
  ASSERT_TRUE(status.ok()) << status.status().ToString();
  EXPECT_EQ(status->status.ready_replicas, 4);
  EXPECT_EQ(status->status.update_revision, "es-data-2");
  EXPECT_EQ(status->spec.replicas, 5);
  EXPECT_FALSE(IsRolledOut(*status));

  // Strategic merge: the container list merges by name, so the command stays.
  Result<StatefulSet> patched = sets.Patch(
      kNs, "es-data", PatchType::kStrategicMerge,
      R"({"spec":{"template":{"spec":{"containers":[{"name":"es","image":"busybox:2"}]}}}})");
  ASSERT_TRUE(patched.ok()) << patched.status().ToString();
  const json::value& container = patched->spec.template_.at("spec").at("containers").at(0);
  EXPECT_EQ(container.at("image"), "busybox:2");
  EXPECT_EQ(container.at("command"), Parse(R"(["sleep","inf"])"));

  // Server-side apply of one annotation.
  Result<StatefulSet> applied =
      sets.Patch(kNs, "es-data", PatchType::kApply,
                 R"({"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"es-data",
          "annotations":{"navigator.jetstack.io/applied":"yes"}}})",
                 {.field_manager = "typed-test"});
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  EXPECT_EQ(applied->metadata.annotations.at("navigator.jetstack.io/applied"), "yes");
  EXPECT_EQ(applied->spec.replicas, 5);

  // List by label.
  ASSERT_TRUE(sets.Create(kNs, NewStatefulSet("es-master")).ok());
  StatefulSet other = NewStatefulSet("other");
  other.metadata.labels = {{"app", "something-else"}};
  ASSERT_TRUE(sets.Create(kNs, other).ok());
  Result<ObjectList<StatefulSet>> list = sets.List(kNs, {.label_selector = "app=typed"});
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_FALSE(list->resource_version.empty());
  ASSERT_EQ(list->items.size(), 2u);
  EXPECT_EQ(list->items[0].type_meta.kind, "StatefulSet");
  EXPECT_EQ(list->items[0].metadata.name, "es-data");
  EXPECT_EQ(list->items[1].metadata.name, "es-master");

  // Delete.
  Result<std::optional<StatefulSet>> deleted =
      sets.Delete(kNs, "es-data", {.propagation_policy = "Background"});
  ASSERT_TRUE(deleted.ok()) << deleted.status().ToString();
  EXPECT_EQ(sets.Get(kNs, "es-data").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(sets.Delete(kNs, "es-data").status().code(), StatusCode::kNotFound);
}

TEST_F(TypedClientControlPlaneTest, UnmodelledFieldsSurviveATypedUpdate) {
  // Fields kube 1.36 has that kube::StatefulSet does not model:
  // spec.ordinals and spec.persistentVolumeClaimRetentionPolicy.
  client::ResourceClient raw = client::StatefulSets(admin());
  json::object body = Encode(NewStatefulSet("keep"));
  json::object& spec = body["spec"].as_object();
  spec["ordinals"] = json::object{{"start", 7}};
  spec["persistentVolumeClaimRetentionPolicy"] =
      json::object{{"whenDeleted", "Delete"}, {"whenScaled", "Retain"}};
  ASSERT_TRUE(raw.Create(kNs, body).ok());

  TypedClient<StatefulSet> sets(admin());
  Result<StatefulSet> got = sets.Get(kNs, "keep");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_TRUE(got->spec.unknown_fields.contains("ordinals"));
  got->spec.replicas = 1;
  got->metadata.labels["touched"] = "yes";
  Result<StatefulSet> updated = sets.Update(kNs, *got);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();

  Result<json::object> after = raw.Get(kNs, "keep");
  ASSERT_TRUE(after.ok());
  const json::value& s = after->at("spec");
  EXPECT_EQ(s.at("replicas"), 1);
  EXPECT_EQ(s.at("ordinals").at("start"), 7);
  EXPECT_EQ(s.at("persistentVolumeClaimRetentionPolicy").at("whenDeleted"), "Delete");
  EXPECT_EQ(after->at("metadata").at("labels").at("touched"), "yes");

  // The same through a Service, whose internalTrafficPolicy and
  // ipFamilyPolicy are not modelled (dropped, they would be re-defaulted to
  // Cluster on update).
  client::ResourceClient raw_services = client::Services(admin());
  ASSERT_TRUE(raw_services
                  .Create(kNs, Parse(R"({"apiVersion":"v1","kind":"Service",
        "metadata":{"name":"keep"},"spec":{"ports":[{"port":80}],"selector":{"a":"b"},
        "internalTrafficPolicy":"Local","ipFamilyPolicy":"SingleStack"}})")
                                   .as_object())
                  .ok());
  TypedClient<Service> services(admin());
  Result<Service> svc = services.Get(kNs, "keep");
  ASSERT_TRUE(svc.ok());
  svc->spec.publish_not_ready_addresses = true;
  ASSERT_TRUE(services.Update(kNs, *svc).ok());
  Result<json::object> svc_after = raw_services.Get(kNs, "keep");
  ASSERT_TRUE(svc_after.ok());
  EXPECT_EQ(svc_after->at("spec").at("internalTrafficPolicy"), "Local");
  EXPECT_EQ(svc_after->at("spec").at("publishNotReadyAddresses"), true);
}

TEST_F(TypedClientControlPlaneTest, HeadlessService) {
  TypedClient<Service> services(admin());
  Service svc;
  svc.metadata.name = "es-discovery";
  svc.spec.cluster_ip = "None";
  svc.spec.selector = {{"app", "typed"}};
  svc.spec.publish_not_ready_addresses = true;
  svc.spec.ports = {
      ServicePort{.name = "transport", .port = 9300},
      ServicePort{.name = "http", .port = 9200, .target_port = IntOrString::String("http")}};
  Result<Service> created = services.Create(kNs, svc);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->spec.cluster_ip, "None");
  EXPECT_EQ(created->spec.type, "ClusterIP");
  EXPECT_EQ(created->spec.ports.at(0).protocol, "TCP");
  EXPECT_EQ(created->spec.ports.at(0).target_port, IntOrString::Int(9300));
  EXPECT_EQ(created->spec.ports.at(1).target_port, IntOrString::String("http"));
  EXPECT_TRUE(created->spec.publish_not_ready_addresses);

  created->spec.ports.pop_back();
  Result<Service> updated = services.Update(kNs, *created);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->spec.ports.size(), 1u);
  Result<std::optional<Service>> deleted = services.Delete(kNs, "es-discovery");
  ASSERT_TRUE(deleted.ok()) << deleted.status().ToString();
}

TEST_F(TypedClientControlPlaneTest, ConfigMapsAndEvents) {
  TypedClient<ConfigMap> cms(admin());
  for (const char* name : {"cm-a", "cm-b", "cm-c"}) {
    ConfigMap cm;
    cm.metadata.name = name;
    if (std::string_view(name) != "cm-c") cm.metadata.labels = {{"app", "typed-cm"}};
    cm.data["elasticsearch.yml"] = "cluster.name: demo\n";
    cm.binary_data["keystore"] = Bytes{std::string("\0\1\2", 3)};
    ASSERT_TRUE(cms.Create(kNs, cm).ok()) << name;
  }
  Result<ConfigMap> got = cms.Get(kNs, "cm-a");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->binary_data.at("keystore").value, std::string("\0\1\2", 3));
  got->data["extra"] = "1";
  ASSERT_TRUE(cms.Update(kNs, *got).ok());
  Result<ConfigMap> patched =
      cms.Patch(kNs, "cm-a", PatchType::kJson, R"([{"op":"remove","path":"/data/extra"}])");
  ASSERT_TRUE(patched.ok()) << patched.status().ToString();
  EXPECT_FALSE(patched->data.contains("extra"));
  Result<ObjectList<ConfigMap>> list = cms.List(kNs, {.label_selector = "app=typed-cm"});
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->items.size(), 2u);
  Result<std::optional<ConfigMap>> deleted = cms.Delete(kNs, "cm-c");
  ASSERT_TRUE(deleted.ok()) << deleted.status().ToString();
  EXPECT_EQ(cms.Get(kNs, "cm-c").status().code(), StatusCode::kNotFound);

  TypedClient<Event> events(admin());
  Event event;
  event.metadata.name = "cm-a.typed";
  event.involved_object = ObjectReference{
      .kind = "ConfigMap", .namespace_ = std::string(kNs), .name = "cm-a", .api_version = "v1"};
  event.reason = "Rendered";
  event.message = "rendered the configuration";
  event.type = "Normal";
  event.source.component = "navigator-controller";
  event.count = 1;
  event.first_timestamp = event.last_timestamp =
      Time::FromTimePoint(std::chrono::system_clock::now());
  Result<Event> created = events.Create(kNs, event);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->involved_object.name, "cm-a");
  EXPECT_EQ(created->source.component, "navigator-controller");
}

TEST_F(TypedClientControlPlaneTest, PodDisruptionBudget) {
  TypedClient<PodDisruptionBudget> pdbs(admin());
  PodDisruptionBudget pdb;
  pdb.metadata.name = "es-data";
  pdb.spec.min_available = IntOrString::String("50%");
  pdb.spec.selector = LabelSelector{.match_labels = {{"pool", "es-data"}}};
  Result<PodDisruptionBudget> created = pdbs.Create(kNs, pdb);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->spec.min_available, IntOrString::String("50%"));

  created->spec.min_available.reset();
  created->spec.max_unavailable = IntOrString::Int(1);
  Result<PodDisruptionBudget> updated = pdbs.Update(kNs, *created);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_FALSE(updated->spec.min_available.has_value());
  EXPECT_EQ(updated->spec.max_unavailable, IntOrString::Int(1));

  updated->status.observed_generation = updated->metadata.generation;
  updated->status.expected_pods = 3;
  updated->status.current_healthy = 3;
  updated->status.desired_healthy = 2;
  updated->status.disruptions_allowed = 1;
  Result<PodDisruptionBudget> status = pdbs.UpdateStatus(kNs, *updated);
  ASSERT_TRUE(status.ok()) << status.status().ToString();
  EXPECT_EQ(status->status.disruptions_allowed, 1);

  Result<PodDisruptionBudget> merged =
      pdbs.Patch(kNs, "es-data", PatchType::kMerge, R"({"spec":{"maxUnavailable":"25%"}})");
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  EXPECT_EQ(merged->spec.max_unavailable, IntOrString::String("25%"));
  ASSERT_TRUE(pdbs.Delete(kNs, "es-data").ok());
}

TEST_F(TypedClientControlPlaneTest, Lease) {
  TypedClient<Lease> leases(admin());
  Lease lease;
  lease.metadata.name = "navigator-controller";
  lease.spec.holder_identity = "a";
  lease.spec.lease_duration_seconds = 15;
  lease.spec.acquire_time =
      std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
  lease.spec.renew_time = lease.spec.acquire_time;
  lease.spec.lease_transitions = 0;
  Result<Lease> created = leases.Create(kNs, lease);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->spec.renew_time, lease.spec.renew_time);  // microseconds kept

  created->spec.renew_time = *created->spec.renew_time + std::chrono::microseconds(1500001);
  Result<Lease> renewed = leases.Update(kNs, *created);
  ASSERT_TRUE(renewed.ok()) << renewed.status().ToString();
  EXPECT_EQ(renewed->spec.renew_time, created->spec.renew_time);

  // Another holder takes over with server-side apply (forcing: the fields
  // belong to the manager that created the Lease).
  Result<Lease> taken = leases.Patch(
      kNs, "navigator-controller", PatchType::kApply,
      "apiVersion: coordination.k8s.io/v1\nkind: Lease\nmetadata:\n  name: navigator-controller\n"
      "spec:\n  holderIdentity: b\n  leaseTransitions: 1\n",
      {.field_manager = "candidate-b", .force = true});
  ASSERT_TRUE(taken.ok()) << taken.status().ToString();
  EXPECT_EQ(taken->spec.holder_identity, "b");
  EXPECT_EQ(taken->spec.lease_transitions, 1);
  EXPECT_EQ(taken->spec.lease_duration_seconds, 15);

  Result<ObjectList<Lease>> list = leases.List(kNs);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->items.size(), 1u);
  ASSERT_TRUE(leases.Delete(kNs, "navigator-controller").ok());
  EXPECT_EQ(leases.Get(kNs, "navigator-controller").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace navigator::kube
