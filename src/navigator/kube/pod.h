#pragma once

// core/v1 Pod: what the controllers and pilots read of a database pod --
// where it runs, its phase, conditions, IP and container states. The
// container, init-container and volume lists stay raw JSON (the controllers
// build them into a StatefulSet's template, not into pods).

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "navigator/kube/resource_traits.h"

namespace navigator::kube {

struct PodSpec {
  boost::json::value containers;       // []Container
  boost::json::value init_containers;  // []Container
  boost::json::value volumes;          // []Volume
  std::string restart_policy;
  std::optional<int64_t> termination_grace_period_seconds;
  std::string service_account_name;
  std::string node_name;
  std::string hostname;
  std::string subdomain;
  std::string scheduler_name;
  std::string priority_class_name;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using S = PodSpec;
    return std::make_tuple(
        Field("volumes", &S::volumes, kOmitEmpty),
        Field("initContainers", &S::init_containers, kOmitEmpty),
        Field("containers", &S::containers, kOmitEmpty),
        Field("restartPolicy", &S::restart_policy, kOmitEmpty),
        Field("terminationGracePeriodSeconds", &S::termination_grace_period_seconds, kOmitEmpty),
        Field("serviceAccountName", &S::service_account_name, kOmitEmpty),
        Field("nodeName", &S::node_name, kOmitEmpty), Field("hostname", &S::hostname, kOmitEmpty),
        Field("subdomain", &S::subdomain, kOmitEmpty),
        Field("schedulerName", &S::scheduler_name, kOmitEmpty),
        Field("priorityClassName", &S::priority_class_name, kOmitEmpty));
  }
  bool operator==(const PodSpec&) const = default;
};

struct PodCondition {
  std::string type;    // PodScheduled | Initialized | ContainersReady | Ready | ...
  std::string status;  // True | False | Unknown
  std::optional<Time> last_probe_time;
  std::optional<Time> last_transition_time;
  std::string reason;
  std::string message;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using C = PodCondition;
    return std::make_tuple(Field("type", &C::type), Field("status", &C::status),
                           Field("lastProbeTime", &C::last_probe_time),
                           Field("lastTransitionTime", &C::last_transition_time),
                           Field("reason", &C::reason, kOmitEmpty),
                           Field("message", &C::message, kOmitEmpty));
  }
  bool operator==(const PodCondition&) const = default;
};

struct ContainerStatus {
  std::string name;
  boost::json::value state;       // ContainerState: waiting | running | terminated
  boost::json::value last_state;  // the same, of the previous run
  bool ready = false;
  int32_t restart_count = 0;
  std::string image;
  std::string image_id;
  std::string container_id;
  std::optional<bool> started;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using C = ContainerStatus;
    return std::make_tuple(Field("name", &C::name), Field("state", &C::state, kOmitEmpty),
                           Field("lastState", &C::last_state, kOmitEmpty),
                           Field("ready", &C::ready), Field("restartCount", &C::restart_count),
                           Field("image", &C::image), Field("imageID", &C::image_id),
                           Field("containerID", &C::container_id, kOmitEmpty),
                           Field("started", &C::started, kOmitEmpty));
  }
  bool operator==(const ContainerStatus&) const = default;
};

struct PodStatus {
  std::string phase;  // Pending | Running | Succeeded | Failed | Unknown
  std::vector<PodCondition> conditions;
  std::string message;
  std::string reason;
  std::string host_ip;
  std::string pod_ip;
  std::optional<Time> start_time;
  std::vector<ContainerStatus> init_container_statuses;
  std::vector<ContainerStatus> container_statuses;
  std::string qos_class;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using S = PodStatus;
    return std::make_tuple(
        Field("phase", &S::phase, kOmitEmpty), Field("conditions", &S::conditions, kOmitEmpty),
        Field("message", &S::message, kOmitEmpty), Field("reason", &S::reason, kOmitEmpty),
        Field("hostIP", &S::host_ip, kOmitEmpty), Field("podIP", &S::pod_ip, kOmitEmpty),
        Field("startTime", &S::start_time, kOmitEmpty),
        Field("initContainerStatuses", &S::init_container_statuses, kOmitEmpty),
        Field("containerStatuses", &S::container_statuses, kOmitEmpty),
        Field("qosClass", &S::qos_class, kOmitEmpty));
  }
  bool operator==(const PodStatus&) const = default;
};

struct Pod {
  api::TypeMeta type_meta;
  ObjectMeta metadata;
  PodSpec spec;
  PodStatus status;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    return std::make_tuple(api::Inline(&Pod::type_meta), Field("metadata", &Pod::metadata),
                           Field("spec", &Pod::spec), Field("status", &Pod::status));
  }
  bool operator==(const Pod&) const = default;
};

template <>
struct ResourceTraits<Pod> : PreservingCodec<Pod> {
  static constexpr const client::TypedResource& kResource = client::kPods;
};

// Whether the pod's Ready condition is True.
bool IsPodReady(const Pod& pod);

}  // namespace navigator::kube
