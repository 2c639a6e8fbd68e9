// How Store<T> uses its watch cache outside watches: updates start from the
// cached copy (one storage round trip), lists share the cached objects and
// their serialised form. Over the in-memory storage behind a decorator that
// records the copies storage was handed.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <thread>

#include "navigator/api/navigator/codec.h"
#include "navigator/apiserver/registry/store.h"
#include "navigator/storage/memory_storage.h"

namespace navigator::registry {
namespace {

using namespace std::chrono_literals;
using storage::KeyValue;

// Forwards to a MemoryStorage; remembers every copy GuaranteedUpdateFrom got.
class CopyRecordingStorage final : public storage::Storage {
 public:
  Result<KeyValue> Create(const std::string& key, const std::string& value) override {
    return inner_.Create(key, value);
  }
  Result<KeyValue> Get(const std::string& key) override { return inner_.Get(key); }
  Result<KeyValue> GuaranteedUpdate(const std::string& key, int64_t expected,
                                    const storage::UpdateFunction& update) override {
    return inner_.GuaranteedUpdate(key, expected, update);
  }
  Result<KeyValue> GuaranteedUpdateFrom(const KeyValue& cached, int64_t expected,
                                        const storage::UpdateFunction& update) override {
    {
      std::lock_guard lock(mu_);
      copies_.push_back(cached);
    }
    return inner_.GuaranteedUpdateFrom(cached, expected, update);
  }
  Result<KeyValue> Delete(const std::string& key,
                          const storage::DeletePrecondition& precondition) override {
    return inner_.Delete(key, precondition);
  }
  Result<storage::ListResult> List(const std::string& prefix,
                                   const storage::ListOptions& options) override {
    return inner_.List(prefix, options);
  }
  Result<std::unique_ptr<storage::Watch>> WatchPrefix(const std::string& prefix, int64_t start,
                                                      storage::WatchHandler handler) override {
    return inner_.WatchPrefix(prefix, start, std::move(handler));
  }
  Result<int64_t> CurrentRevision() override { return inner_.CurrentRevision(); }
  Status Compact(int64_t revision) override { return inner_.Compact(revision); }
  Status Check() override { return inner_.Check(); }

  std::vector<KeyValue> copies() const {
    std::lock_guard lock(mu_);
    return copies_;
  }

 private:
  storage::MemoryStorage inner_;
  mutable std::mutex mu_;
  std::vector<KeyValue> copies_;
};

std::string Pilot(std::string_view name, std::string_view rv = "", std::string_view labels = "{}") {
  return fmt::format(R"({{"apiVersion":"navigator.jetstack.io/v1alpha1","kind":"Pilot",)"
                     R"("metadata":{{"name":"{}","resourceVersion":"{}","labels":{}}}}})",
                     name, rv, labels);
}

class StoreCacheTest : public ::testing::Test {
 protected:
  StoreCacheTest() {
    EXPECT_TRUE(const_cast<watch::WatchCache<api::Pilot>&>(cache()).WaitUntilReady(5s));
  }

  const watch::WatchCache<api::Pilot>& cache() const { return *store_.watch_cache(); }

  // Waits until the cache has applied `revision`.
  void AwaitCache(const std::string& revision) {
    const int64_t wanted = std::stoll(revision);
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (cache().revision() < wanted && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(1ms);
    }
    ASSERT_GE(cache().revision(), wanted);
  }

  CopyRecordingStorage storage_;
  FakeClock clock_{std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000))};
  DefaultRandom random_{5};
  Store<api::Pilot> store_{StoreContext{&storage_, "/registry", &clock_, &random_}};
};

TEST_F(StoreCacheTest, UpdateStartsFromTheCachedCopy) {
  auto created = store_.Create("ns", Pilot("a", "", R"({"v":"1"})"));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  AwaitCache(created->metadata.resource_version);

  auto updated =
      store_.Update("ns", "a", Pilot("a", created->metadata.resource_version, R"({"v":"2"})"));
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->metadata.labels.at("v"), "2");
  EXPECT_EQ(updated->metadata.uid, created->metadata.uid);
  ASSERT_EQ(storage_.copies().size(), 1u);
  EXPECT_EQ(storage_.copies()[0].key, store_.Key("ns", "a"));
  EXPECT_EQ(std::to_string(storage_.copies()[0].mod_revision), created->metadata.resource_version);

  auto got = store_.Get("ns", "a");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->metadata.resource_version, updated->metadata.resource_version);
  EXPECT_EQ(got->metadata.labels.at("v"), "2");
}

TEST_F(StoreCacheTest, UpdateWithAStaleResourceVersionIsStillAConflict) {
  auto created = store_.Create("ns", Pilot("a"));
  ASSERT_TRUE(created.ok());
  auto second =
      store_.Update("ns", "a", Pilot("a", created->metadata.resource_version, R"({"v":"2"})"));
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  AwaitCache(second->metadata.resource_version);

  auto stale =
      store_.Update("ns", "a", Pilot("a", created->metadata.resource_version, R"({"v":"3"})"));
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().code(), StatusCode::kConflict) << stale.status().ToString();
  EXPECT_EQ(store_.Get("ns", "a")->metadata.labels.at("v"), "2");
}

TEST_F(StoreCacheTest, PatchOnACachedCopyAppliesToTheStoredObject) {
  auto created = store_.Create("ns", Pilot("a", "", R"({"v":"1"})"));
  ASSERT_TRUE(created.ok());
  AwaitCache(created->metadata.resource_version);
  auto patched = store_.Patch("ns", "a", R"({"metadata":{"labels":{"w":"x"}}})", PatchType::kMerge,
                              /*status_only=*/false);
  ASSERT_TRUE(patched.ok()) << patched.status().ToString();
  EXPECT_EQ(patched->metadata.labels.at("v"), "1");
  EXPECT_EQ(patched->metadata.labels.at("w"), "x");
  EXPECT_EQ(storage_.copies().size(), 1u);
}

TEST_F(StoreCacheTest, ListSharesTheCachedObjectsAndTheirWireForm) {
  std::string last;
  for (const char* name : {"a", "b", "c"}) {
    auto created = store_.Create("ns", Pilot(name));
    ASSERT_TRUE(created.ok());
    last = created->metadata.resource_version;
  }
  AwaitCache(last);

  auto list = store_.ListShared("ns");
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->items.size(), 3u);
  for (const auto& item : list->items) {
    EXPECT_EQ(item.get(), cache().Get(item->stored.key).get()) << item->stored.key;
    EXPECT_EQ(item->json, boost::json::serialize(api::EncodeObject(item->object)));
  }
  EXPECT_EQ(list->metadata.resource_version, last);

  // The typed list is the same objects.
  auto typed = store_.List("ns");
  ASSERT_TRUE(typed.ok());
  ASSERT_EQ(typed->items.size(), 3u);
  EXPECT_EQ(typed->items[2].metadata.name, "c");
  EXPECT_EQ(typed->items[2].metadata.resource_version, last);
}

}  // namespace
}  // namespace navigator::registry
