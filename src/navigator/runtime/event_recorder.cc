#include "navigator/runtime/event_recorder.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace navigator::runtime {
namespace {

std::string Describe(const runtime::Event& e) {
  const ObjectReference& o = e.involved_object;
  return fmt::format("{} {}/{} {} {}: {:?}", o.kind, o.namespace_, o.name, EventTypeName(e.type),
                     e.reason, e.message);
}

bool Retriable(StatusCode code) {
  switch (code) {
    case StatusCode::kServiceUnavailable:  // unreachable, or 503
    case StatusCode::kTimeout:
    case StatusCode::kTooManyRequests:
    case StatusCode::kInternal:
      return true;
    default:
      return false;
  }
}

}  // namespace

EventRecorder::EventRecorder(client::RestClient& client, EventRecorderOptions options,
                             EventRecorderEnvironment env)
    : client_(client),
      options_(std::move(options)),
      owned_random_(env.random == nullptr ? std::make_unique<DefaultRandom>() : nullptr),
      clock_(env.clock != nullptr ? *env.clock : SystemClock::Instance()),
      sleeper_(env.sleeper != nullptr ? *env.sleeper : client::RealSleeper::Instance()),
      random_(env.random != nullptr ? *env.random : *owned_random_),
      correlator_(options_.correlator, clock_),
      thread_([this] { Loop(); }) {}

EventRecorder::~EventRecorder() {
  Shutdown();
}

bool EventRecorder::Event(const ObjectReference& object, EventType type, std::string_view reason,
                          std::string_view message) {
  const Clock::TimePoint now = clock_.Now();
  const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch());
  runtime::Event event{
      .name = fmt::format("{}.{:x}", object.name, nanos.count()),
      .namespace_ = object.namespace_.empty() ? "default" : object.namespace_,
      .involved_object = object,
      .type = type,
      .reason = std::string(reason),
      .message = std::string(message),
      .source = options_.source,
      .first_timestamp = now,
      .last_timestamp = now,
      .count = 1,
  };
  bool shut_down = false;
  {
    std::lock_guard lock(mu_);
    shut_down = shut_down_;
    if (!shut_down && queue_.size() < options_.queue_capacity) {
      queue_.push_back(std::move(event));
      wake_.notify_one();
      return true;
    }
    ++dropped_;
  }
  spdlog::error("event recorder: {}, dropped event {}",
                shut_down ? "shut down" : "too many queued events", Describe(event));
  return false;
}

void EventRecorder::Shutdown() {
  std::lock_guard join_lock(shutdown_mu_);
  {
    std::lock_guard lock(mu_);
    shut_down_ = true;
  }
  stop_.Stop();
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool EventRecorder::WaitIdle(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  return idle_.wait_for(lock, timeout, [&] { return queue_.empty() && !sending_; });
}

std::uint64_t EventRecorder::dropped() const {
  std::lock_guard lock(mu_);
  return dropped_;
}

void EventRecorder::Loop() {
  while (true) {
    runtime::Event event;
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [&] { return !queue_.empty() || shut_down_; });
      if (queue_.empty()) break;  // shut down and drained
      event = std::move(queue_.front());
      queue_.pop_front();
      sending_ = true;
    }
    Send(std::move(event));
    {
      std::lock_guard lock(mu_);
      sending_ = false;
      if (queue_.empty()) idle_.notify_all();
    }
  }
  std::lock_guard lock(mu_);
  idle_.notify_all();
}

void EventRecorder::Send(runtime::Event event) {
  CorrelateResult result = correlator_.Correlate(std::move(event));
  if (result.skip) {
    spdlog::debug("event recorder: spam filter skipped event {}", Describe(result.event));
    return;
  }
  for (int tries = 1;; ++tries) {
    if (Write(result) == Outcome::kDone) return;
    if (tries >= options_.max_tries) {
      spdlog::error("event recorder: unable to write event {} (retry limit exceeded)",
                    Describe(result.event));
      return;
    }
    // The first wait is random so that clients do not retry in step after
    // kube-apiserver comes back.
    std::chrono::nanoseconds wait = options_.retry_sleep;
    if (tries == 1) {
      const double u = static_cast<double>(random_.Next() >> 11) * 0x1.0p-53;
      wait = std::chrono::nanoseconds(
          static_cast<std::chrono::nanoseconds::rep>(u * static_cast<double>(wait.count())));
    }
    if (stop_.stopped() || !sleeper_.Sleep(wait, stop_)) {
      spdlog::error("event recorder: unable to write event {} (shut down)", Describe(result.event));
      return;
    }
  }
}

EventRecorder::Outcome EventRecorder::Write(CorrelateResult& result) {
  runtime::Event& event = result.event;
  const std::string collection = fmt::format("/api/v1/namespaces/{}/events", event.namespace_);
  Result<std::string> answer = Status(StatusCode::kNotFound, "not sent");
  const bool update = !result.patch.empty();
  if (update) {
    answer = client_.Do(client::RestRequest{
        .method = "PATCH",
        .path = fmt::format("{}/{}", collection, event.name),
        .body = result.patch,
        .content_type = "application/strategic-merge-patch+json",
    });
  }
  if (!update || (!answer.ok() && answer.status().code() == StatusCode::kNotFound)) {
    event.resource_version.clear();
    answer = client_.Do(
        client::RestRequest{.method = "POST", .path = collection, .body = EncodeEvent(event)});
  }
  if (answer.ok()) {
    Result<EventState> state = DecodeEventState(*answer);
    if (state.ok()) {
      correlator_.UpdateState(result, *state);
    } else {
      spdlog::warn("event recorder: {}", state.status().ToString());
    }
    return Outcome::kDone;
  }
  const Status& error = answer.status();
  if (Retriable(error.code())) {
    spdlog::warn("event recorder: unable to write event {} (may retry): {}", Describe(event),
                 error.ToString());
    return Outcome::kRetry;
  }
  if (error.code() == StatusCode::kAlreadyExists) {
    spdlog::debug("event recorder: server rejected event {}: {}", Describe(event),
                  error.ToString());
  } else {
    spdlog::error("event recorder: server rejected event {} (will not retry): {}", Describe(event),
                  error.ToString());
  }
  return Outcome::kDone;
}

}  // namespace navigator::runtime
