#pragma once

// OpenAPI schemas of the Navigator kinds, derived from their JSON descriptors
// (api/codec/json_schema.h) plus the leaf types defined here: Quantity and
// Time (named as Kubernetes names them) and database versions (inline).

#include <boost/json.hpp>
#include <string_view>

#include "navigator/api/codec/json_schema.h"
#include "navigator/api/navigator/cassandra_cluster.h"
#include "navigator/api/navigator/elasticsearch_cluster.h"
#include "navigator/api/navigator/pilot.h"

namespace navigator::api {

template <>
struct JsonSchemaTraits<Quantity> {
  static constexpr std::string_view kName = "io.k8s.apimachinery.pkg.api.resource.Quantity";
  static boost::json::object Schema() {
    return {
        {"description",
         "An amount of a resource: a number with an optional suffix, binary (Ki, Mi, Gi, Ti, "
         "Pi, Ei), decimal (m, k, M, G, T, P, E) or an exponent (1e3), for example 500m, 2Gi "
         "or 1.5. Written back in canonical form."},
        {"anyOf", boost::json::array{boost::json::object{{"type", "integer"}},
                                     boost::json::object{{"type", "string"}}}},
        {"pattern",
         R"(^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$)"},
        {"x-kubernetes-int-or-string", true}};
  }
};

template <>
struct JsonSchemaTraits<Time> {
  static constexpr std::string_view kName = "io.k8s.apimachinery.pkg.apis.meta.v1.Time";
  static boost::json::object Schema() {
    return {{"description",
             "A point in time, written as RFC 3339 in UTC with second precision "
             "(2026-11-26T04:00:00Z)."},
            {"type", "string"},
            {"format", "date-time"}};
  }
};

template <typename V>
struct JsonSchemaTraits<VersionField<V>> {
  static boost::json::object Schema() {
    return {{"description", "A database version, as a quoted string."}, {"type", "string"}};
  }
};

}  // namespace navigator::api
