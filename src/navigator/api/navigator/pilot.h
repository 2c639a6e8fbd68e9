#pragma once

// Pilot (reference: navigator-api.md §2.4), internal form: one per database
// node, its status written by the pilot process.

#include "navigator/api/meta/object_meta.h"
#include "navigator/api/navigator/common.h"
#include "navigator/api/navigator/version_field.h"

namespace navigator::api {

struct PilotSpec {
  static constexpr auto JsonFields() { return std::tuple<>(); }
  bool operator==(const PilotSpec&) const = default;
};

struct PilotCondition {
  std::string type;  // Ready | Started | Stopped
  std::string status;
  std::optional<Time> last_transition_time;
  std::string reason;
  std::string message;

  static constexpr auto JsonFields() {
    return std::make_tuple(
        Field("type", &PilotCondition::type), Field("status", &PilotCondition::status),
        Field("lastTransitionTime", &PilotCondition::last_transition_time),
        Field("reason", &PilotCondition::reason), Field("message", &PilotCondition::message));
  }
  bool operator==(const PilotCondition&) const = default;
};

struct ElasticsearchPilotStatus {
  std::optional<int64_t> documents;  // nullopt: unknown; 0: an empty node
  std::optional<VersionField<Semver>> version;

  static constexpr auto JsonFields() {
    using S = ElasticsearchPilotStatus;
    return std::make_tuple(Field("documents", &S::documents, kOmitEmpty),
                           Field("version", &S::version, kOmitEmpty));
  }
  bool operator==(const ElasticsearchPilotStatus&) const = default;
};

struct CassandraPilotStatus {
  std::optional<VersionField<LenientVersion>> version;

  static constexpr auto JsonFields() {
    return std::make_tuple(Field("version", &CassandraPilotStatus::version, kOmitEmpty));
  }
  bool operator==(const CassandraPilotStatus&) const = default;
};

struct PilotStatus {
  std::vector<PilotCondition> conditions;
  std::optional<ElasticsearchPilotStatus> elasticsearch;
  std::optional<CassandraPilotStatus> cassandra;

  static constexpr auto JsonFields() {
    return std::make_tuple(Field("conditions", &PilotStatus::conditions, kOmitEmpty),
                           Field("elasticsearch", &PilotStatus::elasticsearch, kOmitEmpty),
                           Field("cassandra", &PilotStatus::cassandra, kOmitEmpty));
  }
  bool operator==(const PilotStatus&) const = default;
};

struct Pilot {
  TypeMeta type_meta;
  ObjectMeta metadata;
  PilotSpec spec;
  PilotStatus status;

  static constexpr auto JsonFields() {
    return std::make_tuple(Inline(&Pilot::type_meta), Field("metadata", &Pilot::metadata),
                           Field("spec", &Pilot::spec), Field("status", &Pilot::status));
  }
  bool operator==(const Pilot&) const = default;
};

}  // namespace navigator::api
