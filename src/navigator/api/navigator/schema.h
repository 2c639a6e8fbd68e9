#pragma once

// OpenAPI v3 schemas of the Navigator kinds, derived from their JSON
// descriptors (api/codec/json_schema.h) plus the leaf types defined here.

#include <boost/json.hpp>

#include "navigator/api/codec/json_schema.h"
#include "navigator/api/navigator/cassandra_cluster.h"
#include "navigator/api/navigator/elasticsearch_cluster.h"
#include "navigator/api/navigator/pilot.h"

namespace navigator::api {

template <>
struct JsonSchemaTraits<Quantity> {
  static boost::json::object Schema() {
    return {
        {"anyOf", boost::json::array{boost::json::object{{"type", "integer"}},
                                     boost::json::object{{"type", "string"}}}},
        {"pattern",
         R"(^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$)"},
        {"x-kubernetes-int-or-string", true}};
  }
};

template <>
struct JsonSchemaTraits<Time> {
  static boost::json::object Schema() { return {{"type", "string"}, {"format", "date-time"}}; }
};

template <typename V>
struct JsonSchemaTraits<VersionField<V>> {
  static boost::json::object Schema() { return {{"type", "string"}}; }
};

}  // namespace navigator::api
