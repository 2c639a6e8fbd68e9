#pragma once

// CassandraCluster (reference: navigator-api.md §2.3), internal form.

#include "navigator/api/meta/object_meta.h"
#include "navigator/api/navigator/common.h"
#include "navigator/api/navigator/version_field.h"

namespace navigator::api {

struct CassandraClusterNodePool {
  std::string name;
  std::optional<int32_t> replicas;
  std::optional<PersistenceConfig> persistence;
  std::map<std::string, std::string> node_selector;
  std::optional<std::string> rack;
  std::optional<std::string> datacenter;
  ResourceRequirements resources;
  std::string scheduler_name;

  static constexpr auto JsonFields() {
    using P = CassandraClusterNodePool;
    return std::make_tuple(Field("name", &P::name), Field("replicas", &P::replicas, kOmitEmpty),
                           Field("persistence", &P::persistence, kOmitEmpty),
                           Field("nodeSelector", &P::node_selector, kOmitEmpty),
                           Field("rack", &P::rack, kOmitEmpty),
                           Field("datacenter", &P::datacenter, kOmitEmpty),
                           Field("resources", &P::resources, kOmitEmpty),
                           Field("schedulerName", &P::scheduler_name, kOmitEmpty));
  }
  bool operator==(const CassandraClusterNodePool&) const = default;
};

struct CassandraClusterSpec {
  NavigatorClusterConfig config;
  std::vector<CassandraClusterNodePool> node_pools;
  std::optional<ImageSpec> image;
  VersionField<LenientVersion> version;

  static constexpr auto JsonFields() {
    using S = CassandraClusterSpec;
    return std::make_tuple(Inline(&S::config), Field("nodePools", &S::node_pools, kOmitEmpty),
                           Field("image", &S::image, kOmitEmpty), Field("version", &S::version));
  }
  bool operator==(const CassandraClusterSpec&) const = default;
};

struct CassandraClusterStatus {
  NavigatorClusterStatus cluster;
  std::map<std::string, NodePoolStatus> node_pools;

  static constexpr auto JsonFields() {
    using S = CassandraClusterStatus;
    return std::make_tuple(Inline(&S::cluster), Field("nodePools", &S::node_pools, kOmitEmpty));
  }
  bool operator==(const CassandraClusterStatus&) const = default;
};

struct CassandraCluster {
  TypeMeta type_meta;
  ObjectMeta metadata;
  CassandraClusterSpec spec;
  CassandraClusterStatus status;

  static constexpr auto JsonFields() {
    using C = CassandraCluster;
    return std::make_tuple(Inline(&C::type_meta), Field("metadata", &C::metadata),
                           Field("spec", &C::spec), Field("status", &C::status));
  }
  bool operator==(const CassandraCluster&) const = default;
};

}  // namespace navigator::api
