#pragma once

// intstr.IntOrString: a field that holds either an int32 or a string, such
// as a PodDisruptionBudget's minAvailable ("50%" or 2) or a Service port's
// targetPort ("http" or 9200).

#include <cstdint>
#include <string>

#include "navigator/api/codec/json_codec.h"
#include "navigator/base/result.h"

namespace navigator::kube {

struct IntOrString {
  bool is_string = false;
  int32_t int_value = 0;  // when !is_string
  std::string str_value;  // when is_string

  static IntOrString Int(int32_t value) { return {false, value, {}}; }
  static IntOrString String(std::string value) { return {true, 0, std::move(value)}; }

  // "3" or "50%", for messages.
  std::string ToString() const;
  bool operator==(const IntOrString&) const = default;
};

// The absolute value of `v` against `total`, as Kubernetes'
// GetScaledValueFromIntOrPercent: an int is itself; "N%" is N percent of
// total, rounded up when `round_up`, else down. kBadRequest for any other
// string (or a percentage that is not a non-negative integer).
Result<int32_t> ScaledValue(const IntOrString& v, int32_t total, bool round_up);

}  // namespace navigator::kube

namespace navigator::api {

// A JSON number (an integer in the int32 range) or string; anything else is
// an error at the field.
template <>
struct JsonTraits<kube::IntOrString> {
  static void Decode(const boost::json::value& v, kube::IntOrString& out, DecodeContext& ctx);
  static boost::json::value Encode(const kube::IntOrString& in);
  static bool IsEmpty(const kube::IntOrString&) { return false; }
};

}  // namespace navigator::api
