#pragma once

// metav1.ObjectMeta and OwnerReference as controllers read and write them.
// Fields not modelled here (managedFields, selfLink, anything newer) are kept
// in `unknown_fields` and written back unchanged (preserving.h).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "navigator/api/meta/object_meta.h"  // api::TypeMeta
#include "navigator/api/meta/time.h"
#include "navigator/kube/preserving.h"

namespace navigator::kube {

using api::Field;
using api::kOmitEmpty;
using api::Time;

struct OwnerReference {
  std::string api_version;
  std::string kind;
  std::string name;
  std::string uid;
  std::optional<bool> controller;
  std::optional<bool> block_owner_deletion;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using R = OwnerReference;
    return std::make_tuple(Field("apiVersion", &R::api_version), Field("kind", &R::kind),
                           Field("name", &R::name), Field("uid", &R::uid),
                           Field("controller", &R::controller, kOmitEmpty),
                           Field("blockOwnerDeletion", &R::block_owner_deletion, kOmitEmpty));
  }
  bool operator==(const OwnerReference&) const = default;
};

struct ObjectMeta {
  std::string name;
  std::string generate_name;
  std::string namespace_;
  std::string uid;
  std::string resource_version;
  int64_t generation = 0;
  std::optional<Time> creation_timestamp;  // written as null when unset, as Go does
  std::optional<Time> deletion_timestamp;
  std::optional<int64_t> deletion_grace_period_seconds;
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> annotations;
  std::vector<OwnerReference> owner_references;
  std::vector<std::string> finalizers;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using O = ObjectMeta;
    return std::make_tuple(
        Field("name", &O::name, kOmitEmpty), Field("generateName", &O::generate_name, kOmitEmpty),
        Field("namespace", &O::namespace_, kOmitEmpty), Field("uid", &O::uid, kOmitEmpty),
        Field("resourceVersion", &O::resource_version, kOmitEmpty),
        Field("generation", &O::generation, kOmitEmpty),
        Field("creationTimestamp", &O::creation_timestamp),
        Field("deletionTimestamp", &O::deletion_timestamp, kOmitEmpty),
        Field("deletionGracePeriodSeconds", &O::deletion_grace_period_seconds, kOmitEmpty),
        Field("labels", &O::labels, kOmitEmpty), Field("annotations", &O::annotations, kOmitEmpty),
        Field("ownerReferences", &O::owner_references, kOmitEmpty),
        Field("finalizers", &O::finalizers, kOmitEmpty));
  }
  bool operator==(const ObjectMeta&) const = default;
};

// The owner reference with controller: true, if any.
const OwnerReference* ControllerOf(const ObjectMeta& meta);

// Whether `meta` lists `finalizer`.
bool HasFinalizer(const ObjectMeta& meta, std::string_view finalizer);

}  // namespace navigator::kube
