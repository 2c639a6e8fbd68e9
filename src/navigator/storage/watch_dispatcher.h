#pragma once

// WatchDispatcher runs watch callbacks for a storage backend on one thread it
// owns, so producers (a store's write path, an etcd stream reader) never run
// user code and never wait for it.
//
// Threading: every method is thread-safe. Callbacks for all targets of one
// dispatcher run on its thread, one at a time, in the order they were posted.

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <variant>

#include "navigator/storage/storage.h"

namespace navigator::storage {

// The receiving end of one watch: its handler and whether it still wants calls.
class WatchTarget {
 public:
  WatchTarget(WatchHandler handler, std::thread::id dispatcher_thread)
      : handler_(std::move(handler)), dispatcher_thread_(dispatcher_thread) {}

  // Once Stop returns, no callback of this target is running or will run --
  // except the one that called Stop itself, when called from a callback.
  void Stop();

  // True once Stop ran or an error was delivered.
  bool stopped() const {
    std::lock_guard lock(mu_);
    return stopped_;
  }

 private:
  friend class WatchDispatcher;

  WatchHandler handler_;
  const std::thread::id dispatcher_thread_;
  // Held while a callback of this target runs.
  std::mutex deliver_mu_;
  mutable std::mutex mu_;
  bool stopped_ = false;  // guarded by mu_
};

class WatchDispatcher {
 public:
  WatchDispatcher();
  // Joins the thread; callbacks still queued are dropped. Must not be called
  // from a callback.
  ~WatchDispatcher();

  WatchDispatcher(const WatchDispatcher&) = delete;
  WatchDispatcher& operator=(const WatchDispatcher&) = delete;

  // A target whose callbacks this dispatcher runs.
  std::shared_ptr<WatchTarget> NewTarget(WatchHandler handler);

  // Queues on_event(event) for `target`; dropped if the target is stopped by
  // the time it runs.
  void PostEvent(const std::shared_ptr<WatchTarget>& target, WatchEvent event);
  // Queues on_error(error) for `target`; the target is stopped once it ran, so
  // no call follows it.
  void PostError(const std::shared_ptr<WatchTarget>& target, Status error);

 private:
  struct Item {
    std::shared_ptr<WatchTarget> target;
    std::variant<WatchEvent, Status> payload;
  };

  void Run();
  static void Deliver(Item& item);

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Item> queue_;  // guarded by mu_
  bool shutdown_ = false;   // guarded by mu_
  std::thread thread_;
};

}  // namespace navigator::storage
