#include "navigator/runtime/lease_lock.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <cstdint>
#include <limits>

#include "navigator/api/codec/json_parse.h"

namespace navigator::runtime {
namespace {

namespace json = boost::json;

Status BadLease(std::string_view what) {
  return BadRequest(fmt::format("Lease from the server: {}", what));
}

// A string field that may be absent or null ("" then).
Result<std::string> OptionalString(const json::object& object, std::string_view key,
                                   std::string_view path) {
  const json::value* v = object.if_contains(key);
  if (v == nullptr || v->is_null()) return std::string();
  if (!v->is_string()) return BadLease(fmt::format("{} is not a string", path));
  return std::string(v->get_string());
}

Result<int> OptionalInt32(const json::object& object, std::string_view key, std::string_view path) {
  const json::value* v = object.if_contains(key);
  if (v == nullptr || v->is_null()) return 0;
  std::int64_t n = 0;
  if (v->is_int64()) {
    n = v->get_int64();
  } else if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT32_MAX)) {
    n = static_cast<std::int64_t>(v->get_uint64());
  } else {
    return BadLease(fmt::format("{} is not an integer", path));
  }
  if (n < std::numeric_limits<std::int32_t>::min() ||
      n > std::numeric_limits<std::int32_t>::max()) {
    return BadLease(fmt::format("{} is outside int32", path));
  }
  return static_cast<int>(n);
}

Result<std::optional<api::MicroTime>> OptionalTime(const json::object& object, std::string_view key,
                                                   std::string_view path) {
  const json::value* v = object.if_contains(key);
  if (v == nullptr || v->is_null()) return std::optional<api::MicroTime>();
  if (!v->is_string()) return BadLease(fmt::format("{} is not a string", path));
  Result<api::MicroTime> t = api::ParseMicroTime(v->get_string());
  if (!t.ok()) return BadLease(fmt::format("{}: {}", path, t.status().message()));
  return std::optional<api::MicroTime>(*t);
}

}  // namespace

Result<Lease> DecodeLease(std::string_view body) {
  Result<api::ParsedJson> parsed = api::ParseJson(body);
  if (!parsed.ok()) return BadLease(parsed.status().message());
  if (!parsed->value.is_object()) return BadLease("not a JSON object");
  Lease lease;
  lease.object = std::move(parsed->value.as_object());
  const json::value* metadata = lease.object.if_contains("metadata");
  if (metadata == nullptr || !metadata->is_object()) return BadLease("no metadata object");
  NAVIGATOR_ASSIGN_OR_RETURN(
      lease.resource_version,
      OptionalString(metadata->get_object(), "resourceVersion", "metadata.resourceVersion"));
  if (lease.resource_version.empty()) return BadLease("no metadata.resourceVersion");
  NAVIGATOR_ASSIGN_OR_RETURN(lease.uid,
                             OptionalString(metadata->get_object(), "uid", "metadata.uid"));
  const json::value* spec_value = lease.object.if_contains("spec");
  if (spec_value == nullptr || spec_value->is_null()) return lease;
  if (!spec_value->is_object()) return BadLease("spec is not an object");
  const json::object& spec = spec_value->get_object();
  LeaderElectionRecord& r = lease.record;
  NAVIGATOR_ASSIGN_OR_RETURN(r.holder_identity,
                             OptionalString(spec, "holderIdentity", "spec.holderIdentity"));
  NAVIGATOR_ASSIGN_OR_RETURN(r.lease_duration_seconds, OptionalInt32(spec, "leaseDurationSeconds",
                                                                     "spec.leaseDurationSeconds"));
  NAVIGATOR_ASSIGN_OR_RETURN(r.acquire_time, OptionalTime(spec, "acquireTime", "spec.acquireTime"));
  NAVIGATOR_ASSIGN_OR_RETURN(r.renew_time, OptionalTime(spec, "renewTime", "spec.renewTime"));
  NAVIGATOR_ASSIGN_OR_RETURN(r.lease_transitions,
                             OptionalInt32(spec, "leaseTransitions", "spec.leaseTransitions"));
  return lease;
}

json::object EncodeLeaseSpec(const LeaderElectionRecord& record) {
  json::object spec;
  spec["holderIdentity"] = record.holder_identity;
  spec["leaseDurationSeconds"] = record.lease_duration_seconds;
  if (record.acquire_time) spec["acquireTime"] = api::FormatMicroTime(*record.acquire_time);
  if (record.renew_time) spec["renewTime"] = api::FormatMicroTime(*record.renew_time);
  spec["leaseTransitions"] = record.lease_transitions;
  return spec;
}

LeaseLock::LeaseLock(client::RestClient& client, std::string namespace_, std::string name)
    : client_(client), namespace_(std::move(namespace_)), name_(std::move(name)) {}

std::string LeaseLock::CollectionPath() const {
  return fmt::format("/apis/coordination.k8s.io/v1/namespaces/{}/leases", namespace_);
}

std::string LeaseLock::ObjectPath() const {
  return fmt::format("{}/{}", CollectionPath(), name_);
}

std::string LeaseLock::Describe() const {
  return fmt::format("{}/{}", namespace_, name_);
}

LeaseReference LeaseLock::Reference() const {
  LeaseReference ref{.namespace_ = namespace_, .name = name_};
  if (lease_) {
    ref.uid = lease_->uid;
    ref.resource_version = lease_->resource_version;
  }
  return ref;
}

Status LeaseLock::Remember(Result<std::string> body) {
  if (!body.ok()) return body.status();
  Result<Lease> lease = DecodeLease(*body);
  if (!lease.ok()) return lease.status();
  lease_ = std::move(*lease);
  return OkStatus();
}

Result<LeaderElectionRecord> LeaseLock::Get() {
  NAVIGATOR_RETURN_IF_ERROR(Remember(client_.Do(client::RestRequest{.path = ObjectPath()})));
  return lease_->record;
}

Status LeaseLock::Create(const LeaderElectionRecord& record) {
  json::object lease{
      {"apiVersion", "coordination.k8s.io/v1"},
      {"kind", "Lease"},
      {"metadata", json::object{{"name", name_}, {"namespace", namespace_}}},
      {"spec", EncodeLeaseSpec(record)},
  };
  return Remember(client_.Do(client::RestRequest{
      .method = "POST", .path = CollectionPath(), .body = json::serialize(lease)}));
}

Status LeaseLock::Update(const LeaderElectionRecord& record) {
  if (!lease_) {
    return BadRequest(fmt::format("Lease {}: update before a get or create", Describe()));
  }
  // The object as last seen, so its metadata.resourceVersion makes the PUT
  // conditional; fields of the spec we do not know (strategy,
  // preferredHolder) are replaced as client-go replaces the whole spec.
  json::object lease = lease_->object;
  lease["spec"] = EncodeLeaseSpec(record);
  return Remember(client_.Do(
      client::RestRequest{.method = "PUT", .path = ObjectPath(), .body = json::serialize(lease)}));
}

}  // namespace navigator::runtime
