#pragma once

// What `kubectl get` shows for each Navigator kind: the column definitions of
// its meta.k8s.io Table and the cells of one object's row. Priority-0 columns
// are the default view, priority-1 columns are added by `-o wide`.

#include <boost/json/array.hpp>
#include <cstdint>
#include <span>
#include <string_view>

#include "navigator/api/navigator/cassandra_cluster.h"
#include "navigator/api/navigator/elasticsearch_cluster.h"
#include "navigator/api/navigator/pilot.h"
#include "navigator/base/clock.h"

namespace navigator::apiserver {

// metav1.TableColumnDefinition.
struct ColumnDefinition {
  std::string_view name;
  std::string_view type;    // an OpenAPI type: string, integer, number, boolean, date
  std::string_view format;  // "name" for the column holding metadata.name, else ""
  std::string_view description;
  int32_t priority = 0;  // 0: always shown; 1: shown with -o wide
};

// Specialised for each kind with
//   static std::span<const ColumnDefinition> Definitions();
//   // One cell per definition, in order; `now` gives the Age column.
//   static boost::json::array Cells(const T& object, Clock::TimePoint now);
// Both are pure and thread-safe.
template <typename T>
struct TableColumns;

template <>
struct TableColumns<api::ElasticsearchCluster> {
  static std::span<const ColumnDefinition> Definitions();
  static boost::json::array Cells(const api::ElasticsearchCluster& object, Clock::TimePoint now);
};

template <>
struct TableColumns<api::CassandraCluster> {
  static std::span<const ColumnDefinition> Definitions();
  static boost::json::array Cells(const api::CassandraCluster& object, Clock::TimePoint now);
};

template <>
struct TableColumns<api::Pilot> {
  static std::span<const ColumnDefinition> Definitions();
  static boost::json::array Cells(const api::Pilot& object, Clock::TimePoint now);
};

// The labels a Pilot's Cluster column is read from, first present wins: the
// per-database cluster-name labels navigator-controller puts on the pods
// (and the original's test fixtures on Pilots), then the generic one of
// jetstack/navigator PR #352. No label: "<none>".
inline constexpr std::string_view kPilotClusterLabels[] = {
    "navigator.jetstack.io/elasticsearch-cluster-name",
    "navigator.jetstack.io/cassandra-cluster-name",
    "navigator.jetstack.io/cluster-name",
};

}  // namespace navigator::apiserver
