// The Controller and Manager plumbing: which keys reach the reconciler, on a
// fake API server (informer semantics are tested in client/).

#include "navigator/runtime/controller.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>
#include <thread>

#include "navigator/client/testing/fake_rest_client.h"
#include "navigator/runtime/manager.h"

namespace navigator::runtime {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

TEST(ControllerOwnerKeyTest, OnlyTheControllingOwnerOfTheKind) {
  struct Row {
    const char* what;
    const char* object;
    const char* want;
  };
  const Row rows[] = {
      {"controller owner", R"({"metadata":{"namespace":"ns","ownerReferences":[
          {"kind":"ElasticsearchCluster","name":"es1","controller":true}]}})",
       "ns/es1"},
      {"owner without controller: true", R"({"metadata":{"namespace":"ns","ownerReferences":[
          {"kind":"ElasticsearchCluster","name":"es1"}]}})",
       ""},
      {"controller of another kind", R"({"metadata":{"namespace":"ns","ownerReferences":[
          {"kind":"CassandraCluster","name":"c1","controller":true}]}})",
       ""},
      {"second reference", R"({"metadata":{"namespace":"ns","ownerReferences":[
          {"kind":"ConfigMap","name":"x"},
          {"kind":"ElasticsearchCluster","name":"es2","controller":true}]}})",
       "ns/es2"},
      {"no references", R"({"metadata":{"namespace":"ns"}})", ""},
      {"malformed references", R"({"metadata":{"ownerReferences":[1,"x",{"controller":"yes"}]}})",
       ""},
      {"cluster-scoped object", R"({"metadata":{"ownerReferences":[
          {"kind":"ElasticsearchCluster","name":"es1","controller":true}]}})",
       "es1"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.what);
    EXPECT_EQ(ControllerOwnerKey(json::parse(row.object).as_object(), "ElasticsearchCluster"),
              row.want);
  }
}

TEST(CollectionPathTest, GroupsAndNamespaces) {
  ResourceRef pods{"", "v1", "pods"};
  ResourceRef esc{"navigator.jetstack.io", "v1alpha1", "elasticsearchclusters"};
  ResourceRef nodes{"", "v1", "nodes", false};
  EXPECT_EQ(CollectionPath(pods, ""), "/api/v1/pods");
  EXPECT_EQ(CollectionPath(pods, "team-a"), "/api/v1/namespaces/team-a/pods");
  EXPECT_EQ(CollectionPath(esc, "team-a"),
            "/apis/navigator.jetstack.io/v1alpha1/namespaces/team-a/elasticsearchclusters");
  EXPECT_EQ(CollectionPath(nodes, "team-a"), "/api/v1/nodes");
}

// Serves one list per collection path and watches that stay open.
class FakeCluster {
 public:
  explicit FakeCluster(std::map<std::string, std::string> lists) : lists_(std::move(lists)) {
    client_.SetDoHandler([this](const client::RestRequest& r) -> Result<std::string> {
      std::string path = r.path.substr(0, r.path.find('?'));
      auto it = lists_.find(path);
      if (it == lists_.end()) return Status(StatusCode::kNotFound, path);
      return it->second;
    });
    client_.SetStreamHandler([](std::string_view, const std::function<bool(std::string_view)>&,
                                const std::atomic<bool>& cancel) {
      while (!cancel.load()) std::this_thread::sleep_for(2ms);
      return OkStatus();
    });
  }
  client::RestClient& client() { return client_; }

 private:
  std::map<std::string, std::string> lists_;
  client::testing::FakeRestClient client_;
};

std::string List(std::string_view kind, std::vector<std::string> objects) {
  json::array items;
  for (auto& o : objects) items.push_back(json::parse(o));
  return json::serialize(json::object{{"kind", std::string(kind) + "List"},
                                      {"apiVersion", "v1"},
                                      {"metadata", json::object{{"resourceVersion", "5"}}},
                                      {"items", std::move(items)}});
}

TEST(ManagerTest, ReconcilesPrimariesAndOwnersOfOwnedObjects) {
  FakeCluster cluster({
      {"/apis/navigator.jetstack.io/v1alpha1/elasticsearchclusters",
       List("ElasticsearchCluster",
            {R"({"metadata":{"namespace":"a","name":"es1","resourceVersion":"1"}})"})},
      {"/apis/apps/v1/statefulsets",
       List("StatefulSet", {R"({"metadata":{"namespace":"b","name":"es2-data",
             "resourceVersion":"2","ownerReferences":[{"kind":"ElasticsearchCluster",
             "name":"es2","controller":true}]}})"})},
  });
  metrics::Registry registry;
  Manager manager(cluster.client(), registry, ManagerOptions{.name = "test"});
  std::mutex mu;
  std::set<std::string> reconciled;
  manager.AddController(
      "ElasticsearchCluster", {"navigator.jetstack.io", "v1alpha1", "elasticsearchclusters"},
      [&](const std::string& key) {
        std::lock_guard lock(mu);
        reconciled.insert(key);
        return OkStatus();
      },
      {{{"apps", "v1", "statefulsets"}, "ElasticsearchCluster"}}, 2);
  ASSERT_TRUE(manager.Start().ok());
  std::thread run([&] { EXPECT_TRUE(manager.Run().ok()); });
  for (int i = 0; i < 1000; ++i) {
    {
      std::lock_guard lock(mu);
      if (reconciled.size() >= 2) break;
    }
    std::this_thread::sleep_for(5ms);
  }
  EXPECT_TRUE(manager.Ready());
  EXPECT_TRUE(manager.IsLeader());  // no election: always leads
  const std::string metrics = registry.Render();
  manager.Stop();
  run.join();
  EXPECT_FALSE(manager.IsLeader());
  EXPECT_EQ(reconciled, (std::set<std::string>{"a/es1", "b/es2"}));
  EXPECT_NE(metrics.find("leader_election_master_status{name=\"test\"} 1"), std::string::npos)
      << metrics;
  EXPECT_NE(
      metrics.find("navigator_informer_events_total{resource=\"statefulsets\",type=\"add\"} 1"),
      std::string::npos)
      << metrics;
}

}  // namespace
}  // namespace navigator::runtime
