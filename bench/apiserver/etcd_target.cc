#include "bench/apiserver/etcd_target.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <unordered_map>
#include <vector>

#include "bench/apiserver/pilot_body.h"
#include "bench/apiserver/pilot_paths.h"
#include "bench/apiserver/pool_cursor.h"
#include "bench/apiserver/status_of.h"
#include "navigator/storage/etcd3_client.h"

namespace navigator::bench::loadgen {
namespace {

using Clock = std::chrono::steady_clock;
using Kind = OpOutcome::Kind;
using etcdserverpb::Compare;
using etcdserverpb::RangeRequest;
using etcdserverpb::TxnRequest;

// etcd's default --max-txn-ops is 128.
constexpr int kOpsPerTxn = 100;

std::string Prefix(std::string_view namespace_) {
  return fmt::format("/bench/{}/", namespace_);
}

// The end of the range of keys starting with `prefix` (its last byte + 1;
// prefixes here end in '/').
std::string PrefixEnd(std::string prefix) {
  prefix.back() = static_cast<char>(prefix.back() + 1);
  return prefix;
}

storage::Etcd3Options ClientOptions(const std::string& endpoint) {
  storage::Etcd3Options options;
  options.endpoints = {endpoint};
  return options;
}

class EtcdWorker final : public Worker {
 public:
  EtcdWorker(const EtcdTargetOptions& options, std::unique_ptr<storage::Etcd3Client> client,
             int index, int clients, int pool_size, int serial)
      : options_(options),
        client_(std::move(client)),
        pool_(index, clients, pool_size, serial),
        value_(boost::json::serialize(
            PilotObject(PoolNamespace(options.namespace_), FilledName(0), options.value_bytes))) {}

  Status Connect() override {
    RangeRequest request;
    request.set_key(PoolKey(0));
    return StatusOf(client_->Range(request));
  }

  OpOutcome Do(OpKind op) override {
    switch (op) {
      case OpKind::kCreate:
        return Create();
      case OpKind::kGet:
        return Get();
      case OpKind::kUpdate:
      case OpKind::kUpdateStatus:
        return Update();
      case OpKind::kList100:
      case OpKind::kList1000:
        return List(ListSize(op));
      default:
        return OpOutcome::Failed(BadRequest(fmt::format("{} is not an etcd op", OpName(op))));
    }
  }

 private:
  std::string PoolKey(int index) const {
    return Prefix(PoolNamespace(options_.namespace_)) + FilledName(index);
  }

  OpOutcome Create() {
    const std::string key =
        Prefix(CreateNamespace(options_.namespace_)) + pool_.NextCreateName(options_.run_id);
    TxnRequest txn;
    Compare* compare = txn.add_compare();
    compare->set_key(key);
    compare->set_target(Compare::CREATE);
    compare->set_result(Compare::EQUAL);
    compare->set_create_revision(0);
    auto* put = txn.add_success()->mutable_request_put();
    put->set_key(key);
    put->set_value(value_);
    const Clock::time_point start = Clock::now();
    Result<etcdserverpb::TxnResponse> response = client_->Txn(txn);
    const int64_t nanoseconds = NanosecondsSince(start);
    if (!response.ok()) return OpOutcome::Failed(response.status());
    if (!response->succeeded())
      return OpOutcome::Failed(AlreadyExists(fmt::format("{} exists", key)));
    return OpOutcome{Kind::kOk, nanoseconds, OkStatus()};
  }

  OpOutcome Get() {
    RangeRequest request;
    request.set_key(PoolKey(pool_.NextRead()));
    const Clock::time_point start = Clock::now();
    Result<etcdserverpb::RangeResponse> response = client_->Range(request);
    const int64_t nanoseconds = NanosecondsSince(start);
    if (!response.ok()) return OpOutcome::Failed(response.status());
    if (response->kvs_size() != 1) {
      return OpOutcome::Failed(NotFound(fmt::format("{} is not there", request.key())));
    }
    return OpOutcome{Kind::kOk, nanoseconds, OkStatus()};
  }

  OpOutcome Update() {
    const int object = pool_.NextOwned();
    const std::string key = PoolKey(object);
    auto seen = mod_revisions_.find(object);
    if (seen == mod_revisions_.end()) {
      RangeRequest read;
      read.set_key(key);
      Result<etcdserverpb::RangeResponse> current = client_->Range(read);
      if (!current.ok()) return OpOutcome::Failed(current.status());
      if (current->kvs_size() != 1)
        return OpOutcome::Failed(NotFound(fmt::format("{} is not there", key)));
      seen = mod_revisions_.emplace(object, current->kvs(0).mod_revision()).first;
    }
    TxnRequest txn;
    Compare* compare = txn.add_compare();
    compare->set_key(key);
    compare->set_target(Compare::MOD);
    compare->set_result(Compare::EQUAL);
    compare->set_mod_revision(seen->second);
    auto* put = txn.add_success()->mutable_request_put();
    put->set_key(key);
    put->set_value(value_);
    const Clock::time_point start = Clock::now();
    Result<etcdserverpb::TxnResponse> response = client_->Txn(txn);
    const int64_t nanoseconds = NanosecondsSince(start);
    if (!response.ok() || !response->succeeded()) {
      mod_revisions_.erase(seen);
      if (!response.ok()) return OpOutcome::Failed(response.status());
      return OpOutcome{Kind::kConflict, 0, Conflict(fmt::format("{} was modified", key))};
    }
    seen->second = response->header().revision();
    return OpOutcome{Kind::kOk, nanoseconds, OkStatus()};
  }

  OpOutcome List(int objects) {
    RangeRequest request;
    const std::string prefix = Prefix(ListNamespace(options_.namespace_, objects));
    request.set_key(prefix);
    request.set_range_end(PrefixEnd(prefix));
    const Clock::time_point start = Clock::now();
    Result<etcdserverpb::RangeResponse> response = client_->Range(request);
    const int64_t nanoseconds = NanosecondsSince(start);
    if (!response.ok()) return OpOutcome::Failed(response.status());
    if (options_.verify && response->kvs_size() != objects) {
      return OpOutcome::Failed(Internal(
          fmt::format("range {} returned {} keys, not {}", prefix, response->kvs_size(), objects)));
    }
    return OpOutcome{Kind::kOk, nanoseconds, OkStatus()};
  }

  const EtcdTargetOptions& options_;
  const std::unique_ptr<storage::Etcd3Client> client_;
  PoolCursor pool_;
  const std::string value_;
  std::unordered_map<int, int64_t> mod_revisions_;
};

class EtcdTarget final : public Target {
 public:
  EtcdTarget(EtcdTargetOptions options, std::unique_ptr<storage::Etcd3Client> admin)
      : options_(std::move(options)), admin_(std::move(admin)) {}

  Status Prepare(OpKind op, int clients) override {
    switch (op) {
      case OpKind::kCreate:
        return OkStatus();
      case OpKind::kGet:
      case OpKind::kUpdate:
      case OpKind::kUpdateStatus:
        return Fill(PoolNamespace(options_.namespace_), PoolSize(clients));
      case OpKind::kList100:
      case OpKind::kList1000:
        return Fill(ListNamespace(options_.namespace_, ListSize(op)), ListSize(op));
      default:
        return BadRequest(
            fmt::format("--op {} is not available with --etcd (server mode only)", OpName(op)));
    }
  }

  Result<std::unique_ptr<Worker>> NewWorker(int index, int clients) override {
    NAVIGATOR_ASSIGN_OR_RETURN(std::unique_ptr<storage::Etcd3Client> client,
                               storage::Etcd3Client::New(ClientOptions(options_.endpoint)));
    return std::unique_ptr<Worker>(new EtcdWorker(options_, std::move(client), index, clients,
                                                  PoolSize(clients), next_serial_++));
  }

  int64_t value_bytes() const override { return static_cast<int64_t>(Value().size()); }

 private:
  int PoolSize(int clients) const { return std::max(options_.pool_objects, clients); }

  std::string Value() const {
    return boost::json::serialize(
        PilotObject(PoolNamespace(options_.namespace_), FilledName(0), options_.value_bytes));
  }

  // Makes the prefix of `namespace_` hold exactly `objects` keys of the
  // value's size.
  Status Fill(const std::string& namespace_, int objects) {
    const std::string prefix = Prefix(namespace_);
    const std::string value = Value();
    RangeRequest range;
    range.set_key(prefix);
    range.set_range_end(PrefixEnd(prefix));
    NAVIGATOR_ASSIGN_OR_RETURN(etcdserverpb::RangeResponse current, admin_->Range(range));
    bool exact = current.kvs_size() == objects;
    for (int i = 0; exact && i < current.kvs_size(); ++i) {
      exact = current.kvs(i).key() == prefix + FilledName(i) && current.kvs(i).value() == value;
    }
    if (exact) return OkStatus();
    *options_.progress << fmt::format("preparing etcd {}: {} keys of {} bytes\n", prefix, objects,
                                      value.size())
                       << std::flush;
    TxnRequest clear;
    auto* remove = clear.add_success()->mutable_request_delete_range();
    remove->set_key(prefix);
    remove->set_range_end(PrefixEnd(prefix));
    NAVIGATOR_RETURN_IF_ERROR(admin_->Txn(clear));
    for (int first = 0; first < objects; first += kOpsPerTxn) {
      TxnRequest batch;
      for (int i = first; i < std::min(objects, first + kOpsPerTxn); ++i) {
        auto* put = batch.add_success()->mutable_request_put();
        put->set_key(prefix + FilledName(i));
        put->set_value(value);
      }
      NAVIGATOR_RETURN_IF_ERROR(admin_->Txn(batch));
    }
    return OkStatus();
  }

  const EtcdTargetOptions options_;
  std::atomic<int> next_serial_{0};
  const std::unique_ptr<storage::Etcd3Client> admin_;
};

}  // namespace

Result<std::unique_ptr<Target>> NewEtcdTarget(EtcdTargetOptions options) {
  NAVIGATOR_ASSIGN_OR_RETURN(std::unique_ptr<storage::Etcd3Client> admin,
                             storage::Etcd3Client::New(ClientOptions(options.endpoint)));
  return std::unique_ptr<Target>(new EtcdTarget(std::move(options), std::move(admin)));
}

}  // namespace navigator::bench::loadgen
