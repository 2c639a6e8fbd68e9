#include "navigator/client/typed_resources.h"

#include <gtest/gtest.h>

#include <set>

#include "navigator/client/testing/fake_rest_client.h"

namespace navigator::client {
namespace {

TEST(TypedResourcesTest, PathsAndScopes) {
  testing::FakeRestClient fake;
  EXPECT_EQ(*Pods(fake).ObjectPath("ns", "p"), "/api/v1/namespaces/ns/pods/p");
  EXPECT_EQ(*StatefulSets(fake).CollectionPath("ns"), "/apis/apps/v1/namespaces/ns/statefulsets");
  EXPECT_EQ(*PodDisruptionBudgets(fake).CollectionPath(""), "/apis/policy/v1/poddisruptionbudgets");
  EXPECT_EQ(*Leases(fake).ObjectPath("kube-system", "l"),
            "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/l");
  EXPECT_EQ(*Pilots(fake).CollectionPath("ns"),
            "/apis/navigator.jetstack.io/v1alpha1/namespaces/ns/pilots");
  EXPECT_EQ(*Nodes(fake).ObjectPath("", "n1"), "/api/v1/nodes/n1");
  EXPECT_FALSE(Namespaces(fake).namespaced());
  EXPECT_TRUE(ElasticsearchClusters(fake).namespaced());
  EXPECT_TRUE(CassandraClusters(fake).namespaced());

  std::set<std::string> seen;
  for (const TypedResource& type : kTypedResources) {
    EXPECT_TRUE(seen.insert(type.gvr().ToString()).second) << type.resource;
    EXPECT_TRUE(ClientFor(fake, type).CollectionPath("").ok()) << type.resource;
    EXPECT_EQ(type.namespaced, type.resource != "namespaces" && type.resource != "nodes");
  }
  EXPECT_EQ(seen.size(), 18u);
}

}  // namespace
}  // namespace navigator::client
