#include "navigator/apiserver/openapi_paths.h"

#include <fmt/format.h>

#include <cctype>

namespace navigator::apiserver::openapi {
namespace {

constexpr Parameter kNamespace{"namespace", "path", ParamType::kString, "Namespace of the objects.",
                               true};
constexpr Parameter kName{"name", "path", ParamType::kString, "Name of the object.", true};
constexpr Parameter kPretty{"pretty", "query", ParamType::kString,
                            "If 'true', the response is indented."};

constexpr Parameter kDryRun{"dryRun", "query", ParamType::kString,
                            "All: validate and answer as if the write happened, but store "
                            "nothing. The only accepted value is All."};
constexpr Parameter kFieldManager{"fieldManager", "query", ParamType::kString,
                                  "Name of the actor (field manager) making the change."};
constexpr Parameter kFieldValidation{
    "fieldValidation", "query", ParamType::kString,
    "What to do with unknown or duplicate fields in the body: Ignore drops them, Warn (the "
    "default) drops them with a Warning header each, Strict refuses the request with 400 Bad "
    "Request."};

constexpr Parameter kListParameters[] = {
    {"allowWatchBookmarks", "query", ParamType::kBoolean,
     "With watch, ask for BOOKMARK events that only carry a newer resourceVersion. The server "
     "may not send them."},
    {"continue", "query", ParamType::kString,
     "The continue token of the previous page (metadata.continue), to read the next page of a "
     "list with the same query."},
    {"fieldSelector", "query", ParamType::kString,
     "Only objects whose fields match, such as metadata.name=demo. Supported fields: "
     "metadata.name and metadata.namespace."},
    {"labelSelector", "query", ParamType::kString,
     "Only objects whose labels match, such as app=demo,tier!=cache."},
    {"limit", "query", ParamType::kInteger,
     "The most items to return; when more remain, metadata.continue says how to read them."},
    {"resourceVersion", "query", ParamType::kString,
     "The version to read the list at or start the watch from; how it applies is set by "
     "resourceVersionMatch. Unset means the most recent."},
    {"resourceVersionMatch", "query", ParamType::kString,
     "How resourceVersion applies to a list: NotOlderThan or Exact."},
    {"sendInitialEvents", "query", ParamType::kBoolean,
     "With watch, begin with an ADDED event for every existing object, then a BOOKMARK marking "
     "the end of the initial state."},
    {"timeoutSeconds", "query", ParamType::kInteger,
     "Time limit of the list or watch call, in seconds."},
    {"watch", "query", ParamType::kBoolean,
     "Instead of a list, stream the changes to the selected objects as ADDED, MODIFIED and "
     "DELETED events."},
};

constexpr Parameter kDeleteParameters[] = {
    kDryRun,
    {"gracePeriodSeconds", "query", ParamType::kInteger,
     "Seconds before the object is deleted; 0 deletes at once."},
    {"propagationPolicy", "query", ParamType::kString,
     "What happens to objects owned by the deleted one: Orphan (kept), Background (deleted after "
     "it) or Foreground (deleted before it)."},
};

std::vector<Parameter> WriteParameters() {
  return {kDryRun, kFieldManager, kFieldValidation};
}
std::vector<Parameter> ListParameters() {
  return {std::begin(kListParameters), std::end(kListParameters)};
}

std::vector<Response> Responses(std::string_view schema,
                                std::initializer_list<std::string_view> codes) {
  std::vector<Response> out;
  for (auto code : codes) {
    std::string description = code == "201" ? "Created" : code == "202" ? "Accepted" : "OK";
    out.push_back({code, std::string(schema), std::move(description)});
  }
  return out;
}

// "Pilot" -> "a Pilot", "ElasticsearchCluster" -> "an ElasticsearchCluster".
std::string Article(std::string_view kind) {
  const bool vowel = !kind.empty() && std::string_view("AEIOU").find(kind[0]) != kind.npos;
  return fmt::format("{} {}", vowel ? "an" : "a", kind);
}

}  // namespace

std::string OperationIdInfix(std::string_view group, std::string_view version) {
  std::string out;
  bool upper = true;
  for (char c : group) {
    if (c == '.' || c == '-') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  std::string v(version);
  if (!v.empty()) v[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(v[0])));
  return out + v;
}

std::vector<PathItem> ResourcePaths(const api::ResourceInfo& info, std::string_view kind_schema,
                                    std::string_view list_schema, std::string_view status_schema,
                                    std::string_view delete_options_schema,
                                    std::string_view patch_schema) {
  const std::string infix = OperationIdInfix(api::kGroup, api::kStorageVersion);
  const std::string kind(info.kind);
  const std::string a_kind = Article(info.kind);
  const std::string base = fmt::format("/apis/{}/{}", api::kGroup, api::kStorageVersion);
  const std::string collection = fmt::format("{}/namespaces/{{namespace}}/{}", base, info.plural);
  const std::vector<std::string_view> json = {"application/json"};
  const std::vector<std::string_view> list_types = {"application/json",
                                                    "application/json;stream=watch"};
  const std::vector<std::string_view> patch_types(std::begin(kPatchTypes), std::end(kPatchTypes));

  auto list = [&](std::string id) {
    return Operation{"get",
                     std::move(id),
                     fmt::format("list or watch objects of kind {}", kind),
                     "list",
                     ListParameters(),
                     "",
                     false,
                     {},
                     Responses(list_schema, {"200"}),
                     list_types};
  };
  auto read = [&](std::string id, std::string description) {
    return Operation{"get",
                     std::move(id),
                     std::move(description),
                     "get",
                     {},
                     "",
                     false,
                     {},
                     Responses(kind_schema, {"200"}),
                     json};
  };
  auto replace = [&](std::string id, std::string description) {
    return Operation{"put",
                     std::move(id),
                     std::move(description),
                     "put",
                     WriteParameters(),
                     std::string(kind_schema),
                     true,
                     json,
                     Responses(kind_schema, {"200", "201"}),
                     json};
  };
  auto patch = [&](std::string id, std::string description) {
    return Operation{"patch", std::move(id),     std::move(description),
                     "patch", WriteParameters(), std::string(patch_schema),
                     true,    patch_types,       Responses(kind_schema, {"200", "201"}),
                     json};
  };

  std::vector<Parameter> delete_collection_params = ListParameters();
  delete_collection_params.insert(delete_collection_params.end(), std::begin(kDeleteParameters),
                                  std::end(kDeleteParameters));

  std::vector<PathItem> paths;
  paths.push_back(PathItem{fmt::format("{}/{}", base, info.plural),
                           {kPretty},
                           {list(fmt::format("list{}{}ForAllNamespaces", infix, kind))}});
  paths.push_back(
      PathItem{collection,
               {kNamespace, kPretty},
               {list(fmt::format("list{}Namespaced{}", infix, kind)),
                Operation{"post", fmt::format("create{}Namespaced{}", infix, kind),
                          fmt::format("create {}", a_kind), "post", WriteParameters(),
                          std::string(kind_schema), true, json,
                          Responses(kind_schema, {"200", "201", "202"}), json},
                Operation{"delete", fmt::format("delete{}CollectionNamespaced{}", infix, kind),
                          fmt::format("delete collection of {}", kind), "deletecollection",
                          std::move(delete_collection_params), std::string(delete_options_schema),
                          false, json, Responses(status_schema, {"200"}), json}}});
  paths.push_back(PathItem{
      collection + "/{name}",
      {kName, kNamespace, kPretty},
      {read(fmt::format("read{}Namespaced{}", infix, kind),
            fmt::format("read the specified {}", kind)),
       replace(fmt::format("replace{}Namespaced{}", infix, kind),
               fmt::format("replace the specified {}", kind)),
       patch(fmt::format("patch{}Namespaced{}", infix, kind),
             fmt::format("partially update the specified {}", kind)),
       Operation{"delete", fmt::format("delete{}Namespaced{}", infix, kind),
                 fmt::format("delete {}", a_kind), "delete",
                 std::vector<Parameter>(std::begin(kDeleteParameters), std::end(kDeleteParameters)),
                 std::string(delete_options_schema), false, json,
                 Responses(kind_schema, {"200", "202"}), json}}});
  paths.push_back(
      PathItem{collection + "/{name}/status",
               {kName, kNamespace, kPretty},
               {read(fmt::format("read{}Namespaced{}Status", infix, kind),
                     fmt::format("read status of the specified {}", kind)),
                replace(fmt::format("replace{}Namespaced{}Status", infix, kind),
                        fmt::format("replace status of the specified {}", kind)),
                patch(fmt::format("patch{}Namespaced{}Status", infix, kind),
                      fmt::format("partially update status of the specified {}", kind))}});
  return paths;
}

}  // namespace navigator::apiserver::openapi
