#pragma once

// InstrumentedStorage: a Storage decorator that measures every call into the
// store under kube-apiserver's etcd metric names:
//
//   etcd_request_duration_seconds{operation,type}  histogram (kube's buckets)
//   etcd_requests_total{operation,type}            counter
//   etcd_request_errors_total{operation,type}      counter
//
// `operation` is create, get, update (GuaranteedUpdate[From]), delete, list, watch
// (establishing it), current_revision, compact or check; `type` is what the
// caller's KeyTypeFunction makes of the key or prefix ("" for the calls that
// take none). An error is a failure of the store itself (Internal,
// ServiceUnavailable, Timeout, Gone, TooManyRequests), not an outcome such as
// NotFound, AlreadyExists, Conflict or an update function's own error. A
// watch that later fails with such an error counts one more error under
// "watch".
//
// Ownership: `inner`, `registry` and `clock` are not owned and must outlive
// the decorator (and its watches). Threading: as thread-safe as `inner`.

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "navigator/base/clock.h"
#include "navigator/metrics/registry.h"
#include "navigator/storage/storage.h"

namespace navigator::storage {

// The `type` label of a key or key prefix. Must be thread-safe and return a
// small set of values (it becomes a label).
using KeyTypeFunction = std::function<std::string(std::string_view key)>;

// For keys laid out as the registry does, "<key_prefix>/<group>/<plural>/...":
// the plural; "" for keys outside that layout.
KeyTypeFunction PluralFromRegistryKey(std::string key_prefix);

class InstrumentedStorage final : public Storage {
 public:
  InstrumentedStorage(metrics::Registry& registry, Storage& inner, const Clock& clock,
                      KeyTypeFunction type_of);

  Result<KeyValue> Create(const std::string& key, const std::string& value) override;
  Result<KeyValue> Get(const std::string& key) override;
  Result<KeyValue> GuaranteedUpdate(const std::string& key, int64_t expected_mod_revision,
                                    const UpdateFunction& update) override;
  Result<KeyValue> GuaranteedUpdateFrom(const KeyValue& cached, int64_t expected_mod_revision,
                                        const UpdateFunction& update) override;
  Result<KeyValue> Delete(const std::string& key, const DeletePrecondition& precondition) override;
  Result<ListResult> List(const std::string& prefix, const ListOptions& options) override;
  Result<std::unique_ptr<Watch>> WatchPrefix(const std::string& prefix, int64_t start_revision,
                                             WatchHandler handler) override;
  Result<int64_t> CurrentRevision() override;
  Status Compact(int64_t revision) override;
  Status Check() override;

 private:
  // Runs `call`, recording its duration, the request and (for a store error)
  // the error under `operation` and the type of `key`.
  template <typename Call>
  auto Measure(std::string_view operation, std::string_view key, Call&& call);

  Storage& inner_;
  const Clock& clock_;
  KeyTypeFunction type_of_;
  metrics::HistogramVec& duration_;
  metrics::CounterVec& requests_;
  metrics::CounterVec& errors_;
};

}  // namespace navigator::storage
