#pragma once

// WatchCache<T> keeps one storage watch per resource and fans its events out
// to every watcher of that resource, the way kube-apiserver's cacher does.
//
// It holds the current objects and a bounded history of recent events, so a
// watch can start from the current state (resourceVersion "0") or resume
// from a recent revision without touching storage. Requests it cannot serve
// (the cache is (re)initialising, or the revision is older than its history)
// return null; the caller then serves them from storage directly.
//
// A watcher never slows the cache or the other watchers: delivery only
// appends to the watcher's bounded queue, and a watcher whose queue is full
// is ended (Watcher<T>).
//
// Threading: all public methods are thread-safe. Storage events are applied
// on the storage's callback thread; (re)initialisation runs on a thread the
// cache owns between Start and Stop.

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "navigator/apiserver/watch/watcher.h"
#include "navigator/base/result.h"
#include "navigator/storage/storage.h"

namespace navigator::watch {

struct CacheOptions {
  // Events kept for resuming watches.
  std::size_t history_capacity = 10000;
  // Live events one watcher may have queued before it is ended.
  std::size_t watcher_capacity = 1000;
  // Wait between failed (re)initialisation attempts.
  std::chrono::milliseconds retry_interval{1000};
};

template <typename T>
class WatchCache {
 public:
  // Turns a stored key-value into a cached object; errors skip the object
  // (and are logged).
  using Decoder = std::function<Result<CachedPtr<T>>(const storage::KeyValue&)>;

  // `storage` must outlive the cache.
  WatchCache(storage::Storage& storage, std::string prefix, Decoder decode, CacheOptions options)
      : storage_(storage),
        prefix_(std::move(prefix)),
        decode_(std::move(decode)),
        options_(options) {}
  ~WatchCache() { Stop(); }
  WatchCache(const WatchCache&) = delete;
  WatchCache& operator=(const WatchCache&) = delete;

  // Starts (re)initialising in the background. Call at most once.
  void Start() {
    thread_ = std::thread([this] { Run(); });
  }

  // Stops the storage watch and ends every watcher. Idempotent.
  void Stop() {
    {
      std::lock_guard lock(mu_);
      if (stopping_) return;
      stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
    std::unique_ptr<storage::Watch> watch;
    {
      std::lock_guard lock(mu_);
      watch = std::move(storage_watch_);
      ResetLocked(EndReason::kStopped);
    }
    if (watch) watch->Stop();
  }

  // True once the cache holds the state of storage and follows its changes.
  bool ready() const {
    std::lock_guard lock(mu_);
    return ready_;
  }

  // Blocks until ready or `timeout`; returns ready().
  bool WaitUntilReady(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [this] { return ready_ || stopping_; }) && ready_;
  }

  // The revision of the newest change the cache has applied.
  int64_t revision() const {
    std::lock_guard lock(mu_);
    return revision_;
  }

  // A watcher that first receives an ADDED event for every cached object its
  // filter matches, then (when `end_bookmark`) a BOOKMARK marking the end of
  // those initial events, then every change. Null when not ready.
  std::shared_ptr<Watcher<T>> WatchCurrentState(Filter<T> filter, bool end_bookmark) {
    auto watcher = std::make_shared<Watcher<T>>(std::move(filter), options_.watcher_capacity);
    std::lock_guard lock(mu_);
    if (!ready_) return nullptr;
    std::vector<Event<T>> initial;
    for (const auto& [key, object] : objects_) {
      if (!watcher->filter().Matches(*object)) continue;
      initial.push_back(
          Event<T>{.type = EventType::kAdded, .revision = revision_, .object = object});
    }
    if (end_bookmark) {
      initial.push_back(Event<T>{
          .type = EventType::kBookmark, .revision = revision_, .initial_events_end = true});
    }
    watcher->PushInitial(std::move(initial));
    watcher->Progress(revision_);
    watchers_.push_back({watcher, revision_});
    return watcher;
  }

  // A watcher that first receives `initial` (already filtered; e.g. a
  // consistent list read from storage, as ADDED events), then every change
  // after `revision`. Null when not ready or when the history no longer
  // reaches back to `revision`.
  std::shared_ptr<Watcher<T>> WatchAfter(Filter<T> filter, int64_t revision,
                                         std::vector<Event<T>> initial = {}) {
    auto watcher = std::make_shared<Watcher<T>>(std::move(filter), options_.watcher_capacity);
    std::lock_guard lock(mu_);
    if (!ready_ || revision < oldest_) return nullptr;
    for (const Event<T>& e : history_) {
      if (e.revision <= revision) continue;
      if (auto filtered = watcher->filter().Apply(e)) initial.push_back(std::move(*filtered));
    }
    watcher->PushInitial(std::move(initial));
    watcher->Progress(std::max(revision, revision_));
    watchers_.push_back({watcher, std::max(revision, revision_)});
    return watcher;
  }

  // The cached object at `key`; null when there is none or the cache is not
  // ready. It may lag behind storage (or, briefly, be ahead of a reader's
  // view of it): callers use it as a hint checked against revisions.
  CachedPtr<T> Get(const std::string& key) const {
    std::lock_guard lock(mu_);
    if (!ready_) return nullptr;
    auto it = objects_.find(key);
    return it == objects_.end() ? nullptr : it->second;
  }

  // For each of `kvs` (read from storage), the cached object holding exactly
  // that key at that mod revision, or null. One lock for the whole batch.
  std::vector<CachedPtr<T>> Match(std::span<const storage::KeyValue> kvs) const {
    std::vector<CachedPtr<T>> out(kvs.size());
    std::lock_guard lock(mu_);
    if (!ready_) return out;
    for (std::size_t i = 0; i < kvs.size(); ++i) {
      auto it = objects_.find(kvs[i].key);
      if (it != objects_.end() && it->second->stored.mod_revision == kvs[i].mod_revision) {
        out[i] = it->second;
      }
    }
    return out;
  }

  // How many watchers are registered (ended ones are pruned lazily).
  std::size_t watcher_count() const {
    std::lock_guard lock(mu_);
    return watchers_.size();
  }

 private:
  struct Registration {
    std::weak_ptr<Watcher<T>> watcher;
    int64_t start_revision;  // events at or before it were delivered otherwise
  };

  void Run() {
    std::unique_lock lock(mu_);
    while (!stopping_) {
      if (ready_) {
        cv_.wait(lock, [this] { return stopping_ || !ready_; });
        continue;
      }
      lock.unlock();
      Status status = Initialise();
      lock.lock();
      if (!status.ok() && !stopping_) {
        spdlog::warn("watch cache for {}: initialisation failed, retrying: {}", prefix_,
                     status.message());
        cv_.wait_for(lock, options_.retry_interval, [this] { return stopping_; });
      }
    }
  }

  // Lists, then watches from the list's revision. Runs on the cache thread.
  Status Initialise() {
    std::unique_ptr<storage::Watch> old;
    {
      std::lock_guard lock(mu_);
      old = std::move(storage_watch_);
    }
    if (old) old->Stop();
    NAVIGATOR_ASSIGN_OR_RETURN(storage::ListResult listed, storage_.List(prefix_, {}));
    std::map<std::string, CachedPtr<T>> objects;
    for (const auto& kv : listed.items) {
      auto decoded = decode_(kv);
      if (!decoded.ok()) {
        spdlog::error("watch cache: skipping {}: {}", kv.key, decoded.status().message());
        continue;
      }
      objects.emplace(kv.key, std::move(*decoded));
    }
    uint64_t generation = 0;
    {
      std::lock_guard lock(mu_);
      generation = ++generation_;
    }
    storage::WatchHandler handler{
        .on_event = [this, generation](const storage::WatchEvent& e) { OnEvent(generation, e); },
        .on_error = [this, generation](const Status& error) { OnError(generation, error); },
    };
    NAVIGATOR_ASSIGN_OR_RETURN(auto watch,
                               storage_.WatchPrefix(prefix_, listed.revision, std::move(handler)));
    std::lock_guard lock(mu_);
    if (stopping_ || generation != generation_) return OkStatus();  // Stop() ends `watch`
    objects_ = std::move(objects);
    history_.clear();
    revision_ = listed.revision;
    oldest_ = listed.revision;
    storage_watch_ = std::move(watch);
    ready_ = true;
    cv_.notify_all();
    return OkStatus();
  }

  // Runs on the storage's callback thread, one event at a time.
  void OnEvent(uint64_t generation, const storage::WatchEvent& e) {
    auto decoded = decode_(e.kv);
    std::lock_guard lock(mu_);
    if (generation != generation_ || !ready_) return;
    revision_ = std::max(revision_, e.kv.mod_revision);
    if (!decoded.ok()) {
      spdlog::error("watch cache: skipping an event for {}: {}", e.kv.key,
                    decoded.status().message());
      return;
    }
    Event<T> event{.revision = e.kv.mod_revision, .object = std::move(*decoded)};
    auto it = objects_.find(e.kv.key);
    if (it != objects_.end()) event.previous = it->second;
    switch (e.type) {
      case storage::EventType::kAdded:
        event.type = EventType::kAdded;
        objects_[e.kv.key] = event.object;
        break;
      case storage::EventType::kModified:
        event.type = EventType::kModified;
        objects_[e.kv.key] = event.object;
        break;
      case storage::EventType::kDeleted:
        event.type = EventType::kDeleted;
        if (it != objects_.end()) objects_.erase(it);
        break;
    }
    history_.push_back(event);
    while (history_.size() > options_.history_capacity) {
      oldest_ = history_.front().revision;
      history_.pop_front();
    }
    Dispatch(event);
  }

  void Dispatch(const Event<T>& event) {
    std::erase_if(watchers_, [&](Registration& r) {
      auto watcher = r.watcher.lock();
      if (!watcher || watcher->ended()) return true;
      if (event.revision <= r.start_revision) return false;
      if (auto filtered = watcher->filter().Apply(event)) return !watcher->Push(*filtered);
      watcher->Progress(event.revision);
      return false;
    });
  }

  // The storage watch failed (e.g. compacted past while disconnected): the
  // watchers end (their clients re-watch) and the cache re-initialises.
  void OnError(uint64_t generation, const Status& error) {
    std::lock_guard lock(mu_);
    if (generation != generation_) return;
    spdlog::warn("watch cache for {}: storage watch ended, re-initialising: {}", prefix_,
                 error.message());
    ResetLocked(EndReason::kSourceEnded);
    cv_.notify_all();
  }

  void ResetLocked(EndReason reason) {
    ready_ = false;
    ++generation_;
    for (auto& r : watchers_) {
      if (auto w = r.watcher.lock()) w->End(reason);
    }
    watchers_.clear();
    history_.clear();
    objects_.clear();
  }

  storage::Storage& storage_;
  const std::string prefix_;
  const Decoder decode_;
  const CacheOptions options_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;                        // guarded by mu_
  bool ready_ = false;                           // guarded by mu_
  uint64_t generation_ = 0;                      // guarded by mu_
  std::map<std::string, CachedPtr<T>> objects_;  // guarded by mu_
  std::deque<Event<T>> history_;                 // guarded by mu_
  int64_t revision_ = 0;                         // guarded by mu_
  int64_t oldest_ = 0;                  // guarded by mu_: history covers (oldest_, revision_]
  std::vector<Registration> watchers_;  // guarded by mu_
  std::unique_ptr<storage::Watch> storage_watch_;  // guarded by mu_
  std::thread thread_;
};

}  // namespace navigator::watch
