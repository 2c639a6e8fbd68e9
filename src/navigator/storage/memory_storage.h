#pragma once

// MemoryStorage: an in-process Storage with etcd's semantics -- one global
// revision starting at 1, create/mod revisions, history of every key and every
// event kept until Compact, reads and watches at older revisions, kGone for
// compacted ones. For tests and for running the apiserver without etcd; the
// storage conformance suite holds it to the same behaviour as Etcd3Storage.
//
// Threading: all methods are thread-safe. Update functions and preconditions
// run on the caller's thread without any lock held, so they may call back into
// the storage. Watch callbacks run on one dispatcher thread the storage owns.
// Watches may outlive the storage (they then receive nothing more), but the
// storage must not be destroyed from a watch callback.

#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "navigator/storage/storage.h"
#include "navigator/storage/watch_dispatcher.h"

namespace navigator::storage {

class MemoryStorage final : public Storage {
 public:
  MemoryStorage();
  ~MemoryStorage() override;

  Result<KeyValue> Create(const std::string& key, const std::string& value) override;
  Result<KeyValue> Get(const std::string& key) override;
  Result<KeyValue> GuaranteedUpdate(const std::string& key, int64_t expected_mod_revision,
                                    const UpdateFunction& update) override;
  Result<KeyValue> Delete(const std::string& key, const DeletePrecondition& precondition) override;
  Result<ListResult> List(const std::string& prefix, const ListOptions& options) override;
  Result<std::unique_ptr<Watch>> WatchPrefix(const std::string& prefix, int64_t start_revision,
                                             WatchHandler handler) override;
  Result<int64_t> CurrentRevision() override;
  Status Compact(int64_t revision) override;
  Status Check() override;

 private:
  // One revision of one key; a tombstone records a delete.
  struct Version {
    int64_t mod_revision = 0;
    int64_t create_revision = 0;
    std::string value;
    bool tombstone = false;
  };
  struct Watcher {
    std::string begin;
    std::string end;             // "" = unbounded
    int64_t start_revision = 0;  // deliver events with a higher revision only
    std::shared_ptr<WatchTarget> target;
  };

  // The live value of `key`, if any. Requires mu_.
  const Version* CurrentLocked(const std::string& key) const;
  // Appends a write at a new revision and notifies watchers. Requires mu_.
  KeyValue WriteLocked(const std::string& key, std::string value, bool tombstone);

  std::mutex mu_;
  int64_t revision_ = 1;          // guarded by mu_
  int64_t compact_revision_ = 0;  // guarded by mu_
  // Every key's versions in revision order, back() the newest.
  std::map<std::string, std::vector<Version>> keys_;  // guarded by mu_
  // Every event with a revision >= compact_revision_, in revision order.
  std::deque<WatchEvent> events_;  // guarded by mu_
  std::vector<Watcher> watchers_;  // guarded by mu_
  // Declared last: destroyed (joined) first, while the store is still intact.
  WatchDispatcher dispatcher_;
};

}  // namespace navigator::storage
