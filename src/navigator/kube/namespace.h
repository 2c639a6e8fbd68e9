#pragma once

// core/v1 Namespace (cluster-scoped): whether a cluster's namespace is being
// deleted (status.phase Terminating), so that nothing new is created in it.

#include <string>
#include <tuple>
#include <vector>

#include "navigator/kube/resource_traits.h"

namespace navigator::kube {

struct NamespaceSpec {
  std::vector<std::string> finalizers;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    return std::make_tuple(Field("finalizers", &NamespaceSpec::finalizers, kOmitEmpty));
  }
  bool operator==(const NamespaceSpec&) const = default;
};

struct NamespaceStatus {
  std::string phase;              // Active | Terminating
  boost::json::value conditions;  // []NamespaceCondition
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    return std::make_tuple(Field("phase", &NamespaceStatus::phase, kOmitEmpty),
                           Field("conditions", &NamespaceStatus::conditions, kOmitEmpty));
  }
  bool operator==(const NamespaceStatus&) const = default;
};

struct Namespace {
  api::TypeMeta type_meta;
  ObjectMeta metadata;
  NamespaceSpec spec;
  NamespaceStatus status;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using N = Namespace;
    return std::make_tuple(api::Inline(&N::type_meta), Field("metadata", &N::metadata),
                           Field("spec", &N::spec), Field("status", &N::status));
  }
  bool operator==(const Namespace&) const = default;
};

template <>
struct ResourceTraits<Namespace> : PreservingCodec<Namespace> {
  static constexpr const client::TypedResource& kResource = client::kNamespaces;
};

}  // namespace navigator::kube
