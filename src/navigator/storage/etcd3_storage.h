#pragma once

// Etcd3Storage: Storage over etcd's v3 gRPC API.
//
// Endpoints and failover: one gRPC channel per endpoint. Requests go to the
// endpoint that last answered; a request that fails with UNAVAILABLE moves to
// the next endpoint. Reads may be re-sent after any UNAVAILABLE; writes only
// when the connection was never established (so a write is never applied
// twice). When no endpoint can be reached, requests keep retrying, with a
// short backoff, until their request_timeout. A request that times out makes
// the next request start at another endpoint.
//
// Watches share one bidirectional Watch stream per storage. When the stream
// breaks, it is re-opened (on the next endpoint when one fails) and every
// watch is re-created from the revision after the last one it delivered, so
// none loses or repeats an event; watches whose stream cannot be re-opened
// within watch_retry_timeout end with kServiceUnavailable.
//
// Threading: all methods are thread-safe. Besides the caller's threads, a
// storage runs three threads of its own: the watch stream reader, the watch
// stream writer and the watch callback dispatcher. Watches may outlive the
// storage (they then receive nothing more), but the storage must not be
// destroyed from a watch callback.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "navigator/storage/storage.h"

namespace navigator::storage {

struct Etcd3Options {
  // "http://host:port" or "https://host:port"; at least one.
  std::vector<std::string> endpoints;
  // PEM files. ca_file verifies the servers of https endpoints (system roots
  // when empty); cert_file and key_file, given together, are the client
  // certificate presented to them.
  std::string ca_file;
  std::string cert_file;
  std::string key_file;
  // Deadline of one request, failover and retries included.
  std::chrono::milliseconds request_timeout{std::chrono::seconds(10)};
  // How long a broken watch stream is retried before its watches fail.
  std::chrono::milliseconds watch_retry_timeout{std::chrono::seconds(30)};
};

class Etcd3Client;
class Etcd3WatchStream;

class Etcd3Storage final : public Storage {
 public:
  // Validates `options` and reads the TLS files; does not contact etcd (use
  // Check for that). Errors: kBadRequest for unusable options or files.
  static Result<std::unique_ptr<Etcd3Storage>> New(const Etcd3Options& options);
  ~Etcd3Storage() override;

  Result<KeyValue> Create(const std::string& key, const std::string& value) override;
  Result<KeyValue> Get(const std::string& key) override;
  Result<KeyValue> GuaranteedUpdate(const std::string& key, int64_t expected_mod_revision,
                                    const UpdateFunction& update) override;
  // Sends the conditional write at once when `cached` is usable.
  Result<KeyValue> GuaranteedUpdateFrom(const KeyValue& cached, int64_t expected_mod_revision,
                                        const UpdateFunction& update) override;
  Result<KeyValue> Delete(const std::string& key, const DeletePrecondition& precondition) override;
  Result<ListResult> List(const std::string& prefix, const ListOptions& options) override;
  Result<std::unique_ptr<Watch>> WatchPrefix(const std::string& prefix, int64_t start_revision,
                                             WatchHandler handler) override;
  Result<int64_t> CurrentRevision() override;
  Status Compact(int64_t revision) override;
  // Maintenance.Status against the endpoints, with a deadline of at most 2s:
  // OK when one answers, has a leader and reports no alarm.
  Status Check() override;

 private:
  explicit Etcd3Storage(std::unique_ptr<Etcd3Client> client);
  // The read-modify-write loop, starting from `current`; `current_is_read`
  // says whether it was read from etcd (false: a caller's copy).
  Result<KeyValue> UpdateLoop(const std::string& key, int64_t expected_mod_revision,
                              const UpdateFunction& update, KeyValue current, bool current_is_read);

  std::unique_ptr<Etcd3Client> client_;
  std::unique_ptr<Etcd3WatchStream> watches_;  // uses client_; destroyed first
};

}  // namespace navigator::storage
