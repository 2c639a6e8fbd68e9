// EventRecorder against a fake events endpoint (FakeEventServer), on
// simulated time.

#include "navigator/runtime/event_recorder.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <future>
#include <map>

#include "navigator/client/testing/fake_rest_client.h"
#include "navigator/client/testing/fake_sleeper.h"

namespace navigator::runtime {
namespace {

namespace json = boost::json;
using namespace std::chrono;
using client::RestRequest;
using client::testing::FakeRestClient;
using client::testing::FakeSleeper;
using ::testing::ElementsAre;

const Clock::TimePoint kT0 = sys_days(2026y / 11 / 26) + 4h;
constexpr char kEvents[] = "/api/v1/namespaces/ns/events";

const ObjectReference kPod{
    .kind = "Pod", .namespace_ = "ns", .name = "pod-a", .uid = "uid-a", .api_version = "v1"};

// Events by name (POST creates, PATCH of kEvents/<name> merges top-level
// fields).
// Thread-safe.
class FakeEventServer {
 public:
  explicit FakeEventServer(FakeRestClient& client) {
    client.SetDoHandler([this](const RestRequest& r) { return Handle(r); });
  }
  // Answers instead of the store while set (it may block).
  std::function<Result<std::string>(const RestRequest&)> override_answer;

  std::map<std::string, json::object> events() const {
    std::lock_guard lock(mu_);
    return events_;
  }
  void Delete(const std::string& name) {
    std::lock_guard lock(mu_);
    events_.erase(name);
  }

 private:
  Result<std::string> Handle(const RestRequest& r) {
    std::function<Result<std::string>(const RestRequest&)> answer;
    {
      std::lock_guard lock(mu_);
      answer = override_answer;
    }
    if (answer) return answer(r);
    std::lock_guard lock(mu_);
    json::object body = json::parse(r.body).as_object();
    if (r.method == "POST") {
      EXPECT_TRUE(r.path.ends_with("/events")) << r.path;
      json::object& metadata = body["metadata"].as_object();
      const std::string name(metadata["name"].as_string());
      if (events_.contains(name)) return AlreadyExists("events \"" + name + "\" already exists");
      metadata["resourceVersion"] = std::to_string(++rv_);
      events_[name] = body;
      return json::serialize(body);
    }
    EXPECT_EQ(r.method, "PATCH");
    EXPECT_EQ(r.content_type, "application/strategic-merge-patch+json");
    const std::string name = r.path.substr(std::string(kEvents).size() + 1);
    auto it = events_.find(name);
    if (it == events_.end()) return NotFound("events \"" + name + "\" not found");
    for (const auto& [key, value] : body) it->second[key] = value;
    it->second["metadata"].as_object()["resourceVersion"] = std::to_string(++rv_);
    return json::serialize(it->second);
  }

  mutable std::mutex mu_;
  std::map<std::string, json::object> events_;
  int rv_ = 100;
};

class EventRecorderTest : public ::testing::Test {
 protected:
  std::unique_ptr<EventRecorder> NewRecorder(EventRecorderOptions options = {}) {
    options.source = {.component = "navigator-controller", .host = "host-1"};
    return std::make_unique<EventRecorder>(
        client_, options,
        EventRecorderEnvironment{.clock = &clock_, .sleeper = &sleeper_, .random = &random_});
  }
  std::vector<std::string> Methods() const {
    std::vector<std::string> out;
    for (const RestRequest& r : client_.requests()) out.push_back(r.method);
    return out;
  }

  FakeClock clock_{kT0};
  FakeSleeper sleeper_{clock_};
  DefaultRandom random_{7};
  FakeRestClient client_;
  FakeEventServer server_{client_};
};

TEST_F(EventRecorderTest, CreatesAnEventLikeClientGo) {
  auto recorder = NewRecorder();
  ASSERT_TRUE(recorder->Event(kPod, EventType::kNormal, "Created", "created pod-a"));
  ASSERT_TRUE(recorder->WaitIdle(seconds(10)));
  const auto events = server_.events();
  ASSERT_EQ(events.size(), 1u);
  const auto& [name, event] = *events.begin();
  EXPECT_EQ(name,
            fmt::format("pod-a.{:x}", duration_cast<nanoseconds>(kT0.time_since_epoch()).count()));
  EXPECT_EQ(json::value_to<std::string>(event.at("metadata").at("namespace")), "ns");
  EXPECT_EQ(
      event.at("involvedObject"),
      json::parse(
          R"({"kind":"Pod","namespace":"ns","name":"pod-a","uid":"uid-a","apiVersion":"v1"})"));
  EXPECT_EQ(event.at("type"), "Normal");
  EXPECT_EQ(event.at("reason"), "Created");
  EXPECT_EQ(event.at("message"), "created pod-a");
  EXPECT_EQ(event.at("count"), 1);
  EXPECT_EQ(event.at("firstTimestamp"), "2026-11-26T04:00:00Z");
  EXPECT_EQ(event.at("lastTimestamp"), "2026-11-26T04:00:00Z");
  EXPECT_EQ(event.at("source"),
            json::parse(R"({"component":"navigator-controller","host":"host-1"})"));
  EXPECT_EQ(event.at("reportingComponent"), "navigator-controller");
  EXPECT_EQ(event.at("reportingInstance"), "host-1");
}

TEST_F(EventRecorderTest, ARepeatIncrementsCountAndLastTimestampByPatch) {
  auto recorder = NewRecorder();
  recorder->Event(kPod, EventType::kWarning, "BackOff", "Back-off restarting");
  ASSERT_TRUE(recorder->WaitIdle(seconds(10)));
  clock_.Advance(42s);
  recorder->Event(kPod, EventType::kWarning, "BackOff", "Back-off restarting");
  clock_.Advance(1s);
  recorder->Event(kPod, EventType::kWarning, "BackOff", "Back-off restarting");
  ASSERT_TRUE(recorder->WaitIdle(seconds(10)));
  EXPECT_THAT(Methods(), ElementsAre("POST", "PATCH", "PATCH"));
  const auto events = server_.events();
  ASSERT_EQ(events.size(), 1u);
  const json::object& event = events.begin()->second;
  EXPECT_EQ(event.at("count"), 3);
  EXPECT_EQ(event.at("firstTimestamp"), "2026-11-26T04:00:00Z");
  EXPECT_EQ(event.at("lastTimestamp"), "2026-11-26T04:00:43Z");
  const RestRequest patch = client_.requests()[1];
  EXPECT_EQ(patch.path, std::string(kEvents) + "/" + events.begin()->first);
  EXPECT_EQ(
      json::parse(patch.body),
      json::parse(
          R"({"count":2,"lastTimestamp":"2026-11-26T04:00:42Z","message":"Back-off restarting"})"));
}

TEST_F(EventRecorderTest, DifferentMessagesCreateSeparateEvents) {
  auto recorder = NewRecorder();
  recorder->Event(kPod, EventType::kNormal, "Scaled", "scaled to 1");
  clock_.Advance(1s);
  recorder->Event(kPod, EventType::kNormal, "Scaled", "scaled to 2");
  ObjectReference cluster_scoped{.kind = "Node", .name = "node-1"};
  recorder->Event(cluster_scoped, EventType::kNormal, "Scaled", "scaled to 2");
  ASSERT_TRUE(recorder->WaitIdle(seconds(10)));
  EXPECT_THAT(Methods(), ElementsAre("POST", "POST", "POST"));
  EXPECT_EQ(server_.events().size(), 3u);
  // A cluster-scoped object's events go to "default", as client-go's.
  EXPECT_EQ(client_.requests()[2].path, "/api/v1/namespaces/default/events");
}

TEST_F(EventRecorderTest, RecreatesAnEventThatExpired) {
  auto recorder = NewRecorder();
  recorder->Event(kPod, EventType::kNormal, "Synced", "ok");
  ASSERT_TRUE(recorder->WaitIdle(seconds(10)));
  const std::string name = server_.events().begin()->first;
  server_.Delete(name);  // the Event's TTL passed
  recorder->Event(kPod, EventType::kNormal, "Synced", "ok");
  ASSERT_TRUE(recorder->WaitIdle(seconds(10)));
  EXPECT_THAT(Methods(), ElementsAre("POST", "PATCH", "POST"));
  ASSERT_EQ(server_.events().size(), 1u);
  EXPECT_EQ(server_.events().at(name).at("count"), 2);
}

TEST_F(EventRecorderTest, DropsEventsWhenTheQueueIsFullWithoutBlocking) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> first_request;
  std::atomic<bool> first{true};
  server_.override_answer = [&](const RestRequest&) -> Result<std::string> {
    if (first.exchange(false)) first_request.set_value();
    released.wait();
    return Unavailable("fake: stalled");
  };
  auto recorder = NewRecorder({.queue_capacity = 2, .max_tries = 1});
  ASSERT_TRUE(recorder->Event(kPod, EventType::kNormal, "R", "1"));
  ASSERT_EQ(first_request.get_future().wait_for(seconds(10)), std::future_status::ready);
  // The sender is stuck on event 1: two more fit, the fourth is dropped.
  EXPECT_TRUE(recorder->Event(kPod, EventType::kNormal, "R", "2"));
  EXPECT_TRUE(recorder->Event(kPod, EventType::kNormal, "R", "3"));
  EXPECT_FALSE(recorder->Event(kPod, EventType::kNormal, "R", "4"));
  EXPECT_EQ(recorder->dropped(), 1u);
  release.set_value();
  ASSERT_TRUE(recorder->WaitIdle(seconds(10)));
  EXPECT_EQ(client_.requests().size(), 3u);
}

TEST_F(EventRecorderTest, RetriesWhenTheServerIsUnreachable) {
  int calls = 0;
  server_.override_answer = [&](const RestRequest& r) -> Result<std::string> {
    if (++calls <= 2) return Unavailable("connection refused");
    return json::serialize(
        json::parse(R"({"metadata":{"name":"x","resourceVersion":"1"},"count":1})"));
    (void)r;
  };
  auto recorder = NewRecorder();
  recorder->Event(kPod, EventType::kNormal, "R", "m");
  ASSERT_TRUE(recorder->WaitIdle(seconds(10)));
  EXPECT_EQ(calls, 3);
  const auto sleeps = sleeper_.sleeps();
  ASSERT_EQ(sleeps.size(), 2u);
  EXPECT_LT(sleeps[0], milliseconds(10'000));  // the first wait is random
  EXPECT_EQ(sleeps[1], milliseconds(10'000));
}

TEST_F(EventRecorderTest, GivesUpOnRejectedEventsAndAfterMaxTries) {
  server_.override_answer = [&](const RestRequest&) -> Result<std::string> {
    return Status(StatusCode::kInvalid, "Event is invalid");
  };
  auto recorder = NewRecorder({.max_tries = 3});
  recorder->Event(kPod, EventType::kNormal, "R", "m");
  ASSERT_TRUE(recorder->WaitIdle(seconds(10)));
  EXPECT_EQ(client_.requests().size(), 1u);  // 422: not retried
  server_.override_answer = [&](const RestRequest&) -> Result<std::string> {
    return Status(StatusCode::kTimeout, "timed out");
  };
  recorder->Event(kPod, EventType::kNormal, "R", "other");
  ASSERT_TRUE(recorder->WaitIdle(seconds(10)));
  EXPECT_EQ(client_.requests().size(), 4u);  // 3 tries
}

TEST_F(EventRecorderTest, ShutdownRefusesNewEvents) {
  auto recorder = NewRecorder();
  recorder->Event(kPod, EventType::kNormal, "R", "m");
  recorder->Shutdown();
  EXPECT_EQ(server_.events().size(), 1u);  // what was queued was still sent
  EXPECT_FALSE(recorder->Event(kPod, EventType::kNormal, "R", "late"));
  recorder->Shutdown();
}

}  // namespace
}  // namespace navigator::runtime
