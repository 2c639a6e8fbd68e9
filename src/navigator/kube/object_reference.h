#pragma once

// core/v1 ObjectReference (an Event's involvedObject, an endpoint's
// targetRef) and LocalObjectReference (a name in the same namespace).

#include <string>
#include <tuple>

#include "navigator/kube/object_meta.h"

namespace navigator::kube {

struct ObjectReference {
  std::string kind;
  std::string namespace_;
  std::string name;
  std::string uid;
  std::string api_version;
  std::string resource_version;
  std::string field_path;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using R = ObjectReference;
    return std::make_tuple(Field("kind", &R::kind, kOmitEmpty),
                           Field("namespace", &R::namespace_, kOmitEmpty),
                           Field("name", &R::name, kOmitEmpty), Field("uid", &R::uid, kOmitEmpty),
                           Field("apiVersion", &R::api_version, kOmitEmpty),
                           Field("resourceVersion", &R::resource_version, kOmitEmpty),
                           Field("fieldPath", &R::field_path, kOmitEmpty));
  }
  bool operator==(const ObjectReference&) const = default;
};

struct LocalObjectReference {
  std::string name;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    return std::make_tuple(Field("name", &LocalObjectReference::name, kOmitEmpty));
  }
  bool operator==(const LocalObjectReference&) const = default;
};

}  // namespace navigator::kube
