#pragma once

// OpenAPI schemas derived from the same JsonFields() descriptors that drive
// encoding and decoding, so the published schema cannot drift from the wire
// form.
//
// Two forms:
//   JsonSchemaOf<T>()      fully inline: every nested struct, list item and map
//                          value is written out in place (`properties`, `items`,
//                          `additionalProperties`), never a $ref. Code that
//                          walks a schema (strategic merge patch) relies on it.
//   JsonSchemaOf<T>(defs)  for published documents: a type with a schema name
//                          becomes a reference, and its schema is added to
//                          `defs` once (components.schemas or definitions).
//
// Every property carries the field's `description`; list properties carry
// x-kubernetes-list-type ("atomic", "set" or "map"), and merging lists the
// strategic-merge-patch extensions x-kubernetes-patch-strategy ("merge") and,
// for lists of objects, x-kubernetes-patch-merge-key and
// x-kubernetes-list-map-keys. A struct may declare
//   static constexpr std::string_view kJsonDescription = "...";  // its description
//   static constexpr std::string_view kJsonSchemaName = "io.k8s...";  // its name in documents
// Leaf types plug in by specialising JsonSchemaTraits<T> with
//   static boost::json::object Schema();
// and optionally `static constexpr std::string_view kName` (a schema name).

#include <boost/json.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "navigator/api/codec/json_codec.h"

namespace navigator::api {

// The named schemas of one published document. Not thread-safe; one per
// document being built.
class SchemaDefinitions {
 public:
  enum class Style {
    kOpenApiV3,  // refs to "#/components/schemas/<name>"; annotated refs wrapped in allOf
    kSwagger2,   // refs to "#/definitions/<name>"; annotations beside the $ref
  };
  explicit SchemaDefinitions(Style style) : style_(style) {}

  Style style() const { return style_; }
  // {"$ref": "<prefix><name>"}
  boost::json::object Ref(std::string_view name) const;
  // `schema` with `description` and the other `annotations` attached, in the
  // form the style allows next to a reference.
  boost::json::object Annotate(boost::json::object schema,
                               const boost::json::object& annotations) const;
  bool Contains(std::string_view name) const { return schemas_.contains(name); }
  // Adds or replaces the schema named `name`.
  void Set(std::string_view name, boost::json::object schema) {
    schemas_[name] = std::move(schema);
  }
  boost::json::object& schemas() { return schemas_; }

 private:
  Style style_;
  boost::json::object schemas_;
};

template <typename T>
struct JsonSchemaTraits;

namespace codec_internal {
template <typename T>
boost::json::object SchemaOf(SchemaDefinitions* defs);
}  // namespace codec_internal

// Fully inline schema of T (no $ref anywhere).
template <typename T>
boost::json::object JsonSchemaOf() {
  return codec_internal::SchemaOf<T>(nullptr);
}
// Schema of T for a published document: named types become references whose
// schemas are added to `defs`.
template <typename T>
boost::json::object JsonSchemaOf(SchemaDefinitions& defs) {
  return codec_internal::SchemaOf<T>(&defs);
}

// The schema name of T ("" when T is always inlined).
template <typename T>
constexpr std::string_view JsonSchemaName() {
  if constexpr (requires { T::kJsonSchemaName; }) {
    return T::kJsonSchemaName;
  } else if constexpr (requires { JsonSchemaTraits<T>::kName; }) {
    return JsonSchemaTraits<T>::kName;
  } else {
    return {};
  }
}

template <>
struct JsonSchemaTraits<std::string> {
  static boost::json::object Schema() { return {{"type", "string"}}; }
};
template <>
struct JsonSchemaTraits<bool> {
  static boost::json::object Schema() { return {{"type", "boolean"}}; }
};
template <>
struct JsonSchemaTraits<int32_t> {
  static boost::json::object Schema() { return {{"type", "integer"}, {"format", "int32"}}; }
};
template <>
struct JsonSchemaTraits<int64_t> {
  static boost::json::object Schema() { return {{"type", "integer"}, {"format", "int64"}}; }
};
template <>
struct JsonSchemaTraits<boost::json::value> {
  static boost::json::object Schema() {
    return {{"type", "object"}, {"x-kubernetes-preserve-unknown-fields", true}};
  }
};
template <typename T>
struct JsonSchemaTraits<std::optional<T>> {
  static boost::json::object Schema(SchemaDefinitions* defs) {
    return codec_internal::SchemaOf<T>(defs);
  }
  static boost::json::object Schema() { return Schema(nullptr); }
};
template <typename T>
struct JsonSchemaTraits<std::vector<T>> {
  static boost::json::object Schema(SchemaDefinitions* defs) {
    return {{"type", "array"}, {"items", codec_internal::SchemaOf<T>(defs)}};
  }
  static boost::json::object Schema() { return Schema(nullptr); }
};
template <typename T>
struct JsonSchemaTraits<std::map<std::string, T>> {
  static boost::json::object Schema(SchemaDefinitions* defs) {
    return {{"type", "object"}, {"additionalProperties", codec_internal::SchemaOf<T>(defs)}};
  }
  static boost::json::object Schema() { return Schema(nullptr); }
};

namespace codec_internal {

// The annotations a field adds to its type's schema: description, list type
// and the strategic-merge-patch extensions.
template <typename S, typename M>
boost::json::object FieldAnnotations(const FieldDescriptor<S, M>& f) {
  boost::json::object a;
  if (!f.description.empty()) a["description"] = f.description;
  if constexpr (kIsJsonList<M>) {
    switch (f.list_type) {
      case ListType::kAtomic:
        a["x-kubernetes-list-type"] = "atomic";
        break;
      case ListType::kSet:
        a["x-kubernetes-list-type"] = "set";
        a["x-kubernetes-patch-strategy"] = "merge";
        break;
      case ListType::kMap:
        a["x-kubernetes-list-type"] = "map";
        a["x-kubernetes-list-map-keys"] = boost::json::array{f.merge_key};
        a["x-kubernetes-patch-merge-key"] = f.merge_key;
        a["x-kubernetes-patch-strategy"] = "merge";
        break;
    }
  }
  return a;
}

struct StructSchemaParts {
  boost::json::object properties;
  boost::json::array required;
};

template <typename T>
void AddProperties(StructSchemaParts& parts, SchemaDefinitions* defs);

template <typename S, typename M>
void AddProperty(const FieldDescriptor<S, M>& f, StructSchemaParts& parts,
                 SchemaDefinitions* defs) {
  boost::json::object schema = SchemaOf<M>(defs);
  boost::json::object annotations = FieldAnnotations(f);
  if (defs) {
    schema = defs->Annotate(std::move(schema), annotations);
  } else {
    for (auto& kv : annotations) schema[kv.key()] = std::move(kv.value());
  }
  parts.properties[f.name] = std::move(schema);
  if (f.required) parts.required.emplace_back(f.name);
}
template <typename S, typename M>
void AddProperty(const InlineDescriptor<S, M>&, StructSchemaParts& parts, SchemaDefinitions* defs) {
  AddProperties<M>(parts, defs);
}
template <typename T>
void AddProperties(StructSchemaParts& parts, SchemaDefinitions* defs) {
  std::apply([&](const auto&... f) { (AddProperty(f, parts, defs), ...); }, T::JsonFields());
}

template <typename T>
boost::json::object BodyOf(SchemaDefinitions* defs) {
  if constexpr (requires { JsonSchemaTraits<T>::Schema(defs); }) {
    return JsonSchemaTraits<T>::Schema(defs);
  } else {
    return JsonSchemaTraits<T>::Schema();
  }
}

template <typename T>
boost::json::object SchemaOf(SchemaDefinitions* defs) {
  constexpr std::string_view name = JsonSchemaName<T>();
  if constexpr (!name.empty()) {
    if (defs) {
      if (!defs->Contains(name)) {
        defs->Set(name, {});  // claimed first: a self-referencing type terminates
        defs->Set(name, BodyOf<T>(defs));
      }
      return defs->Ref(name);
    }
  }
  return BodyOf<T>(defs);
}

}  // namespace codec_internal

template <JsonStruct T>
struct JsonSchemaTraits<T> {
  static boost::json::object Schema(SchemaDefinitions* defs) {
    codec_internal::StructSchemaParts parts;
    codec_internal::AddProperties<T>(parts, defs);
    boost::json::object schema;
    if constexpr (requires { T::kJsonDescription; }) {
      schema["description"] = T::kJsonDescription;
    }
    schema["type"] = "object";
    schema["properties"] = std::move(parts.properties);
    if (!parts.required.empty()) schema["required"] = std::move(parts.required);
    return schema;
  }
  static boost::json::object Schema() { return Schema(nullptr); }
};

}  // namespace navigator::api
