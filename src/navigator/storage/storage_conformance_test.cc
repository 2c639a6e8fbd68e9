// One suite, two backends: every TEST_P runs against MemoryStorage and against
// Etcd3Storage on a real etcd (tests/support/etcd_server.h), each test under a
// fresh key prefix. The Etcd3StorageTest cases cover what only etcd has:
// failover, TLS, restarts and health checks.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "navigator/storage/etcd3_storage.h"
#include "navigator/storage/memory_storage.h"
#include "navigator/storage/storage.h"
#include "tests/support/etcd_server.h"

namespace navigator::storage {
namespace {

using namespace std::chrono_literals;
using test_support::EtcdServer;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr auto kWaitTimeout = 15s;

// Collects what a watch delivers; the waits time out instead of hanging.
class Recorder {
 public:
  WatchHandler Handler() {
    return WatchHandler{[this](const WatchEvent& event) {
                          std::lock_guard lock(mu_);
                          events_.push_back(event);
                          cv_.notify_all();
                        },
                        [this](const Status& error) {
                          std::lock_guard lock(mu_);
                          errors_.push_back(error);
                          cv_.notify_all();
                        }};
  }

  bool WaitForEvents(size_t count, std::chrono::milliseconds timeout = kWaitTimeout) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return events_.size() >= count; });
  }
  bool WaitForError(std::chrono::milliseconds timeout = kWaitTimeout) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return !errors_.empty(); });
  }
  std::vector<WatchEvent> events() {
    std::lock_guard lock(mu_);
    return events_;
  }
  std::vector<Status> errors() {
    std::lock_guard lock(mu_);
    return errors_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<WatchEvent> events_;
  std::vector<Status> errors_;
};

std::string Describe(const WatchEvent& e) {
  const char* type = e.type == EventType::kAdded      ? "ADDED"
                     : e.type == EventType::kModified ? "MODIFIED"
                                                      : "DELETED";
  return std::string(type) + " " + e.kv.key + "=" + e.kv.value + " c" +
         std::to_string(e.kv.create_revision) + " m" + std::to_string(e.kv.mod_revision);
}

std::vector<std::string> Describe(const std::vector<WatchEvent>& events) {
  std::vector<std::string> out;
  for (const WatchEvent& e : events) out.push_back(Describe(e));
  return out;
}

std::vector<std::string> Keys(const ListResult& list) {
  std::vector<std::string> keys;
  for (const KeyValue& kv : list.items) keys.push_back(kv.key);
  return keys;
}

UpdateFunction SetValue(std::string value) {
  return [value](const KeyValue&) -> Result<std::string> {
    return value;
  };
}

std::string TestPrefix() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = std::string(info->test_suite_name()) + "." + info->name();
  for (char& c : name) {
    if (c == '/') c = '_';
  }
  static std::atomic<int> counter{0};
  return "/conformance/" + name + "/" + std::to_string(counter++) + "/";
}

Etcd3Options OptionsFor(const EtcdServer& server) {
  Etcd3Options options;
  options.endpoints = {server.endpoint()};
  options.request_timeout = 5s;
  return options;
}

#define ASSERT_OK(expr)                                              \
  do {                                                               \
    const auto& assert_ok_ = (expr);                                 \
    ASSERT_TRUE(assert_ok_.ok()) << StatusOf(assert_ok_).ToString(); \
  } while (false)

const Status& StatusOf(const Status& s) {
  return s;
}
template <typename T>
Status StatusOf(const Result<T>& r) {
  return r.ok() ? OkStatus() : r.status();
}

// ---------------------------------------------------------------------------
// The conformance suite.

enum class Backend { kMemory, kEtcd };

void PrintTo(Backend backend, std::ostream* os) {
  *os << (backend == Backend::kMemory ? "Memory" : "Etcd");
}

class StorageConformanceTest : public ::testing::TestWithParam<Backend> {
 protected:
  // One etcd per test process (ctest runs every test in a process of its own).
  static void TearDownTestSuite() {
    delete etcd_;
    etcd_ = nullptr;
  }

  void SetUp() override {
    if (GetParam() == Backend::kMemory) {
      storage_ = std::make_unique<MemoryStorage>();
    } else {
      if (etcd_ == nullptr) {
        auto server = EtcdServer::Start();
        ASSERT_TRUE(server.ok()) << server.status().ToString();
        etcd_ = server->release();
      }
      auto storage = Etcd3Storage::New(OptionsFor(*etcd_));
      ASSERT_TRUE(storage.ok()) << storage.status().ToString();
      storage_ = std::move(*storage);
    }
    prefix_ = TestPrefix();
  }

  int64_t Revision() {
    auto revision = storage_->CurrentRevision();
    EXPECT_TRUE(revision.ok()) << revision.status().ToString();
    return revision.ok() ? *revision : -1;
  }

  std::string Key(const std::string& name) const { return prefix_ + name; }

  static EtcdServer* etcd_;
  std::unique_ptr<Storage> storage_;
  std::string prefix_;
};

EtcdServer* StorageConformanceTest::etcd_ = nullptr;

TEST_P(StorageConformanceTest, CreateThenGet) {
  auto created = storage_->Create(Key("a"), "one");
  ASSERT_OK(created);
  EXPECT_EQ(created->key, Key("a"));
  EXPECT_EQ(created->value, "one");
  EXPECT_GT(created->create_revision, 0);
  EXPECT_EQ(created->create_revision, created->mod_revision);
  EXPECT_EQ(Revision(), created->mod_revision);

  auto got = storage_->Get(Key("a"));
  ASSERT_OK(got);
  EXPECT_EQ(*got, *created);
}

TEST_P(StorageConformanceTest, CreateOfExistingKeyIsAlreadyExists) {
  ASSERT_OK(storage_->Create(Key("a"), "one"));
  const int64_t before = Revision();
  auto again = storage_->Create(Key("a"), "two");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists) << again.status().ToString();
  EXPECT_EQ(Revision(), before);
  EXPECT_EQ(storage_->Get(Key("a"))->value, "one");
}

TEST_P(StorageConformanceTest, MissingKeysAreNotFound) {
  auto got = storage_->Get(Key("missing"));
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), StatusCode::kNotFound);

  bool called = false;
  auto updated = storage_->GuaranteedUpdate(Key("missing"), 0, [&](const KeyValue&) {
    called = true;
    return Result<std::string>("x");
  });
  ASSERT_FALSE(updated.ok());
  EXPECT_EQ(updated.status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(called);

  auto deleted = storage_->Delete(Key("missing"), nullptr);
  ASSERT_FALSE(deleted.ok());
  EXPECT_EQ(deleted.status().code(), StatusCode::kNotFound);
}

TEST_P(StorageConformanceTest, EmptyKeyIsBadRequest) {
  EXPECT_EQ(StatusOf(storage_->Create("", "x")).code(), StatusCode::kBadRequest);
  EXPECT_EQ(StatusOf(storage_->Get("")).code(), StatusCode::kBadRequest);
}

TEST_P(StorageConformanceTest, RevisionsIncreaseAndTrackCreateAndModify) {
  auto a = storage_->Create(Key("a"), "1");
  ASSERT_OK(a);
  auto b = storage_->Create(Key("b"), "1");
  ASSERT_OK(b);
  EXPECT_GT(b->mod_revision, a->mod_revision);

  auto a2 = storage_->GuaranteedUpdate(Key("a"), 0, SetValue("2"));
  ASSERT_OK(a2);
  EXPECT_GT(a2->mod_revision, b->mod_revision);
  EXPECT_EQ(a2->create_revision, a->create_revision);
  EXPECT_EQ(a2->value, "2");
  EXPECT_EQ(*storage_->Get(Key("a")), *a2);

  auto a3 = storage_->GuaranteedUpdate(Key("a"), a2->mod_revision, SetValue("3"));
  ASSERT_OK(a3);
  EXPECT_GT(a3->mod_revision, a2->mod_revision);
  EXPECT_EQ(a3->create_revision, a->create_revision);
  EXPECT_EQ(Revision(), a3->mod_revision);

  // Re-creating a deleted key starts a new life: a new create revision.
  auto deleted = storage_->Delete(Key("a"), nullptr);
  ASSERT_OK(deleted);
  EXPECT_GT(deleted->mod_revision, a3->mod_revision);
  auto recreated = storage_->Create(Key("a"), "new");
  ASSERT_OK(recreated);
  EXPECT_GT(recreated->create_revision, deleted->mod_revision);
  EXPECT_EQ(recreated->create_revision, recreated->mod_revision);
}

TEST_P(StorageConformanceTest, GuaranteedUpdateWithStaleRevisionIsConflict) {
  auto created = storage_->Create(Key("a"), "1");
  ASSERT_OK(created);
  ASSERT_OK(storage_->GuaranteedUpdate(Key("a"), 0, SetValue("2")));

  bool called = false;
  auto stale = storage_->GuaranteedUpdate(Key("a"), created->mod_revision, [&](const KeyValue&) {
    called = true;
    return Result<std::string>("3");
  });
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().code(), StatusCode::kConflict) << stale.status().ToString();
  EXPECT_FALSE(called);
  EXPECT_EQ(storage_->Get(Key("a"))->value, "2");
}

TEST_P(StorageConformanceTest, GuaranteedUpdatePassesTheCurrentValue) {
  ASSERT_OK(storage_->Create(Key("a"), "x"));
  auto updated = storage_->GuaranteedUpdate(
      Key("a"), 0,
      [](const KeyValue& current) -> Result<std::string> { return current.value + "y"; });
  ASSERT_OK(updated);
  EXPECT_EQ(updated->value, "xy");
}

TEST_P(StorageConformanceTest, UpdateFunctionErrorAborts) {
  auto created = storage_->Create(Key("a"), "1");
  ASSERT_OK(created);
  auto result = storage_->GuaranteedUpdate(Key("a"), 0, [](const KeyValue&) -> Result<std::string> {
    return Status(StatusCode::kInvalid, "spec.replicas: must be positive");
  });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status(), Status(StatusCode::kInvalid, "spec.replicas: must be positive"));
  EXPECT_EQ(*storage_->Get(Key("a")), *created);
  EXPECT_EQ(Revision(), created->mod_revision);
}

TEST_P(StorageConformanceTest, GuaranteedUpdateRetriesAfterConcurrentWrite) {
  ASSERT_OK(storage_->Create(Key("a"), "1"));
  std::vector<std::string> seen;
  auto result =
      storage_->GuaranteedUpdate(Key("a"), 0, [&](const KeyValue& current) -> Result<std::string> {
        seen.push_back(current.value);
        if (seen.size() == 1) {
          // Another writer gets in between the read and the write.
          EXPECT_TRUE(storage_->GuaranteedUpdate(Key("a"), 0, SetValue("2")).ok());
        }
        return current.value + "+";
      });
  ASSERT_OK(result);
  EXPECT_THAT(seen, ElementsAre("1", "2"));
  EXPECT_EQ(result->value, "2+");
}

// GuaranteedUpdateFrom: the caller's copy saves a read when it is current
// and never changes the outcome when it is not.
TEST_P(StorageConformanceTest, GuaranteedUpdateFromCurrentCopy) {
  auto created = storage_->Create(Key("a"), "1");
  ASSERT_OK(created);
  std::vector<std::string> seen;
  auto result = storage_->GuaranteedUpdateFrom(*created, created->mod_revision,
                                               [&](const KeyValue& current) -> Result<std::string> {
                                                 seen.push_back(current.value);
                                                 return current.value + "+";
                                               });
  ASSERT_OK(result);
  EXPECT_THAT(seen, ElementsAre("1"));
  EXPECT_EQ(result->value, "1+");
  EXPECT_EQ(result->create_revision, created->create_revision);
  EXPECT_EQ(*storage_->Get(Key("a")), *result);
}

TEST_P(StorageConformanceTest, GuaranteedUpdateFromStaleCopyUpdatesTheStoredValue) {
  auto created = storage_->Create(Key("a"), "1");
  ASSERT_OK(created);
  ASSERT_OK(storage_->GuaranteedUpdate(Key("a"), 0, SetValue("2")));
  std::vector<std::string> seen;
  auto result = storage_->GuaranteedUpdateFrom(*created, 0,
                                               [&](const KeyValue& current) -> Result<std::string> {
                                                 seen.push_back(current.value);
                                                 return current.value + "+";
                                               });
  ASSERT_OK(result);
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back(), "2");
  EXPECT_EQ(result->value, "2+");
  EXPECT_EQ(storage_->Get(Key("a"))->value, "2+");
}

TEST_P(StorageConformanceTest, GuaranteedUpdateFromStaleCopyWithExpectedRevisionIsConflict) {
  auto created = storage_->Create(Key("a"), "1");
  ASSERT_OK(created);
  ASSERT_OK(storage_->GuaranteedUpdate(Key("a"), 0, SetValue("2")));
  auto stale = storage_->GuaranteedUpdateFrom(*created, created->mod_revision, SetValue("3"));
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().code(), StatusCode::kConflict) << stale.status().ToString();
  EXPECT_EQ(storage_->Get(Key("a"))->value, "2");
}

TEST_P(StorageConformanceTest, GuaranteedUpdateFromStaleCopyDecidesNoOpOnTheStoredValue) {
  // Setting "1" is a no-op on the stale copy but not on the stored "2".
  auto created = storage_->Create(Key("a"), "1");
  ASSERT_OK(created);
  ASSERT_OK(storage_->GuaranteedUpdate(Key("a"), 0, SetValue("2")));
  auto result = storage_->GuaranteedUpdateFrom(*created, 0, SetValue("1"));
  ASSERT_OK(result);
  EXPECT_EQ(result->value, "1");
  EXPECT_EQ(storage_->Get(Key("a"))->value, "1");
}

TEST_P(StorageConformanceTest, GuaranteedUpdateFromStaleCopyDecidesErrorsOnTheStoredValue) {
  auto created = storage_->Create(Key("a"), "1");
  ASSERT_OK(created);
  ASSERT_OK(storage_->GuaranteedUpdate(Key("a"), 0, SetValue("2")));
  auto result = storage_->GuaranteedUpdateFrom(
      *created, 0, [](const KeyValue& current) -> Result<std::string> {
        if (current.value == "1") return Status(StatusCode::kInvalid, "refused on the old value");
        return current.value + "+";
      });
  ASSERT_OK(result);
  EXPECT_EQ(result->value, "2+");
}

TEST_P(StorageConformanceTest, GuaranteedUpdateFromCopyOfDeletedKeyIsNotFound) {
  auto created = storage_->Create(Key("a"), "1");
  ASSERT_OK(created);
  ASSERT_OK(storage_->Delete(Key("a"), nullptr));
  auto result = storage_->GuaranteedUpdateFrom(*created, 0, SetValue("2"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kNotFound) << result.status().ToString();
  EXPECT_EQ(storage_->Get(Key("a")).status().code(), StatusCode::kNotFound);
}

TEST_P(StorageConformanceTest, GuaranteedUpdateUnderContentionLosesNothing) {
  ASSERT_OK(storage_->Create(Key("counter"), "0"));
  constexpr int kThreads = 8;
  constexpr int kIncrements = 50;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kIncrements; ++i) {
        auto result = storage_->GuaranteedUpdate(
            Key("counter"), 0, [](const KeyValue& current) -> Result<std::string> {
              return std::to_string(std::stoi(current.value) + 1);
            });
        if (!result.ok()) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(storage_->Get(Key("counter"))->value, std::to_string(kThreads * kIncrements));
}

TEST_P(StorageConformanceTest, DeleteChecksItsPrecondition) {
  auto created = storage_->Create(Key("a"), "keep");
  ASSERT_OK(created);
  auto refused = storage_->Delete(Key("a"), [](const KeyValue& current) {
    return current.value == "keep" ? Conflict("precondition failed: value is keep") : OkStatus();
  });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status(), Conflict("precondition failed: value is keep"));
  EXPECT_EQ(*storage_->Get(Key("a")), *created);

  auto deleted = storage_->Delete(Key("a"), [](const KeyValue&) { return OkStatus(); });
  ASSERT_OK(deleted);
  EXPECT_EQ(deleted->key, Key("a"));
  EXPECT_EQ(deleted->value, "keep");
  EXPECT_EQ(deleted->create_revision, created->create_revision);
  EXPECT_GT(deleted->mod_revision, created->mod_revision);
  EXPECT_EQ(Revision(), deleted->mod_revision);
  EXPECT_EQ(StatusOf(storage_->Get(Key("a"))).code(), StatusCode::kNotFound);
}

TEST_P(StorageConformanceTest, DeleteRechecksPreconditionAfterConcurrentWrite) {
  ASSERT_OK(storage_->Create(Key("a"), "1"));
  std::vector<std::string> seen;
  auto deleted = storage_->Delete(Key("a"), [&](const KeyValue& current) {
    seen.push_back(current.value);
    if (seen.size() == 1) {
      EXPECT_TRUE(storage_->GuaranteedUpdate(Key("a"), 0, SetValue("2")).ok());
    }
    return OkStatus();
  });
  ASSERT_OK(deleted);
  EXPECT_THAT(seen, ElementsAre("1", "2"));
  EXPECT_EQ(deleted->value, "2");
}

TEST_P(StorageConformanceTest, ListIsolatesPrefixesAndSortsKeys) {
  for (const char* name : {"a/2", "a/1", "a/3", "ab/1", "b/1"}) {
    ASSERT_OK(storage_->Create(Key(name), name));
  }
  auto list = storage_->List(Key("a/"), {});
  ASSERT_OK(list);
  EXPECT_THAT(Keys(*list), ElementsAre(Key("a/1"), Key("a/2"), Key("a/3")));
  EXPECT_EQ(list->items[0].value, "a/1");
  EXPECT_FALSE(list->more);
  EXPECT_EQ(list->remaining, 0);
  EXPECT_EQ(list->revision, Revision());

  auto everything = storage_->List(prefix_, {});
  ASSERT_OK(everything);
  EXPECT_EQ(everything->items.size(), 5u);

  auto none = storage_->List(Key("c/"), {});
  ASSERT_OK(none);
  EXPECT_THAT(none->items, IsEmpty());
}

TEST_P(StorageConformanceTest, ListPagesWithLimitAndStartKey) {
  for (int i = 0; i < 5; ++i) ASSERT_OK(storage_->Create(Key(std::to_string(i)), "v"));
  // Pages are read at the first page's revision, as continue tokens do.
  ListOptions options;
  options.limit = 2;
  auto first = storage_->List(prefix_, options);
  ASSERT_OK(first);
  EXPECT_THAT(Keys(*first), ElementsAre(Key("0"), Key("1")));
  EXPECT_TRUE(first->more);
  EXPECT_EQ(first->remaining, 3);

  ASSERT_OK(storage_->Create(Key("5"), "later"));

  options.revision = first->revision;
  options.start_key = first->items.back().key + std::string(1, '\0');
  auto second = storage_->List(prefix_, options);
  ASSERT_OK(second);
  EXPECT_THAT(Keys(*second), ElementsAre(Key("2"), Key("3")));
  EXPECT_TRUE(second->more);
  EXPECT_EQ(second->remaining, 1);
  EXPECT_EQ(second->revision, first->revision);

  options.start_key = second->items.back().key + std::string(1, '\0');
  auto third = storage_->List(prefix_, options);
  ASSERT_OK(third);
  EXPECT_THAT(Keys(*third), ElementsAre(Key("4")));
  EXPECT_FALSE(third->more);
  EXPECT_EQ(third->remaining, 0);

  // A limit larger than what is left is no limit.
  options = {};
  options.limit = 100;
  auto all = storage_->List(prefix_, options);
  ASSERT_OK(all);
  EXPECT_EQ(all->items.size(), 6u);
  EXPECT_FALSE(all->more);
}

TEST_P(StorageConformanceTest, ListAtAnOlderRevisionSeesThePast) {
  auto a = storage_->Create(Key("a"), "old");
  ASSERT_OK(a);
  const int64_t then = a->mod_revision;
  ASSERT_OK(storage_->GuaranteedUpdate(Key("a"), 0, SetValue("new")));
  ASSERT_OK(storage_->Create(Key("b"), "b"));
  ASSERT_OK(storage_->Create(Key("c"), "c"));
  ASSERT_OK(storage_->Delete(Key("c"), nullptr));

  ListOptions options;
  options.revision = then;
  auto past = storage_->List(prefix_, options);
  ASSERT_OK(past);
  EXPECT_EQ(past->revision, then);
  ASSERT_THAT(Keys(*past), ElementsAre(Key("a")));
  EXPECT_EQ(past->items[0], *a);

  auto now = storage_->List(prefix_, {});
  ASSERT_OK(now);
  EXPECT_THAT(Keys(*now), ElementsAre(Key("a"), Key("b")));
  EXPECT_EQ(now->items[0].value, "new");
}

TEST_P(StorageConformanceTest, ListAtACompactedRevisionIsGone) {
  auto a = storage_->Create(Key("a"), "1");
  ASSERT_OK(a);
  ASSERT_OK(storage_->GuaranteedUpdate(Key("a"), 0, SetValue("2")));
  auto b = storage_->Create(Key("b"), "1");
  ASSERT_OK(b);
  ASSERT_OK(storage_->Delete(Key("b"), nullptr));
  const int64_t compacted = Revision();
  ASSERT_OK(storage_->Compact(compacted));

  ListOptions options;
  options.revision = a->mod_revision;
  auto gone = storage_->List(prefix_, options);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.status().code(), StatusCode::kGone) << gone.status().ToString();
  EXPECT_NE(gone.status().message().find("required revision has been compacted"), std::string::npos)
      << gone.status().message();

  // The compacted revision itself is still readable, and shows the state then.
  options.revision = compacted;
  auto at = storage_->List(prefix_, options);
  ASSERT_OK(at);
  ASSERT_THAT(Keys(*at), ElementsAre(Key("a")));
  EXPECT_EQ(at->items[0].value, "2");
}

TEST_P(StorageConformanceTest, ListAtAFutureRevisionIsTimeout) {
  ListOptions options;
  options.revision = Revision() + 1000;
  auto future = storage_->List(prefix_, options);
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.status().code(), StatusCode::kTimeout) << future.status().ToString();
}

TEST_P(StorageConformanceTest, CompactRules) {
  ASSERT_OK(storage_->Create(Key("a"), "1"));
  const int64_t revision = Revision();
  ASSERT_OK(storage_->Compact(revision));

  Status again = storage_->Compact(revision);
  EXPECT_EQ(again.code(), StatusCode::kGone) << again.ToString();
  Status future = storage_->Compact(revision + 1000);
  EXPECT_EQ(future.code(), StatusCode::kBadRequest) << future.ToString();

  // Current data is untouched.
  EXPECT_EQ(storage_->Get(Key("a"))->value, "1");
}

TEST_P(StorageConformanceTest, WatchFromNowDeliversChangesInOrder) {
  ASSERT_OK(storage_->Create(Key("before"), "x"));
  Recorder recorder;
  auto watch = storage_->WatchPrefix(prefix_, 0, recorder.Handler());
  ASSERT_OK(watch);

  auto a = storage_->Create(Key("a"), "1");
  ASSERT_OK(a);
  auto a2 = storage_->GuaranteedUpdate(Key("a"), 0, SetValue("2"));
  ASSERT_OK(a2);
  auto deleted = storage_->Delete(Key("a"), nullptr);
  ASSERT_OK(deleted);

  ASSERT_TRUE(recorder.WaitForEvents(3)) << testing::PrintToString(Describe(recorder.events()));
  const std::vector<WatchEvent> events = recorder.events();
  ASSERT_EQ(events.size(), 3u) << testing::PrintToString(Describe(events));
  EXPECT_EQ(events[0].type, EventType::kAdded);
  EXPECT_EQ(events[0].kv, *a);
  EXPECT_EQ(events[1].type, EventType::kModified);
  EXPECT_EQ(events[1].kv, *a2);
  // A delete carries the value before it, at the delete's revision.
  EXPECT_EQ(events[2].type, EventType::kDeleted);
  EXPECT_EQ(events[2].kv, *deleted);
  EXPECT_EQ(events[2].kv.value, "2");
  EXPECT_EQ(events[2].kv.create_revision, a->create_revision);
  EXPECT_THAT(recorder.errors(), IsEmpty());
}

TEST_P(StorageConformanceTest, WatchFromAPastRevisionReplaysHistory) {
  auto a = storage_->Create(Key("a"), "1");
  ASSERT_OK(a);
  auto a2 = storage_->GuaranteedUpdate(Key("a"), 0, SetValue("2"));
  ASSERT_OK(a2);
  auto b = storage_->Create(Key("b"), "1");
  ASSERT_OK(b);
  ASSERT_OK(storage_->Delete(Key("b"), nullptr));

  Recorder recorder;
  auto watch = storage_->WatchPrefix(prefix_, a->mod_revision, recorder.Handler());
  ASSERT_OK(watch);
  auto c = storage_->Create(Key("c"), "1");
  ASSERT_OK(c);

  ASSERT_TRUE(recorder.WaitForEvents(4)) << testing::PrintToString(Describe(recorder.events()));
  const std::vector<WatchEvent> events = recorder.events();
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].type, EventType::kModified);
  EXPECT_EQ(events[0].kv, *a2);
  EXPECT_EQ(events[1].type, EventType::kAdded);
  EXPECT_EQ(events[1].kv, *b);
  EXPECT_EQ(events[2].type, EventType::kDeleted);
  EXPECT_EQ(events[2].kv.key, Key("b"));
  EXPECT_EQ(events[2].kv.value, "1");
  EXPECT_EQ(events[3].type, EventType::kAdded);
  EXPECT_EQ(events[3].kv, *c);
}

TEST_P(StorageConformanceTest, WatchSeesOnlyItsPrefix) {
  Recorder recorder;
  auto watch = storage_->WatchPrefix(Key("in/"), 0, recorder.Handler());
  ASSERT_OK(watch);
  ASSERT_OK(storage_->Create(Key("out"), "x"));
  ASSERT_OK(storage_->Create(Key("in-not/x"), "x"));
  ASSERT_OK(storage_->Create(Key("in/x"), "x"));
  ASSERT_TRUE(recorder.WaitForEvents(1));
  std::this_thread::sleep_for(200ms);
  EXPECT_THAT(Describe(recorder.events()),
              ElementsAre(Describe(WatchEvent{EventType::kAdded, *storage_->Get(Key("in/x"))})));
}

TEST_P(StorageConformanceTest, ConcurrentWritesAreWatchedInRevisionOrder) {
  Recorder recorder;
  auto watch = storage_->WatchPrefix(prefix_, 0, recorder.Handler());
  ASSERT_OK(watch);
  constexpr int kThreads = 4;
  constexpr int kWrites = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWrites; ++i) {
        EXPECT_TRUE(storage_->Create(Key(std::to_string(t) + "-" + std::to_string(i)), "v").ok());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_TRUE(recorder.WaitForEvents(kThreads * kWrites));
  const std::vector<WatchEvent> events = recorder.events();
  ASSERT_EQ(events.size(), static_cast<size_t>(kThreads * kWrites));
  for (size_t i = 1; i < events.size(); ++i) {
    EXPECT_LT(events[i - 1].kv.mod_revision, events[i].kv.mod_revision) << i;
  }
}

TEST_P(StorageConformanceTest, StoppedWatchGetsNoMoreCallbacks) {
  Recorder recorder;
  auto watch = storage_->WatchPrefix(prefix_, 0, recorder.Handler());
  ASSERT_OK(watch);
  ASSERT_OK(storage_->Create(Key("a"), "1"));
  ASSERT_TRUE(recorder.WaitForEvents(1));
  (*watch)->Stop();
  ASSERT_OK(storage_->Create(Key("b"), "1"));
  ASSERT_OK(storage_->Create(Key("c"), "1"));
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(recorder.events().size(), 1u);
  (*watch)->Stop();  // idempotent
  watch->reset();
}

TEST_P(StorageConformanceTest, WatchCanBeStoppedFromItsOwnCallback) {
  std::mutex mu;
  std::unique_ptr<Watch> watch;
  std::atomic<int> calls{0};
  {
    std::lock_guard lock(mu);
    auto started = storage_->WatchPrefix(prefix_, 0,
                                         WatchHandler{[&](const WatchEvent&) {
                                                        ++calls;
                                                        std::lock_guard lock(mu);
                                                        if (watch) watch->Stop();
                                                      },
                                                      nullptr});
    ASSERT_OK(started);
    watch = std::move(*started);
  }
  ASSERT_OK(storage_->Create(Key("a"), "1"));
  ASSERT_OK(storage_->Create(Key("b"), "1"));
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(calls.load(), 1);
  std::lock_guard lock(mu);
  watch.reset();
}

TEST_P(StorageConformanceTest, DestroyingTheWatchStopsIt) {
  Recorder recorder;
  {
    auto watch = storage_->WatchPrefix(prefix_, 0, recorder.Handler());
    ASSERT_OK(watch);
  }
  ASSERT_OK(storage_->Create(Key("a"), "1"));
  std::this_thread::sleep_for(200ms);
  EXPECT_THAT(recorder.events(), IsEmpty());
}

TEST_P(StorageConformanceTest, WatchFromACompactedRevisionIsGone) {
  auto a = storage_->Create(Key("a"), "1");
  ASSERT_OK(a);
  ASSERT_OK(storage_->GuaranteedUpdate(Key("a"), 0, SetValue("2")));
  ASSERT_OK(storage_->GuaranteedUpdate(Key("a"), 0, SetValue("3")));
  const int64_t compacted = Revision();
  ASSERT_OK(storage_->Compact(compacted));

  Recorder recorder;
  auto watch = storage_->WatchPrefix(prefix_, a->mod_revision, recorder.Handler());
  ASSERT_FALSE(watch.ok());
  EXPECT_EQ(watch.status().code(), StatusCode::kGone) << watch.status().ToString();
  EXPECT_NE(watch.status().message().find("required revision has been compacted"),
            std::string::npos);

  // Like etcd, watching from just before the compacted revision still works:
  // it delivers from the compacted revision on.
  auto latest = storage_->WatchPrefix(prefix_, compacted - 1, recorder.Handler());
  ASSERT_OK(latest);
  ASSERT_TRUE(recorder.WaitForEvents(1));
  EXPECT_EQ(recorder.events()[0].kv.value, "3");
  EXPECT_THAT(recorder.errors(), IsEmpty());
}

TEST_P(StorageConformanceTest, WatchFromAFutureRevisionWaitsForIt) {
  Recorder recorder;
  const int64_t now = Revision();
  auto watch = storage_->WatchPrefix(prefix_, now + 1, recorder.Handler());
  ASSERT_OK(watch);
  ASSERT_OK(storage_->Create(Key("a"), "1"));  // revision now + 1: not delivered
  ASSERT_OK(storage_->Create(Key("b"), "1"));  // now + 2
  ASSERT_TRUE(recorder.WaitForEvents(1));
  std::this_thread::sleep_for(200ms);
  ASSERT_EQ(recorder.events().size(), 1u);
  EXPECT_EQ(recorder.events()[0].kv.key, Key("b"));
}

TEST_P(StorageConformanceTest, ManyWatchesShareTheStore) {
  std::vector<std::unique_ptr<Recorder>> recorders;
  std::vector<std::unique_ptr<Watch>> watches;
  for (int i = 0; i < 20; ++i) {
    recorders.push_back(std::make_unique<Recorder>());
    auto watch =
        storage_->WatchPrefix(Key(std::to_string(i) + "/"), 0, recorders.back()->Handler());
    ASSERT_OK(watch);
    watches.push_back(std::move(*watch));
  }
  for (int i = 0; i < 20; ++i) ASSERT_OK(storage_->Create(Key(std::to_string(i) + "/x"), "v"));
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(recorders[i]->WaitForEvents(1)) << i;
    EXPECT_EQ(recorders[i]->events()[0].kv.key, Key(std::to_string(i) + "/x"));
  }
  watches.clear();
}

TEST_P(StorageConformanceTest, CheckIsOk) {
  EXPECT_TRUE(storage_->Check().ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageConformanceTest,
                         ::testing::Values(Backend::kMemory, Backend::kEtcd),
                         [](const ::testing::TestParamInfo<Backend>& info) {
                           return info.param == Backend::kMemory ? "Memory" : "Etcd";
                         });

// ---------------------------------------------------------------------------
// etcd only.

TEST(Etcd3StorageOptionsTest, RejectsUnusableOptions) {
  Etcd3Options options;
  EXPECT_EQ(StatusOf(Etcd3Storage::New(options)).code(), StatusCode::kBadRequest);
  options.endpoints = {"127.0.0.1:2379"};
  EXPECT_EQ(StatusOf(Etcd3Storage::New(options)).code(), StatusCode::kBadRequest);
  options.endpoints = {"http://127.0.0.1"};
  EXPECT_EQ(StatusOf(Etcd3Storage::New(options)).code(), StatusCode::kBadRequest);
  options.endpoints = {"https://127.0.0.1:2379"};
  options.cert_file = "/nonexistent/client.crt";
  EXPECT_EQ(StatusOf(Etcd3Storage::New(options)).code(), StatusCode::kBadRequest);
  options.key_file = "/nonexistent/client.key";
  auto unreadable = Etcd3Storage::New(options);
  ASSERT_FALSE(unreadable.ok());
  EXPECT_NE(unreadable.status().message().find("/nonexistent/client.crt"), std::string::npos);
  options = {};
  options.endpoints = {"http://127.0.0.1:2379", "https://[::1]:2379/"};
  EXPECT_TRUE(Etcd3Storage::New(options).ok());
}

class Etcd3StorageTest : public ::testing::Test {
 protected:
  void StartEtcd(test_support::EtcdServerOptions options = {}) {
    auto server = EtcdServer::Start(options);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    etcd_ = std::move(*server);
  }

  std::unique_ptr<EtcdServer> etcd_;
};

TEST_F(Etcd3StorageTest, FailsOverFromADeadEndpoint) {
  ASSERT_NO_FATAL_FAILURE(StartEtcd());
  auto dead_port = test_support::PickFreePort();
  ASSERT_OK(dead_port);
  Etcd3Options options = OptionsFor(*etcd_);
  options.endpoints = {"http://127.0.0.1:" + std::to_string(*dead_port), etcd_->endpoint()};
  auto storage = Etcd3Storage::New(options);
  ASSERT_OK(storage);
  Storage& s = **storage;

  ASSERT_OK(s.Check());
  // A watch first, so its stream also has to find the live endpoint.
  Recorder recorder;
  auto watch = s.WatchPrefix("/failover/", 0, recorder.Handler());
  ASSERT_OK(watch);
  ASSERT_OK(s.Create("/failover/a", "1"));
  ASSERT_OK(s.GuaranteedUpdate("/failover/a", 0, SetValue("2")));
  auto list = s.List("/failover/", {});
  ASSERT_OK(list);
  EXPECT_EQ(list->items.size(), 1u);
  ASSERT_TRUE(recorder.WaitForEvents(2));
  EXPECT_EQ(recorder.events()[1].kv.value, "2");
}

TEST_F(Etcd3StorageTest, AllEndpointsDeadIsServiceUnavailable) {
  auto port = test_support::PickFreePort();
  ASSERT_OK(port);
  Etcd3Options options;
  options.endpoints = {"http://127.0.0.1:" + std::to_string(*port)};
  options.request_timeout = 1s;
  auto storage = Etcd3Storage::New(options);
  ASSERT_OK(storage);
  auto got = (*storage)->Get("/x");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), StatusCode::kServiceUnavailable) << got.status().ToString();
  EXPECT_NE(got.status().message().find("etcd"), std::string::npos);
  auto created = (*storage)->Create("/x", "1");
  EXPECT_EQ(StatusOf(created).code(), StatusCode::kServiceUnavailable);
  Recorder recorder;
  auto watch = (*storage)->WatchPrefix("/x", 0, recorder.Handler());
  EXPECT_EQ(StatusOf(watch).code(), StatusCode::kServiceUnavailable) << StatusOf(watch).ToString();
}

TEST_F(Etcd3StorageTest, TlsWithClientCertificate) {
  ASSERT_NO_FATAL_FAILURE(StartEtcd({.tls = true}));
  ASSERT_EQ(etcd_->endpoint().rfind("https://", 0), 0u);
  const auto& certs = etcd_->certificates();

  Etcd3Options options = OptionsFor(*etcd_);
  options.ca_file = certs.ca_file;
  options.cert_file = certs.client_cert_file;
  options.key_file = certs.client_key_file;
  auto storage = Etcd3Storage::New(options);
  ASSERT_OK(storage);
  ASSERT_OK((*storage)->Check());
  Recorder recorder;
  auto watch = (*storage)->WatchPrefix("/tls/", 0, recorder.Handler());
  ASSERT_OK(watch);
  ASSERT_OK((*storage)->Create("/tls/a", "secret"));
  EXPECT_EQ((*storage)->Get("/tls/a")->value, "secret");
  ASSERT_TRUE(recorder.WaitForEvents(1));

  // Without a client certificate etcd refuses the connection.
  Etcd3Options anonymous = OptionsFor(*etcd_);
  anonymous.ca_file = certs.ca_file;
  anonymous.request_timeout = 2s;
  auto refused = Etcd3Storage::New(anonymous);
  ASSERT_OK(refused);
  EXPECT_EQ((*refused)->Check().code(), StatusCode::kServiceUnavailable);

  // Nor does the client trust a server its CA did not sign.
  Etcd3Options untrusting = options;
  untrusting.ca_file = certs.client_cert_file;
  untrusting.request_timeout = 2s;
  auto untrusted = Etcd3Storage::New(untrusting);
  ASSERT_OK(untrusted);
  EXPECT_EQ((*untrusted)->Get("/tls/a").status().code(), StatusCode::kServiceUnavailable);
}

// Watches events around an etcd outage caused by `outage`, then restarts etcd
// on the same data and ports: every event arrives exactly once, in order.
void ExpectWatchSurvivesRestart(EtcdServer& etcd, const std::function<Status()>& outage) {
  auto storage = Etcd3Storage::New(OptionsFor(etcd));
  ASSERT_OK(storage);
  Storage& s = **storage;

  Recorder recorder;
  auto watch = s.WatchPrefix("/resume/", 0, recorder.Handler());
  ASSERT_OK(watch);
  for (int i = 0; i < 3; ++i) ASSERT_OK(s.Create("/resume/before-" + std::to_string(i), "v"));
  ASSERT_TRUE(recorder.WaitForEvents(3));

  ASSERT_OK(outage());
  ASSERT_OK(etcd.Restart());
  // Written while the watch stream is still re-connecting: replayed on resume.
  for (int i = 0; i < 3; ++i) {
    ASSERT_OK(s.Create("/resume/after-" + std::to_string(i), "v"));
  }
  ASSERT_TRUE(recorder.WaitForEvents(6)) << testing::PrintToString(Describe(recorder.events()));
  ASSERT_OK(s.Create("/resume/last", "v"));
  ASSERT_TRUE(recorder.WaitForEvents(7));
  std::this_thread::sleep_for(300ms);

  const std::vector<WatchEvent> events = recorder.events();
  std::vector<std::string> keys;
  for (const WatchEvent& e : events) keys.push_back(e.kv.key);
  EXPECT_THAT(keys,
              ElementsAre("/resume/before-0", "/resume/before-1", "/resume/before-2",
                          "/resume/after-0", "/resume/after-1", "/resume/after-2", "/resume/last"));
  for (size_t i = 1; i < events.size(); ++i) {
    EXPECT_LT(events[i - 1].kv.mod_revision, events[i].kv.mod_revision);
  }
  EXPECT_THAT(recorder.errors(), IsEmpty());
}

TEST_F(Etcd3StorageTest, WatchResumesAfterEtcdRestart) {
  ASSERT_NO_FATAL_FAILURE(StartEtcd());
  ExpectWatchSurvivesRestart(*etcd_, [&] { return etcd_->Stop(); });
}

TEST_F(Etcd3StorageTest, WatchResumesAfterEtcdCrash) {
  ASSERT_NO_FATAL_FAILURE(StartEtcd());
  ExpectWatchSurvivesRestart(*etcd_, [&] { return etcd_->Kill(); });
}

TEST_F(Etcd3StorageTest, WatchEndsWithServiceUnavailableWhenEtcdStaysDown) {
  ASSERT_NO_FATAL_FAILURE(StartEtcd());
  Etcd3Options options = OptionsFor(*etcd_);
  options.watch_retry_timeout = 1s;
  auto storage = Etcd3Storage::New(options);
  ASSERT_OK(storage);
  Recorder recorder;
  auto watch = (*storage)->WatchPrefix("/down/", 0, recorder.Handler());
  ASSERT_OK(watch);
  ASSERT_OK(etcd_->Kill());
  ASSERT_TRUE(recorder.WaitForError());
  ASSERT_EQ(recorder.errors().size(), 1u);
  EXPECT_EQ(recorder.errors()[0].code(), StatusCode::kServiceUnavailable)
      << recorder.errors()[0].ToString();
}

TEST_F(Etcd3StorageTest, CheckFailsWhileEtcdIsStopped) {
  ASSERT_NO_FATAL_FAILURE(StartEtcd());
  auto storage = Etcd3Storage::New(OptionsFor(*etcd_));
  ASSERT_OK(storage);
  ASSERT_OK((*storage)->Check());
  ASSERT_OK(etcd_->Kill());
  const Status down = (*storage)->Check();
  EXPECT_EQ(down.code(), StatusCode::kServiceUnavailable) << down.ToString();
  EXPECT_NE(down.message().find("etcd"), std::string::npos);
  ASSERT_OK(etcd_->Restart());
  ASSERT_OK((*storage)->Check());
}

}  // namespace
}  // namespace navigator::storage
