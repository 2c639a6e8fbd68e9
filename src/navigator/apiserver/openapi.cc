#include "navigator/apiserver/openapi.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <functional>

#include "navigator/api/meta/object_meta.h"
#include "navigator/api/navigator/kinds.h"
#include "navigator/api/navigator/schema.h"

namespace navigator::apiserver {
namespace {

namespace bj = boost::json;

constexpr std::string_view kSchemaPrefix = "io.jetstack.navigator.v1alpha1.";

bj::object Gvk(std::string_view kind) {
  return {{"group", api::kGroup}, {"kind", kind}, {"version", api::kStorageVersion}};
}

bj::object Ref(std::string_view kind) {
  return {{"$ref", fmt::format("#/components/schemas/{}{}", kSchemaPrefix, kind)}};
}

bj::object JsonContent(std::string_view kind) {
  return {{"application/json", bj::object{{"schema", Ref(kind)}}}};
}

bj::object Parameter(std::string_view name, std::string_view in, std::string_view description) {
  return {{"name", name},
          {"in", in},
          {"description", description},
          {"required", in == "path"},
          {"schema", bj::object{{"type", "string"}}},
          {"uniqueItems", true}};
}

bj::array WriteParameters() {
  return {Parameter("dryRun", "query", "When present, the request is not persisted."),
          Parameter("fieldManager", "query", "The name of the actor making the change."),
          Parameter("fieldValidation", "query",
                    "Ignore, Warn (the default) or Strict: what to do with unknown or duplicate "
                    "fields in the body.")};
}

bj::object Operation(std::string_view id, std::string_view kind, std::string_view action,
                     bj::object responses, bj::array parameters = {}, bool with_body = false) {
  bj::object op{{"operationId", id},
                {"responses", std::move(responses)},
                {"x-kubernetes-action", action},
                {"x-kubernetes-group-version-kind", Gvk(kind)}};
  if (!parameters.empty()) op["parameters"] = std::move(parameters);
  if (with_body) op["requestBody"] = bj::object{{"content", JsonContent(kind)}, {"required", true}};
  return op;
}

bj::object Ok(std::string_view kind, std::string_view code = "200") {
  return {{code, bj::object{{"description", "OK"}, {"content", JsonContent(kind)}}}};
}

template <typename T>
void AddKind(bj::object& schemas, bj::object& paths) {
  const api::ResourceInfo& info = api::KindTraits<T>::kInfo;
  bj::object schema = api::JsonSchemaOf<T>();
  auto& props = schema["properties"].as_object();
  props["apiVersion"] = bj::object{{"type", "string"}};
  props["kind"] = bj::object{{"type", "string"}};
  schema["x-kubernetes-group-version-kind"] = bj::array{Gvk(info.kind)};
  schemas[fmt::format("{}{}", kSchemaPrefix, info.kind)] = std::move(schema);
  schemas[fmt::format("{}{}", kSchemaPrefix, info.list_kind)] =
      bj::object{{"type", "object"},
                 {"required", bj::array{"items"}},
                 {"properties",
                  bj::object{{"apiVersion", bj::object{{"type", "string"}}},
                             {"kind", bj::object{{"type", "string"}}},
                             {"metadata", api::JsonSchemaOf<api::ListMeta>()},
                             {"items", bj::object{{"type", "array"}, {"items", Ref(info.kind)}}}}},
                 {"x-kubernetes-group-version-kind", bj::array{Gvk(info.list_kind)}}};

  const std::string base = fmt::format("/apis/{}/{}", api::kGroup, api::kStorageVersion);
  const std::string ns_param_path =
      fmt::format("{}/namespaces/{{namespace}}/{}", base, info.plural);
  const bj::array ns_params{Parameter("namespace", "path", "object name and auth scope")};
  const bj::array named_params{Parameter("namespace", "path", "object name and auth scope"),
                               Parameter("name", "path", "name of the object")};
  const std::string kind(info.kind);

  paths[fmt::format("{}/{}", base, info.plural)] =
      bj::object{{"get", Operation("list" + kind + "ForAllNamespaces", info.list_kind, "list",
                                   Ok(info.list_kind))}};
  paths[ns_param_path] = bj::object{
      {"get", Operation("listNamespaced" + kind, info.list_kind, "list", Ok(info.list_kind))},
      {"post", Operation("createNamespaced" + kind, info.kind, "post", Ok(info.kind, "201"),
                         WriteParameters(), true)},
      {"parameters", ns_params}};
  paths[ns_param_path + "/{name}"] = bj::object{
      {"get", Operation("readNamespaced" + kind, info.kind, "get", Ok(info.kind))},
      {"put", Operation("replaceNamespaced" + kind, info.kind, "put", Ok(info.kind),
                        WriteParameters(), true)},
      {"patch", Operation("patchNamespaced" + kind, info.kind, "patch", Ok(info.kind),
                          WriteParameters(), true)},
      {"delete", Operation("deleteNamespaced" + kind, info.kind, "delete", Ok(info.kind))},
      {"parameters", named_params}};
  paths[ns_param_path + "/{name}/status"] = bj::object{
      {"get", Operation("readNamespaced" + kind + "Status", info.kind, "get", Ok(info.kind))},
      {"put", Operation("replaceNamespaced" + kind + "Status", info.kind, "put", Ok(info.kind),
                        WriteParameters(), true)},
      {"patch", Operation("patchNamespaced" + kind + "Status", info.kind, "patch", Ok(info.kind),
                          WriteParameters(), true)},
      {"parameters", named_params}};
}

std::string BuildGroupVersion() {
  bj::object schemas, paths;
  AddKind<api::ElasticsearchCluster>(schemas, paths);
  AddKind<api::CassandraCluster>(schemas, paths);
  AddKind<api::Pilot>(schemas, paths);
  bj::object doc{{"openapi", "3.0.0"},
                 {"info", bj::object{{"title", "Navigator"}, {"version", "v1alpha1"}}},
                 {"paths", std::move(paths)},
                 {"components", bj::object{{"schemas", std::move(schemas)}}}};
  return bj::serialize(doc);
}

}  // namespace

const std::string& OpenApiV3GroupVersion() {
  static const std::string doc = BuildGroupVersion();
  return doc;
}

const std::string& OpenApiV3Index() {
  static const std::string index = [] {
    const std::string gv = fmt::format("apis/{}/{}", api::kGroup, api::kStorageVersion);
    // The hash lets clients cache the document until it changes.
    const std::string url = fmt::format("/openapi/v3/{}?hash={:016X}", gv,
                                        std::hash<std::string>{}(OpenApiV3GroupVersion()));
    return bj::serialize(
        bj::object{{"paths", bj::object{{gv, bj::object{{"serverRelativeURL", url}}}}}});
  }();
  return index;
}

}  // namespace navigator::apiserver
