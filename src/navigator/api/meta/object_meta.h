#pragma once

// metav1.TypeMeta, ObjectMeta, ListMeta and their parts, with the same JSON
// names, omitempty rules and merge keys as k8s.io/apimachinery. Descriptions
// and schema names feed the published OpenAPI (api/codec/json_schema.h).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "navigator/api/codec/json_codec.h"
#include "navigator/api/meta/time.h"

namespace navigator::api {

struct TypeMeta {
  std::string api_version;
  std::string kind;

  static constexpr auto JsonFields() {
    return std::make_tuple(
        Field("apiVersion", &TypeMeta::api_version, kOmitEmpty)
            .Doc("The versioned schema of this representation of the object, as group/version, "
                 "for example navigator.jetstack.io/v1alpha1. Versions the server does not "
                 "serve are refused."),
        Field("kind", &TypeMeta::kind, kOmitEmpty)
            .Doc("The type of the object, in CamelCase, for example ElasticsearchCluster. In a "
                 "request body it must match the resource the request is sent to."));
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

  static constexpr std::string_view kJsonSchemaName =
      "io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference";
  static constexpr std::string_view kJsonDescription =
      "Identifies an object that owns this one. The owner must be in the same namespace, or be "
      "cluster-scoped.";
  static constexpr auto JsonFields() {
    using R = OwnerReference;
    return std::make_tuple(
        Field("apiVersion", &R::api_version).Doc("API version of the owner.").Required(),
        Field("kind", &R::kind).Doc("Kind of the owner, in CamelCase.").Required(),
        Field("name", &R::name).Doc("Name of the owner.").Required(),
        Field("uid", &R::uid).Doc("UID of the owner; the key ownerReferences merge by.").Required(),
        Field("controller", &R::controller, kOmitEmpty)
            .Doc("True when the owner is the managing controller of this object. At most one "
                 "owner reference may be the controller."),
        Field("blockOwnerDeletion", &R::block_owner_deletion, kOmitEmpty)
            .Doc("When true and the owner is being deleted in the foreground, the owner is not "
                 "removed from storage until this object is gone."));
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

  static constexpr std::string_view kJsonSchemaName =
      "io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry";
  static constexpr std::string_view kJsonDescription =
      "The fields of the object one field manager (a workflow) owns, and how it last wrote them.";
  static constexpr auto JsonFields() {
    using E = ManagedFieldsEntry;
    return std::make_tuple(
        Field("manager", &E::manager, kOmitEmpty)
            .Doc("Name of the workflow (field manager) that owns these fields."),
        Field("operation", &E::operation, kOmitEmpty)
            .Doc("The kind of write that produced this entry: Apply or Update."),
        Field("apiVersion", &E::api_version, kOmitEmpty)
            .Doc("The API version the fields were written in; fieldsV1 is interpreted in it."),
        Field("time", &E::time, kOmitEmpty)
            .Doc("When this entry last changed: a field was added, changed its value, or was "
                 "removed."),
        Field("fieldsType", &E::fields_type, kOmitEmpty)
            .Doc("Format of the fields description; the only format is FieldsV1."),
        Field("fieldsV1", &E::fields_v1, kOmitEmpty)
            .Doc("The owned fields, as a tree of field paths in the FieldsV1 format."),
        Field("subresource", &E::subresource, kOmitEmpty)
            .Doc("The subresource the write went through (status), or empty for the object "
                 "itself."));
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

  static constexpr std::string_view kJsonSchemaName =
      "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
  static constexpr std::string_view kJsonDescription =
      "Metadata every stored object has: its name and namespace, labels and annotations, owners "
      "and finalizers, and the identity and version fields the server maintains.";
  static constexpr auto JsonFields() {
    using O = ObjectMeta;
    return std::make_tuple(
        Field("name", &O::name, kOmitEmpty)
            .Doc("Name of the object, unique within its namespace and kind. Required on create "
                 "unless generateName is set; cannot be changed. Must be a DNS subdomain."),
        Field("generateName", &O::generate_name, kOmitEmpty)
            .Doc("Prefix from which the server makes a unique name, by appending random "
                 "characters, when name is empty on create."),
        Field("namespace", &O::namespace_, kOmitEmpty)
            .Doc("The namespace the object lives in; taken from the request path when empty. "
                 "Cannot be changed."),
        Field("selfLink", &O::self_link, kOmitEmpty).Doc("Deprecated; never set by the server."),
        Field("uid", &O::uid, kOmitEmpty)
            .Doc("Unique identifier of this object across time, set by the server on create. "
                 "Read-only."),
        Field("resourceVersion", &O::resource_version, kOmitEmpty)
            .Doc("Opaque version of the object, changed by every write. Send it back on update "
                 "so that a concurrent change is detected (409 Conflict); start a watch from "
                 "it. Read-only."),
        Field("generation", &O::generation, kOmitEmpty)
            .Doc("Sequence number of the desired state: incremented by the server whenever the "
                 "spec changes. Read-only."),
        Field("creationTimestamp", &O::creation_timestamp)
            .Doc("When the object was created (RFC 3339, UTC), set by the server. Read-only."),
        Field("deletionTimestamp", &O::deletion_timestamp, kOmitEmpty)
            .Doc("When deletion was requested, set by the server while finalizers remain; the "
                 "object stays readable until its finalizers are removed. Read-only."),
        Field("deletionGracePeriodSeconds", &O::deletion_grace_period_seconds, kOmitEmpty)
            .Doc("Seconds granted for graceful termination, set together with "
                 "deletionTimestamp. Read-only."),
        Field("labels", &O::labels, kOmitEmpty)
            .Doc("Key/value strings that organise objects and select them with label "
                 "selectors (kubectl get -l)."),
        Field("annotations", &O::annotations, kOmitEmpty)
            .Doc("Key/value strings where tools and controllers keep arbitrary, non-identifying "
                 "metadata. Not usable in selectors."),
        Field("ownerReferences", &O::owner_references, kOmitEmpty)
            .Doc("The objects this object belongs to. Once every owner is gone the garbage "
                 "collector deletes this object. Merged by uid.")
            .MergeKey("uid"),
        Field("finalizers", &O::finalizers, kOmitEmpty)
            .Doc("Keys that must all be removed, each by the controller that owns it, before a "
                 "deleted object is removed from storage. Merged as a set.")
            .MergeSet(),
        Field("managedFields", &O::managed_fields, kOmitEmpty)
            .Doc("Which field manager owns which fields, maintained by the server for "
                 "server-side apply. Rarely edited by hand."));
  }
  bool operator==(const ObjectMeta&) const = default;
};

struct ListMeta {
  std::string self_link;
  std::string resource_version;
  std::string continue_;
  std::optional<int64_t> remaining_item_count;

  static constexpr std::string_view kJsonSchemaName =
      "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta";
  static constexpr std::string_view kJsonDescription =
      "Metadata of a list: the version it was read at and, when paginated, how to continue.";
  static constexpr auto JsonFields() {
    using L = ListMeta;
    return std::make_tuple(
        Field("selfLink", &L::self_link, kOmitEmpty).Doc("Deprecated; never set by the server."),
        Field("resourceVersion", &L::resource_version, kOmitEmpty)
            .Doc("The version the list was read at; watch from it to see every later change. "
                 "Read-only."),
        Field("continue", &L::continue_, kOmitEmpty)
            .Doc("Set when more items remain: pass it as the continue parameter, with the same "
                 "query, to read the next page. An expired token is refused with 410 Gone."),
        Field("remainingItemCount", &L::remaining_item_count, kOmitEmpty)
            .Doc("Estimated number of items after this page, when the list was paginated."));
  }
  bool operator==(const ListMeta&) const = default;
};

}  // namespace navigator::api
