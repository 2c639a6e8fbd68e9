#pragma once

// core/v1 PersistentVolumeClaim: a database node's data volume (and the
// shape of a StatefulSet's volumeClaimTemplates). Sizes are Quantities.

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "navigator/api/navigator/common.h"
#include "navigator/kube/label_selector.h"
#include "navigator/kube/resource_traits.h"

namespace navigator::kube {

using api::Quantity;

struct VolumeResourceRequirements {
  std::map<std::string, Quantity> limits;
  std::map<std::string, Quantity> requests;  // "storage": the size asked for
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using R = VolumeResourceRequirements;
    return std::make_tuple(Field("limits", &R::limits, kOmitEmpty),
                           Field("requests", &R::requests, kOmitEmpty));
  }
  bool operator==(const VolumeResourceRequirements&) const = default;
};

struct PersistentVolumeClaimSpec {
  std::vector<std::string> access_modes;  // ReadWriteOnce, ...
  std::optional<LabelSelector> selector;
  VolumeResourceRequirements resources;
  std::string volume_name;
  std::optional<std::string> storage_class_name;
  std::optional<std::string> volume_mode;  // Filesystem | Block
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using S = PersistentVolumeClaimSpec;
    return std::make_tuple(Field("accessModes", &S::access_modes, kOmitEmpty),
                           Field("selector", &S::selector, kOmitEmpty),
                           Field("resources", &S::resources),
                           Field("volumeName", &S::volume_name, kOmitEmpty),
                           Field("storageClassName", &S::storage_class_name, kOmitEmpty),
                           Field("volumeMode", &S::volume_mode, kOmitEmpty));
  }
  bool operator==(const PersistentVolumeClaimSpec&) const = default;
};

struct PersistentVolumeClaimStatus {
  std::string phase;  // Pending | Bound | Lost
  std::vector<std::string> access_modes;
  std::map<std::string, Quantity> capacity;
  boost::json::value conditions;  // []PersistentVolumeClaimCondition
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using S = PersistentVolumeClaimStatus;
    return std::make_tuple(Field("phase", &S::phase, kOmitEmpty),
                           Field("accessModes", &S::access_modes, kOmitEmpty),
                           Field("capacity", &S::capacity, kOmitEmpty),
                           Field("conditions", &S::conditions, kOmitEmpty));
  }
  bool operator==(const PersistentVolumeClaimStatus&) const = default;
};

struct PersistentVolumeClaim {
  api::TypeMeta type_meta;
  ObjectMeta metadata;
  PersistentVolumeClaimSpec spec;
  PersistentVolumeClaimStatus status;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using C = PersistentVolumeClaim;
    return std::make_tuple(api::Inline(&C::type_meta), Field("metadata", &C::metadata),
                           Field("spec", &C::spec), Field("status", &C::status));
  }
  bool operator==(const PersistentVolumeClaim&) const = default;
};

template <>
struct ResourceTraits<PersistentVolumeClaim> : PreservingCodec<PersistentVolumeClaim> {
  static constexpr const client::TypedResource& kResource = client::kPersistentVolumeClaims;
};

}  // namespace navigator::kube
