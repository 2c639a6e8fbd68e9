#pragma once

// Definitions of Store<T>; included only by store.cc, which instantiates the
// three kinds.

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
  cached->key = kv.key;
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
                                                   bool dry_run,
                                                   const storage::UpdateFunction& update) {
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
Result<watch::Filter<T>> Store<T>::MakeFilter(std::string_view ns,
                                              const ListOptions& options) const {
  const api::FieldSelector& fields = options.field_selector;
  static constexpr auto kSelectable = [] {
    constexpr auto& extra = Strategy<T>::kSelectableFields;
    std::array<std::string_view, extra.size() + 2> all{"metadata.name", "metadata.namespace"};
    std::copy(extra.begin(), extra.end(), all.begin() + 2);
    return all;
  }();
  NAVIGATOR_RETURN_IF_ERROR(fields.CheckSupported(std::span<const std::string_view>(kSelectable),
                                                  api::KindTraits<T>::kInfo.kind));
  watch::Filter<T> filter;
  filter.key_prefix = CollectionPrefix(ns);
  if (auto name = fields.ExactMatch("metadata.name"); name && !ns.empty()) {
    filter.exact_key = Key(ns, *name);
  }
  if (options.label_selector.Empty() && fields.Empty()) return filter;
  filter.predicate = [labels = options.label_selector, fields](const T& object) {
    if (!labels.Matches(object.metadata.labels)) return false;
    return fields.Matches([&](std::string_view field) -> std::optional<std::string> {
      if (field == "metadata.name") return object.metadata.name;
      if (field == "metadata.namespace") return object.metadata.namespace_;
      return Strategy<T>::FieldValue(object, field);
    });
  };
  return filter;
}

template <typename T>
Result<ListOf<T>> Store<T>::List(std::string_view ns, const ListOptions& options) {
  NAVIGATOR_ASSIGN_OR_RETURN(watch::Filter<T> filter, MakeFilter(ns, options));
  const std::string& prefix = filter.key_prefix;
  const bool paged = !options.continue_token.empty();
  storage::ListOptions page;
  page.limit = options.limit;
  int64_t revision = 0;
  if (paged) {
    NAVIGATOR_ASSIGN_OR_RETURN(ContinueToken token, DecodeContinueToken(options.continue_token));
    revision = token.resource_version;
    page.start_key = prefix + token.start_key;
  } else if (!options.resource_version.empty() && options.resource_version != "0") {
    NAVIGATOR_ASSIGN_OR_RETURN(int64_t wanted, ParseResourceVersion(options.resource_version));
    // Exact, and (as Kubernetes) a paged list without a match, read at that
    // revision; otherwise the newest state answers "not older than".
    if (options.resource_version_match == ResourceVersionMatch::kExact ||
        (options.resource_version_match == ResourceVersionMatch::kUnset && options.limit > 0)) {
      revision = wanted;
    } else {
      NAVIGATOR_ASSIGN_OR_RETURN(int64_t current, ctx_.storage->CurrentRevision());
      if (current < wanted) return store_internal::TooLargeResourceVersion(wanted, current);
    }
  }

  ListOf<T> out;
  std::string last_key;  // set when the limit cut the list short
  int64_t remaining = 0;
  const bool filtered = filter.exact_key || filter.predicate;
  while (true) {
    page.revision = revision;
    auto listed = ctx_.storage->List(prefix, page);
    if (!listed.ok()) {
      if (listed.status().code() != StatusCode::kGone) return listed.status();
      return paged ? store_internal::ExpiredContinue()
                   : store_internal::TooOldResourceVersion(revision);
    }
    revision = listed->revision;  // later pages read the same snapshot
    const auto& items = listed->items;
    for (std::size_t i = 0; i < items.size(); ++i) {
      NAVIGATOR_ASSIGN_OR_RETURN(watch::CachedPtr<T> cached, DecodeCached(items[i]));
      if (!filter.Matches(*cached)) continue;
      out.items.push_back(cached->object);
      if (options.limit > 0 && static_cast<int64_t>(out.items.size()) == options.limit) {
        if (i + 1 < items.size() || listed->more) {
          last_key = items[i].key;
          remaining = listed->remaining + static_cast<int64_t>(items.size() - i - 1);
        }
        break;
      }
    }
    const bool full = options.limit > 0 && static_cast<int64_t>(out.items.size()) >= options.limit;
    if (full || !listed->more || items.empty()) break;
    page.start_key = items.back().key + '\0';
  }
  out.metadata.resource_version = std::to_string(revision);
  if (!last_key.empty()) {
    out.metadata.continue_ = EncodeContinueToken(
        {.resource_version = revision, .start_key = last_key.substr(prefix.size()) + '\0'});
    if (!filtered) out.metadata.remaining_item_count = remaining;
  }
  return out;
}

template <typename T>
Result<std::pair<std::vector<watch::Event<T>>, int64_t>> Store<T>::ReadState(
    const watch::Filter<T>& filter) {
  NAVIGATOR_ASSIGN_OR_RETURN(storage::ListResult listed, ctx_.storage->List(filter.key_prefix, {}));
  std::vector<watch::Event<T>> events;
  for (const auto& kv : listed.items) {
    NAVIGATOR_ASSIGN_OR_RETURN(watch::CachedPtr<T> cached, DecodeCached(kv));
    if (!filter.Matches(*cached)) continue;
    events.push_back(watch::Event<T>{
        .type = watch::EventType::kAdded, .revision = listed.revision, .object = cached});
  }
  return std::make_pair(std::move(events), listed.revision);
}

template <typename T>
Result<watch::Subscription<T>> Store<T>::WatchAfter(watch::Filter<T> filter, int64_t revision,
                                                    std::vector<watch::Event<T>> initial) {
  if (cache_) {
    if (auto watcher = cache_->WatchAfter(filter, revision, initial)) {
      return watch::Subscription<T>(std::move(watcher));
    }
  }
  // Straight from storage: the cache is not ready, or its history is too short.
  auto watcher =
      std::make_shared<watch::Watcher<T>>(filter, ctx_.watch_cache_options.watcher_capacity);
  watcher->PushInitial(std::move(initial));
  watcher->Progress(revision);
  storage::WatchHandler handler{
      .on_event =
          [watcher](const storage::WatchEvent& e) {
            auto cached = DecodeCached(e.kv);
            if (!cached.ok()) {
              watcher->End(watch::EndReason::kSourceEnded, cached.status());
              return;
            }
            watch::Event<T> event{.revision = e.kv.mod_revision, .object = std::move(*cached)};
            event.type = e.type == storage::EventType::kAdded      ? watch::EventType::kAdded
                         : e.type == storage::EventType::kModified ? watch::EventType::kModified
                                                                   : watch::EventType::kDeleted;
            if (auto filtered = watcher->filter().Apply(event)) {
              watcher->Push(std::move(*filtered));
            } else {
              watcher->Progress(event.revision);
            }
          },
      .on_error =
          [watcher, revision](const Status& error) {
            watcher->End(watch::EndReason::kSourceEnded,
                         error.code() == StatusCode::kGone
                             ? store_internal::TooOldResourceVersion(revision)
                             : error);
          },
  };
  auto source = ctx_.storage->WatchPrefix(filter.key_prefix, revision, std::move(handler));
  if (!source.ok()) {
    if (source.status().code() != StatusCode::kGone) return source.status();
    // Kubernetes answers a compacted revision with a watch whose only event
    // is the 410, so clients see it as they see a later compaction.
    watcher->End(watch::EndReason::kSourceEnded, store_internal::TooOldResourceVersion(revision));
    return watch::Subscription<T>(std::move(watcher));
  }
  return watch::Subscription<T>(std::move(watcher), std::move(*source));
}

template <typename T>
Result<watch::Subscription<T>> Store<T>::Watch(std::string_view ns, const ListOptions& options) {
  NAVIGATOR_ASSIGN_OR_RETURN(watch::Filter<T> filter, MakeFilter(ns, options));
  const std::string& rv = options.resource_version;
  const bool any = rv == "0";
  // Without sendInitialEvents, Kubernetes sends the current state for an
  // unset or "0" resourceVersion and only changes for an explicit one.
  const bool initial_state = options.send_initial_events.value_or(rv.empty() || any);
  const bool end_bookmark = options.send_initial_events.value_or(false);

  int64_t wanted = 0;
  if (!rv.empty() && !any) {
    NAVIGATOR_ASSIGN_OR_RETURN(wanted, ParseResourceVersion(rv));
    NAVIGATOR_ASSIGN_OR_RETURN(int64_t current, ctx_.storage->CurrentRevision());
    if (wanted > current) return store_internal::TooLargeResourceVersion(wanted, current);
    // The cache may still hold history that storage has compacted away; a
    // client must see compaction the same way whichever serves it.
    auto probe = ctx_.storage->List(filter.key_prefix, {.limit = 1, .revision = wanted});
    if (!probe.ok() && probe.status().code() == StatusCode::kGone && !initial_state) {
      auto watcher = std::make_shared<watch::Watcher<T>>(filter, 1);
      watcher->End(watch::EndReason::kSourceEnded, store_internal::TooOldResourceVersion(wanted));
      return watch::Subscription<T>(std::move(watcher));
    }
  }
  if (initial_state) {
    // "0" accepts any state, so the cache's; otherwise a consistent read
    // (which is never older than `wanted`).
    if (any && cache_) {
      if (auto watcher = cache_->WatchCurrentState(filter, end_bookmark)) {
        return watch::Subscription<T>(std::move(watcher));
      }
    }
    NAVIGATOR_ASSIGN_OR_RETURN(auto state, ReadState(filter));
    auto& [events, revision] = state;
    if (end_bookmark) {
      events.push_back(watch::Event<T>{
          .type = watch::EventType::kBookmark, .revision = revision, .initial_events_end = true});
    }
    return WatchAfter(std::move(filter), revision, std::move(events));
  }
  if (rv.empty() || any) {
    NAVIGATOR_ASSIGN_OR_RETURN(wanted, ctx_.storage->CurrentRevision());
  }
  return WatchAfter(std::move(filter), wanted, {});
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
  auto written = UpdateOrDryRun(Key(ns, name), expected_rv, dry_run, update);
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
      auto marked_kv = UpdateOrDryRun(key, current_kv->mod_revision, options.dry_run, mark);
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
