#pragma once

// metav1.MicroTime fields (a Lease's acquireTime/renewTime, an Event's
// eventTime): api::MicroTime (microseconds, UTC) read from RFC 3339 with
// any offset and fraction, written with exactly six fractional digits.

#include "navigator/api/codec/json_codec.h"
#include "navigator/api/meta/micro_time.h"

namespace navigator::kube {

using MicroTime = api::MicroTime;

}  // namespace navigator::kube

namespace navigator::api {

template <>
struct JsonTraits<kube::MicroTime> {
  static void Decode(const boost::json::value& v, kube::MicroTime& out, DecodeContext& ctx);
  static boost::json::value Encode(const kube::MicroTime& in);
  static bool IsEmpty(const kube::MicroTime&) { return false; }
};

}  // namespace navigator::api
