#pragma once

// Go []byte fields (a Secret's data, a ConfigMap's binaryData): raw bytes in
// memory, standard padded base64 on the wire.

#include <string>

#include "navigator/api/codec/json_codec.h"

namespace navigator::kube {

struct Bytes {
  std::string value;  // the decoded bytes

  bool operator==(const Bytes&) const = default;
};

}  // namespace navigator::kube

namespace navigator::api {

// Text that is not canonical padded base64 is an error at the field.
template <>
struct JsonTraits<kube::Bytes> {
  static void Decode(const boost::json::value& v, kube::Bytes& out, DecodeContext& ctx);
  static boost::json::value Encode(const kube::Bytes& in);
  static bool IsEmpty(const kube::Bytes& in) { return in.value.empty(); }
};

}  // namespace navigator::api
