#include "navigator/storage/watch_dispatcher.h"

#include <exception>

#include "navigator/base/logging.h"

namespace navigator::storage {

void WatchTarget::Stop() {
  if (std::this_thread::get_id() == dispatcher_thread_) {
    // On the dispatcher thread no other callback of this target can be
    // running; the current one (if any) is our caller.
    std::lock_guard lock(mu_);
    stopped_ = true;
    return;
  }
  std::lock_guard deliver(deliver_mu_);
  std::lock_guard lock(mu_);
  stopped_ = true;
}

WatchDispatcher::WatchDispatcher() {
  thread_ = std::thread([this] { Run(); });
}

WatchDispatcher::~WatchDispatcher() {
  {
    std::lock_guard lock(mu_);
    shutdown_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

std::shared_ptr<WatchTarget> WatchDispatcher::NewTarget(WatchHandler handler) {
  return std::make_shared<WatchTarget>(std::move(handler), thread_.get_id());
}

void WatchDispatcher::PostEvent(const std::shared_ptr<WatchTarget>& target, WatchEvent event) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(Item{target, std::move(event)});
  }
  cv_.notify_one();
}

void WatchDispatcher::PostError(const std::shared_ptr<WatchTarget>& target, Status error) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(Item{target, std::move(error)});
  }
  cv_.notify_one();
}

void WatchDispatcher::Run() {
  std::unique_lock lock(mu_);
  while (true) {
    cv_.wait(lock, [this] { return shutdown_ || !queue_.empty(); });
    if (shutdown_) return;
    Item item = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    Deliver(item);
    item.target.reset();  // the last reference may go here, outside mu_
    lock.lock();
  }
}

void WatchDispatcher::Deliver(Item& item) {
  WatchTarget& target = *item.target;
  std::lock_guard deliver(target.deliver_mu_);
  {
    std::lock_guard lock(target.mu_);
    if (target.stopped_) return;
    if (std::holds_alternative<Status>(item.payload)) target.stopped_ = true;
  }
  try {
    if (auto* event = std::get_if<WatchEvent>(&item.payload)) {
      if (target.handler_.on_event) target.handler_.on_event(*event);
    } else if (target.handler_.on_error) {
      target.handler_.on_error(std::get<Status>(item.payload));
    }
  } catch (const std::exception& e) {
    spdlog::error("storage: a watch callback threw ({}); the watch is stopped", e.what());
    std::lock_guard lock(target.mu_);
    target.stopped_ = true;
  } catch (...) {
    spdlog::error("storage: a watch callback threw; the watch is stopped");
    std::lock_guard lock(target.mu_);
    target.stopped_ = true;
  }
}

}  // namespace navigator::storage
