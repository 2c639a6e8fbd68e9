#include "navigator/client/reflector.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <deque>
#include <map>
#include <thread>

#include "navigator/client/testing/fake_rest_client.h"
#include "navigator/client/testing/fake_sleeper.h"

namespace navigator::client {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;
using ::testing::ElementsAre;
using testing::FakeRestClient;
using testing::FakeSleeper;
using ::testing::HasSubstr;

using OnLine = std::function<bool(std::string_view)>;
using Script = std::function<Status(const OnLine&, const std::atomic<bool>& cancel)>;

json::object Namespace(std::string_view name, std::string_view rv) {
  return json::object{{"metadata", json::object{{"name", name}, {"resourceVersion", rv}}}};
}

std::string EventLine(std::string_view type, std::string_view name, std::string_view rv) {
  json::object object = Namespace(name, rv);
  object["kind"] = "Namespace";
  object["apiVersion"] = "v1";
  return json::serialize(json::object{{"type", type}, {"object", std::move(object)}});
}

std::string BookmarkLine(std::string_view rv) {
  return json::serialize(json::object{
      {"type", "BOOKMARK"},
      {"object",
       json::object{{"kind", "Namespace"}, {"metadata", json::object{{"resourceVersion", rv}}}}}});
}

std::string GoneLine() {
  return R"j({"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure",)j"
         R"j("message":"too old resource version: 1 (20)","reason":"Expired","code":410}})j";
}

Status BlockUntilCancelled(const std::atomic<bool>& cancel) {
  while (!cancel.load()) std::this_thread::sleep_for(2ms);
  return OkStatus();
}

// Feeds `lines` then ends the stream with `end`.
Script Lines(std::vector<std::string> lines, Status end = OkStatus()) {
  return [lines = std::move(lines), end](const OnLine& on_line, const std::atomic<bool>&) {
    for (const std::string& line : lines) {
      if (!on_line(line)) break;
    }
    return end;
  };
}

// Waits up to 10s for `done`.
bool Eventually(const std::function<bool()>& done) {
  for (int i = 0; i < 2000; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return done();
}

// A scripted API server: lists serve `objects` (paged), watches run queued
// scripts, and with none left block until cancelled.
class FakeApi {
 public:
  FakeApi() {
    client.SetDoHandler([this](const RestRequest& request) -> Result<std::string> {
      std::lock_guard lock(mu_);
      if (!list_errors_.empty()) {
        Status error = list_errors_.front();
        list_errors_.pop_front();
        return error;
      }
      return ListPage(request.path);
    });
    client.SetStreamHandler(
        [this](std::string_view, const OnLine& on_line, const std::atomic<bool>& cancel) {
          Script script;
          {
            std::lock_guard lock(mu_);
            if (!scripts_.empty()) {
              script = std::move(scripts_.front());
              scripts_.pop_front();
            }
          }
          if (!script) return BlockUntilCancelled(cancel);
          return script(on_line, cancel);
        });
  }

  void SetObjects(std::vector<json::object> objects, std::string rv) {
    std::lock_guard lock(mu_);
    objects_ = std::move(objects);
    rv_ = std::move(rv);
  }
  void QueueWatch(Script script) {
    std::lock_guard lock(mu_);
    scripts_.push_back(std::move(script));
  }
  void QueueListError(Status error) {
    std::lock_guard lock(mu_);
    list_errors_.push_back(std::move(error));
  }

  std::vector<std::string> Paths(bool watches) const {
    std::vector<std::string> out;
    for (const RestRequest& r : client.requests()) {
      if ((r.path.find("watch=true") != std::string::npos) == watches) out.push_back(r.path);
    }
    return out;
  }

  FakeRestClient client;

 private:
  // Serves `limit` items from the offset in `continue`.
  std::string ListPage(const std::string& path) {
    size_t offset = 0;
    size_t limit = objects_.size();
    if (auto at = path.find("continue=offset"); at != std::string::npos) {
      offset = std::stoul(path.substr(at + 15));
    }
    if (auto at = path.find("limit="); at != std::string::npos) {
      limit = std::stoul(path.substr(at + 6));
    }
    json::array items;
    for (size_t i = offset; i < objects_.size() && i < offset + limit; ++i) {
      items.push_back(objects_[i]);
    }
    json::object metadata{{"resourceVersion", rv_}};
    if (offset + limit < objects_.size())
      metadata["continue"] = fmt::format("offset{}", offset + limit);
    return json::serialize(json::object{{"kind", "NamespaceList"},
                                        {"apiVersion", "v1"},
                                        {"metadata", std::move(metadata)},
                                        {"items", std::move(items)}});
  }

  std::mutex mu_;
  std::vector<json::object> objects_;
  std::string rv_ = "1";
  std::deque<Script> scripts_;
  std::deque<Status> list_errors_;
};

// Records handler calls as "add a@1", "update a@1->2", "delete a@2".
class Recorder {
 public:
  EventHandlers Handlers() {
    return EventHandlers{
        .on_add = [this](const json::object& o) { Record(fmt::format("add {}", Describe(o))); },
        .on_update =
            [this](const json::object& old_object, const json::object& o) {
              Record(fmt::format("update {}->{}", Describe(old_object), ObjectResourceVersion(o)));
            },
        .on_delete =
            [this](const json::object& o) { Record(fmt::format("delete {}", Describe(o))); },
    };
  }
  std::vector<std::string> calls() const {
    std::lock_guard lock(mu_);
    return calls_;
  }
  bool WaitFor(size_t n) {
    return Eventually([&] { return calls().size() >= n; });
  }

 private:
  static std::string Describe(const json::object& o) {
    return fmt::format("{}@{}", std::string_view(o.at("metadata").at("name").as_string()),
                       ObjectResourceVersion(o));
  }
  void Record(std::string call) {
    std::lock_guard lock(mu_);
    calls_.push_back(std::move(call));
  }
  mutable std::mutex mu_;
  std::vector<std::string> calls_;
};

class ReflectorTest : public ::testing::Test {
 protected:
  std::unique_ptr<Reflector> NewReflector(ListWatchOptions options = {.path = "/api/v1/namespaces"},
                                          size_t free_sleeps = 100) {
    sleeper_ = std::make_unique<FakeSleeper>(clock_, free_sleeps);
    return std::make_unique<Reflector>(
        api_.client, store_, std::move(options), recorder_.Handlers(),
        ReflectorEnvironment{.clock = &clock_, .random = &random_, .sleeper = sleeper_.get()});
  }

  FakeApi api_;
  ObjectStore store_;
  Recorder recorder_;
  FakeClock clock_{std::chrono::system_clock::time_point(std::chrono::hours(1000))};
  DefaultRandom random_{42};
  std::unique_ptr<FakeSleeper> sleeper_;
};

TEST_F(ReflectorTest, ListsInPagesThenWatchesFromTheListsVersion) {
  api_.SetObjects({Namespace("a", "3"), Namespace("b", "5"), Namespace("c", "7")}, "10");
  api_.QueueWatch(Lines({EventLine("ADDED", "d", "11"), EventLine("MODIFIED", "a", "12"),
                         EventLine("DELETED", "b", "13")}));
  auto reflector = NewReflector({.path = "/api/v1/namespaces",
                                 .label_selector = "team in (a,b)",
                                 .field_selector = "metadata.name!=x",
                                 .page_size = 2});
  EXPECT_FALSE(reflector->HasSynced());
  reflector->Start();
  ASSERT_TRUE(reflector->WaitForSync(10s));
  ASSERT_TRUE(recorder_.WaitFor(6));
  ASSERT_TRUE(Eventually([&] { return api_.Paths(true).size() == 2; }));
  reflector->Stop();

  EXPECT_THAT(recorder_.calls(), ElementsAre("add a@3", "add b@5", "add c@7", "add d@11",
                                             "update a@3->12", "delete b@13"));
  EXPECT_EQ(store_.Keys(), (std::vector<std::string>{"a", "c", "d"}));
  EXPECT_EQ(store_.Get("d")->at("kind").as_string(), "Namespace");
  EXPECT_EQ(store_.Get("c")->at("kind").as_string(), "Namespace");  // from the list's kind
  EXPECT_EQ(reflector->LastSyncResourceVersion(), "13");

  const std::string selectors =
      "labelSelector=team%20in%20%28a%2Cb%29&fieldSelector=metadata.name%21%3Dx";
  EXPECT_THAT(api_.Paths(false),
              ElementsAre("/api/v1/namespaces?limit=2&" + selectors,
                          "/api/v1/namespaces?limit=2&continue=offset2&" + selectors));
  const std::vector<std::string> watches = api_.Paths(true);
  EXPECT_THAT(watches[0], HasSubstr("/api/v1/namespaces?watch=true&resourceVersion=10&"
                                    "allowWatchBookmarks=true&timeoutSeconds="));
  EXPECT_THAT(watches[0], HasSubstr(selectors));
  // The stream ended cleanly after events: watched again from the last version.
  EXPECT_THAT(watches[1], HasSubstr("resourceVersion=13&"));
  EXPECT_TRUE(sleeper_->sleeps().empty());
}

TEST_F(ReflectorTest, WatchTimeoutIsBetweenFiveAndTenMinutes) {
  for (int i = 0; i < 20; ++i) api_.QueueWatch(Lines({BookmarkLine(std::to_string(i + 2))}));
  auto reflector = NewReflector();
  reflector->Start();
  ASSERT_TRUE(Eventually([&] { return api_.Paths(true).size() == 21; }));
  reflector->Stop();
  std::set<int> distinct;
  for (const std::string& path : api_.Paths(true)) {
    const int seconds = std::stoi(path.substr(path.find("timeoutSeconds=") + 15));
    EXPECT_GE(seconds, 300);
    EXPECT_LT(seconds, 600);
    distinct.insert(seconds);
  }
  EXPECT_GT(distinct.size(), 5u);
}

TEST_F(ReflectorTest, BookmarkAdvancesTheResourceVersion) {
  api_.SetObjects({Namespace("a", "3")}, "10");
  api_.QueueWatch(Lines({BookmarkLine("50")}));
  auto reflector = NewReflector();
  reflector->Start();
  ASSERT_TRUE(Eventually([&] { return api_.Paths(true).size() == 2; }));
  reflector->Stop();
  EXPECT_THAT(api_.Paths(true)[1], HasSubstr("resourceVersion=50&"));
  EXPECT_EQ(reflector->LastSyncResourceVersion(), "50");
  EXPECT_THAT(recorder_.calls(), ElementsAre("add a@3"));  // a bookmark is no change
  EXPECT_EQ(api_.Paths(false).size(), 1u);
}

TEST_F(ReflectorTest, ResumesFromTheLastVersionAfterABrokenStream) {
  api_.SetObjects({}, "10");
  api_.QueueWatch(Lines({EventLine("ADDED", "a", "11")}, Unavailable("connection reset")));
  auto reflector = NewReflector();
  reflector->Start();
  ASSERT_TRUE(Eventually([&] { return api_.Paths(true).size() == 2; }));
  reflector->Stop();
  EXPECT_THAT(api_.Paths(true)[1], HasSubstr("resourceVersion=11&"));
  EXPECT_EQ(api_.Paths(false).size(), 1u);   // no re-list
  EXPECT_EQ(sleeper_->sleeps().size(), 1u);  // a failure backs off
}

void ExpectRelistDiff(FakeApi& api, Recorder& recorder, ObjectStore& store, Reflector& reflector,
                      FakeSleeper& sleeper) {
  reflector.Start();
  ASSERT_TRUE(recorder.WaitFor(2));
  ASSERT_TRUE(
      Eventually([&] { return api.Paths(false).size() == 2 && recorder.calls().size() == 5; }));
  ASSERT_TRUE(Eventually([&] { return api.Paths(true).size() == 2; }));
  reflector.Stop();
  // Re-listed: b is gone, a changed, c is new (deletes, updates, adds).
  EXPECT_THAT(recorder.calls(),
              ElementsAre("add a@3", "add b@5", "delete b@5", "update a@3->20", "add c@21"));
  EXPECT_EQ(store.Keys(), (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(store.resource_version(), "30");
  EXPECT_THAT(api.Paths(true)[1], HasSubstr("resourceVersion=30&"));
  EXPECT_EQ(sleeper.sleeps().size(), 1u);  // re-lists are paced
}

TEST_F(ReflectorTest, Http410RelistsAndDiffs) {
  api_.SetObjects({Namespace("a", "3"), Namespace("b", "5")}, "10");
  auto reflector = NewReflector();
  api_.QueueWatch([&](const OnLine&, const std::atomic<bool>&) {
    api_.SetObjects({Namespace("a", "20"), Namespace("c", "21")}, "30");
    return Gone("too old resource version: 10 (25)");
  });
  ExpectRelistDiff(api_, recorder_, store_, *reflector, *sleeper_);
}

TEST_F(ReflectorTest, InStream410RelistsAndDiffs) {
  api_.SetObjects({Namespace("a", "3"), Namespace("b", "5")}, "10");
  auto reflector = NewReflector();
  api_.QueueWatch([&](const OnLine& on_line, const std::atomic<bool>& cancel) {
    api_.SetObjects({Namespace("a", "20"), Namespace("c", "21")}, "30");
    if (on_line(GoneLine())) {
      ADD_FAILURE() << "the reflector should end the stream at a 410 ERROR event";
      return BlockUntilCancelled(cancel);
    }
    return OkStatus();
  });
  ExpectRelistDiff(api_, recorder_, store_, *reflector, *sleeper_);
}

TEST_F(ReflectorTest, ListBackoffGrowsAndIsCapped) {
  for (int i = 0; i < 13; ++i) api_.QueueListError(Unavailable("connection refused"));
  auto reflector = NewReflector({.path = "/api/v1/namespaces"}, 12);
  reflector->Start();
  ASSERT_TRUE(sleeper_->WaitForSleeps(13));
  EXPECT_FALSE(reflector->HasSynced());
  reflector->Stop();
  const std::vector<std::chrono::milliseconds> sleeps = sleeper_->sleeps();
  std::chrono::milliseconds base = 800ms;
  for (size_t i = 0; i < 12; ++i) {
    EXPECT_GE(sleeps[i], base / 2) << i;
    EXPECT_LE(sleeps[i], base) << i;
    base = std::min(base * 2, std::chrono::milliseconds(30s));
  }
  EXPECT_GE(sleeps[11], 15s);
  EXPECT_EQ(api_.Paths(false).size(), 13u);  // one list per wait, no spinning
  EXPECT_TRUE(api_.Paths(true).empty());
}

TEST_F(ReflectorTest, BackoffStartsOverAfterAQuietSpell) {
  api_.SetObjects({}, "10");
  auto reflector = NewReflector();
  for (int i = 0; i < 4; ++i) api_.QueueWatch(Lines({}, Unavailable("reset")));
  api_.QueueWatch([&](const OnLine& on_line, const std::atomic<bool>&) {
    clock_.Advance(3min);  // a long healthy watch
    on_line(EventLine("ADDED", "a", "11"));
    return Unavailable("reset");
  });
  reflector->Start();
  ASSERT_TRUE(sleeper_->WaitForSleeps(5));
  reflector->Stop();
  const std::vector<std::chrono::milliseconds> sleeps = sleeper_->sleeps();
  EXPECT_GE(sleeps[3], 3200ms);
  EXPECT_LE(sleeps[4], 800ms);
  // Failed watches are retried from the same version, without a re-list.
  EXPECT_EQ(api_.Paths(false).size(), 1u);
  for (size_t i = 0; i < 5; ++i) EXPECT_THAT(api_.Paths(true)[i], HasSubstr("resourceVersion=10&"));
}

TEST_F(ReflectorTest, AnEmptyWatchThatEndsAtOnceIsAFailure) {
  api_.SetObjects({}, "10");
  for (int i = 0; i < 3; ++i) api_.QueueWatch(Lines({}));
  auto reflector = NewReflector();
  reflector->Start();
  ASSERT_TRUE(sleeper_->WaitForSleeps(3));
  reflector->Stop();
  EXPECT_GT(sleeper_->sleeps()[2], sleeper_->sleeps()[0]);
}

TEST_F(ReflectorTest, MalformedLinesAreLoggedAndRewatched) {
  api_.SetObjects({Namespace("a", "3")}, "10");
  api_.QueueWatch(Lines({"this is not json", EventLine("ADDED", "never", "99")}));
  api_.QueueWatch(Lines({EventLine("ADDED", "b", "11"), EventLine("SYNC", "c", "12")}));
  api_.QueueWatch(Lines({R"({"type":"ERROR","object":{"code":500,"message":"etcd is sad"}})"}));
  api_.QueueWatch(Lines({R"({"type":"ADDED","object":{"metadata":{}}})"}));
  api_.QueueWatch(Lines({"", EventLine("ADDED", "d", "13")}));
  auto reflector = NewReflector();
  reflector->Start();
  ASSERT_TRUE(recorder_.WaitFor(3));
  ASSERT_TRUE(Eventually([&] { return api_.Paths(true).size() == 6; }));
  reflector->Stop();
  EXPECT_THAT(recorder_.calls(), ElementsAre("add a@3", "add b@11", "add d@13"));
  EXPECT_EQ(sleeper_->sleeps().size(), 4u);
  const std::vector<std::string> watches = api_.Paths(true);
  EXPECT_THAT(watches[1], HasSubstr("resourceVersion=10&"));
  EXPECT_THAT(watches[2], HasSubstr("resourceVersion=11&"));
  EXPECT_THAT(watches[5], HasSubstr("resourceVersion=13&"));
  EXPECT_EQ(api_.Paths(false).size(), 1u);
}

TEST_F(ReflectorTest, MalformedListIsRetried) {
  auto reflector = NewReflector();
  api_.client.SetDoHandler([&](const RestRequest&) -> Result<std::string> {
    if (api_.client.requests().size() < 3) return std::string("<html>oops</html>");
    return std::string(R"({"metadata":{"resourceVersion":"4"},"items":[]})");
  });
  reflector->Start();
  ASSERT_TRUE(reflector->WaitForSync(10s));
  reflector->Stop();
  EXPECT_EQ(sleeper_->sleeps().size(), 2u);
}

TEST_F(ReflectorTest, StopWhileWatchingReturnsPromptly) {
  api_.SetObjects({Namespace("a", "3")}, "10");
  auto reflector = NewReflector();
  reflector->Start();
  ASSERT_TRUE(Eventually([&] { return api_.Paths(true).size() == 1; }));
  const auto start = std::chrono::steady_clock::now();
  reflector->Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  reflector->Stop();   // idempotent
  reflector->Start();  // a stopped reflector stays stopped
  EXPECT_EQ(api_.Paths(true).size(), 1u);
}

TEST_F(ReflectorTest, StopDuringARealBackoffReturnsPromptly) {
  api_.QueueListError(Unavailable("down"));
  Reflector reflector(api_.client, store_, {.path = "/api/v1/namespaces"}, {},
                      {.backoff = {.initial = 60s}});
  reflector.Start();
  ASSERT_TRUE(Eventually([&] { return api_.Paths(false).size() == 1; }));
  std::this_thread::sleep_for(20ms);
  const auto start = std::chrono::steady_clock::now();
  reflector.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
}

TEST(QueryEscapeTest, KeepsUnreservedOnly) {
  EXPECT_EQ(QueryEscape("a-b_c.d~9"), "a-b_c.d~9");
  EXPECT_EQ(QueryEscape("k=v,x in (1)"), "k%3Dv%2Cx%20in%20%281%29");
  EXPECT_EQ(QueryEscape("\xff/"), "%FF%2F");
}

}  // namespace
}  // namespace navigator::client
