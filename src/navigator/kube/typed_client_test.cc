// TypedClient on a scripted RestClient: paths and bodies per verb, answers
// decoded, lists with their resourceVersion, Delete's two answers, decode
// errors of answers, and Navigator's own kinds through api/navigator's codec.

#include "navigator/kube/typed_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "navigator/client/testing/fake_rest_client.h"
#include "navigator/kube/kinds.h"

namespace navigator::kube {
namespace {

namespace json = boost::json;
using client::testing::FakeRestClient;
using ::testing::HasSubstr;

constexpr std::string_view kSet = R"({"apiVersion":"apps/v1","kind":"StatefulSet",
  "metadata":{"name":"es","namespace":"ns","resourceVersion":"7","creationTimestamp":"2026-05-01T10:00:00Z"},
  "spec":{"replicas":3,"selector":null,"serviceName":"es","updateStrategy":{},"ordinals":{"start":1}},
  "status":{"replicas":3,"availableReplicas":3,"newStatusField":"kept"}})";

TEST(TypedClientTest, GetUpdateKeepsWhatItDoesNotModel) {
  FakeRestClient fake;
  fake.SetDoHandler([](const client::RestRequest& r) -> Result<std::string> {
    if (r.method == "PUT") return r.body;  // echo
    return std::string(kSet);
  });
  TypedClient<StatefulSet> sets(fake);
  Result<StatefulSet> set = sets.Get("ns", "es");
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(set->spec.replicas, 3);
  set->spec.replicas = 4;
  Result<StatefulSet> updated = sets.Update("ns", *set);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->spec.replicas, 4);

  const auto requests = fake.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].path, "/apis/apps/v1/namespaces/ns/statefulsets/es");
  EXPECT_EQ(requests[1].method, "PUT");
  EXPECT_EQ(requests[1].path, "/apis/apps/v1/namespaces/ns/statefulsets/es");
  json::value expected = json::parse(kSet);
  expected.at("spec").as_object()["replicas"] = 4;
  EXPECT_EQ(json::parse(requests[1].body), expected) << requests[1].body;
}

TEST(TypedClientTest, CreateStatusPatchPaths) {
  FakeRestClient fake;
  fake.SetDoHandler([](const client::RestRequest&) -> Result<std::string> {
    return std::string(
        R"({"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"c"},"data":{"a":"1"}})");
  });
  TypedClient<ConfigMap> cms(fake);
  ConfigMap cm;
  cm.metadata.name = "c";
  ASSERT_TRUE(cms.Create("ns", cm).ok());
  Result<ConfigMap> patched =
      cms.Patch("ns", "c", client::PatchType::kMerge, R"({"data":{"a":"1"}})");
  ASSERT_TRUE(patched.ok());
  EXPECT_EQ(patched->data.at("a"), "1");
  ASSERT_TRUE(cms.UpdateStatus("ns", cm).ok());
  const auto requests = fake.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].path, "/api/v1/namespaces/ns/configmaps");
  EXPECT_EQ(json::parse(requests[0].body), json::parse(R"({"apiVersion":"v1","kind":"ConfigMap",
                            "metadata":{"name":"c","creationTimestamp":null}})"));
  EXPECT_EQ(requests[1].method, "PATCH");
  EXPECT_EQ(requests[1].content_type, "application/merge-patch+json");
  EXPECT_EQ(requests[2].path, "/api/v1/namespaces/ns/configmaps/c/status");
}

TEST(TypedClientTest, ListDecodesItemsAndVersion) {
  FakeRestClient fake;
  fake.SetDoHandler([](const client::RestRequest&) -> Result<std::string> {
    return std::string(R"({"kind":"LeaseList","apiVersion":"coordination.k8s.io/v1",
      "metadata":{"resourceVersion":"99","continue":"tok","remainingItemCount":4},
      "items":[{"metadata":{"name":"a"},"spec":{"holderIdentity":"x"}},
               {"metadata":{"name":"b"},"spec":{}}]})");
  });
  TypedClient<Lease> leases(fake);
  Result<ObjectList<Lease>> list = leases.List("ns", {.label_selector = "app=x"});
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->resource_version, "99");
  EXPECT_EQ(list->continue_token, "tok");
  EXPECT_EQ(list->remaining_item_count, 4);
  ASSERT_EQ(list->items.size(), 2u);
  EXPECT_EQ(list->items[0].spec.holder_identity, "x");
  EXPECT_EQ(list->items[1].type_meta.kind, "Lease");
  EXPECT_EQ(list->items[1].type_meta.api_version, "coordination.k8s.io/v1");
  EXPECT_THAT(fake.requests()[0].path, HasSubstr("labelSelector=app%3Dx"));
}

TEST(TypedClientTest, ListItemErrorNamesTheItem) {
  FakeRestClient fake;
  fake.SetDoHandler([](const client::RestRequest&) -> Result<std::string> {
    return std::string(R"({"metadata":{},"items":[{"metadata":{"name":"a"}},
                                                 {"spec":{"leaseDurationSeconds":"15"}}]})");
  });
  Result<ObjectList<Lease>> list = TypedClient<Lease>(fake).List("ns");
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kBadRequest);
  EXPECT_THAT(list.status().message(),
              HasSubstr("items[1]: the Lease could not be decoded: spec.leaseDurationSeconds: "
                        "expected an integer, got string"));
  EXPECT_EQ(list.status().details().causes.at(0).field, "items[1].spec.leaseDurationSeconds");

  fake.SetDoHandler([](const client::RestRequest&) -> Result<std::string> {
    return std::string(R"({"items":{}})");
  });
  EXPECT_THAT(TypedClient<Lease>(fake).List("ns").status().message(),
              HasSubstr("items must be an array"));
}

TEST(TypedClientTest, DeleteAnswers) {
  FakeRestClient fake;
  fake.SetDoHandler([](const client::RestRequest&) -> Result<std::string> {
    return std::string(R"({"kind":"Status","apiVersion":"v1","status":"Success"})");
  });
  TypedClient<Service> services(fake);
  Result<std::optional<Service>> gone = services.Delete("ns", "s");
  ASSERT_TRUE(gone.ok()) << gone.status().ToString();
  EXPECT_FALSE(gone->has_value());

  fake.SetDoHandler([](const client::RestRequest&) -> Result<std::string> {
    return std::string(R"({"kind":"Pod","apiVersion":"v1","metadata":{"name":"p",
      "deletionTimestamp":"2026-05-01T10:00:00Z","finalizers":["x"]}})");
  });
  Result<std::optional<Pod>> pending = TypedClient<Pod>(fake).Delete("ns", "p");
  ASSERT_TRUE(pending.ok()) << pending.status().ToString();
  ASSERT_TRUE(pending->has_value());
  EXPECT_TRUE((*pending)->metadata.deletion_timestamp.has_value());
  EXPECT_EQ(fake.requests().back().method, "DELETE");
}

TEST(TypedClientTest, ErrorsPassThroughAndBadAnswersAreBadRequest) {
  FakeRestClient fake;
  fake.SetDoHandler([](const client::RestRequest&) -> Result<std::string> {
    return NotFound("pods \"p\" not found");
  });
  EXPECT_EQ(TypedClient<Pod>(fake).Get("ns", "p").status().code(), StatusCode::kNotFound);
  fake.SetDoHandler([](const client::RestRequest&) -> Result<std::string> {
    return std::string(R"({"kind":"Node","metadata":{"name":"n"}})");
  });
  Result<Pod> wrong = TypedClient<Pod>(fake).Get("ns", "p");
  EXPECT_EQ(wrong.status().code(), StatusCode::kBadRequest);
  EXPECT_THAT(wrong.status().message(), HasSubstr("expected a Pod"));
  // Cluster-scoped kinds refuse a namespace before anything is sent.
  const std::size_t sent = fake.requests().size();
  EXPECT_EQ(TypedClient<Node>(fake).Get("ns", "n").status().code(), StatusCode::kBadRequest);
  EXPECT_EQ(fake.requests().size(), sent);
}

TEST(TypedClientTest, NavigatorKindsUseTheApiCodec) {
  FakeRestClient fake;
  fake.SetDoHandler([](const client::RestRequest& r) -> Result<std::string> {
    if (r.method == "PUT") return r.body;
    return std::string(R"({"apiVersion":"navigator.jetstack.io/v1alpha1","kind":"Pilot",
      "metadata":{"name":"es-data-0","namespace":"ns","resourceVersion":"3"},
      "spec":{},"status":{"elasticsearch":{"documents":5}}})");
  });
  TypedClient<api::Pilot> pilots(fake);
  Result<api::Pilot> pilot = pilots.Get("ns", "es-data-0");
  ASSERT_TRUE(pilot.ok()) << pilot.status().ToString();
  ASSERT_TRUE(pilot->status.elasticsearch.has_value());
  EXPECT_EQ(pilot->status.elasticsearch->documents, 5);
  pilot->status.elasticsearch->documents = 0;
  Result<api::Pilot> updated = pilots.UpdateStatus("ns", *pilot);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->status.elasticsearch->documents, 0);
  const auto requests = fake.requests();
  EXPECT_EQ(requests.back().path,
            "/apis/navigator.jetstack.io/v1alpha1/namespaces/ns/pilots/es-data-0/status");
  const json::value body = json::parse(requests.back().body);
  EXPECT_EQ(body.at("kind"), "Pilot");
  EXPECT_EQ(body.at("apiVersion"), "navigator.jetstack.io/v1alpha1");

  fake.SetDoHandler([](const client::RestRequest&) -> Result<std::string> {
    return std::string(R"({"metadata":{"resourceVersion":"8"},"items":[
      {"metadata":{"name":"c"},"spec":{"nodePools":"x"}}]})");
  });
  Result<ObjectList<api::ElasticsearchCluster>> list =
      TypedClient<api::ElasticsearchCluster>(fake).List("ns");
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kBadRequest);
  EXPECT_THAT(list.status().message(), HasSubstr("items[0]"));
}

static_assert(Resource<api::CassandraCluster>);
static_assert(Resource<RoleBinding>);
static_assert(&ResourceTraits<Pod>::kResource == &client::kPods);

}  // namespace
}  // namespace navigator::kube
