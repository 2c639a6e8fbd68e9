#pragma once

// Which events one watcher receives: a key prefix (the namespace or the
// collection), an optional single key (fieldSelector=metadata.name=...), and
// a predicate over the object (label and field selectors).

#include <functional>
#include <optional>
#include <string>

#include "navigator/apiserver/watch/watch_event.h"

namespace navigator::watch {

template <typename T>
struct Filter {
  std::string key_prefix;
  std::optional<std::string> exact_key;
  std::function<bool(const T&)> predicate;  // empty: everything matches

  bool Matches(const CachedObject<T>& o) const {
    if (!o.stored.key.starts_with(key_prefix)) return false;
    if (exact_key && o.stored.key != *exact_key) return false;
    return !predicate || predicate(o.object);
  }

  // What a watcher with this filter is sent for `event`, if anything: a
  // change that makes the object start matching is an ADDED, one that makes
  // it stop matching a DELETED (carrying the new state), as kube-apiserver's
  // watch cache does. Bookmarks and errors pass unchanged.
  std::optional<Event<T>> Apply(const Event<T>& event) const {
    if (event.type == EventType::kBookmark || event.type == EventType::kError) return event;
    const bool now = event.object && Matches(*event.object);
    if (event.type == EventType::kDeleted) {
      if (!now) return std::nullopt;
      return event;
    }
    if (event.type == EventType::kAdded) {
      if (!now) return std::nullopt;
      return event;
    }
    // kModified: without a previous state (a watch served straight from
    // storage), a match is a MODIFIED and a non-match is dropped.
    const bool before = event.previous ? Matches(*event.previous) : now;
    if (now && before) return event;
    if (!now && !before) return std::nullopt;
    Event<T> out = event;
    out.type = now ? EventType::kAdded : EventType::kDeleted;
    return out;
  }
};

}  // namespace navigator::watch
