#pragma once

// core/v1 Node (cluster-scoped): where database pods may run and whether a
// node is going away -- unschedulable (cordoned), taints, the Ready
// condition, addresses and capacity.

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "navigator/api/navigator/common.h"
#include "navigator/kube/resource_traits.h"

namespace navigator::kube {

struct Taint {
  std::string key;
  std::string value;
  std::string effect;  // NoSchedule | PreferNoSchedule | NoExecute
  std::optional<Time> time_added;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    return std::make_tuple(Field("key", &Taint::key), Field("value", &Taint::value, kOmitEmpty),
                           Field("effect", &Taint::effect),
                           Field("timeAdded", &Taint::time_added, kOmitEmpty));
  }
  bool operator==(const Taint&) const = default;
};

struct NodeSpec {
  std::string pod_cidr;
  std::vector<std::string> pod_cidrs;
  std::string provider_id;
  bool unschedulable = false;
  std::vector<Taint> taints;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using S = NodeSpec;
    return std::make_tuple(Field("podCIDR", &S::pod_cidr, kOmitEmpty),
                           Field("podCIDRs", &S::pod_cidrs, kOmitEmpty),
                           Field("providerID", &S::provider_id, kOmitEmpty),
                           Field("unschedulable", &S::unschedulable, kOmitEmpty),
                           Field("taints", &S::taints, kOmitEmpty));
  }
  bool operator==(const NodeSpec&) const = default;
};

struct NodeCondition {
  std::string type;  // Ready | MemoryPressure | DiskPressure | PIDPressure | ...
  std::string status;
  std::optional<Time> last_heartbeat_time;
  std::optional<Time> last_transition_time;
  std::string reason;
  std::string message;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using C = NodeCondition;
    return std::make_tuple(Field("type", &C::type), Field("status", &C::status),
                           Field("lastHeartbeatTime", &C::last_heartbeat_time, kOmitEmpty),
                           Field("lastTransitionTime", &C::last_transition_time, kOmitEmpty),
                           Field("reason", &C::reason, kOmitEmpty),
                           Field("message", &C::message, kOmitEmpty));
  }
  bool operator==(const NodeCondition&) const = default;
};

struct NodeAddress {
  std::string type;  // InternalIP | ExternalIP | Hostname | ...
  std::string address;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    return std::make_tuple(Field("type", &NodeAddress::type),
                           Field("address", &NodeAddress::address));
  }
  bool operator==(const NodeAddress&) const = default;
};

struct NodeStatus {
  std::map<std::string, api::Quantity> capacity;
  std::map<std::string, api::Quantity> allocatable;
  std::vector<NodeCondition> conditions;
  std::vector<NodeAddress> addresses;
  boost::json::value node_info;  // NodeSystemInfo
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using S = NodeStatus;
    return std::make_tuple(Field("capacity", &S::capacity, kOmitEmpty),
                           Field("allocatable", &S::allocatable, kOmitEmpty),
                           Field("conditions", &S::conditions, kOmitEmpty),
                           Field("addresses", &S::addresses, kOmitEmpty),
                           Field("nodeInfo", &S::node_info, kOmitEmpty));
  }
  bool operator==(const NodeStatus&) const = default;
};

struct Node {
  api::TypeMeta type_meta;
  ObjectMeta metadata;
  NodeSpec spec;
  NodeStatus status;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    return std::make_tuple(api::Inline(&Node::type_meta), Field("metadata", &Node::metadata),
                           Field("spec", &Node::spec), Field("status", &Node::status));
  }
  bool operator==(const Node&) const = default;
};

template <>
struct ResourceTraits<Node> : PreservingCodec<Node> {
  static constexpr const client::TypedResource& kResource = client::kNodes;
};

}  // namespace navigator::kube
