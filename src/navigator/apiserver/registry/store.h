#pragma once

// Store<T> is the generic registry for one Navigator kind: it turns API verbs
// into Storage operations, applying server-set metadata, defaulting (through
// the codec), validation (through Strategy<T>) and preconditions.
//
// Objects are stored as v1alpha1 JSON without metadata.resourceVersion; the
// resourceVersion clients see is the key's etcd mod revision.
//
// Threading: all methods are thread-safe; they block on storage.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "navigator/api/meta/object_meta.h"
#include "navigator/apiserver/registry/list_options.h"
#include "navigator/apiserver/registry/request_options.h"
#include "navigator/apiserver/watch/subscription.h"
#include "navigator/apiserver/watch/watch_cache.h"
#include "navigator/base/clock.h"
#include "navigator/base/random.h"
#include "navigator/base/result.h"
#include "navigator/storage/storage.h"

namespace navigator::registry {

struct StoreContext {
  storage::Storage* storage;  // not owned
  std::string key_prefix;     // --etcd-prefix, e.g. "/registry"
  const Clock* clock;         // not owned
  Random* random;             // not owned
  // Serve watches from one shared storage watch per resource; off, every
  // watch is its own storage watch.
  bool watch_cache = true;
  watch::CacheOptions watch_cache_options;
};

enum class PatchType { kJson, kMerge, kStrategic };

// A list of shared cached objects, each with its wire form serialised once:
// what a LIST response is written from without encoding anything again.
template <typename T>
struct SharedListOf {
  std::vector<watch::CachedPtr<T>> items;
  api::ListMeta metadata;
};

template <typename T>
struct ListOf {
  std::vector<T> items;
  api::ListMeta metadata;
};

template <typename T>
class Store {
 public:
  // Starts the watch cache (when enabled); it fills in the background.
  explicit Store(StoreContext context);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // `body` is the request body, `ns` the namespace from the URL. Warnings for
  // the client (unknown fields under fieldValidation=Warn) go to `warnings`.
  Result<T> Create(std::string_view ns, std::string_view body, const WriteOptions& options = {},
                   std::vector<std::string>* warnings = nullptr);
  Result<T> Get(std::string_view ns, std::string_view name);
  // `ns` empty lists all namespaces. Selectors, resourceVersion(Match) and
  // limit/continue paging as kube-apiserver; an expired continue token or a
  // compacted resourceVersion is a 410.
  Result<ListOf<T>> List(std::string_view ns, const ListOptions& options = {});
  // List, sharing the watch cache's objects where they are the very ones
  // storage returned (same key, same mod revision) and decoding the others.
  Result<SharedListOf<T>> ListShared(std::string_view ns, const ListOptions& options = {});
  // Starts a watch (`ns` empty: all namespaces) with kube-apiserver's
  // resourceVersion semantics; a compacted start revision yields a watch
  // whose only event is a 410 ERROR, as Kubernetes streams it.
  Result<watch::Subscription<T>> Watch(std::string_view ns, const ListOptions& options);
  // DELETE on the collection: deletes (or, with finalizers, marks) every
  // object the selectors match; returns them.
  Result<ListOf<T>> DeleteCollection(std::string_view ns, const ListOptions& list_options,
                                     const DeleteOptions& options);
  // PUT: needs metadata.resourceVersion; never creates. Keeps the stored status.
  Result<T> Update(std::string_view ns, std::string_view name, std::string_view body,
                   const WriteOptions& options = {}, std::vector<std::string>* warnings = nullptr) {
    return DoUpdate(ns, name, body, /*status_only=*/false, options, warnings);
  }
  // PUT on /status: like Update, but writes only the status and keeps the rest.
  Result<T> UpdateStatus(std::string_view ns, std::string_view name, std::string_view body,
                         const WriteOptions& options = {},
                         std::vector<std::string>* warnings = nullptr) {
    return DoUpdate(ns, name, body, /*status_only=*/true, options, warnings);
  }
  // PATCH with a JSON patch (RFC 6902), a JSON merge patch (RFC 7386) or a
  // strategic merge patch driven by the kind's schema (merge keys). The
  // result goes through defaulting and validation like any update.
  Result<T> Patch(std::string_view ns, std::string_view name, std::string_view patch_body,
                  PatchType type, bool status_only, const WriteOptions& options = {},
                  std::vector<std::string>* warnings = nullptr);
  // Returns the deleted object; or, while finalizers remain, the object with
  // its deletionTimestamp set.
  Result<T> Delete(std::string_view ns, std::string_view name, const DeleteOptions& options);

  // <prefix>/navigator.jetstack.io/<plural>/<namespace>/<name>
  std::string Key(std::string_view ns, std::string_view name) const;

  // For tests and metrics: the watch cache, or null when disabled.
  const watch::WatchCache<T>* watch_cache() const { return cache_.get(); }

 private:
  // Under dryRun, what Create would answer short of writing.
  Result<storage::KeyValue> DryRunCreate(const std::string& key);
  // GuaranteedUpdate (from `cached`, the watch cache's copy, when there is
  // one), or under dryRun everything but the write.
  Result<storage::KeyValue> UpdateOrDryRun(const std::string& key, int64_t expected_rv,
                                           bool dry_run, const watch::CachedPtr<T>& cached,
                                           const storage::UpdateFunction& update);
  static Result<watch::CachedPtr<T>> DecodeCached(const storage::KeyValue& kv);
  Result<watch::Filter<T>> MakeFilter(std::string_view ns, const ListOptions& options) const;
  // The objects matching `filter` as of now, as ADDED events, and the
  // revision they were read at.
  Result<std::pair<std::vector<watch::Event<T>>, int64_t>> ReadState(
      const watch::Filter<T>& filter);
  // Every change after `revision`, preceded by `initial`.
  Result<watch::Subscription<T>> WatchAfter(watch::Filter<T> filter, int64_t revision,
                                            std::vector<watch::Event<T>> initial);
  Result<T> DoUpdate(std::string_view ns, std::string_view name, std::string_view body,
                     bool status_only, const WriteOptions& options,
                     std::vector<std::string>* warnings);
  // The read-modify-write shared by PUT and PATCH: `incoming_from` turns the
  // stored object into the requested one (it may run again on a conflict).
  Result<T> Write(std::string_view ns, std::string_view name, int64_t expected_rv, bool status_only,
                  bool dry_run, const std::function<Result<T>(const T& old)>& incoming_from);
  // Decodes a request body and applies fieldValidation.
  Result<T> DecodeBody(std::string_view body, const WriteOptions& options,
                       std::vector<std::string>* warnings) const;
  std::string CollectionPrefix(std::string_view ns) const;
  static Result<T> DecodeStored(const storage::KeyValue& kv);
  Status NotFoundError(std::string_view name) const;
  Status ConflictError(std::string_view name, std::string_view why) const;
  Status Invalid(std::string_view name, const auto& errors) const;

  StoreContext ctx_;
  std::unique_ptr<watch::WatchCache<T>> cache_;
};

}  // namespace navigator::registry

#include "navigator/api/navigator/cassandra_cluster.h"
#include "navigator/api/navigator/elasticsearch_cluster.h"
#include "navigator/api/navigator/pilot.h"

namespace navigator::registry {
extern template class Store<api::ElasticsearchCluster>;
extern template class Store<api::CassandraCluster>;
extern template class Store<api::Pilot>;
}  // namespace navigator::registry
