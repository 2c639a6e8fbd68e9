// Store<T> LIST paging and selectors, dryRun, garbage-collector finalizers
// and DELETE on a collection, over the in-memory storage.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "navigator/apiserver/registry/store.h"
#include "navigator/storage/memory_storage.h"

namespace navigator::registry {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string Pilot(std::string_view name, std::string_view labels = "{}",
                  std::string_view finalizers = "[]") {
  return fmt::format(R"({{"apiVersion":"navigator.jetstack.io/v1alpha1","kind":"Pilot",)"
                     R"("metadata":{{"name":"{}","labels":{},"finalizers":{}}}}})",
                     name, labels, finalizers);
}

std::vector<std::string> Names(const ListOf<api::Pilot>& list) {
  std::vector<std::string> out;
  for (const auto& p : list.items) out.push_back(p.metadata.name);
  return out;
}

class StoreListTest : public ::testing::Test {
 protected:
  StoreListTest() { context_.watch_cache = false; }

  void CreateTen() {
    for (int i = 0; i < 10; ++i) {
      auto labels = fmt::format(R"({{"n":"{}","parity":"{}"}})", i, i % 2 ? "odd" : "even");
      ASSERT_TRUE(store_.Create("ns", Pilot(fmt::format("p{}", i), labels)).ok());
    }
  }

  storage::MemoryStorage storage_;
  FakeClock clock_{std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000))};
  DefaultRandom random_{3};
  StoreContext context_{&storage_, "/registry", &clock_, &random_};
  Store<api::Pilot> store_{context_};
};

TEST_F(StoreListTest, PagesThroughAConsistentSnapshot) {
  CreateTen();
  ListOptions o;
  o.limit = 4;
  auto first = store_.List("ns", o);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_THAT(Names(*first), ElementsAre("p0", "p1", "p2", "p3"));
  EXPECT_EQ(first->metadata.remaining_item_count, 6);
  ASSERT_FALSE(first->metadata.continue_.empty());

  // A write between pages does not show: the pages read one revision.
  ASSERT_TRUE(store_.Create("ns", Pilot("p5a")).ok());
  o.continue_token = first->metadata.continue_;
  auto second = store_.List("ns", o);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_THAT(Names(*second), ElementsAre("p4", "p5", "p6", "p7"));
  EXPECT_EQ(second->metadata.resource_version, first->metadata.resource_version);
  o.continue_token = second->metadata.continue_;
  auto third = store_.List("ns", o);
  ASSERT_TRUE(third.ok());
  EXPECT_THAT(Names(*third), ElementsAre("p8", "p9"));
  EXPECT_TRUE(third->metadata.continue_.empty());
  EXPECT_FALSE(third->metadata.remaining_item_count.has_value());
}

TEST_F(StoreListTest, SelectorsFilterAcrossPages) {
  CreateTen();
  ListOptions o;
  o.limit = 2;
  o.label_selector = api::LabelSelector::Parse("parity=odd,n notin (3)").value();
  std::vector<std::string> all;
  for (int pages = 0; pages < 10; ++pages) {
    auto page = store_.List("ns", o);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    EXPECT_LE(page->items.size(), 2u);
    EXPECT_FALSE(page->metadata.remaining_item_count.has_value());  // unknown with selectors
    for (auto& n : Names(*page)) all.push_back(n);
    if (page->metadata.continue_.empty()) break;
    o.continue_token = page->metadata.continue_;
  }
  EXPECT_THAT(all, ElementsAre("p1", "p5", "p7", "p9"));

  ListOptions by_field;
  by_field.field_selector =
      api::FieldSelector::Parse("metadata.name!=p0,metadata.namespace=ns").value();
  EXPECT_EQ(store_.List("ns", by_field)->items.size(), 9u);
  by_field.field_selector = api::FieldSelector::Parse("spec.replicas=1").value();
  auto unsupported = store_.List("ns", by_field);
  ASSERT_FALSE(unsupported.ok());
  EXPECT_EQ(unsupported.status().code(), StatusCode::kBadRequest);
  EXPECT_THAT(unsupported.status().message(), HasSubstr("spec.replicas"));
}

TEST_F(StoreListTest, AnExpiredContinueTokenIsA410) {
  CreateTen();
  ListOptions o;
  o.limit = 3;
  auto first = store_.List("ns", o);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(store_.Create("ns", Pilot("later")).ok());
  ASSERT_TRUE(storage_.Compact(storage_.CurrentRevision().value()).ok());
  o.continue_token = first->metadata.continue_;
  auto next = store_.List("ns", o);
  ASSERT_FALSE(next.ok());
  EXPECT_EQ(next.status().code(), StatusCode::kGone);
  EXPECT_THAT(next.status().message(), HasSubstr("continue parameter is too old"));

  o.continue_token = "not-a-token";
  EXPECT_EQ(store_.List("ns", o).status().code(), StatusCode::kBadRequest);
}

TEST_F(StoreListTest, ResourceVersionMatchExactReadsThePast) {
  auto a = store_.Create("ns", Pilot("a"));
  ASSERT_TRUE(store_.Create("ns", Pilot("b")).ok());
  ListOptions o;
  o.resource_version = a->metadata.resource_version;
  o.resource_version_match = ResourceVersionMatch::kExact;
  EXPECT_THAT(Names(*store_.List("ns", o)), ElementsAre("a"));
  o.resource_version_match = ResourceVersionMatch::kNotOlderThan;
  EXPECT_THAT(Names(*store_.List("ns", o)), ElementsAre("a", "b"));
  o.resource_version = "99999";
  EXPECT_EQ(store_.List("ns", o).status().code(), StatusCode::kTimeout);
}

TEST_F(StoreListTest, DryRunRunsEverythingAndStoresNothing) {
  const int64_t before = storage_.CurrentRevision().value();
  WriteOptions dry{.dry_run = true};
  auto created = store_.Create("ns", Pilot("a"), dry);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_FALSE(created->metadata.uid.empty());
  EXPECT_TRUE(created->metadata.resource_version.empty());
  EXPECT_EQ(store_.Get("ns", "a").status().code(), StatusCode::kNotFound);
  // Validation still runs.
  EXPECT_EQ(store_.Create("ns", Pilot("bad%name"), dry).status().code(), StatusCode::kInvalid);
  EXPECT_EQ(storage_.CurrentRevision().value(), before);

  ASSERT_TRUE(store_.Create("ns", Pilot("a")).ok());
  const int64_t stored = storage_.CurrentRevision().value();
  EXPECT_EQ(store_.Create("ns", Pilot("a"), dry).status().code(), StatusCode::kAlreadyExists);
  auto patched = store_.Patch("ns", "a", R"({"metadata":{"labels":{"x":"y"}}})", PatchType::kMerge,
                              false, dry);
  ASSERT_TRUE(patched.ok()) << patched.status().ToString();
  EXPECT_EQ(patched->metadata.labels.at("x"), "y");
  EXPECT_TRUE(store_.Get("ns", "a")->metadata.labels.empty());
  DeleteOptions dry_delete;
  dry_delete.dry_run = true;
  ASSERT_TRUE(store_.Delete("ns", "a", dry_delete).ok());
  EXPECT_TRUE(store_.Get("ns", "a").ok());
  EXPECT_EQ(storage_.CurrentRevision().value(), stored);
}

TEST_F(StoreListTest, PropagationPoliciesSetTheGarbageCollectorsFinalizers) {
  ASSERT_TRUE(store_.Create("ns", Pilot("orphan")).ok());
  DeleteOptions orphan;
  orphan.propagation_policy = "Orphan";
  auto marked = store_.Delete("ns", "orphan", orphan);
  ASSERT_TRUE(marked.ok()) << marked.status().ToString();
  EXPECT_THAT(marked->metadata.finalizers, ElementsAre("orphan"));
  EXPECT_TRUE(marked->metadata.deletion_timestamp.has_value());

  ASSERT_TRUE(store_.Create("ns", Pilot("fg", "{}", R"(["example.com/keep"])")).ok());
  DeleteOptions foreground;
  foreground.propagation_policy = "Foreground";
  auto fg = store_.Delete("ns", "fg", foreground);
  ASSERT_TRUE(fg.ok());
  EXPECT_THAT(fg->metadata.finalizers, ElementsAre("example.com/keep", "foregroundDeletion"));

  // Background drops the GC finalizers; the other one still holds the object.
  DeleteOptions background;
  background.propagation_policy = "Background";
  auto bg = store_.Delete("ns", "fg", background);
  ASSERT_TRUE(bg.ok());
  EXPECT_THAT(bg->metadata.finalizers, ElementsAre("example.com/keep"));

  // Removing the last finalizer completes the deletion.
  ASSERT_TRUE(
      store_.Patch("ns", "fg", R"({"metadata":{"finalizers":null}})", PatchType::kMerge, false)
          .ok());
  EXPECT_EQ(store_.Get("ns", "fg").status().code(), StatusCode::kNotFound);

  ASSERT_TRUE(store_.Create("ns", Pilot("plain")).ok());
  ASSERT_TRUE(store_.Delete("ns", "plain", background).ok());
  EXPECT_EQ(store_.Get("ns", "plain").status().code(), StatusCode::kNotFound);
}

TEST_F(StoreListTest, DeleteCollectionDeletesWhatTheSelectorsMatch) {
  CreateTen();
  ListOptions o;
  o.label_selector = api::LabelSelector::Parse("parity=even").value();
  DeleteOptions d;
  auto deleted = store_.DeleteCollection("ns", o, d);
  ASSERT_TRUE(deleted.ok()) << deleted.status().ToString();
  EXPECT_THAT(Names(*deleted), ElementsAre("p0", "p2", "p4", "p6", "p8"));
  EXPECT_THAT(Names(*store_.List("ns")), ElementsAre("p1", "p3", "p5", "p7", "p9"));

  d.dry_run = true;
  auto dry = store_.DeleteCollection("ns", {}, d);
  ASSERT_TRUE(dry.ok());
  EXPECT_EQ(dry->items.size(), 5u);
  EXPECT_EQ(store_.List("ns")->items.size(), 5u);
}

TEST_F(StoreListTest, ANoOpUpdateWritesNothing) {
  auto a = store_.Create("ns", Pilot("a"));
  const int64_t rv = storage_.CurrentRevision().value();
  auto same = store_.Patch("ns", "a", "{}", PatchType::kMerge, false);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->metadata.resource_version, a->metadata.resource_version);
  EXPECT_EQ(storage_.CurrentRevision().value(), rv);
}

}  // namespace
}  // namespace navigator::registry
