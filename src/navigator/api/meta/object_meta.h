#pragma once

// metav1.TypeMeta, ObjectMeta, ListMeta and their parts, with the same JSON
// names and omitempty rules as k8s.io/apimachinery.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "navigator/api/codec/json_codec.h"
#include "navigator/api/meta/time.h"

namespace navigator::api {

struct TypeMeta {
  std::string api_version;
  std::string kind;

  static constexpr auto JsonFields() {
    return std::make_tuple(Field("apiVersion", &TypeMeta::api_version, kOmitEmpty),
                           Field("kind", &TypeMeta::kind, kOmitEmpty));
  }
  bool operator==(const TypeMeta&) const = default;
};

struct OwnerReference {
  std::string api_version;
  std::string kind;
  std::string name;
  std::string uid;
  std::optional<bool> controller;
  std::optional<bool> block_owner_deletion;

  static constexpr auto JsonFields() {
    return std::make_tuple(
        Field("apiVersion", &OwnerReference::api_version), Field("kind", &OwnerReference::kind),
        Field("name", &OwnerReference::name), Field("uid", &OwnerReference::uid),
        Field("controller", &OwnerReference::controller, kOmitEmpty),
        Field("blockOwnerDeletion", &OwnerReference::block_owner_deletion, kOmitEmpty));
  }
  bool operator==(const OwnerReference&) const = default;
};

struct ManagedFieldsEntry {
  std::string manager;
  std::string operation;
  std::string api_version;
  std::optional<Time> time;
  std::string fields_type;
  std::optional<boost::json::value> fields_v1;
  std::string subresource;

  static constexpr auto JsonFields() {
    return std::make_tuple(Field("manager", &ManagedFieldsEntry::manager, kOmitEmpty),
                           Field("operation", &ManagedFieldsEntry::operation, kOmitEmpty),
                           Field("apiVersion", &ManagedFieldsEntry::api_version, kOmitEmpty),
                           Field("time", &ManagedFieldsEntry::time, kOmitEmpty),
                           Field("fieldsType", &ManagedFieldsEntry::fields_type, kOmitEmpty),
                           Field("fieldsV1", &ManagedFieldsEntry::fields_v1, kOmitEmpty),
                           Field("subresource", &ManagedFieldsEntry::subresource, kOmitEmpty));
  }
  bool operator==(const ManagedFieldsEntry&) const = default;
};

struct ObjectMeta {
  std::string name;
  std::string generate_name;
  std::string namespace_;
  std::string self_link;
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
  std::vector<ManagedFieldsEntry> managed_fields;

  static constexpr auto JsonFields() {
    return std::make_tuple(
        Field("name", &ObjectMeta::name, kOmitEmpty),
        Field("generateName", &ObjectMeta::generate_name, kOmitEmpty),
        Field("namespace", &ObjectMeta::namespace_, kOmitEmpty),
        Field("selfLink", &ObjectMeta::self_link, kOmitEmpty),
        Field("uid", &ObjectMeta::uid, kOmitEmpty),
        Field("resourceVersion", &ObjectMeta::resource_version, kOmitEmpty),
        Field("generation", &ObjectMeta::generation, kOmitEmpty),
        Field("creationTimestamp", &ObjectMeta::creation_timestamp),
        Field("deletionTimestamp", &ObjectMeta::deletion_timestamp, kOmitEmpty),
        Field("deletionGracePeriodSeconds", &ObjectMeta::deletion_grace_period_seconds, kOmitEmpty),
        Field("labels", &ObjectMeta::labels, kOmitEmpty),
        Field("annotations", &ObjectMeta::annotations, kOmitEmpty),
        Field("ownerReferences", &ObjectMeta::owner_references, kOmitEmpty),
        Field("finalizers", &ObjectMeta::finalizers, kOmitEmpty),
        Field("managedFields", &ObjectMeta::managed_fields, kOmitEmpty));
  }
  bool operator==(const ObjectMeta&) const = default;
};

struct ListMeta {
  std::string self_link;
  std::string resource_version;
  std::string continue_;
  std::optional<int64_t> remaining_item_count;

  static constexpr auto JsonFields() {
    return std::make_tuple(
        Field("selfLink", &ListMeta::self_link, kOmitEmpty),
        Field("resourceVersion", &ListMeta::resource_version, kOmitEmpty),
        Field("continue", &ListMeta::continue_, kOmitEmpty),
        Field("remainingItemCount", &ListMeta::remaining_item_count, kOmitEmpty));
  }
  bool operator==(const ListMeta&) const = default;
};

}  // namespace navigator::api
