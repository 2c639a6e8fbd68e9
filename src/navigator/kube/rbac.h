#pragma once

// rbac.authorization.k8s.io/v1 Role and RoleBinding: what the pilots of a
// cluster may do in its namespace.

#include <string>
#include <tuple>
#include <vector>

#include "navigator/kube/resource_traits.h"

namespace navigator::kube {

struct PolicyRule {
  std::vector<std::string> verbs;
  std::vector<std::string> api_groups;
  std::vector<std::string> resources;
  std::vector<std::string> resource_names;
  std::vector<std::string> non_resource_urls;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using R = PolicyRule;
    return std::make_tuple(Field("verbs", &R::verbs, kOmitEmpty),
                           Field("apiGroups", &R::api_groups, kOmitEmpty),
                           Field("resources", &R::resources, kOmitEmpty),
                           Field("resourceNames", &R::resource_names, kOmitEmpty),
                           Field("nonResourceURLs", &R::non_resource_urls, kOmitEmpty));
  }
  bool operator==(const PolicyRule&) const = default;
};

struct Role {
  api::TypeMeta type_meta;
  ObjectMeta metadata;
  std::vector<PolicyRule> rules;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    return std::make_tuple(api::Inline(&Role::type_meta), Field("metadata", &Role::metadata),
                           Field("rules", &Role::rules, kOmitEmpty));
  }
  bool operator==(const Role&) const = default;
};

struct Subject {
  std::string kind;  // User | Group | ServiceAccount
  std::string api_group;
  std::string name;
  std::string namespace_;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using S = Subject;
    return std::make_tuple(Field("kind", &S::kind), Field("apiGroup", &S::api_group, kOmitEmpty),
                           Field("name", &S::name), Field("namespace", &S::namespace_, kOmitEmpty));
  }
  bool operator==(const Subject&) const = default;
};

struct RoleRef {
  std::string api_group;  // rbac.authorization.k8s.io
  std::string kind;       // Role | ClusterRole
  std::string name;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using R = RoleRef;
    return std::make_tuple(Field("apiGroup", &R::api_group), Field("kind", &R::kind),
                           Field("name", &R::name));
  }
  bool operator==(const RoleRef&) const = default;
};

struct RoleBinding {
  api::TypeMeta type_meta;
  ObjectMeta metadata;
  std::vector<Subject> subjects;
  RoleRef role_ref;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using B = RoleBinding;
    return std::make_tuple(api::Inline(&B::type_meta), Field("metadata", &B::metadata),
                           Field("subjects", &B::subjects, kOmitEmpty),
                           Field("roleRef", &B::role_ref));
  }
  bool operator==(const RoleBinding&) const = default;
};

template <>
struct ResourceTraits<Role> : PreservingCodec<Role> {
  static constexpr const client::TypedResource& kResource = client::kRoles;
};

template <>
struct ResourceTraits<RoleBinding> : PreservingCodec<RoleBinding> {
  static constexpr const client::TypedResource& kResource = client::kRoleBindings;
};

}  // namespace navigator::kube
