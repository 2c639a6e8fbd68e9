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
#include "navigator/apiserver/registry/request_options.h"
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
};

template <typename T>
struct ListOf {
  std::vector<T> items;
  api::ListMeta metadata;
};

template <typename T>
class Store {
 public:
  explicit Store(StoreContext context) : ctx_(std::move(context)) {}

  // `body` is the request body, `ns` the namespace from the URL. Warnings for
  // the client (unknown fields under fieldValidation=Warn) go to `warnings`.
  Result<T> Create(std::string_view ns, std::string_view body, const WriteOptions& options = {},
                   std::vector<std::string>* warnings = nullptr);
  Result<T> Get(std::string_view ns, std::string_view name);
  // `ns` empty lists all namespaces.
  Result<ListOf<T>> List(std::string_view ns);
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
  // PATCH with a JSON merge patch (RFC 7386), or a strategic merge patch
  // without directives (our lists have no merge keys yet, so the two agree).
  // The result goes through defaulting and validation like any update.
  Result<T> Patch(std::string_view ns, std::string_view name, std::string_view patch_body,
                  bool strategic, bool status_only, const WriteOptions& options = {},
                  std::vector<std::string>* warnings = nullptr);
  // Returns the deleted object; or, while finalizers remain, the object with
  // its deletionTimestamp set.
  Result<T> Delete(std::string_view ns, std::string_view name, const DeleteOptions& options);

  // <prefix>/navigator.jetstack.io/<plural>/<namespace>/<name>
  std::string Key(std::string_view ns, std::string_view name) const;

 private:
  Result<T> DoUpdate(std::string_view ns, std::string_view name, std::string_view body,
                     bool status_only, const WriteOptions& options,
                     std::vector<std::string>* warnings);
  // The read-modify-write shared by PUT and PATCH: `incoming_from` turns the
  // stored object into the requested one (it may run again on a conflict).
  Result<T> Write(std::string_view ns, std::string_view name, int64_t expected_rv, bool status_only,
                  const std::function<Result<T>(const T& old)>& incoming_from);
  // Decodes a request body and applies fieldValidation.
  Result<T> DecodeBody(std::string_view body, const WriteOptions& options,
                       std::vector<std::string>* warnings) const;
  std::string CollectionPrefix(std::string_view ns) const;
  Result<T> DecodeStored(const storage::KeyValue& kv) const;
  Status NotFoundError(std::string_view name) const;
  Status ConflictError(std::string_view name, std::string_view why) const;
  Status Invalid(std::string_view name, const auto& errors) const;

  StoreContext ctx_;
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
