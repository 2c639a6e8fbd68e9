#pragma once

// Definitions of Store<T>: shared helpers, create, get and the update path
// (PUT, PATCH, /status). Reads are in store_read_impl.h, deletes in
// store_delete_impl.h; store.cc includes all three and instantiates the kinds.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>

#include "navigator/api/codec/json_patch.h"
#include "navigator/api/codec/merge_patch.h"
#include "navigator/api/codec/strategic_merge_patch.h"
#include "navigator/api/navigator/codec.h"
#include "navigator/api/navigator/schema.h"
#include "navigator/api/validation/field_errors.h"
#include "navigator/apiserver/registry/continue_token.h"
#include "navigator/apiserver/registry/store.h"
#include "navigator/apiserver/registry/strategy.h"

namespace navigator::registry {

namespace store_internal {

constexpr int kGenerateNameAttempts = 8;
constexpr int kGeneratedSuffixLength = 5;

inline std::string Qualified(const api::ResourceInfo& info) {
  return fmt::format("{}.{}", info.plural, api::kGroup);
}

template <typename T>
std::string EncodeForStorage(const T& object) {
  return boost::json::serialize(api::EncodeObject(object));
}

template <typename T>
bool SpecEqual(const T& a, const T& b) {
  return a.spec == b.spec;
}

// The schema that drives strategic merge patches of T (merge keys, list
// strategies), built once.
template <typename T>
const boost::json::object& PatchSchema() {
  static const boost::json::object schema = api::JsonSchemaOf<T>();
  return schema;
}

inline constexpr std::string_view kOrphanFinalizer = "orphan";
inline constexpr std::string_view kForegroundFinalizer = "foregroundDeletion";

// Adjusts the garbage collector's finalizers for an explicit
// propagationPolicy, as kube-apiserver does: Orphan adds "orphan", Foreground
// adds "foregroundDeletion", each removing the other; Background removes
// both. No policy leaves them as they are.
inline void ApplyPropagationPolicy(std::string_view policy, std::vector<std::string>& finalizers) {
  auto remove = [&](std::string_view f) {
    std::erase(finalizers, f);
  };
  auto add = [&](std::string_view f) {
    if (std::find(finalizers.begin(), finalizers.end(), f) == finalizers.end()) {
      finalizers.emplace_back(f);
    }
  };
  if (policy == "Orphan") {
    remove(kForegroundFinalizer);
    add(kOrphanFinalizer);
  } else if (policy == "Foreground") {
    remove(kOrphanFinalizer);
    add(kForegroundFinalizer);
  } else if (policy == "Background") {
    remove(kOrphanFinalizer);
    remove(kForegroundFinalizer);
  }
}

inline Status TooOldResourceVersion(int64_t revision) {
  return Status(StatusCode::kGone, fmt::format("too old resource version: {}", revision));
}

inline Status TooLargeResourceVersion(int64_t revision, int64_t current) {
  return Status(StatusCode::kTimeout,
                fmt::format("Too large resource version: {}, current: {}", revision, current),
                StatusDetails{.retry_after_seconds = 1});
}

inline Status ExpiredContinue() {
  return Status(StatusCode::kGone,
                "The provided continue parameter is too old to display a consistent list result. "
                "You can start a new list without the continue parameter.");
}

}  // namespace store_internal

template <typename T>
Store<T>::Store(StoreContext context) : ctx_(std::move(context)) {
  if (!ctx_.watch_cache) return;
  cache_ = std::make_unique<watch::WatchCache<T>>(
      *ctx_.storage, CollectionPrefix(""),
      [](const storage::KeyValue& kv) { return DecodeCached(kv); }, ctx_.watch_cache_options);
  cache_->Start();
}

template <typename T>
Store<T>::~Store() {
  if (cache_) cache_->Stop();
}

template <typename T>
Result<watch::CachedPtr<T>> Store<T>::DecodeCached(const storage::KeyValue& kv) {
  NAVIGATOR_ASSIGN_OR_RETURN(T object, DecodeStored(kv));
  auto cached = std::make_shared<watch::CachedObject<T>>();
  cached->stored = kv;
  cached->json = boost::json::serialize(api::EncodeObject(object));
  cached->object = std::move(object);
  return watch::CachedPtr<T>(std::move(cached));
}

template <typename T>
Result<storage::KeyValue> Store<T>::DryRunCreate(const std::string& key) {
  auto existing = ctx_.storage->Get(key);
  if (existing.ok()) return Status(StatusCode::kAlreadyExists, "exists");
  if (existing.status().code() != StatusCode::kNotFound) return existing.status();
  return storage::KeyValue{.key = key};
}

template <typename T>
Result<storage::KeyValue> Store<T>::UpdateOrDryRun(const std::string& key, int64_t expected_rv,
                                                   bool dry_run, const watch::CachedPtr<T>& cached,
                                                   const storage::UpdateFunction& update) {
  if (!dry_run && cached) {
    return ctx_.storage->GuaranteedUpdateFrom(cached->stored, expected_rv, update);
  }
  if (!dry_run) return ctx_.storage->GuaranteedUpdate(key, expected_rv, update);
  NAVIGATOR_ASSIGN_OR_RETURN(storage::KeyValue current, ctx_.storage->Get(key));
  if (expected_rv != 0 && current.mod_revision != expected_rv) {
    return Status(StatusCode::kConflict, "the object has been modified");
  }
  NAVIGATOR_ASSIGN_OR_RETURN(current.value, update(current));
  return current;
}

template <typename T>
std::string Store<T>::Key(std::string_view ns, std::string_view name) const {
  return fmt::format("{}{}", CollectionPrefix(ns), name);
}

template <typename T>
std::string Store<T>::CollectionPrefix(std::string_view ns) const {
  const auto& info = api::KindTraits<T>::kInfo;
  if (ns.empty()) return fmt::format("{}/{}/{}/", ctx_.key_prefix, api::kGroup, info.plural);
  return fmt::format("{}/{}/{}/{}/", ctx_.key_prefix, api::kGroup, info.plural, ns);
}

template <typename T>
Status Store<T>::NotFoundError(std::string_view name) const {
  const auto& info = api::KindTraits<T>::kInfo;
  return Status(StatusCode::kNotFound,
                fmt::format("{} \"{}\" not found", store_internal::Qualified(info), name),
                StatusDetails{.name = std::string(name),
                              .group = std::string(api::kGroup),
                              .kind = std::string(info.plural)});
}

template <typename T>
Status Store<T>::ConflictError(std::string_view name, std::string_view why) const {
  const auto& info = api::KindTraits<T>::kInfo;
  return Status(StatusCode::kConflict,
                fmt::format("Operation cannot be fulfilled on {} \"{}\": {}",
                            store_internal::Qualified(info), name, why),
                StatusDetails{.name = std::string(name),
                              .group = std::string(api::kGroup),
                              .kind = std::string(info.plural)});
}

template <typename T>
Status Store<T>::Invalid(std::string_view name, const auto& errors) const {
  return api::ToInvalidStatus(api::KindTraits<T>::kInfo.kind, name, errors);
}

template <typename T>
Result<T> Store<T>::DecodeStored(const storage::KeyValue& kv) {
  auto decoded = api::DecodeObject<T>(kv.value);
  if (!decoded.ok()) {
    return Internal(fmt::format("stored object at {} cannot be decoded: {}", kv.key,
                                decoded.status().message()));
  }
  T object = std::move(decoded->object);
  object.metadata.resource_version = std::to_string(kv.mod_revision);
  return object;
}

template <typename T>
Result<T> Store<T>::DecodeBody(std::string_view body, const WriteOptions& options,
                               std::vector<std::string>* warnings) const {
  const bool check = options.field_validation != FieldValidation::kIgnore;
  NAVIGATOR_ASSIGN_OR_RETURN(auto decoded,
                             api::DecodeObject<T>(body, {.report_duplicates = check}));
  if (!check) return std::move(decoded.object);
  std::vector<std::string> problems;
  for (const auto& f : decoded.unknown_fields)
    problems.push_back(fmt::format("unknown field \"{}\"", f));
  for (std::string_view f : decoded.duplicate_fields) {
    if (f.starts_with('.')) f.remove_prefix(1);
    problems.push_back(fmt::format("duplicate field \"{}\"", f));
  }
  if (problems.empty()) return std::move(decoded.object);
  if (options.field_validation == FieldValidation::kStrict) {
    return BadRequest(fmt::format("strict decoding error: {}", fmt::join(problems, ", ")));
  }
  if (warnings) warnings->insert(warnings->end(), problems.begin(), problems.end());
  return std::move(decoded.object);
}

template <typename T>
Result<T> Store<T>::Create(std::string_view ns, std::string_view body, const WriteOptions& options,
                           std::vector<std::string>* warnings) {
  const auto& info = api::KindTraits<T>::kInfo;
  NAVIGATOR_ASSIGN_OR_RETURN(T object, DecodeBody(body, options, warnings));
  api::ObjectMeta& meta = object.metadata;
  if (!meta.namespace_.empty() && meta.namespace_ != ns) {
    return BadRequest(fmt::format(
        "the namespace of the provided object ({}) does not match the namespace sent on the "
        "request ({})",
        meta.namespace_, ns));
  }
  meta.namespace_ = std::string(ns);
  meta.uid = NewUuid(*ctx_.random);
  meta.creation_timestamp = api::Time::FromTimePoint(ctx_.clock->Now());
  meta.generation = 1;
  meta.resource_version.clear();
  meta.self_link.clear();
  meta.deletion_timestamp.reset();
  meta.deletion_grace_period_seconds.reset();
  object.status = {};

  const bool generate = meta.name.empty() && !meta.generate_name.empty();
  for (int attempt = 0;; ++attempt) {
    if (generate) {
      meta.name = meta.generate_name +
                  RandomNameSuffix(*ctx_.random, store_internal::kGeneratedSuffixLength);
    }
    auto errors = Strategy<T>::Validate(object);
    if (!errors.empty()) return Invalid(meta.name, errors);
    const std::string key = Key(ns, meta.name);
    auto created = options.dry_run
                       ? DryRunCreate(key)
                       : ctx_.storage->Create(key, store_internal::EncodeForStorage(object));
    if (created.ok()) {
      if (!options.dry_run) meta.resource_version = std::to_string(created->mod_revision);
      return object;
    }
    if (created.status().code() != StatusCode::kAlreadyExists) return created.status();
    if (!generate || attempt + 1 >= store_internal::kGenerateNameAttempts) {
      return Status(
          StatusCode::kAlreadyExists,
          fmt::format("{} \"{}\" already exists", store_internal::Qualified(info), meta.name),
          StatusDetails{.name = meta.name,
                        .group = std::string(api::kGroup),
                        .kind = std::string(info.plural)});
    }
  }
}

template <typename T>
Result<T> Store<T>::Get(std::string_view ns, std::string_view name) {
  auto kv = ctx_.storage->Get(Key(ns, name));
  if (!kv.ok()) {
    if (kv.status().code() == StatusCode::kNotFound) return NotFoundError(name);
    return kv.status();
  }
  return DecodeStored(*kv);
}

template <typename T>
Result<T> Store<T>::DoUpdate(std::string_view ns, std::string_view name, std::string_view body,
                             bool status_only, const WriteOptions& options,
                             std::vector<std::string>* warnings) {
  NAVIGATOR_ASSIGN_OR_RETURN(T incoming, DecodeBody(body, options, warnings));
  if (incoming.metadata.name != name) {
    return BadRequest(
        fmt::format("the name of the object ({}) does not match the name on the URL ({})",
                    incoming.metadata.name, name));
  }
  if (!incoming.metadata.namespace_.empty() && incoming.metadata.namespace_ != ns) {
    return BadRequest(fmt::format(
        "the namespace of the provided object ({}) does not match the namespace sent on the "
        "request ({})",
        incoming.metadata.namespace_, ns));
  }
  if (incoming.metadata.resource_version.empty()) {
    api::FieldErrorList errors;
    errors.Invalid(api::FieldPath("metadata").Child("resourceVersion"), int64_t{0},
                   "must be specified for an update");
    return Invalid(name, errors);
  }
  NAVIGATOR_ASSIGN_OR_RETURN(int64_t expected_rv,
                             ParseResourceVersion(incoming.metadata.resource_version));
  return Write(ns, name, expected_rv, status_only, options.dry_run,
               [&](const T&) -> Result<T> { return incoming; });
}

template <typename T>
Result<T> Store<T>::Patch(std::string_view ns, std::string_view name, std::string_view patch_body,
                          PatchType type, bool status_only, const WriteOptions& options,
                          std::vector<std::string>* warnings) {
  NAVIGATOR_ASSIGN_OR_RETURN(api::ParsedJson patch, api::ParseJson(patch_body));
  if (type == PatchType::kJson && !patch.value.is_array()) {
    return BadRequest("a JSON patch must be a JSON array of operations");
  }
  if (type != PatchType::kJson && !patch.value.is_object()) {
    return BadRequest("a merge patch must be a JSON object");
  }
  return Write(ns, name, 0, status_only, options.dry_run, [&](const T& old) -> Result<T> {
    boost::json::value doc = api::EncodeObject(old);
    switch (type) {
      case PatchType::kJson:
        NAVIGATOR_RETURN_IF_ERROR(api::ApplyJsonPatch(doc, patch.value));
        break;
      case PatchType::kMerge:
        api::ApplyMergePatch(doc, patch.value);
        break;
      case PatchType::kStrategic:
        NAVIGATOR_RETURN_IF_ERROR(
            api::ApplyStrategicMergePatch(doc, patch.value, store_internal::PatchSchema<T>()));
        break;
    }
    NAVIGATOR_ASSIGN_OR_RETURN(T next, DecodeBody(boost::json::serialize(doc), options, warnings));
    if (next.metadata.name != name) {
      return BadRequest(fmt::format("a patch may not change metadata.name (from {} to {})", name,
                                    next.metadata.name));
    }
    // A resourceVersion in the patch is a precondition, as in Kubernetes.
    if (next.metadata.resource_version != old.metadata.resource_version) {
      return ConflictError(name,
                           "the object has been modified; please apply your changes to the "
                           "latest version and try again");
    }
    return next;
  });
}

template <typename T>
Result<T> Store<T>::Write(std::string_view ns, std::string_view name, int64_t expected_rv,
                          bool status_only, bool dry_run,
                          const std::function<Result<T>(const T& old)>& incoming_from) {
  const std::string key = Key(ns, name);
  // The watch cache's copy saves reading the object first (and decoding it
  // while it is the one stored); storage checks that it is current.
  const watch::CachedPtr<T> cached = cache_ ? cache_->Get(key) : nullptr;
  std::optional<T> result;
  auto update = [&](const storage::KeyValue& current) -> Result<std::string> {
    std::optional<T> decoded;
    if (!cached || cached->stored.mod_revision != current.mod_revision) {
      NAVIGATOR_ASSIGN_OR_RETURN(decoded, DecodeStored(current));
    }
    const T& old = decoded ? *decoded : cached->object;
    NAVIGATOR_ASSIGN_OR_RETURN(T incoming, incoming_from(old));
    if (status_only) {
      T next = old;
      next.status = incoming.status;
      next.metadata.resource_version.clear();
      result = next;
      return store_internal::EncodeForStorage(next);
    }
    T next = incoming;
    api::ObjectMeta& meta = next.metadata;
    const api::ObjectMeta& old_meta = old.metadata;
    meta.namespace_ = std::string(ns);
    if (meta.uid.empty()) meta.uid = old_meta.uid;
    if (old_meta.creation_timestamp) meta.creation_timestamp = old_meta.creation_timestamp;
    meta.deletion_timestamp = old_meta.deletion_timestamp;
    if (old_meta.deletion_grace_period_seconds && !meta.deletion_grace_period_seconds) {
      meta.deletion_grace_period_seconds = old_meta.deletion_grace_period_seconds;
    }
    meta.self_link.clear();
    next.status = old.status;  // the main resource never writes status
    meta.generation = old_meta.generation + (store_internal::SpecEqual(old, next) ? 0 : 1);
    auto errors = Strategy<T>::ValidateUpdate(old, next);
    if (!errors.empty()) return Invalid(name, errors);
    meta.resource_version.clear();
    result = next;
    return store_internal::EncodeForStorage(next);
  };
  auto written = UpdateOrDryRun(key, expected_rv, dry_run, cached, update);
  if (!written.ok()) {
    switch (written.status().code()) {
      case StatusCode::kNotFound:
        return NotFoundError(name);
      case StatusCode::kConflict:
        return ConflictError(name,
                             "the object has been modified; please apply your changes to the "
                             "latest version and try again");
      default:
        return written.status();
    }
  }
  // The last graceful deletion step: the final finalizer is gone.
  if (!dry_run && result->metadata.deletion_timestamp && result->metadata.finalizers.empty()) {
    auto deleted = ctx_.storage->Delete(key, [](const storage::KeyValue&) { return OkStatus(); });
    if (!deleted.ok() && deleted.status().code() != StatusCode::kNotFound) return deleted.status();
  }
  result->metadata.resource_version = std::to_string(written->mod_revision);
  return std::move(*result);
}

}  // namespace navigator::registry
