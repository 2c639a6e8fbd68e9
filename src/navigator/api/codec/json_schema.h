#pragma once

// OpenAPI v3 schemas derived from the same JsonFields() descriptors that drive
// encoding and decoding, so the published schema cannot drift from the wire
// form. Leaf types plug in by specialising JsonSchemaTraits<T> with
//   static boost::json::object Schema();

#include <boost/json.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "navigator/api/codec/json_codec.h"

namespace navigator::api {

template <typename T>
struct JsonSchemaTraits;

template <typename T>
boost::json::object JsonSchemaOf() {
  return JsonSchemaTraits<T>::Schema();
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
  static boost::json::object Schema() { return JsonSchemaOf<T>(); }
};
template <typename T>
struct JsonSchemaTraits<std::vector<T>> {
  static boost::json::object Schema() { return {{"type", "array"}, {"items", JsonSchemaOf<T>()}}; }
};
template <typename T>
struct JsonSchemaTraits<std::map<std::string, T>> {
  static boost::json::object Schema() {
    return {{"type", "object"}, {"additionalProperties", JsonSchemaOf<T>()}};
  }
};

namespace codec_internal {

template <typename T>
void AddProperties(boost::json::object& properties);

template <typename S, typename M>
void AddProperty(const FieldDescriptor<S, M>& f, boost::json::object& properties) {
  properties.emplace(f.name, JsonSchemaOf<M>());
}
template <typename S, typename M>
void AddProperty(const InlineDescriptor<S, M>&, boost::json::object& properties) {
  AddProperties<M>(properties);
}
template <typename T>
void AddProperties(boost::json::object& properties) {
  std::apply([&](const auto&... f) { (AddProperty(f, properties), ...); }, T::JsonFields());
}

}  // namespace codec_internal

template <JsonStruct T>
struct JsonSchemaTraits<T> {
  static boost::json::object Schema() {
    boost::json::object properties;
    codec_internal::AddProperties<T>(properties);
    return {{"type", "object"}, {"properties", std::move(properties)}};
  }
};

}  // namespace navigator::api
