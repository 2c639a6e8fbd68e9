#include "bench/apiserver/crd_schema.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <string>
#include <vector>

namespace navigator::bench {
namespace {

namespace bj = boost::json;

constexpr std::string_view kRefPrefix = "#/components/schemas/";
constexpr int kMaxDepth = 64;

// The JSONSchemaProps fields a structural schema may use. Left out on
// purpose: $ref, $schema, id, definitions, dependencies, patternProperties,
// additionalItems and uniqueItems, which CRD validation forbids.
constexpr auto kKeywords = std::to_array<std::string_view>({
    "description",
    "type",
    "format",
    "title",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "multipleOf",
    "enum",
    "maxProperties",
    "minProperties",
    "required",
    "items",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "properties",
    "additionalProperties",
    "example",
    "externalDocs",
    "nullable",
    "x-kubernetes-preserve-unknown-fields",
    "x-kubernetes-embedded-resource",
    "x-kubernetes-int-or-string",
    "x-kubernetes-list-map-keys",
    "x-kubernetes-list-type",
    "x-kubernetes-map-type",
    "x-kubernetes-validations",
});

class Inliner {
 public:
  explicit Inliner(const bj::object& schemas) : schemas_(schemas) {}

  // The resolved, filtered form of `schema` at nesting `depth`.
  Result<bj::object> Resolve(const bj::object& schema, int depth) {
    if (depth > kMaxDepth) {
      return BadRequest(fmt::format("schema nests deeper than {} levels at {}", kMaxDepth,
                                    fmt::join(chain_, " -> ")));
    }
    // {"$ref": ...} with optional siblings laid over the target.
    if (const bj::value* ref = schema.if_contains("$ref")) {
      NAVIGATOR_ASSIGN_OR_RETURN(bj::object base, Expand(*ref, depth));
      return Overlay(std::move(base), schema, depth, "$ref");
    }
    // {"allOf": [{"$ref": ...}], <annotations>}: kube's annotated reference.
    if (const bj::value* all = schema.if_contains("allOf");
        all != nullptr && all->is_array() && all->as_array().size() == 1 &&
        all->as_array()[0].is_object() && all->as_array()[0].as_object().contains("$ref")) {
      NAVIGATOR_ASSIGN_OR_RETURN(bj::object base, Resolve(all->as_array()[0].as_object(), depth));
      return Overlay(std::move(base), schema, depth, "allOf");
    }
    return Overlay(bj::object{}, schema, depth, "");
  }

 private:
  Result<bj::object> Expand(const bj::value& ref, int depth) {
    if (!ref.is_string() || !ref.as_string().starts_with(kRefPrefix)) {
      return BadRequest(fmt::format("unsupported $ref {}: only \"{}<name>\" can be inlined",
                                    bj::serialize(ref), kRefPrefix));
    }
    const std::string name(ref.as_string().subview(kRefPrefix.size()));
    if (std::find(chain_.begin(), chain_.end(), name) != chain_.end()) {
      return BadRequest(fmt::format(
          "reference cycle {} -> {}: a CustomResourceDefinition schema cannot be recursive",
          fmt::join(chain_, " -> "), name));
    }
    const bj::value* target = schemas_.if_contains(name);
    if (target == nullptr || !target->is_object()) {
      return BadRequest(fmt::format("$ref to unknown schema \"{}\" (from {})", name,
                                    chain_.empty() ? "the root" : chain_.back()));
    }
    chain_.push_back(name);
    Result<bj::object> out = Resolve(target->as_object(), depth + 1);
    chain_.pop_back();
    return out;
  }

  // `base` with every allowed keyword of `schema` (except `skip`) resolved
  // and set over it.
  Result<bj::object> Overlay(bj::object base, const bj::object& schema, int depth,
                             std::string_view skip) {
    for (const auto& kv : schema) {
      const std::string_view key = kv.key();
      if (key == skip || !IsCrdSchemaKeyword(key)) continue;
      NAVIGATOR_ASSIGN_OR_RETURN(bj::value value, ResolveKeyword(key, kv.value(), depth));
      base[key] = std::move(value);
    }
    return base;
  }

  Result<bj::value> ResolveKeyword(std::string_view key, const bj::value& value, int depth) {
    if (key == "properties") {
      if (!value.is_object()) return BadRequest("\"properties\" must be an object of schemas");
      bj::object out;
      for (const auto& kv : value.as_object()) {
        if (!kv.value().is_object()) {
          return BadRequest(fmt::format("property \"{}\" is not a schema object", kv.key()));
        }
        NAVIGATOR_ASSIGN_OR_RETURN(bj::object p, Resolve(kv.value().as_object(), depth + 1));
        out[kv.key()] = std::move(p);
      }
      return bj::value(std::move(out));
    }
    if (key == "items" || key == "additionalProperties" || key == "not") {
      if (!value.is_object()) return value;  // additionalProperties: true/false
      NAVIGATOR_ASSIGN_OR_RETURN(bj::object s, Resolve(value.as_object(), depth + 1));
      return bj::value(std::move(s));
    }
    if (key == "allOf" || key == "anyOf" || key == "oneOf") {
      if (!value.is_array()) return BadRequest(fmt::format("\"{}\" must be an array", key));
      bj::array out;
      for (const bj::value& v : value.as_array()) {
        if (!v.is_object()) return BadRequest(fmt::format("\"{}\" holds a non-object", key));
        NAVIGATOR_ASSIGN_OR_RETURN(bj::object s, Resolve(v.as_object(), depth + 1));
        out.push_back(std::move(s));
      }
      return bj::value(std::move(out));
    }
    return value;
  }

  const bj::object& schemas_;
  std::vector<std::string> chain_;  // the schema names being expanded, outermost first
};

}  // namespace

bool IsCrdSchemaKeyword(std::string_view keyword) {
  return std::find(kKeywords.begin(), kKeywords.end(), keyword) != kKeywords.end();
}

Result<bj::object> StructuralSchema(const bj::object& schemas, std::string_view root) {
  Inliner inliner(schemas);
  NAVIGATOR_ASSIGN_OR_RETURN(
      bj::object schema,
      inliner.Resolve(bj::object{{"$ref", fmt::format("{}{}", kRefPrefix, root)}}, 0));
  if (const bj::value* type = schema.if_contains("type");
      type == nullptr || *type != bj::value("object")) {
    return BadRequest(fmt::format("schema \"{}\" is not of type object", root));
  }
  if (bj::value* props = schema.if_contains("properties"); props && props->is_object()) {
    if (props->as_object().contains("metadata")) {
      props->as_object()["metadata"] = bj::object{{"type", "object"}};
    }
  }
  return schema;
}

}  // namespace navigator::bench
