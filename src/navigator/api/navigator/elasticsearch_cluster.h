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

  static constexpr std::string_view kJsonSchemaName =
      "io.jetstack.navigator.v1alpha1.ElasticsearchClusterNodePool";
  static constexpr std::string_view kJsonDescription =
      "A group of Elasticsearch nodes with the same roles, resources and storage, run as one "
      "StatefulSet.";
  static constexpr auto JsonFields() {
    using P = ElasticsearchClusterNodePool;
    return std::make_tuple(
        Field("name", &P::name)
            .Doc("Name of the pool, unique within the cluster: a DNS subdomain. Pools are "
                 "matched by name across updates and patches.")
            .Required(),
        Field("replicas", &P::replicas, kOmitEmpty)
            .Doc("Number of Elasticsearch nodes in the pool; 0 or more, default 1. May change "
                 "after creation."),
        Field("roles", &P::roles, kOmitEmpty)
            .Doc("Elasticsearch roles of every node in the pool: one or more of data, ingest "
                 "and master. Cannot change after creation."),
        Field("nodeSelector", &P::node_selector, kOmitEmpty).Doc(kNodeSelectorDoc),
        Field("resources", &P::resources, kOmitEmpty)
            .Doc("CPU and memory requests and limits of each Elasticsearch container."),
        Field("persistence", &P::persistence, kOmitEmpty).Doc(kPoolPersistenceDoc),
        Field("schedulerName", &P::scheduler_name, kOmitEmpty).Doc(kSchedulerNameDoc));
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

  static constexpr std::string_view kJsonSchemaName =
      "io.jetstack.navigator.v1alpha1.ElasticsearchClusterSpec";
  static constexpr std::string_view kJsonDescription =
      "Desired state of an Elasticsearch (or OpenSearch) cluster.";
  static constexpr auto JsonFields() {
    using S = ElasticsearchClusterSpec;
    return std::make_tuple(
        Inline(&S::config),
        Field("version", &S::version)
            .Doc("Elasticsearch version to run: a quoted semantic version MAJOR.MINOR.PATCH, at "
                 "least 5.0.0 and below 9.0.0. Required; may only move forward (no "
                 "downgrades).")
            .Required(),
        Field("plugins", &S::plugins, kOmitEmpty)
            .Doc("Names of Elasticsearch plugins the pilot installs on every node before "
                 "starting it."),
        Field("nodePools", &S::node_pools, kOmitEmpty)
            .Doc("The groups of nodes that make up the cluster; together they need at least "
                 "one master replica. Merged by name.")
            .MergeKey("name"),
        Field("image", &S::image, kOmitEmpty)
            .Doc("Elasticsearch image to run. When unset, the controller runs "
                 "docker.elastic.co/elasticsearch/elasticsearch:<version>."),
        Field("minimumMasters", &S::minimum_masters, kOmitEmpty)
            .Doc("How many master-eligible nodes must agree to elect a master. When unset the "
                 "controller uses the quorum; when set, at least the quorum (masters/2+1) and "
                 "at most the number of master replicas."));
  }
  bool operator==(const ElasticsearchClusterSpec&) const = default;
};

struct ElasticsearchClusterStatus {
  NavigatorClusterStatus cluster;
  std::map<std::string, NodePoolStatus> node_pools;
  std::optional<std::string> health;  // Red | Yellow | Green

  static constexpr std::string_view kJsonSchemaName =
      "io.jetstack.navigator.v1alpha1.ElasticsearchClusterStatus";
  static constexpr std::string_view kJsonDescription =
      "Observed state of an Elasticsearch cluster, written by the controller and the pilots "
      "through the status subresource.";
  static constexpr auto JsonFields() {
    using S = ElasticsearchClusterStatus;
    return std::make_tuple(
        Inline(&S::cluster),
        Field("nodePools", &S::node_pools, kOmitEmpty)
            .Doc("Observed state of each node pool, by pool name."),
        Field("health", &S::health, kOmitEmpty)
            .Doc("Elasticsearch cluster health as the pilots report it: Green, Yellow or Red."));
  }
  bool operator==(const ElasticsearchClusterStatus&) const = default;
};

struct ElasticsearchCluster {
  TypeMeta type_meta;
  ObjectMeta metadata;
  ElasticsearchClusterSpec spec;
  ElasticsearchClusterStatus status;

  static constexpr std::string_view kJsonSchemaName =
      "io.jetstack.navigator.v1alpha1.ElasticsearchCluster";
  static constexpr std::string_view kJsonDescription =
      "An Elasticsearch or OpenSearch cluster that Navigator creates, scales, upgrades and "
      "reports on.";
  static constexpr auto JsonFields() {
    using C = ElasticsearchCluster;
    return std::make_tuple(
        Inline(&C::type_meta), Field("metadata", &C::metadata).Doc("Standard object metadata."),
        Field("spec", &C::spec).Doc("Desired state of the cluster."),
        Field("status", &C::status)
            .Doc("Observed state of the cluster. Written through the status subresource; "
                 "writes to the object itself keep the stored status."));
  }
  bool operator==(const ElasticsearchCluster&) const = default;
};

}  // namespace navigator::api
