#include "navigator/apiserver/table_columns.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <boost/json.hpp>
#include <string>

#include "navigator/api/navigator/version_field.h"
#include "navigator/apiserver/human_duration.h"

namespace navigator::apiserver {
namespace {

namespace bj = boost::json;

// The descriptions kube's printers give these two columns
// (metav1.ObjectMeta's documentation of name and creationTimestamp).
constexpr std::string_view kNameDescription =
    "Name must be unique within a namespace. Is required when creating resources, although some "
    "resources may allow a client to request the generation of an appropriate name "
    "automatically. Name is primarily intended for creation idempotence and configuration "
    "definition. Cannot be updated. More info: "
    "https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
constexpr std::string_view kAgeDescription =
    "CreationTimestamp is a timestamp representing the server time when this object was "
    "created. It is not guaranteed to be set in happens-before order across separate "
    "operations. Clients may not set this value. It is represented in RFC3339 form and is in "
    "UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: "
    "https://git.k8s.io/community/contributors/devel/sig-architecture/"
    "api-conventions.md#metadata";

constexpr ColumnDefinition kName{"Name", "string", "name", kNameDescription, 0};
constexpr ColumnDefinition kAge{"Age", "string", "", kAgeDescription, 0};
constexpr ColumnDefinition kNodePools{"Node Pools", "string", "",
                                      "The names of the node pools (spec.nodePools[].name).", 1};
constexpr ColumnDefinition kImage{
    "Image", "string", "",
    "The database image (spec.image, repository:tag); <default> when the controller chooses "
    "the image for the version.",
    1};

template <typename V>
std::string VersionText(const api::VersionField<V>& v) {
  std::string text = v.parsed ? api::WireText(*v.parsed) : v.text;
  return text.empty() ? "<none>" : text;
}

std::string ImageText(const std::optional<api::ImageSpec>& image) {
  if (!image) return "<default>";
  if (image->tag.empty()) return image->repository;
  return fmt::format("{}:{}", image->repository, image->tag);
}

std::string JoinOrNone(const std::vector<std::string>& names) {
  return names.empty() ? "<none>" : fmt::format("{}", fmt::join(names, ","));
}

template <typename Pool>
std::string PoolNames(const std::vector<Pool>& pools) {
  std::vector<std::string> names;
  names.reserve(pools.size());
  for (const Pool& pool : pools) names.push_back(pool.name);
  return JoinOrNone(names);
}

// "ready/desired" over the pools of the spec: desired from their replicas,
// ready from the status entries of the same names.
template <typename Pool>
std::string ReadyText(const std::vector<Pool>& pools,
                      const std::map<std::string, api::NodePoolStatus>& status) {
  int64_t desired = 0;
  int64_t ready = 0;
  for (const Pool& pool : pools) {
    desired += pool.replicas.value_or(0);
    if (auto it = status.find(pool.name); it != status.end()) ready += it->second.ready_replicas;
  }
  return fmt::format("{}/{}", ready, desired);
}

std::string_view LabelOr(const api::ObjectMeta& metadata, std::string_view key,
                         std::string_view fallback) {
  auto it = metadata.labels.find(std::string(key));
  return it == metadata.labels.end() ? fallback : std::string_view(it->second);
}

constexpr ColumnDefinition kElasticsearchColumns[] = {
    kName,
    {"Version", "string", "", "The Elasticsearch version (spec.version).", 0},
    {"Health", "string", "",
     "The cluster health the pilots report (status.health): Green, Yellow or Red; <unknown> "
     "until reported.",
     0},
    {"Ready", "string", "",
     "Ready nodes / desired nodes over the node pools (status.nodePools[].readyReplicas / "
     "spec.nodePools[].replicas).",
     0},
    kAge,
    kNodePools,
    kImage,
    {"Plugins", "string", "", "The Elasticsearch plugins installed on every node (spec.plugins).",
     1},
};

constexpr ColumnDefinition kCassandraColumns[] = {
    kName,
    {"Version", "string", "", "The Cassandra version (spec.version).", 0},
    {"Ready", "string", "",
     "Ready nodes / desired nodes over the node pools (status.nodePools[].readyReplicas / "
     "spec.nodePools[].replicas).",
     0},
    kAge,
    kNodePools,
    kImage,
};

constexpr ColumnDefinition kPilotColumns[] = {
    kName,
    {"Cluster", "string", "",
     "The database cluster of this node, from the cluster-name label "
     "(navigator.jetstack.io/elasticsearch-cluster-name, "
     "navigator.jetstack.io/cassandra-cluster-name or navigator.jetstack.io/cluster-name).",
     0},
    kAge,
    {"Type", "string", "",
     "The database the pilot runs: Elasticsearch or Cassandra (from status, else the labels).", 1},
    {"Ready", "string", "", "The status of the pilot's Ready condition.", 1},
    {"Version", "string", "",
     "The database version the pilot reports (status.elasticsearch.version or "
     "status.cassandra.version).",
     1},
    {"Documents", "string", "",
     "The documents on this Elasticsearch node (status.elasticsearch.documents); 0 means the "
     "node is empty and safe to remove.",
     1},
};

}  // namespace

std::span<const ColumnDefinition> TableColumns<api::ElasticsearchCluster>::Definitions() {
  return kElasticsearchColumns;
}

bj::array TableColumns<api::ElasticsearchCluster>::Cells(const api::ElasticsearchCluster& object,
                                                         Clock::TimePoint now) {
  return bj::array{
      bj::string(object.metadata.name),
      bj::string(VersionText(object.spec.version)),
      bj::string(object.status.health.value_or("<unknown>")),
      bj::string(ReadyText(object.spec.node_pools, object.status.node_pools)),
      bj::string(HumanAge(object.metadata.creation_timestamp, now)),
      bj::string(PoolNames(object.spec.node_pools)),
      bj::string(ImageText(object.spec.image)),
      bj::string(JoinOrNone(object.spec.plugins)),
  };
}

std::span<const ColumnDefinition> TableColumns<api::CassandraCluster>::Definitions() {
  return kCassandraColumns;
}

bj::array TableColumns<api::CassandraCluster>::Cells(const api::CassandraCluster& object,
                                                     Clock::TimePoint now) {
  return bj::array{
      bj::string(object.metadata.name),
      bj::string(VersionText(object.spec.version)),
      bj::string(ReadyText(object.spec.node_pools, object.status.node_pools)),
      bj::string(HumanAge(object.metadata.creation_timestamp, now)),
      bj::string(PoolNames(object.spec.node_pools)),
      bj::string(ImageText(object.spec.image)),
  };
}

std::span<const ColumnDefinition> TableColumns<api::Pilot>::Definitions() {
  return kPilotColumns;
}

bj::array TableColumns<api::Pilot>::Cells(const api::Pilot& object, Clock::TimePoint now) {
  const api::ObjectMeta& meta = object.metadata;
  const api::PilotStatus& status = object.status;

  std::string_view cluster = "<none>";
  for (std::string_view label : kPilotClusterLabels) {
    cluster = LabelOr(meta, label, cluster);
    if (cluster != "<none>") break;
  }

  std::string_view type = "<unknown>";
  if (status.elasticsearch || meta.labels.contains(std::string(kPilotClusterLabels[0]))) {
    type = "Elasticsearch";
  } else if (status.cassandra || meta.labels.contains(std::string(kPilotClusterLabels[1]))) {
    type = "Cassandra";
  }

  std::string ready = "<unknown>";
  for (const api::PilotCondition& c : status.conditions) {
    if (c.type == "Ready") {
      ready = c.status.empty() ? "<unknown>" : c.status;
      break;
    }
  }

  std::string version = "<unknown>";
  if (status.elasticsearch && status.elasticsearch->version) {
    version = VersionText(*status.elasticsearch->version);
  } else if (status.cassandra && status.cassandra->version) {
    version = VersionText(*status.cassandra->version);
  }

  std::string documents = "<none>";
  if (status.elasticsearch) {
    documents = status.elasticsearch->documents ? std::to_string(*status.elasticsearch->documents)
                                                : "<unknown>";
  }

  return bj::array{
      bj::string(meta.name),
      bj::string(cluster),
      bj::string(HumanAge(meta.creation_timestamp, now)),
      bj::string(type),
      bj::string(ready),
      bj::string(version),
      bj::string(documents),
  };
}

}  // namespace navigator::apiserver
