#include "navigator/storage/etcd3_storage.h"

#include <fmt/format.h>

#include "navigator/storage/etcd3_client.h"
#include "navigator/storage/etcd3_watch.h"
#include "navigator/storage/key_range.h"

namespace navigator::storage {
namespace {

using etcdserverpb::Compare;
using etcdserverpb::RangeRequest;
using etcdserverpb::TxnRequest;

// etcd's range for "every key that starts with `prefix`"; "\0" stands for an
// empty key or an unbounded end.
std::string RangeKey(std::string key) {
  return key.empty() ? std::string(1, '\0') : key;
}

KeyValue FromProto(const mvccpb::KeyValue& kv) {
  return KeyValue{kv.key(), kv.value(), kv.create_revision(), kv.mod_revision()};
}

Status KeyNotFound(const std::string& key) {
  return NotFound(fmt::format("key \"{}\" not found", key));
}

Status EmptyKey() {
  return BadRequest("key is not provided");
}

void CompareModRevision(TxnRequest& txn, const std::string& key, int64_t mod_revision) {
  Compare* compare = txn.add_compare();
  compare->set_key(key);
  compare->set_target(Compare::MOD);
  compare->set_result(Compare::EQUAL);
  compare->set_mod_revision(mod_revision);
}

// On a failed compare, the transaction reads the key instead, so a retry
// needs no extra round trip.
void ReadOnFailure(TxnRequest& txn, const std::string& key) {
  txn.add_failure()->mutable_request_range()->set_key(key);
}

// The key as the failed transaction's read saw it.
Result<KeyValue> CurrentFromFailure(const etcdserverpb::TxnResponse& response,
                                    const std::string& key) {
  if (response.responses_size() != 1 || !response.responses(0).has_response_range()) {
    return Internal("etcd answered a transaction without the requested read");
  }
  const auto& range = response.responses(0).response_range();
  if (range.kvs_size() == 0) return KeyNotFound(key);
  return FromProto(range.kvs(0));
}

}  // namespace

Result<std::unique_ptr<Etcd3Storage>> Etcd3Storage::New(const Etcd3Options& options) {
  NAVIGATOR_ASSIGN_OR_RETURN(std::unique_ptr<Etcd3Client> client, Etcd3Client::New(options));
  return std::unique_ptr<Etcd3Storage>(new Etcd3Storage(std::move(client)));
}

Etcd3Storage::Etcd3Storage(std::unique_ptr<Etcd3Client> client)
    : client_(std::move(client)), watches_(std::make_unique<Etcd3WatchStream>(*client_)) {}

Etcd3Storage::~Etcd3Storage() = default;

Result<KeyValue> Etcd3Storage::Create(const std::string& key, const std::string& value) {
  if (key.empty()) return EmptyKey();
  TxnRequest txn;
  Compare* compare = txn.add_compare();
  compare->set_key(key);
  compare->set_target(Compare::CREATE);
  compare->set_result(Compare::EQUAL);
  compare->set_create_revision(0);
  auto* put = txn.add_success()->mutable_request_put();
  put->set_key(key);
  put->set_value(value);
  NAVIGATOR_ASSIGN_OR_RETURN(auto response, client_->Txn(txn));
  if (!response.succeeded()) return AlreadyExists(fmt::format("key \"{}\" already exists", key));
  const int64_t revision = response.header().revision();
  return KeyValue{key, value, revision, revision};
}

Result<KeyValue> Etcd3Storage::Get(const std::string& key) {
  if (key.empty()) return EmptyKey();
  RangeRequest request;
  request.set_key(key);
  NAVIGATOR_ASSIGN_OR_RETURN(auto response, client_->Range(request));
  if (response.kvs_size() == 0) return KeyNotFound(key);
  return FromProto(response.kvs(0));
}

Result<KeyValue> Etcd3Storage::GuaranteedUpdate(const std::string& key,
                                                int64_t expected_mod_revision,
                                                const UpdateFunction& update) {
  NAVIGATOR_ASSIGN_OR_RETURN(KeyValue current, Get(key));
  return UpdateLoop(key, expected_mod_revision, update, std::move(current), true);
}

Result<KeyValue> Etcd3Storage::GuaranteedUpdateFrom(const KeyValue& cached,
                                                    int64_t expected_mod_revision,
                                                    const UpdateFunction& update) {
  if (cached.key.empty()) return EmptyKey();
  if (expected_mod_revision != 0 && cached.mod_revision != expected_mod_revision) {
    return GuaranteedUpdate(cached.key, expected_mod_revision, update);
  }
  return UpdateLoop(cached.key, expected_mod_revision, update, cached, false);
}

Result<KeyValue> Etcd3Storage::UpdateLoop(const std::string& key, int64_t expected_mod_revision,
                                          const UpdateFunction& update, KeyValue current,
                                          bool current_is_read) {
  while (true) {
    if (expected_mod_revision != 0 && current.mod_revision != expected_mod_revision) {
      return Conflict(fmt::format("key \"{}\" has been modified: its mod revision is {}, not {}",
                                  key, current.mod_revision, expected_mod_revision));
    }
    auto value = update(current);
    // A failure or a no-op decided on a copy may not hold for the stored
    // value: decide again on what etcd has.
    if (!current_is_read && (!value.ok() || *value == current.value)) {
      NAVIGATOR_ASSIGN_OR_RETURN(current, Get(key));
      current_is_read = true;
      continue;
    }
    if (!value.ok()) return value.status();
    if (*value == current.value) return current;  // nothing to write
    TxnRequest txn;
    CompareModRevision(txn, key, current.mod_revision);
    auto* put = txn.add_success()->mutable_request_put();
    put->set_key(key);
    put->set_value(*value);
    ReadOnFailure(txn, key);
    NAVIGATOR_ASSIGN_OR_RETURN(auto response, client_->Txn(txn));
    if (response.succeeded()) {
      return KeyValue{key, std::move(*value), current.create_revision,
                      response.header().revision()};
    }
    NAVIGATOR_ASSIGN_OR_RETURN(current, CurrentFromFailure(response, key));
    current_is_read = true;
  }
}

Result<KeyValue> Etcd3Storage::Delete(const std::string& key,
                                      const DeletePrecondition& precondition) {
  NAVIGATOR_ASSIGN_OR_RETURN(KeyValue current, Get(key));
  while (true) {
    if (precondition) NAVIGATOR_RETURN_IF_ERROR(precondition(current));
    TxnRequest txn;
    CompareModRevision(txn, key, current.mod_revision);
    txn.add_success()->mutable_request_delete_range()->set_key(key);
    ReadOnFailure(txn, key);
    NAVIGATOR_ASSIGN_OR_RETURN(auto response, client_->Txn(txn));
    if (response.succeeded()) {
      current.mod_revision = response.header().revision();
      return current;
    }
    NAVIGATOR_ASSIGN_OR_RETURN(current, CurrentFromFailure(response, key));
  }
}

Result<ListResult> Etcd3Storage::List(const std::string& prefix, const ListOptions& options) {
  RangeRequest request;
  request.set_key(RangeKey(std::max(prefix, options.start_key)));
  request.set_range_end(RangeKey(PrefixRangeEnd(prefix)));
  request.set_limit(std::max<int64_t>(options.limit, 0));
  request.set_revision(options.revision);
  auto response = client_->Range(request);
  if (!response.ok()) {
    const Status& error = response.status();
    if (error.code() == StatusCode::kBadRequest &&
        error.message().find("future revision") != std::string::npos) {
      return Timeout(fmt::format("Too large resource version: {}", options.revision));
    }
    return error;
  }
  ListResult result;
  result.revision = options.revision > 0 ? options.revision : response->header().revision();
  result.items.reserve(response->kvs_size());
  for (const auto& kv : response->kvs()) result.items.push_back(FromProto(kv));
  // `count` is every key of the range, regardless of the limit.
  const auto returned = static_cast<int64_t>(result.items.size());
  result.more = response->more() || response->count() > returned;
  result.remaining = result.more ? std::max<int64_t>(response->count() - returned, 0) : 0;
  return result;
}

Result<std::unique_ptr<Watch>> Etcd3Storage::WatchPrefix(const std::string& prefix,
                                                         int64_t start_revision,
                                                         WatchHandler handler) {
  return watches_->Add(prefix, start_revision, std::move(handler));
}

Result<int64_t> Etcd3Storage::CurrentRevision() {
  RangeRequest request;
  request.set_key(std::string(1, '\0'));
  request.set_count_only(true);
  NAVIGATOR_ASSIGN_OR_RETURN(auto response, client_->Range(request));
  return response.header().revision();
}

Status Etcd3Storage::Compact(int64_t revision) {
  etcdserverpb::CompactionRequest request;
  request.set_revision(revision);
  NAVIGATOR_ASSIGN_OR_RETURN(auto response, client_->Compact(request));
  (void)response;
  return OkStatus();
}

Status Etcd3Storage::Check() {
  const auto timeout = std::min<std::chrono::milliseconds>(client_->options().request_timeout,
                                                           std::chrono::seconds(2));
  NAVIGATOR_ASSIGN_OR_RETURN(auto status, client_->MemberStatus(timeout));
  if (!status.errors().empty()) {
    std::string errors;
    for (const auto& e : status.errors()) errors += (errors.empty() ? "" : "; ") + e;
    return Unavailable(fmt::format("etcd reports a problem: {}", errors));
  }
  if (status.leader() == 0) return Unavailable("etcd has no leader");
  return OkStatus();
}

}  // namespace navigator::storage
