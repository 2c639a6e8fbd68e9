#pragma once

// PoolCursor: which objects one load-generator client touches, the same for
// every target. The pool holds `pool_size` objects (indexes 0..pool_size-1);
// client `index` of `clients` owns the indexes equal to `index` modulo
// `clients` (so clients never update the same object), reads the whole pool
// round robin starting at its own index, and names its creates uniquely with
// the run id and its `serial` (unique per worker of a target).
//
// Preconditions: 0 <= index < clients <= pool_size. Threading: one client's.

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace navigator::bench::loadgen {

class PoolCursor {
 public:
  PoolCursor(int index, int clients, int pool_size, int serial)
      : index_(index), clients_(clients), pool_size_(pool_size), serial_(serial) {
    for (int i = index; i < pool_size; i += clients) owned_.push_back(i);
  }

  // The next pool object to read.
  int NextRead() { return static_cast<int>((index_ + reads_++ * clients_) % pool_size_); }
  // The next owned object to update.
  int NextOwned() {
    return owned_[static_cast<size_t>(updates_++ % static_cast<int64_t>(owned_.size()))];
  }
  // How many NextOwned calls came so far.
  int64_t updates() const { return updates_; }
  // A name no other create of this run uses.
  std::string NextCreateName(std::string_view run_id) {
    return fmt::format("c-{}-{}-{}", run_id, serial_, creates_++);
  }

 private:
  const int index_;
  const int clients_;
  const int pool_size_;
  const int serial_;
  std::vector<int> owned_;
  int64_t creates_ = 0;
  int64_t reads_ = 0;
  int64_t updates_ = 0;
};

}  // namespace navigator::bench::loadgen
