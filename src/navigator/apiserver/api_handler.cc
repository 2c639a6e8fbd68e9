#include "navigator/apiserver/api_handler.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "navigator/api/navigator/codec.h"
#include "navigator/api/navigator/kinds.h"
#include "navigator/apiserver/discovery.h"
#include "navigator/apiserver/openapi.h"
#include "navigator/apiserver/request_info.h"
#include "navigator/apiserver/responses.h"
#include "navigator/apiserver/version_info.h"

namespace navigator::apiserver {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string_view MediaType(std::string_view content_type) {
  auto semi = content_type.find(';');
  std::string_view type = content_type.substr(0, semi);
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  return type;
}

// True when the client accepts JSON (or anything) among its Accept entries.
bool AcceptsJson(std::string_view accept) {
  if (accept.empty()) return true;
  while (!accept.empty()) {
    auto comma = accept.find(',');
    std::string_view entry = MediaType(accept.substr(0, comma));
    while (!entry.empty() && entry.front() == ' ') entry.remove_prefix(1);
    if (entry == "application/json" || entry == "*/*" || entry == "application/*") return true;
    if (comma == std::string_view::npos) break;
    accept.remove_prefix(comma + 1);
  }
  return false;
}

Status NotFoundPath() {
  return Status(StatusCode::kNotFound, "the server could not find the requested resource");
}

Status MethodNotAllowed(std::string_view method, std::string_view what) {
  return Status(StatusCode::kMethodNotAllowed,
                fmt::format("the server does not allow this method on the requested resource: "
                            "{} is not supported on {}",
                            method, what));
}

http::Response RawJson(const std::string& body) {
  http::Response r;
  r.body = body;
  return r;
}

bool IsValidSegment(std::string_view s) {
  return !s.empty() && s != "." && s != ".." && s.find_first_of("/%") == std::string_view::npos;
}

}  // namespace

ApiHandler::ApiHandler(registry::StoreContext context) : context_(context) {
  endpoints_.emplace(api::KindTraits<api::ElasticsearchCluster>::kInfo.plural,
                     MakeResourceEndpoint<api::ElasticsearchCluster>(context));
  endpoints_.emplace(api::KindTraits<api::CassandraCluster>::kInfo.plural,
                     MakeResourceEndpoint<api::CassandraCluster>(context));
  endpoints_.emplace(api::KindTraits<api::Pilot>::kInfo.plural,
                     MakeResourceEndpoint<api::Pilot>(context));
}

http::Response ApiHandler::Handle(const http::Request& request) const {
  const std::string& path = request.path;
  if (request.method != "GET" && request.method != "HEAD" && !StartsWith(path, "/apis/")) {
    return StatusResponse(MethodNotAllowed(request.method, path));
  }
  if (path == "/healthz" || path == "/livez") return HandleHealth(request, false);
  if (path == "/readyz") return HandleHealth(request, true);
  if (!AcceptsJson(request.Header("Accept"))) {
    return StatusResponse(Status(
        StatusCode::kNotAcceptable,
        fmt::format("only application/json is served, not \"{}\"", request.Header("Accept"))));
  }
  if (path == "/version") return JsonResponse(200, VersionInfo());
  if (path == "/openapi/v3" || path == "/openapi/v3/") return RawJson(OpenApiV3Index());
  if (path == fmt::format("/openapi/v3/apis/{}/{}", api::kGroup, api::kStorageVersion)) {
    return RawJson(OpenApiV3GroupVersion());
  }
  if (path == "/api" || path == "/api/") return JsonResponse(200, LegacyApiVersions());
  if (path == "/apis" || path == "/apis/") return JsonResponse(200, ApiGroupList());
  const std::string group_path = fmt::format("/apis/{}", api::kGroup);
  if (path == group_path || path == group_path + "/") {
    return JsonResponse(200, NavigatorApiGroup());
  }
  const std::string version_path = fmt::format("{}/{}", group_path, api::kStorageVersion);
  if (path == version_path || path == version_path + "/") {
    return JsonResponse(200, NavigatorApiResourceList());
  }
  return HandleResource(request);
}

http::Response ApiHandler::HandleResource(const http::Request& request) const {
  RequestInfo info = ParseRequestInfo(request.method, request.path);
  if (!info.is_resource_request || info.malformed || info.api_group != api::kGroup ||
      api::ServedVersionOf(fmt::format("{}/{}", info.api_group, info.api_version)).empty()) {
    return StatusResponse(NotFoundPath());
  }
  auto it = endpoints_.find(info.resource);
  if (it == endpoints_.end()) {
    return StatusResponse(
        Status(StatusCode::kNotFound,
               fmt::format("the server could not find the requested resource: {} is not a resource "
                           "of {}/{}",
                           info.resource, info.api_group, info.api_version)));
  }
  if (!info.subresource.empty() && info.subresource != "status") {
    return StatusResponse(NotFoundPath());
  }
  if ((!info.namespace_.empty() && !IsValidSegment(info.namespace_)) ||
      (!info.name.empty() && !IsValidSegment(info.name))) {
    return StatusResponse(BadRequest("namespace and name must be valid path segments"));
  }
  ResourceEndpoint& endpoint = *it->second;
  const std::string& ns = info.namespace_;

  if (request.method == "POST" || request.method == "PUT") {
    std::string_view type = MediaType(request.Header("Content-Type"));
    if (type != "application/json") {
      return StatusResponse(Status(
          StatusCode::kUnsupportedMediaType,
          fmt::format("the body of the request was in an unknown format \"{}\": accepted media "
                      "types include: application/json",
                      type)));
    }
  }

  const bool has_name = !info.name.empty();
  const bool status = info.subresource == "status";
  // Cluster-wide paths serve only list; everything else needs a namespace.
  if (ns.empty() && !(request.method == "GET" && !has_name)) {
    return StatusResponse(MethodNotAllowed(request.method,
                                           "a cluster-wide path; use "
                                           "/namespaces/<namespace>/..."));
  }
  registry::WriteOptions write_options;
  if (const std::string* fv = request.Query("fieldValidation")) {
    auto parsed = registry::ParseFieldValidation(*fv);
    if (!parsed.ok()) return StatusResponse(parsed.status());
    write_options.field_validation = *parsed;
  }
  if (request.method == "PATCH" && has_name) {
    std::string_view type = MediaType(request.Header("Content-Type"));
    if (type != "application/merge-patch+json" &&
        type != "application/strategic-merge-patch+json") {
      return StatusResponse(Status(
          StatusCode::kUnsupportedMediaType,
          fmt::format("the patch type \"{}\" is not supported: use application/merge-patch+json "
                      "or application/strategic-merge-patch+json",
                      type)));
    }
    return endpoint.Patch(ns, info.name, request.body,
                          type == "application/strategic-merge-patch+json", status, write_options);
  }
  if (status) {
    if (request.method == "GET") return endpoint.Get(ns, info.name);
    if (request.method == "PUT") {
      return endpoint.UpdateStatus(ns, info.name, request.body, write_options);
    }
    return StatusResponse(MethodNotAllowed(request.method, "the status subresource"));
  }
  if (request.method == "GET" || request.method == "HEAD") {
    return has_name ? endpoint.Get(ns, info.name) : endpoint.List(ns);
  }
  if (request.method == "POST" && !has_name) {
    return endpoint.Create(ns, request.body, write_options);
  }
  if (request.method == "PUT" && has_name) {
    return endpoint.Update(ns, info.name, request.body, write_options);
  }
  if (request.method == "DELETE" && has_name) {
    return endpoint.Delete(ns, info.name, request.body);
  }
  return StatusResponse(MethodNotAllowed(request.method, info.resource));
}

http::Response ApiHandler::HandleHealth(const http::Request& request, bool check_storage) const {
  Status storage_status = check_storage ? context_.storage->Check() : OkStatus();
  const bool verbose = request.Query("verbose") != nullptr;
  std::string body;
  if (verbose) {
    body += "[+]ping ok\n";
    if (check_storage) {
      body += storage_status.ok() ? "[+]etcd ok\n"
                                  : fmt::format("[-]etcd failed: {}\n", storage_status.message());
    }
  }
  const std::string_view name = std::string_view(request.path).substr(1);
  body += storage_status.ok() ? fmt::format("{} check passed\n", name)
                              : fmt::format("{} check failed\n", name);
  if (!verbose) body = storage_status.ok() ? "ok" : body;
  http::Response r;
  r.status = storage_status.ok() ? 200 : 500;
  r.content_type = "text/plain; charset=utf-8";
  r.body = std::move(body);
  return r;
}

}  // namespace navigator::apiserver
