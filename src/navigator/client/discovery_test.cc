#include "navigator/client/discovery.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "navigator/client/testing/fake_rest_client.h"

namespace navigator::client {
namespace {

using ::testing::ElementsAre;
using testing::FakeRestClient;
using ::testing::HasSubstr;

// Trimmed from kube-apiserver's answers.
constexpr std::string_view kAggregatedCore = R"({
  "kind": "APIGroupDiscoveryList", "apiVersion": "apidiscovery.k8s.io/v2", "metadata": {},
  "items": [{"metadata": {"creationTimestamp": null}, "versions": [{"version": "v1",
    "resources": [
      {"resource": "configmaps", "responseKind": {"group": "", "version": "v1", "kind": "ConfigMap"},
       "scope": "Namespaced", "singularResource": "configmap",
       "verbs": ["create", "delete", "get", "list", "patch", "update", "watch"]},
      {"resource": "namespaces", "responseKind": {"group": "", "version": "v1", "kind": "Namespace"},
       "scope": "Cluster", "singularResource": "namespace", "verbs": ["get", "list"],
       "subresources": [{"subresource": "finalize", "verbs": ["update"]},
                        {"subresource": "status", "verbs": ["get", "patch", "update"]}]}
    ], "freshness": "Current"}]}]})";

constexpr std::string_view kAggregatedGroups = R"({
  "kind": "APIGroupDiscoveryList", "apiVersion": "apidiscovery.k8s.io/v2", "metadata": {},
  "items": [
    {"metadata": {"name": "autoscaling"}, "versions": [
      {"version": "v2", "resources": [{"resource": "horizontalpodautoscalers",
        "responseKind": {"group": "autoscaling", "version": "v2", "kind": "HorizontalPodAutoscaler"},
        "scope": "Namespaced", "verbs": ["get"]}]},
      {"version": "v1", "resources": [{"resource": "horizontalpodautoscalers",
        "responseKind": {"group": "autoscaling", "version": "v1", "kind": "HorizontalPodAutoscaler"},
        "scope": "Namespaced", "verbs": ["get"]}]}]},
    {"metadata": {"name": "coordination.k8s.io"}, "versions": [{"version": "v1", "resources": [
      {"resource": "leases", "responseKind": {"group": "coordination.k8s.io", "version": "v1",
       "kind": "Lease"}, "scope": "Namespaced", "verbs": ["get"]}]}]},
    {"metadata": {"name": "navigator.jetstack.io"}, "versions": [{"version": "v1alpha1",
      "resources": [], "freshness": "Stale"}]}
  ]})";

TEST(DiscoveryParseTest, AggregatedDocuments) {
  DiscoveryIndex index;
  ASSERT_TRUE(ParseAggregatedDiscovery(kAggregatedCore, index).ok());
  ASSERT_TRUE(ParseAggregatedDiscovery(kAggregatedGroups, index).ok());
  Result<ResourceInfo> cm = index.ResourceFor("", "ConfigMap");
  ASSERT_TRUE(cm.ok());
  EXPECT_EQ(cm->gvr, (GroupVersionResource{"", "v1", "configmaps"}));
  EXPECT_TRUE(cm->namespaced);
  EXPECT_EQ(cm->verbs.size(), 7u);
  Result<ResourceInfo> ns = index.ResourceFor("", "Namespace");
  ASSERT_TRUE(ns.ok());
  EXPECT_FALSE(ns->namespaced);
  EXPECT_THAT(ns->subresources, ElementsAre("finalize", "status"));
  // The first (preferred) version wins.
  EXPECT_EQ(index.ResourceFor("autoscaling", "HorizontalPodAutoscaler")->gvr.version, "v2");
  EXPECT_EQ(index.ResourceFor("coordination.k8s.io", "Lease")->gvr.resource, "leases");
  Result<ResourceInfo> missing = index.ResourceFor("apps", "Lease");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(index.resources().size(), 4u);
}

TEST(DiscoveryParseTest, LegacyDocuments) {
  EXPECT_THAT(*ParseLegacyGroupVersions(R"({"kind":"APIVersions","versions":["v1"]})"),
              ElementsAre("v1"));
  EXPECT_THAT(*ParseLegacyGroupVersions(R"({"kind":"APIGroupList","groups":[
      {"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],
       "preferredVersion":{"groupVersion":"apps/v1","version":"v1"}},
      {"name":"x.io","versions":[{"groupVersion":"x.io/v2","version":"v2"}]}]})"),
              ElementsAre("apps/v1", "x.io/v2"));

  DiscoveryIndex index;
  ASSERT_TRUE(ParseApiResourceList(R"({"kind":"APIResourceList","groupVersion":"apps/v1",
      "resources":[
        {"name":"statefulsets","singularName":"statefulset","namespaced":true,"kind":"StatefulSet",
         "verbs":["get","list"]},
        {"name":"statefulsets/scale","namespaced":true,"group":"autoscaling","version":"v1",
         "kind":"Scale","verbs":["get"]},
        {"name":"statefulsets/status","namespaced":true,"kind":"StatefulSet","verbs":["get"]}]})",
                                   index)
                  .ok());
  Result<ResourceInfo> sts = index.ResourceFor("apps", "StatefulSet");
  ASSERT_TRUE(sts.ok());
  EXPECT_EQ(sts->gvr, (GroupVersionResource{"apps", "v1", "statefulsets"}));
  EXPECT_TRUE(sts->namespaced);
  EXPECT_THAT(sts->subresources, ElementsAre("scale", "status"));
  EXPECT_FALSE(index.ResourceFor("autoscaling", "Scale").ok());
}

TEST(DiscoveryParseTest, MalformedDocumentsAreBadRequests) {
  for (const std::string_view body : {
           "",
           "[]",
           "{",
           R"({"kind":"APIResourceList"})",
           R"({"kind":"APIGroupDiscoveryList","items":{}})",
           R"({"kind":"APIGroupDiscoveryList","items":[1]})",
           R"({"kind":"APIGroupDiscoveryList","items":[{"versions":[{"version":""}]}]})",
           R"({"kind":"APIGroupDiscoveryList","items":[{"versions":[{"version":"v1",
               "resources":[{"resource":"x","scope":"Galaxy"}]}]}]})",
           R"({"kind":"APIGroupDiscoveryList","items":[{"metadata":{"name":7}}]})",
       }) {
    DiscoveryIndex index;
    Status aggregated = ParseAggregatedDiscovery(body, index);
    EXPECT_EQ(aggregated.code(), StatusCode::kBadRequest) << body;
    Status legacy = ParseApiResourceList(body, index);
    EXPECT_EQ(legacy.code(), StatusCode::kBadRequest) << body;
  }
  DiscoveryIndex index;
  EXPECT_THAT(ParseAggregatedDiscovery(R"({"kind":"APIGroupDiscoveryList","items":[{"versions":[
      {"version":"v1","resources":[{"resource":"x","scope":"Cluster","verbs":"get"}]}]}]})",
                                       index)
                  .message(),
              HasSubstr("items[0].versions[0].resources[0].verbs: expected a list"));
  EXPECT_EQ(
      ParseApiResourceList(R"({"kind":"APIResourceList","groupVersion":"a/b/c"})", index).code(),
      StatusCode::kBadRequest);
  EXPECT_EQ(ParseApiResourceList(R"({"kind":"APIResourceList","groupVersion":"v1",
      "resources":[{"name":"x","kind":"X","namespaced":"yes"}]})",
                                 index)
                .code(),
            StatusCode::kBadRequest);
  EXPECT_EQ(ParseLegacyGroupVersions(R"({"kind":"APIGroupList","groups":[
      {"preferredVersion":{"groupVersion":"noslash"}}]})")
                .status()
                .code(),
            StatusCode::kBadRequest);
  EXPECT_EQ(ParseLegacyGroupVersions(R"({"kind":"Pod"})").status().code(), StatusCode::kBadRequest);
  // Resources that cannot be addressed are left out, not errors.
  ASSERT_TRUE(ParseAggregatedDiscovery(R"({"kind":"APIGroupDiscoveryList","items":[{"versions":[
      {"version":"v1","resources":[{"resource":"Bad Name","scope":"Cluster",
       "responseKind":{"kind":"Bad"}},{"resource":"nokind","scope":"Cluster"}]}]}]})",
                                       index)
                  .ok());
  EXPECT_TRUE(index.resources().empty());
}

TEST(DiscoverTest, AggregatedTakesTwoRequests) {
  FakeRestClient fake;
  fake.SetDoHandler([](const RestRequest& request) -> Result<std::string> {
    if (request.path == "/api") return std::string(kAggregatedCore);
    if (request.path == "/apis") return std::string(kAggregatedGroups);
    return NotFound(request.path);
  });
  Result<DiscoveryIndex> index = Discover(fake);
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  EXPECT_TRUE(index->ResourceFor("coordination.k8s.io", "Lease").ok());
  ASSERT_EQ(fake.requests().size(), 2u);
  EXPECT_EQ(fake.requests()[0].accept, kAggregatedDiscoveryAccept);
}

TEST(DiscoverTest, LegacyServerAndAFailingGroup) {
  FakeRestClient fake;
  fake.SetDoHandler([](const RestRequest& request) -> Result<std::string> {
    if (request.path == "/api") return std::string(R"({"kind":"APIVersions","versions":["v1"]})");
    if (request.path == "/apis") {
      return std::string(R"({"kind":"APIGroupList","groups":[
          {"name":"coordination.k8s.io","preferredVersion":{"groupVersion":"coordination.k8s.io/v1"}},
          {"name":"navigator.jetstack.io",
           "preferredVersion":{"groupVersion":"navigator.jetstack.io/v1alpha1"}},
          {"name":"evil","preferredVersion":{"groupVersion":"evil/..%2F"}}]})");
    }
    if (request.path == "/api/v1") {
      return std::string(R"({"kind":"APIResourceList","groupVersion":"v1","resources":[
          {"name":"configmaps","namespaced":true,"kind":"ConfigMap","verbs":["get"]}]})");
    }
    if (request.path == "/apis/coordination.k8s.io/v1") {
      return std::string(R"({"kind":"APIResourceList","groupVersion":"coordination.k8s.io/v1",
          "resources":[{"name":"leases","namespaced":true,"kind":"Lease","verbs":["get"]}]})");
    }
    return Unavailable("the aggregated API is down");
  });
  Result<DiscoveryIndex> index = Discover(fake);
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  EXPECT_TRUE(index->ResourceFor("", "ConfigMap")->namespaced);
  EXPECT_TRUE(index->ResourceFor("coordination.k8s.io", "Lease").ok());
  ASSERT_EQ(index->failed_groups().size(), 2u);
  EXPECT_EQ(index->failed_groups()[0].first, "navigator.jetstack.io/v1alpha1");
  EXPECT_EQ(index->failed_groups()[0].second.code(), StatusCode::kServiceUnavailable);
  EXPECT_EQ(index->failed_groups()[1].first, "evil/..%2F");
  for (const RestRequest& request : fake.requests()) {
    EXPECT_EQ(request.path.find("evil"), std::string::npos);
  }
}

TEST(DiscoverTest, RootFailuresFail) {
  FakeRestClient fake;
  fake.SetDoHandler(
      [](const RestRequest&) -> Result<std::string> { return std::string(R"({"kind":"Pod"})"); });
  EXPECT_EQ(Discover(fake).status().code(), StatusCode::kBadRequest);
  fake.SetDoHandler(
      [](const RestRequest&) -> Result<std::string> { return Unavailable("cannot reach x"); });
  EXPECT_EQ(Discover(fake).status().code(), StatusCode::kServiceUnavailable);
}

}  // namespace
}  // namespace navigator::client
