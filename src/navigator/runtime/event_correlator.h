#pragma once

// EventCorrelator: what client-go's EventCorrelator (tools/record/
// events_cache.go) does to events before they are written, so repeats do not
// flood kube-apiserver:
//
// - Spam filter: a token bucket per source and involved object (burst 25,
//   refilled at 1 every 5 minutes); an event without a token is skipped.
// - Aggregation: events that differ only in their message (same source,
//   object, type, reason) are "similar"; when `aggregate_max_events`
//   distinct messages were seen within `aggregate_interval` of one another,
//   further ones become a single event "(combined from similar events):
//   <message>" that is counted up.
// - De-duplication: an event identical to one already written (same source,
//   involved object, type, reason, message) is not created again: the
//   result is the stored Event with count + 1 and the new lastTimestamp,
//   plus the patch that makes those changes.
//
// Every table is an LRU cache of `cache_size` entries. The correlator keeps
// the name and resourceVersion the server returned (UpdateState), so repeats
// patch the right Event.
//
// Threading: thread-safe (one mutex).

#include <chrono>
#include <cstddef>
#include <mutex>
#include <set>
#include <string>

#include "navigator/base/clock.h"
#include "navigator/runtime/event.h"
#include "navigator/runtime/lru_cache.h"

namespace navigator::runtime {

struct CorrelatorOptions {
  std::size_t cache_size = 4096;
  std::size_t aggregate_max_events = 10;
  std::chrono::seconds aggregate_interval{600};
  bool spam_filter = true;
  double spam_burst = 25;
  double spam_qps = 1.0 / 300.0;
};

struct CorrelateResult {
  Event event;
  // Non-empty: the Event exists already; send this patch (count,
  // lastTimestamp, message) instead of creating it.
  std::string patch;
  // The event was filtered out as spam: send nothing.
  bool skip = false;
  // Identifies the event's observation, for UpdateState.
  std::string key;
};

class EventCorrelator {
 public:
  // `clock` must outlive the correlator.
  EventCorrelator(CorrelatorOptions options, const Clock& clock);

  CorrelateResult Correlate(Event event);
  // Records what the server answered for `result`'s write.
  void UpdateState(const CorrelateResult& result, const EventState& state);

 private:
  struct SpamRecord {
    double tokens = 0;
    Clock::TimePoint last{};
  };
  struct AggregateRecord {
    std::set<std::string> messages;
    Clock::TimePoint last{};
  };
  struct Observation {
    int count = 0;
    Clock::TimePoint first_timestamp{};
    std::string name;
    std::string resource_version;
  };

  bool IsSpam(const Event& event, Clock::TimePoint now);

  const CorrelatorOptions options_;
  const Clock& clock_;
  std::mutex mu_;
  LruCache<SpamRecord> spam_;
  LruCache<AggregateRecord> aggregates_;
  LruCache<Observation> observations_;
};

}  // namespace navigator::runtime
