#pragma once

// Storage is the key-value contract navigator-apiserver keeps its objects in.
// Values are opaque bytes (the registry stores v1alpha1 JSON); revisions are
// etcd's: one global, strictly increasing counter, bumped by every write. A
// revision is what clients see as metadata.resourceVersion.
//
// Two implementations share these semantics exactly (and one conformance
// suite proves it): Etcd3Storage (etcd v3 over gRPC) and MemoryStorage.
//
// Threading: every method may be called from any thread concurrently. Watch
// callbacks run on a thread owned by the implementation, one event at a time
// per watch, in revision order; they must not block for long.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "navigator/base/result.h"

namespace navigator::storage {

struct KeyValue {
  std::string key;
  std::string value;
  int64_t create_revision = 0;  // the revision that created this key
  int64_t mod_revision = 0;     // the revision of the last write to this key

  bool operator==(const KeyValue&) const = default;
};

struct ListOptions {
  // Returns at most `limit` keys (0 = all), in key order.
  int64_t limit = 0;
  // Starts at this key (inclusive) instead of at the prefix; used for paging.
  std::string start_key;
  // Reads at this revision instead of the newest (0 = newest). A compacted
  // revision gives a kGone error.
  int64_t revision = 0;
};

struct ListResult {
  std::vector<KeyValue> items;
  int64_t revision = 0;   // the store's revision the list was read at
  bool more = false;      // keys beyond `limit` exist
  int64_t remaining = 0;  // how many keys beyond `limit` exist (when `more`)
};

enum class EventType { kAdded, kModified, kDeleted };

struct WatchEvent {
  EventType type = EventType::kAdded;
  // For kAdded/kModified, the new key-value. For kDeleted, the key-value as it
  // was before the delete, with mod_revision set to the delete's revision.
  KeyValue kv;
};

// A running watch. Destroying it (or calling Stop) cancels the watch; once
// Stop returns, no callback is running or will run.
class Watch {
 public:
  virtual ~Watch() = default;
  virtual void Stop() = 0;
};

// Called with each event, in order. A non-OK `error` ends the watch: kGone when
// the start revision was compacted, kServiceUnavailable when the backend failed
// and the watch could not be resumed. No call follows an error.
struct WatchHandler {
  std::function<void(const WatchEvent&)> on_event;
  std::function<void(const Status& error)> on_error;
};

// Decides, from the current value of a key, what to write instead. Returning a
// non-OK status aborts the operation with that status (a precondition failed,
// validation failed, ...). The function may be called more than once when a
// concurrent write races with it; it must have no side effects.
using UpdateFunction = std::function<Result<std::string>(const KeyValue& current)>;

// Checks the current value of a key before a delete; non-OK aborts the delete.
// May be called more than once, like UpdateFunction.
using DeletePrecondition = std::function<Status(const KeyValue& current)>;

class Storage {
 public:
  virtual ~Storage() = default;

  // Writes `value` at `key` only if the key does not exist. Returns the new
  // key-value. Errors: kAlreadyExists.
  virtual Result<KeyValue> Create(const std::string& key, const std::string& value) = 0;

  // Errors: kNotFound.
  virtual Result<KeyValue> Get(const std::string& key) = 0;

  // Read-modify-write: reads the key, calls `update`, and writes the result
  // only if the key was not modified meanwhile, retrying on such a conflict.
  // If `expected_mod_revision` is non-zero and the key's current revision
  // differs, fails with kConflict without calling `update` (optimistic
  // concurrency for PUT with a resourceVersion). When `update` returns the
  // current value unchanged, nothing is written (no revision, no watch event)
  // and the current key-value is returned. Errors: kNotFound, kConflict, or
  // whatever `update` returns.
  virtual Result<KeyValue> GuaranteedUpdate(const std::string& key, int64_t expected_mod_revision,
                                            const UpdateFunction& update) = 0;

  // GuaranteedUpdate of `cached.key` that starts from `cached`, the caller's
  // copy of the key's current key-value (e.g. a watch cache's), instead of
  // reading the key first: one round trip instead of two when the copy is
  // current. A stale copy never causes a wrong write: the write is still
  // conditional on the key's mod revision, and a failed condition retries on
  // the value actually stored. When `update` fails or changes nothing on the
  // copy, the key is read and `update` runs again on the stored value, so the
  // result is the same as GuaranteedUpdate's. A copy whose mod_revision differs
  // from a non-zero `expected_mod_revision` is ignored. The default ignores the
  // copy.
  virtual Result<KeyValue> GuaranteedUpdateFrom(const KeyValue& cached,
                                                int64_t expected_mod_revision,
                                                const UpdateFunction& update) {
    return GuaranteedUpdate(cached.key, expected_mod_revision, update);
  }

  // Deletes the key if `precondition` accepts its current value, retrying the
  // check on a concurrent write. Returns the deleted key-value, with
  // mod_revision set to the delete's revision. Errors: kNotFound, or the
  // precondition's status.
  virtual Result<KeyValue> Delete(const std::string& key,
                                  const DeletePrecondition& precondition) = 0;

  // Lists the keys that start with `prefix`.
  virtual Result<ListResult> List(const std::string& prefix, const ListOptions& options) = 0;

  // Watches every key that starts with `prefix`, delivering each change made
  // after `start_revision` (0 = from now on). Errors: kGone if start_revision
  // has been compacted (also reported through on_error if it happens later).
  virtual Result<std::unique_ptr<Watch>> WatchPrefix(const std::string& prefix,
                                                     int64_t start_revision,
                                                     WatchHandler handler) = 0;

  // The store's current revision.
  virtual Result<int64_t> CurrentRevision() = 0;

  // Discards history up to `revision`; later reads or watches at older
  // revisions fail with kGone.
  virtual Status Compact(int64_t revision) = 0;

  // OK while the backend answers (used by /readyz).
  virtual Status Check() = 0;
};

}  // namespace navigator::storage
