#include "navigator/runtime/leader_elector.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <thread>

#include "navigator/runtime/event_recorder.h"

namespace navigator::runtime {
namespace {

using std::chrono::milliseconds;
using std::chrono::nanoseconds;

// RFC 1123 subdomain: what a namespace (stricter: label) and a Lease name
// must be; checked so both can go into a URL path unescaped.
bool IsDnsSubdomain(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum) continue;
    if ((c == '-' || c == '.') && i != 0 && i + 1 != s.size()) continue;
    return false;
  }
  return true;
}

}  // namespace

Result<std::unique_ptr<LeaderElector>> LeaderElector::Create(client::RestClient& client,
                                                             LeaderElectionConfig config,
                                                             LeaderElectorEnvironment env) {
  auto bad = [](std::string_view what) {
    return BadRequest(fmt::format("leader election: {}", what));
  };
  if (config.lease_duration <= config.renew_deadline) {
    return bad("the lease duration must be greater than the renew deadline");
  }
  if (config.retry_period <= milliseconds(0) || config.renew_deadline <= milliseconds(0)) {
    return bad("the renew deadline and the retry period must be greater than zero");
  }
  if (config.renew_deadline.count() <= kJitterFactor * config.retry_period.count()) {
    return bad("the renew deadline must be greater than the retry period * 1.2");
  }
  if (config.lease_duration < milliseconds(1000)) {
    return bad("the lease duration must be at least 1s (a Lease holds whole seconds)");
  }
  if (config.identity.empty()) return bad("the identity must not be empty");
  if (!IsDnsSubdomain(config.lock_namespace) || !IsDnsSubdomain(config.lock_name)) {
    return bad(
        fmt::format("the lock namespace {:?} and name {:?} must be lower-case DNS names such as "
                    "\"kube-system\" and \"navigator-controller\"",
                    config.lock_namespace, config.lock_name));
  }
  return std::unique_ptr<LeaderElector>(new LeaderElector(client, std::move(config), env));
}

LeaderElector::LeaderElector(client::RestClient& client, LeaderElectionConfig config,
                             LeaderElectorEnvironment env)
    : config_(std::move(config)),
      owned_random_(env.random == nullptr ? std::make_unique<DefaultRandom>() : nullptr),
      clock_(env.clock != nullptr ? *env.clock : SystemClock::Instance()),
      sleeper_(env.sleeper != nullptr ? *env.sleeper : client::RealSleeper::Instance()),
      random_(env.random != nullptr ? *env.random : *owned_random_),
      lock_(client, config_.lock_namespace, config_.lock_name) {}

LeaderElector::~LeaderElector() = default;

void LeaderElector::Stop() {
  stop_.Stop();
}

bool LeaderElector::IsLeader() const {
  std::lock_guard lock(mu_);
  return !stopped_leading_ && observed_record_.holder_identity == config_.identity;
}

bool LeaderElector::ObservedHolderIsMe() const {
  std::lock_guard lock(mu_);
  return observed_record_.holder_identity == config_.identity;
}

std::string LeaderElector::GetLeader() const {
  std::lock_guard lock(mu_);
  return observed_record_.holder_identity;
}

LeaderElectionRecord LeaderElector::ObservedRecord() const {
  std::lock_guard lock(mu_);
  return observed_record_;
}

void LeaderElector::SetObservedRecord(const LeaderElectionRecord& record) {
  std::lock_guard lock(mu_);
  observed_record_ = record;
  observed_time_ = clock_.Now();
}

bool LeaderElector::IsLeaseValid(Clock::TimePoint now) const {
  std::lock_guard lock(mu_);
  return observed_time_ + std::chrono::seconds(observed_record_.lease_duration_seconds) > now;
}

nanoseconds LeaderElector::NextAcquireWait() {
  const double u = static_cast<double>(random_.Next() >> 11) * 0x1.0p-53;  // U[0, 1)
  const auto period = static_cast<double>(nanoseconds(config_.retry_period).count());
  nanoseconds wait(static_cast<nanoseconds::rep>(period * (1.0 - kAcquireJitter * u)));
  Clock::TimePoint expiry;
  {
    std::lock_guard lock(mu_);
    if (observed_record_.holder_identity.empty()) return wait;
    expiry = observed_time_ + std::chrono::seconds(observed_record_.lease_duration_seconds);
  }
  // Only a future expiry shortens the wait: a past one means the last try
  // failed (a read error or a lost race) and must not be retried at once.
  const Clock::TimePoint now = clock_.Now();
  if (expiry > now) wait = std::min<nanoseconds>(wait, expiry - now);
  return wait;
}

void LeaderElector::Run() {
  if (stop_.stopped()) return;
  spdlog::info("leader election: attempting to acquire lease {} as {}", lock_.Describe(),
               config_.identity);
  if (!Acquire()) return;  // stopped

  client::StopSignal stop_leading;
  std::thread work;
  if (config_.callbacks.on_started_leading) {
    work = std::thread([&] { config_.callbacks.on_started_leading(stop_leading); });
  }
  const bool stopped = RenewUntilLostOrStopped();
  {
    std::lock_guard lock(mu_);
    stopped_leading_ = true;
  }
  stop_leading.Stop();
  if (!stopped) {
    spdlog::error("leader election: lost lease {} ({})", lock_.Describe(),
                  another_holder_seen_ ? fmt::format("now held by {}", GetLeader())
                                       : "failed to renew it within the renew deadline");
  } else {
    spdlog::info("leader election: stopping as leader of lease {}", lock_.Describe());
  }
  if (config_.callbacks.on_stopped_leading) config_.callbacks.on_stopped_leading();
  if (work.joinable()) work.join();
  RecordEvent("stopped leading");
  if (config_.release_on_cancel) Release();
}

bool LeaderElector::Acquire() {
  while (true) {
    const bool acquired = TryAcquireOrRenew();
    MaybeReportTransition();
    if (acquired) {
      spdlog::info("leader election: successfully acquired lease {}", lock_.Describe());
      RecordEvent("became leader");
      return true;
    }
    if (stop_.stopped() || !sleeper_.Sleep(NextAcquireWait(), stop_)) return false;
  }
}

bool LeaderElector::RenewUntilLostOrStopped() {
  while (true) {
    if (!sleeper_.Sleep(config_.retry_period, stop_)) return true;
    // One round: retry every retry_period until renewed or the deadline.
    const Clock::TimePoint deadline = clock_.Now() + config_.renew_deadline;
    while (true) {
      if (stop_.stopped()) return true;
      const bool renewed = TryAcquireOrRenew();
      MaybeReportTransition();
      if (renewed) break;
      if (another_holder_seen_) return false;
      const Clock::TimePoint now = clock_.Now();
      if (now >= deadline) return false;
      const nanoseconds wait = std::min<nanoseconds>(config_.retry_period, deadline - now);
      if (!sleeper_.Sleep(wait, stop_)) return true;
      if (clock_.Now() >= deadline) return false;
    }
    spdlog::debug("leader election: renewed lease {}", lock_.Describe());
  }
}

bool LeaderElector::TryAcquireOrRenew() {
  another_holder_seen_ = false;
  const Clock::TimePoint now = clock_.Now();
  LeaderElectionRecord desired{
      .holder_identity = config_.identity,
      .lease_duration_seconds = static_cast<int>(
          std::chrono::duration_cast<std::chrono::seconds>(config_.lease_duration).count()),
      .acquire_time = api::ToMicroTime(now),
      .renew_time = api::ToMicroTime(now),
  };

  // 1. The leader's fast path: update the Lease as last written, assuming
  // nobody changed it since.
  if (ObservedHolderIsMe() && IsLeaseValid(now)) {
    const LeaderElectionRecord old = ObservedRecord();
    desired.acquire_time = old.acquire_time;
    desired.lease_transitions = old.lease_transitions;
    const Status updated = lock_.Update(desired);
    if (updated.ok()) {
      SetObservedRecord(desired);
      return true;
    }
    spdlog::warn("leader election: failed to renew lease {} optimistically: {}; reading it",
                 lock_.Describe(), updated.ToString());
  }

  // 2. Read the Lease, or create it.
  Result<LeaderElectionRecord> current = lock_.Get();
  if (!current.ok()) {
    if (current.status().code() != StatusCode::kNotFound) {
      spdlog::error("leader election: reading lease {}: {}", lock_.Describe(),
                    current.status().ToString());
      return false;
    }
    const Status created = lock_.Create(desired);
    if (!created.ok()) {
      if (created.code() == StatusCode::kAlreadyExists) {
        spdlog::info("leader election: another candidate created lease {} first", lock_.Describe());
      } else {
        spdlog::error("leader election: creating lease {}: {}", lock_.Describe(),
                      created.ToString());
      }
      return false;
    }
    SetObservedRecord(desired);
    return true;
  }

  // 3. A changed record restarts the expiry clock, on the local clock.
  if (*current != ObservedRecord()) SetObservedRecord(*current);
  if (!current->holder_identity.empty() && current->holder_identity != config_.identity) {
    if (IsLeaseValid(now)) {
      another_holder_seen_ = true;
      spdlog::debug("leader election: lease {} is held by {} and has not yet expired",
                    lock_.Describe(), current->holder_identity);
      return false;
    }
  }

  // 4. Take or renew it, conditional on the version just read.
  if (current->holder_identity == config_.identity) {
    desired.acquire_time = current->acquire_time;
    desired.lease_transitions = current->lease_transitions;
  } else {
    desired.lease_transitions = current->lease_transitions + 1;
  }
  const Status updated = lock_.Update(desired);
  if (!updated.ok()) {
    if (updated.code() == StatusCode::kConflict) {
      spdlog::info("leader election: lost the race for lease {}: {}", lock_.Describe(),
                   updated.message());
    } else {
      spdlog::error("leader election: updating lease {}: {}", lock_.Describe(), updated.ToString());
    }
    return false;
  }
  SetObservedRecord(desired);
  return true;
}

void LeaderElector::Release() {
  if (!ObservedHolderIsMe()) return;
  const Clock::TimePoint now = clock_.Now();
  const LeaderElectionRecord released{
      .holder_identity = "",
      .lease_duration_seconds = 1,
      .acquire_time = api::ToMicroTime(now),
      .renew_time = api::ToMicroTime(now),
      .lease_transitions = ObservedRecord().lease_transitions,
  };
  const Status updated = lock_.Update(released);
  if (!updated.ok()) {
    spdlog::error("leader election: failed to release lease {}: {}", lock_.Describe(),
                  updated.ToString());
    return;
  }
  spdlog::info("leader election: released lease {}", lock_.Describe());
  SetObservedRecord(released);
  MaybeReportTransition();
}

void LeaderElector::MaybeReportTransition() {
  const std::string holder = GetLeader();
  if (holder == reported_leader_) return;
  reported_leader_ = holder;
  if (!holder.empty())
    spdlog::info("leader election: new leader of {} is {}", lock_.Describe(), holder);
  if (config_.callbacks.on_new_leader) config_.callbacks.on_new_leader(holder);
}

void LeaderElector::RecordEvent(std::string_view what) {
  if (config_.event_recorder == nullptr) return;
  const LeaseReference lease = lock_.Reference();
  config_.event_recorder->Event(
      ObjectReference{
          .kind = "Lease",
          .namespace_ = lease.namespace_,
          .name = lease.name,
          .uid = lease.uid,
          .api_version = "coordination.k8s.io/v1",
          .resource_version = lease.resource_version,
      },
      EventType::kNormal, "LeaderElection", fmt::format("{} {}", config_.identity, what));
}

}  // namespace navigator::runtime
