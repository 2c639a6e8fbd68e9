// Store<T>::Watch: kube-apiserver's resourceVersion semantics, selectors,
// initial events and slow watchers, over the in-memory storage, with and
// without the watch cache.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "navigator/apiserver/registry/store.h"
#include "navigator/storage/memory_storage.h"

namespace navigator::registry {
namespace {

using namespace std::chrono_literals;
using ::testing::ElementsAre;
using watch::EventType;

std::string Pilot(std::string_view name, std::string_view labels = "{}") {
  return fmt::format(R"({{"apiVersion":"navigator.jetstack.io/v1alpha1","kind":"Pilot",)"
                     R"("metadata":{{"name":"{}","labels":{}}}}})",
                     name, labels);
}

// "ADDED a@5" for an event on object a at revision 5; "BOOKMARK@5 end".
std::string Describe(const watch::Event<api::Pilot>& e) {
  switch (e.type) {
    case EventType::kBookmark:
      return fmt::format("BOOKMARK{}", e.initial_events_end ? " end" : "");
    case EventType::kError:
      return fmt::format("ERROR {}", HttpStatus(e.error.code()));
    default:
      return fmt::format("{} {}", watch::EventTypeName(e.type), e.object->object.metadata.name);
  }
}

// Waits until `n` events arrived (or the watcher ended), up to 5s.
std::vector<std::string> Collect(watch::Subscription<api::Pilot>& s, std::size_t n) {
  std::vector<std::string> out;
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (out.size() < n && std::chrono::steady_clock::now() < deadline) {
    auto batch = s.watcher().Take();
    for (const auto& e : batch.events) out.push_back(Describe(e));
    if (batch.ended != watch::EndReason::kNone) break;
    if (out.size() < n) std::this_thread::sleep_for(5ms);
  }
  return out;
}

class StoreWatchTest : public ::testing::TestWithParam<bool> {
 protected:
  StoreWatchTest() {
    context_.watch_cache = GetParam();
    context_.watch_cache_options.watcher_capacity = 8;
    store_ = std::make_unique<Store<api::Pilot>>(context_);
    if (auto* cache = const_cast<watch::WatchCache<api::Pilot>*>(store_->watch_cache())) {
      EXPECT_TRUE(cache->WaitUntilReady(5s));
    }
  }

  int64_t Rv(const Result<api::Pilot>& p) { return std::stoll(p->metadata.resource_version); }

  ListOptions Options(std::string rv = "") {
    ListOptions o;
    o.watch = true;
    o.resource_version = std::move(rv);
    return o;
  }

  storage::MemoryStorage storage_;
  FakeClock clock_{std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000))};
  DefaultRandom random_{3};
  StoreContext context_{&storage_, "/registry", &clock_, &random_};
  std::unique_ptr<Store<api::Pilot>> store_;
};

TEST_P(StoreWatchTest, UnsetResourceVersionSendsTheStateThenChanges) {
  ASSERT_TRUE(store_->Create("ns", Pilot("a")).ok());
  ASSERT_TRUE(store_->Create("other", Pilot("b")).ok());
  auto s = store_->Watch("ns", Options());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_THAT(Collect(*s, 1), ElementsAre("ADDED a"));
  ASSERT_TRUE(
      store_->Patch("ns", "a", R"({"metadata":{"labels":{"x":"y"}}})", PatchType::kMerge, false)
          .ok());
  ASSERT_TRUE(store_->Create("ns", Pilot("c")).ok());
  ASSERT_TRUE(store_->Delete("ns", "a", {}).ok());
  EXPECT_THAT(Collect(*s, 3), ElementsAre("MODIFIED a", "ADDED c", "DELETED a"));
}

TEST_P(StoreWatchTest, ResourceVersionNSendsEveryChangeAfterN) {
  auto a = store_->Create("ns", Pilot("a"));
  ASSERT_TRUE(store_->Create("ns", Pilot("b")).ok());
  ASSERT_TRUE(store_->Delete("ns", "a", {}).ok());
  auto s = store_->Watch("", Options(std::to_string(Rv(a))));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_THAT(Collect(*s, 2), ElementsAre("ADDED b", "DELETED a"));
}

TEST_P(StoreWatchTest, ResourceVersionZeroStartsFromAnyState) {
  ASSERT_TRUE(store_->Create("ns", Pilot("a")).ok());
  // The cache may still be catching up with the write: wait for it.
  if (auto* cache = store_->watch_cache()) {
    for (int i = 0; i < 500 && cache->revision() < storage_.CurrentRevision().value(); ++i) {
      std::this_thread::sleep_for(5ms);
    }
  }
  auto s = store_->Watch("ns", Options("0"));
  ASSERT_TRUE(s.ok());
  EXPECT_THAT(Collect(*s, 1), ElementsAre("ADDED a"));
}

TEST_P(StoreWatchTest, CompactedResourceVersionIsA410InTheStream) {
  auto a = store_->Create("ns", Pilot("a"));
  ASSERT_TRUE(store_->Create("ns", Pilot("b")).ok());
  ASSERT_TRUE(storage_.Compact(storage_.CurrentRevision().value()).ok());
  auto s = store_->Watch("ns", Options(std::to_string(Rv(a) - 1)));
  ASSERT_TRUE(s.ok());
  // Revisions before the cache's start are not in its history either.
  EXPECT_THAT(Collect(*s, 1), ElementsAre("ERROR 410"));
}

TEST_P(StoreWatchTest, TooLargeResourceVersionIsA504) {
  auto s = store_->Watch("ns", Options("999999"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kTimeout);
  EXPECT_THAT(s.status().message(), ::testing::HasSubstr("Too large resource version"));
}

TEST_P(StoreWatchTest, LabelSelectorTurnsTransitionsIntoAddedAndDeleted) {
  ListOptions o = Options();
  o.label_selector = api::LabelSelector::Parse("app=es").value();
  auto s = store_->Watch("ns", o);
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(store_->Create("ns", Pilot("a")).ok());
  ASSERT_TRUE(
      store_->Patch("ns", "a", R"({"metadata":{"labels":{"app":"es"}}})", PatchType::kMerge, false)
          .ok());
  ASSERT_TRUE(
      store_
          ->Patch("ns", "a", R"({"metadata":{"labels":{"app":"other"}}})", PatchType::kMerge, false)
          .ok());
  ASSERT_TRUE(store_->Create("ns", Pilot("b", R"({"app":"es"})")).ok());
  if (GetParam()) {
    EXPECT_THAT(Collect(*s, 3), ElementsAre("ADDED a", "DELETED a", "ADDED b"));
  } else {
    // Straight from storage there is no previous state: a change into the
    // selection is a MODIFIED and one out of it is not seen.
    EXPECT_THAT(Collect(*s, 2), ElementsAre("MODIFIED a", "ADDED b"));
  }
}

TEST_P(StoreWatchTest, FieldSelectorOnNameWatchesOneObject) {
  ListOptions o = Options();
  o.field_selector = api::FieldSelector::Parse("metadata.name=b").value();
  auto s = store_->Watch("ns", o);
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(store_->Create("ns", Pilot("a")).ok());
  ASSERT_TRUE(store_->Create("ns", Pilot("b")).ok());
  ASSERT_TRUE(store_->Create("ns", Pilot("bb")).ok());
  ASSERT_TRUE(store_->Delete("ns", "b", {}).ok());
  EXPECT_THAT(Collect(*s, 2), ElementsAre("ADDED b", "DELETED b"));
}

TEST_P(StoreWatchTest, UnsupportedFieldSelectorIsA400) {
  ListOptions o = Options();
  o.field_selector = api::FieldSelector::Parse("spec.nope=1").value();
  auto s = store_->Watch("ns", o);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kBadRequest);
}

TEST_P(StoreWatchTest, SendInitialEventsEndsTheStateWithABookmark) {
  ASSERT_TRUE(store_->Create("ns", Pilot("a")).ok());
  ListOptions o = Options();
  o.send_initial_events = true;
  o.allow_watch_bookmarks = true;
  o.resource_version_match = ResourceVersionMatch::kNotOlderThan;
  auto s = store_->Watch("ns", o);
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(store_->Create("ns", Pilot("b")).ok());
  EXPECT_THAT(Collect(*s, 3), ElementsAre("ADDED a", "BOOKMARK end", "ADDED b"));
}

TEST_P(StoreWatchTest, AWatcherThatFallsBehindIsEndedAndOthersCarryOn) {
  auto stalled = store_->Watch("ns", Options());
  auto reader = store_->Watch("ns", Options());
  ASSERT_TRUE(stalled.ok() && reader.ok());
  std::vector<std::string> seen;
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(store_->Create("ns", Pilot(fmt::format("p{}", i))).ok());
    for (auto& d : Collect(*reader, 1)) seen.push_back(d);
  }
  EXPECT_EQ(seen.size(), 20u);
  // The stalled one (capacity 8) got what fitted, then was ended.
  auto batch = stalled->watcher().Take();
  EXPECT_EQ(batch.ended, watch::EndReason::kOverflow);
  EXPECT_LE(batch.events.size(), 8u);
}

INSTANTIATE_TEST_SUITE_P(WithAndWithoutCache, StoreWatchTest, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "Cached" : "Uncached"; });

}  // namespace
}  // namespace navigator::registry
