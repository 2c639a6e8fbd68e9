#pragma once

// The events a watch delivers, with each object decoded and serialised once
// and shared by every watcher that receives it.

#include <cstdint>
#include <memory>
#include <string>

#include "navigator/base/status.h"
#include "navigator/storage/storage.h"

namespace navigator::watch {

// One stored object as the watch cache keeps it. Immutable once built.
template <typename T>
struct CachedObject {
  // The key-value as storage holds it: the key, the stored bytes (the
  // starting point of a conditional update) and the revisions.
  storage::KeyValue stored;
  T object;          // metadata.resourceVersion is set
  std::string json;  // the object's wire form (v1alpha1 JSON), serialised once
};

template <typename T>
using CachedPtr = std::shared_ptr<const CachedObject<T>>;

enum class EventType { kAdded, kModified, kDeleted, kBookmark, kError };

// The wire name of a type: "ADDED", "MODIFIED", "DELETED", "BOOKMARK", "ERROR".
constexpr const char* EventTypeName(EventType type) {
  switch (type) {
    case EventType::kAdded:
      return "ADDED";
    case EventType::kModified:
      return "MODIFIED";
    case EventType::kDeleted:
      return "DELETED";
    case EventType::kBookmark:
      return "BOOKMARK";
    case EventType::kError:
      return "ERROR";
  }
  return "ERROR";
}

template <typename T>
struct Event {
  EventType type = EventType::kAdded;
  // The revision of the change (for a bookmark: the revision the watcher has
  // seen everything up to).
  int64_t revision = 0;
  // The object after the change; for kDeleted, its last state (with the
  // delete's revision as resourceVersion). Null for bookmarks and errors.
  CachedPtr<T> object;
  // The object before the change, when known (kModified and kDeleted events
  // from the cache). Lets a filtered watch turn a change that makes an object
  // stop (start) matching into kDeleted (kAdded), as Kubernetes does.
  CachedPtr<T> previous;
  // For a bookmark: it closes the initial events of a sendInitialEvents watch.
  bool initial_events_end = false;
  // For kError.
  Status error;
};

}  // namespace navigator::watch
