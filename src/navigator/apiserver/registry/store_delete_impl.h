#pragma once

// Definitions of Store<T>'s deletes: DELETE with finalizers and propagation policy,
// DELETECOLLECTION; included only by store.cc, which instantiates the three kinds.

#include "navigator/apiserver/registry/store_impl.h"

namespace navigator::registry {

template <typename T>
Result<T> Store<T>::Delete(std::string_view ns, std::string_view name,
                           const DeleteOptions& options) {
  auto check = [&](const T& current) -> Status {
    const auto& p = options.preconditions;
    if (p.uid && *p.uid != current.metadata.uid) {
      return ConflictError(name, fmt::format("Precondition failed: UID in precondition: {}, UID "
                                             "in object meta: {}",
                                             *p.uid, current.metadata.uid));
    }
    if (p.resource_version && *p.resource_version != current.metadata.resource_version) {
      return ConflictError(name,
                           fmt::format("Precondition failed: ResourceVersion in precondition: {}, "
                                       "ResourceVersion in object meta: {}",
                                       *p.resource_version, current.metadata.resource_version));
    }
    return OkStatus();
  };
  const std::string key = Key(ns, name);
  auto not_found = [&](const Status& s) {
    return s.code() == StatusCode::kNotFound ? NotFoundError(name) : s;
  };

  // Each round reads the object; while it has finalizers (after applying the
  // propagation policy's), deletion only marks it, and it goes once they are
  // gone. Otherwise it is deleted, unless it changed meanwhile: then again.
  while (true) {
    auto current_kv = ctx_.storage->Get(key);
    if (!current_kv.ok()) return not_found(current_kv.status());
    NAVIGATOR_ASSIGN_OR_RETURN(T current, DecodeStored(*current_kv));
    NAVIGATOR_RETURN_IF_ERROR(check(current));
    std::vector<std::string> finalizers = current.metadata.finalizers;
    store_internal::ApplyPropagationPolicy(options.propagation_policy, finalizers);

    if (!finalizers.empty()) {
      std::optional<T> marked;
      auto mark = [&](const storage::KeyValue& kv) -> Result<std::string> {
        NAVIGATOR_ASSIGN_OR_RETURN(T object, DecodeStored(kv));
        NAVIGATOR_RETURN_IF_ERROR(check(object));
        store_internal::ApplyPropagationPolicy(options.propagation_policy,
                                               object.metadata.finalizers);
        if (object.metadata.finalizers.empty()) {
          return ConflictError(name, "finalizers were removed concurrently; retry the delete");
        }
        if (!object.metadata.deletion_timestamp) {
          object.metadata.deletion_timestamp = api::Time::FromTimePoint(ctx_.clock->Now());
          object.metadata.deletion_grace_period_seconds = 0;
        }
        object.metadata.resource_version.clear();
        marked = object;
        return store_internal::EncodeForStorage(object);
      };
      auto marked_kv =
          UpdateOrDryRun(key, current_kv->mod_revision, options.dry_run, nullptr, mark);
      if (!marked_kv.ok()) {
        if (marked_kv.status().code() == StatusCode::kConflict && !marked) continue;  // raced
        return not_found(marked_kv.status());
      }
      marked->metadata.resource_version = std::to_string(marked_kv->mod_revision);
      return std::move(*marked);
    }

    if (options.dry_run) return current;
    auto unchanged = [&](const storage::KeyValue& kv) -> Status {
      if (kv.mod_revision != current_kv->mod_revision) {
        return Status(StatusCode::kConflict, "changed");
      }
      return OkStatus();
    };
    auto removed = ctx_.storage->Delete(key, unchanged);
    if (!removed.ok()) {
      if (removed.status().code() == StatusCode::kConflict) continue;  // changed: look again
      return not_found(removed.status());
    }
    current.metadata.resource_version = std::to_string(removed->mod_revision);
    return current;
  }
}

template <typename T>
Result<ListOf<T>> Store<T>::DeleteCollection(std::string_view ns, const ListOptions& list_options,
                                             const DeleteOptions& options) {
  ListOptions all = list_options;
  all.limit = 0;
  all.continue_token.clear();
  NAVIGATOR_ASSIGN_OR_RETURN(ListOf<T> matching, List(ns, all));
  ListOf<T> out;
  out.metadata.resource_version = matching.metadata.resource_version;
  for (const T& item : matching.items) {
    DeleteOptions one = options;
    // Only what was listed: an object re-created since keeps living.
    if (!one.preconditions.uid) one.preconditions.uid = item.metadata.uid;
    auto deleted = Delete(item.metadata.namespace_, item.metadata.name, one);
    if (!deleted.ok()) {
      const StatusCode code = deleted.status().code();
      if (code == StatusCode::kNotFound || code == StatusCode::kConflict) continue;
      return deleted.status();
    }
    out.items.push_back(std::move(*deleted));
  }
  return out;
}

}  // namespace navigator::registry
