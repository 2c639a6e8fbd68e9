#pragma once

// coordination.k8s.io/v1 Lease: leader election of navigator-controller and
// the pilots' heartbeats. Times are MicroTime (six fractional digits).

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>

#include "navigator/kube/micro_time.h"
#include "navigator/kube/resource_traits.h"

namespace navigator::kube {

struct LeaseSpec {
  std::optional<std::string> holder_identity;
  std::optional<int32_t> lease_duration_seconds;
  std::optional<MicroTime> acquire_time;
  std::optional<MicroTime> renew_time;
  std::optional<int32_t> lease_transitions;
  std::optional<std::string> strategy;
  std::optional<std::string> preferred_holder;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using S = LeaseSpec;
    return std::make_tuple(Field("holderIdentity", &S::holder_identity, kOmitEmpty),
                           Field("leaseDurationSeconds", &S::lease_duration_seconds, kOmitEmpty),
                           Field("acquireTime", &S::acquire_time, kOmitEmpty),
                           Field("renewTime", &S::renew_time, kOmitEmpty),
                           Field("leaseTransitions", &S::lease_transitions, kOmitEmpty),
                           Field("strategy", &S::strategy, kOmitEmpty),
                           Field("preferredHolder", &S::preferred_holder, kOmitEmpty));
  }
  bool operator==(const LeaseSpec&) const = default;
};

struct Lease {
  api::TypeMeta type_meta;
  ObjectMeta metadata;
  LeaseSpec spec;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    return std::make_tuple(api::Inline(&Lease::type_meta), Field("metadata", &Lease::metadata),
                           Field("spec", &Lease::spec));
  }
  bool operator==(const Lease&) const = default;
};

template <>
struct ResourceTraits<Lease> : PreservingCodec<Lease> {
  static constexpr const client::TypedResource& kResource = client::kLeases;
};

}  // namespace navigator::kube
