#pragma once

// The REST operations of one Navigator kind as the OpenAPI documents publish
// them, in a form independent of the OpenAPI version: paths, verbs,
// parameters, bodies and responses. openapi.cc renders the table as OpenAPI v3
// and as Swagger 2.0. Pure data; thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "navigator/api/navigator/kinds.h"

namespace navigator::apiserver::openapi {

enum class ParamType { kString, kBoolean, kInteger };

struct Parameter {
  std::string_view name;
  std::string_view in;  // "path" or "query"
  ParamType type = ParamType::kString;
  std::string_view description;
  bool required = false;  // always true for path parameters
};

struct Response {
  std::string_view code;    // "200", "201", ...
  std::string schema;       // schema name of the body
  std::string description;  // "OK", "Created", "Accepted"
};

struct Operation {
  std::string_view method;  // "get", "post", "put", "patch", "delete"
  std::string id;           // operationId, named as Kubernetes names them
  std::string description;
  std::string_view action;  // x-kubernetes-action
  std::vector<Parameter> parameters;
  std::string body_schema;  // empty: no body
  bool body_required = false;
  std::vector<std::string_view> body_types;  // media types of the body
  std::vector<Response> responses;
  std::vector<std::string_view> response_types;
};

struct PathItem {
  std::string path;
  std::vector<Parameter> parameters;  // shared by every operation of the path
  std::vector<Operation> operations;
};

// Media types of a PATCH body, in the order kube lists them (apply-patch is
// not served).
inline constexpr std::string_view kPatchTypes[] = {"application/json-patch+json",
                                                   "application/merge-patch+json",
                                                   "application/strategic-merge-patch+json"};

// The paths of the namespaced kind `info`, whose object and list schemas are
// named `kind_schema` and `list_schema`; errors are described by `status_schema`
// and delete bodies by `delete_options_schema`, patches by `patch_schema`.
std::vector<PathItem> ResourcePaths(const api::ResourceInfo& info, std::string_view kind_schema,
                                    std::string_view list_schema, std::string_view status_schema,
                                    std::string_view delete_options_schema,
                                    std::string_view patch_schema);

// "navigator.jetstack.io" + "v1alpha1" -> "NavigatorJetstackIoV1alpha1", the
// infix of kube's operation IDs.
std::string OperationIdInfix(std::string_view group, std::string_view version);

}  // namespace navigator::apiserver::openapi
