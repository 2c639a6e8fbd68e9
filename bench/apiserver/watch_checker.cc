#include "bench/apiserver/watch_checker.h"

#include <unordered_set>

namespace navigator::bench::loadgen {

void WatchChecker::AddWrite(const std::string& name, const std::string& resource_version,
                            SteadyTime acked) {
  writes_[name] = Write{resource_version, acked};
  check_.expected = watchers_ * static_cast<int64_t>(writes_.size());
  check_.missing = check_.expected - check_.delivered;
}

void WatchChecker::AddWatcher(const std::vector<ObservedEvent>& events) {
  ++watchers_;
  std::unordered_set<std::string> seen;
  for (const ObservedEvent& event : events) {
    const auto write = writes_.find(event.name);
    if (write == writes_.end() || write->second.resource_version != event.resource_version) {
      ++check_.unexpected;
      continue;
    }
    if (!seen.insert(event.name).second) {
      ++check_.duplicates;
      continue;
    }
    ++check_.delivered;
    check_.lag.Record(
        std::chrono::duration_cast<std::chrono::nanoseconds>(event.at - write->second.acked)
            .count());
  }
  check_.expected = watchers_ * static_cast<int64_t>(writes_.size());
  check_.missing = check_.expected - check_.delivered;
}

}  // namespace navigator::bench::loadgen
