#include "navigator/runtime/event_correlator.h"

#include <fmt/format.h>

#include <algorithm>

namespace navigator::runtime {
namespace {

// Fields joined with NUL, which none of them contains in practice, so
// different field splits cannot give the same key.
std::string Join(std::initializer_list<std::string_view> fields) {
  std::string key;
  for (std::string_view f : fields) {
    key.append(f);
    key.push_back('\0');
  }
  return key;
}

// Source and involved object (client-go's getSpamKey).
std::string SpamKey(const Event& e) {
  const ObjectReference& o = e.involved_object;
  return Join(
      {e.source.component, e.source.host, o.kind, o.namespace_, o.name, o.uid, o.api_version});
}

// Similar events: everything but the message (EventAggregatorByReasonFunc).
std::string AggregateKey(const Event& e) {
  const ObjectReference& o = e.involved_object;
  return Join({e.source.component, e.source.host, o.kind, o.namespace_, o.name, o.uid,
               o.api_version, EventTypeName(e.type), e.reason});
}

// Identical events (client-go's getEventKey).
std::string EventKey(const Event& e) {
  const ObjectReference& o = e.involved_object;
  return Join({e.source.component, e.source.host, o.kind, o.namespace_, o.name, o.field_path, o.uid,
               o.api_version, EventTypeName(e.type), e.reason, e.message});
}

std::string EventName(std::string_view object_name, Clock::TimePoint t) {
  const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch());
  return fmt::format("{}.{:x}", object_name, nanos.count());
}

}  // namespace

EventCorrelator::EventCorrelator(CorrelatorOptions options, const Clock& clock)
    : options_(options),
      clock_(clock),
      spam_(options.cache_size),
      aggregates_(options.cache_size),
      observations_(options.cache_size) {}

bool EventCorrelator::IsSpam(const Event& event, Clock::TimePoint now) {
  if (!options_.spam_filter) return false;
  const std::string key = SpamKey(event);
  SpamRecord record;
  if (SpamRecord* found = spam_.Get(key)) {
    record = *found;
    const double elapsed = std::chrono::duration<double>(now - record.last).count();
    record.tokens =
        std::min(options_.spam_burst, record.tokens + std::max(0.0, elapsed) * options_.spam_qps);
  } else {
    record.tokens = options_.spam_burst;
  }
  record.last = std::max(record.last, now);
  const bool spam = record.tokens < 1.0;
  if (!spam) record.tokens -= 1.0;
  spam_.Put(key, record);
  return spam;
}

CorrelateResult EventCorrelator::Correlate(Event event) {
  const Clock::TimePoint now = clock_.Now();
  std::lock_guard lock(mu_);

  // Aggregation of similar events.
  CorrelateResult result;
  result.key = EventKey(event);
  const std::string aggregate_key = AggregateKey(event);
  AggregateRecord aggregate;
  if (AggregateRecord* found = aggregates_.Get(aggregate_key)) aggregate = *found;
  if (now - aggregate.last > options_.aggregate_interval) aggregate = AggregateRecord{};
  aggregate.messages.insert(event.message);
  aggregate.last = now;
  if (aggregate.messages.size() >= options_.aggregate_max_events) {
    aggregate.messages.erase(aggregate.messages.begin());  // do not grow beyond the max
    event = Event{
        .name = EventName(event.involved_object.name, now),
        .namespace_ = event.namespace_,
        .involved_object = event.involved_object,
        .type = event.type,
        .reason = event.reason,
        .message = "(combined from similar events): " + event.message,
        .source = event.source,
        .first_timestamp = now,
        .last_timestamp = now,
        .count = 1,
    };
    result.key = aggregate_key;
  }
  aggregates_.Put(aggregate_key, std::move(aggregate));

  // De-duplication of identical events.
  if (Observation* last = observations_.Get(result.key); last != nullptr && last->count > 0) {
    event.name = last->name;
    event.resource_version = last->resource_version;
    event.first_timestamp = last->first_timestamp;
    event.count = last->count + 1;
    result.patch = EncodeEventPatch(event);
  }
  observations_.Put(result.key, Observation{.count = event.count,
                                            .first_timestamp = event.first_timestamp,
                                            .name = event.name,
                                            .resource_version = event.resource_version});

  result.skip = IsSpam(event, now);
  result.event = std::move(event);
  return result;
}

void EventCorrelator::UpdateState(const CorrelateResult& result, const EventState& state) {
  std::lock_guard lock(mu_);
  Observation* last = observations_.Get(result.key);
  if (last == nullptr) {
    observations_.Put(result.key, Observation{.count = result.event.count,
                                              .first_timestamp = result.event.first_timestamp});
    last = observations_.Get(result.key);
  }
  // A later repeat may have been counted already; never count backwards.
  last->count = std::max(last->count, state.count);
  last->name = state.name;
  last->resource_version = state.resource_version;
}

}  // namespace navigator::runtime
