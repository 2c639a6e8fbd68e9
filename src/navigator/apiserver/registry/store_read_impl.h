#pragma once

// Definitions of Store<T>'s reads: selectors, LIST with paging, WATCH; included only by store.cc,
// which instantiates the three kinds.

#include "navigator/apiserver/registry/store_impl.h"

namespace navigator::registry {

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
  NAVIGATOR_ASSIGN_OR_RETURN(SharedListOf<T> shared, ListShared(ns, options));
  ListOf<T> out;
  out.metadata = std::move(shared.metadata);
  out.items.reserve(shared.items.size());
  for (const auto& item : shared.items) out.items.push_back(item->object);
  return out;
}

template <typename T>
Result<SharedListOf<T>> Store<T>::ListShared(std::string_view ns, const ListOptions& options) {
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

  SharedListOf<T> out;
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
    std::vector<watch::CachedPtr<T>> shared =
        cache_ ? cache_->Match(items) : std::vector<watch::CachedPtr<T>>(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
      watch::CachedPtr<T>& cached = shared[i];
      if (!cached) {
        NAVIGATOR_ASSIGN_OR_RETURN(cached, DecodeCached(items[i]));
      }
      if (!filter.Matches(*cached)) continue;
      out.items.push_back(std::move(cached));
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
  }
  if (wanted > 0 && !initial_state) {
    // The cache may still hold history that storage has compacted away; a
    // client must see compaction the same way whichever serves it.
    auto probe = ctx_.storage->List(filter.key_prefix, {.limit = 1, .revision = wanted});
    if (!probe.ok() && probe.status().code() == StatusCode::kGone) {
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

}  // namespace navigator::registry
