#include "bench/apiserver/op_mix.h"

namespace navigator::bench::loadgen {

std::vector<MixWeight> DefaultMix() {
  return {{OpKind::kGet, 5},
          {OpKind::kUpdate, 2},
          {OpKind::kCreate, 1},
          {OpKind::kUpdateStatus, 1},
          {OpKind::kList100, 1}};
}

OpMixSchedule::OpMixSchedule(const std::vector<MixWeight>& weights) {
  int total = 0;
  for (const MixWeight& w : weights) total += w.weight;
  // Smooth weighted round robin: each step every op gains its weight, the
  // op with the most credit is picked and pays the total.
  std::vector<int> credit(weights.size(), 0);
  for (int step = 0; step < total; ++step) {
    size_t best = 0;
    for (size_t i = 0; i < weights.size(); ++i) {
      credit[i] += weights[i].weight;
      if (credit[i] > credit[best]) best = i;
    }
    credit[best] -= total;
    cycle_.push_back(weights[best].op);
  }
}

OpKind OpMixSchedule::Op(int client, int64_t sequence) const {
  const auto size = static_cast<int64_t>(cycle_.size());
  return cycle_[static_cast<size_t>((sequence + client) % size)];
}

}  // namespace navigator::bench::loadgen
