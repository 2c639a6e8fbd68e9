// Leader election on a Lease and the event recorder against a real
// kube-apiserver (the KubeApiServer fixture), on real clocks with short
// timings (lease 3s, renew deadline 2s, retry period 0.5s): exactly one of
// two candidates leads; a leader stopped with release hands over within about
// a retry period; one that just stops renewing is replaced once its lease
// expires (lease duration + retry period); an event recorded twice is one
// Event with count 2.

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <thread>

#include "navigator/client/rest_client.h"
#include "navigator/runtime/event_recorder.h"
#include "navigator/runtime/leader_elector.h"
#include "tests/support/kube_apiserver.h"

namespace navigator {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;
using client::RestClient;
using client::RestRequest;
using runtime::LeaderElectionConfig;
using runtime::LeaderElector;
using test_support::KubeApiServer;
using Steady = std::chrono::steady_clock;

constexpr auto kLease = 3s;
constexpr auto kRenew = 2s;
constexpr auto kRetry = 500ms;

bool Eventually(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = Steady::now() + timeout;
  while (Steady::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return done();
}

class LeaderElectionTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (Result<std::string> binary = test_support::TestBinary("kube-apiserver"); !binary.ok()) {
      skip_reason_ = new std::string(binary.status().message());
      return;
    }
    Result<std::unique_ptr<KubeApiServer>> server = KubeApiServer::Create();
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = server->release();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    delete skip_reason_;
    skip_reason_ = nullptr;
  }
  void SetUp() override {
    // Label "control-plane": skipped, not failed, where kube-apiserver was
    // not built (hack/build-test-binaries.sh --control-plane).
    if (skip_reason_ != nullptr) GTEST_SKIP() << *skip_reason_;
    ASSERT_NE(server_, nullptr);
  }

  static std::unique_ptr<RestClient> NewClient() {
    Result<std::unique_ptr<RestClient>> client = client::NewRestClient(server_->admin_config());
    EXPECT_TRUE(client.ok()) << client.status().ToString();
    return client.ok() ? std::move(*client) : nullptr;
  }

  static inline KubeApiServer* server_ = nullptr;
  static inline std::string* skip_reason_ = nullptr;
};

// One candidate: its own client, elector, Run thread, and when it led.
struct Candidate {
  std::string identity;
  std::unique_ptr<RestClient> client;
  std::unique_ptr<LeaderElector> elector;
  std::thread run;
  std::atomic<bool> leading{false};
  std::atomic<Steady::rep> started_at{0};

  Candidate(std::string id, std::unique_ptr<RestClient> rest, const std::string& lock, bool release,
            runtime::EventRecorder* recorder = nullptr)
      : identity(std::move(id)), client(std::move(rest)) {
    LeaderElectionConfig config{
        .lock_namespace = "default",
        .lock_name = lock,
        .identity = identity,
        .lease_duration = kLease,
        .renew_deadline = kRenew,
        .retry_period = kRetry,
        .release_on_cancel = release,
        .callbacks = {.on_started_leading =
                          [this](client::StopSignal& stop) {
                            started_at = Steady::now().time_since_epoch().count();
                            leading = true;
                            while (!stop.WaitFor(1s)) {
                            }
                          },
                      .on_stopped_leading =
                          [this] {
                            leading = false;
                          }},
        .event_recorder = recorder,
    };
    Result<std::unique_ptr<LeaderElector>> created = LeaderElector::Create(*client, config);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    elector = std::move(*created);
    run = std::thread([this] { elector->Run(); });
  }
  ~Candidate() { Stop(); }
  void Stop() {
    elector->Stop();
    if (run.joinable()) run.join();
  }
  Steady::time_point StartedAt() const {
    return Steady::time_point(Steady::duration(started_at.load()));
  }
};

json::object GetLease(RestClient& api, const std::string& name) {
  Result<std::string> body = api.Do(RestRequest{
      .path = fmt::format("/apis/coordination.k8s.io/v1/namespaces/default/leases/{}", name)});
  if (!body.ok()) return json::object{{"error", body.status().ToString()}};
  return json::parse(*body).as_object();
}

std::string Holder(RestClient& api, const std::string& name) {
  const json::object lease = GetLease(api, name);
  const json::value* holder =
      lease.contains("spec") ? lease.at("spec").as_object().if_contains("holderIdentity") : nullptr;
  return holder != nullptr && holder->is_string() ? std::string(holder->get_string()) : "";
}

json::array EventsAbout(RestClient& api, const std::string& name) {
  Result<std::string> body = api.Do(RestRequest{
      .path = fmt::format(
          "/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3D{}", name)});
  if (!body.ok()) return {};
  return json::parse(*body).at("items").as_array();
}

// Samples for `duration`: always exactly one leader, the Lease's holder.
void ExpectExactlyOneLeader(Candidate& a, Candidate& b, RestClient& api, const std::string& lock,
                            std::chrono::milliseconds duration) {
  const auto end = Steady::now() + duration;
  while (Steady::now() < end) {
    ASSERT_NE(a.leading.load(), b.leading.load()) << "a and b lead at the same time or none leads";
    const std::string leader = a.leading ? a.identity : b.identity;
    EXPECT_EQ(Holder(api, lock), leader);
    std::this_thread::sleep_for(100ms);
  }
}

TEST_F(LeaderElectionTest, ExactlyOneLeadsAndAReleasedLeaseIsTakenWithinARetryPeriod) {
  std::unique_ptr<RestClient> api = NewClient();
  ASSERT_NE(api, nullptr);
  runtime::EventRecorder recorder(*api, {.source = {.component = "leader-election-test"}});
  Candidate a("candidate-a", NewClient(), "release-lock", /*release=*/true, &recorder);
  Candidate b("candidate-b", NewClient(), "release-lock", /*release=*/true, &recorder);
  ASSERT_TRUE(Eventually([&] { return a.leading || b.leading; }, 10s));
  ExpectExactlyOneLeader(a, b, *api, "release-lock", 4s);  // longer than a lease

  Candidate& leader = a.leading ? a : b;
  Candidate& follower = a.leading ? b : a;
  EXPECT_EQ(follower.elector->GetLeader(), leader.identity);
  const auto stopped_at = Steady::now();
  leader.Stop();
  EXPECT_FALSE(leader.leading);
  ASSERT_TRUE(Eventually([&] { return follower.leading.load(); }, 10s));
  const auto handover = follower.StartedAt() - stopped_at;
  // A release is seen at the follower's next try: within a jittered retry
  // period (< 2.2 * 0.5s), plus request time.
  EXPECT_LT(handover, 2s) << std::chrono::duration_cast<std::chrono::milliseconds>(handover).count()
                          << "ms";
  EXPECT_EQ(Holder(*api, "release-lock"), follower.identity);
  const json::object lease = GetLease(*api, "release-lock");
  EXPECT_GE(lease.at("spec").at("leaseTransitions").to_number<int>(), 1);
  EXPECT_EQ(lease.at("spec").at("leaseDurationSeconds").to_number<int>(), 3);
  follower.Stop();
  EXPECT_EQ(Holder(*api, "release-lock"), "");  // released on the way out

  // client-go's "became leader" events on the Lease.
  ASSERT_TRUE(recorder.WaitIdle(10s));
  int became_leader = 0;
  for (const json::value& e : EventsAbout(*api, "release-lock")) {
    if (e.at("reason") == "LeaderElection" &&
        std::string_view(e.at("message").as_string()).ends_with("became leader")) {
      ++became_leader;
    }
  }
  EXPECT_EQ(became_leader, 2);
}

TEST_F(LeaderElectionTest, ALeaderThatStopsRenewingIsReplacedAfterTheLeaseExpires) {
  std::unique_ptr<RestClient> api = NewClient();
  ASSERT_NE(api, nullptr);
  Candidate a("candidate-a", NewClient(), "kill-lock", /*release=*/false);
  Candidate b("candidate-b", NewClient(), "kill-lock", /*release=*/false);
  ASSERT_TRUE(Eventually([&] { return a.leading || b.leading; }, 10s));
  ExpectExactlyOneLeader(a, b, *api, "kill-lock", 1s);

  Candidate& leader = a.leading ? a : b;
  Candidate& follower = a.leading ? b : a;
  const auto killed_at = Steady::now();
  leader.Stop();  // no release: the Lease still names it, as after SIGKILL
  EXPECT_EQ(Holder(*api, "kill-lock"), leader.identity);
  ASSERT_TRUE(Eventually([&] { return follower.leading.load(); }, 15s));
  const auto takeover = follower.StartedAt() - killed_at;
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(takeover).count();
  // Not before the lease ran out (last renewal at most one retry period
  // before the kill), and within lease duration + a jittered retry period.
  EXPECT_GE(takeover, kLease - kRetry - 100ms) << ms << "ms";
  EXPECT_LT(takeover, kLease + 2 * 1100ms + 500ms) << ms << "ms";
  EXPECT_EQ(Holder(*api, "kill-lock"), follower.identity);
}

TEST_F(LeaderElectionTest, AnEventRecordedTwiceHasCountTwo) {
  std::unique_ptr<RestClient> api = NewClient();
  ASSERT_NE(api, nullptr);
  runtime::EventRecorder recorder(
      *api, {.source = {.component = "navigator-controller", .host = "test-host"}});
  const runtime::ObjectReference object{
      .kind = "ConfigMap", .namespace_ = "default", .name = "event-target", .api_version = "v1"};
  recorder.Event(object, runtime::EventType::kWarning, "BackOff", "backing off");
  std::this_thread::sleep_for(1100ms);  // a later lastTimestamp (whole seconds)
  recorder.Event(object, runtime::EventType::kWarning, "BackOff", "backing off");
  recorder.Event(object, runtime::EventType::kNormal, "Synced", "synced");
  ASSERT_TRUE(recorder.WaitIdle(10s));

  const json::array events = EventsAbout(*api, "event-target");
  ASSERT_EQ(events.size(), 2u) << json::serialize(events);
  for (const json::value& e : events) {
    if (e.at("reason") == "BackOff") {
      EXPECT_EQ(e.at("count").to_number<int>(), 2) << json::serialize(e);
      EXPECT_EQ(e.at("type"), "Warning");
      EXPECT_LT(e.at("firstTimestamp").as_string(), e.at("lastTimestamp").as_string());
      EXPECT_EQ(e.at("source").at("component"), "navigator-controller");
      EXPECT_EQ(e.at("involvedObject").at("kind"), "ConfigMap");
    } else {
      EXPECT_EQ(e.at("reason"), "Synced");
      EXPECT_EQ(e.at("count").to_number<int>(), 1);
    }
  }
}

}  // namespace
}  // namespace navigator
