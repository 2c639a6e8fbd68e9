#pragma once

// The `mixed` phase's schedule: a fixed cycle of single operations in which
// every kind appears in proportion to its weight, spread out (smooth
// weighted round robin) rather than in runs. Client i starts the cycle at
// offset i, so at any moment the clients together issue the mix.
//
// The documented mix (README.md): 50 % get, 20 % update, 10 % create,
// 10 % update-status, 10 % list-100, a cycle of 10.

#include <cstdint>
#include <utility>
#include <vector>

#include "bench/apiserver/op_kind.h"

namespace navigator::bench::loadgen {

struct MixWeight {
  OpKind op;
  int weight;  // > 0
};

// The documented mix above.
std::vector<MixWeight> DefaultMix();

class OpMixSchedule {
 public:
  // Preconditions: `weights` is not empty, every weight > 0, and no op is
  // kMixed or kWatch.
  explicit OpMixSchedule(const std::vector<MixWeight>& weights);

  // The op of `client`'s `sequence`-th operation (both from 0).
  OpKind Op(int client, int64_t sequence) const;
  // The cycle: sum of the weights long, each op `weight` times.
  const std::vector<OpKind>& cycle() const { return cycle_; }

 private:
  std::vector<OpKind> cycle_;
};

}  // namespace navigator::bench::loadgen
