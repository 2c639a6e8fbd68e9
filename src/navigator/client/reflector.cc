#include "navigator/client/reflector.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <utility>
#include <vector>

#include "navigator/client/watch_event.h"

namespace navigator::client {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

// client-go's minWatchTimeout: watches last [5, 10) minutes.
constexpr std::chrono::seconds kMinWatchTimeout = 5min;
// A watch that ends cleanly sooner than this without one event is a failure.
constexpr auto kShortWatch = 1s;

Random& RandomOr(Random* random, std::unique_ptr<DefaultRandom>& owned) {
  if (random != nullptr) return *random;
  owned = std::make_unique<DefaultRandom>();
  return *owned;
}

}  // namespace

std::string QueryEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '-' ||
        u == '.' || u == '_' || u == '~') {
      out.push_back(c);
    } else {
      out += fmt::format("%{:02X}", u);
    }
  }
  return out;
}

Reflector::Reflector(RestClient& client, ObjectStore& store, ListWatchOptions options,
                     EventHandlers handlers, ReflectorEnvironment environment)
    : client_(client),
      store_(store),
      options_(std::move(options)),
      handlers_(std::move(handlers)),
      clock_(environment.clock != nullptr ? *environment.clock : SystemClock::Instance()),
      random_(RandomOr(environment.random, owned_random_)),
      sleeper_(environment.sleeper != nullptr ? *environment.sleeper : RealSleeper::Instance()),
      backoff_(environment.backoff, clock_, random_) {}

Reflector::~Reflector() {
  Stop();
}

void Reflector::Start() {
  std::lock_guard lock(mu_);
  if (started_) return;
  started_ = true;
  thread_ = std::thread([this] { Run(); });
}

void Reflector::Stop() {
  stop_.Stop();
  std::thread thread;
  {
    std::lock_guard lock(mu_);
    started_ = true;  // a stopped Reflector never starts
    thread = std::move(thread_);
  }
  if (thread.joinable()) thread.join();
}

bool Reflector::WaitForSync(std::chrono::milliseconds timeout) {
  std::unique_lock lock(sync_mu_);
  sync_cv_.wait_for(lock, timeout, [&] { return synced_.load(); });
  return synced_.load();
}

std::string Reflector::LastSyncResourceVersion() const {
  std::lock_guard lock(rv_mu_);
  return last_rv_;
}

void Reflector::SetLastRv(std::string rv) {
  std::lock_guard lock(rv_mu_);
  last_rv_ = std::move(rv);
}

std::string Reflector::SelectorQuery() const {
  std::string query;
  if (!options_.label_selector.empty()) {
    query += "&labelSelector=" + QueryEscape(options_.label_selector);
  }
  if (!options_.field_selector.empty()) {
    query += "&fieldSelector=" + QueryEscape(options_.field_selector);
  }
  return query;
}

bool Reflector::BackOff(const Status& why) {
  const std::chrono::milliseconds wait = backoff_.Next();
  spdlog::warn("reflector {}: {}; retrying in {}ms", options_.path, why.ToString(), wait.count());
  return sleeper_.Sleep(wait, stop_);
}

void Reflector::Run() {
  Next next = Next::kList;
  bool listed_before = false;
  while (!stop_.stopped()) {
    if (next == Next::kList) {
      // Re-lists are paced: a server that keeps answering 410 must not make
      // us list in a tight loop.
      if (listed_before && !BackOff(Gone("re-listing: the watch's resourceVersion is too old"))) {
        return;
      }
      listed_before = true;
      Status listed = ListAndReplace();
      if (stop_.stopped()) return;
      if (!listed.ok()) {
        if (!BackOff(listed)) return;
        listed_before = false;  // that wait was the pacing
        continue;
      }
    }
    next = WatchOnce();
    if (next == Next::kStop) return;
  }
}

Status Reflector::ListAndReplace() {
  std::vector<json::object> items;
  std::string continue_token;
  std::string resource_version;
  do {
    std::string query;
    if (options_.page_size > 0) query += fmt::format("&limit={}", options_.page_size);
    if (!continue_token.empty()) query += "&continue=" + QueryEscape(continue_token);
    query += SelectorQuery();
    std::string path = options_.path;
    if (!query.empty()) path += "?" + query.substr(1);
    NAVIGATOR_ASSIGN_OR_RETURN(std::string body, client_.Do(RestRequest{.path = path}));
    NAVIGATOR_ASSIGN_OR_RETURN(ListPage page, ParseListPage(body));
    for (json::object& item : page.items) items.push_back(std::move(item));
    resource_version = std::move(page.resource_version);
    continue_token = std::move(page.continue_token);
    if (stop_.stopped()) return OkStatus();
  } while (!continue_token.empty());

  NAVIGATOR_ASSIGN_OR_RETURN(StoreDiff diff, store_.Replace(std::move(items), resource_version));
  SetLastRv(resource_version);
  spdlog::debug("reflector {}: listed {} objects at resourceVersion {}", options_.path,
                store_.size(), resource_version);
  for (const ObjectPtr& object : diff.deleted) {
    if (handlers_.on_delete) handlers_.on_delete(*object);
  }
  for (const auto& [old_object, object] : diff.updated) {
    if (handlers_.on_update) handlers_.on_update(*old_object, *object);
  }
  for (const ObjectPtr& object : diff.added) {
    if (handlers_.on_add) handlers_.on_add(*object);
  }
  if (!synced_.load()) {
    {
      std::lock_guard lock(sync_mu_);
      synced_.store(true);
    }
    sync_cv_.notify_all();
  }
  return OkStatus();
}

Reflector::Next Reflector::WatchOnce() {
  const auto timeout = std::chrono::duration_cast<std::chrono::seconds>(
      kMinWatchTimeout * (1.0 + UniformUnit(random_)));
  const std::string path = fmt::format(
      "{}?watch=true&resourceVersion={}&allowWatchBookmarks=true&timeoutSeconds={}{}",
      options_.path, QueryEscape(LastSyncResourceVersion()), timeout.count(), SelectorQuery());
  const Clock::TimePoint started = clock_.Now();
  events_in_stream_ = 0;
  bool gone = false;
  Status line_error;
  Status ended = client_.Stream(
      path,
      [&](std::string_view line) {
        line_error = HandleLine(line, gone);
        return line_error.ok() && !gone;
      },
      stop_.flag());
  if (stop_.stopped()) return Next::kStop;
  if (gone || ended.code() == StatusCode::kGone) {
    spdlog::info("reflector {}: resourceVersion {} is gone ({}); listing again", options_.path,
                 LastSyncResourceVersion(), gone ? line_error.ToString() : ended.ToString());
    return Next::kList;
  }
  Status failure = !line_error.ok() ? line_error : ended;
  if (failure.ok() && events_in_stream_ == 0 && clock_.Now() - started < kShortWatch) {
    failure = Unavailable("the watch ended at once without an event");
  }
  if (failure.ok()) return Next::kWatch;
  return BackOff(failure) ? Next::kWatch : Next::kStop;
}

Status Reflector::HandleLine(std::string_view line, bool& gone) {
  if (line.find_first_not_of(" \t\r\n") == std::string_view::npos) return OkStatus();
  Result<WatchEvent> parsed = ParseWatchEvent(line);
  if (!parsed.ok()) {
    return Status(parsed.status().code(),
                  fmt::format("malformed watch line: {}", parsed.status().message()));
  }
  WatchEvent& event = *parsed;
  ++events_in_stream_;
  switch (event.type) {
    case WatchEventType::kError:
      if (event.error.code() == StatusCode::kGone) {
        gone = true;
        return event.error;
      }
      return Status(event.error.code(),
                    fmt::format("watch ERROR event: {}", event.error.message()));
    case WatchEventType::kBookmark:
      SetLastRv(ObjectResourceVersion(event.object));
      return OkStatus();
    case WatchEventType::kAdded:
    case WatchEventType::kModified: {
      std::string rv = ObjectResourceVersion(event.object);
      NAVIGATOR_ASSIGN_OR_RETURN(ObjectPtr old, store_.Update(event.object));
      SetLastRv(std::move(rv));
      if (old == nullptr) {
        if (handlers_.on_add) handlers_.on_add(event.object);
      } else if (handlers_.on_update) {
        handlers_.on_update(*old, event.object);
      }
      return OkStatus();
    }
    case WatchEventType::kDeleted: {
      NAVIGATOR_RETURN_IF_ERROR(store_.Delete(event.object));
      SetLastRv(ObjectResourceVersion(event.object));
      if (handlers_.on_delete) handlers_.on_delete(event.object);
      return OkStatus();
    }
  }
  return OkStatus();
}

}  // namespace navigator::client
