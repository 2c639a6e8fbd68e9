#pragma once

// ElasticsearchCluster (reference: navigator-api.md §2.2), internal form.

#include "navigator/api/meta/object_meta.h"
#include "navigator/api/navigator/common.h"
#include "navigator/api/navigator/version_field.h"

namespace navigator::api {

struct ElasticsearchClusterNodePool {
  std::string name;
  std::optional<int32_t> replicas;
  std::vector<std::string> roles;  // data | master | ingest
  std::map<std::string, std::string> node_selector;
  ResourceRequirements resources;
  std::optional<PersistenceConfig> persistence;
  std::string scheduler_name;

  static constexpr auto JsonFields() {
    using P = ElasticsearchClusterNodePool;
    return std::make_tuple(Field("name", &P::name), Field("replicas", &P::replicas, kOmitEmpty),
                           Field("roles", &P::roles, kOmitEmpty),
                           Field("nodeSelector", &P::node_selector, kOmitEmpty),
                           Field("resources", &P::resources, kOmitEmpty),
                           Field("persistence", &P::persistence, kOmitEmpty),
                           Field("schedulerName", &P::scheduler_name, kOmitEmpty));
  }
  bool operator==(const ElasticsearchClusterNodePool&) const = default;
};

struct ElasticsearchClusterSpec {
  NavigatorClusterConfig config;
  VersionField<Semver> version;
  std::vector<std::string> plugins;
  std::vector<ElasticsearchClusterNodePool> node_pools;
  std::optional<ImageSpec> image;
  std::optional<int32_t> minimum_masters;

  static constexpr auto JsonFields() {
    using S = ElasticsearchClusterSpec;
    return std::make_tuple(Inline(&S::config), Field("version", &S::version),
                           Field("plugins", &S::plugins, kOmitEmpty),
                           Field("nodePools", &S::node_pools, kOmitEmpty),
                           Field("image", &S::image, kOmitEmpty),
                           Field("minimumMasters", &S::minimum_masters, kOmitEmpty));
  }
  bool operator==(const ElasticsearchClusterSpec&) const = default;
};

struct ElasticsearchClusterStatus {
  NavigatorClusterStatus cluster;
  std::map<std::string, NodePoolStatus> node_pools;
  std::optional<std::string> health;  // Red | Yellow | Green

  static constexpr auto JsonFields() {
    using S = ElasticsearchClusterStatus;
    return std::make_tuple(Inline(&S::cluster), Field("nodePools", &S::node_pools, kOmitEmpty),
                           Field("health", &S::health, kOmitEmpty));
  }
  bool operator==(const ElasticsearchClusterStatus&) const = default;
};

struct ElasticsearchCluster {
  TypeMeta type_meta;
  ObjectMeta metadata;
  ElasticsearchClusterSpec spec;
  ElasticsearchClusterStatus status;

  static constexpr auto JsonFields() {
    using C = ElasticsearchCluster;
    return std::make_tuple(Inline(&C::type_meta), Field("metadata", &C::metadata),
                           Field("spec", &C::spec), Field("status", &C::status));
  }
  bool operator==(const ElasticsearchCluster&) const = default;
};

}  // namespace navigator::api
