#pragma once

// core/v1 Endpoints: the addresses behind a Service, ready and not ready
// (which database nodes a client service currently reaches).

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "navigator/kube/object_reference.h"
#include "navigator/kube/resource_traits.h"

namespace navigator::kube {

struct EndpointAddress {
  std::string ip;
  std::string hostname;
  std::optional<std::string> node_name;
  std::optional<ObjectReference> target_ref;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using A = EndpointAddress;
    return std::make_tuple(Field("ip", &A::ip), Field("hostname", &A::hostname, kOmitEmpty),
                           Field("nodeName", &A::node_name, kOmitEmpty),
                           Field("targetRef", &A::target_ref, kOmitEmpty));
  }
  bool operator==(const EndpointAddress&) const = default;
};

struct EndpointPort {
  std::string name;
  int32_t port = 0;
  std::string protocol;
  std::optional<std::string> app_protocol;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using P = EndpointPort;
    return std::make_tuple(Field("name", &P::name, kOmitEmpty), Field("port", &P::port),
                           Field("protocol", &P::protocol, kOmitEmpty),
                           Field("appProtocol", &P::app_protocol, kOmitEmpty));
  }
  bool operator==(const EndpointPort&) const = default;
};

struct EndpointSubset {
  std::vector<EndpointAddress> addresses;
  std::vector<EndpointAddress> not_ready_addresses;
  std::vector<EndpointPort> ports;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using S = EndpointSubset;
    return std::make_tuple(Field("addresses", &S::addresses, kOmitEmpty),
                           Field("notReadyAddresses", &S::not_ready_addresses, kOmitEmpty),
                           Field("ports", &S::ports, kOmitEmpty));
  }
  bool operator==(const EndpointSubset&) const = default;
};

struct Endpoints {
  api::TypeMeta type_meta;
  ObjectMeta metadata;
  std::vector<EndpointSubset> subsets;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    return std::make_tuple(api::Inline(&Endpoints::type_meta),
                           Field("metadata", &Endpoints::metadata),
                           Field("subsets", &Endpoints::subsets, kOmitEmpty));
  }
  bool operator==(const Endpoints&) const = default;
};

template <>
struct ResourceTraits<Endpoints> : PreservingCodec<Endpoints> {
  static constexpr const client::TypedResource& kResource = client::kEndpoints;
};

}  // namespace navigator::kube
