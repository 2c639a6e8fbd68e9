#pragma once

// metav1.Condition, the standard condition of newer kinds (a
// PodDisruptionBudget's status.conditions).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "navigator/kube/object_meta.h"

namespace navigator::kube {

struct Condition {
  std::string type;
  std::string status;  // True | False | Unknown
  int64_t observed_generation = 0;
  std::optional<Time> last_transition_time;
  std::string reason;
  std::string message;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using C = Condition;
    return std::make_tuple(Field("type", &C::type), Field("status", &C::status),
                           Field("observedGeneration", &C::observed_generation, kOmitEmpty),
                           Field("lastTransitionTime", &C::last_transition_time),
                           Field("reason", &C::reason), Field("message", &C::message));
  }
  bool operator==(const Condition&) const = default;
};

// The condition of `type` in `conditions` (any struct with `type`), if any.
template <typename C>
const C* FindCondition(const std::vector<C>& conditions, std::string_view type) {
  for (const C& c : conditions) {
    if (c.type == type) return &c;
  }
  return nullptr;
}

}  // namespace navigator::kube
