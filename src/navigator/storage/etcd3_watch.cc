#include "navigator/storage/etcd3_watch.h"

#include <fmt/format.h>

#include <algorithm>
#include <exception>

#include "navigator/base/logging.h"
#include "navigator/storage/key_range.h"

namespace navigator::storage {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

WatchEvent ToWatchEvent(const mvccpb::Event& event) {
  WatchEvent out;
  const mvccpb::KeyValue& kv = event.kv();
  if (event.type() == mvccpb::Event::DELETE) {
    out.type = EventType::kDeleted;
    const mvccpb::KeyValue& prev = event.prev_kv();
    out.kv = KeyValue{kv.key(), prev.value(), prev.create_revision(), kv.mod_revision()};
  } else {
    out.type = kv.create_revision() == kv.mod_revision() ? EventType::kAdded : EventType::kModified;
    out.kv = KeyValue{kv.key(), kv.value(), kv.create_revision(), kv.mod_revision()};
  }
  return out;
}

Status CanceledByEtcd(const etcdserverpb::WatchResponse& response) {
  if (response.compact_revision() > 0) {
    return Gone(fmt::format("required revision has been compacted: etcd's compacted revision is {}",
                            response.compact_revision()));
  }
  return Unavailable(fmt::format("etcd canceled the watch: {}", response.cancel_reason().empty()
                                                                    ? "no reason given"
                                                                    : response.cancel_reason()));
}

template <typename Body>
void RunGuarded(const char* thread, const Body& body) {
  try {
    body();
  } catch (const std::exception& e) {
    spdlog::critical("storage: etcd watch {} thread failed: {}", thread, e.what());
  } catch (...) {
    spdlog::critical("storage: etcd watch {} thread failed", thread);
  }
}

}  // namespace

class Etcd3WatchStream::Handle final : public storage::Watch {
 public:
  Handle(std::shared_ptr<Link> link, std::shared_ptr<WatchTarget> target, int64_t id)
      : link_(std::move(link)), target_(std::move(target)), id_(id) {}
  ~Handle() override { Stop(); }

  void Stop() override {
    target_->Stop();
    std::lock_guard lock(link_->mu);
    if (link_->stream) link_->stream->Cancel(id_);
  }

 private:
  std::shared_ptr<Link> link_;
  std::shared_ptr<WatchTarget> target_;
  const int64_t id_;
};

Etcd3WatchStream::Etcd3WatchStream(Etcd3Client& client)
    : client_(client), link_(std::make_shared<Link>()) {
  link_->stream = this;
  reader_ = std::thread([this] { RunGuarded("reader", [this] { ReadLoop(); }); });
  writer_ = std::thread([this] { RunGuarded("writer", [this] { WriteLoop(); }); });
}

Etcd3WatchStream::~Etcd3WatchStream() {
  {
    std::lock_guard lock(link_->mu);
    link_->stream = nullptr;
  }
  {
    std::lock_guard lock(mu_);
    shutdown_ = true;
    if (context_) context_->TryCancel();
  }
  cv_.notify_all();
  write_cv_.notify_all();
  reader_.join();
  writer_.join();
}

Result<std::unique_ptr<Watch>> Etcd3WatchStream::Add(const std::string& prefix,
                                                     int64_t start_revision, WatchHandler handler) {
  auto entry = std::make_shared<Entry>();
  entry->key = prefix.empty() ? std::string(1, '\0') : prefix;
  entry->range_end = PrefixRangeEnd(prefix);
  if (entry->range_end.empty()) entry->range_end = std::string(1, '\0');
  entry->last_revision = std::max<int64_t>(start_revision, 0);

  if (start_revision > 0) {
    // etcd reports a compacted start revision only after acknowledging the
    // watch; a read at the first revision to deliver reports it up front.
    etcdserverpb::RangeRequest probe;
    probe.set_key(entry->key);
    probe.set_range_end(entry->range_end);
    probe.set_revision(start_revision + 1);
    probe.set_count_only(true);
    auto result = client_.Range(probe);
    if (!result.ok()) {
      const Status& error = result.status();
      if (error.code() == StatusCode::kGone) {
        return Gone(fmt::format(
            "required revision has been compacted: cannot watch from revision {}", start_revision));
      }
      // A future start revision is fine: the watch waits for it.
      if (error.code() != StatusCode::kBadRequest ||
          error.message().find("future revision") == std::string::npos) {
        return error;
      }
    }
  }

  entry->target = dispatcher_.NewTarget(std::move(handler));
  const auto timeout = client_.options().request_timeout;
  std::unique_lock lock(mu_);
  if (shutdown_) return Unavailable("etcd storage is shutting down");
  entry->id = next_id_++;
  entries_[entry->id] = entry;
  if (stream_) QueueCreateLocked(*entry);
  cv_.notify_all();
  cv_.wait_for(lock, timeout,
               [&] { return entry->established || entry->failure.has_value() || shutdown_; });
  if (entry->established) {
    return std::unique_ptr<storage::Watch>(
        std::make_unique<Handle>(link_, entry->target, entry->id));
  }
  Status error = entry->failure.value_or(Unavailable(
      fmt::format("etcd did not acknowledge a watch on \"{}\" within {}ms{}", prefix,
                  timeout.count(), last_error_.empty() ? "" : " (" + last_error_ + ")")));
  if (auto it = entries_.find(entry->id); it != entries_.end()) {
    if (stream_ && entry->created_on == generation_) QueueCancelLocked(*entry);
    entries_.erase(it);
  }
  return error;
}

void Etcd3WatchStream::Cancel(int64_t id) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(id);
  if (it == entries_.end()) return;
  if (stream_ && it->second->created_on == generation_) QueueCancelLocked(*it->second);
  entries_.erase(it);
}

void Etcd3WatchStream::QueueCreateLocked(Entry& entry) {
  etcdserverpb::WatchRequest request;
  auto* create = request.mutable_create_request();
  create->set_key(entry.key);
  create->set_range_end(entry.range_end);
  create->set_start_revision(entry.last_revision > 0 ? entry.last_revision + 1 : 0);
  create->set_prev_kv(true);
  create->set_progress_notify(true);
  create->set_watch_id(entry.id);
  writes_.push_back(std::move(request));
  pending_creates_.push_back(entry.id);
  entry.created_on = generation_;
  write_cv_.notify_one();
}

void Etcd3WatchStream::QueueCancelLocked(const Entry& entry) {
  etcdserverpb::WatchRequest request;
  request.mutable_cancel_request()->set_watch_id(entry.id);
  writes_.push_back(std::move(request));
  write_cv_.notify_one();
}

void Etcd3WatchStream::FailLocked(int64_t id, Status error) {
  auto it = entries_.find(id);
  if (it == entries_.end()) return;
  std::shared_ptr<Entry> entry = it->second;
  entries_.erase(it);
  if (entry->established) {
    dispatcher_.PostError(entry->target, std::move(error));
  } else {
    entry->failure = std::move(error);
    cv_.notify_all();
  }
}

void Etcd3WatchStream::WriteLoop() {
  while (true) {
    etcdserverpb::WatchRequest request;
    uint64_t generation = 0;
    {
      std::unique_lock lock(mu_);
      write_cv_.wait(lock, [this] { return shutdown_ || (stream_ && !writes_.empty()); });
      if (shutdown_) return;
      request = std::move(writes_.front());
      writes_.pop_front();
      generation = generation_;
    }
    std::lock_guard write(write_mu_);
    grpc::ClientReaderWriter<etcdserverpb::WatchRequest, etcdserverpb::WatchResponse>* stream;
    {
      std::lock_guard lock(mu_);
      if (!stream_ || generation_ != generation) continue;  // a new stream re-sends everything
      stream = stream_;
    }
    // A failed write means the stream broke; the reader notices and re-opens.
    stream->Write(request);
  }
}

void Etcd3WatchStream::ReadLoop() {
  const size_t endpoints = client_.endpoint_count();
  const auto retry_timeout = client_.options().watch_retry_timeout;
  size_t index = client_.preferred_endpoint();
  std::chrono::milliseconds backoff = 100ms;
  // When the stream started failing; time_point::min() while it is healthy.
  // (Not std::optional: GCC 12 -O2 misreports it as maybe-uninitialized.)
  Clock::time_point failing_since = Clock::time_point::min();
  while (true) {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return shutdown_ || !entries_.empty(); });
      if (shutdown_) return;
    }
    const bool answered = RunStream(index);
    std::unique_lock lock(mu_);
    if (shutdown_) return;
    if (answered) {
      failing_since = Clock::time_point::min();
      backoff = 100ms;
    } else {
      index = (index + 1) % endpoints;
      const auto now = Clock::now();
      if (failing_since == Clock::time_point::min()) {
        failing_since = now;
      } else if (now - failing_since >= retry_timeout) {
        const Status error =
            Unavailable(fmt::format("the etcd watch stream could not be re-opened within {}ms: {}",
                                    retry_timeout.count(), last_error_));
        spdlog::error("storage: {}; ending {} watches", error.message(), entries_.size());
        while (!entries_.empty()) FailLocked(entries_.begin()->first, error);
        failing_since = Clock::time_point::min();
      }
    }
    cv_.wait_for(lock, backoff, [this] { return shutdown_; });
    if (shutdown_) return;
    if (!answered) backoff = std::min(backoff * 2, std::chrono::milliseconds(2000));
  }
}

bool Etcd3WatchStream::WaitConnected(grpc::Channel& channel) {
  const auto deadline = Clock::now() + client_.options().request_timeout;
  // A channel in TRANSIENT_FAILURE is waiting out its reconnect backoff (at
  // most 1s); give it that one chance to come back.
  const auto backoff_deadline = Clock::now() + 1500ms;
  grpc_connectivity_state state = channel.GetState(true);
  bool in_backoff = state == GRPC_CHANNEL_TRANSIENT_FAILURE;
  while (state != GRPC_CHANNEL_READY) {
    if (state == GRPC_CHANNEL_SHUTDOWN) return false;
    if (state == GRPC_CHANNEL_TRANSIENT_FAILURE) {
      if (!in_backoff || Clock::now() >= backoff_deadline) return false;
    } else {
      in_backoff = false;
    }
    if (Clock::now() >= deadline) return false;
    {
      std::lock_guard lock(mu_);
      if (shutdown_) return false;
    }
    channel.WaitForStateChange(state, std::chrono::system_clock::now() + 100ms);
    state = channel.GetState(true);
  }
  return true;
}

bool Etcd3WatchStream::RunStream(size_t index) {
  Etcd3Client::Endpoint& endpoint = client_.endpoint(index);
  if (!WaitConnected(*endpoint.channel)) {
    std::lock_guard lock(mu_);
    last_error_ = fmt::format("cannot connect to etcd at {}", endpoint.url);
    return false;
  }
  grpc::ClientContext context;
  // etcd ends the stream when its member loses the leader, so the watches move
  // to a member that has one instead of silently stalling.
  context.AddMetadata("hasleader", "true");
  {
    std::lock_guard lock(mu_);
    if (shutdown_) return false;
    context_ = &context;
  }
  auto stream = endpoint.watch->Watch(&context);
  {
    std::lock_guard lock(mu_);
    stream_ = stream.get();
    ++generation_;
    pending_creates_.clear();
    writes_.clear();
    for (auto& [id, entry] : entries_) QueueCreateLocked(*entry);
  }

  bool answered = false;
  etcdserverpb::WatchResponse response;
  while (stream->Read(&response)) {
    answered = true;
    std::lock_guard lock(mu_);
    OnResponseLocked(response);
  }
  {
    std::lock_guard write(write_mu_);
    std::lock_guard lock(mu_);
    stream_ = nullptr;
    writes_.clear();
    pending_creates_.clear();
  }
  const grpc::Status status = stream->Finish();
  std::lock_guard lock(mu_);
  context_ = nullptr;
  if (!shutdown_) {
    last_error_ = status.ok() ? fmt::format("etcd at {} closed the watch stream", endpoint.url)
                              : StatusFromGrpc(status, endpoint.url).message();
    spdlog::warn("storage: etcd watch stream ended ({}); re-opening it", last_error_);
  }
  return answered;
}

void Etcd3WatchStream::OnResponseLocked(const etcdserverpb::WatchResponse& response) {
  if (response.created()) {
    if (pending_creates_.empty()) {
      spdlog::warn("storage: etcd acknowledged a watch that was not requested (id {})",
                   response.watch_id());
      return;
    }
    const int64_t id = pending_creates_.front();
    pending_creates_.pop_front();
    if (response.watch_id() != id && response.watch_id() != -1) {
      spdlog::warn("storage: etcd assigned watch id {} instead of {}", response.watch_id(), id);
    }
    auto it = entries_.find(id);
    if (it == entries_.end()) return;  // stopped meanwhile; its cancel is queued
    Entry& entry = *it->second;
    if (response.canceled()) {
      FailLocked(id, CanceledByEtcd(response));
      return;
    }
    if (entry.last_revision == 0) entry.last_revision = response.header().revision();
    if (!entry.established) {
      entry.established = true;
      cv_.notify_all();
    }
    return;
  }

  auto it = entries_.find(response.watch_id());
  if (it == entries_.end()) return;  // stopped; etcd has not seen the cancel yet
  Entry& entry = *it->second;
  if (response.canceled()) {
    FailLocked(entry.id, CanceledByEtcd(response));
    return;
  }
  if (response.events_size() == 0) {
    // A progress notification: nothing up to this revision is missing.
    entry.last_revision = std::max(entry.last_revision, response.header().revision());
    return;
  }
  // A revision's events never span two responses, so everything at or below
  // the revision delivered last is a duplicate of what a previous stream sent.
  const int64_t delivered = entry.last_revision;
  for (const mvccpb::Event& event : response.events()) {
    const int64_t revision = event.kv().mod_revision();
    if (revision <= delivered) continue;
    dispatcher_.PostEvent(entry.target, ToWatchEvent(event));
    entry.last_revision = std::max(entry.last_revision, revision);
  }
}

}  // namespace navigator::storage
