#pragma once

// The etcd ceiling: the same ops as raw etcd v3 requests through
// storage::Etcd3Client, the gRPC client navigator-apiserver uses, with
// values of the Pilot's size (PilotObject as JSON) under
// /bench/<namespace>/<name>, one Etcd3Client (its own gRPC channel) per
// client:
//   create         Txn: compare create_revision == 0, put (as a create)
//   get            Range of one pool key
//   update,        Txn: compare mod_revision == the one this client last
//   update-status  saw, put; a failed compare is a conflict (re-read,
//                  untimed)
//   list-100/1000  Range of a prefix holding exactly 100 / 1,000 keys
// mixed and watch are not supported (Prepare fails with kBadRequest).

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>

#include "bench/apiserver/target.h"

namespace navigator::bench::loadgen {

struct EtcdTargetOptions {
  std::string endpoint;  // http://host:port
  std::string namespace_ = "bench";
  int64_t value_bytes = 0;
  int pool_objects = 100;
  std::string run_id;
  bool verify = false;               // check the count of every range
  std::ostream* progress = nullptr;  // required
};

// Errors: kBadRequest for an unusable endpoint.
Result<std::unique_ptr<Target>> NewEtcdTarget(EtcdTargetOptions options);

}  // namespace navigator::bench::loadgen
