// Store<T> semantics over the in-memory storage (which passes the same
// conformance suite as etcd). The HTTPS integration tests repeat the key
// paths against a real etcd.

#include "navigator/apiserver/registry/store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <thread>

#include "navigator/api/navigator/codec.h"
#include "navigator/storage/memory_storage.h"

namespace navigator::registry {
namespace {

using ::testing::HasSubstr;

std::string Cassandra(std::string_view name, std::string_view extra = "",
                      std::string_view version = "3.11.4") {
  return fmt::format(
      R"({{"apiVersion":"navigator.jetstack.io/v1alpha1","kind":"CassandraCluster",)"
      R"("metadata":{{"name":"{}"{}}},"spec":{{"version":"{}","pilotImage":{{"repository":"r","tag":"t"}},)"
      R"("nodePools":[{{"name":"np","replicas":1}}]}}}})",
      name, extra, version);
}

std::string Encode(const api::CassandraCluster& c) {
  return boost::json::serialize(api::EncodeObject(c));
}

class StoreTest : public ::testing::Test {
 protected:
  storage::MemoryStorage storage_;
  FakeClock clock_{std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000))};
  DefaultRandom random_{3};
  Store<api::CassandraCluster> store_{StoreContext{&storage_, "/registry", &clock_, &random_}};
};

TEST_F(StoreTest, KeysFollowTheEtcdLayout) {
  EXPECT_EQ(store_.Key("ns", "c"), "/registry/navigator.jetstack.io/cassandraclusters/ns/c");
}

TEST_F(StoreTest, CreateSetsServerFieldsAndRejectsDuplicates) {
  auto c = store_.Create("ns", Cassandra("c"));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->metadata.namespace_, "ns");
  EXPECT_EQ(c->metadata.generation, 1);
  EXPECT_EQ(c->metadata.uid.size(), 36u);
  EXPECT_FALSE(c->metadata.resource_version.empty());
  auto again = store_.Create("ns", Cassandra("c"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(again.status().message(),
            "cassandraclusters.navigator.jetstack.io \"c\" already exists");
  // The same name in another namespace is another object.
  EXPECT_TRUE(store_.Create("other", Cassandra("c")).ok());
}

TEST_F(StoreTest, GenerateNameAddsARandomSuffix) {
  auto c = store_.Create("ns", Cassandra("", R"(,"generateName":"demo-")"));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_THAT(c->metadata.name, ::testing::MatchesRegex("demo-[bcdfghjklmnpqrstvwxz2456789]{5}"));
}

TEST_F(StoreTest, InvalidObjectsAreRejectedWith422AndNothingIsStored) {
  auto c = store_.Create("ns", Cassandra("c", "", "2.0.0"));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kInvalid);
  EXPECT_THAT(c.status().message(), HasSubstr("spec.version"));
  EXPECT_EQ(store_.Get("ns", "c").status().code(), StatusCode::kNotFound);
}

TEST_F(StoreTest, UpdateBumpsGenerationOnlyOnSpecChangeAndKeepsStatus) {
  auto c = store_.Create("ns", Cassandra("c"));
  ASSERT_TRUE(c.ok());
  // Status written through /status survives a main-resource update that omits it.
  api::CassandraCluster with_status = *c;
  with_status.status.node_pools["np"].ready_replicas = 1;
  auto s = store_.UpdateStatus("ns", "c", Encode(with_status));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->metadata.generation, 1);

  api::CassandraCluster labelled = *s;
  labelled.status = {};
  labelled.metadata.labels["team"] = "a";
  auto u = store_.Update("ns", "c", Encode(labelled));
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_EQ(u->metadata.generation, 1);
  EXPECT_EQ(u->status.node_pools.at("np").ready_replicas, 1);

  api::CassandraCluster scaled = *u;
  scaled.spec.node_pools[0].replicas = 3;
  auto v = store_.Update("ns", "c", Encode(scaled));
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->metadata.generation, 2);
  EXPECT_EQ(v->metadata.uid, c->metadata.uid);
  EXPECT_EQ(v->metadata.creation_timestamp, c->metadata.creation_timestamp);
}

TEST_F(StoreTest, StatusUpdatesKeepTheSpec) {
  auto c = store_.Create("ns", Cassandra("c"));
  ASSERT_TRUE(c.ok());
  api::CassandraCluster changed = *c;
  changed.spec.node_pools[0].replicas = 9;
  changed.status.node_pools["np"].ready_replicas = 2;
  auto s = store_.UpdateStatus("ns", "c", Encode(changed));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->spec.node_pools[0].replicas, 1);
  EXPECT_EQ(s->status.node_pools.at("np").ready_replicas, 2);
}

TEST_F(StoreTest, DeleteHonoursPreconditions) {
  auto c = store_.Create("ns", Cassandra("c"));
  ASSERT_TRUE(c.ok());
  DeleteOptions wrong_uid{.preconditions = {.uid = "nope"}};
  auto d = store_.Delete("ns", "c", wrong_uid);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kConflict);
  EXPECT_THAT(d.status().message(), HasSubstr("Precondition failed: UID in precondition: nope"));
  DeleteOptions right{
      .preconditions = {.uid = c->metadata.uid, .resource_version = c->metadata.resource_version}};
  EXPECT_TRUE(store_.Delete("ns", "c", right).ok());
  EXPECT_EQ(store_.Delete("ns", "c", {}).status().code(), StatusCode::kNotFound);
}

TEST_F(StoreTest, FinalizersMakeDeletionGraceful) {
  auto c = store_.Create("ns", Cassandra("c", R"(,"finalizers":["example.com/hold"])"));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  auto marked = store_.Delete("ns", "c", {});
  ASSERT_TRUE(marked.ok());
  EXPECT_TRUE(marked->metadata.deletion_timestamp.has_value());
  ASSERT_TRUE(store_.Get("ns", "c").ok());

  api::CassandraCluster release = *marked;
  release.metadata.finalizers.clear();
  ASSERT_TRUE(store_.Update("ns", "c", Encode(release)).ok());
  EXPECT_EQ(store_.Get("ns", "c").status().code(), StatusCode::kNotFound);
}

TEST_F(StoreTest, ConcurrentReadModifyWriteLosesNothing) {
  ASSERT_TRUE(store_.Create("ns", Cassandra("c")).ok());
  constexpr int kWriters = 6, kIncrements = 25;
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&] {
      for (int i = 0; i < kIncrements; ++i) {
        for (;;) {
          auto current = store_.Get("ns", "c");
          ASSERT_TRUE(current.ok());
          api::CassandraCluster next = *current;
          next.spec.node_pools[0].replicas = *next.spec.node_pools[0].replicas + 1;
          auto r = store_.Update("ns", "c", Encode(next));
          if (r.ok()) break;
          ASSERT_EQ(r.status().code(), StatusCode::kConflict) << r.status().ToString();
        }
      }
    });
  }
  for (auto& t : writers) t.join();
  EXPECT_EQ(store_.Get("ns", "c")->spec.node_pools[0].replicas, 1 + kWriters * kIncrements);
}

TEST_F(StoreTest, MergePatchGoesThroughDefaultsAndValidation) {
  ASSERT_TRUE(store_.Create("ns", Cassandra("c")).ok());
  auto p = store_.Patch("ns", "c",
                        R"({"spec":{"nodePools":[{"name":"np","replicas":4}]},)"
                        R"("metadata":{"labels":{"a":"b"}}})",
                        PatchType::kMerge, /*status_only=*/false);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->spec.node_pools[0].replicas, 4);
  EXPECT_EQ(p->spec.node_pools[0].rack, "np");  // defaulted again
  EXPECT_EQ(p->metadata.labels.at("a"), "b");
  EXPECT_EQ(p->metadata.generation, 2);

  auto invalid =
      store_.Patch("ns", "c", R"({"spec":{"version":"3.11.1"}})", PatchType::kMerge, false);
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.status().code(), StatusCode::kInvalid);  // a downgrade
  auto rename = store_.Patch("ns", "c", R"({"metadata":{"name":"d"}})", PatchType::kMerge, false);
  EXPECT_EQ(rename.status().code(), StatusCode::kBadRequest);
  EXPECT_EQ(store_.Patch("ns", "nope", "{}", PatchType::kMerge, false).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_.Patch("ns", "c", "[1]", PatchType::kMerge, false).status().code(),
            StatusCode::kBadRequest);
}

TEST_F(StoreTest, ListsPerNamespaceAndClusterWide) {
  ASSERT_TRUE(store_.Create("a", Cassandra("x")).ok());
  ASSERT_TRUE(store_.Create("a", Cassandra("y")).ok());
  ASSERT_TRUE(store_.Create("b", Cassandra("x")).ok());
  EXPECT_EQ(store_.List("a")->items.size(), 2u);
  EXPECT_EQ(store_.List("b")->items.size(), 1u);
  auto all = store_.List("");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->items.size(), 3u);
  EXPECT_FALSE(all->metadata.resource_version.empty());
}

}  // namespace
}  // namespace navigator::registry
