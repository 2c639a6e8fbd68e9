#pragma once

// LeaseLock: the leader-election record kept in a coordination.k8s.io/v1
// Lease, as client-go's resourcelock.LeaseLock. Reads and writes go through a
// RestClient with optimistic concurrency: Update sends the resourceVersion of
// the Lease last read or written, so a write based on a stale read fails with
// kConflict -- someone else won the race; the caller re-reads rather than
// retrying the same write.
//
// Threading: not thread-safe; one LeaderElector's loop owns a LeaseLock.

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "navigator/api/meta/micro_time.h"
#include "navigator/base/result.h"
#include "navigator/client/rest_client.h"

namespace navigator::runtime {

// A Lease's spec as leader election reads it (client-go's
// LeaderElectionRecord). Absent fields read as empty/0/nullopt.
struct LeaderElectionRecord {
  std::string holder_identity;  // "": nobody holds the lease
  int lease_duration_seconds = 0;
  std::optional<api::MicroTime> acquire_time;
  std::optional<api::MicroTime> renew_time;
  int lease_transitions = 0;

  bool operator==(const LeaderElectionRecord&) const = default;
};

// A Lease read from the server.
struct Lease {
  LeaderElectionRecord record;
  std::string resource_version;
  std::string uid;
  boost::json::object object;  // the whole Lease as the server sent it
};

// Decodes a Lease (JSON) from kube-apiserver. kBadRequest naming the field
// when the body is not a JSON object, metadata.resourceVersion is missing, or
// a spec field has the wrong type or an unreadable time. Integers outside
// int32 are refused (Lease fields are int32).
Result<Lease> DecodeLease(std::string_view body);

// The Lease spec for `record` as client-go writes it: every field present,
// holderIdentity "" when nobody holds it, times as MicroTime.
boost::json::object EncodeLeaseSpec(const LeaderElectionRecord& record);

// What an Event about the Lease refers to (LeaderElector's "became leader").
struct LeaseReference {
  std::string namespace_;
  std::string name;
  std::string uid;
  std::string resource_version;
};

class LeaseLock {
 public:
  // `client` must outlive the lock. `namespace_`, `name` name the Lease.
  LeaseLock(client::RestClient& client, std::string namespace_, std::string name);

  // Reads the Lease. kNotFound when it does not exist; other errors as
  // RestClient::Do or DecodeLease.
  Result<LeaderElectionRecord> Get();
  // Creates the Lease holding `record`. kAlreadyExists when another
  // candidate created it first.
  Status Create(const LeaderElectionRecord& record);
  // Replaces the spec of the Lease last read or written with `record`,
  // conditional on its resourceVersion. kConflict when the Lease changed
  // since; kBadRequest when no Get or Create succeeded yet.
  Status Update(const LeaderElectionRecord& record);

  // "namespace/name", for logs.
  std::string Describe() const;
  LeaseReference Reference() const;

 private:
  std::string CollectionPath() const;
  std::string ObjectPath() const;
  Status Remember(Result<std::string> body);

  client::RestClient& client_;
  const std::string namespace_;
  const std::string name_;
  std::optional<Lease> lease_;  // the last Lease read or written
};

}  // namespace navigator::runtime
