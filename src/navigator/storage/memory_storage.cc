#include "navigator/storage/memory_storage.h"

#include <fmt/format.h>

#include <algorithm>

#include "navigator/storage/key_range.h"

namespace navigator::storage {
namespace {

class MemoryWatch final : public Watch {
 public:
  explicit MemoryWatch(std::shared_ptr<WatchTarget> target) : target_(std::move(target)) {}
  ~MemoryWatch() override { Stop(); }
  void Stop() override { target_->Stop(); }

 private:
  std::shared_ptr<WatchTarget> target_;
};

Status KeyNotFound(const std::string& key) {
  return NotFound(fmt::format("key \"{}\" not found", key));
}

Status EmptyKey() {
  return BadRequest("key is not provided");
}

}  // namespace

MemoryStorage::MemoryStorage() = default;
MemoryStorage::~MemoryStorage() = default;

const MemoryStorage::Version* MemoryStorage::CurrentLocked(const std::string& key) const {
  auto it = keys_.find(key);
  if (it == keys_.end() || it->second.empty() || it->second.back().tombstone) return nullptr;
  return &it->second.back();
}

KeyValue MemoryStorage::WriteLocked(const std::string& key, std::string value, bool tombstone) {
  const int64_t revision = ++revision_;
  std::vector<Version>& versions = keys_[key];
  const Version* previous =
      versions.empty() || versions.back().tombstone ? nullptr : &versions.back();

  WatchEvent event;
  event.kv.key = key;
  event.kv.mod_revision = revision;
  if (tombstone) {
    event.type = EventType::kDeleted;
    event.kv.value = previous->value;
    event.kv.create_revision = previous->create_revision;
    versions.push_back(Version{revision, 0, "", true});
  } else {
    event.type = previous ? EventType::kModified : EventType::kAdded;
    event.kv.create_revision = previous ? previous->create_revision : revision;
    event.kv.value = value;
    versions.push_back(Version{revision, event.kv.create_revision, std::move(value), false});
  }

  std::erase_if(watchers_, [](const Watcher& w) { return w.target->stopped(); });
  for (const Watcher& w : watchers_) {
    if (revision > w.start_revision && InRange(key, w.begin, w.end)) {
      dispatcher_.PostEvent(w.target, event);
    }
  }
  KeyValue result = event.kv;
  events_.push_back(std::move(event));
  return result;
}

Result<KeyValue> MemoryStorage::Create(const std::string& key, const std::string& value) {
  if (key.empty()) return EmptyKey();
  std::lock_guard lock(mu_);
  if (CurrentLocked(key)) return AlreadyExists(fmt::format("key \"{}\" already exists", key));
  return WriteLocked(key, value, false);
}

Result<KeyValue> MemoryStorage::Get(const std::string& key) {
  if (key.empty()) return EmptyKey();
  std::lock_guard lock(mu_);
  const Version* current = CurrentLocked(key);
  if (!current) return KeyNotFound(key);
  return KeyValue{key, current->value, current->create_revision, current->mod_revision};
}

Result<KeyValue> MemoryStorage::GuaranteedUpdate(const std::string& key,
                                                 int64_t expected_mod_revision,
                                                 const UpdateFunction& update) {
  while (true) {
    NAVIGATOR_ASSIGN_OR_RETURN(KeyValue current, Get(key));
    if (expected_mod_revision != 0 && current.mod_revision != expected_mod_revision) {
      return Conflict(fmt::format("key \"{}\" has been modified: its mod revision is {}, not {}",
                                  key, current.mod_revision, expected_mod_revision));
    }
    NAVIGATOR_ASSIGN_OR_RETURN(std::string value, update(current));
    if (value == current.value) return current;  // nothing to write
    std::lock_guard lock(mu_);
    const Version* now = CurrentLocked(key);
    if (!now) return KeyNotFound(key);
    if (now->mod_revision != current.mod_revision) continue;  // raced; read again
    return WriteLocked(key, std::move(value), false);
  }
}

Result<KeyValue> MemoryStorage::Delete(const std::string& key,
                                       const DeletePrecondition& precondition) {
  while (true) {
    NAVIGATOR_ASSIGN_OR_RETURN(KeyValue current, Get(key));
    if (precondition) NAVIGATOR_RETURN_IF_ERROR(precondition(current));
    std::lock_guard lock(mu_);
    const Version* now = CurrentLocked(key);
    if (!now) return KeyNotFound(key);
    if (now->mod_revision != current.mod_revision) continue;  // raced; check again
    return WriteLocked(key, "", true);
  }
}

Result<ListResult> MemoryStorage::List(const std::string& prefix, const ListOptions& options) {
  std::lock_guard lock(mu_);
  if (options.revision > revision_) {
    return Timeout(
        fmt::format("Too large resource version: {}, current: {}", options.revision, revision_));
  }
  if (options.revision > 0 && options.revision < compact_revision_) {
    return Gone(
        fmt::format("required revision has been compacted: revision {} is older than the compacted "
                    "revision {}",
                    options.revision, compact_revision_));
  }
  const int64_t at = options.revision > 0 ? options.revision : revision_;
  const std::string begin = std::max(prefix, options.start_key);
  const std::string end = PrefixRangeEnd(prefix);

  ListResult result;
  result.revision = at;
  int64_t count = 0;
  for (auto it = keys_.lower_bound(begin); it != keys_.end() && InRange(it->first, begin, end);
       ++it) {
    const std::vector<Version>& versions = it->second;
    auto version = std::find_if(versions.rbegin(), versions.rend(),
                                [at](const Version& v) { return v.mod_revision <= at; });
    if (version == versions.rend() || version->tombstone) continue;
    ++count;
    if (options.limit <= 0 || static_cast<int64_t>(result.items.size()) < options.limit) {
      result.items.push_back(
          KeyValue{it->first, version->value, version->create_revision, version->mod_revision});
    }
  }
  const auto returned = static_cast<int64_t>(result.items.size());
  result.more = count > returned;
  result.remaining = count - returned;
  return result;
}

Result<std::unique_ptr<Watch>> MemoryStorage::WatchPrefix(const std::string& prefix,
                                                          int64_t start_revision,
                                                          WatchHandler handler) {
  std::lock_guard lock(mu_);
  // Like etcd: a watch delivers revisions from start_revision + 1, and those
  // must not be older than the compacted revision.
  if (start_revision > 0 && start_revision + 1 < compact_revision_) {
    return Gone(fmt::format(
        "required revision has been compacted: cannot watch from revision {}, the compacted "
        "revision is {}",
        start_revision, compact_revision_));
  }
  Watcher watcher{prefix, PrefixRangeEnd(prefix), std::max(start_revision, revision_),
                  dispatcher_.NewTarget(std::move(handler))};
  if (start_revision > 0) {
    auto first = std::upper_bound(
        events_.begin(), events_.end(), start_revision,
        [](int64_t revision, const WatchEvent& e) { return revision < e.kv.mod_revision; });
    for (auto it = first; it != events_.end(); ++it) {
      if (InRange(it->kv.key, watcher.begin, watcher.end)) {
        dispatcher_.PostEvent(watcher.target, *it);
      }
    }
  }
  std::erase_if(watchers_, [](const Watcher& w) { return w.target->stopped(); });
  auto watch = std::make_unique<MemoryWatch>(watcher.target);
  watchers_.push_back(std::move(watcher));
  return std::unique_ptr<Watch>(std::move(watch));
}

Result<int64_t> MemoryStorage::CurrentRevision() {
  std::lock_guard lock(mu_);
  return revision_;
}

Status MemoryStorage::Compact(int64_t revision) {
  std::lock_guard lock(mu_);
  if (revision <= compact_revision_) {
    return Gone(fmt::format(
        "required revision has been compacted: revision {} is not newer than the compacted "
        "revision {}",
        revision, compact_revision_));
  }
  if (revision > revision_) {
    return BadRequest(fmt::format("required revision is a future revision: {}, current: {}",
                                  revision, revision_));
  }
  compact_revision_ = revision;
  for (auto it = keys_.begin(); it != keys_.end();) {
    std::vector<Version>& versions = it->second;
    // Keep the newest version at or before `revision` (what a read at
    // `revision` sees) and everything after it; a kept tombstone goes too.
    auto keep = std::find_if(versions.rbegin(), versions.rend(),
                             [revision](const Version& v) { return v.mod_revision <= revision; });
    if (keep != versions.rend()) {
      auto first = std::prev(keep.base());
      if (first->tombstone) ++first;
      versions.erase(versions.begin(), first);
    }
    it = versions.empty() ? keys_.erase(it) : std::next(it);
  }
  while (!events_.empty() && events_.front().kv.mod_revision < revision) events_.pop_front();
  return OkStatus();
}

Status MemoryStorage::Check() {
  return OkStatus();
}

}  // namespace navigator::storage
