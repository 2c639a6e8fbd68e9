#pragma once

// Etcd3Client: the unary etcd v3 calls with endpoint failover (the policy is
// described in etcd3_storage.h), and the per-endpoint channels the watch
// stream uses. Internal to the storage library.
//
// Threading: all methods are thread-safe.

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "etcdserverpb/rpc.grpc.pb.h"
#include "navigator/base/result.h"
#include "navigator/storage/etcd3_storage.h"

namespace navigator::storage {

// Maps a failed gRPC call to etcd at `endpoint` onto a Status whose message
// names etcd and the endpoint.
Status StatusFromGrpc(const grpc::Status& status, std::string_view endpoint);

class Etcd3Client {
 public:
  struct Endpoint {
    std::string url;  // as configured
    std::shared_ptr<grpc::Channel> channel;
    std::unique_ptr<etcdserverpb::KV::Stub> kv;
    std::unique_ptr<etcdserverpb::Watch::Stub> watch;
    std::unique_ptr<etcdserverpb::Maintenance::Stub> maintenance;
  };

  // Errors: kBadRequest for unusable options or unreadable TLS files.
  static Result<std::unique_ptr<Etcd3Client>> New(const Etcd3Options& options);

  // Reads; re-sent to another endpoint after any UNAVAILABLE.
  Result<etcdserverpb::RangeResponse> Range(const etcdserverpb::RangeRequest& request);
  Result<etcdserverpb::StatusResponse> MemberStatus(std::chrono::milliseconds timeout);
  // Writes; re-sent only when they provably did not reach etcd.
  Result<etcdserverpb::TxnResponse> Txn(const etcdserverpb::TxnRequest& request);
  Result<etcdserverpb::CompactionResponse> Compact(const etcdserverpb::CompactionRequest& request);

  const Etcd3Options& options() const { return options_; }
  size_t endpoint_count() const { return endpoints_.size(); }
  Endpoint& endpoint(size_t index) { return *endpoints_[index]; }
  // The endpoint requests currently go to first.
  size_t preferred_endpoint() const { return preferred_.load(); }
  // Makes requests start at the endpoint after `failed`, unless another
  // request already moved on.
  void MoveAwayFrom(size_t failed);

 private:
  Etcd3Client(Etcd3Options options, std::vector<std::unique_ptr<Endpoint>> endpoints)
      : options_(std::move(options)), endpoints_(std::move(endpoints)) {}

  template <typename Response, typename Invoke>
  Result<Response> Call(bool idempotent, std::chrono::milliseconds timeout, const Invoke& invoke);

  const Etcd3Options options_;
  std::vector<std::unique_ptr<Endpoint>> endpoints_;
  std::atomic<size_t> preferred_{0};
};

}  // namespace navigator::storage
