#include "navigator/api/codec/json_schema.h"

#include <string>

namespace navigator::api {

boost::json::object SchemaDefinitions::Ref(std::string_view name) const {
  std::string ref = style_ == Style::kOpenApiV3 ? "#/components/schemas/" : "#/definitions/";
  ref += name;
  return {{"$ref", std::move(ref)}};
}

boost::json::object SchemaDefinitions::Annotate(boost::json::object schema,
                                                const boost::json::object& annotations) const {
  if (annotations.empty()) return schema;
  if (schema.contains("$ref") && style_ == Style::kOpenApiV3) {
    // OpenAPI 3.0 ignores siblings of $ref: wrap it, as Kubernetes does.
    boost::json::object wrapped{{"allOf", boost::json::array{std::move(schema)}}};
    for (const auto& kv : annotations) wrapped[kv.key()] = kv.value();
    return wrapped;
  }
  for (const auto& kv : annotations) schema[kv.key()] = kv.value();
  return schema;
}

}  // namespace navigator::api
