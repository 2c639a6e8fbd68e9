#pragma once

// The group, its served versions and the three kinds' REST names: the one
// table discovery, routing and the codec read.

#include <array>
#include <string_view>

#include "navigator/api/navigator/cassandra_cluster.h"
#include "navigator/api/navigator/elasticsearch_cluster.h"
#include "navigator/api/navigator/pilot.h"

namespace navigator::api {

inline constexpr std::string_view kGroup = "navigator.jetstack.io";

// Served versions, preferred first. Serving another version takes a converter
// beside v1alpha1/ and one entry here.
inline constexpr std::array<std::string_view, 1> kServedVersions = {"v1alpha1"};
// The version objects are stored in.
inline constexpr std::string_view kStorageVersion = "v1alpha1";

struct ResourceInfo {
  std::string_view kind;
  std::string_view list_kind;
  std::string_view plural;
  std::string_view singular;
  std::array<std::string_view, 2> short_names;  // unused entries are empty
  bool namespaced = true;
};

template <typename T>
struct KindTraits;

template <>
struct KindTraits<ElasticsearchCluster> {
  static constexpr ResourceInfo kInfo{"ElasticsearchCluster",   "ElasticsearchClusterList",
                                      "elasticsearchclusters",  "elasticsearchcluster",
                                      {"esc", "elasticsearch"}, true};
};

template <>
struct KindTraits<CassandraCluster> {
  static constexpr ResourceInfo kInfo{"CassandraCluster",  "CassandraClusterList",
                                      "cassandraclusters", "cassandracluster",
                                      {"cassandra", ""},   true};
};

template <>
struct KindTraits<Pilot> {
  static constexpr ResourceInfo kInfo{"Pilot", "PilotList", "pilots", "pilot", {"", ""}, true};
};

inline constexpr std::array<const ResourceInfo*, 3> kAllResources = {
    &KindTraits<ElasticsearchCluster>::kInfo, &KindTraits<CassandraCluster>::kInfo,
    &KindTraits<Pilot>::kInfo};

}  // namespace navigator::api
