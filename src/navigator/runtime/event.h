#pragma once

// The core/v1 Event as the EventRecorder writes it, and the little it reads
// back from kube-apiserver's answers.

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "navigator/base/clock.h"
#include "navigator/base/result.h"

namespace navigator::runtime {

enum class EventType { kNormal, kWarning };

// "Normal" or "Warning".
std::string_view EventTypeName(EventType type);

// The object an event is about (core/v1 ObjectReference); empty fields are
// left out of the Event.
struct ObjectReference {
  std::string kind;
  std::string namespace_;
  std::string name;
  std::string uid;
  std::string api_version;
  std::string resource_version;
  std::string field_path;

  bool operator==(const ObjectReference&) const = default;
};

// Who reports (core/v1 EventSource); also written as reportingComponent and
// reportingInstance, as client-go's recorder does.
struct EventSource {
  std::string component;
  std::string host;
};

struct Event {
  std::string name;
  std::string namespace_;
  std::string resource_version;  // "" to create
  ObjectReference involved_object;
  EventType type = EventType::kNormal;
  std::string reason;
  std::string message;
  EventSource source;
  Clock::TimePoint first_timestamp{};
  Clock::TimePoint last_timestamp{};
  int count = 1;
};

// The Event as JSON for POST /api/v1/namespaces/<ns>/events. Timestamps are
// metav1.Time (whole seconds).
std::string EncodeEvent(const Event& event);

// The patch that turns a stored Event into `event` once it was seen again,
// as client-go's correlator computes it: {"count", "lastTimestamp",
// "message"}. Valid both as a strategic-merge and as a JSON merge patch.
std::string EncodeEventPatch(const Event& event);

// What the recorder keeps of the server's answer to a create or patch.
struct EventState {
  std::string name;
  std::string resource_version;
  int count = 0;
};

// Reads metadata.name, metadata.resourceVersion and count from an Event
// (JSON) sent back by kube-apiserver. kBadRequest saying what is missing or
// mistyped when the body is not an object, has no non-empty name, or count
// is not an int32 (absent count reads as 0).
Result<EventState> DecodeEventState(std::string_view body);

}  // namespace navigator::runtime
