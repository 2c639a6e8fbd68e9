#pragma once

// navigator.jetstack.io/v1alpha1 <-> the internal form. The internal types'
// JSON descriptors are v1alpha1's wire form, so conversion is field for field;
// this is the one place a future version's differences would be handled.

#include <boost/json/value.hpp>

#include "navigator/api/codec/json_codec.h"

namespace navigator::api::v1alpha1 {

inline constexpr std::string_view kVersion = "v1alpha1";

template <typename T>
void ToInternal(const boost::json::value& wire, T& out, DecodeContext& ctx) {
  DecodeJson(wire, out, ctx);
}

// Appends the wire fields of `in` to `out` (which already holds apiVersion
// and kind).
template <typename T>
void FromInternal(const T& in, boost::json::object& out) {
  codec_internal::EncodeFields(in, out);
}

}  // namespace navigator::api::v1alpha1
