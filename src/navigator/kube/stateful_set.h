#pragma once

// apps/v1 StatefulSet: one per node pool. The controllers write replicas,
// the update strategy (a rolling update's partition sequences upgrades) and
// the pod template; they read the status to know how far a scale or
// rollout has got. The pod template stays raw JSON.

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "navigator/kube/int_or_string.h"
#include "navigator/kube/label_selector.h"
#include "navigator/kube/persistent_volume_claim.h"
#include "navigator/kube/resource_traits.h"

namespace navigator::kube {

struct RollingUpdateStatefulSetStrategy {
  // Pods with an ordinal >= partition are updated; the rest keep the old
  // revision. 0 when unset.
  std::optional<int32_t> partition;
  std::optional<IntOrString> max_unavailable;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using R = RollingUpdateStatefulSetStrategy;
    return std::make_tuple(Field("partition", &R::partition, kOmitEmpty),
                           Field("maxUnavailable", &R::max_unavailable, kOmitEmpty));
  }
  bool operator==(const RollingUpdateStatefulSetStrategy&) const = default;
};

struct StatefulSetUpdateStrategy {
  std::string type;  // RollingUpdate (the default) | OnDelete
  std::optional<RollingUpdateStatefulSetStrategy> rolling_update;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using U = StatefulSetUpdateStrategy;
    return std::make_tuple(Field("type", &U::type, kOmitEmpty),
                           Field("rollingUpdate", &U::rolling_update, kOmitEmpty));
  }
  bool operator==(const StatefulSetUpdateStrategy&) const = default;
};

struct StatefulSetSpec {
  std::optional<int32_t> replicas;  // 1 when unset
  std::optional<LabelSelector> selector;
  boost::json::value template_;  // PodTemplateSpec
  std::vector<PersistentVolumeClaim> volume_claim_templates;
  std::string service_name;
  std::string pod_management_policy;  // OrderedReady (the default) | Parallel
  StatefulSetUpdateStrategy update_strategy;
  std::optional<int32_t> revision_history_limit;
  int32_t min_ready_seconds = 0;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using S = StatefulSetSpec;
    return std::make_tuple(Field("replicas", &S::replicas, kOmitEmpty),
                           Field("selector", &S::selector),
                           Field("template", &S::template_, kOmitEmpty),
                           Field("volumeClaimTemplates", &S::volume_claim_templates, kOmitEmpty),
                           Field("serviceName", &S::service_name),
                           Field("podManagementPolicy", &S::pod_management_policy, kOmitEmpty),
                           Field("updateStrategy", &S::update_strategy),
                           Field("revisionHistoryLimit", &S::revision_history_limit, kOmitEmpty),
                           Field("minReadySeconds", &S::min_ready_seconds, kOmitEmpty));
  }
  bool operator==(const StatefulSetSpec&) const = default;
};

struct StatefulSetCondition {
  std::string type;
  std::string status;
  std::optional<Time> last_transition_time;
  std::string reason;
  std::string message;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using C = StatefulSetCondition;
    return std::make_tuple(Field("type", &C::type), Field("status", &C::status),
                           Field("lastTransitionTime", &C::last_transition_time, kOmitEmpty),
                           Field("reason", &C::reason, kOmitEmpty),
                           Field("message", &C::message, kOmitEmpty));
  }
  bool operator==(const StatefulSetCondition&) const = default;
};

struct StatefulSetStatus {
  int64_t observed_generation = 0;
  int32_t replicas = 0;
  int32_t ready_replicas = 0;
  int32_t current_replicas = 0;
  int32_t updated_replicas = 0;
  std::string current_revision;
  std::string update_revision;
  std::optional<int32_t> collision_count;
  std::vector<StatefulSetCondition> conditions;
  int32_t available_replicas = 0;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using S = StatefulSetStatus;
    return std::make_tuple(Field("observedGeneration", &S::observed_generation, kOmitEmpty),
                           Field("replicas", &S::replicas),
                           Field("readyReplicas", &S::ready_replicas, kOmitEmpty),
                           Field("currentReplicas", &S::current_replicas, kOmitEmpty),
                           Field("updatedReplicas", &S::updated_replicas, kOmitEmpty),
                           Field("currentRevision", &S::current_revision, kOmitEmpty),
                           Field("updateRevision", &S::update_revision, kOmitEmpty),
                           Field("collisionCount", &S::collision_count, kOmitEmpty),
                           Field("conditions", &S::conditions, kOmitEmpty),
                           Field("availableReplicas", &S::available_replicas));
  }
  bool operator==(const StatefulSetStatus&) const = default;
};

struct StatefulSet {
  api::TypeMeta type_meta;
  ObjectMeta metadata;
  StatefulSetSpec spec;
  StatefulSetStatus status;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using S = StatefulSet;
    return std::make_tuple(api::Inline(&S::type_meta), Field("metadata", &S::metadata),
                           Field("spec", &S::spec), Field("status", &S::status));
  }
  bool operator==(const StatefulSet&) const = default;
};

template <>
struct ResourceTraits<StatefulSet> : PreservingCodec<StatefulSet> {
  static constexpr const client::TypedResource& kResource = client::kStatefulSets;
};

// Whether the controller has acted on the latest spec and every replica runs
// the update revision and is ready: observedGeneration >= generation,
// updatedReplicas == readyReplicas == replicas (spec, 1 when unset) and
// currentRevision == updateRevision.
bool IsRolledOut(const StatefulSet& set);

}  // namespace navigator::kube
