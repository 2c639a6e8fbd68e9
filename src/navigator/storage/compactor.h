#pragma once

// Keeps etcd's history bounded, as kube-apiserver's compactor does: each tick
// compacts to the revision seen at the previous tick, so watchers and paged
// lists always have at least one interval of history to resume from.
//
// Threading: Tick is called from one thread (the ApiServer's compaction loop).

#include <cstdint>

#include "navigator/storage/storage.h"

namespace navigator::storage {

class Compactor {
 public:
  explicit Compactor(Storage& storage) : storage_(storage) {}

  // Compacts to the revision recorded by the previous Tick (if any, and if it
  // was not compacted already), then records the current revision. A failure
  // is returned and retried on the next tick.
  Status Tick();

  int64_t last_compacted() const { return last_compacted_; }

 private:
  Storage& storage_;
  int64_t previous_revision_ = 0;
  int64_t last_compacted_ = 0;
};

}  // namespace navigator::storage
