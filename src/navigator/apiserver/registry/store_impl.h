#pragma once

// Definitions of Store<T>; included only by store.cc, which instantiates the
// three kinds.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "navigator/api/codec/merge_patch.h"
#include "navigator/api/navigator/codec.h"
#include "navigator/api/validation/field_errors.h"
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

}  // namespace store_internal

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
Result<T> Store<T>::DecodeStored(const storage::KeyValue& kv) const {
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
    auto created =
        ctx_.storage->Create(Key(ns, meta.name), store_internal::EncodeForStorage(object));
    if (created.ok()) {
      meta.resource_version = std::to_string(created->mod_revision);
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
Result<ListOf<T>> Store<T>::List(std::string_view ns) {
  NAVIGATOR_ASSIGN_OR_RETURN(auto listed, ctx_.storage->List(CollectionPrefix(ns), {}));
  ListOf<T> out;
  out.items.reserve(listed.items.size());
  for (const auto& kv : listed.items) {
    NAVIGATOR_ASSIGN_OR_RETURN(T item, DecodeStored(kv));
    out.items.push_back(std::move(item));
  }
  out.metadata.resource_version = std::to_string(listed.revision);
  return out;
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
  return Write(ns, name, expected_rv, status_only, [&](const T&) -> Result<T> { return incoming; });
}

template <typename T>
Result<T> Store<T>::Patch(std::string_view ns, std::string_view name, std::string_view patch_body,
                          bool strategic, bool status_only, const WriteOptions& options,
                          std::vector<std::string>* warnings) {
  NAVIGATOR_ASSIGN_OR_RETURN(api::ParsedJson patch, api::ParseJson(patch_body));
  if (!patch.value.is_object()) return BadRequest("a merge patch must be a JSON object");
  if (strategic && api::HasPatchDirectives(patch.value)) {
    return Status(StatusCode::kUnsupportedMediaType,
                  "strategic merge patch directives ($patch, $setElementOrder, "
                  "$deleteFromPrimitiveList, $retainKeys) are not supported yet; send the change "
                  "as application/merge-patch+json");
  }
  return Write(ns, name, 0, status_only, [&](const T& old) -> Result<T> {
    boost::json::value doc = api::EncodeObject(old);
    api::ApplyMergePatch(doc, patch.value);
    NAVIGATOR_ASSIGN_OR_RETURN(T next, DecodeBody(boost::json::serialize(doc), options, warnings));
    if (next.metadata.name != name) {
      return BadRequest(fmt::format("a patch may not change metadata.name (from {} to {})", name,
                                    next.metadata.name));
    }
    return next;
  });
}

template <typename T>
Result<T> Store<T>::Write(std::string_view ns, std::string_view name, int64_t expected_rv,
                          bool status_only,
                          const std::function<Result<T>(const T& old)>& incoming_from) {
  std::optional<T> result;
  auto update = [&](const storage::KeyValue& current) -> Result<std::string> {
    NAVIGATOR_ASSIGN_OR_RETURN(T old, DecodeStored(current));
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
  auto written = ctx_.storage->GuaranteedUpdate(Key(ns, name), expected_rv, update);
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
  if (result->metadata.deletion_timestamp && result->metadata.finalizers.empty()) {
    auto deleted =
        ctx_.storage->Delete(Key(ns, name), [](const storage::KeyValue&) { return OkStatus(); });
    if (!deleted.ok() && deleted.status().code() != StatusCode::kNotFound) return deleted.status();
  }
  result->metadata.resource_version = std::to_string(written->mod_revision);
  return std::move(*result);
}

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

  // With finalizers, deletion only marks the object; it goes once they are gone.
  std::optional<T> marked;
  auto mark = [&](const storage::KeyValue& current) -> Result<std::string> {
    NAVIGATOR_ASSIGN_OR_RETURN(T object, DecodeStored(current));
    NAVIGATOR_RETURN_IF_ERROR(check(object));
    if (object.metadata.finalizers.empty()) return Status(StatusCode::kGone, "no finalizers");
    if (!object.metadata.deletion_timestamp) {
      object.metadata.deletion_timestamp = api::Time::FromTimePoint(ctx_.clock->Now());
      object.metadata.deletion_grace_period_seconds = 0;
    }
    object.metadata.resource_version.clear();
    marked = object;
    return store_internal::EncodeForStorage(object);
  };
  auto marked_kv = ctx_.storage->GuaranteedUpdate(Key(ns, name), 0, mark);
  if (marked_kv.ok()) {
    marked->metadata.resource_version = std::to_string(marked_kv->mod_revision);
    return std::move(*marked);
  }
  if (marked_kv.status().code() == StatusCode::kNotFound) return NotFoundError(name);
  if (marked_kv.status().code() != StatusCode::kGone) return marked_kv.status();

  std::optional<T> deleted;
  auto precondition = [&](const storage::KeyValue& current) -> Status {
    auto object = DecodeStored(current);
    if (!object.ok()) return object.status();
    NAVIGATOR_RETURN_IF_ERROR(check(*object));
    if (!object->metadata.finalizers.empty()) {
      return ConflictError(name, "finalizers were added concurrently; retry the delete");
    }
    deleted = std::move(*object);
    return OkStatus();
  };
  auto removed = ctx_.storage->Delete(Key(ns, name), precondition);
  if (!removed.ok()) {
    if (removed.status().code() == StatusCode::kNotFound) return NotFoundError(name);
    return removed.status();
  }
  deleted->metadata.resource_version = std::to_string(removed->mod_revision);
  return std::move(*deleted);
}

}  // namespace navigator::registry
