#pragma once

// ObjectStore: the local cache of one kind of Kubernetes object that a
// Reflector fills from list and watch (client-go's cache.Store/Indexer).
// Objects are kept as decoded JSON, keyed "namespace/name", or "name" for
// cluster-scoped objects, and indexed by namespace and by label (key, value).
//
// Stored objects are immutable and shared: readers get a shared_ptr that stays
// valid after the store moves on.
//
// Threading: every method is thread-safe (a reader-writer lock); each call
// sees the store between two writes, never half of one.

#include <boost/json/object.hpp>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "navigator/base/result.h"

namespace navigator::client {

using ObjectPtr = std::shared_ptr<const boost::json::object>;

// The store key of `object`: "namespace/name", or "name" when
// metadata.namespace is absent or empty. kBadRequest when metadata.name is
// missing, empty or not a string, or metadata.namespace is not a string.
Result<std::string> ObjectKey(const boost::json::object& object);

// metadata.resourceVersion of `object`, "" when absent or not a string.
std::string ObjectResourceVersion(const boost::json::object& object);

// What a Replace changed. `updated` pairs (old, new) for keys present before
// and after whose resourceVersion differs; unchanged objects are in none.
struct StoreDiff {
  std::vector<ObjectPtr> added;
  std::vector<std::pair<ObjectPtr, ObjectPtr>> updated;
  std::vector<ObjectPtr> deleted;  // the last stored state
};

class ObjectStore {
 public:
  // Replaces the whole content with `items` (a list's items), records
  // `resource_version` as the list's, and returns the difference to the
  // previous content. kBadRequest (store unchanged) when an item has no key.
  // Of items with the same key the last wins.
  Result<StoreDiff> Replace(std::vector<boost::json::object> items, std::string resource_version);

  // Adds or replaces the object under its key; returns the previous object
  // (null when there was none). Add and Update are the same operation, as a
  // watch's ADDED for a known key is an update.
  Result<ObjectPtr> Add(boost::json::object object);
  Result<ObjectPtr> Update(boost::json::object object);
  // Removes the object under `object`'s key; returns what was stored (null
  // when nothing was).
  Result<ObjectPtr> Delete(const boost::json::object& object);

  // The object stored under `key`, null when none is.
  ObjectPtr Get(std::string_view key) const;
  // Every object, in key order.
  std::vector<ObjectPtr> List() const;
  // Every key, in order.
  std::vector<std::string> Keys() const;
  // The objects of namespace `ns` in key order ("" lists the cluster-scoped ones).
  std::vector<ObjectPtr> ByNamespace(std::string_view ns) const;
  // The objects whose metadata.labels has `key` set to `value`, in key order
  // (an equality selector "key=value"; labels whose value is not a string are
  // not indexed).
  std::vector<ObjectPtr> ByLabel(std::string_view key, std::string_view value) const;
  size_t size() const;
  // The resourceVersion given to the last Replace ("" before the first).
  std::string resource_version() const;

 private:
  using Labels = std::vector<std::pair<std::string, std::string>>;
  struct Entry {
    std::string ns;
    Labels labels;  // as indexed in by_label_
    ObjectPtr object;
  };
  using KeyIndex = std::map<std::string, ObjectPtr, std::less<>>;
  Result<ObjectPtr> Upsert(boost::json::object object);
  // Index maintenance; the caller holds mu_ exclusively.
  void IndexLabels(const std::string& key, const Entry& entry);
  void UnindexLabels(const std::string& key, const Entry& entry);

  mutable std::shared_mutex mu_;
  std::map<std::string, Entry, std::less<>> items_;
  // namespace -> keys of that namespace, ordered.
  std::unordered_map<std::string, KeyIndex> by_namespace_;
  // label key -> label value -> keys of the objects carrying it, ordered.
  std::map<std::string, std::map<std::string, KeyIndex, std::less<>>, std::less<>> by_label_;
  std::string resource_version_;
};

}  // namespace navigator::client
