#pragma once

// DelayedItems: the keys a work queue holds back until their ready time, as
// the heap of client-go's delaying queue. A key is held at most once; adding
// it again keeps the earlier of the two ready times.
//
// Threading: not thread-safe; the owning WorkQueue guards it with its mutex.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "navigator/base/clock.h"

namespace navigator::runtime {

class DelayedItems {
 public:
  using TimePoint = Clock::TimePoint;

  // Holds `key` until `ready_at`, or until its current ready time if that is
  // earlier.
  void Add(const std::string& key, TimePoint ready_at);
  // Removes and returns every key whose ready time is <= `now`, earliest
  // first (keys with equal ready times in the order they were first added).
  std::vector<std::string> PopReady(TimePoint now);
  // The earliest ready time, if any key is held.
  std::optional<TimePoint> NextReadyAt() const;
  std::optional<TimePoint> ReadyAt(const std::string& key) const;
  size_t size() const { return ready_at_.size(); }
  void Clear();

 private:
  using Entry = std::tuple<TimePoint, uint64_t, std::string>;  // ready time, sequence, key
  std::set<Entry> order_;
  std::map<std::string, std::pair<TimePoint, uint64_t>> ready_at_;
  uint64_t next_sequence_ = 0;
};

}  // namespace navigator::runtime
