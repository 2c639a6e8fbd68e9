#include "navigator/apiserver/openapi.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <boost/json.hpp>
#include <map>

#include "navigator/api/meta/object_meta.h"
#include "navigator/api/navigator/kinds.h"
#include "navigator/api/navigator/schema.h"
#include "navigator/apiserver/openapi_meta_schemas.h"
#include "navigator/apiserver/openapi_paths.h"

#ifndef NAVIGATOR_VERSION
#error "NAVIGATOR_VERSION must be defined by the build"
#endif

namespace navigator::apiserver {
namespace {

namespace bj = boost::json;
using api::SchemaDefinitions;
using Style = SchemaDefinitions::Style;

bj::object Gvk(std::string_view group, std::string_view version, std::string_view kind) {
  return {{"group", group}, {"kind", kind}, {"version", version}};
}
bj::object NavigatorGvk(std::string_view kind) {
  return Gvk(api::kGroup, api::kStorageVersion, kind);
}

std::string ListSchemaName(const api::ResourceInfo& info) {
  return fmt::format("io.jetstack.navigator.{}.{}", api::kStorageVersion, info.list_kind);
}

// The kind's schema (and every named type it uses) and its list's schema,
// each with x-kubernetes-group-version-kind.
template <typename T>
void AddKindSchemas(SchemaDefinitions& defs) {
  const api::ResourceInfo& info = api::KindTraits<T>::kInfo;
  api::JsonSchemaOf<T>(defs);
  defs.schemas()[T::kJsonSchemaName].as_object()["x-kubernetes-group-version-kind"] =
      bj::array{NavigatorGvk(info.kind)};

  bj::object properties = api::JsonSchemaOf<api::TypeMeta>(defs)["properties"].as_object();
  properties["items"] = bj::object{{"description", fmt::format("The {} objects.", info.kind)},
                                   {"type", "array"},
                                   {"items", defs.Ref(T::kJsonSchemaName)},
                                   {"x-kubernetes-list-type", "atomic"}};
  properties["metadata"] =
      defs.Annotate(api::JsonSchemaOf<api::ListMeta>(defs),
                    {{"description", "List metadata: resourceVersion and continue."}});
  defs.Set(
      ListSchemaName(info),
      bj::object{{"description", fmt::format("A list of {} objects.", info.kind)},
                 {"type", "object"},
                 {"required", bj::array{"items"}},
                 {"properties", std::move(properties)},
                 {"x-kubernetes-group-version-kind", bj::array{NavigatorGvk(info.list_kind)}}});
}

SchemaDefinitions AllSchemas(Style style) {
  SchemaDefinitions defs(style);
  AddKindSchemas<api::ElasticsearchCluster>(defs);
  AddKindSchemas<api::CassandraCluster>(defs);
  AddKindSchemas<api::Pilot>(defs);
  AddMetaSchemas(defs);
  defs.schemas()[kStatusSchema].as_object()["x-kubernetes-group-version-kind"] =
      bj::array{Gvk("", "v1", "Status")};
  defs.schemas()[kDeleteOptionsSchema].as_object()["x-kubernetes-group-version-kind"] =
      bj::array{Gvk("", "v1", "DeleteOptions"), NavigatorGvk("DeleteOptions")};
  return defs;
}

// Schemas sorted by name, as Kubernetes publishes them.
bj::object Sorted(const bj::object& schemas) {
  std::map<std::string_view, const bj::value*> sorted;
  for (const auto& kv : schemas) sorted.emplace(kv.key(), &kv.value());
  bj::object out;
  out.reserve(sorted.size());
  for (const auto& [name, schema] : sorted) out.emplace(name, *schema);
  return out;
}

// Swagger 2.0 has no anyOf: an int-or-string (Quantity) is published as a
// string, as Kubernetes publishes it in v2.
void DowngradeToSwagger2(bj::object& schema) {
  if (schema.contains("x-kubernetes-int-or-string")) {
    schema.erase("anyOf");
    schema.erase("pattern");
    schema.erase("x-kubernetes-int-or-string");
    schema["type"] = "string";
  }
  for (const char* key : {"items", "additionalProperties"}) {
    if (auto* v = schema.if_contains(key); v && v->is_object()) DowngradeToSwagger2(v->as_object());
  }
  if (auto* props = schema.if_contains("properties"); props && props->is_object()) {
    for (auto& kv : props->as_object()) {
      if (kv.value().is_object()) DowngradeToSwagger2(kv.value().as_object());
    }
  }
}

std::string_view TypeName(openapi::ParamType type) {
  switch (type) {
    case openapi::ParamType::kBoolean:
      return "boolean";
    case openapi::ParamType::kInteger:
      return "integer";
    case openapi::ParamType::kString:
      break;
  }
  return "string";
}

std::string Tag() {
  std::string infix = openapi::OperationIdInfix(api::kGroup, "");
  if (!infix.empty()) infix[0] = static_cast<char>(std::tolower(infix[0]));
  return fmt::format("{}_{}", infix, api::kStorageVersion);
}

template <typename T>
std::vector<openapi::PathItem> PathsOf() {
  const api::ResourceInfo& info = api::KindTraits<T>::kInfo;
  return openapi::ResourcePaths(info, T::kJsonSchemaName, ListSchemaName(info), kStatusSchema,
                                kDeleteOptionsSchema, kPatchSchema);
}

template <typename Render>
void AddAllPaths(bj::object& paths, Render render) {
  auto add = [&](std::string_view kind, std::vector<openapi::PathItem> items) {
    for (const auto& item : items) paths[item.path] = render(item, NavigatorGvk(kind));
  };
  add(api::KindTraits<api::ElasticsearchCluster>::kInfo.kind, PathsOf<api::ElasticsearchCluster>());
  add(api::KindTraits<api::CassandraCluster>::kInfo.kind, PathsOf<api::CassandraCluster>());
  add(api::KindTraits<api::Pilot>::kInfo.kind, PathsOf<api::Pilot>());
}

// ------------------------------------------------------------ OpenAPI v3

bj::object ParameterV3(const openapi::Parameter& p) {
  bj::object o{{"name", p.name}, {"in", p.in}, {"description", p.description}};
  if (p.required) o["required"] = true;
  o["schema"] = bj::object{{"type", TypeName(p.type)}};
  return o;
}

bj::array ParametersV3(const std::vector<openapi::Parameter>& params) {
  bj::array out;
  for (const auto& p : params) out.push_back(ParameterV3(p));
  return out;
}

bj::object ContentV3(const std::vector<std::string_view>& types, const bj::object& schema) {
  bj::object content;
  for (auto type : types) content[type] = bj::object{{"schema", schema}};
  return content;
}

bj::object OperationV3(const openapi::Operation& op, const bj::object& gvk,
                       const SchemaDefinitions& defs) {
  bj::object o{{"tags", bj::array{bj::string(Tag())}},
               {"description", op.description},
               {"operationId", op.id}};
  if (!op.parameters.empty()) o["parameters"] = ParametersV3(op.parameters);
  if (!op.body_schema.empty()) {
    o["requestBody"] = bj::object{{"content", ContentV3(op.body_types, defs.Ref(op.body_schema))},
                                  {"required", op.body_required}};
  }
  bj::object responses;
  for (const auto& r : op.responses) {
    responses[r.code] = bj::object{{"description", r.description},
                                   {"content", ContentV3(op.response_types, defs.Ref(r.schema))}};
  }
  o["responses"] = std::move(responses);
  o["x-kubernetes-action"] = op.action;
  o["x-kubernetes-group-version-kind"] = gvk;
  return o;
}

// ------------------------------------------------------------ Swagger 2.0

bj::array ParametersV2(const std::vector<openapi::Parameter>& params) {
  bj::array out;
  for (const auto& p : params) {
    bj::object o{{"name", p.name}, {"in", p.in}, {"description", p.description}};
    if (p.required) o["required"] = true;
    o["type"] = TypeName(p.type);
    out.push_back(std::move(o));
  }
  return out;
}

bj::array Strings(const std::vector<std::string_view>& values) {
  bj::array out;
  for (auto v : values) out.emplace_back(v);
  return out;
}

bj::object OperationV2(const openapi::Operation& op, const bj::object& gvk,
                       const SchemaDefinitions& defs) {
  bj::object o{{"tags", bj::array{bj::string(Tag())}},
               {"description", op.description},
               {"operationId", op.id},
               {"consumes", op.body_schema.empty() ? bj::array{"*/*"} : Strings(op.body_types)},
               {"produces", Strings(op.response_types)},
               {"schemes", bj::array{"https"}}};
  bj::array parameters = ParametersV2(op.parameters);
  if (!op.body_schema.empty()) {
    parameters.push_back(bj::object{{"name", "body"},
                                    {"in", "body"},
                                    {"required", op.body_required},
                                    {"schema", defs.Ref(op.body_schema)}});
  }
  if (!parameters.empty()) o["parameters"] = std::move(parameters);
  bj::object responses;
  for (const auto& r : op.responses) {
    responses[r.code] = bj::object{{"description", r.description}, {"schema", defs.Ref(r.schema)}};
  }
  o["responses"] = std::move(responses);
  o["x-kubernetes-action"] = op.action;
  o["x-kubernetes-group-version-kind"] = gvk;
  return o;
}

bj::object Info() {
  return {{"title", "Navigator"}, {"version", "v" NAVIGATOR_VERSION}};
}

OpenApiDocument Serialise(const bj::object& doc) {
  OpenApiDocument out;
  out.body = bj::serialize(doc);
  out.hash = Sha512Hex(out.body);
  return out;
}

}  // namespace

std::string Sha512Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha512(), nullptr) != 1) size = 0;
  std::string out;
  out.reserve(2 * size);
  for (unsigned int i = 0; i < size; ++i) out += fmt::format("{:02X}", digest[i]);
  return out;
}

bj::object BuildOpenApiV3GroupVersion() {
  SchemaDefinitions defs = AllSchemas(Style::kOpenApiV3);
  bj::object paths;
  AddAllPaths(paths, [&](const openapi::PathItem& item, const bj::object& gvk) {
    bj::object p;
    for (const auto& op : item.operations) p[op.method] = OperationV3(op, gvk, defs);
    if (!item.parameters.empty()) p["parameters"] = ParametersV3(item.parameters);
    return p;
  });
  return {{"openapi", "3.0.0"},
          {"info", Info()},
          {"paths", std::move(paths)},
          {"components", bj::object{{"schemas", Sorted(defs.schemas())}}}};
}

bj::object BuildOpenApiV2() {
  SchemaDefinitions defs = AllSchemas(Style::kSwagger2);
  for (auto& kv : defs.schemas()) DowngradeToSwagger2(kv.value().as_object());
  bj::object paths;
  AddAllPaths(paths, [&](const openapi::PathItem& item, const bj::object& gvk) {
    bj::object p;
    for (const auto& op : item.operations) p[op.method] = OperationV2(op, gvk, defs);
    if (!item.parameters.empty()) p["parameters"] = ParametersV2(item.parameters);
    return p;
  });
  return {{"swagger", "2.0"},
          {"info", Info()},
          {"paths", std::move(paths)},
          {"definitions", Sorted(defs.schemas())}};
}

std::string OpenApiV3GroupVersionKey() {
  return fmt::format("apis/{}/{}", api::kGroup, api::kStorageVersion);
}

const OpenApiDocument& OpenApiV2Document() {
  static const OpenApiDocument doc = Serialise(BuildOpenApiV2());
  return doc;
}

const OpenApiDocument& OpenApiV3GroupVersionDocument() {
  static const OpenApiDocument doc = Serialise(BuildOpenApiV3GroupVersion());
  return doc;
}

const OpenApiDocument& OpenApiV3IndexDocument() {
  static const OpenApiDocument doc = [] {
    const std::string key = OpenApiV3GroupVersionKey();
    // The hash lets clients cache the document for good: a new document has a new URL.
    const std::string url =
        fmt::format("/openapi/v3/{}?hash={}", key, OpenApiV3GroupVersionDocument().hash);
    return Serialise(
        bj::object{{"paths", bj::object{{key, bj::object{{"serverRelativeURL", url}}}}}});
  }();
  return doc;
}

const std::string& OpenApiV3Index() {
  return OpenApiV3IndexDocument().body;
}

const std::string& OpenApiV3GroupVersion() {
  return OpenApiV3GroupVersionDocument().body;
}

}  // namespace navigator::apiserver
