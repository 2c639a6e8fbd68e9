#include "navigator/runtime/delayed_items.h"

namespace navigator::runtime {

void DelayedItems::Add(const std::string& key, TimePoint ready_at) {
  auto it = ready_at_.find(key);
  if (it == ready_at_.end()) {
    const uint64_t sequence = next_sequence_++;
    ready_at_.emplace(key, std::make_pair(ready_at, sequence));
    order_.emplace(ready_at, sequence, key);
    return;
  }
  auto& [current, sequence] = it->second;
  if (ready_at >= current) return;
  order_.erase(Entry(current, sequence, key));
  current = ready_at;
  order_.emplace(current, sequence, key);
}

std::vector<std::string> DelayedItems::PopReady(TimePoint now) {
  std::vector<std::string> ready;
  while (!order_.empty() && std::get<0>(*order_.begin()) <= now) {
    auto node = order_.extract(order_.begin());
    ready_at_.erase(std::get<2>(node.value()));
    ready.push_back(std::move(std::get<2>(node.value())));
  }
  return ready;
}

std::optional<DelayedItems::TimePoint> DelayedItems::NextReadyAt() const {
  if (order_.empty()) return std::nullopt;
  return std::get<0>(*order_.begin());
}

std::optional<DelayedItems::TimePoint> DelayedItems::ReadyAt(const std::string& key) const {
  auto it = ready_at_.find(key);
  if (it == ready_at_.end()) return std::nullopt;
  return it->second.first;
}

void DelayedItems::Clear() {
  order_.clear();
  ready_at_.clear();
}

}  // namespace navigator::runtime
