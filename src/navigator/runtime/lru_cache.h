#pragma once

// LruCache: a map of at most `capacity` entries that forgets the least
// recently used one when full (groupcache's lru.Cache, which client-go's
// event correlator uses).
//
// Threading: not thread-safe; the owner locks.

#include <cstddef>
#include <list>
#include <string>
#include <unordered_map>
#include <utility>

namespace navigator::runtime {

template <typename V>
class LruCache {
 public:
  // Precondition: capacity > 0 (0 counts as 1).
  explicit LruCache(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

  // The value of `key`, now the most recently used; nullptr when absent. The
  // pointer is valid until the next Put.
  V* Get(const std::string& key) {
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    entries_.splice(entries_.begin(), entries_, it->second);
    return &it->second->second;
  }

  // Sets `key` to `value`, most recently used, evicting the least recently
  // used entry when the cache is full.
  void Put(const std::string& key, V value) {
    if (V* existing = Get(key)) {
      *existing = std::move(value);
      return;
    }
    if (entries_.size() >= capacity_) {
      index_.erase(entries_.back().first);
      entries_.pop_back();
    }
    entries_.emplace_front(key, std::move(value));
    index_[key] = entries_.begin();
  }

  std::size_t size() const { return entries_.size(); }

 private:
  using Entries = std::list<std::pair<std::string, V>>;
  std::size_t capacity_;
  Entries entries_;  // most recently used first
  std::unordered_map<std::string, typename Entries::iterator> index_;
};

}  // namespace navigator::runtime
