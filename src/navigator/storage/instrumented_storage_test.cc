#include "navigator/storage/instrumented_storage.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "navigator/storage/memory_storage.h"

namespace navigator::storage {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using namespace std::chrono_literals;

// Forwards to a MemoryStorage, taking `latency` of the fake clock per call,
// or fails every call with `failure` when set.
class SlowStorage final : public Storage {
 public:
  SlowStorage(FakeClock& clock, std::chrono::milliseconds latency)
      : clock_(clock), latency_(latency) {}

  Status failure;

  Result<KeyValue> Create(const std::string& key, const std::string& value) override {
    return Pass([&] { return inner_.Create(key, value); });
  }
  Result<KeyValue> Get(const std::string& key) override {
    return Pass([&] { return inner_.Get(key); });
  }
  Result<KeyValue> GuaranteedUpdate(const std::string& key, int64_t rev,
                                    const UpdateFunction& update) override {
    return Pass([&] { return inner_.GuaranteedUpdate(key, rev, update); });
  }
  Result<KeyValue> Delete(const std::string& key, const DeletePrecondition& pre) override {
    return Pass([&] { return inner_.Delete(key, pre); });
  }
  Result<ListResult> List(const std::string& prefix, const ListOptions& options) override {
    return Pass([&] { return inner_.List(prefix, options); });
  }
  Result<std::unique_ptr<Watch>> WatchPrefix(const std::string& prefix, int64_t rev,
                                             WatchHandler handler) override {
    last_handler = handler;
    return Pass([&] { return inner_.WatchPrefix(prefix, rev, std::move(handler)); });
  }
  Result<int64_t> CurrentRevision() override {
    return Pass([&] { return inner_.CurrentRevision(); });
  }
  Status Compact(int64_t revision) override {
    return Pass([&] { return inner_.Compact(revision); });
  }
  Status Check() override {
    return Pass([&] { return inner_.Check(); });
  }

  WatchHandler last_handler;  // as passed to the inner storage

 private:
  template <typename F>
  auto Pass(F&& f) -> decltype(f()) {
    clock_.Advance(latency_);
    if (!failure.ok()) return failure;
    return f();
  }

  FakeClock& clock_;
  std::chrono::milliseconds latency_;
  MemoryStorage inner_;
};

class InstrumentedStorageTest : public ::testing::Test {
 protected:
  FakeClock clock_{FakeClock::TimePoint(std::chrono::seconds(1700000000))};
  metrics::Registry registry_;
  SlowStorage slow_{clock_, 30ms};
  InstrumentedStorage storage_{registry_, slow_, clock_, PluralFromRegistryKey("/registry")};
  const std::string key_ = "/registry/navigator.jetstack.io/pilots/default/p1";
};

TEST_F(InstrumentedStorageTest, PluralFromRegistryKey) {
  const KeyTypeFunction type = PluralFromRegistryKey("/registry/");
  EXPECT_EQ(type("/registry/navigator.jetstack.io/pilots/ns/name"), "pilots");
  EXPECT_EQ(type("/registry/navigator.jetstack.io/cassandraclusters/"), "cassandraclusters");
  EXPECT_EQ(type("/registry/navigator.jetstack.io/pilots"), "pilots");
  EXPECT_EQ(type("/registry/navigator.jetstack.io"), "");
  EXPECT_EQ(type("/other/navigator.jetstack.io/pilots/x"), "");
  EXPECT_EQ(type("/registryx/g/pilots/x"), "");
}

TEST_F(InstrumentedStorageTest, PassesCallsThroughAndMeasuresThem) {
  auto created = storage_.Create(key_, "v1");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  auto got = storage_.Get(key_);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->value, "v1");
  auto updated = storage_.GuaranteedUpdate(
      key_, 0, [](const KeyValue&) -> Result<std::string> { return std::string("v2"); });
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  auto listed = storage_.List("/registry/navigator.jetstack.io/pilots/", {});
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  EXPECT_EQ(listed->items.size(), 1u);
  auto deleted = storage_.Delete(key_, [](const KeyValue&) { return OkStatus(); });
  ASSERT_TRUE(deleted.ok()) << deleted.status().ToString();
  ASSERT_TRUE(storage_.CurrentRevision().ok());
  ASSERT_TRUE(storage_.Check().ok());

  const std::string text = registry_.Render();
  for (const char* operation : {"create", "get", "update", "list", "delete"}) {
    const std::string labels = std::string("{operation=\"") + operation + "\",type=\"pilots\"";
    EXPECT_THAT(text, HasSubstr("etcd_requests_total" + labels + "} 1\n")) << operation;
    // 30 ms: in the 0.05 bucket, not in the 0.025 one.
    EXPECT_THAT(text,
                HasSubstr("etcd_request_duration_seconds_bucket" + labels + ",le=\"0.025\"} 0\n"));
    EXPECT_THAT(text,
                HasSubstr("etcd_request_duration_seconds_bucket" + labels + ",le=\"0.05\"} 1\n"));
    EXPECT_THAT(text, HasSubstr("etcd_request_duration_seconds_count" + labels + "} 1\n"));
  }
  EXPECT_THAT(text, HasSubstr("etcd_requests_total{operation=\"current_revision\",type=\"\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("etcd_requests_total{operation=\"check\",type=\"\"} 1\n"));
  EXPECT_THAT(text,
              HasSubstr("etcd_request_duration_seconds_sum{operation=\"get\",type=\"pilots\"} "
                        "0.03\n"));
  EXPECT_THAT(text, HasSubstr("le=\"60\"}"));  // kube's last bucket
  EXPECT_THAT(text, Not(HasSubstr("etcd_request_errors_total{")));
}

TEST_F(InstrumentedStorageTest, CountsStoreErrorsButNotOutcomes) {
  EXPECT_EQ(storage_.Get(key_).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(storage_.Create(key_, "v").ok());
  EXPECT_EQ(storage_.Create(key_, "v").status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(storage_
                .GuaranteedUpdate(key_, 0,
                                  [](const KeyValue&) -> Result<std::string> {
                                    return Status(StatusCode::kInvalid, "no");
                                  })
                .status()
                .code(),
            StatusCode::kInvalid);
  slow_.failure = Unavailable("etcd is down");
  EXPECT_EQ(storage_.Get(key_).status().code(), StatusCode::kServiceUnavailable);
  EXPECT_EQ(storage_.Compact(1).code(), StatusCode::kServiceUnavailable);
  slow_.failure = Timeout("slow");
  EXPECT_EQ(storage_.Get(key_).status().code(), StatusCode::kTimeout);

  const std::string text = registry_.Render();
  EXPECT_THAT(text, HasSubstr("etcd_requests_total{operation=\"get\",type=\"pilots\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("etcd_request_errors_total{operation=\"get\",type=\"pilots\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("etcd_request_errors_total{operation=\"compact\",type=\"\"} 1\n"));
  EXPECT_THAT(text, Not(HasSubstr("etcd_request_errors_total{operation=\"create\"")));
  EXPECT_THAT(text, Not(HasSubstr("etcd_request_errors_total{operation=\"update\"")));
}

TEST_F(InstrumentedStorageTest, WatchesAreMeasuredAndTheirLaterErrorsCounted) {
  std::vector<Status> errors;
  auto watch = storage_.WatchPrefix("/registry/navigator.jetstack.io/pilots/", 0,
                                    {.on_event = [](const WatchEvent&) {},
                                     .on_error =
                                         [&](const Status& s) {
                                           errors.push_back(s);
                                         }});
  ASSERT_TRUE(watch.ok()) << watch.status().ToString();
  // The inner storage's handler reports to the caller's and counts store errors.
  slow_.last_handler.on_error(Gone("compacted"));
  slow_.last_handler.on_error(Status(StatusCode::kNotFound, "not an error of the store"));
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].code(), StatusCode::kGone);
  (*watch)->Stop();

  const std::string text = registry_.Render();
  EXPECT_THAT(text, HasSubstr("etcd_requests_total{operation=\"watch\",type=\"pilots\"} 1\n"));
  EXPECT_THAT(text,
              HasSubstr("etcd_request_errors_total{operation=\"watch\",type=\"pilots\"} 1\n"));
}

}  // namespace
}  // namespace navigator::storage
