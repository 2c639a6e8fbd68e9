#pragma once

// core/v1 Service: the headless and client services in front of a database
// cluster -- type, cluster IP, ports, selector, publishNotReadyAddresses.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "navigator/kube/int_or_string.h"
#include "navigator/kube/resource_traits.h"

namespace navigator::kube {

struct ServicePort {
  std::string name;
  std::string protocol;  // TCP (the default) | UDP | SCTP
  std::optional<std::string> app_protocol;
  int32_t port = 0;
  std::optional<IntOrString> target_port;  // the port itself when unset
  int32_t node_port = 0;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using P = ServicePort;
    return std::make_tuple(
        Field("name", &P::name, kOmitEmpty), Field("protocol", &P::protocol, kOmitEmpty),
        Field("appProtocol", &P::app_protocol, kOmitEmpty), Field("port", &P::port),
        Field("targetPort", &P::target_port, kOmitEmpty),
        Field("nodePort", &P::node_port, kOmitEmpty));
  }
  bool operator==(const ServicePort&) const = default;
};

struct ServiceSpec {
  std::vector<ServicePort> ports;
  std::map<std::string, std::string> selector;
  std::string cluster_ip;  // "None" for a headless service
  std::vector<std::string> cluster_ips;
  std::string type;  // ClusterIP | NodePort | LoadBalancer | ExternalName
  std::string session_affinity;
  bool publish_not_ready_addresses = false;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using S = ServiceSpec;
    return std::make_tuple(
        Field("ports", &S::ports, kOmitEmpty), Field("selector", &S::selector, kOmitEmpty),
        Field("clusterIP", &S::cluster_ip, kOmitEmpty),
        Field("clusterIPs", &S::cluster_ips, kOmitEmpty), Field("type", &S::type, kOmitEmpty),
        Field("sessionAffinity", &S::session_affinity, kOmitEmpty),
        Field("publishNotReadyAddresses", &S::publish_not_ready_addresses, kOmitEmpty));
  }
  bool operator==(const ServiceSpec&) const = default;
};

struct ServiceStatus {
  boost::json::value load_balancer;  // LoadBalancerStatus
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    return std::make_tuple(Field("loadBalancer", &ServiceStatus::load_balancer, kOmitEmpty));
  }
  bool operator==(const ServiceStatus&) const = default;
};

struct Service {
  api::TypeMeta type_meta;
  ObjectMeta metadata;
  ServiceSpec spec;
  ServiceStatus status;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    return std::make_tuple(api::Inline(&Service::type_meta), Field("metadata", &Service::metadata),
                           Field("spec", &Service::spec), Field("status", &Service::status));
  }
  bool operator==(const Service&) const = default;
};

template <>
struct ResourceTraits<Service> : PreservingCodec<Service> {
  static constexpr const client::TypedResource& kResource = client::kServices;
};

}  // namespace navigator::kube
