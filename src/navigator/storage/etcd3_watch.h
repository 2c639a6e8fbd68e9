#pragma once

// Etcd3WatchStream: every watch of one Etcd3Storage, multiplexed over one etcd
// Watch stream; re-opens the stream and resumes each watch when it breaks (see
// etcd3_storage.h). Internal to the storage library.
//
// Threading: Add is thread-safe. The stream is read (and re-opened) on one
// thread and written on another, both owned by this object; callbacks run on
// its WatchDispatcher's thread.

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "etcdserverpb/rpc.grpc.pb.h"
#include "navigator/storage/etcd3_client.h"
#include "navigator/storage/storage.h"
#include "navigator/storage/watch_dispatcher.h"

namespace navigator::storage {

class Etcd3WatchStream {
 public:
  // `client` must outlive this object.
  explicit Etcd3WatchStream(Etcd3Client& client);
  // Closes the stream and joins its threads. Must not be called from a watch
  // callback.
  ~Etcd3WatchStream();

  Etcd3WatchStream(const Etcd3WatchStream&) = delete;
  Etcd3WatchStream& operator=(const Etcd3WatchStream&) = delete;

  // Storage::WatchPrefix. Returns once etcd acknowledged the watch, or with
  // kServiceUnavailable when that did not happen within the request timeout.
  Result<std::unique_ptr<Watch>> Add(const std::string& prefix, int64_t start_revision,
                                     WatchHandler handler);

 private:
  struct Entry {
    int64_t id = 0;
    std::string key;
    std::string range_end;
    // Every event up to this revision has been delivered (or there was none);
    // a re-created watch starts after it. 0 until etcd acknowledged a watch
    // that starts "now".
    int64_t last_revision = 0;
    std::shared_ptr<WatchTarget> target;
    uint64_t created_on = 0;        // stream generation the create was sent on; 0 = none
    bool established = false;       // etcd acknowledged the first create
    std::optional<Status> failure;  // set when the watch ended before it was established
  };
  // Lets a Watch handle reach its stream while, and only while, it exists.
  struct Link {
    std::mutex mu;
    Etcd3WatchStream* stream = nullptr;  // guarded by mu
  };
  class Handle;  // the Watch given to callers

  void Cancel(int64_t id);
  void ReadLoop();
  void WriteLoop();
  // Opens a stream on endpoint `index` and reads it until it ends. Returns
  // true when etcd answered at least once.
  bool RunStream(size_t index);
  bool WaitConnected(grpc::Channel& channel);
  // Dispatches one response of the open stream. Requires mu_.
  void OnResponseLocked(const etcdserverpb::WatchResponse& response);

  // All *Locked methods require mu_.
  void QueueCreateLocked(Entry& entry);
  void QueueCancelLocked(const Entry& entry);
  // Ends a watch: erases it and reports `error` (to on_error once established,
  // to the waiting Watch call before).
  void FailLocked(int64_t id, Status error);

  Etcd3Client& client_;
  std::shared_ptr<Link> link_;

  std::mutex mu_;
  std::condition_variable cv_;                         // entries, failures, shutdown
  std::condition_variable write_cv_;                   // write queue
  bool shutdown_ = false;                              // guarded by mu_
  int64_t next_id_ = 1;                                // guarded by mu_
  std::map<int64_t, std::shared_ptr<Entry>> entries_;  // guarded by mu_
  // The open stream, if any, and its generation (bumped on every open).
  grpc::ClientContext* context_ = nullptr;  // guarded by mu_
  grpc::ClientReaderWriter<etcdserverpb::WatchRequest, etcdserverpb::WatchResponse>* stream_ =
      nullptr;               // guarded by mu_
  uint64_t generation_ = 0;  // guarded by mu_
  // IDs whose create request is queued or sent on the open stream, in order;
  // etcd answers creates in the order it receives them.
  std::deque<int64_t> pending_creates_;            // guarded by mu_
  std::deque<etcdserverpb::WatchRequest> writes_;  // guarded by mu_
  std::string last_error_;                         // guarded by mu_
  // Held while the stream is written; taken before the stream is closed.
  std::mutex write_mu_;

  WatchDispatcher dispatcher_;
  std::thread reader_;
  std::thread writer_;
};

}  // namespace navigator::storage
