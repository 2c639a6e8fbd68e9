#pragma once

// What differs between the kinds inside the generic store: validation, and how
// status and generation are handled. One specialisation per kind.
//
// Shared rules (as kube-apiserver's registry): on create, status starts empty
// and generation is 1; on update through the main resource, status is kept
// from the stored object and generation grows by one when the spec changed.
//
// Field selectors: every kind supports metadata.name and metadata.namespace
// (answered by the store); kSelectableFields lists the kind's others and
// FieldValue answers them.

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "navigator/api/navigator/cassandra_cluster.h"
#include "navigator/api/navigator/elasticsearch_cluster.h"
#include "navigator/api/navigator/pilot.h"
#include "navigator/api/navigator/validation/cassandra_validation.h"
#include "navigator/api/navigator/validation/elasticsearch_validation.h"
#include "navigator/api/navigator/validation/pilot_validation.h"

namespace navigator::registry {

template <typename T>
struct Strategy;

template <>
struct Strategy<api::ElasticsearchCluster> {
  static api::FieldErrorList Validate(const api::ElasticsearchCluster& c) {
    return api::ValidateElasticsearchCluster(c);
  }
  static api::FieldErrorList ValidateUpdate(const api::ElasticsearchCluster& old_c,
                                            const api::ElasticsearchCluster& new_c) {
    return api::ValidateElasticsearchClusterUpdate(old_c, new_c);
  }
  static constexpr std::array<std::string_view, 2> kSelectableFields = {"spec.version",
                                                                        "status.health"};
  static std::optional<std::string> FieldValue(const api::ElasticsearchCluster& c,
                                               std::string_view field) {
    if (field == "spec.version") return c.spec.version.text;
    if (field == "status.health") return c.status.health.value_or("");
    return std::nullopt;
  }
};

template <>
struct Strategy<api::CassandraCluster> {
  static api::FieldErrorList Validate(const api::CassandraCluster& c) {
    return api::ValidateCassandraCluster(c);
  }
  static api::FieldErrorList ValidateUpdate(const api::CassandraCluster& old_c,
                                            const api::CassandraCluster& new_c) {
    return api::ValidateCassandraClusterUpdate(old_c, new_c);
  }
  static constexpr std::array<std::string_view, 1> kSelectableFields = {"spec.version"};
  static std::optional<std::string> FieldValue(const api::CassandraCluster& c,
                                               std::string_view field) {
    if (field == "spec.version") return c.spec.version.text;
    return std::nullopt;
  }
};

template <>
struct Strategy<api::Pilot> {
  static api::FieldErrorList Validate(const api::Pilot& p) { return api::ValidatePilot(p); }
  static api::FieldErrorList ValidateUpdate(const api::Pilot& old_p, const api::Pilot& new_p) {
    return api::ValidatePilotUpdate(old_p, new_p);
  }
  static constexpr std::array<std::string_view, 0> kSelectableFields = {};
  static std::optional<std::string> FieldValue(const api::Pilot&, std::string_view) {
    return std::nullopt;
  }
};

}  // namespace navigator::registry
