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

  static constexpr std::string_view kJsonSchemaName =
      "io.jetstack.navigator.v1alpha1.CassandraClusterNodePool";
  static constexpr std::string_view kJsonDescription =
      "A group of Cassandra nodes in one datacenter and rack, run as one StatefulSet.";
  static constexpr auto JsonFields() {
    using P = CassandraClusterNodePool;
    return std::make_tuple(
        Field("name", &P::name)
            .Doc("Name of the pool, unique within the cluster: a DNS label, as it names the "
                 "pool's StatefulSet. Pools are matched by name across updates and patches.")
            .Required(),
        Field("replicas", &P::replicas, kOmitEmpty)
            .Doc("Number of Cassandra nodes in the pool; 0 or more, default 1. May change after "
                 "creation; nodes are decommissioned before they are removed."),
        Field("persistence", &P::persistence, kOmitEmpty).Doc(kPoolPersistenceDoc),
        Field("nodeSelector", &P::node_selector, kOmitEmpty).Doc(kNodeSelectorDoc),
        Field("rack", &P::rack, kOmitEmpty)
            .Doc("Cassandra rack of the pool's nodes; defaults to the pool's name."),
        Field("datacenter", &P::datacenter, kOmitEmpty)
            .Doc("Cassandra datacenter of the pool's nodes; defaults to "
                 "navigator-default-datacenter."),
        Field("resources", &P::resources, kOmitEmpty)
            .Doc("CPU and memory requests and limits of each Cassandra container."),
        Field("schedulerName", &P::scheduler_name, kOmitEmpty).Doc(kSchedulerNameDoc));
  }
  bool operator==(const CassandraClusterNodePool&) const = default;
};

struct CassandraClusterSpec {
  NavigatorClusterConfig config;
  std::vector<CassandraClusterNodePool> node_pools;
  std::optional<ImageSpec> image;
  VersionField<LenientVersion> version;

  static constexpr std::string_view kJsonSchemaName =
      "io.jetstack.navigator.v1alpha1.CassandraClusterSpec";
  static constexpr std::string_view kJsonDescription = "Desired state of a Cassandra cluster.";
  static constexpr auto JsonFields() {
    using S = CassandraClusterSpec;
    return std::make_tuple(
        Inline(&S::config),
        Field("nodePools", &S::node_pools, kOmitEmpty)
            .Doc("The groups of nodes that make up the cluster; a cluster without pools does "
                 "not run. Merged by name.")
            .MergeKey("name"),
        Field("image", &S::image, kOmitEmpty)
            .Doc("Cassandra image to run. When unset, the controller runs "
                 "docker.io/cassandra:<version> with the version written as MAJOR.MINOR.PATCH."),
        Field("version", &S::version)
            .Doc("Cassandra version to run: a quoted version of one to three numbers (3.11, "
                 "4.0.13), at least 3.11 and below 5.1. Required; may only move forward, one "
                 "release line at a time.")
            .Required());
  }
  bool operator==(const CassandraClusterSpec&) const = default;
};

struct CassandraClusterStatus {
  NavigatorClusterStatus cluster;
  std::map<std::string, NodePoolStatus> node_pools;

  static constexpr std::string_view kJsonSchemaName =
      "io.jetstack.navigator.v1alpha1.CassandraClusterStatus";
  static constexpr std::string_view kJsonDescription =
      "Observed state of a Cassandra cluster, written by the controller through the status "
      "subresource.";
  static constexpr auto JsonFields() {
    using S = CassandraClusterStatus;
    return std::make_tuple(Inline(&S::cluster),
                           Field("nodePools", &S::node_pools, kOmitEmpty)
                               .Doc("Observed state of each node pool, by pool name."));
  }
  bool operator==(const CassandraClusterStatus&) const = default;
};

struct CassandraCluster {
  TypeMeta type_meta;
  ObjectMeta metadata;
  CassandraClusterSpec spec;
  CassandraClusterStatus status;

  static constexpr std::string_view kJsonSchemaName =
      "io.jetstack.navigator.v1alpha1.CassandraCluster";
  static constexpr std::string_view kJsonDescription =
      "A Cassandra cluster that Navigator creates, scales, upgrades and reports on.";
  static constexpr auto JsonFields() {
    using C = CassandraCluster;
    return std::make_tuple(
        Inline(&C::type_meta), Field("metadata", &C::metadata).Doc("Standard object metadata."),
        Field("spec", &C::spec).Doc("Desired state of the cluster."),
        Field("status", &C::status)
            .Doc("Observed state of the cluster. Written through the status subresource; "
                 "writes to the object itself keep the stored status."));
  }
  bool operator==(const CassandraCluster&) const = default;
};

}  // namespace navigator::api
