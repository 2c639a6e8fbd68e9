#pragma once

// Subscription<T> is what a watch request holds while it streams: its
// watcher, and -- when storage serves it directly rather than the watch
// cache -- the storage watch feeding it. Destroying it ends both.
//
// Threading: owned by one stream; the watcher itself is thread-safe.

#include <memory>

#include "navigator/apiserver/watch/watcher.h"
#include "navigator/storage/storage.h"

namespace navigator::watch {

template <typename T>
class Subscription {
 public:
  Subscription(std::shared_ptr<Watcher<T>> watcher, std::unique_ptr<storage::Watch> source = {})
      : watcher_(std::move(watcher)), source_(std::move(source)) {}
  Subscription(Subscription&&) noexcept = default;
  Subscription& operator=(Subscription&&) noexcept = default;
  ~Subscription() {
    if (source_) source_->Stop();
    if (watcher_) watcher_->End(EndReason::kStopped);
  }

  Watcher<T>& watcher() const { return *watcher_; }

 private:
  std::shared_ptr<Watcher<T>> watcher_;
  std::unique_ptr<storage::Watch> source_;
};

}  // namespace navigator::watch
