#pragma once

// Watcher<T> is the receiving end of one client's watch: a bounded queue that
// a source (the watch cache, or a storage watch) fills and the client's HTTP
// stream drains.
//
// A source never waits for a watcher. When the queue is full the watcher is
// terminated: it takes no more events, its stream ends once the queued ones
// are sent, and the client re-watches (or re-lists), as with kube-apiserver.
//
// Threading: all methods are thread-safe. Push runs on the source's thread,
// Take on the stream's.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <utility>
#include <vector>

#include "navigator/apiserver/watch/watch_filter.h"

namespace navigator::watch {

enum class EndReason { kNone, kOverflow, kSourceEnded, kStopped };

template <typename T>
class Watcher {
 public:
  Watcher(Filter<T> filter, std::size_t capacity)
      : filter_(std::move(filter)), capacity_(capacity) {}

  const Filter<T>& filter() const { return filter_; }

  // Called when events arrive or the watcher ends; may run on any thread and
  // must not block (an HTTP stream's waker).
  void SetWaker(std::function<void()> waker) {
    std::lock_guard lock(mu_);
    waker_ = std::move(waker);
  }

  // Offers `event` (already filtered) and records that the source has sent
  // everything up to `revision`. Returns false once the watcher has ended --
  // now, because the queue overflowed, or earlier.
  bool Push(Event<T> event) {
    std::function<void()> wake;
    bool alive = true;
    {
      std::lock_guard lock(mu_);
      if (end_ != EndReason::kNone) return false;
      if (queue_.size() >= capacity_) {
        end_ = EndReason::kOverflow;
        alive = false;
      } else {
        progress_ = std::max(progress_, event.revision);
        queue_.push_back(std::move(event));
      }
      wake = waker_;
    }
    if (wake) wake();
    return alive;
  }

  // Queues events that precede the live ones (a watch's initial state, the
  // replayed history); they do not count against the capacity.
  void PushInitial(std::vector<Event<T>> events) {
    std::function<void()> wake;
    {
      std::lock_guard lock(mu_);
      if (end_ != EndReason::kNone) return;
      for (auto& e : events) {
        progress_ = std::max(progress_, e.revision);
        queue_.push_back(std::move(e));
      }
      wake = waker_;
    }
    if (wake) wake();
  }

  // Records that the source has delivered everything up to `revision` even
  // though this watcher's filter let no event through (for bookmarks).
  void Progress(int64_t revision) {
    std::lock_guard lock(mu_);
    progress_ = std::max(progress_, revision);
  }

  // Ends the watcher from the source side (the source failed or was reset).
  // Queued events are still delivered; `error`, when not OK, follows them.
  void End(EndReason reason, Status error = OkStatus()) {
    std::function<void()> wake;
    {
      std::lock_guard lock(mu_);
      if (end_ != EndReason::kNone) return;
      end_ = reason;
      if (!error.ok()) {
        Event<T> e;
        e.type = EventType::kError;
        e.error = std::move(error);
        queue_.push_back(std::move(e));
      }
      wake = waker_;
    }
    if (wake) wake();
  }

  struct Batch {
    std::vector<Event<T>> events;
    int64_t progress = 0;  // everything up to here has been queued
    EndReason ended = EndReason::kNone;
  };

  // Removes the queued events. `ended` is set once the queue is drained and
  // the watcher has ended: the stream should then close.
  Batch Take() {
    std::lock_guard lock(mu_);
    Batch b;
    b.events.assign(std::make_move_iterator(queue_.begin()), std::make_move_iterator(queue_.end()));
    queue_.clear();
    b.progress = progress_;
    b.ended = end_;
    return b;
  }

  bool ended() const {
    std::lock_guard lock(mu_);
    return end_ != EndReason::kNone;
  }

 private:
  const Filter<T> filter_;
  const std::size_t capacity_;
  mutable std::mutex mu_;
  std::deque<Event<T>> queue_;        // guarded by mu_
  int64_t progress_ = 0;              // guarded by mu_
  EndReason end_ = EndReason::kNone;  // guarded by mu_
  std::function<void()> waker_;       // guarded by mu_
};

}  // namespace navigator::watch
