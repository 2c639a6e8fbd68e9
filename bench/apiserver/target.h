#pragma once

// What the phase runner drives: a Target (an API server, or etcd) prepares
// the objects an op needs and hands out one Worker per client. A Worker
// owns its connection(s), so N workers in N threads are N concurrent
// clients.
//
// Threading: Target::Prepare and NewWorker are called from the main thread
// (NewWorker may also be called from the client threads concurrently);
// a Worker is used by one thread at a time.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "bench/apiserver/op_kind.h"
#include "navigator/base/result.h"

namespace navigator::bench::loadgen {

struct OpOutcome {
  enum class Kind { kOk, kConflict, kError };
  Kind kind = Kind::kOk;
  // The measured request(s): see README.md for what each op times.
  int64_t nanoseconds = 0;
  Status error;  // for kError (and kConflict)

  // A failed op: kConflict when `status` is a conflict, else kError.
  static OpOutcome Failed(Status status) {
    const Kind kind = status.code() == StatusCode::kConflict ? Kind::kConflict : Kind::kError;
    return OpOutcome{kind, 0, std::move(status)};
  }
};

// Nanoseconds from `start` to now: what an op's timing records.
inline int64_t NanosecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() -
                                                              start)
      .count();
}

class Worker {
 public:
  virtual ~Worker() = default;
  // Opens the connection(s) with an untimed request, so that no measured
  // op pays for a TLS handshake.
  virtual Status Connect() = 0;
  // One operation. Precondition: `op` is a single op (not kMixed or kWatch)
  // that the target was prepared for.
  virtual OpOutcome Do(OpKind op) = 0;
};

class Target {
 public:
  virtual ~Target() = default;
  // Makes the objects `op` works on exist (the shared pool for get and
  // updates, namespaces of exactly 100 / 1,000 objects for lists), for up
  // to `clients` clients. Idempotent; cheap when they are there already.
  virtual Status Prepare(OpKind op, int clients) = 0;
  // Client `index` of `clients`.
  virtual Result<std::unique_ptr<Worker>> NewWorker(int index, int clients) = 0;
  // The encoded size of one object.
  virtual int64_t value_bytes() const = 0;
};

}  // namespace navigator::bench::loadgen
