#pragma once

// policy/v1 PodDisruptionBudget: one per node pool, so that voluntary
// evictions (node drains) never take more database nodes than the cluster
// can lose. minAvailable and maxUnavailable are ints or percentages.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "navigator/kube/condition.h"
#include "navigator/kube/int_or_string.h"
#include "navigator/kube/label_selector.h"
#include "navigator/kube/resource_traits.h"

namespace navigator::kube {

struct PodDisruptionBudgetSpec {
  std::optional<IntOrString> min_available;
  std::optional<LabelSelector> selector;
  std::optional<IntOrString> max_unavailable;
  std::optional<std::string> unhealthy_pod_eviction_policy;  // IfHealthyBudget | AlwaysAllow
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using S = PodDisruptionBudgetSpec;
    return std::make_tuple(
        Field("minAvailable", &S::min_available, kOmitEmpty),
        Field("selector", &S::selector, kOmitEmpty),
        Field("maxUnavailable", &S::max_unavailable, kOmitEmpty),
        Field("unhealthyPodEvictionPolicy", &S::unhealthy_pod_eviction_policy, kOmitEmpty));
  }
  bool operator==(const PodDisruptionBudgetSpec&) const = default;
};

struct PodDisruptionBudgetStatus {
  int64_t observed_generation = 0;
  std::map<std::string, Time> disrupted_pods;
  int32_t disruptions_allowed = 0;
  int32_t current_healthy = 0;
  int32_t desired_healthy = 0;
  int32_t expected_pods = 0;
  std::vector<Condition> conditions;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using S = PodDisruptionBudgetStatus;
    return std::make_tuple(
        Field("observedGeneration", &S::observed_generation, kOmitEmpty),
        Field("disruptedPods", &S::disrupted_pods, kOmitEmpty),
        Field("disruptionsAllowed", &S::disruptions_allowed),
        Field("currentHealthy", &S::current_healthy), Field("desiredHealthy", &S::desired_healthy),
        Field("expectedPods", &S::expected_pods), Field("conditions", &S::conditions, kOmitEmpty));
  }
  bool operator==(const PodDisruptionBudgetStatus&) const = default;
};

struct PodDisruptionBudget {
  api::TypeMeta type_meta;
  ObjectMeta metadata;
  PodDisruptionBudgetSpec spec;
  PodDisruptionBudgetStatus status;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using P = PodDisruptionBudget;
    return std::make_tuple(api::Inline(&P::type_meta), Field("metadata", &P::metadata),
                           Field("spec", &P::spec), Field("status", &P::status));
  }
  bool operator==(const PodDisruptionBudget&) const = default;
};

template <>
struct ResourceTraits<PodDisruptionBudget> : PreservingCodec<PodDisruptionBudget> {
  static constexpr const client::TypedResource& kResource = client::kPodDisruptionBudgets;
};

}  // namespace navigator::kube
