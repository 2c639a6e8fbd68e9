#pragma once

// ScanAddedEvent: the fan-out watchers' fast path. It reads the name and
// resourceVersion of an ADDED event's object by scanning the line instead
// of parsing it, so that with 1,000 watchers on the machine under test the
// load generator's own CPU inflates the measured delivery lag as little as
// possible.
//
// It recognises only what both servers write for a Pilot: a line starting
// {"type":"ADDED","object":{, whose object has "metadata":{ with "name"
// as its first key and a "resourceVersion" string after it. Anything else
// (other event types, escapes in the values, other layouts) is nullopt and
// the caller parses the line in full. A wrong scan cannot pass unseen: the
// WatchChecker matches every (name, resourceVersion) against the writes.

#include <optional>
#include <string_view>

namespace navigator::bench::loadgen {

struct AddedEvent {
  std::string_view name;              // points into the line
  std::string_view resource_version;  // points into the line
};

std::optional<AddedEvent> ScanAddedEvent(std::string_view line);

}  // namespace navigator::bench::loadgen
