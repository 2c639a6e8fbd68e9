#pragma once

// LeaderElector: leader election on a coordination.k8s.io/v1 Lease with
// client-go's semantics (tools/leaderelection):
//
// - Acquire: every retry_period, jittered *down* to at most 20 % less, read
//   the Lease; take it (create it, or update it conditionally on its
//   resourceVersion) when nobody holds it or its holder's lease expired. When
//   the observed lease expires before the next try would come, the try comes
//   at the moment it expires instead. A
//   lease counts as expired when it has not changed for leaseDurationSeconds
//   *as measured by the local clock* since this candidate first saw it in
//   its current state (observed record + observed time); the remote
//   renewTime is never compared with the local clock, so clock skew between
//   candidates does not matter. Losing a write race (kConflict,
//   kAlreadyExists) just means another candidate won: it is retried after
//   the next retry period, never at once.
// - Lead: on_started_leading runs on a thread of its own; the leader renews
//   (renewTime = now) every retry_period. A renewal round retries every
//   retry_period until renew_deadline has passed since the round began; if
//   it fails for that long, or a read shows that another candidate holds the
//   lease, leadership is lost: the leading StopSignal is signalled and
//   on_stopped_leading is called at once, and Run returns.
// - Stop: Run stops trying (a wait in progress is cut short). If leading, it
//   stops leading as above and, with release_on_cancel, then releases the
//   Lease (holderIdentity "", leaseDurationSeconds 1) so that another
//   candidate takes over at its next retry instead of waiting for expiry.
//   (As client-go, it also tries to release after a failed renewal when the
//   last record seen names it; that write is conditional, so it fails
//   harmlessly if another candidate took the Lease meanwhile.)
//
// Differences from client-go: a follower polls at most every retry_period
// (client-go jitters the period up to 2.2x) and wakes when the observed lease
// expires, so after a leader dies its Lease is taken within lease_duration +
// retry_period of the leader's last renewal (client-go: up to lease_duration +
// 4.4 retry periods); on_stopped_leading is called only after this
// candidate has led (client-go calls it whenever Run returns); a leader that
// reads another holder stops at once instead of retrying until the renew
// deadline; Run waits for on_started_leading to return before releasing the
// Lease, so the work it guards has finished when another candidate may start.
//
// Time and randomness are injected (Clock, Sleeper, Random), so tests run the
// loop on simulated time.
//
// Threading: Run blocks the calling thread and may be called once. Stop,
// IsLeader and GetLeader are thread-safe and may be called from any thread,
// callbacks included. on_new_leader is called on Run's thread and must not
// block. The elector must outlive Run, and the destructor must not run while
// Run is in progress.

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "navigator/base/clock.h"
#include "navigator/base/random.h"
#include "navigator/base/result.h"
#include "navigator/client/rest_client.h"
#include "navigator/client/sleeper.h"
#include "navigator/runtime/lease_lock.h"

namespace navigator::runtime {

class EventRecorder;

struct LeaderCallbacks {
  // Called on a thread of its own when this candidate starts leading. It
  // must return soon after `stop_leading` is signalled (leadership lost or
  // Stop), since Run waits for it. Empty: nothing to run.
  std::function<void(client::StopSignal& stop_leading)> on_started_leading;
  // Called on Run's thread as soon as this candidate stops leading (renewal
  // failed, another holder seen, or Stop), before the Lease is released.
  std::function<void()> on_stopped_leading;
  // Called with the holder's identity whenever the observed holder changes,
  // including the first holder seen and this candidate itself; "" when the
  // Lease was released and nobody holds it.
  std::function<void(const std::string& identity)> on_new_leader;
};

struct LeaderElectionConfig {
  std::string lock_namespace;  // the Lease's namespace and name
  std::string lock_name;
  std::string identity;  // unique among the candidates, e.g. hostname + "_" + uuid
  std::chrono::milliseconds lease_duration{15'000};
  std::chrono::milliseconds renew_deadline{10'000};
  std::chrono::milliseconds retry_period{2'000};
  bool release_on_cancel = true;
  LeaderCallbacks callbacks;
  // When set (and outliving the elector), Normal events "<identity> became
  // leader" / "<identity> stopped leading" (reason LeaderElection) are
  // recorded on the Lease, as client-go's lock does.
  EventRecorder* event_recorder = nullptr;
};

// Injected time, randomness and waiting; null members use the real ones.
struct LeaderElectorEnvironment {
  const Clock* clock = nullptr;
  client::Sleeper* sleeper = nullptr;
  Random* random = nullptr;
};

class LeaderElector {
 public:
  // client-go's jitter factor: config validation keeps its rule
  // renew_deadline > retry_period * kJitterFactor.
  static constexpr double kJitterFactor = 1.2;
  // The acquire loop waits retry_period * (1 - U[0, kAcquireJitter)).
  static constexpr double kAcquireJitter = 0.2;

  // Checks `config` as client-go does: lease_duration > renew_deadline >
  // retry_period * 1.2, all positive, lease_duration of at least 1s (the
  // Lease holds whole seconds), an identity, and a lock namespace and name
  // that are DNS names. kBadRequest naming the problem otherwise.
  // `client` and the environment's members must outlive the elector.
  static Result<std::unique_ptr<LeaderElector>> Create(client::RestClient& client,
                                                       LeaderElectionConfig config,
                                                       LeaderElectorEnvironment env = {});
  ~LeaderElector();

  LeaderElector(const LeaderElector&) = delete;
  LeaderElector& operator=(const LeaderElector&) = delete;

  // Runs the election until Stop, or until leadership is lost.
  void Run();
  // Makes Run return (releasing the Lease when leading and
  // release_on_cancel). Idempotent; may come before Run (Run then returns at
  // once).
  void Stop();

  // True when the last observed record names this candidate and Run has
  // not stopped leading.
  bool IsLeader() const;
  // The holder of the last observed record ("" when none was seen yet).
  std::string GetLeader() const;
  const std::string& identity() const { return config_.identity; }

 private:
  LeaderElector(client::RestClient& client, LeaderElectionConfig config,
                LeaderElectorEnvironment env);

  bool Acquire();
  // Renews until leadership is lost (false) or Stop (true).
  bool RenewUntilLostOrStopped();
  bool TryAcquireOrRenew();
  void Release();
  void MaybeReportTransition();
  void RecordEvent(std::string_view what);

  bool ObservedHolderIsMe() const;
  LeaderElectionRecord ObservedRecord() const;
  void SetObservedRecord(const LeaderElectionRecord& record);
  bool IsLeaseValid(Clock::TimePoint now) const;
  // The wait before the next acquire attempt: the jittered retry period, or
  // less when the observed foreign lease expires sooner.
  std::chrono::nanoseconds NextAcquireWait();

  const LeaderElectionConfig config_;
  std::unique_ptr<Random> owned_random_;  // when the environment has none
  const Clock& clock_;
  client::Sleeper& sleeper_;
  Random& random_;
  LeaseLock lock_;
  client::StopSignal stop_;

  mutable std::mutex mu_;
  LeaderElectionRecord observed_record_;  // guarded by mu_
  Clock::TimePoint observed_time_{};      // guarded by mu_
  bool stopped_leading_ = false;          // guarded by mu_
  // Run's thread only.
  std::string reported_leader_;
  bool another_holder_seen_ = false;
};

}  // namespace navigator::runtime
