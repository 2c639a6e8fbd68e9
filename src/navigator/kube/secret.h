#pragma once

// core/v1 Secret: credentials and certificates of a database cluster. `data`
// holds the decoded bytes (base64 only on the wire); `string_data` is the
// write-only plain-text form the server merges into data.

#include <map>
#include <optional>
#include <string>
#include <tuple>

#include "navigator/kube/bytes.h"
#include "navigator/kube/resource_traits.h"

namespace navigator::kube {

struct Secret {
  api::TypeMeta type_meta;
  ObjectMeta metadata;
  std::optional<bool> immutable;
  std::map<std::string, Bytes> data;
  std::map<std::string, std::string> string_data;
  std::string type;  // Opaque (the default), kubernetes.io/tls, ...
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using S = Secret;
    return std::make_tuple(
        api::Inline(&S::type_meta), Field("metadata", &S::metadata),
        Field("immutable", &S::immutable, kOmitEmpty), Field("data", &S::data, kOmitEmpty),
        Field("stringData", &S::string_data, kOmitEmpty), Field("type", &S::type, kOmitEmpty));
  }
  bool operator==(const Secret&) const = default;
};

template <>
struct ResourceTraits<Secret> : PreservingCodec<Secret> {
  static constexpr const client::TypedResource& kResource = client::kSecrets;
};

}  // namespace navigator::kube
