#pragma once

// core/v1 ConfigMap: the database configuration files Navigator renders.

#include <map>
#include <optional>
#include <string>
#include <tuple>

#include "navigator/kube/bytes.h"
#include "navigator/kube/resource_traits.h"

namespace navigator::kube {

struct ConfigMap {
  api::TypeMeta type_meta;
  ObjectMeta metadata;
  std::optional<bool> immutable;
  std::map<std::string, std::string> data;
  std::map<std::string, Bytes> binary_data;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using C = ConfigMap;
    return std::make_tuple(api::Inline(&C::type_meta), Field("metadata", &C::metadata),
                           Field("immutable", &C::immutable, kOmitEmpty),
                           Field("data", &C::data, kOmitEmpty),
                           Field("binaryData", &C::binary_data, kOmitEmpty));
  }
  bool operator==(const ConfigMap&) const = default;
};

template <>
struct ResourceTraits<ConfigMap> : PreservingCodec<ConfigMap> {
  static constexpr const client::TypedResource& kResource = client::kConfigMaps;
};

}  // namespace navigator::kube
