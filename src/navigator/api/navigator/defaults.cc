#include "navigator/api/navigator/defaults.h"

namespace navigator::api {
namespace {

void SetImageDefaults(ImageSpec& image) {
  if (image.pull_policy.empty()) image.pull_policy = kDefaultPullPolicy;
}

void SetClusterConfigDefaults(NavigatorClusterConfig& config) {
  SetImageDefaults(config.pilot_image);
}

}  // namespace

void SetDefaults(ElasticsearchCluster& cluster) {
  ElasticsearchClusterSpec& spec = cluster.spec;
  SetClusterConfigDefaults(spec.config);
  for (auto& pool : spec.node_pools) {
    if (!pool.replicas) pool.replicas = 1;
  }
  if (spec.image) SetImageDefaults(*spec.image);
}

void SetDefaults(CassandraCluster& cluster) {
  CassandraClusterSpec& spec = cluster.spec;
  SetClusterConfigDefaults(spec.config);
  for (auto& pool : spec.node_pools) {
    if (!pool.datacenter) pool.datacenter = kDefaultCassandraDatacenter;
    if (!pool.rack) pool.rack = pool.name;
    if (!pool.replicas) pool.replicas = 1;
  }
  if (spec.image) SetImageDefaults(*spec.image);
}

void SetDefaults(Pilot&) {}

}  // namespace navigator::api
