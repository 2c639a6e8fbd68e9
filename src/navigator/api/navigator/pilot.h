#pragma once

// Pilot (reference: navigator-api.md §2.4), internal form: one per database
// node, its status written by the pilot process.

#include "navigator/api/meta/object_meta.h"
#include "navigator/api/navigator/common.h"
#include "navigator/api/navigator/version_field.h"

namespace navigator::api {

struct PilotSpec {
  static constexpr std::string_view kJsonSchemaName = "io.jetstack.navigator.v1alpha1.PilotSpec";
  static constexpr std::string_view kJsonDescription =
      "Desired state of a pilot; empty, as a pilot's work follows from its cluster.";
  static constexpr auto JsonFields() { return std::tuple<>(); }
  bool operator==(const PilotSpec&) const = default;
};

struct PilotCondition {
  std::string type;  // Ready | Started | Stopped
  std::string status;
  std::optional<Time> last_transition_time;
  std::string reason;
  std::string message;

  static constexpr std::string_view kJsonSchemaName =
      "io.jetstack.navigator.v1alpha1.PilotCondition";
  static constexpr std::string_view kJsonDescription = "One aspect of a database node's state.";
  static constexpr auto JsonFields() {
    using C = PilotCondition;
    return std::make_tuple(
        Field("type", &C::type)
            .Doc("The aspect: Ready, Started or Stopped. Conditions are merged by type.")
            .Required(),
        Field("status", &C::status).Doc("True, False or Unknown.").Required(),
        Field("lastTransitionTime", &C::last_transition_time).Doc("When the status last changed."),
        Field("reason", &C::reason).Doc("Machine-readable CamelCase reason for the last change."),
        Field("message", &C::message).Doc("Human-readable details of the last change."));
  }
  bool operator==(const PilotCondition&) const = default;
};

struct ElasticsearchPilotStatus {
  std::optional<int64_t> documents;  // nullopt: unknown; 0: an empty node
  std::optional<VersionField<Semver>> version;

  static constexpr std::string_view kJsonSchemaName =
      "io.jetstack.navigator.v1alpha1.ElasticsearchPilotStatus";
  static constexpr std::string_view kJsonDescription =
      "State of an Elasticsearch node, as its pilot reports it.";
  static constexpr auto JsonFields() {
    using S = ElasticsearchPilotStatus;
    return std::make_tuple(
        Field("documents", &S::documents, kOmitEmpty)
            .Doc("Number of documents stored on the node: 0 for an empty node, absent when not "
                 "known. A node is only removed once it is empty."),
        Field("version", &S::version, kOmitEmpty)
            .Doc("Elasticsearch version the node is running."));
  }
  bool operator==(const ElasticsearchPilotStatus&) const = default;
};

struct CassandraPilotStatus {
  std::optional<VersionField<LenientVersion>> version;

  static constexpr std::string_view kJsonSchemaName =
      "io.jetstack.navigator.v1alpha1.CassandraPilotStatus";
  static constexpr std::string_view kJsonDescription =
      "State of a Cassandra node, as its pilot reports it.";
  static constexpr auto JsonFields() {
    return std::make_tuple(Field("version", &CassandraPilotStatus::version, kOmitEmpty)
                               .Doc("Cassandra version the node reports over JMX."));
  }
  bool operator==(const CassandraPilotStatus&) const = default;
};

struct PilotStatus {
  std::vector<PilotCondition> conditions;
  std::optional<ElasticsearchPilotStatus> elasticsearch;
  std::optional<CassandraPilotStatus> cassandra;

  static constexpr std::string_view kJsonSchemaName = "io.jetstack.navigator.v1alpha1.PilotStatus";
  static constexpr std::string_view kJsonDescription =
      "State of a database node, written by its pilot through the status subresource.";
  static constexpr auto JsonFields() {
    using S = PilotStatus;
    return std::make_tuple(
        Field("conditions", &S::conditions, kOmitEmpty)
            .Doc("The latest observations of the node's state, one per type; merged by type.")
            .MergeKey("type"),
        Field("elasticsearch", &S::elasticsearch, kOmitEmpty)
            .Doc("Elasticsearch node state; set by pilots of Elasticsearch nodes."),
        Field("cassandra", &S::cassandra, kOmitEmpty)
            .Doc("Cassandra node state; set by pilots of Cassandra nodes."));
  }
  bool operator==(const PilotStatus&) const = default;
};

struct Pilot {
  TypeMeta type_meta;
  ObjectMeta metadata;
  PilotSpec spec;
  PilotStatus status;

  static constexpr std::string_view kJsonSchemaName = "io.jetstack.navigator.v1alpha1.Pilot";
  static constexpr std::string_view kJsonDescription =
      "The pilot of one database node: Navigator keeps one per database pod, with the pod's "
      "name and namespace, and the pilot process reports the node's state into its status.";
  static constexpr auto JsonFields() {
    return std::make_tuple(
        Inline(&Pilot::type_meta),
        Field("metadata", &Pilot::metadata).Doc("Standard object metadata."),
        Field("spec", &Pilot::spec).Doc("Desired state of the pilot; empty."),
        Field("status", &Pilot::status)
            .Doc("State of the node, written by the pilot through the status subresource."));
  }
  bool operator==(const Pilot&) const = default;
};

}  // namespace navigator::api
