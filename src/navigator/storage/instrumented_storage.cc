#include "navigator/storage/instrumented_storage.h"

#include <chrono>
#include <utility>

namespace navigator::storage {
namespace {

// kube-apiserver's etcd_request_duration_seconds buckets (the same as
// apiserver_request_duration_seconds').
std::vector<double> DurationBuckets() {
  return {0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2,
          3,     4,     5,    6,   8,   10,  15,  20,  30,  45,   60};
}

bool IsStoreError(const Status& status) {
  switch (status.code()) {
    case StatusCode::kInternal:
    case StatusCode::kServiceUnavailable:
    case StatusCode::kTimeout:
    case StatusCode::kGone:
    case StatusCode::kTooManyRequests:
      return true;
    default:
      return false;
  }
}

const Status& StatusOf(const Status& status) {
  return status;
}
template <typename T>
Status StatusOf(const Result<T>& result) {
  return result.ok() ? OkStatus() : result.status();
}

}  // namespace

KeyTypeFunction PluralFromRegistryKey(std::string key_prefix) {
  while (!key_prefix.empty() && key_prefix.back() == '/') key_prefix.pop_back();
  return [prefix = key_prefix + "/"](std::string_view key) -> std::string {
    if (key.substr(0, prefix.size()) != prefix) return "";
    key.remove_prefix(prefix.size());
    const auto group_end = key.find('/');
    if (group_end == std::string_view::npos) return "";
    key.remove_prefix(group_end + 1);
    return std::string(key.substr(0, key.find('/')));
  };
}

InstrumentedStorage::InstrumentedStorage(metrics::Registry& registry, Storage& inner,
                                         const Clock& clock, KeyTypeFunction type_of)
    : inner_(inner),
      clock_(clock),
      type_of_(std::move(type_of)),
      duration_(registry.Histogram("etcd_request_duration_seconds",
                                   "Etcd request latency in seconds for each operation and object "
                                   "type.",
                                   {"operation", "type"}, DurationBuckets())),
      requests_(registry.Counter("etcd_requests_total",
                                 "Etcd request counts for each operation and object type.",
                                 {"operation", "type"})),
      errors_(registry.Counter("etcd_request_errors_total",
                               "Etcd failed request counts for each operation and object type.",
                               {"operation", "type"})) {}

template <typename Call>
auto InstrumentedStorage::Measure(std::string_view operation, std::string_view key, Call&& call) {
  const Clock::TimePoint start = clock_.Now();
  auto result = std::forward<Call>(call)();
  const std::chrono::duration<double> elapsed = clock_.Now() - start;
  const std::string type = type_of_ && !key.empty() ? type_of_(key) : std::string();
  duration_.WithLabels({operation, type}).Observe(std::max(0.0, elapsed.count()));
  requests_.WithLabels({operation, type}).Inc();
  if (IsStoreError(StatusOf(result))) errors_.WithLabels({operation, type}).Inc();
  return result;
}

Result<KeyValue> InstrumentedStorage::Create(const std::string& key, const std::string& value) {
  return Measure("create", key, [&] { return inner_.Create(key, value); });
}

Result<KeyValue> InstrumentedStorage::Get(const std::string& key) {
  return Measure("get", key, [&] { return inner_.Get(key); });
}

Result<KeyValue> InstrumentedStorage::GuaranteedUpdate(const std::string& key,
                                                       int64_t expected_mod_revision,
                                                       const UpdateFunction& update) {
  return Measure("update", key,
                 [&] { return inner_.GuaranteedUpdate(key, expected_mod_revision, update); });
}

Result<KeyValue> InstrumentedStorage::GuaranteedUpdateFrom(const KeyValue& cached,
                                                           int64_t expected_mod_revision,
                                                           const UpdateFunction& update) {
  return Measure("update", cached.key, [&] {
    return inner_.GuaranteedUpdateFrom(cached, expected_mod_revision, update);
  });
}

Result<KeyValue> InstrumentedStorage::Delete(const std::string& key,
                                             const DeletePrecondition& precondition) {
  return Measure("delete", key, [&] { return inner_.Delete(key, precondition); });
}

Result<ListResult> InstrumentedStorage::List(const std::string& prefix,
                                             const ListOptions& options) {
  return Measure("list", prefix, [&] { return inner_.List(prefix, options); });
}

Result<std::unique_ptr<Watch>> InstrumentedStorage::WatchPrefix(const std::string& prefix,
                                                                int64_t start_revision,
                                                                WatchHandler handler) {
  if (handler.on_error) {
    metrics::Counter& errors = errors_.WithLabels({"watch", type_of_ ? type_of_(prefix) : ""});
    handler.on_error = [&errors, on_error = std::move(handler.on_error)](const Status& error) {
      if (IsStoreError(error)) errors.Inc();
      on_error(error);
    };
  }
  return Measure("watch", prefix,
                 [&] { return inner_.WatchPrefix(prefix, start_revision, std::move(handler)); });
}

Result<int64_t> InstrumentedStorage::CurrentRevision() {
  return Measure("current_revision", "", [&] { return inner_.CurrentRevision(); });
}

Status InstrumentedStorage::Compact(int64_t revision) {
  return Measure("compact", "", [&] { return inner_.Compact(revision); });
}

Status InstrumentedStorage::Check() {
  return Measure("check", "", [&] { return inner_.Check(); });
}

}  // namespace navigator::storage
