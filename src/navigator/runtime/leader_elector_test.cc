// LeaderElector on simulated time: a FakeClock moved by a FakeSleeper, and a
// fake Lease endpoint (FakeLeaseServer) with resourceVersion checks, whose
// hooks play the other candidates.

#include "navigator/runtime/leader_elector.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <future>
#include <thread>

#include "navigator/client/testing/fake_rest_client.h"
#include "navigator/client/testing/fake_sleeper.h"

namespace navigator::runtime {
namespace {

namespace json = boost::json;
using namespace std::chrono;
using client::RestRequest;
using client::StopSignal;
using client::testing::FakeRestClient;
using client::testing::FakeSleeper;

const Clock::TimePoint kT0 = sys_days(2026y / 11 / 26) + 4h;

// One Lease kube-system/lock behind the fake client: GET, POST, PUT with
// optimistic concurrency. Thread-safe.
class FakeLeaseServer {
 public:
  explicit FakeLeaseServer(FakeRestClient& client) {
    client.SetDoHandler([this](const RestRequest& r) { return Handle(r); });
  }

  // Called (under the server's lock) before a request of the elector is
  // served; may call WriteLocked to play another candidate.
  std::function<void(const RestRequest&)> before;
  // Requests from this one on (1-based) fail with 503.
  int fail_from_request = 0;

  // Another candidate writes `record`.
  void Write(const LeaderElectionRecord& record) {
    std::lock_guard lock(mu_);
    WriteLocked(record);
  }
  void WriteLocked(const LeaderElectionRecord& record) {
    record_ = record;
    ++rv_;
  }
  std::optional<LeaderElectionRecord> record() const {
    std::lock_guard lock(mu_);
    return record_;
  }
  std::vector<std::string> methods() const {
    std::lock_guard lock(mu_);
    return methods_;
  }

 private:
  std::string Body() const {
    return json::serialize(
        json::object{{"apiVersion", "coordination.k8s.io/v1"},
                     {"kind", "Lease"},
                     {"metadata", json::object{{"name", "lock"},
                                               {"namespace", "kube-system"},
                                               {"uid", "uid-1"},
                                               {"resourceVersion", std::to_string(rv_)}}},
                     {"spec", EncodeLeaseSpec(*record_)}});
  }

  Result<std::string> Handle(const RestRequest& r) {
    std::lock_guard lock(mu_);
    methods_.push_back(r.method);
    if (fail_from_request > 0 && static_cast<int>(methods_.size()) >= fail_from_request) {
      return Unavailable("fake: kube-apiserver is down");
    }
    if (before) before(r);
    if (r.method == "GET") {
      if (!record_) return NotFound("leases.coordination.k8s.io \"lock\" not found");
      return Body();
    }
    Result<Lease> sent =
        DecodeLease(r.method == "POST" ? R"({"metadata":{"resourceVersion":"0"},"spec":)" +
                                             json::serialize(json::parse(r.body).at("spec")) + "}"
                                       : r.body);
    if (!sent.ok()) return sent.status();
    if (r.method == "POST") {
      if (record_) return AlreadyExists("leases.coordination.k8s.io \"lock\" already exists");
    } else if (!record_ || sent->resource_version != std::to_string(rv_)) {
      return Conflict("Operation cannot be fulfilled on leases.coordination.k8s.io \"lock\"");
    }
    WriteLocked(sent->record);
    return Body();
  }

  mutable std::mutex mu_;
  std::optional<LeaderElectionRecord> record_;
  int rv_ = 1;
  std::vector<std::string> methods_;
};

// Records the callbacks; on_started_leading works until told to stop.
struct Observer {
  std::promise<void> started;
  std::atomic<int> started_count{0};
  std::atomic<int> stopped_count{0};
  std::atomic<bool> work_ended{false};
  Clock::TimePoint stopped_at{};
  std::mutex mu;
  std::vector<std::pair<std::string, Clock::TimePoint>> new_leaders;

  LeaderCallbacks Callbacks(const Clock& clock) {
    return {
        .on_started_leading =
            [this](StopSignal& stop) {
              if (started_count++ == 0) started.set_value();
              while (!stop.WaitFor(seconds(1))) {
              }
              work_ended = true;
            },
        .on_stopped_leading =
            [this, &clock] {
              stopped_at = clock.Now();
              ++stopped_count;
            },
        .on_new_leader =
            [this, &clock](const std::string& id) {
              std::lock_guard lock(mu);
              new_leaders.emplace_back(id, clock.Now());
            },
    };
  }
  std::vector<std::string> Leaders() {
    std::lock_guard lock(mu);
    std::vector<std::string> out;
    for (const auto& [id, at] : new_leaders) out.push_back(id);
    return out;
  }
  Clock::TimePoint LeaderSince(const std::string& id) {
    std::lock_guard lock(mu);
    for (const auto& [who, at] : new_leaders) {
      if (who == id) return at;
    }
    return {};
  }
};

class LeaderElectorTest : public ::testing::Test {
 protected:
  std::unique_ptr<LeaderElector> NewElector(size_t free_sleeps, bool release = true) {
    sleeper_ = std::make_unique<FakeSleeper>(clock_, free_sleeps);
    LeaderElectionConfig config{.lock_namespace = "kube-system",
                                .lock_name = "lock",
                                .identity = "me",
                                .release_on_cancel = release,
                                .callbacks = observer_.Callbacks(clock_)};
    Result<std::unique_ptr<LeaderElector>> elector = LeaderElector::Create(
        client_, config, {.clock = &clock_, .sleeper = sleeper_.get(), .random = &random_});
    EXPECT_TRUE(elector.ok()) << elector.status().ToString();
    return std::move(*elector);
  }
  void StartRun(LeaderElector& elector) {
    run_ = std::thread([&elector] { elector.Run(); });
  }
  bool WaitStarted() {
    return observer_.started.get_future().wait_for(seconds(10)) == std::future_status::ready;
  }
  void StopAndJoin(LeaderElector& elector) {
    elector.Stop();
    if (run_.joinable()) run_.join();
  }
  void TearDown() override {
    if (run_.joinable()) run_.join();
  }

  FakeClock clock_{kT0};
  DefaultRandom random_{42};
  FakeRestClient client_;
  FakeLeaseServer server_{client_};
  std::unique_ptr<FakeSleeper> sleeper_;
  Observer observer_;
  std::thread run_;
};

TEST_F(LeaderElectorTest, AcquiresAFreeLeaseAndReleasesItOnStop) {
  auto elector = NewElector(/*free_sleeps=*/0);
  StartRun(*elector);
  ASSERT_TRUE(WaitStarted());
  EXPECT_TRUE(elector->IsLeader());
  EXPECT_EQ(elector->GetLeader(), "me");
  EXPECT_EQ(server_.record(), (LeaderElectionRecord{.holder_identity = "me",
                                                    .lease_duration_seconds = 15,
                                                    .acquire_time = api::ToMicroTime(kT0),
                                                    .renew_time = api::ToMicroTime(kT0),
                                                    .lease_transitions = 0}));
  EXPECT_THAT(server_.methods(), ::testing::ElementsAre("GET", "POST"));

  StopAndJoin(*elector);
  EXPECT_TRUE(observer_.work_ended);
  EXPECT_EQ(observer_.stopped_count, 1);
  // client-go's release: nobody holds it, and it expires after a second.
  ASSERT_TRUE(server_.record());
  EXPECT_EQ(server_.record()->holder_identity, "");
  EXPECT_EQ(server_.record()->lease_duration_seconds, 1);
  EXPECT_FALSE(elector->IsLeader());
  EXPECT_THAT(observer_.Leaders(), ::testing::ElementsAre("me", ""));
}

TEST_F(LeaderElectorTest, WithoutReleaseOnCancelKeepsTheLease) {
  auto elector = NewElector(0, /*release=*/false);
  StartRun(*elector);
  ASSERT_TRUE(WaitStarted());
  StopAndJoin(*elector);
  EXPECT_EQ(observer_.stopped_count, 1);
  EXPECT_EQ(server_.record()->holder_identity, "me");
  EXPECT_EQ(server_.record()->lease_duration_seconds, 15);
}

TEST_F(LeaderElectorTest, RenewsEveryRetryPeriodOnTheFastPath) {
  auto elector = NewElector(/*free_sleeps=*/5);
  StartRun(*elector);
  ASSERT_TRUE(WaitStarted());
  ASSERT_TRUE(sleeper_->WaitForSleeps(6));  // 5 renewals, then blocked
  EXPECT_THAT(sleeper_->sleeps(), ::testing::Each(milliseconds(2000)));
  EXPECT_EQ(server_.record()->renew_time, api::ToMicroTime(kT0 + 10s));
  EXPECT_EQ(server_.record()->acquire_time, api::ToMicroTime(kT0));
  // Renewals write the Lease as last written, without reading it first.
  EXPECT_THAT(server_.methods(),
              ::testing::ElementsAre("GET", "POST", "PUT", "PUT", "PUT", "PUT", "PUT"));
  StopAndJoin(*elector);
}

TEST_F(LeaderElectorTest, TakesOverAForeignLeaseOnlyAfterItExpiredByTheLocalClock) {
  // The other holder's renewTime is years old, but only the local clock
  // counts: the lease is fresh when first seen.
  const api::MicroTime long_ago = api::ToMicroTime(sys_days(2000y / 1 / 1));
  server_.Write({.holder_identity = "other",
                 .lease_duration_seconds = 15,
                 .acquire_time = long_ago,
                 .renew_time = long_ago,
                 .lease_transitions = 4});
  auto elector = NewElector(/*free_sleeps=*/20);
  StartRun(*elector);
  ASSERT_TRUE(WaitStarted());
  const Clock::TimePoint took_over = observer_.LeaderSince("me");
  EXPECT_EQ(observer_.LeaderSince("other"), kT0);
  // The last wait ends exactly when the lease, first seen at kT0, expires.
  EXPECT_EQ(took_over, kT0 + 15s);
  EXPECT_EQ(server_.record()->lease_transitions, 5);
  EXPECT_EQ(server_.record()->acquire_time, api::ToMicroTime(took_over));
  // Every wait was at most a retry period; all but the one cut short by the
  // expiry were jittered down by less than 20 %.
  const std::vector<milliseconds> sleeps = sleeper_->sleeps();
  ASSERT_GE(sleeps.size(), 8u);
  EXPECT_THAT(sleeps, ::testing::Each(::testing::Le(2000ms)));
  EXPECT_LE(std::count_if(sleeps.begin(), sleeps.end(), [](milliseconds s) { return s <= 1600ms; }),
            1);
  StopAndJoin(*elector);
}

TEST_F(LeaderElectorTest, ADeadLeadersLeaseIsTakenOnceItExpiresNotAtTheNextJitteredTry) {
  // "other" renews on each of the first five reads (as if just before each),
  // then dies. The lease expires 15s after the last renewal was seen; the
  // take-over comes at that moment, so within lease duration + retry period
  // of the renewal itself.
  server_.Write({.holder_identity = "other", .lease_duration_seconds = 15});
  int reads = 0;
  Clock::TimePoint last_renewal_seen{};
  server_.before = [&](const RestRequest& r) {
    if (r.method != "GET" || ++reads > 5) return;
    last_renewal_seen = clock_.Now();
    server_.WriteLocked({.holder_identity = "other",
                         .lease_duration_seconds = 15,
                         .renew_time = api::ToMicroTime(clock_.Now())});
  };
  auto elector = NewElector(/*free_sleeps=*/40);
  StartRun(*elector);
  ASSERT_TRUE(WaitStarted());
  EXPECT_EQ(observer_.LeaderSince("me"), last_renewal_seen + 15s);
  EXPECT_EQ(server_.record()->holder_identity, "me");
  StopAndJoin(*elector);
}

TEST_F(LeaderElectorTest, NeverTakesALeaseItsHolderKeepsRenewing) {
  server_.Write({.holder_identity = "other", .lease_duration_seconds = 15});
  int renewals = 0;
  server_.before = [&](const RestRequest& r) {
    if (r.method == "GET") {
      server_.WriteLocked({.holder_identity = "other",
                           .lease_duration_seconds = 15,
                           .renew_time = api::ToMicroTime(kT0) + seconds(++renewals)});
    }
  };
  auto elector = NewElector(/*free_sleeps=*/20);
  StartRun(*elector);
  ASSERT_TRUE(sleeper_->WaitForSleeps(21));  // 20 tries over 40s+, then blocked
  EXPECT_FALSE(elector->IsLeader());
  EXPECT_EQ(elector->GetLeader(), "other");
  EXPECT_THAT(server_.methods(), ::testing::Each("GET"));
  StopAndJoin(*elector);
  EXPECT_EQ(observer_.started_count, 0);
  EXPECT_EQ(observer_.stopped_count, 0);
  EXPECT_EQ(server_.record()->holder_identity, "other");
}

TEST_F(LeaderElectorTest, StopsLeadingWhenItCannotRenewWithinTheRenewDeadline) {
  // GET (404), POST, one renewal at +2s; then kube-apiserver is unreachable.
  server_.fail_from_request = 4;
  auto elector = NewElector(/*free_sleeps=*/100);
  StartRun(*elector);
  ASSERT_TRUE(WaitStarted());
  run_.join();  // Run returns by itself
  EXPECT_EQ(observer_.stopped_count, 1);
  EXPECT_TRUE(observer_.work_ended);
  // Last renewal at +2s; the next round starts at +4s and gives up at its
  // renew deadline (+14s), before the lease (15s from +2s) could expire for
  // the others.
  EXPECT_EQ(observer_.stopped_at, kT0 + 14s);
  EXPECT_EQ(server_.record()->renew_time, api::ToMicroTime(kT0 + 2s));
  EXPECT_FALSE(elector->IsLeader());  // though the last record seen names it
  EXPECT_EQ(elector->GetLeader(), "me");
}

TEST_F(LeaderElectorTest, StopsLeadingAtOnceWhenAnotherCandidateHoldsTheLease) {
  auto elector = NewElector(/*free_sleeps=*/100);
  int writes = 0;
  server_.before = [&](const RestRequest& r) {
    // After our second renewal, another candidate took the lease (say our
    // renewals were too slow to reach it).
    if (r.method == "PUT" && ++writes == 3) {
      server_.WriteLocked({.holder_identity = "other", .lease_duration_seconds = 15});
    }
  };
  StartRun(*elector);
  ASSERT_TRUE(WaitStarted());
  run_.join();
  EXPECT_EQ(observer_.stopped_count, 1);
  EXPECT_EQ(observer_.stopped_at, kT0 + 6s);  // no waiting for the renew deadline
  EXPECT_EQ(elector->GetLeader(), "other");
  EXPECT_EQ(server_.record()->holder_identity, "other");  // not released: not ours
  EXPECT_THAT(observer_.Leaders(), ::testing::ElementsAre("me", "other"));
}

TEST_F(LeaderElectorTest, AConflictIsALostRaceNotRetriedAtOnce) {
  // An expired lease: we try to take it, but another candidate's write lands
  // first, so ours conflicts; that candidate then keeps renewing.
  server_.Write({.holder_identity = "old", .lease_duration_seconds = 1});
  bool other_holds = false;
  int renewals = 0;
  server_.before = [&](const RestRequest& r) {
    if (r.method == "PUT") {
      server_.WriteLocked({.holder_identity = "other", .lease_duration_seconds = 15});
      other_holds = true;
    } else if (other_holds) {
      server_.WriteLocked({.holder_identity = "other",
                           .lease_duration_seconds = 15,
                           .renew_time = api::ToMicroTime(kT0) + seconds(++renewals)});
    }
  };
  auto elector = NewElector(/*free_sleeps=*/5);
  // First observation at kT0; the "old" lease (1s) has expired by the second try.
  StartRun(*elector);
  ASSERT_TRUE(sleeper_->WaitForSleeps(6));
  EXPECT_FALSE(elector->IsLeader());
  EXPECT_EQ(elector->GetLeader(), "other");
  // One write attempt only, after the old lease expired; the conflict sent
  // the elector back to reading, after a retry period.
  std::vector<std::string> methods = server_.methods();
  EXPECT_EQ(std::count(methods.begin(), methods.end(), "PUT"), 1);
  EXPECT_THAT(observer_.Leaders(), ::testing::ElementsAre("old", "other"));
  StopAndJoin(*elector);
  EXPECT_EQ(observer_.started_count, 0);
}

TEST_F(LeaderElectorTest, LosingTheCreateRaceIsNotAnError) {
  bool other_holds = false;
  int renewals = 0;
  server_.before = [&](const RestRequest& r) {
    if (r.method == "POST") {
      server_.WriteLocked({.holder_identity = "other", .lease_duration_seconds = 15});
      other_holds = true;
    } else if (other_holds) {
      server_.WriteLocked({.holder_identity = "other",
                           .lease_duration_seconds = 15,
                           .renew_time = api::ToMicroTime(kT0) + seconds(++renewals)});
    }
  };
  auto elector = NewElector(/*free_sleeps=*/3);
  StartRun(*elector);
  ASSERT_TRUE(sleeper_->WaitForSleeps(4));
  EXPECT_FALSE(elector->IsLeader());
  EXPECT_EQ(elector->GetLeader(), "other");
  EXPECT_THAT(server_.methods(), ::testing::ElementsAre("GET", "POST", "GET", "GET", "GET"));
  StopAndJoin(*elector);
}

TEST_F(LeaderElectorTest, StopBeforeRunReturnsAtOnce) {
  auto elector = NewElector(0);
  elector->Stop();
  elector->Run();
  EXPECT_TRUE(server_.methods().empty());
  EXPECT_EQ(observer_.stopped_count, 0);
}

TEST(LeaderElectorConfigTest, RefusesInconsistentTimings) {
  FakeRestClient client;
  auto create = [&](LeaderElectionConfig c) {
    return LeaderElector::Create(client, c).status();
  };
  const LeaderElectionConfig good{
      .lock_namespace = "kube-system", .lock_name = "navigator-controller", .identity = "me"};
  EXPECT_TRUE(LeaderElector::Create(client, good).ok());
  LeaderElectionConfig c = good;
  c.renew_deadline = c.lease_duration;
  EXPECT_THAT(create(c).message(), ::testing::HasSubstr("greater than the renew deadline"));
  c = good;
  c.retry_period = 9s;
  EXPECT_THAT(create(c).message(), ::testing::HasSubstr("retry period * 1.2"));
  c = good;
  c.retry_period = 0s;
  EXPECT_EQ(create(c).code(), StatusCode::kBadRequest);
  c = good;
  c.identity = "";
  EXPECT_THAT(create(c).message(), ::testing::HasSubstr("identity"));
  c = good;
  c.lock_name = "Bad/Name";
  EXPECT_THAT(create(c).message(), ::testing::HasSubstr("DNS names"));
  c = good;
  c.lease_duration = 900ms;
  c.renew_deadline = 800ms;
  c.retry_period = 100ms;
  EXPECT_THAT(create(c).message(), ::testing::HasSubstr("at least 1s"));
}

}  // namespace
}  // namespace navigator::runtime
