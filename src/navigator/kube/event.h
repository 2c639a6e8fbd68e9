#pragma once

// core/v1 Event: what `kubectl describe` and `kubectl get events` show
// (LAST SEEN, TYPE, REASON, OBJECT, MESSAGE, SOURCE, COUNT).

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>

#include "navigator/kube/micro_time.h"
#include "navigator/kube/object_reference.h"
#include "navigator/kube/resource_traits.h"

namespace navigator::kube {

struct EventSource {
  std::string component;
  std::string host;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    return std::make_tuple(Field("component", &EventSource::component, kOmitEmpty),
                           Field("host", &EventSource::host, kOmitEmpty));
  }
  bool operator==(const EventSource&) const = default;
};

struct EventSeries {
  int32_t count = 0;
  std::optional<MicroTime> last_observed_time;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    return std::make_tuple(Field("count", &EventSeries::count, kOmitEmpty),
                           Field("lastObservedTime", &EventSeries::last_observed_time));
  }
  bool operator==(const EventSeries&) const = default;
};

struct Event {
  api::TypeMeta type_meta;
  ObjectMeta metadata;
  ObjectReference involved_object;
  std::string reason;
  std::string message;
  EventSource source;
  std::optional<Time> first_timestamp;
  std::optional<Time> last_timestamp;
  int32_t count = 0;
  std::string type;  // Normal | Warning
  std::optional<MicroTime> event_time;
  std::optional<EventSeries> series;
  std::string action;
  std::optional<ObjectReference> related;
  std::string reporting_component;
  std::string reporting_instance;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using E = Event;
    return std::make_tuple(
        api::Inline(&E::type_meta), Field("metadata", &E::metadata),
        Field("involvedObject", &E::involved_object), Field("reason", &E::reason, kOmitEmpty),
        Field("message", &E::message, kOmitEmpty), Field("source", &E::source),
        Field("firstTimestamp", &E::first_timestamp), Field("lastTimestamp", &E::last_timestamp),
        Field("count", &E::count, kOmitEmpty), Field("type", &E::type, kOmitEmpty),
        Field("eventTime", &E::event_time), Field("series", &E::series, kOmitEmpty),
        Field("action", &E::action, kOmitEmpty), Field("related", &E::related, kOmitEmpty),
        Field("reportingComponent", &E::reporting_component),
        Field("reportingInstance", &E::reporting_instance));
  }
  bool operator==(const Event&) const = default;
};

template <>
struct ResourceTraits<Event> : PreservingCodec<Event> {
  static constexpr const client::TypedResource& kResource = client::kEvents;
};

}  // namespace navigator::kube
