#pragma once

// EventRecorder: records core/v1 Events about objects, as client-go's
// tools/record recorder and broadcaster do:
//
// - Event() stamps the event (name "<object name>.<hex unix nanoseconds>",
//   the object's namespace or "default", first/lastTimestamp now, count 1)
//   and queues it; it never blocks on the network. When `queue_capacity`
//   events are waiting, the new one is dropped with a log line.
// - One thread sends the queue in order. Each event first goes through an
//   EventCorrelator (spam filter, aggregation of similar events,
//   de-duplication): a repeat of an Event already written is a PATCH
//   (application/strategic-merge-patch+json) of its count, lastTimestamp
//   and message; a new one is a POST to /api/v1/namespaces/<ns>/events. A
//   patch answered 404 (the Event expired) creates it again.
// - A write that fails because kube-apiserver could not be reached or
//   answered 429/5xx is retried after `retry_sleep` (the first wait drawn
//   from [0, retry_sleep)), at most `max_tries` times; an event the server
//   rejects otherwise (4xx) is dropped with a log line.
//
// Time and randomness are injected, so tests run on simulated time.
//
// Threading: Event, Shutdown and WaitIdle are thread-safe. The destructor
// calls Shutdown.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>

#include "navigator/base/clock.h"
#include "navigator/base/random.h"
#include "navigator/client/rest_client.h"
#include "navigator/client/sleeper.h"
#include "navigator/runtime/event.h"
#include "navigator/runtime/event_correlator.h"

namespace navigator::runtime {

struct EventRecorderOptions {
  EventSource source;  // e.g. {"navigator-controller", hostname}
  std::size_t queue_capacity = 1000;
  CorrelatorOptions correlator;
  int max_tries = 12;
  std::chrono::milliseconds retry_sleep{10'000};
};

// Injected time, randomness and waiting; null members use the real ones.
struct EventRecorderEnvironment {
  const Clock* clock = nullptr;
  client::Sleeper* sleeper = nullptr;
  Random* random = nullptr;
};

class EventRecorder {
 public:
  // `client` and the environment's members must outlive the recorder.
  EventRecorder(client::RestClient& client, EventRecorderOptions options,
                EventRecorderEnvironment env = {});
  ~EventRecorder();

  EventRecorder(const EventRecorder&) = delete;
  EventRecorder& operator=(const EventRecorder&) = delete;

  // Queues an event about `object`. False when it was dropped (queue full,
  // or shut down).
  bool Event(const ObjectReference& object, EventType type, std::string_view reason,
             std::string_view message);

  // Stops taking events, stops retrying (events still queued are tried once
  // each), and joins the sending thread. Idempotent.
  void Shutdown();

  // Waits (real time, up to `timeout`) until the queue is empty and no event
  // is being sent; true when it is.
  bool WaitIdle(std::chrono::milliseconds timeout);

  // Events dropped because the queue was full or the recorder shut down.
  std::uint64_t dropped() const;

 private:
  enum class Outcome { kDone, kRetry };

  void Loop();
  void Send(runtime::Event event);
  Outcome Write(CorrelateResult& result);

  client::RestClient& client_;
  const EventRecorderOptions options_;
  std::unique_ptr<Random> owned_random_;  // when the environment has none
  const Clock& clock_;
  client::Sleeper& sleeper_;
  Random& random_;
  EventCorrelator correlator_;
  client::StopSignal stop_;

  mutable std::mutex mu_;
  std::condition_variable wake_;  // an event was queued, or shutdown
  std::condition_variable idle_;  // the queue drained
  std::deque<runtime::Event> queue_;
  bool shut_down_ = false;
  bool sending_ = false;
  std::uint64_t dropped_ = 0;

  std::mutex shutdown_mu_;  // serialises Shutdown's join
  std::thread thread_;      // last: starts once the rest is ready
};

}  // namespace navigator::runtime
