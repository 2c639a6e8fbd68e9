#pragma once

// Streams a watch to an HTTP client as kube-apiserver does: a chunked body of
// newline-delimited {"type": ..., "object": ...} events, periodic BOOKMARK
// events when the client allows them, and an end after timeoutSeconds.
//
// The stream never blocks: its producer drains the watcher's queue, formats
// and returns (so the server runs it on the connection's I/O thread); the
// watcher wakes the stream when events arrive.

#include <fmt/format.h>

#include <boost/json.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "navigator/api/meta/status_json.h"
#include "navigator/api/navigator/kinds.h"
#include "navigator/apiserver/watch/subscription.h"
#include "navigator/base/clock.h"
#include "navigator/http/request.h"

namespace navigator::apiserver {

struct WatchStreamOptions {
  const Clock* clock = nullptr;  // not owned; outlives the stream
  Clock::TimePoint deadline;     // the stream ends here (timeoutSeconds)
  bool bookmarks = false;        // allowWatchBookmarks
  std::chrono::seconds bookmark_interval{60};
  // Called with each event's size once it is written (metrics); may be empty.
  std::function<void(std::size_t bytes)> on_event_sent;
  // Called once when the stream ends (metrics); may be empty.
  std::function<void()> on_end;
};

// Renders one event as one line of the stream (ending in "\n").
template <typename T>
using EventEncoder = std::function<std::string(const watch::Event<T>&)>;

// The object of a BOOKMARK event: only the kind and the resourceVersion, plus
// the initial-events-end annotation closing a sendInitialEvents watch.
template <typename T>
boost::json::object BookmarkObject(const watch::Event<T>& event) {
  boost::json::object metadata{{"resourceVersion", std::to_string(event.revision)},
                               {"creationTimestamp", nullptr}};
  if (event.initial_events_end) {
    metadata["annotations"] = boost::json::object{{"k8s.io/initial-events-end", "true"}};
  }
  return {{"kind", api::KindTraits<T>::kInfo.kind},
          {"apiVersion", fmt::format("{}/{}", api::kGroup, api::kStorageVersion)},
          {"metadata", std::move(metadata)}};
}

// Events whose object is the full object in its wire form.
template <typename T>
std::string EncodeObjectEvent(const watch::Event<T>& event) {
  const char* type = watch::EventTypeName(event.type);
  switch (event.type) {
    case watch::EventType::kBookmark:
      return fmt::format("{{\"type\":\"{}\",\"object\":{}}}\n", type,
                         boost::json::serialize(BookmarkObject(event)));
    case watch::EventType::kError:
      return fmt::format("{{\"type\":\"{}\",\"object\":{}}}\n", type,
                         boost::json::serialize(api::StatusToJson(event.error)));
    default:
      return fmt::format("{{\"type\":\"{}\",\"object\":{}}}\n", type, event.object->json);
  }
}

template <typename T>
http::Response StreamWatch(watch::Subscription<T> subscription, WatchStreamOptions options,
                           EventEncoder<T> encode) {
  struct State {
    State(watch::Subscription<T> s, WatchStreamOptions o, EventEncoder<T> e)
        : subscription(std::move(s)), options(std::move(o)), encode(std::move(e)) {}
    State(const State&) = delete;
    State& operator=(const State&) = delete;
    watch::Subscription<T> subscription;
    WatchStreamOptions options;
    EventEncoder<T> encode;
    bool waker_set = false;
    Clock::TimePoint last_bookmark;
    int64_t last_sent = 0;
    ~State() {
      if (options.on_end) options.on_end();
    }
  };
  auto state =
      std::make_shared<State>(std::move(subscription), std::move(options), std::move(encode));
  state->last_bookmark = state->options.clock->Now();
  http::Response response;
  response.content_type = "application/json";
  response.headers.emplace_back("Cache-Control", "no-cache, private");
  response.stream_never_blocks = true;
  response.stream = [state](http::ChunkSink& sink) {
    watch::Watcher<T>& watcher = state->subscription.watcher();
    if (!std::exchange(state->waker_set, true)) watcher.SetWaker(sink.Waker());
    auto batch = watcher.Take();
    for (const auto& event : batch.events) {
      std::string line = state->encode(event);
      const std::size_t size = line.size();
      if (!sink.Write(std::move(line))) return false;
      if (state->options.on_event_sent) state->options.on_event_sent(size);
      state->last_sent = std::max(state->last_sent, event.revision);
    }
    if (batch.ended != watch::EndReason::kNone) return false;
    const Clock::TimePoint now = state->options.clock->Now();
    if (now >= state->options.deadline) return false;
    if (state->options.bookmarks &&
        now - state->last_bookmark >= state->options.bookmark_interval && batch.progress > 0) {
      state->last_bookmark = now;
      watch::Event<T> bookmark{.type = watch::EventType::kBookmark, .revision = batch.progress};
      sink.Write(state->encode(bookmark));
    }
    return true;
  };
  return response;
}

}  // namespace navigator::apiserver
