#pragma once

// Defaulting (reference: navigator-api.md §2.6). Applied on every decode, from
// requests and from storage, so older stored objects gain new defaults on read.
// Idempotent.

#include "navigator/api/navigator/cassandra_cluster.h"
#include "navigator/api/navigator/elasticsearch_cluster.h"
#include "navigator/api/navigator/pilot.h"

namespace navigator::api {

inline constexpr char kDefaultPullPolicy[] = "IfNotPresent";
inline constexpr char kDefaultCassandraDatacenter[] = "navigator-default-datacenter";

void SetDefaults(ElasticsearchCluster& cluster);
void SetDefaults(CassandraCluster& cluster);
void SetDefaults(Pilot& pilot);  // Pilot has no defaults; present for uniformity.

}  // namespace navigator::api
